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

static ssize_t vfs_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
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

/* Writes kernel memory to a memory file (a core dump); EINVAL for any other file. */
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	if (!f->f_inode->i_data || f->f_op != &ramfs_file_operations)
		return -EINVAL;
	return ramfs_file_write(f, buf, n, pos, false);
}

static bool stream_file(struct file *f)
{
	return f->f_op && f->f_op->llseek == no_llseek;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!f)
		return -EBADF;
	mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = vfs_read(f, buf, count, &pos);
	if (ret >= 0 && !stream_file(f))
		f->f_pos = pos;
	mutex_unlock(&f->f_pos_lock);
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
	mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = vfs_write(f, buf, count, &pos);
	if (ret >= 0 && !stream_file(f))
		f->f_pos = pos;
	mutex_unlock(&f->f_pos_lock);
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
	ret = stream_file(f) ? -ESPIPE : vfs_read(f, buf, count, &pos);
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
	ret = stream_file(f) ? -ESPIPE : vfs_write(f, buf, count, &pos);
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
	mutex_lock(&f->f_pos_lock);
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
	mutex_unlock(&f->f_pos_lock);
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
		mutex_lock(&f->f_pos_lock);
		ret = f->f_op->llseek(f, offset, whence);
		mutex_unlock(&f->f_pos_lock);
	}
	fput(f);
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
