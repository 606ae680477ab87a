/*
 * kernel/futex.c: fast user-space mutexes (Linux's kernel/futex/core.c,
 * waitwake.c and syscalls.c).
 *
 * A futex is a 32-bit word in user memory; user space does the fast path
 * with atomic instructions and calls the kernel only to sleep until the
 * word changes (FUTEX_WAIT) or to wake sleepers (FUTEX_WAKE).  A waiter
 * is keyed by its word: (mm, address) for a private futex, (physical
 * page, offset) for a word in shared memory, so that processes mapping
 * the same page meet.  Waiters are queued on one of 256 hash buckets,
 * in priority order (a real-time task first, the others first come first
 * served); a bucket's lock covers its queue, and WAIT reads the word
 * under that lock before it queues itself, so a WAKE that follows the
 * word's change cannot slip in between.
 *
 * Timeouts are hrtimers on the clock the caller named: a relative
 * FUTEX_WAIT timeout is on CLOCK_MONOTONIC; FUTEX_WAIT_BITSET's is an
 * absolute deadline, on CLOCK_REALTIME with FUTEX_CLOCK_REALTIME (what
 * glibc's condition variables pass).  FUTEX_WAKE_OP changes a second
 * word and wakes its waiters if the old value passed a test;
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE move waiters to another word
 * (kernel/futex_requeue.c).  Priority inheritance (FUTEX_LOCK_PI ...)
 * is not built: ENOSYS, which glibc reads as "no PI mutexes".
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include "futex.h"

#define FUTEX_HASHBITS	8

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASHBITS];

static int __init futex_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(futex_queues); i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
	return 0;
}
core_initcall(futex_init);

/* The bucket of @key (Linux's futex_hash). */
struct futex_hash_bucket *futex_hash(const struct futex_key *key)
{
	u64 v = (key->word ^ (key->offset * 31)) * 0x61C8864680B583EBULL;

	return &futex_queues[v >> (64 - FUTEX_HASHBITS)];
}

/* The key of the shared futex at @addr, whose page is mapped; -EAGAIN if it is not. */
static int shared_key(struct mm_struct *mm, unsigned long addr, struct futex_key *key)
{
	struct vm_area_struct *vma;
	int ret = 0;
	pte_t *pte;

	down_read(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr) {
		ret = -EFAULT;
	} else if (vma->vm_flags & VM_SHARED) {
		spin_lock(&mm->page_table_lock);
		pte = pte_offset(mm->pgd, addr);
		if (pte && pte_present(*pte)) {
			key->word = (unsigned long)pfn_to_page(pte_pfn(*pte));
			key->offset = addr & ~PAGE_MASK;
		} else {
			ret = -EAGAIN;		/* unmapped since we touched it */
		}
		spin_unlock(&mm->page_table_lock);
	}
	up_read(&mm->mmap_lock);
	return ret;
}

/*
 * The key of the futex at @uaddr (Linux's get_futex_key): EINVAL if the
 * word is not aligned, EFAULT if it is not user memory.  A shared futex
 * in a shared mapping is keyed by its page, faulted in first as
 * get_user_pages would; any other word by its address in this mm.
 */
int get_futex_key(u32 *uaddr, bool shared, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	u32 val __maybe_unused;
	int ret;

	if (addr % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	key->word = (unsigned long)current->mm;
	key->offset = addr;
	if (!shared)
		return 0;
	do {
		if (get_user(val, uaddr))
			return -EFAULT;
		ret = shared_key(current->mm, addr, key);
	} while (ret == -EAGAIN);
	return ret;
}

/* Reads the word with the bucket lock held: a fault fails rather than sleeps. */
int futex_get_value_locked(u32 *dest, u32 *uaddr)
{
	int ret;

	pagefault_disable();
	ret = get_user(*dest, uaddr);
	pagefault_enable();
	return ret;
}

/* Queues @q on @hb, behind every waiter of its priority or better; under hb->lock. */
void futex_queue(struct futex_q *q, struct futex_hash_bucket *hb)
{
	struct futex_q *pos;

	q->prio = min(current->normal_prio, MAX_RT_PRIO);
	list_for_each_entry(pos, &hb->chain, list)
		if (pos->prio > q->prio)
			break;
	list_add_tail(&q->list, &pos->list);
	q->lock_ptr = &hb->lock;
}

/*
 * Takes @q off its queue and wakes its task (Linux's futex_wake_mark):
 * lock_ptr becomes NULL, which tells the waiter it was woken.  Under
 * the bucket's lock.
 */
void futex_wake_mark(struct futex_q *q)
{
	struct task_struct *p = q->task;

	get_task_struct(p);
	list_del_init(&q->list);
	barrier();
	WRITE_ONCE(q->lock_ptr, NULL);		/* @q may be gone after this */
	wake_up_process(p);
	put_task_struct(p);
}

/*
 * Takes @q off whatever queue it is on now (a requeue may have moved
 * it): 1 if it was still queued, 0 if a wake took it off first (Linux's
 * futex_unqueue).
 */
int futex_unqueue(struct futex_q *q)
{
	spinlock_t *lock_ptr;

	for (;;) {
		lock_ptr = READ_ONCE(q->lock_ptr);
		if (!lock_ptr)
			return 0;
		spin_lock(lock_ptr);
		if (lock_ptr == q->lock_ptr)
			break;
		spin_unlock(lock_ptr);		/* requeued meanwhile: try its new lock */
	}
	list_del_init(&q->list);
	spin_unlock(lock_ptr);
	return 1;
}

/* Two buckets locked in address order, once if they are the same (double_lock_hb). */
void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	if (hb1 > hb2)
		swap(hb1, hb2);
	spin_lock(&hb1->lock);
	if (hb1 != hb2)
		spin_lock_nested(&hb2->lock, SINGLE_DEPTH_NESTING);	/* in address order */
}

void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	spin_unlock(&hb1->lock);
	if (hb1 != hb2)
		spin_unlock(&hb2->lock);
}

/*
 * The keys of two words and their buckets, both locked: what FUTEX_WAKE_OP
 * and the requeues start with.  0, or get_futex_key's error with nothing
 * locked.
 */
int futex_lock_pair(u32 *uaddr1, u32 *uaddr2, unsigned int flags, struct futex_key *key1,
		    struct futex_key *key2, struct futex_hash_bucket **hb1,
		    struct futex_hash_bucket **hb2)
{
	int ret = get_futex_key(uaddr1, flags & FLAGS_SHARED, key1);

	if (!ret)
		ret = get_futex_key(uaddr2, flags & FLAGS_SHARED, key2);
	if (ret)
		return ret;
	*hb1 = futex_hash(key1);
	*hb2 = futex_hash(key2);
	double_lock_hb(*hb1, *hb2);
	return 0;
}

/*
 * Makes the word at @uaddr present and writable, as a write would (the
 * fault that FUTEX_WAKE_OP's atomic operation could not take under the
 * bucket locks): 0 or EFAULT (Linux's fault_in_user_writeable).
 */
static int fault_in_user_writeable(u32 *uaddr)
{
	u32 val, cur;

	if (get_user(val, uaddr))
		return -EFAULT;
	return futex_atomic_cmpxchg_inatomic(&cur, uaddr, val, val);
}

/* ---- timeouts: an hrtimer that wakes the waiter (Linux's hrtimer_sleeper) ---- */

static enum hrtimer_restart futex_timeout_fn(struct hrtimer *timer)
{
	struct futex_timeout *to = container_of(timer, struct futex_timeout, timer);
	struct task_struct *task = to->task;

	WRITE_ONCE(to->task, NULL);
	if (task)
		wake_up_process(task);
	return HRTIMER_NORESTART;
}

void futex_setup_timer(struct futex_timeout *to, s64 abs_time, unsigned int flags)
{
	hrtimer_init(&to->timer, flags & FLAGS_CLOCKRT ? CLOCK_REALTIME : CLOCK_MONOTONIC);
	to->timer.function = futex_timeout_fn;
	to->timer.expires = abs_time;
	to->task = current;
}

/* ---- FUTEX_WAIT ---------------------------------------------------------- */

static long futex_wait_restart(struct restart_block *restart);

/*
 * Under @q's bucket lock (its key set): queues @q, the task asleep-to-be,
 * if *@uaddr still holds @val: 0; EAGAIN if it does not.  The check and
 * the queueing are one step, so a wake between them cannot be lost.  A
 * word that cannot be read without a fault is faulted in outside the
 * lock: 1, for the caller to look the key up again and retry; EFAULT if
 * it cannot be read at all.
 */
int futex_queue_if_val(struct futex_q *q, u32 *uaddr, u32 val)
{
	struct futex_hash_bucket *hb = futex_hash(&q->key);
	u32 uval;

	spin_lock(&hb->lock);
	if (futex_get_value_locked(&uval, uaddr)) {
		spin_unlock(&hb->lock);
		return get_user(uval, uaddr) ? -EFAULT : 1;
	}
	if (uval != val) {
		spin_unlock(&hb->lock);
		return -EAGAIN;
	}
	set_current_state(TASK_INTERRUPTIBLE);
	futex_queue(q, hb);
	spin_unlock(&hb->lock);
	return 0;
}

/* FUTEX_WAIT's queueing (Linux's futex_wait_setup): 0 with @q queued, EAGAIN, EFAULT. */
static int futex_wait_setup(u32 *uaddr, u32 val, unsigned int flags, struct futex_q *q)
{
	int ret;

	do {
		ret = get_futex_key(uaddr, flags & FLAGS_SHARED, &q->key);
		if (ret)
			return ret;
		ret = futex_queue_if_val(q, uaddr, val);
	} while (ret > 0);
	return ret;
}

/* Sleeps until woken, the timer fires or a signal comes (futex_wait_queue). */
static void futex_wait_queue(struct futex_q *q, struct futex_timeout *to)
{
	if (to)
		hrtimer_start(&to->timer, to->timer.expires, HRTIMER_MODE_ABS);
	if (READ_ONCE(q->lock_ptr) && (!to || READ_ONCE(to->task)))
		schedule();
	__set_current_state(TASK_RUNNING);
}

/*
 * FUTEX_WAIT and FUTEX_WAIT_BITSET (Linux's futex_wait): 0 when woken,
 * EAGAIN if the word did not hold @val, ETIMEDOUT at the deadline
 * @abs_time (NULL: none), and for a signal ERESTARTSYS, or for a timed
 * wait a restart with the same deadline.  A wakeup that is none of these
 * (spurious) waits again.
 */
static long futex_wait(u32 *uaddr, unsigned int flags, u32 val, const s64 *abs_time,
		       u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct futex_timeout timeout, *to = NULL;
	struct restart_block *restart;
	long ret;

	if (!bitset)
		return -EINVAL;
	if (abs_time) {
		to = &timeout;
		futex_setup_timer(to, *abs_time, flags);
	}
	INIT_LIST_HEAD(&q.list);
retry:
	ret = futex_wait_setup(uaddr, val, flags, &q);
	if (ret)
		goto out;
	futex_wait_queue(&q, to);
	ret = 0;
	if (!futex_unqueue(&q))
		goto out;			/* woken */
	ret = -ETIMEDOUT;
	if (to && !READ_ONCE(to->task))
		goto out;
	if (!signal_pending(current))
		goto retry;
	ret = -ERESTARTSYS;
	if (!abs_time)
		goto out;
	restart = &current->restart_block;
	restart->futex.uaddr = uaddr;
	restart->futex.val = val;
	restart->futex.flags = flags;
	restart->futex.bitset = bitset;
	restart->expires = *abs_time;
	restart->fn = futex_wait_restart;
	ret = -ERESTART_RESTARTBLOCK;
out:
	if (to)
		hrtimer_cancel(&to->timer);
	return ret;
}

static long futex_wait_restart(struct restart_block *restart)
{
	s64 t = restart->expires;

	restart->fn = NULL;
	return futex_wait(restart->futex.uaddr, restart->futex.flags, restart->futex.val, &t,
			  restart->futex.bitset);
}

/* ---- FUTEX_WAKE, FUTEX_WAKE_OP ------------------------------------------- */

/*
 * Wakes up to @nr_wake waiters of @key on @hb whose bitset meets
 * @bitset; at least one if any, as Linux counts.  Under hb->lock.
 */
static int wake_matching(struct futex_hash_bucket *hb, const struct futex_key *key,
			 int nr_wake, u32 bitset)
{
	struct futex_q *q, *next;
	int woken = 0;

	list_for_each_entry_safe(q, next, &hb->chain, list) {
		if (!futex_match(&q->key, key) || !(q->bitset & bitset))
			continue;
		futex_wake_mark(q);
		if (++woken >= nr_wake)
			break;
	}
	return woken;
}

/* FUTEX_WAKE(_BITSET): how many waiters were woken (Linux's futex_wake). */
long futex_wake(u32 *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_key key;
	long ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, flags & FLAGS_SHARED, &key);
	if (ret)
		return ret;
	hb = futex_hash(&key);
	spin_lock(&hb->lock);
	ret = wake_matching(hb, &key, nr_wake, bitset);
	spin_unlock(&hb->lock);
	return ret;
}

/* *@uaddr = old OP oparg, atomically, faults failing (x86's arch_futex_atomic_op_inuser). */
static int futex_atomic_op(unsigned int op, u32 oparg, u32 *oldval, u32 *uaddr)
{
	u32 old, new, cur;

	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (get_user(old, uaddr))
		return -EFAULT;
	for (;;) {
		switch (op) {
		case FUTEX_OP_SET:  new = oparg; break;
		case FUTEX_OP_ADD:  new = old + oparg; break;
		case FUTEX_OP_OR:   new = old | oparg; break;
		case FUTEX_OP_ANDN: new = old & ~oparg; break;
		default:            new = old ^ oparg; break;
		}
		if (futex_atomic_cmpxchg_inatomic(&cur, uaddr, old, new))
			return -EFAULT;
		if (cur == old)
			break;
		old = cur;		/* changed under us: again with what is there */
	}
	*oldval = old;
	return 0;
}

/*
 * Does FUTEX_WAKE_OP's operation on @uaddr and its test of the old value
 * (Linux's futex_atomic_op_inuser): 1 or 0, or an error.  A shift count
 * out of 0..31 is masked, with Linux's warning.
 */
static int futex_atomic_op_inuser(unsigned int encoded_op, u32 *uaddr)
{
	unsigned int op = (encoded_op & 0x70000000) >> 28;
	unsigned int cmp = (encoded_op & 0x0f000000) >> 24;
	int oparg = sign_extend32((encoded_op & 0x00fff000) >> 12, 11);
	int cmparg = sign_extend32(encoded_op & 0x00000fff, 11);
	int oldval, ret;

	if (encoded_op & (FUTEX_OP_OPARG_SHIFT << 28)) {
		if (oparg < 0 || oparg > 31) {
			pr_info("futex_wake_op: %s tries to shift op by %d; fix this program\n",
				current->comm, oparg);
			oparg &= 31;
		}
		oparg = 1 << oparg;
	}
	pagefault_disable();
	ret = futex_atomic_op(op, oparg, (u32 *)&oldval, uaddr);
	pagefault_enable();
	if (ret)
		return ret;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return oldval == cmparg;
	case FUTEX_OP_CMP_NE: return oldval != cmparg;
	case FUTEX_OP_CMP_LT: return oldval < cmparg;
	case FUTEX_OP_CMP_GE: return oldval >= cmparg;
	case FUTEX_OP_CMP_LE: return oldval <= cmparg;
	case FUTEX_OP_CMP_GT: return oldval > cmparg;
	}
	return -ENOSYS;
}

/*
 * FUTEX_WAKE_OP (Linux's futex_wake_op): changes the word at @uaddr2,
 * wakes up to @nr_wake waiters of @uaddr1 and, if the old value of the
 * second word passed the test, up to @nr_wake2 of @uaddr2.  How many.
 */
static long futex_wake_op(u32 *uaddr1, unsigned int flags, u32 *uaddr2, int nr_wake,
			  int nr_wake2, unsigned int op)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	long ret, op_ret;

retry:
	ret = futex_lock_pair(uaddr1, uaddr2, flags, &key1, &key2, &hb1, &hb2);
	if (ret)
		return ret;
	op_ret = futex_atomic_op_inuser(op, uaddr2);
	if (op_ret < 0) {
		double_unlock_hb(hb1, hb2);
		if (op_ret != -EFAULT)
			return op_ret;
		if (fault_in_user_writeable(uaddr2))
			return -EFAULT;
		goto retry;
	}
	ret = wake_matching(hb1, &key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (op_ret > 0)
		ret += wake_matching(hb2, &key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	double_unlock_hb(hb1, hb2);
	return ret;
}

/* ---- the system call ------------------------------------------------------ */

static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/*
 * The deadline a timeout means (Linux's futex_init_timeout): FUTEX_WAIT's
 * is relative, on CLOCK_MONOTONIC; the others' absolute, on the clock
 * the operation names.
 */
int futex_init_timeout(int cmd, const struct timespec64 *ts, s64 *t)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		*t = KTIME_MAX;
	else
		*t = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	if (cmd == FUTEX_WAIT)
		*t = ktime_add_safe(ktime_get_ns(), *t);
	return 0;
}

long do_futex(u32 *uaddr, int op, u32 val, const s64 *timeout, u32 *uaddr2, u32 val2,
	      u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	unsigned int flags = 0;

	if (!(op & FUTEX_PRIVATE_FLAG))
		flags |= FLAGS_SHARED;
	if (op & FUTEX_CLOCK_REALTIME) {
		flags |= FLAGS_CLOCKRT;
		if (cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
		    cmd != FUTEX_LOCK_PI2)
			return -ENOSYS;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, timeout, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, val, val2, val3);
	}
	return -ENOSYS;		/* the PI operations: no priority inheritance here */
}

SYSCALL_DEFINE6(futex, u32 *, uaddr, int, op, u32, val, const struct timespec64 *, utime,
		u32 *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	struct timespec64 ts;
	s64 t, *tp = NULL;
	u32 val2 = 0;
	int ret;

	if (utime && futex_cmd_has_timeout(cmd)) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		ret = futex_init_timeout(cmd, &ts, &t);
		if (ret)
			return ret;
		tp = &t;
	}
	/* the requeue and wake-op operations pass a count where the timeout goes */
	if (cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI ||
	    cmd == FUTEX_WAKE_OP)
		val2 = (u32)(unsigned long)utime;
	return do_futex(uaddr, op, val, tp, uaddr2, val2, val3);
}
