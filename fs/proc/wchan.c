/*
 * fs/proc/wchan.c: where a task is: /proc/PID/wchan and /proc/PID/syscall.
 *
 * wchan names the function a sleeping task waits in (get_wchan: the
 * first caller outside the scheduler's own functions), "0" for a task
 * that is running or that the reader may not look into.  syscall shows
 * the system call a task is in, from the user registers its entry saved
 * at the top of its kernel stack: its number, six arguments, the user
 * stack pointer and instruction pointer; only the number, -1, and the two
 * pointers when it entered through an interrupt or exception (orig_ax -1),
 * and "running" for a task that is on a CPU or runnable, whose registers
 * are not still.  A zombie shows the registers it died with, as today's
 * Linux does (6.1 freed a dead task's stack at once: "-1 0x0 0x0").  Both
 * files are Linux 6.1's fs/proc/base.c.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/kallsyms.h>
#include <linux/ptrace.h>
#include <linux/seq_file.h>
#include <asm/ptrace.h>
#include "internal.h"

/* Linux's proc_pid_wchan: the symbol's name without an offset, or "0". */
int proc_pid_wchan(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task)
{
	unsigned long wchan, size, offset;
	const char *name = NULL;

	(void)ns;
	(void)pid;
	if (ptrace_may_access(task)) {
		wchan = get_wchan(task);
		if (wchan)
			name = kallsyms_lookup(wchan, &size, &offset);
	}
	if (name)
		seq_puts(m, name);
	else
		seq_putc(m, '0');
	return 0;
}

/*
 * Linux's proc_pid_syscall (task_current_syscall, collect_syscall): the
 * caller itself is in read(2) right now; another task has its registers
 * saved only while it sleeps.  EACCES for a reader that may not look into
 * it (Linux's lock_trace).
 */
int proc_pid_syscall(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		     struct task_struct *task)
{
	const struct pt_regs *regs = task_pt_regs(task);
	int nr;

	(void)ns;
	(void)pid;
	if (!ptrace_may_access(task))
		return -EACCES;
	if (task != current && READ_ONCE(task->state) == TASK_RUNNING) {
		seq_puts(m, "running\n");
		return 0;
	}
	nr = (int)regs->orig_ax;
	if (nr < 0)
		seq_printf(m, "%d 0x%lx 0x%lx\n", nr, regs->sp, regs->ip);
	else
		seq_printf(m, "%d 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx\n", nr,
			   regs->di, regs->si, regs->dx, regs->r10, regs->r8, regs->r9,
			   regs->sp, regs->ip);
	return 0;
}
