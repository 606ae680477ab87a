/*
 * include/linux/kernel_stat.h: the CPU's time by kind, as /proc/stat's
 * "cpu" lines show it, and the tick's accounting that fills it
 * (kernel/sched/cputime.c).  The idle time is not here: it is the idle
 * task's runtime (kernel/sched/idle.c), more precise than ticks.
 */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

#include <linux/smp.h>
#include <linux/types.h>

struct task_struct;

enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,		/* user time of tasks with a nice above 0 */
	CPUTIME_SYSTEM,
	NR_STATS,
};

struct kernel_cpustat {
	u64 cpustat[NR_STATS];	/* ns */
};

/*
 * Linux's per-CPU kernel_cpustat: each CPU's tick adds to its own, with
 * interrupts off, so no lock; readers add them up (a snapshot).
 */
extern struct kernel_cpustat kernel_cpustat[NR_CPUS];
#define kcpustat_cpu(cpu)	(&kernel_cpustat[(cpu)])
#define kcpustat_this_cpu	kcpustat_cpu(smp_processor_id())

u64 idle_time_cpu_ns(int cpu);

void account_user_time(struct task_struct *p, u64 cputime);
void account_system_time(struct task_struct *p, u64 cputime);
void account_process_tick(struct task_struct *p, int user_tick);

#endif
