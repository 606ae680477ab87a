/*
 * kernel/kallsyms.c: look up the kernel's own text symbols.
 *
 * tools/kallsyms.py writes the table (sorted addresses, sizes and names)
 * from a first link of the kernel; the second link includes it after
 * .text, so no code moves (the Makefile checks).  As Linux's kallsyms,
 * minus the compression.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_sizes[];
extern const unsigned int kallsyms_offsets[];
extern const char kallsyms_strings[];

/* The index of the last symbol starting at or below @addr, or -1. */
static long find_index(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num - 1, best = -1;

	while (lo <= hi) {
		long mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return best;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	long i = find_index(addr);
	unsigned long sz;

	if (i < 0)
		return NULL;
	sz = kallsyms_sizes[i];
	if (!sz && i + 1 < (long)kallsyms_num)
		sz = kallsyms_addresses[i + 1] - kallsyms_addresses[i];
	if (addr - kallsyms_addresses[i] >= sz && sz)
		return NULL;
	if (size)
		*size = sz;
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return kallsyms_strings + kallsyms_offsets[i];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned long i;

	for (i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_strings + kallsyms_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}

/* "name+0xoff/0xsize" (or just "name" without @with_offset), else the raw address. */
int sprint_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	unsigned long sz, off;
	const char *name = kallsyms_lookup(addr, &sz, &off);

	if (!name)
		return snprintf(buf, size, "0x%lx", addr);
	if (!with_offset)
		return snprintf(buf, size, "%s", name);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", name, off, sz);
}

/*
 * A return address may point just past a function that ends in a call
 * (a noreturn one): look up the byte before it, print the real offset.
 */
int sprint_backtrace(char *buf, size_t size, unsigned long addr)
{
	unsigned long sz, off;
	const char *name = kallsyms_lookup(addr - 1, &sz, &off);

	if (!name)
		return snprintf(buf, size, "0x%lx", addr);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", name, off + 1, sz);
}
