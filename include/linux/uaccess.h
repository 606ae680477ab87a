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

#define TASK_SIZE_MAX_KERNEL_START	0xffff800000000000UL

size_t __copy_nofault(void *dst, const void *src, size_t n);
size_t __copy_user(void *dst, const void *src, size_t n);
size_t __clear_user(void *dst, size_t n);
long __strncpy_user(char *dst, const char *src, long n);

long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
bool read_kernel_word(unsigned long addr, unsigned long *val);

/* True when [addr, addr+size) lies wholly in the user half. */
static inline bool access_ok(const void *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Both return the number of bytes not copied, as Linux's. */
static inline size_t copy_from_user(void *dst, const void *src, size_t n)
{
	if (!access_ok(src, n))
		return n;
	return __copy_user(dst, src, n);
}

static inline size_t copy_to_user(void *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return __copy_user(dst, src, n);
}

static inline size_t clear_user(void *dst, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return __clear_user(dst, n);
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

void smap_init(void);

#endif
