/* include/linux/timer.h: one-shot kernel timers on jiffies. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/list.h>

struct timer_list {
	struct list_head entry;		/* on the pending list, sorted by expiry */
	unsigned long expires;		/* in jiffies */
	void (*function)(struct timer_list *);
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *));
void add_timer(struct timer_list *t);
int mod_timer(struct timer_list *t, unsigned long expires);
int del_timer_sync(struct timer_list *t);
bool timer_pending(const struct timer_list *t);
void run_local_timers(void);

unsigned long tick_jiffies_elapsed(u64 *last, u64 now);

#endif
