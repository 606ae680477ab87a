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
 *
 * As Linux (cached_stacks, NR_CACHED_STACKS per CPU), two freed stacks are
 * kept mapped for the next forks, so a fork and its exit usually map and
 * unmap nothing.  Their pages count as free memory, as the quicklists' do
 * (nr_free_pages), and an allocation that finds no page takes them back
 * (vmap_stack_trim).  Only a stack of the first last-level table is kept,
 * while a stack in use shares that table (init's, for the kernel's life),
 * so the cache never holds a table alone.  A reused stack holds what its
 * last task left, as a new one holds what its pages held before: neither
 * is cleared (Linux clears its cached ones).
 */
#include <asm/tlbflush.h>
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
static unsigned long nr_stacks;			/* stacks in use: /proc/meminfo's KernelStack */
#define NR_CACHED_STACKS	2
static void *cached_stacks[NR_CACHED_STACKS];	/* freed, still mapped; in table 0 */
static unsigned int nr_cached;
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

/* The pte of @va, a stack's address: the area's middle table is known, one level to go. */
static pte_t *stack_pte(unsigned long va)
{
	return (pte_t *)__va(pte_phys(vmap_stack_pmd[pmd_index(va)])) + pte_index(va);
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

/* Drops @slot's use of its page table; returns the table if now unused, to free after a flush. */
static unsigned long put_slot_table(unsigned int slot)
{
	unsigned int t = slot / SLOTS_PER_TABLE;
	pmd_t *e = &vmap_stack_pmd[pmd_index(slot_stack(slot))];
	unsigned long table = (unsigned long)__va(pte_phys(*e));

	if (--table_users[t])
		return 0;
	*e = 0;
	return table;
}

/* A cached stack, or NULL.  Hold vmap_stack_lock. */
static void *take_cached_stack(void)
{
	if (!nr_cached)
		return NULL;
	nr_stacks++;
	return cached_stacks[--nr_cached];
}

/* Keeps @stack of @slot for the next fork if it may (see the top); hold vmap_stack_lock. */
static bool cache_stack(void *stack, unsigned int slot)
{
	if (nr_cached == NR_CACHED_STACKS || slot >= SLOTS_PER_TABLE ||
	    table_users[0] - nr_cached <= 1)	/* no stack in use would share the table */
		return false;
	cached_stacks[nr_cached++] = stack;
	nr_stacks--;
	return true;
}

/* The pages the cached stacks hold: free memory for nr_free_pages(). */
unsigned long vmap_stack_cached_pages(void)
{
	return READ_ONCE(nr_cached) << THREAD_SIZE_ORDER;
}

/* A new stack of THREAD_SIZE, mapped, with its guard below; NULL if out of memory or slots. */
void *alloc_vmap_stack(void)
{
	struct page *page;
	unsigned long flags, va;
	pte_t *table = NULL;
	unsigned int i;
	void *stack;
	int slot;

	spin_lock_irqsave(&vmap_stack_lock, flags);
	stack = take_cached_stack();
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	if (stack)
		return stack;
	page = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
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

/* Unmaps @stack and gives back its pages and slot. */
static void __free_vmap_stack(void *stack)
{
	unsigned long va = (unsigned long)stack, flags;
	unsigned int slot = (va - VMAP_STACK_START) / SLOT_SIZE, i;
	pte_t *pte = stack_pte(va);
	struct page *page = pfn_to_page(pte_pfn(*pte));
	unsigned long table;

	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++)
		pte[i] = 0;
	/* on every CPU (one may have run the task), and outside the lock: an IPI waits */
	flush_tlb_kernel_range(va, va + THREAD_SIZE);
	__free_pages(page, THREAD_SIZE_ORDER);
	spin_lock_irqsave(&vmap_stack_lock, flags);
	table = put_slot_table(slot);
	release_slot(slot);
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	if (table) {
		flush_tlb_kernel_range(va, va + PAGE_SIZE);	/* drops cached walks through the table */
		free_page(table);
	}
}

void free_vmap_stack(void *stack)
{
	unsigned int slot = ((unsigned long)stack - VMAP_STACK_START) / SLOT_SIZE;
	unsigned long flags;
	bool kept;

	spin_lock_irqsave(&vmap_stack_lock, flags);
	kept = cache_stack(stack, slot);
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	if (!kept)
		__free_vmap_stack(stack);
}

/*
 * The cached stacks given back, for an allocation that found no page;
 * whether there were any.  Not when vmap_stack_lock is held (a table
 * allocated under it failed): the cache waits for the next try.
 */
bool vmap_stack_trim(void)
{
	unsigned long flags;
	bool any = false;
	void *stack;

	for (;;) {
		local_irq_save(flags);
		if (!spin_trylock(&vmap_stack_lock)) {
			local_irq_restore(flags);
			return any;
		}
		stack = take_cached_stack();
		spin_unlock_irqrestore(&vmap_stack_lock, flags);
		if (!stack)
			return any;
		__free_vmap_stack(stack);
		any = true;
	}
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
