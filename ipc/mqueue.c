/*
 * ipc/mqueue.c: the POSIX message queue file system, an instance per IPC
 * namespace.
 *
 * Each namespace has its own instance, kern_mount'ed as ns->mq_mnt by
 * mq_init_ns; a queue is a file in its root directory, so mq_open
 * (mqueue_syscalls.c) is a lookup, and maybe a create, there, and its
 * descriptor an open file.  `mount -t mqueue` shows the caller's
 * namespace's instance (C20).  Reading a queue's file shows its size and
 * notification, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/poll.h>
#include <linux/user_namespace.h>
#include <linux/time.h>
#include <linux/msg.h>
#include "mqueue.h"

#define DIRENT_SIZE	20
#define FILENT_SIZE	80

/* Protects every namespace's mq_queues_count and the super blocks' s_fs_info. */
DEFINE_SPINLOCK(mq_lock);

static const struct inode_operations mqueue_dir_inode_operations;
static const struct super_operations mqueue_super_ops;

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
	mq_default_attr(ns, &info->attr);
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
		inode->i_fop = &simple_dir_operations;
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
		remove_notification(info);
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
	.statfs = simple_statfs,
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

static struct file_system_type mqueue_instance_type = {
	.name = "mqueue",
	.fill_super = mqueue_fill_super,
	/* with its namespace: the queues not unlinked, then the root (kill_litter_super) */
	.kill_sb = kill_anon_super,
};

/*
 * mount(2) of "mqueue": the caller's namespace's instance.  Linux finds
 * that super block by its key (get_tree_keyed); our sget makes a new one
 * each time, so this one shares the instance's root and holds the
 * instance's mount, not the namespace: as on Linux, the namespace dies
 * with its last task, its queues stay visible here, and a new file is
 * EACCES (mqueue_create_attr finds no namespace).
 */
static int mqueue_fill_user_super(struct super_block *sb, void *data)
{
	struct vfsmount *instance = mntget(current_ipc_ns()->mq_mnt);

	(void)data;
	sb->s_magic = MQUEUE_MAGIC;
	sb->s_fs_info = instance;
	sb->s_root = dget(instance->mnt_root);
	return 0;
}

static void mqueue_kill_user_sb(struct super_block *sb)
{
	dput(sb->s_root);
	mntput(sb->s_fs_info);
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
int mqueue_create_attr(struct dentry *dentry, umode_t mode, const struct mq_attr *attr)
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

int mqueue_unlink(struct inode *dir, struct dentry *dentry)
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

const struct file_operations mqueue_file_operations = {
	.read = mqueue_read_file,
	.poll = mqueue_poll_file,
	.release = mqueue_release_file,
	.llseek = generic_file_llseek,
};

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
