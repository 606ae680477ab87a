/*
 * include/linux/uaccess.h: copying to and from user memory.
 *
 * Every pointer a user passes is checked to lie below TASK_SIZE, then the
 * copy runs with an exception-table fix-up (mm/copy.S): an unmapped page,
 * a kernel address or a non-canonical address all come back as -EFAULT,
 * never as a kernel fault.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/errno.h>
#include <asm/page.h>
#include <linux/lockdep.h>

/*
 * A copy may fault on a user page, and the fault may sleep: with the lock
 * validator on, a caller that may not sleep is reported (Linux's
 * might_fault; not under pagefault_disable, where a fault just fails).
 * The user copies check it at no cost while the validator is off: the
 * hook is fused into the call of the copy routine (MIGHT_FAULT_CALL,
 * include/linux/lockdep.h), so it checks the copies that pass access_ok
 * (Linux's checks before); this form, for other code, tests the switch.
 */
void __might_fault(const char *file, int line);
#define might_fault() do { \
	if (unlikely(READ_ONCE(prove_locking))) \
		__might_fault(__FILE__, __LINE__); \
} while (0)
/* "call @fn", with might_fault()'s hook fused into it (this file and line). */
#define MIGHT_FAULT_CALL(fn) \
	LOCKDEP_FUSED("call " fn, LOCKDEP_CALL2("__might_fault_thunk", "%[file]", "%[line]") \
		      "call " fn)

#define TASK_SIZE_MAX_KERNEL_START	0xffff800000000000UL

size_t __copy_nofault(void *dst, const void *src, size_t n);
/* mm/copy.S; each changes only its argument registers, %rax and %rcx. */
size_t __copy_user(void *dst, const void *src, size_t n);
size_t __clear_user(void *dst, size_t n);
long __strncpy_user(char *dst, const char *src, long n);
int __futex_cmpxchg_user(u32 *uaddr, u32 old, u32 new, u32 *cur);

/* Atomically: if *@uaddr is @old make it @new; *@cur is what it was.  0 or -EFAULT. */
static inline int futex_atomic_cmpxchg_inatomic(u32 *cur, u32 *uaddr, u32 old, u32 new)
{
	if (((unsigned long)uaddr & 3) || (unsigned long)uaddr > TASK_SIZE - sizeof(u32))
		return -EFAULT;
	return __futex_cmpxchg_user(uaddr, old, new, cur);
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
bool read_kernel_word(unsigned long addr, unsigned long *val);

/* True when [addr, addr+size) lies wholly in the user half. */
static inline bool access_ok(const void *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* __copy_user(@dst, @src, @n), after might_fault(). */
static __always_inline size_t copy_user_might_fault(void *dst, const void *src, size_t n)
{
	size_t left, rcx;

	__asm__ __volatile__(MIGHT_FAULT_CALL("__copy_user")
			     : "=a"(left), "+D"(dst), "+S"(src), "+d"(n), "=c"(rcx)
			     : LOCKDEP_FILE_LINE : "memory");
	return left;
}

/* Both return the number of bytes not copied, as Linux's. */
static inline size_t copy_from_user(void *dst, const void *src, size_t n)
{
	if (!access_ok(src, n))
		return n;
	return copy_user_might_fault(dst, src, n);
}

static inline size_t copy_to_user(void *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return copy_user_might_fault(dst, src, n);
}

static inline size_t clear_user(void *dst, size_t n)
{
	size_t left, rcx;

	if (!access_ok(dst, n))
		return n;
	__asm__ __volatile__(MIGHT_FAULT_CALL("__clear_user")
			     : "=a"(left), "+D"(dst), "+S"(n), "=c"(rcx)
			     : LOCKDEP_FILE_LINE : "memory");
	return left;
}

long strncpy_from_user(char *dst, const char *src, long count);
long strnlen_user(const char *src, long count);

/* The bytes go through a union, so a const-qualified *ptr type still works. */
#define get_user(x, ptr) ({ \
	union { __typeof__(*(ptr)) v; unsigned char b[sizeof(*(ptr))]; } __gu; \
	int __gu_err = copy_from_user(__gu.b, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu.v; \
	__gu_err; \
})

#define put_user(x, ptr) ({ \
	__typeof__(*(ptr)) __pu_val = (x); \
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0; \
})

/*
 * 1 if the @size user bytes at @from are all zero, 0 if not, -EFAULT if
 * they cannot be read (Linux's check_zeroed_user, lib/usercopy.c).
 */
static inline int check_zeroed_user(const void *from, size_t size)
{
	unsigned char buf[64];
	size_t n, i;

	while (size) {
		n = size < sizeof(buf) ? size : sizeof(buf);
		if (copy_from_user(buf, from, n))
			return -EFAULT;
		for (i = 0; i < n; i++)
			if (buf[i])
				return 0;
		from = (const char *)from + n;
		size -= n;
	}
	return 1;
}

/*
 * Copies a user struct that may be older (smaller) or newer (larger)
 * than the kernel's @ksize bytes: missing fields read as zero, and the
 * user's extra bytes must be zero, or it asks for something this kernel
 * does not know (E2BIG).  As Linux's copy_struct_from_user (v5.4).
 */
static inline int copy_struct_from_user(void *dst, size_t ksize, const void *src,
					size_t usize)
{
	size_t size = usize < ksize ? usize : ksize;
	int ret;

	if (usize < ksize) {
		__builtin_memset((char *)dst + size, 0, ksize - size);
	} else if (usize > ksize) {
		ret = check_zeroed_user((const char *)src + size, usize - ksize);
		if (ret <= 0)
			return ret ? ret : -E2BIG;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	return 0;
}

void smap_init(void);

#endif
