/*
 * mm/debug.c: the names of the gfp flags, for %pGg (an OOM report's
 * "gfp_mask=0x100dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO)"), and dump_page,
 * what the allocator knows of a page a report is about.
 *
 * As Linux's gfpflag_names: the composite masks come first, so a mask is
 * named by the largest combination it contains, then single bits.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#define gfpflag_string(flag)	{ (flag), #flag }

const struct trace_print_flags gfpflag_names[] = {
	gfpflag_string(GFP_HIGHUSER_MOVABLE),
	gfpflag_string(GFP_HIGHUSER),
	gfpflag_string(GFP_USER),
	gfpflag_string(GFP_KERNEL_ACCOUNT),
	gfpflag_string(GFP_KERNEL),
	gfpflag_string(GFP_ATOMIC),
	gfpflag_string(GFP_NOWAIT),
	gfpflag_string(__GFP_HIGHMEM),
	gfpflag_string(__GFP_HIGH),
	gfpflag_string(__GFP_ATOMIC),
	gfpflag_string(__GFP_IO),
	gfpflag_string(__GFP_FS),
	gfpflag_string(__GFP_NOWARN),
	gfpflag_string(__GFP_RETRY_MAYFAIL),
	gfpflag_string(__GFP_NOFAIL),
	gfpflag_string(__GFP_NORETRY),
	gfpflag_string(__GFP_COMP),
	gfpflag_string(__GFP_ZERO),
	gfpflag_string(__GFP_HARDWALL),
	gfpflag_string(__GFP_MOVABLE),
	gfpflag_string(__GFP_ACCOUNT),
	gfpflag_string(__GFP_RECLAIM),
	gfpflag_string(__GFP_DIRECT_RECLAIM),
	gfpflag_string(__GFP_KSWAPD_RECLAIM),
	{ 0, NULL }
};

/* What the allocator knows of @page, and why it is printed (Linux's dump_page). */
void dump_page(struct page *page, const char *reason)
{
	pr_alert("page:%px refcount:%d order:%u pfn:%#lx\n", page, atomic_read(&page->_refcount),
		 page->order, page_to_pfn(page));
	pr_alert("flags: %#lx\n", page->flags);
	pr_alert("page dumped because: %s\n", reason);
}
