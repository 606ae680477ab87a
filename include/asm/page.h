/*
 * include/asm/page.h: page size and the two kernel mappings.
 *
 * All physical memory is mapped at PAGE_OFFSET (Linux's direct map,
 * __va/__pa); the kernel image is also mapped at __START_KERNEL_map.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>
#include <asm/boot.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SHIFT	30
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PGDIR_SHIFT	39

#define PAGE_OFFSET	((unsigned long)__PAGE_OFFSET)
#define TASK_SIZE	0x00007ffffffff000UL	/* as Linux: the last user page is never mapped */

#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

static inline unsigned long __pa(const void *v)
{
	unsigned long x = (unsigned long)v;

	if (x >= __START_KERNEL_map)
		return x - __START_KERNEL_map;
	return x - PAGE_OFFSET;
}

#define __va(p)		((void *)((unsigned long)(p) + PAGE_OFFSET))
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)

#endif
