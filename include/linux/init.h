/*
 * include/linux/init.h: initcalls and command-line hooks.
 *
 * Each initcall is a function pointer placed in a section named for its
 * level; linker.ld lays the sections out in Linux's order and
 * do_initcalls() walks them.  The names and levels are Linux's.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);

#define __init
#define __initdata

#define __define_initcall(fn, id) \
	static initcall_t __initcall_##fn##id __used \
	__section(".initcall" #id ".init") = fn

#define early_initcall(fn)		__define_initcall(fn, early)
#define pure_initcall(fn)		__define_initcall(fn, 0)
#define core_initcall(fn)		__define_initcall(fn, 1)
#define core_initcall_sync(fn)		__define_initcall(fn, 1s)
#define postcore_initcall(fn)		__define_initcall(fn, 2)
#define postcore_initcall_sync(fn)	__define_initcall(fn, 2s)
#define arch_initcall(fn)		__define_initcall(fn, 3)
#define arch_initcall_sync(fn)		__define_initcall(fn, 3s)
#define subsys_initcall(fn)		__define_initcall(fn, 4)
#define subsys_initcall_sync(fn)	__define_initcall(fn, 4s)
#define fs_initcall(fn)			__define_initcall(fn, 5)
#define fs_initcall_sync(fn)		__define_initcall(fn, 5s)
#define rootfs_initcall(fn)		__define_initcall(fn, rootfs)
#define device_initcall(fn)		__define_initcall(fn, 6)
#define device_initcall_sync(fn)	__define_initcall(fn, 6s)
#define late_initcall(fn)		__define_initcall(fn, 7)
#define late_initcall_sync(fn)		__define_initcall(fn, 7s)
#define __initcall(fn)			device_initcall(fn)

/*
 * __setup("word", fn): fn(value) is called for "word" or "word=value" on
 * the command line.  early_param runs before memory is up.
 */
struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
};

#define __setup_param(str, unique_id, fn, early) \
	static const char __setup_str_##unique_id[] = str; \
	static const struct obs_kernel_param __setup_##unique_id __used \
	__section(".init.setup") __aligned(8) = \
		{ __setup_str_##unique_id, fn, early }

#define __setup(str, fn)	__setup_param(str, fn, fn, 0)
#define early_param(str, fn)	__setup_param(str, fn, fn, 1)

extern char boot_command_line[];
extern int initcall_debug;

void do_initcalls(void);
void do_pre_smp_initcalls(void);
int do_one_initcall(initcall_t fn);
pid_t rest_init_thread(int (*fn)(void *), const char *name, unsigned long flags);
void parse_early_param(void);
void parse_args_unknown(void);

#endif
