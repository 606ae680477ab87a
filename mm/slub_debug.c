/*
 * mm/slub_debug.c: slab debugging, SLUB's slub_debug.
 *
 * slub_debug on the command line turns on, for every cache (or, with
 * slub_debug=FZPU,name,name, for the caches named), what its letters say:
 *
 *   F  consistency checks: a corrupt free pointer, a free of a pointer
 *      that is not an object, a double free ("Object already free")
 *   Z  red zones: a word before and after each object, 0xbb while it is
 *      free and 0xcc while allocated, checked at each free and allocation
 *      ("Left Redzone overwritten", "Right Redzone overwritten")
 *   P  poison: a freed object is filled with 0x6b and ends in 0xa5; the
 *      next allocation checks it ("Poison overwritten": a write after free)
 *   U  user tracking: the call site, callers, pid and time of the last
 *      allocation and free, printed in every report ("INFO: Allocated in")
 *
 * A report follows SLUB's layout: a BUG line naming the cache and the
 * problem, where the bad bytes are and what they hold, the tracks, the
 * slab and the object in hex, the stack that found it, and the FIX taken.
 * It taints the kernel (TAINT_BAD_PAGE).  The bytes are restored and the
 * object is used or freed as asked; SLUB instead abandons the object (a
 * deliberate leak), which would hide a real leak behind it here.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/poison.h>
#include <linux/hexdump.h>
#include <linux/panic.h>
#include <linux/bitops.h>
#include <linux/seq_file.h>
#include "slab.h"

unsigned int slub_debug;		/* the flags slub_debug= asked for */
static char slub_debug_slabs[256];	/* ",name,name" or "" for every cache */

/* slub_debug, slub_debug=FZPU, slub_debug=FZ,kmalloc-64,dentry, slub_debug=- (off). */
static int __init setup_slub_debug(char *str)
{
	static const struct { char c; unsigned int flag; } letters[] = {
		{ 'f', SLAB_CONSISTENCY_CHECKS }, { 'z', SLAB_RED_ZONE },
		{ 'p', SLAB_POISON }, { 'u', SLAB_STORE_USER },
	};
	unsigned int i;

	slub_debug = SLAB_DEBUG_FLAGS;
	if (!str || !*str || *str == ',')
		goto slabs;
	slub_debug = 0;
	for (; *str && *str != ','; str++)
		for (i = 0; i < ARRAY_SIZE(letters); i++)
			if (tolower(*str) == letters[i].c)
				slub_debug |= letters[i].flag;
slabs:
	if (str && *str == ',')		/* kept as ",a,b," for kmem_cache_flags' search */
		snprintf(slub_debug_slabs, sizeof(slub_debug_slabs), "%s,", str);
	return 0;
}
early_param("slub_debug", setup_slub_debug);

/* Says at boot what slub_debug asked for (kmem_cache_init calls it). */
void slub_debug_announce(void)
{
	if (!slub_debug)
		return;
	pr_info("slub_debug: %s%s%s%s for %.*s\n",
		slub_debug & SLAB_CONSISTENCY_CHECKS ? "F" : "", slub_debug & SLAB_RED_ZONE ? "Z" : "",
		slub_debug & SLAB_POISON ? "P" : "", slub_debug & SLAB_STORE_USER ? "U" : "",
		slub_debug_slabs[0] ? (int)strlen(slub_debug_slabs) - 2 : 11,
		slub_debug_slabs[0] ? slub_debug_slabs + 1 : "every cache");
}

/* The flags a new cache gets: its own, and slub_debug's if it is one of those named. */
unsigned int kmem_cache_flags(const char *name, unsigned int flags)
{
	char key[64];

	if (!slub_debug)
		return flags;
	snprintf(key, sizeof(key), ",%s,", name);
	if (slub_debug_slabs[0] && !strstr(slub_debug_slabs, key))
		return flags;
	return flags | slub_debug;
}

static struct track *get_track(struct kmem_cache *s, void *obj, enum track_item which)
{
	return (struct track *)((char *)obj + s->offset + sizeof(void *)) + which;
}

/* Red zones to @val, and the object to poison if it is free (Linux's init_object). */
static void init_object(struct kmem_cache *s, void *obj, u8 val)
{
	u8 *p = obj;

	if (s->flags & SLAB_RED_ZONE)
		memset(p - s->red_left_pad, val, s->red_left_pad);
	if ((s->flags & SLAB_POISON) && val == SLUB_RED_INACTIVE) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

void setup_object_debug(struct kmem_cache *s, void *obj)
{
	init_object(s, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, obj, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* @caller and its callers, read up the frame-pointer chain within this task's stack. */
static void set_track(struct kmem_cache *s, void *obj, enum track_item which,
		      unsigned long caller)
{
	struct track *t = get_track(s, obj, which);
	unsigned long *bp = __builtin_frame_address(0), lo, hi;
	int n = 0, frames;
	bool found = false;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	memset(t, 0, sizeof(*t));
	t->addrs[n++] = caller;
	lo = (unsigned long)current->stack;
	hi = lo + THREAD_SIZE;
	for (frames = 0; frames < 16 && n < TRACK_ADDRS_COUNT; frames++) {
		if ((unsigned long)bp < lo || (unsigned long)bp >= hi - 16)
			break;
		if (found)
			t->addrs[n++] = bp[1];
		else
			found = bp[1] == caller;	/* the frames above are the caller's callers */
		bp = (unsigned long *)bp[0];
	}
	t->when = jiffies;
	t->pid = current->pid;
	t->cpu = 0;
}

static void print_track(const char *what, struct track *t)
{
	int i;

	if (!t->addrs[0])
		return;
	pr_err("INFO: %s in %pS age=%lu cpu=%u pid=%d\n", what, (void *)t->addrs[0],
	       jiffies - t->when, t->cpu, t->pid);
	for (i = 1; i < TRACK_ADDRS_COUNT && t->addrs[i]; i++)
		pr_err("\t%pS\n", (void *)t->addrs[i]);
}

static void print_slab_info(struct page *page)
{
	if (!page)
		return;
	pr_err("INFO: Slab 0x%px objects=%u used=%u fp=0x%px flags=%#lx\n", page,
	       page->slab_cache ? page->slab_cache->objs_per_slab : 0, page->inuse,
	       page->freelist, page->flags);
}

#define DUMP_MAX	256	/* bytes of an object printed; SLUB prints up to a page */

static void print_trailer(struct kmem_cache *s, struct page *page, u8 *p)
{
	u8 *base = page_address(page);

	if (s->flags & SLAB_STORE_USER) {
		print_track("Allocated", get_track(s, p, TRACK_ALLOC));
		print_track("Freed", get_track(s, p, TRACK_FREE));
	}
	print_slab_info(page);
	pr_err("INFO: Object 0x%px @offset=%lu fp=0x%px\n\n", p, (unsigned long)(p - base),
	       get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE)
		print_hex_dump(KERN_ERR, "Redzone  ", p - s->red_left_pad, s->red_left_pad, true);
	else if (p >= base + 16)
		print_hex_dump(KERN_ERR, "Bytes b4 ", p - 16, 16, true);
	print_hex_dump(KERN_ERR, "Object   ", p, min(s->object_size, (unsigned int)DUMP_MAX), true);
	if (s->object_size > DUMP_MAX)
		pr_err("(%u more bytes of the object)\n", s->object_size - DUMP_MAX);
	if (s->flags & SLAB_RED_ZONE)
		print_hex_dump(KERN_ERR, "Redzone  ", p + s->object_size, s->inuse - s->object_size,
			       true);
	dump_stack();
}

static void slab_bug(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
static void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %s\n", s->name, print_tainted(), msg);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

void object_err(struct kmem_cache *s, struct page *page, void *obj, const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, page, obj);
	add_taint(TAINT_BAD_PAGE);
}

void slab_err(struct kmem_cache *s, struct page *page, const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	slab_bug(s, "%s", msg);
	print_slab_info(page);
	dump_stack();
	add_taint(TAINT_BAD_PAGE);
}

/* Are @bytes at @start all @value?  If not, report, and restore them (SLUB's own words). */
static bool check_bytes_and_report(struct kmem_cache *s, struct page *page, u8 *obj,
				   const char *what, u8 *start, u8 value, unsigned int bytes)
{
	u8 *fault = memchr_inv(start, value, bytes), *end = start + bytes;

	if (!fault)
		return true;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	pr_err("0x%px-0x%px @offset=%lu. First byte 0x%x instead of 0x%x\n", fault, end - 1,
	       (unsigned long)(fault - (u8 *)page_address(page)), fault[0], value);
	print_trailer(s, page, obj);
	add_taint(TAINT_BAD_PAGE);
	pr_err("FIX %s: Restoring %s 0x%px-0x%px=0x%x\n", s->name, what, fault, end - 1, value);
	memset(fault, value, end - fault);
	return false;
}

/* Red zones hold @val, and a free object its poison (Linux's check_object). */
static void check_object(struct kmem_cache *s, struct page *page, u8 *p, u8 val)
{
	if (s->flags & SLAB_RED_ZONE) {
		check_bytes_and_report(s, page, p, "Left Redzone", p - s->red_left_pad, val,
				       s->red_left_pad);
		check_bytes_and_report(s, page, p, "Right Redzone", p + s->object_size, val,
				       s->inuse - s->object_size);
	}
	if ((s->flags & SLAB_POISON) && val == SLUB_RED_INACTIVE &&
	    check_bytes_and_report(s, page, p, "Poison", p, POISON_FREE, s->object_size - 1))
		check_bytes_and_report(s, page, p, "End Poison", p + s->object_size - 1,
				       POISON_END, 1);
}

/* An object leaves the free list: untouched since its free?  Then it is @caller's. */
void alloc_debug_processing(struct kmem_cache *s, struct page *page, void *obj,
			    unsigned long caller)
{
	check_object(s, page, obj, SLUB_RED_INACTIVE);
	set_track(s, obj, TRACK_ALLOC, caller);
	init_object(s, obj, SLUB_RED_ACTIVE);
}

/* An object is freed (free_ok has vouched for it): red zones intact?  Poison it. */
bool free_debug_processing(struct kmem_cache *s, struct page *page, void *obj,
			   unsigned long caller)
{
	check_object(s, page, obj, SLUB_RED_ACTIVE);
	set_track(s, obj, TRACK_FREE, caller);
	init_object(s, obj, SLUB_RED_INACTIVE);
	return true;
}

/*
 * /proc/slab_allocators: for every cache that tracks its users
 * (slub_debug=U), how many of its live objects each call site allocated,
 * "cache: count caller" (the format of Linux SLAB's file of that name;
 * SLUB has it as /sys/kernel/slab/CACHE/alloc_calls).  The test runner's
 * leak check reads it before and after the tests to name who allocated
 * what is left.
 */
#define MAX_CALLERS	64

struct caller_count {
	unsigned long addr, count;
};

static void count_callers(struct kmem_cache *s, struct page *page, struct caller_count *c,
			  unsigned int *n)
{
	unsigned long free[256 / BITS_PER_LONG] = { 0 };
	void *base = page_address(page), *p, *obj;
	unsigned int i, j;

	for (p = page->freelist; p; p = get_freepointer(s, p)) {
		i = ((char *)p - (char *)base - s->red_left_pad) / s->size;
		free[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
	}
	for (i = 0; i < s->objs_per_slab; i++) {
		if (free[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
			continue;
		obj = slab_object(s, base, i);
		for (j = 0; j < *n && c[j].addr != get_track(s, obj, TRACK_ALLOC)->addrs[0]; j++)
			;
		if (j == *n && *n < MAX_CALLERS)
			c[(*n)++] = (struct caller_count){ get_track(s, obj, TRACK_ALLOC)->addrs[0], 0 };
		if (j < *n)
			c[j].count++;
	}
}

void slab_allocators_show(struct seq_file *m, struct kmem_cache *s)
{
	static struct caller_count c[MAX_CALLERS];	/* under slab_caches_lock */
	struct list_head *lists[] = { &s->slabs_partial, &s->slabs_full };
	unsigned int n = 0, i;
	unsigned long flags;
	struct page *page;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	spin_lock_irqsave(&s->lock, flags);
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		list_for_each_entry(page, lists[i], lru)
			count_callers(s, page, c, &n);
	spin_unlock_irqrestore(&s->lock, flags);
	for (i = 0; i < n; i++)
		seq_printf(m, "%s: %lu %pS\n", s->name, c[i].count, (void *)c[i].addr);
}
