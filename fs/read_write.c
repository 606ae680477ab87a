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
#include <linux/slab.h>
#include <linux/bitops.h>
#include <linux/resource.h>

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

/*
 * A write to a regular file, at iocb->ki_pos (the end for O_APPEND),
 * under the inode's i_mutex: the bytes it may write, cut to end at
 * RLIMIT_FSIZE, or -EFBIG with SIGXFSZ when it starts at or past the
 * limit (Linux's generic_write_checks and generic_write_check_limits).
 */
ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = iocb->ki_filp->f_inode;
	unsigned long limit = current->signal->rlim[RLIMIT_FSIZE].rlim_cur;

	if (!iov_iter_count(from))
		return 0;
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = inode->i_size;
	if (limit != RLIM_INFINITY) {
		if ((u64)iocb->ki_pos >= limit) {
			send_sig(SIGXFSZ, current, 0);
			return -EFBIG;
		}
		iov_iter_truncate(from, limit - iocb->ki_pos);
	}
	return iov_iter_count(from);
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

/* A write of user memory through ->write_iter, with @iocb_flags too (Linux's new_sync_write). */
static ssize_t new_sync_write(struct file *f, const char *buf, size_t n, loff_t *pos,
			      int iocb_flags)
{
	struct kiocb kiocb;
	struct iov_iter from;
	ssize_t ret;

	init_sync_kiocb(&kiocb, f);
	kiocb.ki_flags |= iocb_flags;
	kiocb.ki_pos = *pos;
	iov_iter_ubuf(&from, buf, n);
	ret = f->f_op->write_iter(&kiocb, &from);
	if (ret > 0)
		*pos = kiocb.ki_pos;
	return ret;
}

/* @iocb_flags: pwritev2's, which go to ->write_iter (Linux's do_iter_write prefers it). */
static ssize_t vfs_write(struct file *f, const char *buf, size_t n, loff_t *pos, int iocb_flags)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || (!f->f_op->write && !f->f_op->write_iter))
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
	n = min_t(size_t, n, MAX_RW_COUNT);
	if (f->f_op->write_iter && (iocb_flags || !f->f_op->write))
		return new_sync_write(f, buf, n, pos, iocb_flags);
	return f->f_op->write(f, buf, n, pos);
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
	struct kiocb kiocb;
	ssize_t ret;

	if (!f->f_op->write_iter)
		return -EINVAL;
	init_sync_kiocb(&kiocb, f);
	kiocb.ki_pos = *pos;
	iov_iter_kvec(&from, buf, n);
	ret = f->f_op->write_iter(&kiocb, &from);
	if (ret > 0)
		*pos = kiocb.ki_pos;
	return ret;
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
	ret = vfs_write(f, buf, count, &pos, 0);
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
	ret = !file_pread_ok(f) ? -ESPIPE : vfs_write(f, buf, count, &pos, 0);
	fput(f);
	return ret;
}

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define UIO_FASTIOV	8

#define RWF_HIPRI	0x01
#define RWF_DSYNC	0x02
#define RWF_SYNC	0x04
#define RWF_NOWAIT	0x08
#define RWF_APPEND	0x10
#define RWF_SUPPORTED	(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

/*
 * The user's iovec array, copied in (Linux's import_iovec): EINVAL for
 * more than UIO_MAXIOV or a negative length, EFAULT; lengths past
 * MAX_RW_COUNT in all are cut.  The total; *@iovp is @fast or kmalloc'ed.
 */
static ssize_t import_iovec(const struct iovec *uvec, unsigned long nr, struct iovec *fast,
			    struct iovec **iovp)
{
	struct iovec *iov = fast;
	size_t total = 0;
	unsigned long seg;

	if (nr > UIO_MAXIOV)
		return -EINVAL;
	if (nr > UIO_FASTIOV) {
		iov = kcalloc(nr, sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	*iovp = iov;
	if (copy_from_user(iov, uvec, nr * sizeof(*iov)))
		return -EFAULT;
	for (seg = 0; seg < nr; seg++) {
		if ((ssize_t)iov[seg].iov_len < 0)
			return -EINVAL;
		iov[seg].iov_len = min(iov[seg].iov_len, MAX_RW_COUNT - total);
		total += iov[seg].iov_len;
	}
	return total;
}

/*
 * The IOCB_* flags preadv2/pwritev2's @flags make for @f (Linux's
 * kiocb_set_rw_flags), or EOPNOTSUPP: a file Linux does not read or
 * write through ->read_iter/->write_iter takes only RWF_HIPRI, and
 * RWF_NOWAIT needs a file that can honour it (FMODE_NOWAIT: none here).
 */
static int rw_flags_to_iocb(struct file *f, int flags, bool write)
{
	bool iter = write ? f->f_op->write_iter != NULL : (f->f_op->fop_flags & FOP_ITER_READ);

	if (!iter)
		return (flags & ~RWF_HIPRI) ? -EOPNOTSUPP : 0;
	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	if ((flags & RWF_NOWAIT) && !(f->f_mode & FMODE_NOWAIT))
		return -EOPNOTSUPP;
	return flags | ((flags & RWF_SYNC) ? IOCB_DSYNC : 0);	/* IOCB_* are the RWF_* bits */
}

/*
 * The segments in order at *@pos; a short transfer or an error ends the
 * call (Linux's do_iter_read/do_iter_write and do_loop_readv_writev).
 */
static ssize_t do_iter_rw(struct file *f, struct iovec *iov, unsigned long nr, size_t total,
			  loff_t *pos, int flags, bool write)
{
	ssize_t ret = 0, n;
	unsigned long seg;
	int iocb_flags;

	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!f->f_op || (write ? !f->f_op->write && !f->f_op->write_iter : !f->f_op->read))
		return -EINVAL;
	if (!total)
		return 0;
	if (rw_verify_area(*pos, total))
		return -EINVAL;
	iocb_flags = rw_flags_to_iocb(f, flags, write);
	if (iocb_flags < 0)
		return iocb_flags;
	for (seg = 0; seg < nr; seg++) {
		if (!iov[seg].iov_len)
			continue;
		n = write ? vfs_write(f, iov[seg].iov_base, iov[seg].iov_len, pos, iocb_flags)
			  : vfs_read(f, iov[seg].iov_base, iov[seg].iov_len, pos);
		if (n < 0) {
			if (!ret)
				ret = n;
			break;
		}
		ret += n;
		if ((size_t)n < iov[seg].iov_len)
			break;
	}
	return ret;
}

static ssize_t vfs_readv_writev(struct file *f, const struct iovec *uvec, unsigned long vlen,
				loff_t *pos, int flags, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	ssize_t ret = import_iovec(uvec, vlen, fast, &iov);

	if (ret >= 0)
		ret = do_iter_rw(f, iov, vlen, ret, pos, flags, write);
	if (iov != fast)
		kfree(iov);
	return ret;
}

/* readv/writev, and preadv2/pwritev2 at offset -1: at the file position, which moves. */
static ssize_t do_readv_writev(unsigned long fd, const struct iovec *vec, unsigned long vlen,
			       int flags, bool write)
{
	struct file *f = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!f)
		return -EBADF;
	file_pos_lock(f);
	pos = f->f_pos;
	ret = vfs_readv_writev(f, vec, vlen, &pos, flags, write);
	if (ret >= 0 && !stream_file(f))
		f->f_pos = pos;
	file_pos_unlock(f);
	fput(f);
	return ret;
}

/* preadv/pwritev: at @pos (EINVAL if negative), which files without one refuse (ESPIPE). */
static ssize_t do_preadv_pwritev(unsigned long fd, const struct iovec *vec, unsigned long vlen,
				 loff_t pos, int flags, bool write)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = file_pread_ok(f) ? vfs_readv_writev(f, vec, vlen, &pos, flags, write) : -ESPIPE;
	fput(f);
	return ret;
}

/* The offset comes in two halves (one on x86_64: the high one is shifted out). */
static loff_t pos_from_hilo(unsigned long high, unsigned long low)
{
	return (((loff_t)high << (BITS_PER_LONG / 2)) << (BITS_PER_LONG / 2)) | low;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen)
{
	return do_readv_writev(fd, vec, vlen, 0, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen)
{
	return do_readv_writev(fd, vec, vlen, 0, true);
}

SYSCALL_DEFINE5(preadv, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	return do_preadv_pwritev(fd, vec, vlen, pos_from_hilo(pos_h, pos_l), 0, false);
}

SYSCALL_DEFINE5(pwritev, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	return do_preadv_pwritev(fd, vec, vlen, pos_from_hilo(pos_h, pos_l), 0, true);
}

/* preadv with RWF_* flags; offset -1 reads at the file position. */
SYSCALL_DEFINE6(preadv2, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h, int, flags)
{
	loff_t pos = pos_from_hilo(pos_h, pos_l);

	if (pos == -1)
		return do_readv_writev(fd, vec, vlen, flags, false);
	return do_preadv_pwritev(fd, vec, vlen, pos, flags, false);
}

SYSCALL_DEFINE6(pwritev2, unsigned long, fd, const struct iovec *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h, int, flags)
{
	loff_t pos = pos_from_hilo(pos_h, pos_l);

	if (pos == -1)
		return do_readv_writev(fd, vec, vlen, flags, true);
	return do_preadv_pwritev(fd, vec, vlen, pos, flags, true);
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
		w = kernel_write(out, buf, n, out_pos);
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
