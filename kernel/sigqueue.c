/*
 * kernel/sigqueue.c: the queued siginfos, struct sigqueue.
 *
 * Each queued signal with its siginfo is a sigqueue, charged to the
 * receiving user's RLIMIT_SIGPENDING.  A POSIX timer has one of its own
 * (SIGQUEUE_PREALLOC), allocated with the timer and queued again at each
 * expiry (send_sigqueue), so that an expiry never needs memory and a
 * signal still pending counts the next expiries as overruns instead.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/signalfd.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>

bool prepare_signal(int sig, struct task_struct *p, bool force);
void complete_signal(int sig, struct task_struct *p, bool group);

static struct kmem_cache *sigqueue_cachep;

/*
 * A sigqueue charged to @t's user, who may have RLIMIT_SIGPENDING of
 * them queued (timers' included); NULL past that unless @override_rlimit
 * (Linux's __sigqueue_alloc).
 */
struct sigqueue *__sigqueue_alloc(struct task_struct *t, gfp_t gfp, bool override_rlimit)
{
	struct user_struct *user = t->real_cred->user;
	struct sigqueue *q = NULL;

	if (atomic_inc_return(&user->sigpending) <=
	    (long)t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur || override_rlimit)
		q = kmem_cache_alloc(sigqueue_cachep, gfp);
	if (!q) {
		atomic_dec(&user->sigpending);
		return NULL;
	}
	INIT_LIST_HEAD(&q->list);
	q->flags = 0;
	q->user = get_uid(user);
	return q;
}

/* Frees a dequeued or flushed entry; a timer's own stays with its timer. */
void __sigqueue_free(struct sigqueue *q)
{
	if (q->flags & SIGQUEUE_PREALLOC)
		return;
	if (q->user) {
		atomic_dec(&q->user->sigpending);
		free_uid(q->user);
	}
	kmem_cache_free(sigqueue_cachep, q);
}

void flush_sigqueue(struct sigpending *queue)
{
	struct sigqueue *q, *n;

	sigemptyset(&queue->signal);
	list_for_each_entry_safe(q, n, &queue->list, list) {
		list_del_init(&q->list);
		__sigqueue_free(q);
	}
}

/* ---- a POSIX timer's own sigqueue (kernel/posix_timers.c) -------------------- */

/* Charged as long as the timer lives, queued or not; NULL past RLIMIT_SIGPENDING. */
struct sigqueue *sigqueue_alloc(void)
{
	struct sigqueue *q = __sigqueue_alloc(current, GFP_KERNEL, false);

	if (q) {
		memset(&q->info, 0, sizeof(q->info));
		q->flags = SIGQUEUE_PREALLOC;
	}
	return q;
}

/*
 * The timer is going: its sigqueue becomes an ordinary one.  If it is
 * still queued, the signal stays pending and dequeueing frees it, as
 * Linux's sigqueue_free.  Called by the timer's own process.
 */
void sigqueue_free(struct sigqueue *q)
{
	spinlock_t *lock = &current->sighand->siglock;
	unsigned long flags;
	bool queued;

	spin_lock_irqsave(lock, flags);
	q->flags &= ~SIGQUEUE_PREALLOC;
	queued = !list_empty(&q->list);
	spin_unlock_irqrestore(lock, flags);
	if (!queued)
		__sigqueue_free(q);
}

/*
 * Queues a timer's signal on the task @pid names (its thread group when
 * @group).  Still queued from the last expiry, it is not queued twice:
 * the expiry counts as an overrun.  0 if queued (or counted), 1 if the
 * signal is ignored, -1 if the task is gone (Linux's send_sigqueue).
 * May be called from the tick.
 */
int send_sigqueue(struct sigqueue *q, struct pid *pid, bool group)
{
	int sig = q->info.si_signo, ret = -1;
	struct sigpending *pending;
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = pid_task(pid, PIDTYPE_PID);
	if (!t || !t->sighand)
		goto out;
	spin_lock(&t->sighand->siglock);
	ret = 1;
	if (prepare_signal(sig, t, false)) {
		ret = 0;
		if (!list_empty(&q->list)) {
			q->info.si_overrun++;
		} else {
			q->info.si_overrun = 0;
			signalfd_notify(t, sig);
			pending = group ? &t->signal->shared_pending : &t->pending;
			list_add_tail(&q->list, &pending->list);
			sigaddset(&pending->signal, sig);
			complete_signal(sig, t, group);
		}
	}
	spin_unlock(&t->sighand->siglock);
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* Takes the timers' signals out of @pending; other signals stay. */
static void __flush_itimer_signals(struct sigpending *pending)
{
	unsigned long timers = 0, others = 0;
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &pending->list, list) {
		if (q->info.si_code != SI_TIMER) {
			others |= sigmask(q->info.si_signo);
			continue;
		}
		timers |= sigmask(q->info.si_signo);
		list_del_init(&q->list);
		__sigqueue_free(q);
	}
	pending->signal.sig[0] = (pending->signal.sig[0] & ~timers) | others;
}

/* exec: the timers are gone, so are their pending signals (Linux's flush_itimer_signals). */
void flush_itimer_signals(void)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	__flush_itimer_signals(&tsk->pending);
	__flush_itimer_signals(&tsk->signal->shared_pending);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}

void signals_init(void)
{
	sigqueue_cachep = kmem_cache_create("sigqueue", sizeof(struct sigqueue), 0,
					    SLAB_PANIC, NULL);
}
