/*
 * kernel/locking/lockdep_thunk.S: the calls of a spinlock's fused hooks
 * (include/linux/lockdep.h) into the lock validator.
 *
 * A stub pushes its arguments and calls here; a thunk saves every
 * register C may clobber, and the flags, so the code around the hook
 * needs to keep nothing safe from it, then calls the validator with the
 * arguments from the stack.  Its frame links to the locking function's
 * (%rbp is that function's), so a backtrace runs through it.
 *
 *   __lockdep_acquire_thunk: 8(%rsp) site, 16(%rsp) subclass, 24(%rsp) lock
 *   __lockdep_release_thunk: 8(%rsp) site, 16(%rsp) lock
 *
 * They live with the stubs, whose addresses backtraces leave out.
 */
	.section .text.lockdep_stubs, "ax"

.macro SAVE_REGS
	pushq	%rbp
	movq	%rsp, %rbp
	pushfq
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
.endm

.macro RESTORE_REGS
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
	popfq
	popq	%rbp
.endm

	.globl __lockdep_acquire_thunk
__lockdep_acquire_thunk:
	SAVE_REGS
	movq	32(%rbp), %rdi		/* the lock */
	movq	24(%rbp), %rsi		/* the subclass */
	movq	16(%rbp), %rdx		/* the site */
	call	lockdep_spin_acquire
	RESTORE_REGS
	ret

/* might_sleep()'s and might_fault()'s: 8(%rsp) line, 16(%rsp) file. */
.macro FILE_LINE_THUNK name, fn
	.globl \name
\name:
	SAVE_REGS
	movq	24(%rbp), %rdi		/* the file */
	movq	16(%rbp), %rsi		/* the line */
	call	\fn
	RESTORE_REGS
	ret
.endm
	FILE_LINE_THUNK __might_sleep_thunk, __might_sleep
	FILE_LINE_THUNK __might_fault_thunk, __might_fault

/* Any lock's map: 8(%rsp) ip, 16(%rsp) flags, 24(%rsp) map; 8(%rsp) ip, 16(%rsp) map. */
	.globl __lockdep_map_acquire_thunk
__lockdep_map_acquire_thunk:
	SAVE_REGS
	movq	32(%rbp), %rdi		/* the map */
	movq	24(%rbp), %rsi		/* the flags */
	movq	16(%rbp), %rdx		/* the ip */
	call	lockdep_map_acquire_flags
	RESTORE_REGS
	ret

	.globl __lockdep_map_release_thunk
__lockdep_map_release_thunk:
	SAVE_REGS
	movq	24(%rbp), %rdi		/* the map */
	movq	16(%rbp), %rsi		/* the ip */
	call	lock_release
	RESTORE_REGS
	ret

/* schedule()'s check, no arguments. */
	.globl __schedule_debug_thunk
__schedule_debug_thunk:
	SAVE_REGS
	call	schedule_debug
	RESTORE_REGS
	ret

	.globl __lockdep_release_thunk
__lockdep_release_thunk:
	SAVE_REGS
	movq	24(%rbp), %rdi		/* the lock */
	movq	16(%rbp), %rsi		/* the site */
	call	lockdep_spin_release
	RESTORE_REGS
	ret
