/*
 * fs/readdir.c: getdents64 (and the older getdents).
 *
 * The file system calls our actor once per entry; it packs each into the
 * user's buffer as a struct linux_dirent64 and stops when the next one
 * does not fit.  f_pos remembers where the next call resumes.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

struct getdents_callback {
	struct dir_context ctx;
	char *cur;			/* where the next entry goes in the user buffer */
	int count;			/* bytes left */
	int error;
	bool dirent64;
};

struct linux_dirent64_hdr {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
} __packed;

struct linux_dirent_hdr {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
} __packed;

static bool filldir(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		    u64 ino, unsigned int d_type)
{
	struct getdents_callback *buf = container_of(ctx, struct getdents_callback, ctx);
	int hdr = buf->dirent64 ? sizeof(struct linux_dirent64_hdr) :
				  sizeof(struct linux_dirent_hdr);
	int reclen = ALIGN(hdr + namlen + 1 + !buf->dirent64, sizeof(u64));
	char rec[sizeof(struct linux_dirent64_hdr) + NAME_MAX + 16];

	(void)offset;
	if (reclen > buf->count) {
		buf->error = -EINVAL;	/* a buffer too small even for one entry */
		return false;
	}
	memset(rec, 0, reclen);
	if (buf->dirent64) {
		struct linux_dirent64_hdr *d = (void *)rec;

		d->d_ino = ino;
		d->d_off = ctx->pos + 1;
		d->d_reclen = reclen;
		d->d_type = d_type;
	} else {
		struct linux_dirent_hdr *d = (void *)rec;

		d->d_ino = ino;
		d->d_off = ctx->pos + 1;
		d->d_reclen = reclen;
		rec[reclen - 1] = d_type;	/* the old dirent keeps d_type in its last byte */
	}
	memcpy(rec + hdr, name, namlen);
	if (copy_to_user(buf->cur, rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->cur += reclen;
	buf->count -= reclen;
	buf->error = 0;
	return true;
}

static long do_getdents(unsigned int fd, void *dirent, unsigned int count, bool dirent64)
{
	struct getdents_callback buf = {
		.ctx.actor = filldir, .cur = dirent, .count = count, .dirent64 = dirent64,
	};
	struct file *f;
	long ret;

	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -ENOTDIR;
	if (f->f_op && f->f_op->iterate) {
		file_pos_lock(f);
		buf.ctx.pos = f->f_pos;
		ret = f->f_op->iterate(f, &buf.ctx);
		f->f_pos = buf.ctx.pos;
		file_pos_unlock(f);
		if (!ret)
			ret = (char *)buf.cur - (char *)dirent;
		if (!ret)
			ret = buf.error;	/* nothing fitted: EINVAL, or 0 at the end */
	}
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, true);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, void *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, false);
}
