/* include/asm/traps.h: exception vectors and the C side of the entry code. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <asm/ptrace.h>

enum {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF,
	X86_TRAP_BR, X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF,
	X86_TRAP_TS, X86_TRAP_NP, X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF,
	X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_MC, X86_TRAP_XF,
	X86_TRAP_VE, X86_TRAP_CP,
};

/* Page fault error code bits */
#define X86_PF_PROT	(1 << 0)
#define X86_PF_WRITE	(1 << 1)
#define X86_PF_USER	(1 << 2)
#define X86_PF_RSVD	(1 << 3)
#define X86_PF_INSTR	(1 << 4)
#define X86_PF_PK	(1 << 5)

struct pt_regs;
typedef void (*irq_handler_t)(struct pt_regs *regs, int irq);

void do_vector(struct pt_regs *regs, unsigned long vector);
void irqentry_exit(struct pt_regs *regs);
void do_page_fault(struct pt_regs *regs, unsigned long error_code);
void page_fault_oops(struct pt_regs *regs, unsigned long err, unsigned long cr2) __attribute__((noreturn));
void do_irq(struct pt_regs *regs, unsigned long vector);
void exc_nmi(struct pt_regs *regs);
void force_sig_fault_trap(struct pt_regs *regs, unsigned long vector, unsigned long err);
const char *trap_name(unsigned long vector);
void die(const char *msg, struct pt_regs *regs, unsigned long err) __attribute__((noreturn));
int fixup_exception(struct pt_regs *regs);

#define NR_IRQS		16	/* the ISA lines (kernel/irq.c) */

void init_IRQ(void);
void request_irq(int irq, irq_handler_t handler, const char *name);
unsigned long kstat_irqs_cpu(int irq, int cpu);
unsigned long kstat_irqs_usr(int irq);
const char *irq_name(int irq);
void enable_irq(int irq);
void disable_irq(int irq);

#endif
