/* include/asm/ptrace.h: the saved register frame, laid out as Linux's struct pt_regs. */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax;		/* syscall number, or the exception's error code */
	unsigned long ip, cs, flags, sp, ss;	/* the hardware frame */
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

void show_regs(const struct pt_regs *regs);
#endif

/* Byte offsets into struct pt_regs, for the entry assembly. */
#define PTREGS_R15	0
#define PTREGS_BX	40
#define PTREGS_R10	56
#define PTREGS_R11	48
#define PTREGS_AX	80
#define PTREGS_CX	88
#define PTREGS_ORIG_AX	120
#define PTREGS_IP	128
#define PTREGS_CS	136
#define PTREGS_FLAGS	144
#define PTREGS_SP	152
#define PTREGS_SS	160
#define PTREGS_SIZE	168

#endif
