/*
 * kernel/exit.c: how tasks end, and how parents learn of it.
 *
 * do_exit() releases what the task holds, re-parents its children
 * (forget_original_parent), becomes a zombie and tells its parent
 * (exit_notify); the last context switch away from it frees its stack.
 * The parent's wait4()/waitid() collects the zombie's status and
 * release_task() removes it for good, freeing its pid.  A pid
 * namespace's init exiting kills the whole namespace first
 * (zap_pid_ns_processes, in ns/pid_namespace.c's terms: find_child_reaper).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/nsproxy.h>
#include <linux/ipc_namespace.h>
#include <linux/pid_namespace.h>
#include <linux/mmu_context.h>
#include <linux/kthread.h>
#include <linux/user_namespace.h>
#include <linux/wait_api.h>
#include <linux/fdtable.h>
#include <linux/tty.h>
#include <linux/pidfd.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>

/* Takes @p out of every list and hash it is on (Linux's __unhash_process). */
static void unhash_process(struct task_struct *p)
{
	nr_threads--;
	detach_pid(p, PIDTYPE_PID);
	if (thread_group_leader(p)) {
		detach_pid(p, PIDTYPE_PGID);
		detach_pid(p, PIDTYPE_SID);
		list_del_init(&p->sibling);
	}
	list_del_init(&p->tasks);
	list_del_init(&p->thread_group);
}

/* The thread group's shared state loses one member; the last frees it. */
static void exit_signal_struct(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	sig->utime += p->utime;		/* the process's times keep what this thread used */
	sig->stime += p->stime;
	sig->sum_sched_runtime += p->se.sum_exec_runtime;
	sig->nr_threads--;
	if (sig->curr_target == p)
		sig->curr_target = list_empty(&p->thread_group) ? NULL :
			list_first_entry(&p->thread_group, struct task_struct, thread_group);
	flush_sigqueue(&p->pending);
	posix_cpu_timers_exit(p);	/* timers on this thread's time stop */
	if (atomic_dec_and_test(&sig->sigcnt)) {
		flush_sigqueue(&sig->shared_pending);
		posix_cpu_timers_exit_group(sig);
		free_signal_struct(sig);
	}
	p->signal = NULL;
	__cleanup_sighand(p->sighand);
	p->sighand = NULL;
}

/* Removes a dead task for good: its pid is freed here, not at exit. */
void release_task(struct task_struct *p)
{
	struct task_struct *leader, *execer;
	bool zap_leader = false;

	atomic_dec(&p->real_cred->user->processes);
	spin_lock_irq(&tasklist_lock);
	/*
	 * Off the thread list under siglock too (Linux's __exit_signal takes it
	 * around __unhash_process): for_each_thread may walk it under siglock
	 * alone (zap_other_threads, from another CPU), and @p is freed below.
	 */
	spin_lock(&p->sighand->siglock);
	unhash_process(p);
	spin_unlock(&p->sighand->siglock);
	execer = p->signal->group_exit_task;
	exit_signal_struct(p);		/* first: the leader's report counts our times */
	/* a zombie leader waiting for its last thread can now be reported */
	leader = p->group_leader;
	if (leader != p && thread_group_empty(leader) && leader->exit_state == EXIT_ZOMBIE) {
		zap_leader = do_notify_parent(leader, leader->exit_signal);
		if (zap_leader)
			leader->exit_state = EXIT_DEAD;
	}
	if (execer)
		wake_up_process(execer);	/* de_thread counts the threads left */
	spin_unlock_irq(&tasklist_lock);
	put_task_struct(p);
	if (zap_leader)
		release_task(leader);
}

/* A live thread of @p's group other than @p, or NULL. */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	list_for_each_entry(t, &p->group_leader->thread_group, thread_group)
		if (t != p && !(t->flags & PF_EXITING))
			return t;
	if (p != p->group_leader && !(p->group_leader->flags & PF_EXITING))
		return p->group_leader;
	return NULL;
}

#ifndef LAB_PIDNS	/* LAB pidns: a namespace's init dies */
/*
 * @father was its namespace's init.  Another live thread of its group
 * takes over as the namespace's reaper; if none is left, the namespace
 * dies with it: the zombies @father already released (@dead) go first,
 * then zap_pid_ns_processes kills and reaps every other task, and
 * @father adopts nobody.  Called and returns with tasklist_lock held.
 */
static struct task_struct *init_is_exiting(struct task_struct *father,
					   struct pid_namespace *pid_ns, struct list_head *dead)
{
	struct task_struct *reaper = find_alive_thread(father), *p, *n;

	if (reaper) {
		pid_ns->child_reaper = reaper;
		return reaper;
	}
	spin_unlock_irq(&tasklist_lock);
	list_for_each_entry_safe(p, n, dead, ptrace_entry) {
		list_del_init(&p->ptrace_entry);
		release_task(p);
	}
	zap_pid_ns_processes(pid_ns);
	spin_lock_irq(&tasklist_lock);
	return father;
}
#else
/*
 * TODO (lab pidns, step 2): what happens when @father, its namespace's
 * init, exits (docs/labs/pidns.md).  This stub hands the namespace to the
 * initial namespace's init, as Linux did before pid namespaces: the tasks
 * in it outlive their init and are adopted from outside.
 */
static struct task_struct *init_is_exiting(struct task_struct *father,
					   struct pid_namespace *pid_ns, struct list_head *dead)
{
	(void)father;
	(void)dead;
	pid_ns->child_reaper = init_pid_ns.child_reaper;
	return pid_ns->child_reaper;
}
#endif	/* LAB_PIDNS */

/*
 * Who gets @father's children: its namespace's reaper, unless @father is
 * that reaper (Linux's find_child_reaper).  Called and returns with
 * tasklist_lock held.
 */
static struct task_struct *find_child_reaper(struct task_struct *father,
					     struct list_head *dead)
{
	struct pid_namespace *pid_ns = task_active_pid_ns(father);
	struct task_struct *reaper = pid_ns->child_reaper;

	if (likely(reaper != father))
		return reaper;
	return init_is_exiting(father, pid_ns, dead);
}

/* A live thread of @father's group, else the nearest subreaper above it, else the ns init. */
static struct task_struct *find_new_reaper(struct task_struct *father,
					   struct task_struct *child_reaper)
{
	struct task_struct *thread, *reaper;

	thread = find_alive_thread(father);
	if (thread)
		return thread;
	if (father->signal->has_child_subreaper) {
		unsigned int ns_level = task_active_pid_ns(father)->level;

		for (reaper = father->real_parent;
		     task_active_pid_ns(reaper)->level == ns_level && reaper != &init_task;
		     reaper = reaper->real_parent) {
			if (reaper == child_reaper)
				break;
			if (!reaper->signal->is_child_subreaper)
				continue;
			thread = find_alive_thread(reaper);
			if (!(reaper->flags & PF_EXITING))
				return reaper;
			if (thread)
				return thread;
		}
	}
	return child_reaper;
}

/* A zombie child adopted by someone new: tell the new parent, or reap it now. */
static void reparent_leader(struct task_struct *father, struct task_struct *p,
			    struct list_head *dead)
{
	if (p->exit_state == EXIT_DEAD)
		return;
	if (p->exit_state == EXIT_ZOMBIE && thread_group_empty(p)) {
		if (do_notify_parent(p, p->exit_signal)) {
			p->exit_state = EXIT_DEAD;
			list_add(&p->ptrace_entry, dead);
		}
	}
	kill_orphaned_pgrp(p, father);
}

static void forget_original_parent(struct task_struct *father, struct list_head *dead)
{
	struct task_struct *p, *t, *reaper;

	reaper = find_child_reaper(father, dead);
	if (list_empty(&father->children))
		return;
	reaper = find_new_reaper(father, reaper);
	list_for_each_entry(p, &father->children, sibling) {
		p->real_parent = reaper;
		if (p->parent == father)
			p->parent = reaper;
		if (p->pdeath_signal)
			group_send_sig_info(p->pdeath_signal, SEND_SIG_NOINFO, p);
		list_for_each_entry(t, &p->thread_group, thread_group) {
			t->real_parent = reaper;
			t->parent = reaper;
			if (t->pdeath_signal)	/* each thread asks for its own */
				group_send_sig_info(t->pdeath_signal, SEND_SIG_NOINFO, t);
		}
		if (reaper->group_leader != father->group_leader)
			reparent_leader(father, p, dead);
	}
	list_splice_tail_init(&father->children, &reaper->children);
}

static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	struct task_struct *p, *n;
	bool autoreap;
	LIST_HEAD(dead);

	spin_lock_irq(&tasklist_lock);
	forget_original_parent(tsk, &dead);
	if (group_dead)
		kill_orphaned_pgrp(tsk->group_leader, NULL);
	tsk->exit_state = EXIT_ZOMBIE;
	if (thread_group_leader(tsk))
		autoreap = thread_group_empty(tsk) && do_notify_parent(tsk, tsk->exit_signal);
	else {
		autoreap = true;	/* threads are never waited for */
		do_notify_pidfd(tsk);	/* but a PIDFD_THREAD pidfd polls for them */
	}
	if (autoreap) {
		tsk->exit_state = EXIT_DEAD;
		list_add(&tsk->ptrace_entry, &dead);
	}
	if (tsk->signal->notify_count < 0 && tsk->signal->group_exit_task)
		wake_up_process(tsk->signal->group_exit_task);	/* exec waits for us */
	spin_unlock_irq(&tasklist_lock);
	list_for_each_entry_safe(p, n, &dead, ptrace_entry) {
		list_del_init(&p->ptrace_entry);
		release_task(p);
	}
}

/* What a task holds besides its memory: files, cwd, SysV semaphores and shm, the tty. */
static void exit_task_resources(struct task_struct *tsk, bool group_dead)
{
	exit_sem(tsk);
	exit_shm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	if (group_dead && tsk->signal->leader)
		disassociate_ctty(1);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;
	bool group_dead;

	if (unlikely(tsk->flags & PF_EXITING)) {
		pr_alert("Fixing recursive fault but reboot is needed!\n");
		set_current_state(TASK_UNINTERRUPTIBLE);
		for (;;)
			schedule();
	}
	exit_signals(tsk);		/* sets PF_EXITING */
	group_dead = atomic_dec_and_test(&tsk->signal->live);
	if (group_dead && tsk == init_pid_ns.child_reaper)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	if (group_dead) {		/* the process's timers die with it */
		hrtimer_cancel(&tsk->signal->real_timer);
		exit_itimers(tsk);
	}
	tsk->exit_code = code;
	exit_mm();
	exit_task_resources(tsk, group_dead);
	exit_task_namespaces(tsk);
	if (tsk->flags & PF_KTHREAD)
		kthread_exit_notify(tsk, code);
	exit_notify(tsk, group_dead);
	if (debug_objects)
		check_wait_entries_at_exit(tsk);
	do_task_dead();
}

/*
 * exit_group(2) and fatal signals: every thread of the group goes, with
 * one code.  While another thread execs (group_exit_task), the threads
 * it killed just go: they must not take the execing thread with them.
 */
void do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else if (sig->group_exit_task) {
		exit_code = 0;
	} else if (!thread_group_empty(current)) {
		spin_lock_irq(&current->sighand->siglock);
		if (sig->flags & SIGNAL_GROUP_EXIT) {
			exit_code = sig->group_exit_code;
		} else if (sig->group_exit_task) {
			exit_code = 0;
		} else {
			sig->group_exit_code = exit_code;
			sig->flags = SIGNAL_GROUP_EXIT;
			zap_other_threads(current);
		}
		spin_unlock_irq(&current->sighand->siglock);
	}
	do_exit(exit_code);
}
