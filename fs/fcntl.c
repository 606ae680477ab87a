/*
 * fs/fcntl.c: fcntl(2): duplicating descriptors, the close-on-exec flag,
 * and the file status flags (O_APPEND, O_NONBLOCK are the changeable ones).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_DUPFD_CLOEXEC	1030
#define F_GETPIPE_SZ	1032
#define FD_CLOEXEC	1

#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

int f_dupfd(unsigned int start, struct file *f, unsigned int flags);

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long err = -EINVAL;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		err = f_dupfd(arg, f, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	case F_GETFD:
		err = fd_is_cloexec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		err = 0;
		break;
	case F_GETFL:
		err = f->f_flags | ((f->f_mode & FMODE_PATH) ? O_PATH : 0);
		break;
	case F_SETFL:
		if (f->f_mode & FMODE_PATH) {
			err = -EBADF;
			break;
		}
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		err = 0;
		break;
	case F_GETPIPE_SZ:
		err = S_ISFIFO(f->f_inode->i_mode) ? 65536 : -EBADF;
		break;
	}
	fput(f);
	return err;
}
