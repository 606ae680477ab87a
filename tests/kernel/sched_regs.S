/*
 * tests/kernel/sched_regs.S: fill every callee-saved and SSE register with
 * a pattern, yield the CPU, and report which ones came back changed.
 *
 * unsigned long regs_survive_yield(unsigned long pattern): 0 if all came
 * back; else bit i set for general register i, bit 8+i for xmm i.
 */
	.text
	.globl regs_survive_yield
regs_survive_yield:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$24, %rsp		/* pattern at 0(%rsp), keep 16-byte alignment */
	movq	%rdi, 0(%rsp)
	leaq	1(%rdi), %rbx
	leaq	2(%rdi), %r12
	leaq	3(%rdi), %r13
	leaq	4(%rdi), %r14
	leaq	5(%rdi), %r15
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	leaq	0x100+\n(%rdi), %rax
	movq	%rax, %xmm\n
	.endr
	call	do_sched_yield
	xorl	%eax, %eax		/* the result: mismatch bits */
	movq	0(%rsp), %rdi
	leaq	1(%rdi), %rcx
	cmpq	%rcx, %rbx
	je	1f
	orq	$1, %rax
1:	leaq	2(%rdi), %rcx
	cmpq	%rcx, %r12
	je	2f
	orq	$2, %rax
2:	leaq	3(%rdi), %rcx
	cmpq	%rcx, %r13
	je	3f
	orq	$4, %rax
3:	leaq	4(%rdi), %rcx
	cmpq	%rcx, %r14
	je	4f
	orq	$8, %rax
4:	leaq	5(%rdi), %rcx
	cmpq	%rcx, %r15
	je	5f
	orq	$16, %rax
5:	leaq	24+40(%rsp), %rcx	/* rbp must still frame us */
	cmpq	%rcx, %rbp
	je	6f
	orq	$32, %rax
6:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movq	%xmm\n, %rcx
	leaq	0x100+\n(%rdi), %rdx
	cmpq	%rdx, %rcx
	je	7f
	btsq	$(8+\n), %rax
7:
	.endr
	addq	$24, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
