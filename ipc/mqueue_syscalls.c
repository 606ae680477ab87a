/*
 * ipc/mqueue_syscalls.c: mq_open, mq_unlink, mq_timedsend,
 * mq_timedreceive, mq_notify and mq_getsetattr.
 *
 * A queue is a file of the caller's namespace's mqueue instance
 * (mqueue.c).  Messages are struct msg_msg (ipc/msgutil.c) kept highest
 * priority first, oldest first among equals; senders and receivers sleep
 * on the queue's wait queues.  One process may ask, with mq_notify, for a
 * signal when the empty queue gets a message.  As Linux's ipc/mqueue.c.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/user_namespace.h>
#include <linux/time.h>
#include <linux/futex.h>
#include <linux/msg.h>
#include "mqueue.h"

/* ---- mq_open and mq_unlink ------------------------------------------------------------ */

/* The limits a new queue's attributes must respect; CAP_SYS_RESOURCE lifts the ns's. */
static int mq_attr_ok(struct ipc_namespace *ns, struct mq_attr *attr)
{
	if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0)
		return -EINVAL;
	if (capable(CAP_SYS_RESOURCE)) {
		if (attr->mq_maxmsg > HARD_MSGMAX || attr->mq_msgsize > HARD_MSGSIZEMAX)
			return -EINVAL;
	} else if (attr->mq_maxmsg > ns->mq_msg_max || attr->mq_msgsize > ns->mq_msgsize_max) {
		return -EINVAL;
	}
	if ((unsigned long)attr->mq_msgsize > ULONG_MAX / attr->mq_maxmsg)
		return -EOVERFLOW;
	return 0;
}

/* The open of an existing queue, or the creation of a missing one, as Linux's prepare_open. */
static int prepare_open(struct ipc_namespace *ns, struct dentry *dentry, int oflag,
			umode_t mode, struct mq_attr *attr)
{
	static const int oflag2acc[O_ACCMODE] = { MAY_READ, MAY_WRITE, MAY_WRITE | MAY_READ };
	struct mq_attr def_attr;
	int err;

	if (!dentry->d_inode) {
		if (!(oflag & O_CREAT))
			return -ENOENT;
		if (!attr)
			mq_default_attr(ns, &def_attr);
		err = mq_attr_ok(ns, attr ? attr : &def_attr);
		if (!err)
			err = may_create(dentry->d_parent->d_inode);
		return err ? err : mqueue_create_attr(dentry, mode & ~current->fs->umask & S_IRWXUGO,
						      attr);
	}
	if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((oflag & O_ACCMODE) == (O_RDWR | O_WRONLY))
		return -EINVAL;
	return inode_permission(dentry->d_inode, oflag2acc[oflag & O_ACCMODE]);
}

/* A name of the instance's root: no "/", ".", ".." or "" (lookup_one_len's EACCES). */
static int mq_name_ok(const char *name)
{
	if (!name[0] || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EACCES;
	return strchr(name, '/') ? -EACCES : 0;
}

/* Looks @name up in the caller's instance; creates or opens it; the open file. */
static struct file *mq_open_path(struct ipc_namespace *ns, const char *name, int oflag,
				 umode_t mode, struct mq_attr *attr)
{
	struct vfsmount *mnt = ns->mq_mnt;
	struct dentry *root = mnt->mnt_root;
	struct file *file;
	struct path path;
	int error = mq_name_ok(name);

	if (error)
		return ERR_PTR(error);
	mutex_lock(&root->d_inode->i_mutex);
	path.dentry = lookup_one(root, name, strlen(name));
	if (IS_ERR(path.dentry)) {
		mutex_unlock(&root->d_inode->i_mutex);
		return ERR_CAST(path.dentry);
	}
	path.mnt = mntget(mnt);
	error = prepare_open(ns, path.dentry, oflag, mode, attr);
	mutex_unlock(&root->d_inode->i_mutex);
	file = error ? ERR_PTR(error) : dentry_open(&path, oflag, current_cred());
	path_put(&path);
	return file;
}

static long do_mq_open(const char *u_name, int oflag, umode_t mode, struct mq_attr *attr)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct file *file;
	char *name;
	int fd;

	name = getname(u_name);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd >= 0) {
		file = mq_open_path(ns, name, oflag, mode, attr);
		if (IS_ERR(file)) {
			put_unused_fd(fd);
			fd = PTR_ERR(file);
		} else {
			fd_install(fd, file);
		}
	}
	putname(name);
	return fd;
}

SYSCALL_DEFINE4(mq_open, const char *, u_name, int, oflag, umode_t, mode,
		struct mq_attr *, u_attr)
{
	struct mq_attr attr;

	if (u_attr && copy_from_user(&attr, u_attr, sizeof(attr)))
		return -EFAULT;
	return do_mq_open(u_name, oflag, mode, u_attr ? &attr : NULL);
}

SYSCALL_DEFINE1(mq_unlink, const char *, u_name)
{
	struct dentry *root = current_ipc_ns()->mq_mnt->mnt_root, *dentry;
	struct inode *dir = root->d_inode;
	char *name = getname(u_name);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = mq_name_ok(name);
	mutex_lock(&dir->i_mutex);
	dentry = err ? ERR_PTR(err) : lookup_one(root, name, strlen(name));
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
	} else {
		err = dentry->d_inode ? may_delete(dir, dentry, false) : -ENOENT;
		if (!err)
			err = mqueue_unlink(dir, dentry);
		dput(dentry);
	}
	mutex_unlock(&dir->i_mutex);
	putname(name);
	return err;
}

/* ---- sending and receiving ------------------------------------------------------------ */

/* The queue behind descriptor @mqdes, opened for @fmode; -EBADF if it is none. */
static struct file *mq_fget(int mqdes, unsigned int fmode)
{
	struct file *f = fget(mqdes);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &mqueue_file_operations || (fmode && !(f->f_mode & fmode))) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	return f;
}

/* An absolute CLOCK_REALTIME timeout as jiffies from now; MAX_SCHEDULE_TIMEOUT for none. */
static long mq_timeout(const struct timespec64 *u_abs, long *timeout)
{
	struct timespec64 ts;
	s64 left;

	*timeout = MAX_SCHEDULE_TIMEOUT;
	if (!u_abs)
		return 0;
	if (copy_from_user(&ts, u_abs, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	left = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec - (s64)ktime_get_real_ns();
	*timeout = left > 0 ? (long)nsecs_to_jiffies(left) : 0;
	return 0;
}

/*
 * Waits on @info's queue @sr (SEND or RECV) until woken: 0, -ETIMEDOUT, or
 * -ERESTARTSYS for a signal, as Linux's wq_sleep.  Called and returns
 * with info->lock held.
 */
static int wq_sleep(struct mqueue_inode_info *info, int sr, long *timeout)
{
	DEFINE_WAIT(wait);

	if (!*timeout)
		return -ETIMEDOUT;
	prepare_to_wait(&info->wait_q[sr], &wait, TASK_INTERRUPTIBLE);
	spin_unlock(&info->lock);
	*timeout = schedule_timeout(*timeout);
	finish_wait(&info->wait_q[sr], &wait);
	spin_lock(&info->lock);
	if (signal_pending(current))
		return -ERESTARTSYS;
	return 0;
}

/* After the queue became non-empty: the registered process gets its signal, once. */
static void __do_notify(struct mqueue_inode_info *info)
{
	struct task_struct *task;
	kernel_siginfo_t sig_i;

	if (!info->notify_owner || info->attr.mq_curmsgs != 1 ||
	    waitqueue_active(&info->wait_q[RECV]))
		return;		/* a blocked receiver takes precedence */
	if (info->notify.sigev_notify == SIGEV_SIGNAL) {
		memset(&sig_i, 0, sizeof(sig_i));
		sig_i.si_signo = info->notify.sigev_signo;
		sig_i.si_code = SI_MESGQ;
		sig_i.u.kill.value.sival_ptr = info->notify.sigev_value.sival_ptr;
		/* the sender as the registrant knows it: its pid and user namespaces */
		sig_i.si_pid = task_tgid_nr_ns(current, ns_of_pid(info->notify_owner));
		sig_i.si_uid = from_kuid_munged(info->notify_user_ns, current_uid());
		task = pid_task(info->notify_owner, PIDTYPE_PID);
		if (task)
			send_sig_info(info->notify.sigev_signo, &sig_i, task);
	}
	remove_notification(info);
}

/* Queues @msg behind the messages of its priority or higher. */
static void msg_insert(struct msg_msg *msg, struct mqueue_inode_info *info)
{
	struct msg_msg *pos;

	list_for_each_entry(pos, &info->msg_list, m_list)
		if (pos->m_type < msg->m_type)
			break;
	list_add_tail(&msg->m_list, &pos->m_list);
	info->attr.mq_curmsgs++;
	info->qsize += msg->m_ts;
}

static struct msg_msg *msg_get(struct mqueue_inode_info *info)
{
	struct msg_msg *msg = list_first_entry(&info->msg_list, struct msg_msg, m_list);

	list_del(&msg->m_list);
	info->attr.mq_curmsgs--;
	info->qsize -= msg->m_ts;
	return msg;
}

static int do_mq_timedsend(int mqdes, const char *u_msg_ptr, size_t msg_len,
			   unsigned int msg_prio, long timeout)
{
	struct mqueue_inode_info *info;
	struct msg_msg *msg_ptr;
	struct file *f;
	int ret = 0;

	if (msg_prio >= (unsigned int)MQ_PRIO_MAX)
		return -EINVAL;
	f = mq_fget(mqdes, FMODE_WRITE);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	if (msg_len > (size_t)info->attr.mq_msgsize) {
		fput(f);
		return -EMSGSIZE;
	}
	msg_ptr = load_msg(u_msg_ptr, msg_len);
	if (IS_ERR(msg_ptr)) {
		fput(f);
		return PTR_ERR(msg_ptr);
	}
	msg_ptr->m_ts = msg_len;
	msg_ptr->m_type = msg_prio;
	spin_lock(&info->lock);
	while (!ret && info->attr.mq_curmsgs == info->attr.mq_maxmsg)
		ret = (f->f_flags & O_NONBLOCK) ? -EAGAIN : wq_sleep(info, SEND, &timeout);
	if (!ret) {
		msg_insert(msg_ptr, info);
		__do_notify(info);
		wake_up(&info->wait_q[RECV]);
		f->f_inode->i_atime = f->f_inode->i_mtime = current_time();
		msg_ptr = NULL;
	}
	spin_unlock(&info->lock);
	if (msg_ptr)
		free_msg(msg_ptr);
	fput(f);
	return ret;
}

SYSCALL_DEFINE5(mq_timedsend, int, mqdes, const char *, u_msg_ptr, size_t, msg_len,
		unsigned int, msg_prio, const struct timespec64 *, u_abs_timeout)
{
	long timeout;
	int err = mq_timeout(u_abs_timeout, &timeout);

	return err ? err : do_mq_timedsend(mqdes, u_msg_ptr, msg_len, msg_prio, timeout);
}

static long do_mq_timedreceive(int mqdes, char *u_msg_ptr, size_t msg_len,
			       unsigned int *u_msg_prio, long timeout)
{
	struct mqueue_inode_info *info;
	struct msg_msg *msg_ptr = NULL;
	struct file *f;
	long ret = 0;

	f = mq_fget(mqdes, FMODE_READ);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	if (msg_len < (size_t)info->attr.mq_msgsize) {
		fput(f);
		return -EMSGSIZE;
	}
	spin_lock(&info->lock);
	while (!ret && info->attr.mq_curmsgs == 0)
		ret = (f->f_flags & O_NONBLOCK) ? -EAGAIN : wq_sleep(info, RECV, &timeout);
	if (!ret) {
		msg_ptr = msg_get(info);
		wake_up(&info->wait_q[SEND]);
		f->f_inode->i_atime = f->f_inode->i_mtime = current_time();
	}
	spin_unlock(&info->lock);
	fput(f);
	if (!msg_ptr)
		return ret;
	ret = msg_ptr->m_ts;
	if ((u_msg_prio && put_user((unsigned int)msg_ptr->m_type, u_msg_prio)) ||
	    store_msg(u_msg_ptr, msg_ptr, msg_ptr->m_ts))
		ret = -EFAULT;
	free_msg(msg_ptr);
	return ret;
}

SYSCALL_DEFINE5(mq_timedreceive, int, mqdes, char *, u_msg_ptr, size_t, msg_len,
		unsigned int *, u_msg_prio, const struct timespec64 *, u_abs_timeout)
{
	long timeout;
	int err = mq_timeout(u_abs_timeout, &timeout);

	return err ? err : do_mq_timedreceive(mqdes, u_msg_ptr, msg_len, u_msg_prio, timeout);
}

/* ---- mq_notify and mq_getsetattr ------------------------------------------------------ */

/* SIGEV_THREAD names a netlink socket, and this kernel has no sockets. */
static int mq_notify_thread_check(const struct sigevent *notification)
{
	struct file *f = fget(notification->sigev_signo);

	if (!f)
		return -EBADF;
	fput(f);
	return -ENOTSOCK;
}

static int do_mq_notify(int mqdes, const struct sigevent *notification)
{
	struct mqueue_inode_info *info;
	struct file *f;
	int ret = 0;

	if (notification) {
		if (notification->sigev_notify != SIGEV_NONE &&
		    notification->sigev_notify != SIGEV_SIGNAL &&
		    notification->sigev_notify != SIGEV_THREAD)
			return -EINVAL;
		if (notification->sigev_notify == SIGEV_SIGNAL &&
		    (notification->sigev_signo < 1 || notification->sigev_signo > _NSIG))
			return -EINVAL;
		if (notification->sigev_notify == SIGEV_THREAD)
			return mq_notify_thread_check(notification);
	}
	f = mq_fget(mqdes, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	spin_lock(&info->lock);
	if (!notification) {
		if (info->notify_owner == task_tgid(current))
			remove_notification(info);
	} else if (info->notify_owner) {
		ret = -EBUSY;
	} else {
		info->notify = *notification;
		info->notify_owner = get_pid(task_tgid(current));
		info->notify_user_ns = get_user_ns(current_user_ns());
	}
	spin_unlock(&info->lock);
	fput(f);
	return ret;
}

SYSCALL_DEFINE2(mq_notify, int, mqdes, const struct sigevent *, u_notification)
{
	struct sigevent n;

	if (u_notification && copy_from_user(&n, u_notification, sizeof(n)))
		return -EFAULT;
	return do_mq_notify(mqdes, u_notification ? &n : NULL);
}

/* Reports the queue's attributes; of @new only O_NONBLOCK, a property of the descriptor. */
static int do_mq_getsetattr(int mqdes, struct mq_attr *new, struct mq_attr *old)
{
	struct mqueue_inode_info *info;
	struct file *f;

	if (new && (new->mq_flags & ~O_NONBLOCK))
		return -EINVAL;
	f = mq_fget(mqdes, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	info = MQUEUE_I(f->f_inode);
	spin_lock(&info->lock);
	if (old) {
		*old = info->attr;
		old->mq_flags = f->f_flags & O_NONBLOCK;
	}
	if (new)
		f->f_flags = (f->f_flags & ~O_NONBLOCK) | (new->mq_flags & O_NONBLOCK);
	spin_unlock(&info->lock);
	fput(f);
	return 0;
}

SYSCALL_DEFINE3(mq_getsetattr, int, mqdes, const struct mq_attr *, u_mqstat,
		struct mq_attr *, u_omqstat)
{
	struct mq_attr mqstat, omqstat;
	int ret;

	if (u_mqstat && copy_from_user(&mqstat, u_mqstat, sizeof(mqstat)))
		return -EFAULT;
	ret = do_mq_getsetattr(mqdes, u_mqstat ? &mqstat : NULL, u_omqstat ? &omqstat : NULL);
	if (!ret && u_omqstat && copy_to_user(u_omqstat, &omqstat, sizeof(omqstat)))
		return -EFAULT;
	return ret;
}
