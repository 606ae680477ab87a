/*
 * include/linux/syscalls.h: defining system calls.
 *
 * SYSCALL_DEFINEn(name, type1, arg1, ...) defines the system call the way
 * Linux does: the body gets typed arguments, and a wrapper
 * __x64_sys_name(regs) takes them from the registers of the x86_64
 * convention (rdi, rsi, rdx, r10, r8, r9), each first passed as a long so
 * that a 32-bit argument's upper bits are dropped exactly as Linux drops
 * them.  build/gen/syscall_64.tbl.h, which tools/gen_syscall_table.py
 * generates from the SYSCALL_DEFINEs, lists which numbers they serve.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>
#include <asm/ptrace.h>
#include <asm/unistd.h>

typedef long (*sys_call_ptr_t)(const struct pt_regs *);

#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...)	m(t, a)
#define __MAP2(m, t, a, ...)	m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...)	m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...)	m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...)	m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...)	m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...)		__MAP##n(__VA_ARGS__)

#define __SC_DECL(t, a)		t a
#define __SC_LONG(t, a)		long a
#define __SC_CAST(t, a)		(t)a
#define __SC_ARGS(t, a)		a

#define SC_X86_64_REGS_TO_ARGS(x, ...) \
	__MAP(x, __SC_ARGS, , regs->di, , regs->si, , regs->dx, \
	      , regs->r10, , regs->r8, , regs->r9)

#define SYSCALL_DEFINE0(name) \
	static long __do_sys_##name(void); \
	long __x64_sys_##name(const struct pt_regs *regs); \
	long __x64_sys_##name(const struct pt_regs *regs) \
	{ \
		(void)regs; \
		return __do_sys_##name(); \
	} \
	static long __do_sys_##name(void)

#define SYSCALL_DEFINEx(x, name, ...) \
	static long __do_sys_##name(__MAP(x, __SC_DECL, __VA_ARGS__)); \
	static long __se_sys_##name(__MAP(x, __SC_LONG, __VA_ARGS__)) \
	{ \
		return __do_sys_##name(__MAP(x, __SC_CAST, __VA_ARGS__)); \
	} \
	long __x64_sys_##name(const struct pt_regs *regs); \
	long __x64_sys_##name(const struct pt_regs *regs) \
	{ \
		return __se_sys_##name(SC_X86_64_REGS_TO_ARGS(x, __VA_ARGS__)); \
	} \
	static long __do_sys_##name(__MAP(x, __SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

extern const sys_call_ptr_t sys_call_table[NR_syscalls];
extern const char *const syscall_names[NR_syscalls];

#endif
