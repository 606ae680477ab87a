/*
 * include/linux/panic.h: the taint flags (Linux's numbering), for
 * /proc/sys/kernel/tainted.
 */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#define TAINT_WARN		9	/* a WARN_ON fired */
#define TAINT_FLAGS_COUNT	19

void add_taint(unsigned int flag);
unsigned long get_taint(void);

#endif
