/*
 * boot/head.S: from the loader's 32-bit protected mode to start_kernel.
 *
 * Both loaders enter _start with paging off, EAX holding their magic and
 * EBX the physical address of their information block.  We build the
 * early page tables (the first GiB mapped twice: identity, and at
 * __START_KERNEL_map where the kernel is linked, as Linux's head_64.S
 * does, and at PAGE_OFFSET so that __va() works for low memory), enable PAE, long mode and paging, and jump to the higher half.
 * paging_init() later replaces these tables with the real ones.
 */
#include <asm/boot.h>

#define V2P(x)	((x) - __START_KERNEL_map)

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl	%eax, %edi		/* loader magic: first argument */
	movl	%ebx, %esi		/* information block: second argument */
	movl	$V2P(boot_stack_top), %esp

	/* PML4[0] and PML4[511] -> the two PDPTs */
	movl	$V2P(early_pdpt_lo) + 3, %eax
	movl	%eax, V2P(early_pml4)
	movl	%eax, V2P(early_pml4) + 273 * 8	/* also at PAGE_OFFSET: __va() works early */
	movl	$V2P(early_pdpt_hi) + 3, %eax
	movl	%eax, V2P(early_pml4) + 511 * 8
	/* PDPT_lo[0] and PDPT_hi[510] -> one PD of 2 MiB pages */
	movl	$V2P(early_pd) + 3, %eax
	movl	%eax, V2P(early_pdpt_lo)
	movl	%eax, V2P(early_pdpt_hi) + 510 * 8
	/* PD[i] = i * 2 MiB | present | writable | huge */
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$0x83, %eax
	movl	%eax, V2P(early_pd)(,%ecx,8)
	incl	%ecx
	cmpl	$512, %ecx
	jne	1b

	movl	$V2P(early_pml4), %eax
	movl	%eax, %cr3
	movl	%cr4, %eax
	orl	$(X86_CR4_PAE | X86_CR4_PGE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NX | EFER_SCE), %eax
	wrmsr
	movl	%cr0, %eax
	andl	$~(X86_CR0_EM), %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_MP | X86_CR0_NE), %eax
	movl	%eax, %cr0

	lgdt	early_gdt_ptr
	ljmp	$0x10, $startup_64

	.code64
startup_64:
	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$higher_half, %rax
	jmp	*%rax

	/*
	 * The outermost frame: %rbp 0 ends the frame-pointer chain, and the
	 * CFI says there is no return address above it, so a debugger's
	 * backtrace stops here (as glibc's _start says it).
	 */
	.text
	.cfi_sections .debug_frame
	.type	higher_half, @function
higher_half:
	.cfi_startproc
	.cfi_undefined rip
	movabsq	$init_stack + 16384, %rsp	/* THREAD_SIZE: init_task's stack */
	xorl	%ebp, %ebp
	movl	%edi, %edi		/* upper halves are undefined after the mode switch */
	movl	%esi, %esi
	call	x86_64_start_kernel
1:	hlt
	jmp	1b
	.cfi_endproc
	.size	higher_half, . - higher_half

/*
 * An AP, from boot/trampoline.S, in long mode on the trampoline's page
 * tables: take the kernel's, the idle task's stack and the per-CPU area
 * smpboot.c left in initial_*, and call start_secondary.  The real-mode
 * selectors still in %fs and %gs are cleared first (loading a selector
 * would clear the base the MSR is about to set).
 */
	.text
	.globl	secondary_startup_64
	.type	secondary_startup_64, @function
secondary_startup_64:
	.cfi_startproc
	.cfi_undefined rip
	movq	initial_cr3(%rip), %rax
	movq	%rax, %cr3
	movq	initial_stack(%rip), %rsp
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$MSR_GS_BASE, %ecx
	movl	initial_gs(%rip), %eax
	movl	initial_gs+4(%rip), %edx
	wrmsr
	xorl	%ebp, %ebp
	call	start_secondary
1:	hlt
	jmp	1b
	.cfi_endproc
	.size	secondary_startup_64, . - secondary_startup_64

	.section .boot.data, "aw"
	.align 16
early_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* 0x08: 32-bit code, unused */
	.quad 0x00af9a000000ffff	/* 0x10: 64-bit kernel code */
	.quad 0x00cf92000000ffff	/* 0x18: kernel data */
early_gdt_end:
early_gdt_ptr:
	.short early_gdt_end - early_gdt - 1
	.long early_gdt

	.section .bss..page_aligned, "aw", @nobits
	.align 4096
early_pml4:	.skip 4096
early_pdpt_lo:	.skip 4096
early_pdpt_hi:	.skip 4096
early_pd:	.skip 4096
boot_stack:	.skip 4096
boot_stack_top:
