/*
 * include/linux/oom.h: the OOM killer (mm/oom_kill.c).
 *
 * oom_score_adj is per process (signal_struct), in [-1000, 1000]: it adds
 * that many thousandths of RAM to the process's badness; -1000 means never.
 * A process is an OOM victim once the killer chose it: signal->oom_mm then
 * holds (mmgrab) the address space whose freeing the killer waits for.
 */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/signal.h>

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000
/* /proc/PID/oom_adj, the legacy scale: -17 disables, -16..15 */
#define OOM_DISABLE		(-17)
#define OOM_ADJUST_MIN		(-16)
#define OOM_ADJUST_MAX		15

/* mm->flags bits of the OOM killer (Linux's, in sched/coredump.h there) */
#define MMF_UNSTABLE		22	/* being reaped: a fault must not see zeros */
#define MMF_OOM_SKIP		21	/* freed or reaped: nothing left to take */
#define MMF_OOM_VICTIM		25
#define MMF_OOM_REAP_QUEUED	26	/* the reaper has it already */

struct mm_struct;

/* One invocation of the killer: what failed, and what it chose. */
struct oom_control {
	gfp_t gfp_mask;			/* of the allocation that failed (0: a page fault) */
	int order;
	unsigned long totalpages;	/* RAM + swap, the unit of oom_score_adj */
	struct task_struct *chosen;	/* with a reference; (void *)-1UL: wait */
	long chosen_points;
};

extern struct mutex oom_lock;		/* one invocation at a time */

static inline bool tsk_is_oom_victim(struct task_struct *tsk)
{
	return tsk->signal->oom_mm != NULL;
}

bool out_of_memory(struct oom_control *oc);
long oom_badness(struct task_struct *p, unsigned long totalpages);
void mark_oom_victim(struct task_struct *tsk);
struct task_struct *find_lock_task_mm(struct task_struct *p);
bool process_shares_mm(struct task_struct *p, struct mm_struct *mm);

#endif
