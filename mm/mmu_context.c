/*
 * mm/mmu_context.c: the kernel's address space (switching: mm/tlb.c).
 *
 * init_mm is the address space of the kernel threads; its page tables
 * (init_top_pgt) hold only the kernel half.
 */
#include <linux/sched.h>
#include <linux/mmu_context.h>
#include <asm/pgtable.h>

struct mm_struct init_mm = {
	.mmap = LIST_HEAD_INIT(init_mm.mmap),
	.mm_users = ATOMIC_INIT(2),
	.mm_count = ATOMIC_INIT(1),
	.mmap_lock = __RWSEM_INITIALIZER(init_mm.mmap_lock),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	.cpu_bitmap = { { 1 } },	/* the boot CPU runs on it */
};
