/*
 * include/linux/gfp.h: allocation flags, with Linux 6.1's bit values (so an
 * OOM report's gfp_mask reads as Linux's does).
 *
 * Here only the page allocator looks at them: __GFP_ZERO clears the memory,
 * __GFP_HARDWALL (set in GFP_USER and up: memory a process asked for) makes
 * an allocation subject to the min watermark and, when it cannot be met, to
 * the OOM killer, which may sleep.  Every other allocation (GFP_KERNEL,
 * GFP_ATOMIC) fails instead of waiting, since kernel callers here may hold
 * spinlocks: its caller returns ENOMEM.  See mm/page_alloc.c and
 * docs/memory.md.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#define __GFP_HIGHMEM		0x02u
#define __GFP_MOVABLE		0x08u
#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_ZERO		0x100u
#define __GFP_ATOMIC		0x200u
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_NOWARN		0x2000u
#define __GFP_RETRY_MAYFAIL	0x4000u
#define __GFP_NOFAIL		0x8000u
#define __GFP_NORETRY		0x10000u
#define __GFP_COMP		0x40000u
#define __GFP_HARDWALL		0x100000u
#define __GFP_ACCOUNT		0x400000u
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		__GFP_KSWAPD_RECLAIM
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)	/* a process's pages */

/* Linux's: may this allocation wait for memory (so sleep)? */
#define gfpflags_allow_blocking(gfp)	(((gfp) & __GFP_DIRECT_RECLAIM) != 0)
/* might_sleep() if @gfp may sleep (Linux's might_alloc; include/linux/mm.h fuses it). */
void __might_alloc(gfp_t gfp, const char *file, int line);

/* A flag's name, for printing masks (%pGg; mm/debug.c has the table). */
struct trace_print_flags {
	unsigned long mask;
	const char *name;
};
extern const struct trace_print_flags gfpflag_names[];

/* Orders above this are "costly": never worth an OOM kill (Linux's rule). */
#define PAGE_ALLOC_COSTLY_ORDER	3

#endif
