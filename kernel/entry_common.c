/*
 * kernel/entry_common.c: the C side of entering and leaving the kernel.
 *
 * Every return to user mode passes exit_to_user_mode_prepare(), which
 * switches tasks if one is due and delivers pending signals, looping
 * until neither is left (a handler's set-up can itself be interrupted),
 * as Linux's kernel/entry/common.c.  A return to kernel mode may preempt
 * the interrupted kernel code when nothing forbids it.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <asm/traps.h>

#define EXIT_TO_USER_WORK	((1UL << TIF_NEED_RESCHED) | (1UL << TIF_SIGPENDING))

static void exit_to_user_mode_prepare(struct pt_regs *regs)
{
	unsigned long work;

	local_irq_disable();
	while ((work = READ_ONCE(current->thread_flags) & EXIT_TO_USER_WORK)) {
		local_irq_enable();
		if (work & (1UL << TIF_NEED_RESCHED))
			schedule();
		if (work & (1UL << TIF_SIGPENDING))
			arch_do_signal_or_restart(regs);
		local_irq_disable();
	}
}

void syscall_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_prepare(regs);
}

void irqentry_exit(struct pt_regs *regs)
{
	if (user_mode(regs)) {
		exit_to_user_mode_prepare(regs);
		return;
	}
	if (!preempt_count() && (regs->flags & X86_EFLAGS_IF) && need_resched())
		preempt_schedule_irq();
}

/* Reports an unimplemented system call once per number, by name. */
static long sys_ni_syscall(unsigned long nr)
{
	static unsigned long reported[(NR_syscalls + 63) / 64];

	if (nr < NR_syscalls && !(reported[nr / 64] & (1UL << (nr % 64)))) {
		reported[nr / 64] |= 1UL << (nr % 64);
		pr_info("%s[%d]: system call %s (%lu) is not implemented: ENOSYS\n",
			current->comm, task_pid_nr(current),
			syscall_names[nr] ? syscall_names[nr] : "unknown", nr);
	}
	return -ENOSYS;
}

void do_syscall_64(struct pt_regs *regs, long nr)
{
	local_irq_enable();
	if ((unsigned long)nr < NR_syscalls && sys_call_table[nr])
		regs->ax = sys_call_table[nr](regs);
	else if (nr >= 0)
		regs->ax = sys_ni_syscall(nr);
	syscall_exit_to_user_mode(regs);
}
