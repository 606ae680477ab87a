/*
 * include/asm/percpu.h: the per-CPU area, reached through %gs in the kernel.
 *
 * Entry code swaps to the kernel's %gs (swapgs) on every entry from user
 * mode, then finds the kernel stack and the current task here.  Each CPU
 * has its own area (the boot CPU's is boot_pcpu, an AP's is made by
 * kernel/smpboot.c before it starts), and only that CPU writes it, with
 * one exception said at the field: so a field needs no lock, only that
 * the reader not migrate between reading it and using it (preemption or
 * interrupts off, as Linux's this_cpu_* rules).
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct task_struct;
struct pt_regs;
struct tss_struct;
struct mm_struct;
struct rq;

struct pcpu {
	struct pcpu *self;
	unsigned long top_of_stack;	/* kernel stack of the running task */
	unsigned long user_sp;		/* scratch for the syscall entry */
	struct task_struct *current_task;
	unsigned int preempt_count;	/* and PREEMPT_NEED_RESCHED: include/linux/preempt.h */
	struct pt_regs *irq_regs;	/* the interrupted context, in an interrupt handler */
	int cpu_number;			/* smp_processor_id() */
	struct tss_struct *tss;		/* this CPU's TSS: sp0 changes at every switch */
	struct mm_struct *loaded_mm;	/* whose page tables CR3 holds: mm/tlb.c */
	struct rq *rq;			/* this CPU's run queue: this_rq() */
};

extern struct pcpu boot_pcpu;
extern struct pcpu *per_cpu_pcpu[];	/* each CPU's area, by number (NR_CPUS) */

/* A field of this CPU's area, in one %gs-relative instruction (Linux's this_cpu_read). */
#define this_cpu_read(field) ({ \
	__typeof__(((struct pcpu *)0)->field) __v; \
	__asm__ __volatile__("mov %%gs:%c1, %0" : "=r"(__v) \
			     : "i"(__builtin_offsetof(struct pcpu, field))); \
	__v; })

#define this_cpu_write(field, val) do { \
	__typeof__(((struct pcpu *)0)->field) __v = (val); \
	__asm__ __volatile__("mov %0, %%gs:%c1" :: "r"(__v), \
			     "i"(__builtin_offsetof(struct pcpu, field)) : "memory"); \
} while (0)

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
