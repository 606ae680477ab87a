/*
 * ipc/semop.c: semop and semtimedop, and the tasks sleeping in them.
 *
 * A semop applies all its operations or none (perform_atomic_semop).
 * One that cannot go on sleeps as a struct sem_queue on its set's
 * pending_alter or pending_const (wait-for-zero) list; after every change
 * of values update_queue() retries the sleepers in arrival order and
 * tells each its result through q->status.  Linux's do_semtimedop and
 * do_smart_update, simplified: one lock per set, no per-semaphore queues.
 * Behaviour: linux-semantics.md C12.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/sched/task.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/futex.h>
#include "sem.h"

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
		ipc_update_pid(&sma->sems[sop->sem_num].sempid, q->pid);
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

/*
 * A sleeper's operations are decided: @error is its result.  The sleeper
 * may read status without the lock (a signal woke it meanwhile) and
 * return, exit and be freed, taking @q (on its stack) with it: so the
 * task is read and held before the store, as Linux's wake_q_add before
 * smp_store_release, and nothing of @q is touched after.
 */
static void wake_up_sem_queue(struct sem_queue *q, int error)
{
	struct task_struct *sleeper = q->sleeper;

	list_del(&q->list);
	get_task_struct(sleeper);
	WRITE_ONCE(q->status, error);
	wake_up_process(sleeper);
	put_task_struct(sleeper);
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
void update_queue(struct sem_array *sma)
{
	do {
		update_list(sma, &sma->pending_const);
	} while (update_list(sma, &sma->pending_alter));
}

/* The set is being removed (freeary): every sleeper fails with @error, -EIDRM. */
void sem_wake_all(struct sem_array *sma, int error)
{
	struct sem_queue *q, *tq;

	list_for_each_entry_safe(q, tq, &sma->pending_const, list)
		wake_up_sem_queue(q, error);
	list_for_each_entry_safe(q, tq, &sma->pending_alter, list)
		wake_up_sem_queue(q, error);
}

/* GETNCNT (@count_zero false) and GETZCNT: sleepers blocked on semaphore @semnum. */
int count_semcnt(struct sem_array *sma, int semnum, bool count_zero)
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
	queue.pid = task_tgid(current);
	error = semop_try(ns, sma, &queue, max, un);
	if (error <= 0) {
		ipc_unlock_object(ipcp);
		return error;
	}
	return sem_sleep(sma, &queue, timeout);
}

/* Up to this many operations are copied to the stack, not kmalloc'd (Linux's SEMOPM_FAST). */
#define SEMOPM_FAST	64

/* semtimedop's own argument checks (C12), then the operation. */
static long ksys_semtimedop(int semid, struct sembuf *tsops, unsigned int nsops,
			    const struct timespec64 *timeout)
{
	struct ipc_namespace *ns = current_ipc_ns();
	long jiffies_left = MAX_SCHEDULE_TIMEOUT, error;
	struct sembuf fast_sops[SEMOPM_FAST], *sops = fast_sops;
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
	if (nsops > SEMOPM_FAST) {
		sops = kcalloc(nsops, sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	error = copy_from_user(sops, tsops, nsops * sizeof(*sops)) ? -EFAULT :
		do_semtimedop(semid, sops, nsops, jiffies_left);
	if (sops != fast_sops)
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
