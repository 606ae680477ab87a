/*
 * ipc/mqueue.h: what mqueue.c and mqueue_syscalls.c share inside ipc/.
 *
 * mqueue.c owns the file system (an instance per IPC namespace, a file
 * per queue), mqueue_syscalls.c the mq_* system calls on its queues.
 * Linux keeps both in ipc/mqueue.c; the structure and the names are its
 * own.  The user ABI and the limits are <linux/mqueue.h>.
 */
#ifndef _IPC_MQUEUE_H
#define _IPC_MQUEUE_H

#include <linux/mqueue.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/signal.h>
#include <linux/user_namespace.h>
#include "util.h"

#define SEND		0
#define RECV		1


struct mqueue_inode_info {
	spinlock_t lock;
	wait_queue_head_t wait_q[2];	/* [SEND]: room, [RECV]: a message */
	struct list_head msg_list;	/* by priority, then age */
	struct sigevent notify;
	struct pid *notify_owner;	/* the one process mq_notify registered */
	struct user_namespace *notify_user_ns;	/* its user namespace: the sender's uid is told in it */
	struct mq_attr attr;
	unsigned long qsize;		/* bytes of text queued */
};

static inline struct mqueue_inode_info *MQUEUE_I(struct inode *inode)
{
	return inode->i_private;
}

static void remove_notification(struct mqueue_inode_info *info)
{
	put_pid(info->notify_owner);
	put_user_ns(info->notify_user_ns);
	info->notify_owner = NULL;
	info->notify_user_ns = NULL;
}

/* A new queue's attributes when mq_open passes none: the namespace's defaults. */
static inline void mq_default_attr(struct ipc_namespace *ns, struct mq_attr *attr)
{
	attr->mq_maxmsg = min(ns->mq_msg_max, ns->mq_msg_default);
	attr->mq_msgsize = min(ns->mq_msgsize_max, ns->mq_msgsize_default);
}

/* mqueue.c */
extern const struct file_operations mqueue_file_operations;
int mqueue_create_attr(struct dentry *dentry, umode_t mode, const struct mq_attr *attr);
int mqueue_unlink(struct inode *dir, struct dentry *dentry);

#endif
