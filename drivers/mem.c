/*
 * drivers/mem.c: /dev/null, /dev/zero (also mapped), /dev/full, /dev/random and
 * /dev/urandom (major 1, Linux's minors).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/init.h>
#include <linux/random.h>
#include <linux/mm.h>
#include <linux/mman.h>

#define MEM_MAJOR	1

static ssize_t read_null(struct file *f, char *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)n; (void)pos;
	return 0;
}

static ssize_t write_null(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)pos;
	return n;
}

/* The sink takes everything, from a kernel buffer too (sendfile: Linux's splice_write_null). */
static ssize_t write_iter_null(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from);

	(void)iocb;
	iov_iter_advance(from, n);
	return n;
}

static ssize_t read_zero(struct file *f, char *buf, size_t n, loff_t *pos)
{
	(void)f; (void)pos;
	if (clear_user(buf, n))
		return -EFAULT;
	return n;
}

static ssize_t write_full(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)n; (void)pos;
	return -ENOSPC;
}

static ssize_t read_random(struct file *f, char *buf, size_t n, loff_t *pos)
{
	(void)f; (void)pos;
	return get_random_bytes_user(buf, n);
}

static loff_t null_lseek(struct file *f, loff_t off, int whence)
{
	(void)whence;
	return f->f_pos = off;		/* always succeeds, as Linux's null_lseek */
}

/*
 * A private mapping of /dev/zero is plain anonymous memory (no vm_ops);
 * a shared one gets a shmem object of its own (Linux's mmap_zero).
 */
static int mmap_zero(struct file *f, struct vm_area_struct *vma)
{
	(void)f;
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma, vma->vm_end - vma->vm_start);
	return 0;
}

static const struct file_operations null_fops = {
	.read = read_null, .write = write_null, .write_iter = write_iter_null, .llseek = null_lseek,
	.fop_flags = FOP_ITER_READ,
};
static const struct file_operations zero_fops = {
	.read = read_zero, .write = write_null, .write_iter = write_iter_null, .llseek = null_lseek,
	.mmap = mmap_zero, .fop_flags = FOP_ITER_READ,
};
static const struct file_operations full_fops = {
	.read = read_zero, .write = write_full, .llseek = null_lseek, .fop_flags = FOP_ITER_READ,
};
static const struct file_operations random_fops = {
	.read = read_random, .write = write_null, .llseek = null_lseek, .fop_flags = FOP_ITER_READ,
};

static int memory_open(struct inode *inode, struct file *f)
{
	switch (MINOR(inode->i_rdev)) {
	case 3: f->f_op = &null_fops; return 0;
	case 5: f->f_op = &zero_fops; return 0;
	case 7: f->f_op = &full_fops; return 0;
	case 8: case 9: f->f_op = &random_fops; return 0;
	}
	return -ENXIO;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

static int chr_dev_init(void)
{
	return register_chrdev(MEM_MAJOR, "mem", &memory_fops);
}
fs_initcall(chr_dev_init);
