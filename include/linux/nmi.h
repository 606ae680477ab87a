/*
 * include/linux/nmi.h: every CPU's backtrace, asked for by NMI
 * (lib/nmi_backtrace.c), so that a CPU spinning with interrupts off
 * still answers.
 */
#ifndef _LINUX_NMI_H
#define _LINUX_NMI_H

#include <linux/cpumask.h>

struct pt_regs;

/*
 * Each CPU of @mask prints "NMI backtrace for cpu N" and its registers
 * and stack (or one line if it is idle); this CPU does so at once, from
 * @regs if not NULL (what an interrupt or NMI stopped), the others from
 * an NMI.  Returns once all have, or after 10 s.
 */
void nmi_trigger_cpumask_backtrace(const struct cpumask *mask, struct pt_regs *regs);
bool nmi_cpu_backtrace(struct pt_regs *regs);	/* from the NMI handler: true if asked */

static inline void trigger_all_cpu_backtrace(void)
{
	nmi_trigger_cpumask_backtrace(cpu_online_mask, NULL);
}

#endif
