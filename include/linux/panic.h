/*
 * include/linux/panic.h: the taint flags (Linux's numbering), for
 * /proc/sys/kernel/tainted and the "Tainted:" of every trace, and the
 * reports a test expects (kernel/taint.c).
 */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

/* Linux's bit numbers; only these are ever set here (by the kernel). */
#define TAINT_PROPRIETARY_MODULE	0
#define TAINT_BAD_PAGE			5	/* slab, page allocator or list corruption */
#define TAINT_DIE			7	/* an oops */
#define TAINT_WARN			9	/* a WARN_ON fired */
#define TAINT_SOFTLOCKUP		14	/* the soft-lockup detector fired */
#define TAINT_FLAGS_COUNT		19

void add_taint(unsigned int flag);
unsigned long get_taint(void);
const char *print_tainted(void);
void expect_reports(unsigned long *count);

#endif
