/* include/linux/bug.h: BUG_ON, WARN_ON and panic. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn __cold;
void __warn(const char *file, int line, const char *cond);
void dump_stack(void);

#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)

#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		panic("kernel BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
} while (0)

#define WARN_ON(cond) ({ \
	int __ret = !!(cond); \
	if (unlikely(__ret)) \
		__warn(__FILE__, __LINE__, #cond); \
	__ret; \
})

/* Linux's WARN: @fmt says what went wrong, then the warning and its trace. */
#define WARN(cond, fmt, ...) ({ \
	int __ret = !!(cond); \
	if (unlikely(__ret)) { \
		printk(KERN_WARNING fmt, ##__VA_ARGS__); \
		__warn(__FILE__, __LINE__, #cond); \
	} \
	__ret; \
})

#define WARN_ON_ONCE(cond) ({ \
	static bool __warned; \
	int __ret = !!(cond); \
	if (unlikely(__ret) && !__warned) { \
		__warned = 1; \
		__warn(__FILE__, __LINE__, #cond); \
	} \
	__ret; \
})

#endif
