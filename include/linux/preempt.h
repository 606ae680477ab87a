/*
 * include/linux/preempt.h: the preemption count.
 *
 * A task may be switched out by an interrupt only while the count is 0;
 * every held spinlock adds one.  The count lives in the per-CPU area.
 *
 * As on Linux's x86, its top bit is PREEMPT_NEED_RESCHED, inverted: set
 * while no switch is due, cleared by resched_curr() for the task running
 * here (and set again by __schedule).  So the count word is zero exactly
 * when preemption is allowed and a switch is due, and preempt_enable()
 * is one decrement and one branch, inline, with the test out of line only
 * when both hold.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <asm/percpu.h>

#define PREEMPT_NEED_RESCHED	0x80000000u	/* clear: a switch is due */
#define PREEMPT_ENABLED		PREEMPT_NEED_RESCHED	/* the word at count 0, none due */

static inline unsigned int preempt_count_raw(void)
{
	unsigned int c;

	__asm__ __volatile__("movl %%gs:%c1, %0" : "=r"(c) : "i"(PCPU_PREEMPT_COUNT));
	return c;
}

static inline int preempt_count(void)
{
	return preempt_count_raw() & ~PREEMPT_NEED_RESCHED;
}

/* resched_curr() for the task running here (Linux's set_preempt_need_resched). */
static inline void set_preempt_need_resched(void)
{
	__asm__ __volatile__("andl %0, %%gs:%c1" :: "i"(~PREEMPT_NEED_RESCHED),
			     "i"(PCPU_PREEMPT_COUNT) : "memory");
}

/* __schedule(), the switch done (Linux's clear_preempt_need_resched). */
static inline void clear_preempt_need_resched(void)
{
	__asm__ __volatile__("orl %0, %%gs:%c1" :: "i"(PREEMPT_NEED_RESCHED),
			     "i"(PCPU_PREEMPT_COUNT) : "memory");
}

static inline void preempt_count_add(int n)
{
	__asm__ __volatile__("addl %0, %%gs:%c1" :: "ri"(n), "i"(PCPU_PREEMPT_COUNT) : "memory");
}

#define preempt_disable()		preempt_count_add(1)
#define preempt_enable_no_resched()	preempt_count_add(-1)

/* An NMI handler counts in the high bits, as Linux's NMI_OFFSET: in_nmi(). */
#define NMI_SHIFT	20
#define NMI_OFFSET	(1 << NMI_SHIFT)
#define NMI_MASK	(0xf << NMI_SHIFT)
#define in_nmi()	(preempt_count() & NMI_MASK)
#define nmi_enter()	preempt_count_add(NMI_OFFSET)
#define nmi_exit()	preempt_count_add(-NMI_OFFSET)

/* Switches if the interrupts allow it (the count is 0 and a switch is due). */
void preempt_schedule(void);

/* Drops the count and, if that makes us preemptible with a switch due, switches. */
static inline void preempt_enable(void)
{
	bool zero;

	__asm__ __volatile__("decl %%gs:%c1" : "=@ccz"(zero) : "i"(PCPU_PREEMPT_COUNT) : "memory");
	if (__builtin_expect(zero, 0))
		preempt_schedule();
}

#endif
