/*
 * mm/copy.S: memory copies that may fault.
 *
 * Each faulting instruction has an exception-table entry whose fix-up
 * returns how much was left undone, so the C callers turn a bad pointer
 * into -EFAULT.  Copies go eight bytes a step, then the tail a byte at a
 * time; a fault in the quadword loop retries what is left bytewise, so
 * the count left undone is exact (as Linux's copy_user_generic).  The user variants open the SMAP window (stac/clac) only
 * around the access; smap_init() turns those into NOPs on CPUs without
 * SMAP (the sites are listed in .smap_sites).
 */
#include <asm/extable.h>

#define STAC	661: .byte 0x0f, 0x01, 0xcb; .pushsection .smap_sites, "a"; .quad 661b; .popsection
#define CLAC	662: .byte 0x0f, 0x01, 0xca; .pushsection .smap_sites, "a"; .quad 662b; .popsection

	.text

/* size_t __copy_nofault(void *dst, const void *src, size_t n): bytes not copied */
	.globl __copy_nofault
__copy_nofault:
	movq	%rdx, %rcx
	shrq	$3, %rcx
	andl	$7, %edx
11:	rep movsq
	movl	%edx, %ecx
1:	rep movsb
2:	movq	%rcx, %rax
	ret
12:	leaq	(%rdx,%rcx,8), %rcx
	jmp	1b
	_ASM_EXTABLE(11b, 12b)
	_ASM_EXTABLE(1b, 2b)

/* size_t __copy_user(void *dst, const void *src, size_t n): bytes not copied */
	.globl __copy_user
__copy_user:
	movq	%rdx, %rcx
	shrq	$3, %rcx
	andl	$7, %edx
	STAC
13:	rep movsq
	movl	%edx, %ecx
3:	rep movsb
4:	CLAC
	movq	%rcx, %rax
	ret
14:	leaq	(%rdx,%rcx,8), %rcx
	jmp	3b
	_ASM_EXTABLE(13b, 14b)
	_ASM_EXTABLE(3b, 4b)

/* size_t __clear_user(void *dst, size_t n): bytes not cleared */
	.globl __clear_user
__clear_user:
	movq	%rsi, %rcx
	shrq	$3, %rcx
	andl	$7, %esi
	xorl	%eax, %eax
	STAC
15:	rep stosq
	movl	%esi, %ecx
5:	rep stosb
6:	CLAC
	movq	%rcx, %rax
	ret
16:	leaq	(%rsi,%rcx,8), %rcx
	jmp	5b
	_ASM_EXTABLE(15b, 16b)
	_ASM_EXTABLE(5b, 6b)

/*
 * long __strncpy_user(char *dst, const char *src, long n): copies up to n
 * bytes, stopping after a NUL; returns the length without the NUL, n if
 * no NUL came within n bytes, or -1 on a fault.
 */
	.globl __strncpy_user
__strncpy_user:
	xorl	%eax, %eax
	STAC
7:	cmpq	%rdx, %rax
	je	9f
8:	movb	(%rsi,%rax), %cl
	movb	%cl, (%rdi,%rax)
	testb	%cl, %cl
	jz	9f
	incq	%rax
	jmp	7b
9:	CLAC
	ret
10:	CLAC
	movq	$-1, %rax
	ret
	_ASM_EXTABLE(8b, 10b)

/*
 * int __futex_cmpxchg_user(u32 *uaddr, u32 old, u32 new, u32 *cur): one
 * atomic compare-and-exchange of a user word; *cur gets what was there.
 * 0, or -EFAULT (Linux's futex_atomic_cmpxchg_inatomic).
 */
	.globl __futex_cmpxchg_user
__futex_cmpxchg_user:
	movl	%esi, %eax
	STAC
17:	lock cmpxchgl %edx, (%rdi)
	CLAC
	movl	%eax, (%rcx)
	xorl	%eax, %eax
	ret
18:	CLAC
	movl	$-14, %eax
	ret
	_ASM_EXTABLE(17b, 18b)
