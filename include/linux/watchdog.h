/*
 * include/linux/watchdog.h: the soft-lockup and hung-task detectors
 * (kernel/watchdog.c, kernel/hung_task.c).  Linux's <linux/nmi.h> and
 * <linux/sched/sysctl.h> hold these.
 */
#ifndef _LINUX_WATCHDOG_H
#define _LINUX_WATCHDOG_H

struct pt_regs;

extern int watchdog_thresh;
void watchdog_timer_fn(struct pt_regs *regs);
void touch_softlockup_watchdog(void);

extern int sysctl_hung_task_timeout_secs;
extern int sysctl_hung_task_warnings;
void check_hung_uninterruptible_tasks(unsigned long timeout);

#endif
