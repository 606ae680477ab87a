/*
 * fs/read_write.c: read, write, their vector and positional forms, lseek.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/shmem_fs.h>
#include <linux/uio.h>

#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)	/* as Linux: one call moves at most ~2 GiB */
#define UIO_MAXIOV	1024

loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = off;
		break;
	case SEEK_CUR:
		pos = f->f_pos + off;
		break;
	case SEEK_END:
		pos = f->f_inode->i_size + off;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

loff_t no_llseek(struct file *f, loff_t off, int whence)
{
	(void)f; (void)off; (void)whence;
	return -ESPIPE;
}

/* The position stays (Linux's noop_llseek): files with no position that seek quietly. */
loff_t noop_llseek(struct file *f, loff_t off, int whence)
{
	(void)off; (void)whence;
	return f->f_pos;
}

/* Linux's rw_verify_area: no negative position, and none that @n would carry past 2^63. */
static int rw_verify_area(loff_t pos, size_t n)
{
	if (pos < 0 || (loff_t)(pos + n) < 0)
		return -EINVAL;
	return 0;
}

static ssize_t vfs_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	if (rw_verify_area(*pos, n))
		return -EINVAL;
	if (!n)
		return 0;
	return f->f_op->read(f, buf, min_t(size_t, n, MAX_RW_COUNT), pos);
}

static ssize_t vfs_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	if (rw_verify_area(*pos, n))
		return -EINVAL;
	/*
	 * Even an empty write reaches the file, as in Linux: most files
	 * return 0 for it themselves (pipe_write: "Null write succeeds"),
	 * but some refuse it (an empty uid_map is EINVAL, /dev/full ENOSPC).
	 */
	return f->f_op->write(f, buf, min_t(size_t, n, MAX_RW_COUNT), pos);
}

/*
 * Reads a memory file into a kernel buffer (exec loads programs so).
 * Only memory files can be read this way: every file operation here
 * copies to user memory.
 */
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->f_inode;

	if (!inode->i_data)
		return -EINVAL;
	return shmem_read(inode->i_data, inode->i_size, buf, n, pos, false);
}

/*
 * Writes kernel memory to a file (a core dump) through its ->write_iter,
 * as Linux's __kernel_write: EINVAL for a file without one.
 */
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct iov_iter from;

	if (!f->f_op->write_iter)
		return -EINVAL;
	iov_iter_kvec(&from, buf, n);
	return f->f_op->write_iter(f, &from, pos);
}

static bool stream_file(struct file *f)
{
	return f->f_op && f->f_op->llseek == no_llseek;
}

/* May @f be read or written at a given position (pread)?  Not a stream or an anonymous file. */
static bool file_pread_ok(struct file *f)
{
	return (f->f_mode & FMODE_PREAD) && !stream_file(f);
}

SYSCALL_DEFINE3(read, unsigned int, fd, char *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!f)
		return -EBADF;
	file_pos_lock(f);
	pos = f->f_pos;
	ret = vfs_read(f, buf, count, &pos);
	if (ret >= 0 && !stream_file(f))
		f->f_pos = pos;
	file_pos_unlock(f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!f)
		return -EBADF;
	file_pos_lock(f);
	pos = f->f_pos;
	ret = vfs_write(f, buf, count, &pos);
	if (ret >= 0 && !stream_file(f))
		f->f_pos = pos;
	file_pos_unlock(f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char *, buf, size_t, count, loff_t, pos)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = !file_pread_ok(f) ? -ESPIPE : vfs_read(f, buf, count, &pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char *, buf, size_t, count, loff_t, pos)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = !file_pread_ok(f) ? -ESPIPE : vfs_write(f, buf, count, &pos);
	fput(f);
	return ret;
}

struct iovec {
	void *iov_base;
	size_t iov_len;
};

/* readv/writev: the segments in order; a short transfer ends the call. */
static ssize_t do_iov(unsigned int fd, const struct iovec *uvec, unsigned long vlen, bool write)
{
	struct iovec iov;
	struct file *f;
	ssize_t ret = 0, n;
	unsigned long i;
	loff_t pos;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	file_pos_lock(f);
	pos = f->f_pos;
	for (i = 0; i < vlen; i++) {
		if (copy_from_user(&iov, uvec + i, sizeof(iov))) {
			n = -EFAULT;
		} else if ((ssize_t)iov.iov_len < 0) {
			n = -EINVAL;
		} else if (!iov.iov_len) {
			continue;
		} else {
			n = write ? vfs_write(f, iov.iov_base, iov.iov_len, &pos)
				  : vfs_read(f, iov.iov_base, iov.iov_len, &pos);
		}
		if (n < 0) {
			if (!ret)
				ret = n;
			break;
		}
		ret += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	if (ret > 0 && !stream_file(f))
		f->f_pos = pos;
	file_pos_unlock(f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen)
{
	return do_iov(fd, vec, vlen, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen)
{
	return do_iov(fd, vec, vlen, true);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, off_t, offset, unsigned int, whence)
{
	struct file *f = fget(fd);
	loff_t ret;

	if (!f)
		return -EBADF;
	if (whence > SEEK_END)
		ret = -EINVAL;
	else if (!f->f_op || !f->f_op->llseek)
		ret = -ESPIPE;
	else {
		file_pos_lock(f);
		ret = f->f_op->llseek(f, offset, whence);
		file_pos_unlock(f);
	}
	fput(f);
	return ret;
}

/*
 * Copies up to @count bytes from @in at *@pos to @out at *@out_pos a page
 * at a time through a kernel page; stops at the end of @in or at a short
 * write.  The bytes read and not written are given back to *@pos.
 */
static ssize_t sendfile_copy(struct file *in, loff_t *pos, struct file *out, loff_t *out_pos,
			     size_t count)
{
	char *buf = (char *)__get_free_page(GFP_KERNEL);
	struct iov_iter from;
	ssize_t done = 0, n, w;

	if (!buf)
		return -ENOMEM;
	while ((size_t)done < count) {
		n = kernel_read(in, buf, min(count - done, PAGE_SIZE), pos);
		if (n <= 0) {
			if (!done)
				done = n;
			break;
		}
		iov_iter_kvec(&from, buf, n);
		w = out->f_op->write_iter(out, &from, out_pos);
		if (w < n)
			*pos -= n - max_t(ssize_t, w, 0);
		if (w <= 0) {
			if (!done)
				done = w;
			break;
		}
		done += w;
		if (w < n)
			break;
	}
	free_page((unsigned long)buf);
	return done;
}

/*
 * sendfile(2) (Linux's do_sendfile): @count bytes of @in_fd, from *@ppos
 * or its file position, to @out_fd at its position.  Linux splices page
 * cache pages; here the bytes go through a kernel page, so the input must
 * be a memory file (what kernel_read reads) and the output must take a
 * kernel buffer (->write_iter: memory files, pipes, the tty, /dev/null):
 * other files are EINVAL, as Linux's without splice_read or splice_write.
 * An output file with O_APPEND is EINVAL too (v6.1's do_splice_direct).
 */
static ssize_t do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in = fget(in_fd), *out = NULL;
	loff_t pos, out_pos;
	ssize_t ret = -EBADF;

	if (!in || !(in->f_mode & FMODE_READ))
		goto out;
	ret = -ESPIPE;
	if (ppos && !file_pread_ok(in))
		goto out;
	pos = ppos ? *ppos : in->f_pos;
	ret = -EINVAL;
	if ((ssize_t)count < 0 || pos < 0 || __builtin_add_overflow(pos, (loff_t)count, &out_pos))
		goto out;			/* Linux's rw_verify_area */
	count = min_t(size_t, count, MAX_RW_COUNT);
	ret = -EBADF;
	out = fget(out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE))
		goto out;
	ret = -EINVAL;
	if (!S_ISREG(in->f_inode->i_mode) || !in->f_inode->i_data || !out->f_op || !out->f_op->write_iter ||
	    (!S_ISFIFO(out->f_inode->i_mode) && (out->f_flags & O_APPEND)))
		goto out;
	out_pos = out->f_pos;
	ret = sendfile_copy(in, &pos, out, &out_pos, count);
	if (ret > 0) {
		if (!stream_file(out))
			out->f_pos = out_pos;
		if (ppos)
			*ppos = pos;
		else
			in->f_pos = pos;
	}
out:
	if (out)
		fput(out);
	if (in)
		fput(in);
	return ret;
}

/* x86_64's sendfile is sendfile64: the offset is a loff_t, read and written back. */
SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, loff_t *, offset, size_t, count)
{
	loff_t pos;
	ssize_t ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count);
	if (put_user(pos, offset))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;			/* memory file systems have nothing to flush */
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

SYSCALL_DEFINE0(sync)
{
	return 0;
}
