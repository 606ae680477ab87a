/*
 * ipc/mqueue.c: POSIX message queues, a file system per IPC namespace.
 *
 * Each namespace has its own instance, kern_mount'ed as ns->mq_mnt by
 * mq_init_ns; a queue is a file in its root directory, so mq_open is a
 * lookup (and maybe a create) there, and its descriptor an open file.
 * `mount -t mqueue` shows the caller's namespace's instance (C20).
 * Messages are struct msg_msg kept highest priority first, oldest first
 * among equals; senders and receivers sleep on the queue's wait queues.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/poll.h>
#include <linux/pid.h>
#include <linux/user_namespace.h>
#include <linux/time.h>
#include <linux/futex.h>
#include <linux/mqueue.h>
#include <linux/msg.h>
#include "util.h"

#define MQUEUE_MAGIC	0x19800202
#define DIRENT_SIZE	20
#define FILENT_SIZE	80
#define SEND		0
#define RECV		1

#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SI_MESGQ	(-3)

/* struct sigevent as x86_64 user space passes it (64 bytes). */
struct sigevent {
	union { int sival_int; void *sival_ptr; } sigev_value;
	int sigev_signo;
	int sigev_notify;
	int __pad[12];
};

struct mqueue_inode_info {
	spinlock_t lock;
	wait_queue_head_t wait_q[2];	/* [SEND]: room, [RECV]: a message */
	struct list_head msg_list;	/* by priority, then age */
	struct sigevent notify;
	struct pid *notify_owner;	/* the one process mq_notify registered */
	struct mq_attr attr;
	unsigned long qsize;		/* bytes of text queued */
};

/* Protects every namespace's mq_queues_count and the super blocks' s_fs_info. */
DEFINE_SPINLOCK(mq_lock);

static const struct inode_operations mqueue_dir_inode_operations;
static const struct file_operations mqueue_dir_operations;
static const struct file_operations mqueue_file_operations;
static const struct super_operations mqueue_super_ops;

static inline struct mqueue_inode_info *MQUEUE_I(struct inode *inode)
{
	return inode->i_private;
}

/* The namespace of @inode's instance, with a reference; NULL once it died. */
static struct ipc_namespace *get_ns_from_inode(struct inode *inode)
{
	struct ipc_namespace *ns;

	spin_lock(&mq_lock);
	ns = inode->i_sb->s_fs_info;
	if (ns)
		atomic_inc(&ns->count);
	spin_unlock(&mq_lock);
	return ns;
}

static struct mqueue_inode_info *mqueue_info_alloc(struct ipc_namespace *ns,
						   const struct mq_attr *attr)
{
	struct mqueue_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	if (!info)
		return NULL;
	spin_lock_init(&info->lock);
	init_waitqueue_head(&info->wait_q[SEND]);
	init_waitqueue_head(&info->wait_q[RECV]);
	INIT_LIST_HEAD(&info->msg_list);
	info->attr.mq_maxmsg = min(ns->mq_msg_max, ns->mq_msg_default);
	info->attr.mq_msgsize = min(ns->mq_msgsize_max, ns->mq_msgsize_default);
	if (attr) {
		info->attr.mq_maxmsg = attr->mq_maxmsg;
		info->attr.mq_msgsize = attr->mq_msgsize;
	}
	return info;
}

/* A queue (S_IFREG) or the instance's root (S_IFDIR). */
static struct inode *mqueue_get_inode(struct super_block *sb, struct ipc_namespace *ns,
				      umode_t mode, const struct mq_attr *attr)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = mode;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	if (S_ISREG(mode)) {
		inode->i_private = mqueue_info_alloc(ns, attr);
		if (!inode->i_private) {
			iput(inode);
			return ERR_PTR(-ENOMEM);
		}
		inode->i_fop = &mqueue_file_operations;
		inode->i_size = FILENT_SIZE;
	} else {
		inode->i_nlink = 2;
		inode->i_op = &mqueue_dir_inode_operations;
		inode->i_fop = &mqueue_dir_operations;
		inode->i_size = 2 * DIRENT_SIZE;
	}
	return inode;
}

/* A queue goes with its last reference: its messages, and its count in the namespace. */
static void mqueue_evict_inode(struct inode *inode)
{
	struct mqueue_inode_info *info = MQUEUE_I(inode);
	struct ipc_namespace *ns;
	struct msg_msg *msg, *t;

	if (!S_ISREG(inode->i_mode) || !info)
		return;
	list_for_each_entry_safe(msg, t, &info->msg_list, m_list)
		free_msg(msg);
	if (info->notify_owner)
		put_pid(info->notify_owner);
	kfree(info);
	ns = get_ns_from_inode(inode);
	if (!ns)
		return;
	spin_lock(&mq_lock);
	ns->mq_queues_count--;
	spin_unlock(&mq_lock);
	put_ipc_ns(ns);
}

static const struct super_operations mqueue_super_ops = {
	.evict_inode = mqueue_evict_inode,
};

/* The instance of @data, an IPC namespace (the kern_mount of mq_init_ns). */
static int mqueue_fill_super(struct super_block *sb, void *data)
{
	struct ipc_namespace *ns = data;
	struct inode *inode;

	sb->s_magic = MQUEUE_MAGIC;
	sb->s_op = &mqueue_super_ops;
	sb->s_fs_info = ns;		/* no reference: the namespace holds the mount */
	inode = mqueue_get_inode(sb, ns, S_IFDIR | S_ISVTX | S_IRWXUGO, NULL);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	sb->s_root = d_alloc_root(inode);
	return sb->s_root ? 0 : -ENOMEM;
}

/*
 * The instance goes with its namespace: the queues not unlinked, then the
 * root, whose reference is the super block's own (Linux's kill_litter_super).
 */
static void mqueue_kill_sb(struct super_block *sb)
{
	struct dentry *root = sb->s_root;

	d_unpin_tree(root);
	dput(root);
	put_user_ns(sb->s_user_ns);
	kfree(sb);
}

static struct file_system_type mqueue_instance_type = {
	.name = "mqueue",
	.fill_super = mqueue_fill_super,
	.kill_sb = mqueue_kill_sb,
};

/*
 * mount(2) of "mqueue": the caller's namespace's instance.  Linux finds
 * that super block by its key (get_tree_keyed); our sget makes a new one
 * each time, so this one shares the instance's root, and holds the
 * namespace as long as it is mounted.
 */
static int mqueue_fill_user_super(struct super_block *sb, void *data)
{
	struct ipc_namespace *ns = get_ipc_ns(current_ipc_ns());

	(void)data;
	sb->s_magic = MQUEUE_MAGIC;
	sb->s_fs_info = ns;
	sb->s_root = dget(ns->mq_mnt->mnt_root);
	return 0;
}

static void mqueue_kill_user_sb(struct super_block *sb)
{
	dput(sb->s_root);
	put_ipc_ns(sb->s_fs_info);
	put_user_ns(sb->s_user_ns);
	kfree(sb);
}

static struct file_system_type mqueue_fs_type = {
	.name = "mqueue",
	.fill_super = mqueue_fill_user_super,
	.kill_sb = mqueue_kill_user_sb,
	.fs_flags = FS_USERNS_MOUNT,
};

int mq_init_ns(struct ipc_namespace *ns)
{
	struct vfsmount *m;

	ns->mq_queues_count = 0;
	ns->mq_queues_max = DFLT_QUEUESMAX;
	ns->mq_msg_max = DFLT_MSGMAX;
	ns->mq_msgsize_max = DFLT_MSGSIZEMAX;
	ns->mq_msg_default = DFLT_MSG;
	ns->mq_msgsize_default = DFLT_MSGSIZE;
	m = kern_mount(&mqueue_instance_type, ns);
	if (IS_ERR(m))
		return PTR_ERR(m);
	ns->mq_mnt = m;
	return 0;
}

/* The namespace is dying: its instance no longer leads to it.  Called under mq_lock. */
void mq_clear_sbinfo(struct ipc_namespace *ns)
{
	ns->mq_mnt->mnt_sb->s_fs_info = NULL;
}

void mq_put_mnt(struct ipc_namespace *ns)
{
	kern_unmount(ns->mq_mnt);
}

/* ---- the directory ----------------------------------------------------------------- */

/* Creates queue @dentry with @attr (NULL: the namespace's defaults); queues_max applies. */
static int mqueue_create_attr(struct dentry *dentry, umode_t mode, const struct mq_attr *attr)
{
	struct inode *dir = dentry->d_parent->d_inode, *inode;
	struct ipc_namespace *ns = get_ns_from_inode(dir);
	int error = 0;

	if (!ns)
		return -EACCES;
	spin_lock(&mq_lock);
	if (ns->mq_queues_count >= ns->mq_queues_max && !capable(CAP_SYS_RESOURCE))
		error = -ENOSPC;
	else
		ns->mq_queues_count++;
	spin_unlock(&mq_lock);
	if (!error) {
		inode = mqueue_get_inode(dir->i_sb, ns, mode | S_IFREG, attr);
		error = IS_ERR(inode) ? PTR_ERR(inode) : 0;
	}
	if (error == -ENOMEM) {
		spin_lock(&mq_lock);
		ns->mq_queues_count--;
		spin_unlock(&mq_lock);
	}
	put_ipc_ns(ns);
	if (error)
		return error;
	dir->i_size += DIRENT_SIZE;
	dir->i_mtime = dir->i_ctime = current_time();
	d_instantiate(dentry, inode);
	d_pin(dentry);
	return 0;
}

/* creat(2) or open(O_CREAT) in a mounted instance. */
static int mqueue_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	(void)dir;
	return mqueue_create_attr(dentry, mode, NULL);
}

static int mqueue_unlink(struct inode *dir, struct dentry *dentry)
{
	dir->i_ctime = dir->i_mtime = current_time();
	dir->i_size -= DIRENT_SIZE;
	dentry->d_inode->i_nlink--;
	d_delete(dentry);
	return 0;
}

static const struct inode_operations mqueue_dir_inode_operations = {
	.create = mqueue_create,
	.unlink = mqueue_unlink,
};

/* getdents: ".", "..", then the queues. */
static int mqueue_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *dentry = f->f_path.dentry, *c;
	loff_t n = 2;

	if (ctx->pos == 0 && !ctx->actor(ctx, ".", 1, 0, dentry->d_inode->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 0)
		ctx->pos = 1;
	if (ctx->pos == 1 && !ctx->actor(ctx, "..", 2, 1, dentry->d_inode->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 1)
		ctx->pos = 2;
	list_for_each_entry_reverse(c, &dentry->d_subdirs, d_child) {
		if (!c->d_inode || (c->d_flags & DCACHE_DISCONNECTED) || n++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, c->d_name, c->d_namelen, ctx->pos, c->d_inode->i_ino, DT_REG))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct file_operations mqueue_dir_operations = {
	.iterate = mqueue_iterate,
	.llseek = generic_file_llseek,
};

/* ---- a queue's file ---------------------------------------------------------------- */

/* Reading a queue file: its size and notification, as Linux's mqueue_read_file. */
static ssize_t mqueue_read_file(struct file *filp, char *u_data, size_t count, loff_t *off)
{
	struct mqueue_inode_info *info = MQUEUE_I(filp->f_inode);
	char buffer[FILENT_SIZE];
	size_t len;

	spin_lock(&info->lock);
	snprintf(buffer, sizeof(buffer), "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%d\n",
		 info->qsize, info->notify_owner ? info->notify.sigev_notify : 0,
		 (info->notify_owner && info->notify.sigev_notify == SIGEV_SIGNAL) ?
			info->notify.sigev_signo : 0,
		 info->notify_owner ? pid_vnr(info->notify_owner) : 0);
	spin_unlock(&info->lock);
	len = strlen(buffer);
	if (*off >= (loff_t)len)
		return 0;
	count = min(count, len - (size_t)*off);
	if (copy_to_user(u_data, buffer + *off, count))
		return -EFAULT;
	*off += count;
	return count;
}

static void remove_notification(struct mqueue_inode_info *info)
{
	put_pid(info->notify_owner);
	info->notify_owner = NULL;
}

/* The registered process closing its descriptor gives up its notification. */
static int mqueue_release_file(struct inode *inode, struct file *filp)
{
	struct mqueue_inode_info *info = MQUEUE_I(inode);

	(void)filp;
	spin_lock(&info->lock);
	if (info->notify_owner && info->notify_owner == task_tgid(current))
		remove_notification(info);
	spin_unlock(&info->lock);
	return 0;
}

static unsigned int mqueue_poll_file(struct file *filp, struct poll_table_struct *poll_tab)
{
	struct mqueue_inode_info *info = MQUEUE_I(filp->f_inode);
	unsigned int retval = 0;

	poll_wait(filp, &info->wait_q[RECV], poll_tab);
	poll_wait(filp, &info->wait_q[SEND], poll_tab);
	spin_lock(&info->lock);
	if (info->attr.mq_curmsgs)
		retval = POLLIN | POLLRDNORM;
	if (info->attr.mq_curmsgs < info->attr.mq_maxmsg)
		retval |= POLLOUT | POLLWRNORM;
	spin_unlock(&info->lock);
	return retval;
}

static const struct file_operations mqueue_file_operations = {
	.read = mqueue_read_file,
	.poll = mqueue_poll_file,
	.release = mqueue_release_file,
	.llseek = generic_file_llseek,
};

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
		if (!attr) {
			def_attr.mq_maxmsg = min(ns->mq_msg_max, ns->mq_msg_default);
			def_attr.mq_msgsize = min(ns->mq_msgsize_max, ns->mq_msgsize_default);
		}
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
		sig_i.si_pid = task_tgid_nr_ns(current, ns_of_pid(info->notify_owner));
		sig_i.si_uid = from_kuid_munged(current_user_ns(), current_uid());
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

/*
 * The POSIX message queue boot step, a device initcall after ipc_init:
 * the sysctls, the "mqueue" file system, and the initial namespace's instance.
 */
static int __init init_mqueue_fs(void)
{
	int error;

	mq_register_sysctl_table();
	error = register_filesystem(&mqueue_fs_type);
	if (error)
		return error;
	error = mq_init_ns(&init_ipc_ns);
	if (error)
		pr_err("mqueue: the initial namespace's instance failed: %d\n", error);
	return error;
}
device_initcall(init_mqueue_fs);
