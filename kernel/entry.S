/*
 * kernel/entry.S: every way into the kernel from an interrupt or exception.
 *
 * Each vector has a stub that makes the frame uniform (a zero where the
 * CPU pushes no error code) and pushes its vector number; common_entry
 * swaps to the kernel %gs when we came from user mode and saves the
 * registers so that %rsp points to a struct pt_regs, as Linux's entry_64.S
 * does.  The error code lands in pt_regs.orig_ax.
 */
#include <asm/ptrace.h>
#include <asm/boot.h>

	.section .text.entry, "ax"

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.align 16
	.globl vector_stubs
vector_stubs:
	vector = 0
	.rept 256
	.align 16
	.if !HAS_ERR(vector)
	pushq	$0
	.endif
	pushq	$vector
	jmp	common_entry
	vector = vector + 1
	.endr

common_entry:
	/* stack: vector, error, ip, cs, flags, sp, ss */
	testb	$3, 24(%rsp)
	jz	1f
	swapgs
1:	xchgq	%rdi, (%rsp)		/* the vector slot becomes pt_regs.di; rdi = vector */
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	xorl	%r12d, %r12d		/* 1: an NMI that swapped to the kernel's %gs itself */
	cmpq	$2, %rdi
	jne	3f
	testb	$3, PTREGS_CS(%rsp)
	jnz	3f
	/*
	 * An NMI from kernel mode (Linux's paranoid_entry): it may have come
	 * between a return path's swapgs and its sysretq or iretq, or before
	 * an entry's swapgs, with the user's GS base still in place, which a
	 * user may set (ARCH_SET_GS).  The kernel's is a kernel address: if
	 * the base in use is not one, swap here and back on the way out.
	 */
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	testl	%edx, %edx
	js	3f
	swapgs
	movl	$1, %r12d
3:	movq	%rdi, %rsi
	movq	%rsp, %rdi
	movq	%rsi, %rbx		/* the vector, kept across the call (rbx is saved above) */
	call	do_vector		/* do_vector(regs, vector) */
	cmpq	$2, %rbx		/* an NMI may have stopped anything, even with */
	je	nmi_return		/* interrupts off: no exit work, no preemption */
	.globl ret_from_intr
ret_from_intr:
	movq	%rsp, %rdi
	call	irqentry_exit
	jmp	restore_regs_and_iret
nmi_return:
	testl	%r12d, %r12d		/* back to the %gs the NMI found (r12 is callee-saved) */
	jz	restore_regs_and_iret
	swapgs
	.globl restore_regs_and_iret
restore_regs_and_iret:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$8, %rsp		/* orig_ax */
	testb	$3, 8(%rsp)
	jz	2f
	swapgs
2:	iretq

/*
 * The syscall instruction: user RIP in rcx, RFLAGS in r11, interrupts off
 * (MSR_SYSCALL_MASK).  Switch to the kernel %gs and stack, build the same
 * struct pt_regs an interrupt would, with the syscall number in orig_ax
 * and -ENOSYS in ax, and call do_syscall_64.  The way back is sysret when
 * it can restore exactly what the frame says (rcx == ip, r11 == flags, a
 * canonical user ip, no single-step), else iret, as Linux's entry_64.S.
 */
#include <asm/segment.h>
#include <asm/percpu.h>

	/*
	 * The kernel stack of a system call starts here: the CFI says there is
	 * no caller above, so a debugger's backtrace ends at entry_SYSCALL_64
	 * rather than wander into the user's frames through its %rbp.
	 */
	.cfi_sections .debug_frame
	.globl entry_SYSCALL_64
	.type	entry_SYSCALL_64, @function
entry_SYSCALL_64:
	.cfi_startproc
	.cfi_undefined rip
	swapgs
	movq	%rsp, %gs:PCPU_USER_SP
	movq	%gs:PCPU_TOP_OF_STACK, %rsp
	pushq	$__USER_DS			/* ss */
	pushq	%gs:PCPU_USER_SP		/* sp */
	pushq	%r11				/* flags */
	pushq	$__USER_CS			/* cs */
	pushq	%rcx				/* ip */
	pushq	%rax				/* orig_ax */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	$-38				/* ax = -ENOSYS */
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %rdi
	movslq	%eax, %rsi
	call	do_syscall_64			/* returns with interrupts off */

	movq	PTREGS_CX(%rsp), %rcx
	cmpq	%rcx, PTREGS_IP(%rsp)
	jne	restore_regs_and_iret
	shrq	$47, %rcx			/* a non-canonical rip would #GP in ring 0 */
	jnz	restore_regs_and_iret
	movq	PTREGS_R11(%rsp), %r11
	cmpq	%r11, PTREGS_FLAGS(%rsp)
	jne	restore_regs_and_iret
	testq	$0x10100, %r11			/* RF or TF: needs iret */
	jnz	restore_regs_and_iret
	cmpq	$__USER_CS, PTREGS_CS(%rsp)
	jne	restore_regs_and_iret

	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	movq	PTREGS_SP - PTREGS_ORIG_AX(%rsp), %rsp
	swapgs
	sysretq
	.cfi_endproc
	.size	entry_SYSCALL_64, . - entry_SYSCALL_64
