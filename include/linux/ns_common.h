/*
 * include/linux/ns_common.h: what every namespace has in common.
 *
 * Its inode number names it (/proc/PID/ns/FILE reads "type:[inum]") and its
 * operations let setns() and /proc find it, as Linux's proc_ns_operations.
 */
#ifndef _LINUX_NS_COMMON_H
#define _LINUX_NS_COMMON_H

#include <linux/types.h>

struct task_struct;
struct nsproxy;
struct ns_common;
struct user_namespace;

struct proc_ns_operations {
	const char *name;		/* "uts", "ipc", "pid", "user", "mnt" */
	const char *real_ns_name;	/* "pid" for pid_for_children */
	int type;			/* its CLONE_NEW* flag */
	struct ns_common *(*get)(struct task_struct *task);
	void (*put)(struct ns_common *ns);
	int (*install)(struct nsproxy *nsproxy, struct ns_common *ns);
	struct user_namespace *(*owner)(struct ns_common *ns);
	struct ns_common *(*get_parent)(struct ns_common *ns);
};

struct ns_common {
	unsigned int inum;
	const struct proc_ns_operations *ops;
};

/* The initial namespaces' fixed inode numbers (include/linux/proc_ns.h). */
#define PROC_IPC_INIT_INO	0xEFFFFFFFU
#define PROC_UTS_INIT_INO	0xEFFFFFFEU
#define PROC_USER_INIT_INO	0xEFFFFFFDU
#define PROC_PID_INIT_INO	0xEFFFFFFCU
#define PROC_CGROUP_INIT_INO	0xEFFFFFFBU
#define PROC_TIME_INIT_INO	0xEFFFFFFAU

extern const struct proc_ns_operations utsns_operations;
extern const struct proc_ns_operations pidns_operations;
extern const struct proc_ns_operations pidns_for_children_operations;
extern const struct proc_ns_operations userns_operations;
extern const struct proc_ns_operations ipcns_operations;
extern const struct proc_ns_operations mntns_operations;

int ns_alloc_inum(struct ns_common *ns);
void ns_free_inum(struct ns_common *ns);

#endif
