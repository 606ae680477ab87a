/*
 * include/linux/sched/debug.h: what the scheduler shows of its tasks
 * when someone asks (SysRq-T, a hung boot), as Linux's header of this name.
 */
#ifndef _LINUX_SCHED_DEBUG_H
#define _LINUX_SCHED_DEBUG_H

#include <linux/compiler.h>
#include <linux/types.h>

struct task_struct;

/*
 * Functions that only sleep or switch go in .sched.text, so get_wchan()
 * can step over them to the function that chose to wait.
 */
#define __sched		__section(".sched.text")

extern char __sched_text_start[], __sched_text_end[];

bool in_sched_functions(unsigned long addr);
unsigned long get_wchan(struct task_struct *p);
void sched_show_task(struct task_struct *p);
void show_state(void);

#endif
