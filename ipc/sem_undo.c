/*
 * ipc/sem_undo.c: SEM_UNDO, the adjustments a task leaves behind.
 *
 * A semop with SEM_UNDO records the opposite of its change in the
 * task's struct sem_undo for that set (semadj[]).  A task's sem_undo are
 * on its struct sem_undo_list (task->sysvsem, shared by CLONE_SYSVSEM);
 * each is also on its set's list_id, so SETVAL, SETALL and the set's
 * removal can reach them.  exit_sem() applies them, clamped to
 * 0..SEMVMX, when the task exits or leaves its IPC namespace (C12).
 * The locking and the names are Linux's (ipc/sem.c).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include "sem.h"

/* The task's undo list, made on first use (Linux's get_undo_list). */
static int get_undo_list(struct sem_undo_list **undo_listp)
{
	struct sem_undo_list *undo_list = current->sysvsem;

	if (!undo_list) {
		undo_list = kzalloc(sizeof(*undo_list), GFP_KERNEL);
		if (undo_list == NULL)
			return -ENOMEM;
		spin_lock_init(&undo_list->lock);
		atomic_set(&undo_list->refcnt, 1);
		INIT_LIST_HEAD(&undo_list->list_proc);
		current->sysvsem = undo_list;
	}
	*undo_listp = undo_list;
	return 0;
}

static struct sem_undo *lookup_undo(struct sem_undo_list *ulp, int semid)
{
	struct sem_undo *un;

	list_for_each_entry(un, &ulp->list_proc, list_proc)
		if (un->semid == semid)
			return un;
	return NULL;
}

/* A new undo structure for @sma (locked) in @ulp, unless one raced in first. */
static struct sem_undo *link_undo(struct sem_array *sma, struct sem_undo_list *ulp,
				  struct sem_undo *new, int semid)
{
	struct sem_undo *un;

	spin_lock(&ulp->lock);
	un = lookup_undo(ulp, semid);
	if (!un) {
		new->ulp = ulp;
		new->semid = semid;
		list_add(&new->list_proc, &ulp->list_proc);
		list_add(&new->list_id, &sma->list_id);
		un = new;
	}
	spin_unlock(&ulp->lock);
	if (un != new)
		kfree(new);
	return un;
}

/*
 * The caller's undo structure for set @semid, allocated if needed: the
 * set is looked up, held by a reference while the allocation may sleep,
 * then locked again, as Linux's find_alloc_undo.
 */
struct sem_undo *find_alloc_undo(struct ipc_namespace *ns, int semid)
{
	struct sem_undo_list *ulp;
	struct kern_ipc_perm *ipcp;
	struct sem_undo *un, *new;
	struct sem_array *sma;
	int error;

	error = get_undo_list(&ulp);
	if (error)
		return ERR_PTR(error);
	spin_lock(&ulp->lock);
	un = lookup_undo(ulp, semid);
	spin_unlock(&ulp->lock);
	if (un)
		return un;

	ipcp = ipc_lock_check(&sem_ids(ns), semid);
	if (IS_ERR(ipcp))
		return ERR_CAST(ipcp);
	sma = to_sma(ipcp);
	ipc_rcu_getref(&sma->sem_perm);
	ipc_unlock_object(&sma->sem_perm);

	new = kzalloc(sizeof(*new) + sma->sem_nsems * sizeof(short), GFP_KERNEL);
	if (!ipc_relock_putref(&sma->sem_perm, sem_rcu_free)) {
		kfree(new);
		return ERR_PTR(-EIDRM);
	}
	un = new ? link_undo(sma, ulp, new, semid) : ERR_PTR(-ENOMEM);
	ipc_unlock_object(&sma->sem_perm);
	return un;
}

/* SETVAL (@semnum) and SETALL (-1): every task's adjustments for them are void (C12). */
void sem_undo_clear(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->list_id, list_id) {
		if (semnum < 0)
			memset(un->semadj, 0, sma->sem_nsems * sizeof(short));
		else
			un->semadj[semnum] = 0;
	}
}

/*
 * @sma (locked) is being removed: its undo structures leave their tasks'
 * lists, marked semid -1 for a semop that already holds one (freeary).
 */
void sem_undo_forget_set(struct sem_array *sma)
{
	struct sem_undo *un, *tu;

	list_for_each_entry_safe(un, tu, &sma->list_id, list_id) {
		list_del(&un->list_id);
		spin_lock(&un->ulp->lock);
		un->semid = -1;
		list_del(&un->list_proc);
		spin_unlock(&un->ulp->lock);
		kfree(un);
	}
}

/* Applies and frees the adjustments @un holds for @sma (locked). */
static void sem_apply_undo(struct sem_array *sma, struct sem_undo *un)
{
	struct sem *semaphore;
	int i;

	list_del(&un->list_id);
	spin_lock(&un->ulp->lock);
	list_del(&un->list_proc);
	spin_unlock(&un->ulp->lock);
	for (i = 0; i < sma->sem_nsems; i++) {
		semaphore = &sma->sems[i];
		if (!un->semadj[i])
			continue;
		/* Linux caps the value at 0 and SEMVMX, where SUS says nothing (C12) */
		semaphore->semval = clamp(semaphore->semval + un->semadj[i], 0, SEMVMX);
		ipc_update_pid(&semaphore->sempid, task_tgid(current));
	}
	update_queue(sma);
	kfree(un);
}

/* The first set @ulp has adjustments for, or -1. */
static int first_undo_semid(struct sem_undo_list *ulp)
{
	int semid = -1;

	spin_lock(&ulp->lock);
	if (!list_empty(&ulp->list_proc))
		semid = list_first_entry(&ulp->list_proc, struct sem_undo, list_proc)->semid;
	spin_unlock(&ulp->lock);
	return semid;
}

/*
 * The task leaves its undo list (exit, unshare or setns of the IPC
 * namespace); the last task to leave it applies every adjustment to the
 * sets of the namespace it is still in.
 */
void exit_sem(struct task_struct *tsk)
{
	struct sem_undo_list *ulp = tsk->sysvsem;
	struct kern_ipc_perm *ipcp;
	struct sem_undo *un;
	int semid;

	if (!ulp)
		return;
	tsk->sysvsem = NULL;
	if (!atomic_dec_and_test(&ulp->refcnt))
		return;
	while ((semid = first_undo_semid(ulp)) != -1) {
		ipcp = ipc_lock_check(&sem_ids(tsk->nsproxy->ipc_ns), semid);
		if (IS_ERR(ipcp))
			continue;	/* removed meanwhile: freeary unlinked the undo */
		un = lookup_undo(ulp, semid);
		if (un)
			sem_apply_undo(to_sma(ipcp), un);
		ipc_unlock_object(ipcp);
	}
	kfree(ulp);
}

/* clone: CLONE_SYSVSEM shares the parent's undo list, else the child starts without. */
int copy_semundo(unsigned long clone_flags, struct task_struct *tsk)
{
	struct sem_undo_list *undo_list;
	int error;

	if (clone_flags & CLONE_SYSVSEM) {
		error = get_undo_list(&undo_list);
		if (error)
			return error;
		atomic_inc(&undo_list->refcnt);
		tsk->sysvsem = undo_list;
	} else {
		tsk->sysvsem = NULL;
	}
	return 0;
}
