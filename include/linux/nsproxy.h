/*
 * include/linux/nsproxy.h: the namespaces a task lives in.
 *
 * Tasks that share all their namespaces share one nsproxy; clone and
 * unshare with a CLONE_NEW* flag make a new one (copy_namespaces,
 * unshare_nsproxy_namespaces).  The user namespace is not here: it is
 * part of the credentials.  pid_ns_for_children is where this task's
 * children will be born; a task's own pid namespace never changes.
 */
#ifndef _LINUX_NSPROXY_H
#define _LINUX_NSPROXY_H

#include <linux/types.h>
#include <linux/atomic.h>

struct uts_namespace;
struct ipc_namespace;
struct mnt_namespace;
struct pid_namespace;
struct task_struct;
struct user_namespace;
struct cred;
struct fs_struct;

struct nsproxy {
	atomic_t count;
	struct uts_namespace *uts_ns;
	struct ipc_namespace *ipc_ns;
	struct mnt_namespace *mnt_ns;
	struct pid_namespace *pid_ns_for_children;
};

extern struct nsproxy init_nsproxy;

/* clone/unshare flags for namespaces (uapi/linux/sched.h) */
#define CLONE_NEWTIME		0x00000080	/* clone3 and unshare only: inside CSIGNAL */
#define CLONE_NEWNS		0x00020000
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000

static inline void get_nsproxy(struct nsproxy *ns)
{
	atomic_inc(&ns->count);
}

void free_nsproxy(struct nsproxy *ns);
static inline void put_nsproxy(struct nsproxy *ns)
{
	if (atomic_dec_and_test(&ns->count))
		free_nsproxy(ns);
}

int copy_namespaces(unsigned long flags, struct task_struct *tsk);
struct nsproxy *create_new_namespaces(unsigned long flags, struct task_struct *tsk,
				      struct user_namespace *user_ns, struct fs_struct *new_fs);
void exit_task_namespaces(struct task_struct *tsk);
void switch_task_namespaces(struct task_struct *tsk, struct nsproxy *new);
int unshare_nsproxy_namespaces(unsigned long flags, struct nsproxy **new_nsp,
			       struct cred *new_cred, struct fs_struct *new_fs);
void nsproxy_cache_init(void);

#endif
