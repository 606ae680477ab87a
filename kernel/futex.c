/*
 * kernel/futex.c: fast user-space mutexes (FUTEX_WAIT and FUTEX_WAKE).
 *
 * A waiter is keyed by the word it waits on: (mm, address) for a private
 * futex, (physical page, offset) for a word in shared memory, so that
 * processes mapping the same page meet.  WAIT checks the word's value and
 * queues itself under one lock, so a WAKE between the check and the sleep
 * cannot be lost.  As Linux's kernel/futex/, without priority inheritance
 * or requeueing.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/futex.h>

struct futex_key {
	unsigned long word;		/* mm or page */
	unsigned long offset;		/* address or offset in the page */
};

struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;
	bool woken;
};

static LIST_HEAD(futex_queue);		/* all waiters; protected by futex_lock */
static DEFINE_SPINLOCK(futex_lock);

static int get_futex_key(u32 *uaddr, bool shared, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	pte_t *pte;

	if (addr & 3)
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	key->word = (unsigned long)mm;
	key->offset = addr;
	if (!shared)
		return 0;
	down_read(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start <= addr && (vma->vm_flags & VM_SHARED)) {
		pte = pte_offset(mm->pgd, addr);
		if (pte && pte_present(*pte)) {
			key->word = (unsigned long)pfn_to_page(pte_pfn(*pte));
			key->offset = addr & ~PAGE_MASK;
		}
	}
	up_read(&mm->mmap_lock);
	return 0;
}

static long futex_wait(u32 *uaddr, bool shared, u32 val, const struct timespec64 *utime,
		       u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	long timeout = MAX_SCHEDULE_TIMEOUT, ret;
	u32 cur;

	if (!bitset)
		return -EINVAL;
	if (utime) {
		if (utime->tv_sec < 0 || utime->tv_nsec < 0 || utime->tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		timeout = nsecs_to_jiffies((u64)utime->tv_sec * NSEC_PER_SEC + utime->tv_nsec);
	}
	if (get_user(cur, uaddr))	/* fault the page in before looking it up */
		return -EFAULT;
	ret = get_futex_key(uaddr, shared, &q.key);
	if (ret)
		return ret;
	spin_lock_irq(&futex_lock);
	if (get_user(cur, uaddr) == 0 && cur != val) {
		spin_unlock_irq(&futex_lock);
		return -EAGAIN;
	}
	list_add_tail(&q.list, &futex_queue);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irq(&futex_lock);
	timeout = schedule_timeout(timeout);
	spin_lock_irq(&futex_lock);
	if (!q.woken)
		list_del(&q.list);
	spin_unlock_irq(&futex_lock);
	__set_current_state(TASK_RUNNING);
	if (q.woken)
		return 0;
	if (utime && !timeout)
		return -ETIMEDOUT;
	return -ERESTARTSYS;
}

long futex_wake(u32 *uaddr, bool shared, int nr, u32 bitset)
{
	struct futex_q *q, *n;
	struct futex_key key;
	int woken = 0;
	long ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	spin_lock_irq(&futex_lock);
	list_for_each_entry_safe(q, n, &futex_queue, list) {
		if (woken >= nr)
			break;
		if (q->key.word != key.word || q->key.offset != key.offset ||
		    !(q->bitset & bitset))
			continue;
		list_del(&q->list);
		q->woken = true;
		wake_up_process(q->task);
		woken++;
	}
	spin_unlock_irq(&futex_lock);
	return woken;
}

SYSCALL_DEFINE6(futex, u32 *, uaddr, int, op, u32, val, const struct timespec64 *, utime,
		u32 *, uaddr2, u32, val3)
{
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	struct timespec64 ts, *tp = NULL;
	int cmd = op & FUTEX_CMD_MASK;

	(void)uaddr2;
	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && utime) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		tp = &ts;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, tp, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		if (tp) {		/* an absolute CLOCK_MONOTONIC deadline */
			s64 left = (s64)(ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec) - ktime_get_ns();

			ts.tv_sec = left > 0 ? left / NSEC_PER_SEC : 0;
			ts.tv_nsec = left > 0 ? left % NSEC_PER_SEC : 0;
		}
		return futex_wait(uaddr, shared, val, tp, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, val, val3);
	}
	return -ENOSYS;
}
