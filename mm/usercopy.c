/*
 * mm/usercopy.c: user-string helpers and the SMAP/SMEP set-up.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <asm/processor.h>

/*
 * Copies a NUL-terminated user string of at most @count bytes.  Returns
 * its length, @count if it did not end within @count bytes, or -EFAULT
 * if it is unreadable or runs into the kernel half.
 */
long strncpy_from_user(char *dst, const char *src, long count)
{
	unsigned long a = (unsigned long)src;
	long limit, n;

	if (count <= 0)
		return 0;
	if (a >= TASK_SIZE)
		return -EFAULT;
	limit = min_t(unsigned long, count, TASK_SIZE - a);
	{
		unsigned long rcx;	/* __strncpy_user changes %rax and %rcx only */

		__asm__ __volatile__(MIGHT_FAULT_CALL("__strncpy_user")
				     : "=a"(n), "=c"(rcx)
				     : "D"(dst), "S"(src), "d"(limit), LOCKDEP_FILE_LINE : "memory");
	}
	if (n < 0 || (n == limit && limit < count))
		return -EFAULT;
	return n;
}

/* The length of a user string including its NUL, 0 on a fault, > count if too long. */
long strnlen_user(const char *src, long count)
{
	char buf[64];
	long total = 0, n;

	while (total < count) {
		long chunk = min_t(long, sizeof(buf), count - total);

		n = strncpy_from_user(buf, src + total, chunk);
		if (n < 0)
			return 0;
		if (n < chunk)
			return total + n + 1;
		total += chunk;
	}
	return count + 1;
}

extern const unsigned long __start_smap_sites[], __stop_smap_sites[];

/*
 * Turns on SMEP and SMAP where the CPU has them; where it lacks SMAP the
 * stac/clac instructions in mm/copy.S would fault, so they become 3-byte
 * NOPs (patched through the writable direct-map alias of the text).
 */
void smap_init(void)
{
	static const u8 nop3[] = { 0x0f, 0x1f, 0x00 };
	const unsigned long *site;

	if (cpu_has_smep)
		write_cr4(read_cr4() | X86_CR4_SMEP);
	if (cpu_has_smap) {
		write_cr4(read_cr4() | X86_CR4_SMAP);
		return;
	}
	for (site = __start_smap_sites; site < __stop_smap_sites; site++)
		memcpy(__va(__pa((void *)*site)), nop3, sizeof(nop3));
}
