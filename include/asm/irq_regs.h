/*
 * include/asm/irq_regs.h: the registers an interrupt handler interrupted
 * (Linux's get_irq_regs), so a handler that reports (SysRq) can show them.
 */
#ifndef _ASM_IRQ_REGS_H
#define _ASM_IRQ_REGS_H

#include <asm/percpu.h>

static inline struct pt_regs *get_irq_regs(void)
{
	return this_cpu()->irq_regs;
}

/* Sets them for a handler; returns the previous ones to put back after. */
static inline struct pt_regs *set_irq_regs(struct pt_regs *regs)
{
	struct pt_regs *old = this_cpu()->irq_regs;

	this_cpu()->irq_regs = regs;
	return old;
}

#endif
