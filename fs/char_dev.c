/*
 * fs/char_dev.c: character devices.
 *
 * A driver registers file operations for a major number; opening a
 * device node (an inode with S_IFCHR and i_rdev) swaps in the driver's
 * operations, which then decide by the minor number (Linux's
 * chrdev_open).  A node whose major nobody registered gives ENXIO.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/pipe_fs_i.h>

#define CHRDEV_MAJOR_MAX	256

static const struct file_operations *chrdevs[CHRDEV_MAJOR_MAX];	/* set once at boot */

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	(void)name;
	if (major >= CHRDEV_MAJOR_MAX || chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	return 0;
}

int chrdev_open(struct inode *inode, struct file *f)
{
	unsigned int major = MAJOR(inode->i_rdev);
	const struct file_operations *fops = major < CHRDEV_MAJOR_MAX ? chrdevs[major] : NULL;

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	return fops->open ? fops->open(inode, f) : 0;
}

static const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* Device nodes and fifos get their behaviour from their type, not their file system. */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	if (S_ISCHR(mode))
		inode->i_fop = &def_chr_fops;
	else if (S_ISFIFO(mode))
		inode->i_fop = &pipefifo_fops;
}
