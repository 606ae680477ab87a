/*
 * fs/utimes.c: setting a file's access and modification times: utimensat,
 * futimesat, utimes and utime (futimens and touch are utimensat in libc).
 *
 * All of them end in vfs_utimes with no times or two timespecs, each one
 * a time, UTIME_NOW or UTIME_OMIT.  No times (or both UTIME_NOW) is a
 * "touch": the owner, CAP_FOWNER, or anyone who may write the file may do
 * it (else EACCES).  Any other times need the owner or CAP_FOWNER (else
 * EPERM), since they can make a file look older than it is.  The change
 * time becomes now in every case.  As Linux's fs/utimes.c, with the checks
 * of its notify_change and setattr_prepare.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/err.h>
#include <linux/time.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

/* The x86_64 layout of utime(2)'s argument (utimes' is linux/time.h's timeval). */
struct utimbuf {
	long actime;
	long modtime;
};

static bool nsec_valid(long nsec)
{
	if (nsec == UTIME_OMIT || nsec == UTIME_NOW)
		return true;
	return nsec >= 0 && nsec < NSEC_PER_SEC;
}

/*
 * What to change, in @attr and the returned "valid" bits: each time not
 * omitted, "now" unless the caller chose one (ATTR_*_SET), and the ctime.
 */
static unsigned int utimes_attr(const struct timespec64_fs *times, struct kstat *attr)
{
	struct timespec64_fs now = current_time();
	unsigned int valid = ATTR_ATIME | ATTR_MTIME | ATTR_CTIME;

	attr->atime_sec = attr->mtime_sec = attr->ctime_sec = now.tv_sec;
	attr->atime_nsec = attr->mtime_nsec = attr->ctime_nsec = now.tv_nsec;
	if (!times)
		return valid | ATTR_TOUCH;
	if (times[0].tv_nsec == UTIME_OMIT) {
		valid &= ~ATTR_ATIME;
	} else if (times[0].tv_nsec != UTIME_NOW) {
		attr->atime_sec = times[0].tv_sec;
		attr->atime_nsec = times[0].tv_nsec;
		valid |= ATTR_ATIME_SET;
	}
	if (times[1].tv_nsec == UTIME_OMIT) {
		valid &= ~ATTR_MTIME;
	} else if (times[1].tv_nsec != UTIME_NOW) {
		attr->mtime_sec = times[1].tv_sec;
		attr->mtime_nsec = times[1].tv_nsec;
		valid |= ATTR_MTIME_SET;
	}
	/* Even UTIME_NOW beside UTIME_OMIT counts as chosen: owner only. */
	return valid | ATTR_TIMES_SET;
}

/* Linux's may_setattr (ATTR_TOUCH) and setattr_prepare (ATTR_TIMES_SET). */
static int utimes_permission(struct inode *inode, unsigned int valid)
{
	if (inode_owner_or_capable(inode))
		return 0;
	if (valid & ATTR_TIMES_SET)
		return -EPERM;
	return inode_permission(inode, MAY_WRITE);
}

int vfs_utimes(const struct path *path, struct timespec64_fs *times)
{
	struct inode *inode = path->dentry->d_inode;
	struct kstat attr = { 0 };
	unsigned int valid;
	int err;

	if (times) {
		if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
			times = NULL;
	}
	if (path->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	valid = utimes_attr(times, &attr);
	mutex_lock(&inode->i_mutex);
	err = utimes_permission(inode, valid);
	if (err)
		goto out;
	/* A file system without ->setattr keeps its times in the inode (Linux's simple_setattr). */
	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(path->dentry, valid, &attr);
	else
		setattr_copy(inode, valid, &attr);
out:
	mutex_unlock(&inode->i_mutex);
	return err;
}

static long do_utimes_path(int dfd, const char *filename, struct timespec64_fs *times,
			   int flags)
{
	struct path path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, filename, at_lookup_flags(flags), &path);
	if (err)
		return err;
	err = vfs_utimes(&path, times);
	path_put(&path);
	return err;
}

/* utimensat(fd, NULL, ...): the open file itself (futimens).  Not an O_PATH one: EBADF. */
static long do_utimes_fd(int fd, struct timespec64_fs *times, int flags)
{
	struct file *f;
	long err;

	if (flags)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = vfs_utimes(&f->f_path, times);
	fput(f);
	return err;
}

static long do_utimes(int dfd, const char *filename, struct timespec64_fs *times, int flags)
{
	if (!filename && dfd != AT_FDCWD)
		return do_utimes_fd(dfd, times, flags);
	return do_utimes_path(dfd, filename, times, flags);
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char *, filename, struct timespec64_fs *, utimes,
		int, flags)
{
	struct timespec64_fs t[2];

	if (utimes) {
		if (copy_from_user(t, utimes, sizeof(t)))
			return -EFAULT;
		/* Nothing to change: Linux does not even look the name up. */
		if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
			return 0;
	}
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

/*
 * Microseconds are checked here, before they become nanoseconds, so that
 * neither an out-of-range value nor UTIME_NOW/UTIME_OMIT slips through.
 */
static long do_futimesat(int dfd, const char *filename, struct __kernel_old_timeval *utimes)
{
	struct __kernel_old_timeval tv[2];
	struct timespec64_fs t[2];
	int i;

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= USEC_PER_SEC)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * NSEC_PER_USEC;
	}
	return do_utimes(dfd, filename, t, 0);
}

SYSCALL_DEFINE3(futimesat, int, dfd, const char *, filename,
		struct __kernel_old_timeval *, utimes)
{
	return do_futimesat(dfd, filename, utimes);
}

SYSCALL_DEFINE2(utimes, const char *, filename, struct __kernel_old_timeval *, utimes)
{
	return do_futimesat(AT_FDCWD, filename, utimes);
}

/* utime(2): whole seconds. */
SYSCALL_DEFINE2(utime, const char *, filename, struct utimbuf *, times)
{
	struct timespec64_fs t[2];
	struct utimbuf ut;

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&ut, times, sizeof(ut)))
		return -EFAULT;
	t[0] = (struct timespec64_fs){ ut.actime, 0 };
	t[1] = (struct timespec64_fs){ ut.modtime, 0 };
	return do_utimes(AT_FDCWD, filename, t, 0);
}
