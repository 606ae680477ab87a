/*
 * include/asm/percpu.h: the per-CPU area, reached through %gs in the kernel.
 *
 * Entry code swaps to the kernel's %gs (swapgs) on every entry from user
 * mode, then finds the kernel stack and the current task here.  With one
 * CPU there is one area, but the code is written as SMP code would be.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct task_struct;
struct pt_regs;

struct pcpu {
	struct pcpu *self;
	unsigned long top_of_stack;	/* kernel stack of the running task */
	unsigned long user_sp;		/* scratch for the syscall entry */
	struct task_struct *current_task;
	unsigned int preempt_count;	/* and PREEMPT_NEED_RESCHED: include/linux/preempt.h */
	struct pt_regs *irq_regs;	/* the interrupted context, in an interrupt handler */
};

extern struct pcpu boot_pcpu;

static inline struct pcpu *this_cpu(void)
{
	struct pcpu *p;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(p));
	return p;
}
#endif

/* Offsets for the entry assembly. */
#define PCPU_TOP_OF_STACK	8
#define PCPU_USER_SP		16
#define PCPU_CURRENT		24
#define PCPU_PREEMPT_COUNT	32

#endif
