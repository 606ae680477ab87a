/*
 * kernel/process.c: the architecture half of a new task (Linux's
 * arch/x86/kernel/process*.c).
 *
 * copy_thread() builds the new task's kernel stack so that the first
 * switch to it "returns" into ret_from_fork: a saved frame of callee-
 * saved registers (with the kernel thread's function in rbx and its
 * argument in r12) sits under a pt_regs, which for a user task is a copy
 * of the parent's, with 0 as the child's return value.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/page.h>

/* What __switch_to_asm pops, lowest address first. */
struct inactive_task_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret_addr;
};

extern void ret_from_fork(void);
void fpu__copy(struct task_struct *dst);

int copy_thread(struct task_struct *p, struct kernel_clone_args *args)
{
	struct pt_regs *childregs = task_pt_regs(p);
	struct inactive_task_frame *frame = (struct inactive_task_frame *)childregs - 1;

	memset(frame, 0, sizeof(*frame));
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)frame;
	fpu__copy(p);
	if (args->fn) {			/* a kernel thread */
		memset(childregs, 0, sizeof(*childregs));
		frame->bx = (unsigned long)args->fn;
		frame->r12 = (unsigned long)args->fn_arg;
		p->thread.fsbase = p->thread.gsbase = 0;
		return 0;
	}
	*childregs = *task_pt_regs(current);
	childregs->ax = 0;		/* fork() returns 0 in the child */
	if (args->stack)
		childregs->sp = args->stack;
	if (args->flags & CLONE_SETTLS) {
		if (args->tls >= TASK_SIZE)
			return -EPERM;	/* as Linux's do_arch_prctl_64 for ARCH_SET_FS */
		p->thread.fsbase = args->tls;
	}
	return 0;
}

/* execve's fresh start: user mode at @ip with stack @sp, every other register zero. */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_IF;
	regs->orig_ax = -1;
	current->thread.fsbase = current->thread.gsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

/*
 * arch_prctl(2) (Linux's do_arch_prctl_64): the user's FS base (the TLS
 * base libc sets at start) and GS base (Wine's, for instance), EPERM for
 * a base outside user space.  The kernel's own GS base is the per-CPU
 * area: while in the kernel, after swapgs, the user's sits in
 * MSR_KERNEL_GS_BASE, so that is where ARCH_SET_GS writes it.  Only the
 * bases are kept, not the selectors: a task that loads %fs or %gs itself
 * gets the descriptor's base (0) until its next context switch.
 */
SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE)
			return -EPERM;
		current->thread.fsbase = arg2;
		wrmsr(MSR_FS_BASE, arg2);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase, (unsigned long *)arg2);
	case ARCH_SET_GS:
		if (arg2 >= TASK_SIZE)
			return -EPERM;
		current->thread.gsbase = arg2;
		wrmsr(MSR_KERNEL_GS_BASE, arg2);
		return 0;
	case ARCH_GET_GS:
		return put_user(current->thread.gsbase, (unsigned long *)arg2);
	}
	return -EINVAL;
}
