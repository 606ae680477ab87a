/*
 * mm/tlb.c: switching address spaces and TLB shootdown (Linux's
 * arch/x86/mm/tlb.c).
 *
 * Each CPU remembers the address space whose page tables it has loaded
 * (pcpu->loaded_mm; Linux's cpu_tlbstate.loaded_mm), which may differ
 * from current->mm: a kernel thread runs on whatever was loaded (lazy
 * TLB).  switch_mm keeps mm_cpumask(mm) true: a CPU sets its bit before
 * loading @mm's tables and clears it after loading another's.  A flusher
 * changes the PTE, then reads the mask (both atomic, so ordered): either
 * it sees the CPU's bit and sends it an IPI, or the CPU loads the tables
 * after the change and never saw the old entry.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/mmu_context.h>
#include <asm/tlbflush.h>

#define FLUSH_ALL_PAGES	33	/* past this many pages a CR3 reload is cheaper (Linux's ceiling) */

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	struct mm_struct *loaded = this_cpu_read(loaded_mm);
	int cpu;

	(void)prev;
	if (loaded == next)
		return;
	if (nr_cpu_ids == 1) {		/* no other CPU to flush: no mask to keep */
		load_cr3(next->pgd);
		this_cpu_write(loaded_mm, next);
		return;
	}
	cpu = smp_processor_id();
	cpumask_set_cpu(cpu, mm_cpumask(next));
	load_cr3(next->pgd);
	if (loaded)
		cpumask_clear_cpu(cpu, mm_cpumask(loaded));
	this_cpu_write(loaded_mm, next);
}

struct flush_tlb_info {
	struct mm_struct *mm;		/* NULL: a kernel-half range */
	unsigned long start, end;
};

/*
 * On a CPU that had @mm loaded: a kernel thread merely borrowing it
 * leaves it for init_mm instead of flushing (Linux's leave_mm), so the
 * next flushes skip this CPU; a user task of @mm flushes the range.
 */
static void flush_tlb_func(void *arg)
{
	struct flush_tlb_info *f = arg;
	unsigned long va;

	if (f->mm) {
		if (this_cpu_read(loaded_mm) != f->mm)
			return;			/* switched away since: the CR3 load flushed */
		if (current->mm != f->mm) {
			switch_mm(NULL, &init_mm);
			return;
		}
	}
	if (f->mm && (f->end - f->start) / PAGE_SIZE > FLUSH_ALL_PAGES) {
		load_cr3(f->mm->pgd);		/* user entries are never global */
		return;
	}
	for (va = f->start; va < f->end; va += PAGE_SIZE)
		flush_tlb_one(va);
}

/* The other CPUs that may cache @mm's translations (all online ones for the kernel's). */
void flush_tlb_others(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct flush_tlb_info info = { mm, start, end };
	struct cpumask others;

	preempt_disable();
	cpumask_copy(&others, mm ? mm_cpumask(mm) : cpu_online_mask);
	cpumask_clear_cpu(smp_processor_id(), &others);
	if (!cpumask_empty(&others))
		smp_call_function_many(&others, flush_tlb_func, &info);
	preempt_enable();
}
