/*
 * include/linux/preempt.h: the preemption count.
 *
 * A task may be switched out by an interrupt only while the count is 0;
 * every held spinlock adds one.  The count lives in the per-CPU area.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <asm/percpu.h>

static inline int preempt_count(void)
{
	int c;

	__asm__ __volatile__("movl %%gs:%c1, %0" : "=r"(c) : "i"(PCPU_PREEMPT_COUNT));
	return c;
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

/* Drops the count and, if that makes us preemptible with a switch due, switches. */
void preempt_enable(void);

#endif
