/*
 * kernel/sched/cputime.c: user and system CPU time, per task and process.
 *
 * Two measures meet here.  The scheduler charges every nanosecond a task
 * runs to se.sum_exec_runtime (update_curr): exact, but blind to whether
 * the CPU was in user or kernel mode.  The tick looks at the mode: each
 * one charges a whole TICK_NSEC to the task it interrupted, as user or as
 * system time (account_process_tick): it knows the mode but is coarse, and
 * a task that always sleeps before the tick is never charged at all.  What
 * user space is told (times, getrusage, wait4, /proc/PID/stat) takes the
 * total from the scheduler and only the ratio from the ticks
 * (cputime_adjust), as Linux does without VIRT_CPU_ACCOUNTING.
 */
#include "sched.h"
#include <linux/signal.h>
#include <linux/kernel_stat.h>
#include <linux/sched/cputime.h>
#include <asm/div64.h>

struct kernel_cpustat kernel_cpustat[NR_CPUS];

/* @p ran @cputime ns in user mode. */
void account_user_time(struct task_struct *p, u64 cputime)
{
	p->utime += cputime;
	kcpustat_this_cpu->cpustat[task_nice(p) > 0 ? CPUTIME_NICE : CPUTIME_USER] += cputime;
}

/* @p ran @cputime ns in kernel mode (a system call, a fault, a kernel thread). */
void account_system_time(struct task_struct *p, u64 cputime)
{
	p->stime += cputime;
	kcpustat_this_cpu->cpustat[CPUTIME_SYSTEM] += cputime;
}

/* @cpu's idle time: its idle task's runtime, read without the lock (a snapshot). */
u64 idle_time_cpu_ns(int cpu)
{
	struct task_struct *idle = READ_ONCE(cpu_rq(cpu)->idle);

	return idle ? READ_ONCE(idle->se.sum_exec_runtime) : 0;
}

/*
 * The tick, from update_process_times: @user_tick says whether it
 * interrupted user mode.  The idle task is not charged: the CPU's idle
 * time is the idle task's runtime, which its class keeps to the
 * nanosecond (update_curr_idle) for /proc/uptime and /proc/stat.
 */
void account_process_tick(struct task_struct *p, int user_tick)
{
	if (user_tick)
		account_user_time(p, TICK_NSEC);
	else if (!(p->flags & PF_IDLE))
		account_system_time(p, TICK_NSEC);
}

/*
 * The process's times: its threads' plus what the threads already
 * released left in signal_struct (release_task adds them there).  The
 * running thread is charged up to now first, so a thread's
 * CLOCK_THREAD_CPUTIME_ID never runs ahead of its process's.  Called with
 * tasklist_lock held, which keeps the thread list and the sums still.
 */
void thread_group_cputime(struct task_struct *tsk, struct task_cputime *times)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *t;

	if (same_thread_group(current, tsk))
		task_sched_runtime(current);
	times->utime = sig->utime;
	times->stime = sig->stime;
	times->sum_exec_runtime = sig->sum_sched_runtime;
	for_each_thread(tsk, t) {
		times->utime += t->utime;
		times->stime += t->stime;
		times->sum_exec_runtime += t->se.sum_exec_runtime;
	}
}

/*
 * The system part of @rtime, in the ratio @stime : @utime of the ticks.
 * With no system tick yet, all of it is user time; with no user tick,
 * all of it is system time.
 */
static u64 scale_stime(u64 stime, u64 utime, u64 rtime)
{
	if (!stime)
		return 0;
	if (!utime)
		return rtime;
	return mul_u64_u64_div_u64(stime, rtime, stime + utime);	/* <= rtime: fits */
}

/*
 * Splits @curr's exact total in the ratio of its ticks, so that utime +
 * stime == sum_exec_runtime.  The ratio changes as ticks come in, and a
 * fresh split could give either part less than it was shown before; so
 * each part is at least its value in @prev, and the other takes the rest
 * (the total only grows, so both can be kept).  Linux's cputime_adjust.
 */
void cputime_adjust(struct task_cputime *curr, struct prev_cputime *prev, u64 *ut, u64 *st)
{
	u64 rtime, stime, utime;
	unsigned long flags;

	spin_lock_irqsave(&prev->lock, flags);
	rtime = curr->sum_exec_runtime;
	if (rtime > prev->utime + prev->stime) {	/* else nothing new since the last split */
		stime = max(scale_stime(curr->stime, curr->utime, rtime), prev->stime);
		utime = rtime - stime;
		if (utime < prev->utime) {
			utime = prev->utime;
			stime = rtime - utime;
		}
		prev->utime = utime;
		prev->stime = stime;
	}
	*ut = prev->utime;
	*st = prev->stime;
	spin_unlock_irqrestore(&prev->lock, flags);
}

/*
 * One thread's times (RUSAGE_THREAD, /proc/PID/task/TID/stat).  As in
 * Linux, the total is what the scheduler charged by the last tick or
 * switch; the clocks (task_sched_runtime) are the ones that add the rest.
 */
void task_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st)
{
	struct task_cputime cputime = { .sum_exec_runtime = p->se.sum_exec_runtime };

	task_cputime(p, &cputime.utime, &cputime.stime);
	cputime_adjust(&cputime, &p->prev_cputime, ut, st);
}

/* The whole process's times (times, getrusage, wait, /proc/PID/stat).  Hold tasklist_lock. */
void thread_group_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st)
{
	struct task_cputime cputime;

	thread_group_cputime(p, &cputime);
	cputime_adjust(&cputime, &p->signal->prev_cputime, ut, st);
}

/*
 * @p's CPU time to this moment (Linux's task_sched_runtime).  The running
 * task's time since the last tick or switch is not in sum_exec_runtime
 * yet: its class charges it first (update_curr), so a CPU-time clock read
 * twice across a busy loop moves on even when no tick came in between.
 */
u64 task_sched_runtime(struct task_struct *p)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);
	u64 ns;

	if (rq->curr == p && p->on_rq) {
		update_rq_clock(rq);
		p->sched_class->update_curr(rq);
	}
	ns = p->se.sum_exec_runtime;
	task_rq_unlock(rq, p, flags);
	return ns;
}
