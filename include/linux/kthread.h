/* include/linux/kthread.h: kernel threads. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>

struct task_struct;

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...) __printf(3, 4);
struct task_struct *kthread_run(int (*threadfn)(void *data), void *data,
				const char *namefmt, ...) __printf(3, 4);
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
int kthreadd(void *unused);
extern struct task_struct *kthreadd_task;

#endif
