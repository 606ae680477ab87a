/*
 * boot/trampoline.S: an AP's way from real mode to the kernel (Linux's
 * arch/x86/realmode/rm/trampoline_64.S).
 *
 * An AP wakes from STARTUP in 16-bit real mode at TRAMPOLINE_BASE (its
 * vector is that page), the same state as the CPU at power-on.  This code
 * is copied there by kernel/smpboot.c, so it refers to itself only by
 * offsets from trampoline_start (what lies at TRAMPOLINE_BASE + offset).
 * Each mode step:
 *   real mode:  load a GDT of our own, set CR0.PE, far jump to 32-bit code;
 *   protected:  PAE on, CR3 = the trampoline page tables (an executable
 *               identity map of the first 2 MiB, the kernel image at its
 *               link address), EFER.LME, then CR0.PG: long mode, still in
 *               a 32-bit segment (compatibility mode); far jump to a
 *               64-bit segment;
 *   long mode:  jump to secondary_startup_64 (boot/head.S) at the
 *               kernel's address, which loads the kernel's own CR3, stack
 *               and %gs and calls start_secondary().
 * The trampoline's page tables sit at TRAMPOLINE_PGD, filled in C.
 */
#include <asm/boot.h>

#define TR(x)	(TRAMPOLINE_BASE + (x) - trampoline_start)

	.section .rodata, "a"
	.code16
	.balign 16
	.globl trampoline_start
trampoline_start:
	cli
	cld
	movw	%cs, %ax		/* CS = TRAMPOLINE_BASE >> 4, IP = 0 */
	movw	%ax, %ds
	lgdtl	tr_gdt_ptr - trampoline_start
	movl	%cr0, %eax
	orl	$X86_CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$0x08, $TR(tr_startup_32)

	.code32
tr_startup_32:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$(X86_CR4_PAE | X86_CR4_PGE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	$TRAMPOLINE_PGD, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NX | EFER_SCE), %eax
	wrmsr
	movl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_MP | X86_CR0_NE | X86_CR0_PE), %eax
	movl	%eax, %cr0
	ljmpl	$0x18, $TR(tr_startup_64)

	.code64
tr_startup_64:
	movq	tr_entry(%rip), %rax
	jmp	*%rax

	.balign 8
tr_entry:
	.quad	secondary_startup_64
tr_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x08: 32-bit code */
	.quad	0x00cf92000000ffff	/* 0x10: data */
	.quad	0x00af9a000000ffff	/* 0x18: 64-bit code */
tr_gdt_end:
tr_gdt_ptr:
	.short	tr_gdt_end - tr_gdt - 1
	.long	TR(tr_gdt)
	.globl trampoline_end
trampoline_end:
