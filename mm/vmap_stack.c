/*
 * mm/vmap_stack.c: kernel stacks in a virtual area, each with unmapped
 * guard pages below it (Linux's CONFIG_VMAP_STACK).
 *
 * A kernel stack that overflows its THREAD_SIZE would otherwise run
 * silently into whatever the direct map has below it (another task's
 * stack, a slab) and corrupt it.  Here every stack lives in a slot of
 * the stack area: THREAD_SIZE of guard, never mapped, then the stack's
 * THREAD_SIZE mapped page by page onto an ordinary order-2 allocation.
 * An overflow faults on the guard; the fault arrives as a double fault
 * (pushing the page fault's frame faults again), on its own IST stack,
 * where kernel/traps.c recognises the guard and reports "BUG: stack guard
 * page was hit" instead of a silent triple fault.
 *
 * Slots are found in a bitmap, lowest first so the area stays compact.
 * The area's top-level and middle tables are made at boot (paging_init),
 * so every process's page table shares them; each last-level table (one
 * per 64 slots) is made on first use and given back when its last stack
 * goes, so the free page count after a workload is what it was before.
 * Linux keeps its vmalloc page tables and caches two freed stacks per CPU;
 * a fork here maps four pages and an exit unmaps them, which costs less
 * than the cache's bookkeeping would save (docs/debugging.md measures it).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/bitops.h>
#include <asm/pgtable.h>
#include <asm/vmap_stack.h>

#define VMAP_STACK_GUARD	THREAD_SIZE			/* unmapped below each stack */
#define SLOT_SIZE	(VMAP_STACK_GUARD + THREAD_SIZE)
_Static_assert(VMAP_STACK_SLOTS * SLOT_SIZE <= PUD_SIZE, "the area fits one middle table");
#define SLOTS_PER_TABLE	(PMD_SIZE / SLOT_SIZE)		/* slots one last-level table maps */
#define NR_TABLES	(VMAP_STACK_SLOTS / SLOTS_PER_TABLE)

static DEFINE_SPINLOCK(vmap_stack_lock);	/* protects the bitmap, hint and table counts */
static unsigned long slot_map[VMAP_STACK_SLOTS / BITS_PER_LONG];
static unsigned int slot_hint;			/* no free slot below this */
static unsigned short table_users[NR_TABLES];	/* stacks in each last-level table */
static unsigned long nr_stacks;			/* slots in use: /proc/meminfo's KernelStack */
static pmd_t *vmap_stack_pmd;			/* the one middle table of the area */

static unsigned long slot_stack(unsigned int slot)
{
	return VMAP_STACK_START + (unsigned long)slot * SLOT_SIZE + THREAD_SIZE;
}

/* Called by paging_init: the area's tables above the last level, shared by every pgd. */
void vmap_stack_init(pgd_t *pgd, pteval_t *(*alloc_table)(void))
{
	pteval_t *pud = alloc_table(), *pmd = alloc_table();

	pgd[pgd_index(VMAP_STACK_START)] = __pa(pud) | _PAGE_PRESENT | _PAGE_RW;
	pud[pud_index(VMAP_STACK_START)] = __pa(pmd) | _PAGE_PRESENT | _PAGE_RW;
	vmap_stack_pmd = pmd;
}

static int find_slot(void)
{
	unsigned int i;

	for (i = slot_hint / BITS_PER_LONG; i < ARRAY_SIZE(slot_map); i++) {
		if (slot_map[i] == ~0UL)
			continue;
		slot_hint = i * BITS_PER_LONG + __builtin_ctzl(~slot_map[i]);
		slot_map[i] |= 1UL << (slot_hint % BITS_PER_LONG);
		nr_stacks++;
		return slot_hint++;
	}
	return -1;
}

static void release_slot(unsigned int slot)
{
	slot_map[slot / BITS_PER_LONG] &= ~(1UL << (slot % BITS_PER_LONG));
	slot_hint = min(slot_hint, slot);
	nr_stacks--;
}

/* The last-level table of @slot, made if it is the first stack there; NULL if no memory. */
static pte_t *slot_table(unsigned int slot)
{
	unsigned int t = slot / SLOTS_PER_TABLE;
	pmd_t *e = &vmap_stack_pmd[pmd_index(slot_stack(slot))];
	pteval_t *table;

	if (!table_users[t]) {
		table = (pteval_t *)get_zeroed_page(GFP_ATOMIC);	/* under vmap_stack_lock */
		if (!table)
			return NULL;
		*e = __pa(table) | _PAGE_PRESENT | _PAGE_RW;
	}
	table_users[t]++;
	return __va(pte_phys(*e));
}

static void put_slot_table(unsigned int slot)
{
	unsigned int t = slot / SLOTS_PER_TABLE;
	pmd_t *e = &vmap_stack_pmd[pmd_index(slot_stack(slot))];
	unsigned long table = (unsigned long)__va(pte_phys(*e));

	if (--table_users[t])
		return;
	*e = 0;
	flush_tlb_one(slot_stack(slot));	/* drops cached walks through the table too */
	free_page(table);
}

/* A new stack of THREAD_SIZE, mapped, with its guard below; NULL if out of memory or slots. */
void *alloc_vmap_stack(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	unsigned long flags, va;
	pte_t *table = NULL;
	unsigned int i;
	int slot;

	if (!page)
		return NULL;
	spin_lock_irqsave(&vmap_stack_lock, flags);
	slot = find_slot();
	if (slot >= 0) {
		table = slot_table(slot);
		if (!table)
			release_slot(slot);
	}
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	if (!table) {
		__free_pages(page, THREAD_SIZE_ORDER);
		return NULL;
	}
	va = slot_stack(slot);
	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++)
		table[pte_index(va) + i] = page_to_phys(page + i) | PAGE_KERNEL;
	return (void *)va;		/* never mapped before, or flushed at its unmap */
}

void free_vmap_stack(void *stack)
{
	unsigned long va = (unsigned long)stack, flags;
	unsigned int slot = (va - VMAP_STACK_START) / SLOT_SIZE, i;
	pte_t *pte = pte_offset(init_top_pgt, va);
	struct page *page = pfn_to_page(pte_pfn(*pte));

	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		pte[i] = 0;
		flush_tlb_one(va + i * PAGE_SIZE);
	}
	__free_pages(page, THREAD_SIZE_ORDER);
	spin_lock_irqsave(&vmap_stack_lock, flags);
	put_slot_table(slot);
	release_slot(slot);
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
}

/* Kernel stacks allocated here (the boot task's is not), for /proc/meminfo. */
unsigned long nr_vmap_stacks(void)
{
	return READ_ONCE(nr_stacks);
}

/* Is @addr in the guard below @tsk's stack?  The boot task's is one page (linker.ld). */
bool stack_guard_hit(struct task_struct *tsk, unsigned long addr)
{
	unsigned long stack = (unsigned long)tsk->stack;

	return addr < stack && stack - addr <= (tsk == &init_task ? PAGE_SIZE : VMAP_STACK_GUARD);
}
