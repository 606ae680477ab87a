/*
 * ipc/sem.c: System V semaphores (semget, semop, semtimedop, semctl).
 *
 * A semop applies all its operations or none (perform_atomic_semop).
 * One that cannot go on sleeps as a struct sem_queue on its set's
 * pending_alter or pending_const (wait-for-zero) list; after every change
 * update_queue() retries the sleepers in arrival order and tells each its
 * result through q->status.  SEM_UNDO operations are recorded per task
 * and set in a struct sem_undo; exit_sem() applies them, clamped to
 * 0..SEMVMX, when the task exits or leaves the namespace.
 * Behaviour: linux-semantics.md C11, C12.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/sched/task.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/futex.h>
#include <linux/sem.h>
#include "util.h"

struct sem {
	int semval;
	pid_t sempid;		/* the last task to change it */
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
	pid_t pid;
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

static void sem_rcu_free(struct kern_ipc_perm *p)
{
	kfree(to_sma(p));
}

/* Relocks @sma after a sleep and drops our reference: false (unlocked) if it went. */
static bool sem_lock_and_putref(struct sem_array *sma)
{
	ipc_lock_object(&sma->sem_perm);
	if (ipc_valid_object(&sma->sem_perm)) {
		atomic_dec(&sma->sem_perm.refcount);	/* the ids hold another */
		return true;
	}
	ipc_unlock_object(&sma->sem_perm);
	ipc_rcu_putref(&sma->sem_perm, sem_rcu_free);
	return false;
}

/* ipcget's getnew for semaphores.  Called with the ids written. */
static int newary(struct ipc_namespace *ns, struct ipc_params *params)
{
	int nsems = params->u.nsems, retval;
	struct sem_array *sma;

	if (!nsems)
		return -EINVAL;
	if (ns->used_sems + nsems > ns->sc_semmns)
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	sma->sem_perm.mode = params->flg & S_IRWXUGO;
	sma->sem_perm.key = params->key;
	INIT_LIST_HEAD(&sma->pending_alter);
	INIT_LIST_HEAD(&sma->pending_const);
	INIT_LIST_HEAD(&sma->list_id);
	sma->sem_nsems = nsems;
	sma->sem_ctime = ipc_seconds();

	retval = ipc_addid(&sem_ids(ns), &sma->sem_perm, ns->sc_semmni);
	if (retval < 0) {
		ipc_rcu_putref(&sma->sem_perm, sem_rcu_free);
		return retval;
	}
	ns->used_sems += nsems;
	ipc_unlock_object(&sma->sem_perm);
	return sma->sem_perm.id;
}

/* An existing set asked for with more semaphores than it has: EINVAL (C6). */
static int sem_more_checks(struct kern_ipc_perm *ipcp, struct ipc_params *params)
{
	return params->u.nsems > to_sma(ipcp)->sem_nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = {
	.getnew = newary,
	.more_checks = sem_more_checks,
};

long ksys_semget(key_t key, int nsems, int semflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_params sem_params = { .key = key, .flg = semflg, .u.nsems = nsems };

	if (nsems < 0 || nsems > ns->sc_semmsl)
		return -EINVAL;
	return ipcget(ns, &sem_ids(ns), &sem_ops, &sem_params);
}

SYSCALL_DEFINE3(semget, key_t, key, int, nsems, int, semflg)
{
	return ksys_semget(key, nsems, semflg);
}

/* ---- operations ------------------------------------------------------------------ */

/*
 * Tries all of @q's operations: 0 done, 1 must sleep, or -EAGAIN
 * (IPC_NOWAIT) / -ERANGE, with every value and adjustment as before.
 */
static int perform_atomic_semop(struct sem_array *sma, struct sem_queue *q)
{
	struct sembuf *sop, *sops = q->sops;
	struct sem_undo *un = q->undo;
	int result, undo;

	for (sop = sops; sop < sops + q->nsops; sop++) {
		result = sma->sems[sop->sem_num].semval;
		if (!sop->sem_op && result)
			goto would_block;
		result += sop->sem_op;
		if (result < 0)
			goto would_block;
		if (result > SEMVMX)
			goto out_of_range;
		if (sop->sem_flg & SEM_UNDO) {
			undo = un->semadj[sop->sem_num] - sop->sem_op;
			if (undo < (-SEMAEM - 1) || undo > SEMAEM)
				goto out_of_range;	/* an adjustment must fit in a short */
			un->semadj[sop->sem_num] = undo;
		}
		sma->sems[sop->sem_num].semval = result;
	}
	for (sop = sops; sop < sops + q->nsops; sop++)
		sma->sems[sop->sem_num].sempid = q->pid;
	return 0;

out_of_range:
	result = -ERANGE;
	goto undo;
would_block:
	q->blocking = sop;
	result = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
undo:
	while (--sop >= sops) {
		sma->sems[sop->sem_num].semval -= sop->sem_op;
		if (sop->sem_flg & SEM_UNDO)
			un->semadj[sop->sem_num] += sop->sem_op;
	}
	return result;
}

/* A sleeper's operations are decided: @error is its result. */
static void wake_up_sem_queue(struct sem_queue *q, int error)
{
	list_del(&q->list);
	WRITE_ONCE(q->status, error);
	wake_up_process(q->sleeper);
}

/* Retries @list's sleepers in order: true if one of them changed a value. */
static bool update_list(struct sem_array *sma, struct list_head *list)
{
	struct sem_queue *q, *t;
	int error;

	list_for_each_entry_safe(q, t, list, list) {
		error = perform_atomic_semop(sma, q);
		if (error > 0)
			continue;
		if (error == 0 && q->alter)
			sma->sem_otime = ipc_seconds();
		wake_up_sem_queue(q, error);
		if (error == 0 && q->alter)
			return true;
	}
	return false;
}

/* After a change of values: every sleeper that can now complete does (do_smart_update). */
static void update_queue(struct sem_array *sma)
{
	do {
		update_list(sma, &sma->pending_const);
	} while (update_list(sma, &sma->pending_alter));
}

/* GETNCNT (@count_zero false) and GETZCNT: sleepers blocked on semaphore @semnum. */
static int count_semcnt(struct sem_array *sma, int semnum, bool count_zero)
{
	struct list_head *list = count_zero ? &sma->pending_const : &sma->pending_alter;
	struct sem_queue *q;
	int semcnt = 0;

	list_for_each_entry(q, list, list)
		if (q->blocking->sem_num == semnum &&
		    (count_zero ? q->blocking->sem_op == 0 : q->blocking->sem_op < 0))
			semcnt++;
	if (!count_zero)	/* an altering semop may also wait for a zero elsewhere */
		return semcnt;
	list_for_each_entry(q, &sma->pending_alter, list)
		if (q->blocking->sem_num == semnum && q->blocking->sem_op == 0)
			semcnt++;
	return semcnt;
}

/* ---- SEM_UNDO ---------------------------------------------------------------- */

/* The task's undo list, made on first use. */
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
static struct sem_undo *find_alloc_undo(struct ipc_namespace *ns, int semid)
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
	if (!sem_lock_and_putref(sma)) {
		kfree(new);
		return ERR_PTR(-EIDRM);
	}
	un = new ? link_undo(sma, ulp, new, semid) : ERR_PTR(-ENOMEM);
	ipc_unlock_object(&sma->sem_perm);
	return un;
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
		semaphore->sempid = task_tgid_vnr(current);
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

/* ---- semop and semtimedop ------------------------------------------------------ */

/*
 * Sleeps until @queue's operations are decided, @timeout runs out
 * (-EAGAIN) or a signal comes (-EINTR, as Linux's semtimedop): the
 * result.  @sma is locked on entry, unlocked on return.
 */
static int sem_sleep(struct sem_array *sma, struct sem_queue *queue, long timeout)
{
	int error;

	list_add_tail(&queue->list, queue->alter ? &sma->pending_alter : &sma->pending_const);
	queue->sleeper = current;
	queue->status = -EINTR;
	ipc_rcu_getref(&sma->sem_perm);
	for (;;) {
		__set_current_state(TASK_INTERRUPTIBLE);
		ipc_unlock_object(&sma->sem_perm);
		timeout = schedule_timeout(timeout);
		error = READ_ONCE(queue->status);
		if (error != -EINTR)		/* decided, and unqueued, by a waker */
			goto out_putref;
		ipc_lock_object(&sma->sem_perm);
		error = READ_ONCE(queue->status);
		if (error != -EINTR)
			goto out_unlock;
		if (!timeout) {
			error = -EAGAIN;
			break;
		}
		if (signal_pending(current))
			break;
	}
	list_del(&queue->list);
out_unlock:
	ipc_unlock_object(&sma->sem_perm);
out_putref:
	ipc_rcu_putref(&sma->sem_perm, sem_rcu_free);
	return error;
}

/* The locked checks and the attempt of do_semtimedop: >0 means sleep (still locked). */
static int semop_try(struct ipc_namespace *ns, struct sem_array *sma, struct sem_queue *q,
		     int max, struct sem_undo *un)
{
	int error;

	if (max >= sma->sem_nsems)
		return -EFBIG;
	if (ipcperms(ns, &sma->sem_perm, q->alter ? S_IWUGO : S_IRUGO))
		return -EACCES;
	if (un && un->semid == -1)
		return -EIDRM;
	error = perform_atomic_semop(sma, q);
	if (error == 0) {
		sma->sem_otime = ipc_seconds();
		if (q->alter)
			update_queue(sma);
	}
	return error;
}

/* The largest sem_num, and whether any operation alters or asks for SEM_UNDO. */
static int scan_sops(struct sembuf *sops, int nsops, bool *alter, bool *undos)
{
	int i, max = 0;

	*alter = *undos = false;
	for (i = 0; i < nsops; i++) {
		max = max(max, (int)sops[i].sem_num);
		*undos |= (sops[i].sem_flg & SEM_UNDO) != 0;
		*alter |= sops[i].sem_op != 0;
	}
	return max;
}

static long do_semtimedop(int semid, struct sembuf *sops, unsigned int nsops, long timeout)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct sem_queue queue = { .sops = sops, .nsops = nsops };
	struct kern_ipc_perm *ipcp;
	struct sem_undo *un = NULL;
	struct sem_array *sma;
	bool undos;
	int max, error;

	max = scan_sops(sops, nsops, &queue.alter, &undos);
	if (undos) {
		un = find_alloc_undo(ns, semid);
		if (IS_ERR(un))
			return PTR_ERR(un);
	}
	ipcp = ipc_lock_check(&sem_ids(ns), semid);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	queue.undo = un;
	queue.pid = task_tgid_vnr(current);
	error = semop_try(ns, sma, &queue, max, un);
	if (error <= 0) {
		ipc_unlock_object(ipcp);
		return error;
	}
	return sem_sleep(sma, &queue, timeout);
}

/* semtimedop's own argument checks (C12), then the operation. */
static long ksys_semtimedop(int semid, struct sembuf *tsops, unsigned int nsops,
			    const struct timespec64 *timeout)
{
	struct ipc_namespace *ns = current_ipc_ns();
	long jiffies_left = MAX_SCHEDULE_TIMEOUT, error;
	struct sembuf *sops;
	struct timespec64 ts;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned int)ns->sc_semopm)
		return -E2BIG;
	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		jiffies_left = nsecs_to_jiffies((u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
	}
	sops = kcalloc(nsops, sizeof(*sops), GFP_KERNEL);
	if (!sops)
		return -ENOMEM;
	error = copy_from_user(sops, tsops, nsops * sizeof(*sops)) ? -EFAULT :
		do_semtimedop(semid, sops, nsops, jiffies_left);
	kfree(sops);
	return error;
}

SYSCALL_DEFINE4(semtimedop, int, semid, struct sembuf *, tsops, unsigned int, nsops,
		const struct timespec64 *, timeout)
{
	return ksys_semtimedop(semid, tsops, nsops, timeout);
}

SYSCALL_DEFINE3(semop, int, semid, struct sembuf *, tsops, unsigned int, nsops)
{
	return ksys_semtimedop(semid, tsops, nsops, NULL);
}

/* ---- semctl ------------------------------------------------------------------------ */

/* SETVAL: out of 0..SEMVMX is ERANGE; everyone's adjustments for it are cleared (C12). */
static int semctl_setval(struct ipc_namespace *ns, int semid, int semnum, int val)
{
	struct kern_ipc_perm *ipcp;
	struct sem_array *sma;
	struct sem_undo *un;
	int err = 0;

	if (val > SEMVMX || val < 0)
		return -ERANGE;
	ipcp = ipc_lock_check(&sem_ids(ns), semid);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	if (semnum < 0 || semnum >= sma->sem_nsems) {
		err = -EINVAL;
	} else if (ipcperms(ns, ipcp, S_IWUGO)) {
		err = -EACCES;
	} else {
		list_for_each_entry(un, &sma->list_id, list_id)
			un->semadj[semnum] = 0;
		sma->sems[semnum].semval = val;
		sma->sems[semnum].sempid = task_tgid_vnr(current);
		sma->sem_ctime = ipc_seconds();
		update_queue(sma);
	}
	ipc_unlock_object(ipcp);
	return err;
}

/* SETALL from @vals: all in range, or nothing changes. */
static int sem_setall(struct sem_array *sma, const unsigned short *vals)
{
	struct sem_undo *un;
	int i;

	for (i = 0; i < sma->sem_nsems; i++)
		if (vals[i] > SEMVMX)
			return -ERANGE;
	list_for_each_entry(un, &sma->list_id, list_id)
		memset(un->semadj, 0, sma->sem_nsems * sizeof(short));
	for (i = 0; i < sma->sem_nsems; i++) {
		sma->sems[i].semval = vals[i];
		sma->sems[i].sempid = task_tgid_vnr(current);
	}
	sma->sem_ctime = ipc_seconds();
	update_queue(sma);
	return 0;
}

/* GETALL and SETALL: the values go through a buffer allocated while the set is held. */
static int semctl_all(struct sem_array *sma, int cmd, void *p)
{
	unsigned short *vals;
	int i, nsems = sma->sem_nsems, err = 0;

	ipc_rcu_getref(&sma->sem_perm);
	ipc_unlock_object(&sma->sem_perm);
	vals = kcalloc(nsems, sizeof(*vals), GFP_KERNEL);
	if (vals && cmd == SETALL && copy_from_user(vals, p, nsems * sizeof(*vals)))
		err = -EFAULT;
	if (!sem_lock_and_putref(sma)) {
		kfree(vals);
		return -EIDRM;
	}
	if (!vals)
		err = -ENOMEM;
	else if (!err && cmd == SETALL)
		err = sem_setall(sma, vals);
	else if (!err)
		for (i = 0; i < nsems; i++)
			vals[i] = sma->sems[i].semval;
	ipc_unlock_object(&sma->sem_perm);
	if (!err && cmd == GETALL && copy_to_user(p, vals, nsems * sizeof(*vals)))
		err = -EFAULT;
	kfree(vals);
	return err;
}

/* GETVAL, GETPID, GETNCNT, GETZCNT, GETALL, SETALL: read (or write) permission. */
static int semctl_main(struct ipc_namespace *ns, int semid, int semnum, int cmd, void *p)
{
	struct kern_ipc_perm *ipcp = ipc_lock_check(&sem_ids(ns), semid);
	struct sem_array *sma;
	int err;

	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	if (ipcperms(ns, ipcp, cmd == SETALL ? S_IWUGO : S_IRUGO))
		err = -EACCES;
	else if (cmd == GETALL || cmd == SETALL)
		return semctl_all(sma, cmd, p);	/* unlocks */
	else if (semnum < 0 || semnum >= sma->sem_nsems)
		err = -EINVAL;
	else if (cmd == GETVAL)
		err = sma->sems[semnum].semval;
	else if (cmd == GETPID)
		err = sma->sems[semnum].sempid;
	else
		err = count_semcnt(sma, semnum, cmd == GETZCNT);
	ipc_unlock_object(ipcp);
	return err;
}

/* IPC_STAT (by id), SEM_STAT and SEM_STAT_ANY (by idx, returning the id). */
static int semctl_stat(struct ipc_namespace *ns, int semid, int cmd, struct semid64_ds *p)
{
	struct kern_ipc_perm *ipcp;
	struct sem_array *sma;
	int err;

	memset(p, 0, sizeof(*p));
	ipcp = cmd == IPC_STAT ? ipc_lock_check(&sem_ids(ns), semid) : ipc_lock(&sem_ids(ns), semid);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	if (cmd != SEM_STAT_ANY && ipcperms(ns, ipcp, S_IRUGO)) {
		err = -EACCES;
	} else {
		kernel_to_ipc64_perm(ipcp, &p->sem_perm);
		p->sem_otime = sma->sem_otime;
		p->sem_ctime = sma->sem_ctime;
		p->sem_nsems = sma->sem_nsems;
		err = cmd == IPC_STAT ? 0 : ipcp->id;
	}
	ipc_unlock_object(ipcp);
	return err;
}

/* IPC_INFO and SEM_INFO. */
static int semctl_info(struct ipc_namespace *ns, int cmd, struct seminfo *seminfo)
{
	int max_idx;

	memset(seminfo, 0, sizeof(*seminfo));
	seminfo->semmni = ns->sc_semmni;
	seminfo->semmns = ns->sc_semmns;
	seminfo->semmsl = ns->sc_semmsl;
	seminfo->semopm = ns->sc_semopm;
	seminfo->semvmx = SEMVMX;
	seminfo->semmnu = SEMMNU;
	seminfo->semmap = SEMMAP;
	seminfo->semume = SEMUME;
	down_read(&sem_ids(ns).rwsem);
	seminfo->semusz = cmd == SEM_INFO ? sem_ids(ns).in_use : SEMUSZ;
	seminfo->semaem = cmd == SEM_INFO ? ns->used_sems : SEMAEM;
	max_idx = ipc_get_maxidx(&sem_ids(ns));
	up_read(&sem_ids(ns).rwsem);
	return max_idx < 0 ? 0 : max_idx;
}

/* Removes @ipcp (locked): sleepers fail with EIDRM, undo records go.  Unlocks. */
static void freeary(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp)
{
	struct sem_array *sma = to_sma(ipcp);
	struct sem_undo *un, *tu;
	struct sem_queue *q, *tq;

	list_for_each_entry_safe(un, tu, &sma->list_id, list_id) {
		list_del(&un->list_id);
		spin_lock(&un->ulp->lock);
		un->semid = -1;
		list_del(&un->list_proc);
		spin_unlock(&un->ulp->lock);
		kfree(un);
	}
	list_for_each_entry_safe(q, tq, &sma->pending_const, list)
		wake_up_sem_queue(q, -EIDRM);
	list_for_each_entry_safe(q, tq, &sma->pending_alter, list)
		wake_up_sem_queue(q, -EIDRM);
	ipc_rmid(&sem_ids(ns), ipcp);
	ipc_unlock_object(ipcp);
	ns->used_sems -= sma->sem_nsems;
	ipc_rcu_putref(ipcp, sem_rcu_free);
}

/* IPC_SET and IPC_RMID: owner, creator or CAP_SYS_ADMIN (C8). */
static int semctl_down(struct ipc_namespace *ns, int semid, int cmd, struct semid64_ds *semid64)
{
	struct kern_ipc_perm *ipcp;
	int err = 0;

	down_write(&sem_ids(ns).rwsem);
	ipcp = ipcctl_obtain_check(ns, &sem_ids(ns), semid, cmd, &semid64->sem_perm);
	if (IS_ERR(ipcp)) {
		err = PTR_ERR(ipcp);
		goto out_up;
	}
	ipc_lock_object(ipcp);
	if (cmd == IPC_RMID) {
		freeary(ns, ipcp);
		goto out_up;
	}
	err = ipc_update_perm(&semid64->sem_perm, ipcp);
	if (!err)
		to_sma(ipcp)->sem_ctime = ipc_seconds();
	ipc_unlock_object(ipcp);
out_up:
	up_write(&sem_ids(ns).rwsem);
	return err;
}

static long ksys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	void *p = (void *)arg;
	struct semid64_ds semid64;
	struct seminfo seminfo;
	int err;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		err = semctl_info(ns, cmd, &seminfo);
		return copy_to_user(p, &seminfo, sizeof(seminfo)) ? -EFAULT : err;
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		err = semctl_stat(ns, semid, cmd, &semid64);
		if (err >= 0 && copy_to_user(p, &semid64, sizeof(semid64)))
			return -EFAULT;
		return err;
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return semctl_main(ns, semid, semnum, cmd, p);
	case SETVAL:
		return semctl_setval(ns, semid, semnum, (int)arg);	/* the low half, little-endian */
	case IPC_SET:
		if (copy_from_user(&semid64, p, sizeof(semid64)))
			return -EFAULT;
		return semctl_down(ns, semid, cmd, &semid64);
	case IPC_RMID:
		return semctl_down(ns, semid, cmd, &semid64);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd, unsigned long, arg)
{
	return ksys_semctl(semid, semnum, cmd, arg);
}

/* ---- the namespace and /proc ------------------------------------------------------- */

void sem_init_ns(struct ipc_namespace *ns)
{
	ns->sc_semmsl = SEMMSL;
	ns->sc_semmns = SEMMNS;
	ns->sc_semopm = SEMOPM;
	ns->sc_semmni = SEMMNI;
	ns->used_sems = 0;
	ipc_init_ids(&ns->ids[IPC_SEM_IDS]);
}

void sem_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, &sem_ids(ns), freeary);
}

static int sysvipc_sem_proc_show(struct seq_file *s, void *it)
{
	struct user_namespace *user_ns = current_user_ns();
	struct kern_ipc_perm *ipcp = it;
	struct sem_array *sma = to_sma(ipcp);

	seq_printf(s, "%10d %10d  %4o %10u %5u %5u %5u %5u %10llu %10llu\n",
		   ipcp->key, ipcp->id, ipcp->mode, sma->sem_nsems,
		   from_kuid_munged(user_ns, ipcp->uid), from_kgid_munged(user_ns, ipcp->gid),
		   from_kuid_munged(user_ns, ipcp->cuid), from_kgid_munged(user_ns, ipcp->cgid),
		   (unsigned long long)sma->sem_otime, (unsigned long long)sma->sem_ctime);
	return 0;
}

void __init sem_init(void)
{
	sem_init_ns(&init_ipc_ns);
	ipc_init_proc_interface("sysvipc/sem",
		"       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n",
		IPC_SEM_IDS, sysvipc_sem_proc_show);
}
