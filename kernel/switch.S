/*
 * kernel/switch.S: the context switch and a new task's first return.
 *
 * __switch_to_asm(prev, next, &prev->thread.sp, next->thread.sp) pushes
 * the callee-saved registers (the only ones a C caller expects kept),
 * parks prev's stack pointer, takes next's, pops next's registers and
 * tail-calls __switch_to(prev, next), which returns prev to wherever next
 * last called schedule() from, as Linux's entry_64.S does.
 */
	.text
	.globl __switch_to_asm
__switch_to_asm:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdx)
	movq	%rcx, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	jmp	__switch_to

/*
 * A new task's saved frame "returns" here.  copy_thread() put the kernel
 * thread's function in %rbx and its argument in %r12; a user task has
 * %rbx = 0 and goes straight back to user mode through its pt_regs.
 * A kernel thread whose function returns (kernel_init after a successful
 * exec) also leaves for user mode that way.
 */
	.globl ret_from_fork
ret_from_fork:
	movq	%rax, %rdi		/* prev, from __switch_to */
	call	schedule_tail
	testq	%rbx, %rbx
	jz	1f
	movq	%r12, %rdi
	call	*%rbx
1:	movq	%rsp, %rdi
	call	syscall_exit_to_user_mode
	jmp	restore_regs_and_iret
