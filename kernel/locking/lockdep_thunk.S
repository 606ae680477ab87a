/*
 * kernel/locking/lockdep_thunk.S: the calls of the validator's hooks
 * (include/linux/lockdep.h) into C.
 *
 * A hook's trampoline pushes its arguments and calls a thunk here; the thunk
 * saves every register C may clobber, and the flags, so the code around
 * the hook needs to keep nothing safe from it, and calls its function
 * with the arguments from the stack, the last pushed last:
 *
 *   __lockdep_acquire_thunk      lockdep_spin_acquire(lock, flags, site)
 *   __lockdep_release_thunk      lockdep_spin_release(lock, site)
 *   __lockdep_map_acquire_thunk  lockdep_map_acquire_flags(map, flags, ip)
 *   __lockdep_map_release_thunk  lock_release(map, ip)
 *   __might_sleep_thunk          __might_sleep(file, line)
 *   __might_fault_thunk          __might_fault(file, line)
 *   __might_alloc_thunk          __might_alloc(gfp, file, line)
 *   __lockdep_switch_out_thunk   lockdep_switch_out()
 *   __lockdep_switch_in_thunk    lockdep_switch_in()
 *   __schedule_debug_thunk       schedule_debug()
 *
 * Its frame links to the hooked function's (%rbp is that function's), so
 * a backtrace runs through it.  They live with the trampolines, whose addresses
 * backtraces leave out.
 */
	.section .text.lockdep_tramps, "ax"

.macro THUNK name, fn, nargs
	.globl \name
\name:
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
	.if \nargs == 3
	movq	32(%rbp), %rdi
	movq	24(%rbp), %rsi
	movq	16(%rbp), %rdx
	.elseif \nargs == 2
	movq	24(%rbp), %rdi
	movq	16(%rbp), %rsi
	.endif
	call	\fn
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
	ret
.endm

	THUNK __lockdep_acquire_thunk, lockdep_spin_acquire, 3
	THUNK __lockdep_release_thunk, lockdep_spin_release, 2
	THUNK __lockdep_map_acquire_thunk, lockdep_map_acquire_flags, 3
	THUNK __lockdep_map_release_thunk, lock_release, 2
	THUNK __might_sleep_thunk, __might_sleep, 2
	THUNK __might_fault_thunk, __might_fault, 2
	THUNK __might_alloc_thunk, __might_alloc, 3
	THUNK __lockdep_switch_out_thunk, lockdep_switch_out, 0
	THUNK __lockdep_switch_in_thunk, lockdep_switch_in, 0
	THUNK __schedule_debug_thunk, schedule_debug, 0
