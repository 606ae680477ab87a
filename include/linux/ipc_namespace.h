/*
 * include/linux/ipc_namespace.h: the IPC namespace.
 *
 * Each IPC namespace has its own System V message queues, semaphore sets
 * and shared memory segments (ids[IPC_MSG_IDS], ids[IPC_SEM_IDS],
 * ids[IPC_SHM_IDS]), its own limits, and its own POSIX message queue file
 * system (mq_mnt).  The fields are Linux's, as the seed text lists them.
 * init_ipc_ns is static; the others come from create_ipc_ns (clone or
 * unshare with CLONE_NEWIPC) and go with the last put_ipc_ns.
 */
#ifndef _LINUX_IPC_NAMESPACE_H
#define _LINUX_IPC_NAMESPACE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/rwsem.h>
#include <linux/idr.h>
#include <linux/ns_common.h>

struct user_namespace;
struct vfsmount;
struct task_struct;

/* One kind of object of one namespace: an idr of them, and how ids are made. */
struct ipc_ids {
	int in_use;			/* objects now */
	unsigned short seq;		/* the sequence part of the next id */
	struct rw_semaphore rwsem;	/* protects the idr and the counters */
	struct idr ipcs_idr;		/* idx -> struct kern_ipc_perm */
	int max_idx;			/* highest idx in use, -1 if none */
	int last_idx;			/* the previous idx handed out (seq moves on wrap) */
	int next_id;			/* kernel.*_next_id: the id the next object gets, or -1 */
};

#define IPC_SEM_IDS	0
#define IPC_MSG_IDS	1
#define IPC_SHM_IDS	2

struct ipc_namespace {
	atomic_t	count;
	struct ipc_ids	ids[3];

	int		sem_ctls[4];	/* semmsl, semmns, semopm, semmni */
	int		used_sems;

	unsigned int	msg_ctlmax;
	unsigned int	msg_ctlmnb;
	unsigned int	msg_ctlmni;
	atomic_t	msg_bytes;
	atomic_t	msg_hdrs;

	size_t		shm_ctlmax;
	size_t		shm_ctlall;
	unsigned long	shm_tot;	/* pages of all segments */
	int		shm_ctlmni;
	/* whether IPC_RMID is forced for all segments at their last detach */
	int		shm_rmid_forced;

	/* the kern_mount of this namespace's mqueue file system */
	struct vfsmount	*mq_mnt;
	/* queues in this namespace, under mq_lock */
	unsigned int	mq_queues_count;
	/* set through the fs.mqueue sysctls */
	unsigned int	mq_queues_max;		/* DFLT_QUEUESMAX */
	unsigned int	mq_msg_max;		/* DFLT_MSGMAX */
	unsigned int	mq_msgsize_max;		/* DFLT_MSGSIZEMAX */
	unsigned int	mq_msg_default;		/* DFLT_MSG */
	unsigned int	mq_msgsize_default;	/* DFLT_MSGSIZE */

	/* the user namespace that owns this one: its capabilities rule here */
	struct user_namespace *user_ns;

	struct ns_common ns;
};

extern struct ipc_namespace init_ipc_ns;
extern atomic_t nr_ipc_ns;

static inline struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns)
{
	if (ns)
		atomic_inc(&ns->count);
	return ns;
}

void put_ipc_ns(struct ipc_namespace *ns);
struct ipc_namespace *copy_ipcs(unsigned long flags, struct user_namespace *user_ns,
				struct ipc_namespace *ns);

/* The per-kind set-up and teardown of a namespace (ipc/msg.c, sem.c, shm.c, mqueue.c). */
void sem_init_ns(struct ipc_namespace *ns);
void msg_init_ns(struct ipc_namespace *ns);
void shm_init_ns(struct ipc_namespace *ns);
int mq_init_ns(struct ipc_namespace *ns);
void sem_exit_ns(struct ipc_namespace *ns);
void msg_exit_ns(struct ipc_namespace *ns);
void shm_exit_ns(struct ipc_namespace *ns);
void mq_clear_sbinfo(struct ipc_namespace *ns);
void mq_put_mnt(struct ipc_namespace *ns);

/* Per-task state: SEM_UNDO records (ipc/sem_undo.c) and created segments (ipc/shm.c). */
int copy_semundo(unsigned long clone_flags, struct task_struct *tsk);
void exit_sem(struct task_struct *tsk);
void shm_init_task(struct task_struct *tsk);
void exit_shm(struct task_struct *tsk);

#endif
