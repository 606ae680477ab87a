/*
 * tests/kernel/memblock.c: a firmware memory map with holes, reserved
 * ranges and overlaps is turned into exactly the right free ranges.
 */
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/mm.h>

static struct memblock *new_memblock(struct ktest *t)
{
	struct memblock *mb = kzalloc(sizeof(*mb), GFP_KERNEL);

	if (!mb)
		ktest_fail(t, __FILE__, __LINE__, "no memory for a test memblock");
	else
		mb->current_limit = ~0ULL;
	return mb;
}

/* Collects the free ranges as [start, end) pairs; returns how many. */
static int free_ranges(struct memblock *mb, u64 *out, int max)
{
	u64 cursor = 0, s, e;
	int n = 0;

	while (n < max && memblock_next_free(mb, &cursor, &s, &e)) {
		out[2 * n] = s;
		out[2 * n + 1] = e;
		n++;
	}
	return n;
}

static void holes_and_reserved_ranges_are_honoured(struct ktest *t)
{
	static const struct boot_mem_region map[] = {
		{ 0x0, 0x9fc00, E820_RAM },		/* below 640K */
		{ 0x9fc00, 0x400, E820_RESERVED },
		{ 0x100000, 0x7f00000, E820_RAM },	/* 1M..128M */
		{ 0x2000000, 0x100000, E820_RESERVED },	/* a reserved hole inside RAM */
		{ 0x10000000, 0x1000000, E820_RAM },	/* after a hole, 256M..272M */
		{ 0x10800800, 0x10, E820_ACPI },	/* unaligned: whole page reserved */
	};
	struct memblock *mb = new_memblock(t);
	u64 r[16];
	int n;

	if (!mb)
		return;
	memblock_from_boot_map(mb, map, ARRAY_SIZE(map));
	n = free_ranges(mb, r, 8);
	KTEST_EXPECT_EQ(t, n, 5);
	KTEST_EXPECT_EQ(t, r[0], 0x0);
	KTEST_EXPECT_EQ(t, r[1], 0x9f000);		/* the partial page at the end is dropped */
	KTEST_EXPECT_EQ(t, r[2], 0x100000);
	KTEST_EXPECT_EQ(t, r[3], 0x2000000);
	KTEST_EXPECT_EQ(t, r[4], 0x2100000);
	KTEST_EXPECT_EQ(t, r[5], 0x8000000);
	KTEST_EXPECT_EQ(t, r[6], 0x10000000);
	KTEST_EXPECT_EQ(t, r[7], 0x10800000);
	KTEST_EXPECT_EQ(t, r[8], 0x10801000);
	KTEST_EXPECT_EQ(t, r[9], 0x11000000);
	kfree(mb);
}

static void allocation_skips_reservations(struct ktest *t)
{
	struct memblock *mb = new_memblock(t);
	u64 a, b;

	if (!mb)
		return;
	memblock_add(mb, 0x100000, 0x100000);
	memblock_reserve(mb, 0x100000, 0x3000);
	a = memblock_phys_alloc(mb, 0x2000, 0x1000);
	b = memblock_phys_alloc(mb, 0x1000, 0x10000);	/* 64K alignment */
	KTEST_EXPECT_EQ(t, a, 0x103000);
	KTEST_EXPECT_EQ(t, b, 0x110000);
	KTEST_EXPECT_EQ(t, memblock_phys_alloc(mb, 0x200000, 0x1000), 0);	/* too big */
	kfree(mb);
}

static void overlapping_ranges_merge(struct ktest *t)
{
	struct memblock *mb = new_memblock(t);

	if (!mb)
		return;
	memblock_add(mb, 0x1000, 0x2000);
	memblock_add(mb, 0x5000, 0x1000);
	memblock_add(mb, 0x2000, 0x3000);		/* bridges both */
	KTEST_EXPECT_EQ(t, mb->memory.cnt, 1);
	KTEST_EXPECT_EQ(t, mb->memory.regions[0].base, 0x1000);
	KTEST_EXPECT_EQ(t, mb->memory.regions[0].size, 0x5000);
	KTEST_EXPECT_EQ(t, memblock_phys_mem_size(mb), 0x5000);
	kfree(mb);
}

static void the_real_map_kept_the_kernel_reserved(struct ktest *t)
{
	u64 cursor = 0, s, e;
	u64 kstart = (u64)_phys_start, kend = __pa(_end);

	while (memblock_next_free(&memblock, &cursor, &s, &e))
		KTEST_EXPECT_TRUE(t, e <= kstart || s >= kend);
	KTEST_EXPECT_TRUE(t, PageFlag(virt_to_page(_text), PG_reserved));
}

static struct ktest_case memblock_cases[] = {
	KTEST_CASE(holes_and_reserved_ranges_are_honoured),
	KTEST_CASE(allocation_skips_reservations),
	KTEST_CASE(overlapping_ranges_merge),
	KTEST_CASE(the_real_map_kept_the_kernel_reserved),
	KTEST_END,
};

static struct ktest_suite memblock_suite = { .name = "memblock", .cases = memblock_cases };
KTEST_SUITE(memblock_suite);
