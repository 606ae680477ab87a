/*
 * fs/ioctl.c: ioctl(2).  FIONBIO and FIOCLEX are the file system's own;
 * everything else is the file's (the tty's, a pipe's), and a file with
 * no ioctl answers ENOTTY, as Linux does.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long err;
	int on;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec(fd, cmd == FIOCLEX);
		err = 0;
		break;
	case FIONBIO:
		err = get_user(on, (int *)arg);
		if (!err)
			f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
		break;
	default:
		err = f->f_op && f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	}
	fput(f);
	return err;
}
