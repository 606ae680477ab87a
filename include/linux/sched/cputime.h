/*
 * include/linux/sched/cputime.h: reading a task's or a process's CPU
 * time (kernel/sched/cputime.c, task_sched_runtime in kernel/sched/core.c).
 *
 * task_cputime() gives the raw tick samples; the *_adjusted() functions
 * give what user space is told: the precise total, split in the ratio of
 * the samples, never going back.
 */
#ifndef _LINUX_SCHED_CPUTIME_H
#define _LINUX_SCHED_CPUTIME_H

#include <linux/sched.h>

/* The ticks sampled in @t so far, in ns. */
static inline void task_cputime(struct task_struct *t, u64 *utime, u64 *stime)
{
	*utime = t->utime;
	*stime = t->stime;
}

u64 task_sched_runtime(struct task_struct *p);
void task_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st);
/* These two read the thread list and signal_struct: hold tasklist_lock. */
void thread_group_cputime(struct task_struct *tsk, struct task_cputime *times);
void thread_group_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st);
void cputime_adjust(struct task_cputime *curr, struct prev_cputime *prev, u64 *ut, u64 *st);

#endif
