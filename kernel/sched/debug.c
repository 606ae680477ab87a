/*
 * kernel/sched/debug.c: what the scheduler shows of its tasks on demand.
 *
 * show_state() is SysRq-T (Ctrl-T on the console, and what the test
 * harness asks a hung boot for): one line per task with its state and,
 * for a sleeping task, its wchan, the function it chose to wait in
 * (Linux's get_wchan: the first caller outside the scheduler's own
 * functions, which __sched puts in .sched.text).
 */
#include "sched.h"
#include <linux/kernel.h>
#include <linux/kallsyms.h>

bool read_kernel_word(unsigned long addr, unsigned long *val);

bool in_sched_functions(unsigned long addr)
{
	return addr >= (unsigned long)__sched_text_start &&
	       addr < (unsigned long)__sched_text_end;
}

/*
 * Where a switched-out task sleeps: 0 if it is running or its frames
 * cannot be followed.  __switch_to_asm left its callee-saved registers
 * at thread.sp, %rbp last and the return address above it; from there
 * the frame-pointer chain leads up through the scheduler's functions.
 */
unsigned long get_wchan(struct task_struct *p)
{
	unsigned long bottom = (unsigned long)task_stack_page(p), top = bottom + THREAD_SIZE;
	unsigned long fp, ip, sp = READ_ONCE(p->thread.sp);
	int depth;

	if (p == current || READ_ONCE(p->state) == TASK_RUNNING || !bottom)
		return 0;
	if (sp < bottom || sp + 56 > top || !read_kernel_word(sp + 40, &fp) ||
	    !read_kernel_word(sp + 48, &ip))
		return 0;
	for (depth = 0; depth < 16 && in_sched_functions(ip); depth++) {
		if (fp < bottom || fp + 16 > top || !read_kernel_word(fp + 8, &ip) ||
		    !read_kernel_word(fp, &fp))
			return 0;
	}
	return in_sched_functions(ip) ? 0 : ip;
}

static const char *task_state_name(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z";
	if (p->state == TASK_RUNNING)
		return "R";
	if (p->state & TASK_INTERRUPTIBLE)
		return "S";
	if (p->state & TASK_UNINTERRUPTIBLE)
		return "D";
	if (p->state & __TASK_STOPPED)
		return "T";
	return "X";
}

void sched_show_task(struct task_struct *p)
{
	char wchan[KSYM_NAME_LEN] = "-";
	unsigned long ip = get_wchan(p);

	if (ip)
		sprint_symbol(wchan, sizeof(wchan), ip, false);
	pr_info("%-15s %s %5d %5d %14llu %4d %14llu %-5s %s\n", p->comm, task_state_name(p),
		p->pid, p->real_parent ? p->real_parent->pid : 0,
		(unsigned long long)p->se.vruntime, task_nice(p),
		(unsigned long long)p->se.sum_exec_runtime,
		p->sched_class == &rt_sched_class ? "rt" :
		p->sched_class == &idle_sched_class ? "idle" : "fair", wchan);
}

/*
 * SysRq-T: every task with its scheduling state.  It runs in interrupts
 * (the console's Ctrl-T) and in an NMI (kernel/nmi.c), so the task list
 * lock is taken with interrupts off, as everyone else takes it; it can
 * then be busy only if an NMI stopped its holder, which will not move
 * until we return: the list is read without it.
 */
void show_state(void)
{
	struct task_struct *p, *t;
	unsigned long flags;
	bool locked;

	pr_info("task            S   pid  ppid       vruntime nice   runtime(ns) class wchan\n");
	sched_show_task(&init_task);
	local_irq_save(flags);
	locked = spin_trylock(&tasklist_lock);
	if (!locked)
		pr_info("(tasklist_lock is held by the code the NMI stopped: read without it)\n");
	for_each_process(p)
		for_each_thread(p, t)
			sched_show_task(t);
	if (locked)
		spin_unlock_irqrestore(&tasklist_lock, flags);
	else
		local_irq_restore(flags);
}
