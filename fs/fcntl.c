/*
 * fs/fcntl.c: fcntl(2): duplicating descriptors, the close-on-exec flag,
 * the file status flags (O_APPEND, O_NONBLOCK, O_ASYNC are the changeable
 * ones), and signal-driven I/O (Linux's fs/fcntl.c).
 *
 * Signal-driven I/O: a file with O_ASYNC is on its object's fasync list
 * (a pipe's readers or writers, the tty's), and when I/O becomes possible
 * the object calls kill_fasync, which signals the file's owner
 * (F_SETOWN: a process, a thread, or a process group, named in the
 * caller's pid namespace).  The signal is SIGIO, or with F_SETSIG another
 * one, then queued with si_code POLL_IN, POLL_OUT, ..., si_fd and si_band.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/pid.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/poll.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/memfd.h>

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
#define F_GETOWNER_UIDS	17
#define F_DUPFD_CLOEXEC	1030
#define F_GETPIPE_SZ	1032
#define FD_CLOEXEC	1

#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

struct f_owner_ex {
	int type;
	pid_t pid;
};

int f_dupfd(unsigned int start, struct file *f, unsigned int flags);

static DEFINE_SPINLOCK(fasync_lock);	/* protects every fasync list */

/* ---- the owner -------------------------------------------------------------- */

/* Sets the owner; without @force only if there is none (Linux's f_modown). */
void __f_setown(struct file *filp, struct pid *pid, int type, int force)
{
	struct fown_struct *fown = &filp->f_owner;
	struct pid *old = NULL;
	unsigned long flags;

	spin_lock_irqsave(&fown->lock, flags);
	if (force || !fown->pid) {
		old = fown->pid;
		fown->pid = get_pid(pid);
		fown->pid_type = type;
		if (pid) {
			fown->uid = current_uid();
			fown->euid = current_euid();
		}
	}
	spin_unlock_irqrestore(&fown->lock, flags);
	put_pid(old);
}

/* F_SETOWN: a process, or a process group if negative; 0 clears. */
static int f_setown(struct file *filp, int who)
{
	int type = F_OWNER_PID;
	struct pid *pid = NULL;
	int ret = 0;

	if (who < 0) {
		if (who == INT_MIN)
			return -EINVAL;	/* -who would overflow */
		type = F_OWNER_PGRP;
		who = -who;
	}
	spin_lock_irq(&tasklist_lock);
	if (who) {
		pid = find_vpid(who);
		if (!pid)
			ret = -ESRCH;
	}
	if (!ret)
		__f_setown(filp, pid, type, 1);
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

/*
 * The owner as the caller's namespace numbers it, 0 if it is gone (or a
 * process owner that is not a process: Linux's pid_task(PIDTYPE_TGID)).
 */
static pid_t owner_vnr(struct fown_struct *fown)
{
	struct task_struct *p;
	pid_t nr = 0;

	spin_lock_irq(&tasklist_lock);
	spin_lock(&fown->lock);
	if (fown->pid_type == F_OWNER_PGRP)
		p = pid_task(fown->pid, PIDTYPE_PGID);
	else
		p = pid_task(fown->pid, PIDTYPE_PID);
	if (p && fown->pid_type == F_OWNER_PID && !thread_group_leader(p))
		p = NULL;
	if (p)
		nr = pid_vnr(fown->pid);
	spin_unlock(&fown->lock);
	spin_unlock_irq(&tasklist_lock);
	return nr;
}

static pid_t f_getown(struct file *filp)
{
	pid_t nr = owner_vnr(&filp->f_owner);

	return filp->f_owner.pid_type == F_OWNER_PGRP ? -nr : nr;
}

static int f_setown_ex(struct file *filp, struct f_owner_ex *uowner)
{
	struct f_owner_ex owner;
	struct pid *pid;
	int ret = 0;

	if (copy_from_user(&owner, uowner, sizeof(owner)))
		return -EFAULT;
	if (owner.type != F_OWNER_TID && owner.type != F_OWNER_PID && owner.type != F_OWNER_PGRP)
		return -EINVAL;
	spin_lock_irq(&tasklist_lock);
	pid = find_vpid(owner.pid);
	if (owner.pid && !pid)
		ret = -ESRCH;
	else
		__f_setown(filp, pid, owner.type, 1);
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

static int f_getown_ex(struct file *filp, struct f_owner_ex *uowner)
{
	struct f_owner_ex owner = { filp->f_owner.pid_type, owner_vnr(&filp->f_owner) };

	return copy_to_user(uowner, &owner, sizeof(owner)) ? -EFAULT : 0;
}

/* The real and effective uid of who set the owner, in the caller's namespace. */
static int f_getowner_uids(struct file *filp, uid_t *dst)
{
	struct user_namespace *ns = current_user_ns();
	uid_t src[2];

	spin_lock_irq(&filp->f_owner.lock);
	src[0] = from_kuid(ns, filp->f_owner.uid);
	src[1] = from_kuid(ns, filp->f_owner.euid);
	spin_unlock_irq(&filp->f_owner.lock);
	return copy_to_user(dst, src, sizeof(src)) ? -EFAULT : 0;
}

/* ---- sending --------------------------------------------------------------------- */

/* What each POLL_* reason means as poll bits: si_band (Linux's band_table). */
static const long band_table[NSIGPOLL] = {
	POLLIN | POLLRDNORM,			/* POLL_IN */
	POLLOUT | POLLWRNORM | POLLWRBAND,	/* POLL_OUT */
	POLLIN | POLLRDNORM | POLLMSG,		/* POLL_MSG */
	POLLERR,				/* POLL_ERR */
	POLLPRI | POLLRDBAND,			/* POLL_PRI */
	POLLHUP | POLLERR,			/* POLL_HUP */
};

/* May the one who set the owner signal @p?  Root, or a real or saved uid match. */
static bool sigio_perm(struct task_struct *p, struct fown_struct *fown)
{
	const struct cred *cred = p->real_cred;

	return uid_eq(fown->euid, GLOBAL_ROOT_UID) || uid_eq(fown->euid, cred->suid) ||
	       uid_eq(fown->euid, cred->uid) || uid_eq(fown->uid, cred->suid) ||
	       uid_eq(fown->uid, cred->uid);
}

/* The signals with si_codes of their own, where POLL_IN would be ambiguous. */
static bool sig_specific_sicodes(int sig)
{
	return sig == SIGILL || sig == SIGFPE || sig == SIGSEGV || sig == SIGBUS ||
	       sig == SIGTRAP || sig == SIGCHLD || sig == SIGIO || sig == SIGSYS;
}

/*
 * F_SETSIG's signal is queued with the details; if it cannot be (or none
 * was set), a plain SIGIO from the kernel instead (Linux's send_sigio_to_task).
 */
static void send_sigio_to_task(struct task_struct *p, struct fown_struct *fown, int fd,
			       int reason, bool group)
{
	int signum = fown->signum;
	kernel_siginfo_t si;

	if (!sigio_perm(p, fown))
		return;
	if (signum) {
		memset(&si, 0, sizeof(si));
		si.si_signo = signum;
		si.si_code = reason;
		if (signum != SIGIO && sig_specific_sicodes(signum))
			si.si_code = SI_SIGIO;
		si.u.sigpoll.band = band_table[reason - POLL_IN];
		si.u.sigpoll.fd = fd;
		if (!do_send_sig_info(signum, &si, p, group))
			return;
	}
	do_send_sig_info(SIGIO, SEND_SIG_PRIV, p, group);
}

/* Signals the owner of a file: its thread, its process or every process of its group. */
static void send_sigio(struct fown_struct *fown, int fd, int band)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&fown->lock);
	if (fown->pid && fown->pid_type != F_OWNER_PGRP) {
		p = pid_task(fown->pid, PIDTYPE_PID);
		if (p)
			send_sigio_to_task(p, fown, fd, band, fown->pid_type == F_OWNER_PID);
	} else if (fown->pid) {
		do_each_pid_task(fown->pid, PIDTYPE_PGID, p) {
			send_sigio_to_task(p, fown, fd, band, true);
		} while_each_pid_task(fown->pid, PIDTYPE_PGID, p);
	}
	spin_unlock(&fown->lock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * I/O became possible on an object: every file on its list tells its
 * owner, @band being the POLL_* reason.  SIGURG goes only to files with a
 * signal set.  May be called from an interrupt (the tty's input).  Called
 * by kill_fasync() (include/linux/fs.h) when the list is not empty.
 */
void __kill_fasync(struct fasync_struct **fp, int sig, int band)
{
	struct fasync_struct *fa;
	unsigned long flags;

	spin_lock_irqsave(&fasync_lock, flags);
	for (fa = *fp; fa; fa = fa->fa_next)
		if (!(sig == SIGURG && fa->fa_file->f_owner.signum == 0))
			send_sigio(&fa->fa_file->f_owner, fa->fa_fd, band);
	spin_unlock_irqrestore(&fasync_lock, flags);
}

/*
 * Puts @filp on the list @fapp (or takes it off), and sets or clears its
 * FASYNC.  A file already there only gets its fd updated.  1 if the list
 * changed, 0 if not, or -ENOMEM (Linux's fasync_helper).
 */
int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp)
{
	struct fasync_struct *fa, **fp, *new = NULL;
	unsigned long flags;
	int ret = 0;

	if (on && !(new = kmalloc(sizeof(*new), GFP_KERNEL)))
		return -ENOMEM;
	spin_lock_irqsave(&fasync_lock, flags);
	for (fp = fapp; (fa = *fp); fp = &fa->fa_next)
		if (fa->fa_file == filp)
			break;
	if (fa && on) {
		fa->fa_fd = fd;
	} else if (fa) {
		*fp = fa->fa_next;
		filp->f_flags &= ~FASYNC;
		ret = 1;
	} else if (on) {
		new->fa_fd = fd;
		new->fa_file = filp;
		new->fa_next = *fapp;
		*fapp = new;
		filp->f_flags |= FASYNC;
		new = NULL;
		ret = 1;
	}
	spin_unlock_irqrestore(&fasync_lock, flags);
	kfree(new);
	if (fa && !on)
		kfree(fa);
	return ret;
}

/* ---- fcntl ------------------------------------------------------------------------ */

/*
 * F_SETFL: O_NOATIME only for the file's owner (EPERM); O_ASYNC goes
 * through the file's ->fasync, which sets the flag, and is not kept for
 * a file without one (Linux's setfl).
 */
static int setfl(int fd, struct file *filp, unsigned long arg)
{
	int err;

	if ((arg & O_NOATIME) && !(filp->f_flags & O_NOATIME) &&
	    !inode_owner_or_capable(filp->f_inode))
		return -EPERM;
	if (((arg ^ filp->f_flags) & FASYNC) && filp->f_op && filp->f_op->fasync) {
		err = filp->f_op->fasync(fd, filp, (arg & FASYNC) != 0);
		if (err < 0)
			return err;
	}
	filp->f_flags = (filp->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
	return 0;
}

/* An O_PATH descriptor takes only these; EBADF for the rest (Linux's check_fcntl_cmd). */
static bool check_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD ||
	       cmd == F_GETFL;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return f_dupfd(arg, f, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
	case F_GETFD:
		return fd_is_cloexec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags | ((f->f_mode & FMODE_PATH) ? O_PATH : 0);
	case F_SETFL:
		return setfl(fd, f, arg);
	case F_SETOWN:
		return f_setown(f, (int)arg);
	case F_GETOWN:
		return f_getown(f);
	case F_SETOWN_EX:
		return f_setown_ex(f, (struct f_owner_ex *)arg);
	case F_GETOWN_EX:
		return f_getown_ex(f, (struct f_owner_ex *)arg);
	case F_GETOWNER_UIDS:
		return f_getowner_uids(f, (uid_t *)arg);
	case F_SETSIG:
		if (!valid_signal((unsigned long)(int)arg))
			return -EINVAL;
		f->f_owner.signum = (int)arg;	/* 0: back to a plain SIGIO */
		return 0;
	case F_GETSIG:
		return f->f_owner.signum;
	case F_GETPIPE_SZ:
		return S_ISFIFO(f->f_inode->i_mode) ? 65536 : -EBADF;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		return memfd_fcntl(f, cmd, arg);
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long err = -EBADF;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_PATH) || check_fcntl_cmd(cmd))
		err = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return err;
}
