/*
 * include/asm/pgtable.h: x86_64 four-level page tables.
 *
 * pgd (PML4) -> pud (PDPT) -> pmd (PD) -> pte (PT), 512 entries each.
 * Entries are plain 64-bit words with Linux's _PAGE_* bit names.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/types.h>
#include <asm/page.h>

typedef u64 pteval_t;
typedef pteval_t pgd_t, pud_t, pmd_t, pte_t;

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)	/* a 2 MiB or 1 GiB page at this level */
#define _PAGE_GLOBAL	(1UL << 8)
#define _PAGE_PROTNONE	(1UL << 10)	/* software: a PROT_NONE page, kept but not present */
#define _PAGE_NX	(1UL << 63)

#define PTE_PFN_MASK	0x000ffffffffff000UL
#define PTRS_PER_TABLE	512

#define PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		(_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC	(_PAGE_PRESENT | _PAGE_GLOBAL)
#define PAGE_KERNEL_LARGE	(PAGE_KERNEL | _PAGE_PSE)

static inline unsigned long pgd_index(unsigned long va) { return (va >> 39) & 511; }
static inline unsigned long pud_index(unsigned long va) { return (va >> 30) & 511; }
static inline unsigned long pmd_index(unsigned long va) { return (va >> 21) & 511; }
static inline unsigned long pte_index(unsigned long va) { return (va >> 12) & 511; }

static inline phys_addr_t pte_phys(pteval_t e) { return e & PTE_PFN_MASK; }
static inline unsigned long pte_pfn(pteval_t e) { return pte_phys(e) >> PAGE_SHIFT; }
static inline bool pte_present(pteval_t e) { return e & _PAGE_PRESENT; }
/* A user pte holding a page: present, or PROT_NONE (not present, page kept). */
static inline bool pte_has_page(pteval_t e) { return e & (_PAGE_PRESENT | _PAGE_PROTNONE); }

extern pgd_t *init_top_pgt;	/* the kernel's own page tables (Linux's init_top_pgt) */

pte_t *lookup_pte(pgd_t *pgd, unsigned long va, int *level);
pte_t *pte_offset(pgd_t *pgd, unsigned long va);
pte_t *pte_walk_next(pgd_t *pgd, unsigned long va, unsigned long end, unsigned long *next);
pte_t *pte_alloc_walk(pgd_t *pgd, unsigned long va);

/*
 * The pte table the last walk found and the 2 MiB it maps.  fork and exit
 * walk every VMA of an address space in order, and neighbouring VMAs (a
 * program's text, data and bss; its stack, [vvar] and [vdso]) share pte
 * tables, so with one of these each table is looked up once.  Valid while
 * no table is freed: mmap_lock held for writing all along.
 */
struct pte_walk_cache {
	unsigned long base;		/* the 2 MiB the table maps */
	pte_t *table;			/* NULL: nothing remembered */
};
pte_t *pte_walk_next_cached(pgd_t *pgd, unsigned long va, unsigned long end, unsigned long *next,
			    struct pte_walk_cache *c);
pte_t *pte_alloc_walk_cached(pgd_t *pgd, unsigned long va, struct pte_walk_cache *c);
int map_page(pgd_t *pgd, unsigned long va, phys_addr_t pa, pteval_t prot);
pte_t unmap_page(pgd_t *pgd, unsigned long va);
int set_page_prot(pgd_t *pgd, unsigned long va, pteval_t prot);
void paging_init(void);
pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);
void free_pgtables(pgd_t *pgd);

static inline void flush_tlb_one(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(va) : "memory");
}

static inline void load_cr3(pgd_t *pgd)
{
	__asm__ __volatile__("mov %0, %%cr3" :: "r"(__pa(pgd)) : "memory");
}

#endif
