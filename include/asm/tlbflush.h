/*
 * include/asm/tlbflush.h: TLB flushes that reach every CPU that may hold
 * the translation (Linux's arch/x86/include/asm/tlbflush.h).
 *
 * A CPU caches translations of the address space whose page tables it
 * has loaded: mm_cpumask(mm) has the bit of every CPU that loaded @mm's
 * and has not loaded another's since (a kernel thread borrowing it, lazy
 * TLB, keeps the bit).  A page-table change flushes here with invlpg and
 * on the others by IPI (mm/tlb.c).  On a one-CPU machine that is one
 * invlpg and one test, as before SMP.
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

#include <linux/cpumask.h>
#include <asm/pgtable.h>

struct mm_struct;

void flush_tlb_others(struct mm_struct *mm, unsigned long start, unsigned long end);

/* @va of @mm changed: no CPU may keep the old translation. */
static inline void flush_tlb_page(struct mm_struct *mm, unsigned long va)
{
	flush_tlb_one(va);
	if (nr_cpu_ids > 1)
		flush_tlb_others(mm, va, va + PAGE_SIZE);
}

/* A kernel-half mapping changed: every CPU (@mm NULL: all online CPUs). */
static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long va;

	for (va = start; va < end; va += PAGE_SIZE)
		flush_tlb_one(va);
	if (nr_cpu_ids > 1)
		flush_tlb_others(NULL, start, end);
}

/* The other CPUs, after this CPU changed [@start, @end) of @mm and flushed its own TLB. */
static inline void flush_tlb_mm_range_others(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	if (nr_cpu_ids > 1)
		flush_tlb_others(mm, start, end);
}

/* @mm's page tables are about to be freed: the other CPUs drop every cached walk of them. */
static inline void flush_tlb_mm(struct mm_struct *mm)
{
	if (nr_cpu_ids > 1)
		flush_tlb_others(mm, 0, ~0UL);
}

#endif
