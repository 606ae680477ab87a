/*
 * mm/maccess.c: reading kernel memory that may not be mapped.
 *
 * The backtrace code follows frame pointers that a corrupted stack could
 * aim anywhere; these reads fail instead of faulting (Linux's
 * copy_from_kernel_nofault).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/uaccess.h>

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	if ((unsigned long)src < TASK_SIZE_MAX_KERNEL_START)
		return -ERANGE;
	return __copy_nofault(dst, src, size) ? -EFAULT : 0;
}

bool read_kernel_word(unsigned long addr, unsigned long *val)
{
	return copy_from_kernel_nofault(val, (void *)addr, sizeof(*val)) == 0;
}
