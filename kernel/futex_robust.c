/*
 * kernel/futex_robust.c: robust futexes, set_robust_list(2) and
 * get_robust_list(2), and their cleanup when a thread dies.
 *
 * A thread tells the kernel where its list of held locks is (glibc does
 * at start-up, for robust pthread mutexes): a circular list in user
 * memory of entries, each futex_offset bytes before its lock word, plus
 * the one being taken or released (list_op_pending).  When the thread
 * exits or execs, the kernel walks that list: every lock word still
 * holding the thread's id gets FUTEX_OWNER_DIED, and one waiter is woken
 * if there are any, so that it can take the lock and learn its owner
 * died (EOWNERDEAD).  As Linux's exit_robust_list and handle_futex_death
 * (kernel/futex/core.c); priority-inheritance futexes are marked but not
 * handed over, since FUTEX_LOCK_PI does not exist here.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/futex.h>
#include <linux/cred.h>
#include <linux/ptrace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "futex.h"

#define ROBUST_LIST_LIMIT	2048	/* entries walked at most: the list may be a loop */

/* An entry's next pointer; bit 0 marks a PI futex (Linux's fetch_robust_entry). */
static int fetch_robust_entry(struct robust_list **entry, struct robust_list **head,
			      unsigned int *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long *)head))
		return -EFAULT;
	*entry = (void *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

/*
 * The lock word at @uaddr, if @curr holds it, gets FUTEX_OWNER_DIED (the
 * waiters bit kept) and a waiter is woken.  A pending unlock that left
 * the word free may have left a waiter asleep: it is woken too.
 */
static int handle_futex_death(u32 *uaddr, struct task_struct *curr, bool pi, bool pending_op)
{
	u32 uval, nval, mval;

	if ((unsigned long)uaddr % sizeof(*uaddr))
		return -1;
	for (;;) {
		if (get_user(uval, uaddr))
			return -1;
		if (pending_op && !pi && !(uval & FUTEX_TID_MASK)) {
			futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((uval & FUTEX_TID_MASK) != (u32)task_pid_vnr(curr))
			return 0;
		mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (futex_atomic_cmpxchg_inatomic(&nval, uaddr, uval, mval))
			return -1;
		if (nval == uval)
			break;		/* else it changed under us: look again */
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* Walks @curr's robust list (Linux's exit_robust_list); a bad pointer ends the walk. */
static void exit_robust_list(struct task_struct *curr)
{
	struct robust_list_head *head = curr->robust_list;
	struct robust_list *entry, *next_entry, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT, pi, pip, next_pi;
	long futex_offset;
	int rc;

	if (fetch_robust_entry(&entry, &head->list.next, &pi) ||
	    get_user(futex_offset, &head->futex_offset) ||
	    fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	while (entry != &head->list) {
		rc = fetch_robust_entry(&next_entry, &entry->next, &next_pi);
		if (entry != pending &&
		    handle_futex_death((u32 *)((char *)entry + futex_offset), curr, pi, false))
			return;
		if (rc)
			return;
		entry = next_entry;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_futex_death((u32 *)((char *)pending + futex_offset), curr, pip, true);
}

/*
 * The thread leaves its address space (exit or exec, from mm_release):
 * the locks it holds are marked, and an exec'd image starts without a
 * list (Linux's futex_exit_release and futex_exec_release).
 */
void futex_exit_release(struct task_struct *tsk)
{
	if (tsk->robust_list)
		exit_robust_list(tsk);
	tsk->robust_list = NULL;
}

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head *, head, size_t, len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/*
 * Another thread's list may be read by who may look into it (Linux's
 * ptrace_may_access in PTRACE_MODE_READ_REALCREDS): EPERM otherwise,
 * ESRCH for no such thread.
 */
SYSCALL_DEFINE3(get_robust_list, int, pid, struct robust_list_head **, head_ptr,
		size_t *, len_ptr)
{
	struct robust_list_head *head;
	struct task_struct *p = current;

	if (pid) {
		p = find_get_task_by_vpid(pid);
		if (!p)
			return -ESRCH;
	}
	head = p->robust_list;
	if (pid) {		/* the reference taken above, even if @pid is our own */
		bool ok = p == current || ptrace_may_access_mode(p, PTRACE_MODE_READ_REALCREDS);

		put_task_struct(p);
		if (!ok)
			return -EPERM;
	}
	if (put_user(sizeof(*head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}
