/*
 * include/linux/nsfs.h: the ioctls of namespace files (Linux's
 * uapi/linux/nsfs.h) and of pidfds that open a process's namespaces
 * (uapi/linux/pidfd.h, Linux 6.11), and the helpers behind them.
 */
#ifndef _LINUX_NSFS_H
#define _LINUX_NSFS_H

#include <linux/types.h>

struct ns_common;
struct task_struct;
struct proc_ns_operations;

#define NSIO			0xb7
#define NS_GET_USERNS		((NSIO << 8) | 0x1)	/* _IO(NSIO, 0x1): the owning user ns */
#define NS_GET_PARENT		((NSIO << 8) | 0x2)	/* the parent (pid and user ns) */
#define NS_GET_NSTYPE		((NSIO << 8) | 0x3)	/* its CLONE_NEW* flag */
#define NS_GET_OWNER_UID	((NSIO << 8) | 0x4)	/* a user ns's creator's uid */

#define PIDFS_IOCTL_MAGIC			0xFF
#define PIDFD_GET_CGROUP_NAMESPACE		((PIDFS_IOCTL_MAGIC << 8) | 1)
#define PIDFD_GET_IPC_NAMESPACE			((PIDFS_IOCTL_MAGIC << 8) | 2)
#define PIDFD_GET_MNT_NAMESPACE			((PIDFS_IOCTL_MAGIC << 8) | 3)
#define PIDFD_GET_NET_NAMESPACE			((PIDFS_IOCTL_MAGIC << 8) | 4)
#define PIDFD_GET_PID_NAMESPACE			((PIDFS_IOCTL_MAGIC << 8) | 5)
#define PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE	((PIDFS_IOCTL_MAGIC << 8) | 6)
#define PIDFD_GET_TIME_NAMESPACE		((PIDFS_IOCTL_MAGIC << 8) | 7)
#define PIDFD_GET_TIME_FOR_CHILDREN_NAMESPACE	((PIDFS_IOCTL_MAGIC << 8) | 8)
#define PIDFD_GET_USER_NAMESPACE		((PIDFS_IOCTL_MAGIC << 8) | 9)
#define PIDFD_GET_UTS_NAMESPACE			((PIDFS_IOCTL_MAGIC << 8) | 10)

int open_namespace(struct ns_common *ns);
int open_task_namespace(struct task_struct *task, const struct proc_ns_operations *ns_ops);
struct ns_common *ns_get_owner(struct ns_common *ns);

#endif
