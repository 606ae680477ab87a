/*
 * include/linux/quicklist.h: lists of free pages kept in the state their
 * users need (Linux 2.6.22-5.3's quicklists, which x86_64 and ia64 used
 * for page tables).  mm/quicklist.c says how.
 */
#ifndef _LINUX_QUICKLIST_H
#define _LINUX_QUICKLIST_H

#include <linux/types.h>
#include <linux/gfp.h>

enum {
	QUICK_PGD,	/* pgds: user half zero, kernel half init_top_pgt's */
	QUICK_ZERO,	/* zeroed pages: page tables below the pgd (Linux's QUICK_PT), pid bitmaps */
	NR_QUICK
};

void *quicklist_alloc(int nr, gfp_t flags, void (*ctor)(void *));
void quicklist_free(int nr, void *p);
unsigned long quicklist_total_size(void);
bool quicklist_trim_all(void);

#endif
