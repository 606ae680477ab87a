/*
 * include/linux/bug.h: BUG_ON, WARN_ON, WARN and panic.
 *
 * A warning prints Linux's "cut here" line, its message, "WARNING: CPU: 0
 * PID: N at FILE:LINE function+off/size", the stack and an end marker,
 * taints the kernel (TAINT_WARN) and goes on.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn __cold;
void __warn(const char *file, int line);
void __warn_printk(const char *fmt, ...) __printf(1, 2) __cold;
void dump_stack(void);
bool unwind_frame(unsigned long *bp, unsigned long *ret);	/* kernel/panic.c */
struct task_struct;
void show_stack(struct task_struct *tsk);	/* a sleeping task's, or ours */

#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)

#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		panic("kernel BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
} while (0)

#define WARN(cond, fmt, ...) ({ \
	int __ret = !!(cond); \
	if (unlikely(__ret)) { \
		__warn_printk(fmt, ##__VA_ARGS__); \
		__warn(__FILE__, __LINE__); \
	} \
	__ret; \
})

#define WARN_ON(cond)	WARN(cond, "WARN_ON(%s)\n", #cond)

#define WARN_ON_ONCE(cond) ({ \
	static bool __warned; \
	int __ret = !!(cond); \
	if (unlikely(__ret) && !__warned) { \
		__warned = 1; \
		__warn_printk("WARN_ON_ONCE(%s)\n", #cond); \
		__warn(__FILE__, __LINE__); \
	} \
	__ret; \
})

#endif
