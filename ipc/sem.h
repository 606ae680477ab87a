/*
 * ipc/sem.h: what the three semaphore files share inside ipc/.
 *
 * sem.c owns the sets (semget, semctl, removal, the namespace, /proc),
 * semop.c the operations and the tasks sleeping in them, sem_undo.c the
 * SEM_UNDO adjustments.  Linux keeps all three in ipc/sem.c; the
 * structures and the names are its own.  The user ABI is <linux/sem.h>.
 */
#ifndef _IPC_SEM_H
#define _IPC_SEM_H

#include <linux/sem.h>
#include "util.h"

struct sem {
	int semval;
	struct pid *sempid;	/* the last process to change it, with a reference */
};

struct sem_array {
	struct kern_ipc_perm sem_perm;
	long sem_ctime;
	long sem_otime;			/* last semop */
	struct list_head pending_alter;	/* sleepers that change values */
	struct list_head pending_const;	/* sleepers waiting for zero */
	struct list_head list_id;	/* the undo structures for this set */
	int sem_nsems;
	struct sem sems[];
};

/* A task sleeping in semop. */
struct sem_queue {
	struct list_head list;
	struct task_struct *sleeper;
	struct sem_undo *undo;
	struct pid *pid;		/* the caller's tgid (it lives while it waits) */
	int status;			/* -EINTR until a waker decides */
	struct sembuf *sops;
	struct sembuf *blocking;	/* the operation that blocks (GETNCNT, GETZCNT) */
	int nsops;
	bool alter;
};

/* A task's adjustments for one set: in its undo list and in the set's list_id. */
struct sem_undo {
	struct list_head list_proc;
	struct list_head list_id;
	struct sem_undo_list *ulp;
	int semid;			/* -1 once the set is gone */
	short semadj[];
};

/* All of a task's sem_undo; shared by the tasks of a CLONE_SYSVSEM clone. */
struct sem_undo_list {
	atomic_t refcnt;
	spinlock_t lock;
	struct list_head list_proc;
};

#define sc_semmsl	sem_ctls[0]
#define sc_semmns	sem_ctls[1]
#define sc_semopm	sem_ctls[2]
#define sc_semmni	sem_ctls[3]

static inline struct sem_array *to_sma(struct kern_ipc_perm *ipcp)
{
	return container_of(ipcp, struct sem_array, sem_perm);
}

/* sem.c */
void sem_rcu_free(struct kern_ipc_perm *p);

/* semop.c */
void update_queue(struct sem_array *sma);
void sem_wake_all(struct sem_array *sma, int error);
int count_semcnt(struct sem_array *sma, int semnum, bool count_zero);

/* sem_undo.c */
struct sem_undo *find_alloc_undo(struct ipc_namespace *ns, int semid);
void sem_undo_clear(struct sem_array *sma, int semnum);
void sem_undo_forget_set(struct sem_array *sma);

#endif
