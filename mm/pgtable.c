/*
 * mm/pgtable.c: building and walking the four-level page tables.
 *
 * Table pages come from memblock until the buddy allocator is up, then
 * from the buddy allocator.  lookup_pte() never allocates; pte_alloc_walk()
 * fills in missing tables on the way down.
 *
 * A process's top-level table (pgd_alloc) shares the kernel half with
 * init_top_pgt.  Every table made below it for the user half is listed
 * on the pgd page's own lru field, newest first, with the entry above
 * that points at it (page->pt_entry), so free_pgtables() gives them all
 * back without walking 512-entry tables.  Linux walks instead, but only
 * the ranges its VMAs cover (free_pgd_range).
 *
 * Tables come from and go back to the quicklists (mm/quicklist.c): a
 * table is given back zero, since its ptes were zapped and each table
 * below it cleared its own entry, and a pgd with its user half zero and
 * its kernel half intact, as pgd_ctor makes one.
 */
#include <asm/tlbflush.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <asm/pgtable.h>
#include <linux/quicklist.h>
#include <asm/vmap_stack.h>

pgd_t *init_top_pgt;
static bool pgtable_use_buddy;		/* set once mem_init() has run */

/* A user table's callers hold the mm's page_table_lock: the allocation must not wait. */
static pteval_t *alloc_table(void)
{
	if (!pgtable_use_buddy)
		return memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	return quicklist_alloc(QUICK_ZERO, GFP_NOWAIT, NULL);
}

void pgtable_switch_to_buddy(void)
{
	pgtable_use_buddy = true;
}

static inline pteval_t *table_of(pteval_t e)
{
	return __va(pte_phys(e));
}

/* A new pgd's kernel half, the same in every pgd (Linux's pgd_ctor). */
static void pgd_ctor(void *p)
{
	memcpy((pgd_t *)p + 256, init_top_pgt + 256, 256 * sizeof(pgd_t));
}

/* A process's top-level table: an empty user half, the kernel's own upper half. */
pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = quicklist_alloc(QUICK_PGD, GFP_KERNEL, pgd_ctor);

	if (!pgd)
		return NULL;
	INIT_LIST_HEAD(&virt_to_page(pgd)->lru);	/* the user tables below it */
	return pgd;
}

/*
 * Frees every user-half table below @pgd, whose ptes are all clear by
 * now (zapped), and so empties its user half: each table, children
 * before parents, clears the entry above it and goes back zero.
 */
void free_pgtables(pgd_t *pgd)
{
	struct list_head *tables = &virt_to_page(pgd)->lru;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, tables, lru) {
		list_del(&page->lru);
		*page->pt_entry = 0;
		quicklist_free(QUICK_ZERO, page_address(page));
	}
}

/* The bytes of @mm's user page tables, the pgd not counted (Linux's mm_pgtables_bytes). */
unsigned long mm_pgtables_bytes(struct mm_struct *mm)
{
	struct page *page;
	unsigned long n = 0;

	spin_lock(&mm->page_table_lock);
	list_for_each_entry(page, &virt_to_page(mm->pgd)->lru, lru)
		n++;
	spin_unlock(&mm->page_table_lock);
	return n << PAGE_SHIFT;
}

void pgd_free(pgd_t *pgd)
{
	free_pgtables(pgd);
	quicklist_free(QUICK_PGD, pgd);
}

/*
 * The entry mapping @va at the lowest level present, or NULL.  *level is
 * 1 for a 4 KiB pte, 2 for a 2 MiB pmd, 3 for a 1 GiB pud.
 */
pte_t *lookup_pte(pgd_t *pgd, unsigned long va, int *level)
{
	static const int shift[] = { 39, 30, 21, 12 };
	pteval_t *table = pgd, *e;
	int i;

	for (i = 0; i < 4; i++) {
		e = &table[(va >> shift[i]) & 511];
		if (!pte_present(*e))
			return NULL;
		if (i == 3 || (i > 0 && (*e & _PAGE_PSE))) {
			if (level)
				*level = 4 - i;
			return e;
		}
		table = table_of(*e);
	}
	return NULL;
}

/*
 * For walking a user range [@va, @end) one pte table at a time: the pte
 * slot of @va, or NULL if its table is missing, and in *next where the
 * walk goes on: the end of that pte table, or of the whole missing pud or
 * pmd, capped at @end.  A sparse range of terabytes is then a few steps,
 * as Linux's walkers skip p?d_none entries.
 */
/* The table a present entry that is not a large page points to, or NULL. */
static inline pteval_t *table_below(pteval_t e)
{
	return (e & (_PAGE_PRESENT | _PAGE_PSE)) == _PAGE_PRESENT ? table_of(e) : NULL;
}

pte_t *pte_walk_next(pgd_t *pgd, unsigned long va, unsigned long end, unsigned long *next)
{
	pteval_t *pud, *pmd, *pte = NULL;
	unsigned long span = 1UL << PGDIR_SHIFT;	/* what the first missing table maps */

	pud = table_below(pgd[pgd_index(va)]);
	if (pud) {
		span = PUD_SIZE;
		pmd = table_below(pud[pud_index(va)]);
		if (pmd) {
			span = PMD_SIZE;
			pte = table_below(pmd[pmd_index(va)]);
		}
	}
	*next = (va | (span - 1)) + 1;
	if (*next - 1 >= end - 1)
		*next = end;		/* also when the step wrapped past the top */
	return pte ? &pte[pte_index(va)] : NULL;
}

/* Remembers in @c the table of @pte, the slot of @va (NULL: nothing). */
static inline pte_t *pte_walk_remember(struct pte_walk_cache *c, unsigned long va, pte_t *pte)
{
	if (pte) {
		c->base = va & PMD_MASK;
		c->table = pte - pte_index(va);
	}
	return pte;
}

/* pte_walk_next(), through @c's table when @va is in the 2 MiB it maps. */
pte_t *pte_walk_next_cached(pgd_t *pgd, unsigned long va, unsigned long end, unsigned long *next,
			    struct pte_walk_cache *c)
{
	if (c->table && (va & PMD_MASK) == c->base) {
		*next = c->base + PMD_SIZE;
		if (*next - 1 >= end - 1)
			*next = end;		/* also when the step wrapped past the top */
		return &c->table[pte_index(va)];
	}
	return pte_walk_remember(c, va, pte_walk_next(pgd, va, end, next));
}

/* pte_alloc_walk(), through @c's table when @va is in the 2 MiB it maps. */
pte_t *pte_alloc_walk_cached(pgd_t *pgd, unsigned long va, struct pte_walk_cache *c)
{
	if (c->table && (va & PMD_MASK) == c->base)
		return &c->table[pte_index(va)];
	return pte_walk_remember(c, va, pte_alloc_walk(pgd, va));
}

/*
 * The 4 KiB pte slot for @va if its tables exist, present or not; else
 * NULL.  The levels are written out, not looped over: every fault, fork
 * and unmap walks here.
 */
pte_t *pte_offset(pgd_t *pgd, unsigned long va)
{
	pteval_t *pud, *pmd, *pte;

	pud = table_below(pgd[pgd_index(va)]);
	if (!pud)
		return NULL;
	pmd = table_below(pud[pud_index(va)]);
	if (!pmd)
		return NULL;
	pte = table_below(pmd[pmd_index(va)]);
	return pte ? &pte[pte_index(va)] : NULL;
}

/*
 * A new table for entry @e (not present) of the table at level @level (0
 * for the pgd) mapping @va, or NULL.  A user table is listed on the pgd's
 * page (free_pgtables).
 */
static noinline pteval_t *table_new(pgd_t *pgd, pteval_t *e, unsigned long va, int level)
{
	pteval_t *next;

	BUG_ON(level == 0 && (va >> 47));	/* kernel pgd entries are fixed */
	next = alloc_table();
	if (!next)
		return NULL;
	if (!(va >> 47) && pgd != init_top_pgt) {
		list_add(&virt_to_page(next)->lru, &virt_to_page(pgd)->lru);
		virt_to_page(next)->pt_entry = e;
	}
	/* user bits on intermediate entries of the lower half: the leaf decides access */
	*e = __pa(next) | _PAGE_PRESENT | _PAGE_RW | ((va >> 47) ? 0 : _PAGE_USER);
	return next;
}

/* The table below entry @e, made if missing; NULL if it cannot be, or @e maps a large page. */
static inline pteval_t *table_alloc(pgd_t *pgd, pteval_t *e, unsigned long va, int level)
{
	if (likely(pte_present(*e)))
		return table_below(*e);
	return table_new(pgd, e, va, level);
}

/* The 4 KiB pte slot for @va, allocating tables as needed; NULL inside a large page. */
pte_t *pte_alloc_walk(pgd_t *pgd, unsigned long va)
{
	pteval_t *pud, *pmd, *pte;

	pud = table_alloc(pgd, &pgd[pgd_index(va)], va, 0);
	if (!pud)
		return NULL;
	pmd = table_alloc(pgd, &pud[pud_index(va)], va, 1);
	if (!pmd)
		return NULL;
	pte = table_alloc(pgd, &pmd[pmd_index(va)], va, 2);
	return pte ? &pte[pte_index(va)] : NULL;
}

int map_page(pgd_t *pgd, unsigned long va, phys_addr_t pa, pteval_t prot)
{
	pte_t *pte = pte_alloc_walk(pgd, va);

	if (!pte)
		return -ENOMEM;
	*pte = (pa & PTE_PFN_MASK) | prot;
	flush_tlb_kernel_range(va, va + PAGE_SIZE);	/* any CPU may hold it */
	return 0;
}

/* Clears the 4 KiB mapping of @va and returns what it was (0 if none). */
pte_t unmap_page(pgd_t *pgd, unsigned long va)
{
	pte_t *pte = pte_offset(pgd, va), old;

	if (!pte)
		return 0;
	old = *pte;
	*pte = 0;
	flush_tlb_kernel_range(va, va + PAGE_SIZE);	/* any CPU may hold it */
	return old;
}

int set_page_prot(pgd_t *pgd, unsigned long va, pteval_t prot)
{
	int level;
	pte_t *pte = lookup_pte(pgd, va, &level);

	if (!pte || level != 1)
		return -EFAULT;
	*pte = (*pte & PTE_PFN_MASK) | prot;
	flush_tlb_kernel_range(va, va + PAGE_SIZE);	/* any CPU may hold it */
	return 0;
}

/* The direct map of [start, end): 2 MiB pages where aligned, 4 KiB elsewhere. */
static void map_direct(u64 start, u64 end)
{
	u64 pa = start;

	while (pa < end) {
		unsigned long va = (unsigned long)__va(pa);

		if (IS_ALIGNED(pa, PMD_SIZE) && pa + PMD_SIZE <= end) {
			pteval_t *pud = table_of(init_top_pgt[pgd_index(va)]);
			pteval_t *pmd;

			if (!pte_present(pud[pud_index(va)]))
				pud[pud_index(va)] = __pa(alloc_table()) | _PAGE_PRESENT | _PAGE_RW;
			pmd = table_of(pud[pud_index(va)]);
			pmd[pmd_index(va)] = pa | PAGE_KERNEL_LARGE;
			pa += PMD_SIZE;
		} else {
			if (map_page(init_top_pgt, va, pa, PAGE_KERNEL))
				panic("paging_init: out of memory");
			pa += PAGE_SIZE;
		}
	}
}

static void map_kernel_range(char *start, char *end, pteval_t prot)
{
	unsigned long va;

	for (va = (unsigned long)start; va < (unsigned long)end; va += PAGE_SIZE)
		if (map_page(init_top_pgt, va, __pa((void *)va), prot))
			panic("paging_init: out of memory");
}

/*
 * Builds the kernel's page tables: every RAM range at PAGE_OFFSET, and
 * the image at __START_KERNEL_map with text read-only and executable,
 * rodata read-only, data and bss non-executable.  The kernel half's
 * top-level entries are created here once and never change, so every
 * process's page table shares them by copying the upper 256 pointers.
 */
void paging_init(void)
{
	int i;

	unsigned long dm_end = (unsigned long)__va(memblock_end_of_DRAM(&memblock) - 1);
	unsigned long g;

	memblock.current_limit = 1UL << 30;	/* the early tables map the first GiB */
	init_top_pgt = alloc_table();
	for (g = pgd_index(PAGE_OFFSET); g <= pgd_index(dm_end); g++)
		init_top_pgt[g] = __pa(alloc_table()) | _PAGE_PRESENT | _PAGE_RW;
	init_top_pgt[pgd_index(__START_KERNEL_map)] = __pa(alloc_table()) | _PAGE_PRESENT | _PAGE_RW;
	vmap_stack_init(init_top_pgt, alloc_table);
	for (i = 0; i < memblock.memory.cnt; i++)
		map_direct(memblock.memory.regions[i].base,
			   memblock.memory.regions[i].base + memblock.memory.regions[i].size);
	map_kernel_range(_text, _etext, PAGE_KERNEL_EXEC);
	map_kernel_range(__start_rodata, _erodata, PAGE_KERNEL_RO);
	map_kernel_range(_sdata, _end, PAGE_KERNEL);
	unmap_page(init_top_pgt, (unsigned long)__init_stack_guard);	/* below the boot stack */
	load_cr3(init_top_pgt);
	init_mm.pgd = init_top_pgt;	/* kernel threads run on these */
	memblock.current_limit = ~0ULL;
}
