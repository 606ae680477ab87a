/*
 * mm/memblock.c: the boot-time memory map (memory and reserved ranges).
 *
 * As Linux's mm/memblock.c, in miniature: ranges are kept sorted and
 * merged; an allocation takes the lowest free range that fits below
 * current_limit and reserves it.  Nothing is ever freed back: after
 * mem_init() the buddy allocator owns everything not reserved.
 */
#include <linux/memblock.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/page.h>

struct memblock memblock;

static void remove_region(struct memblock_type *t, int i)
{
	memmove(&t->regions[i], &t->regions[i + 1],
		(t->cnt - i - 1) * sizeof(t->regions[0]));
	t->cnt--;
}

/* Inserts [base, base+size) keeping the list sorted and merging overlaps. */
int memblock_add_range(struct memblock_type *t, u64 base, u64 size)
{
	u64 end = base + size;
	int i;

	if (!size)
		return 0;
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];

		if (r->base + r->size < base)
			continue;
		if (r->base > end)
			break;
		/* touching or overlapping: absorb r and look again */
		base = min(base, r->base);
		end = max(end, r->base + r->size);
		remove_region(t, i--);
	}
	if (t->cnt == MEMBLOCK_MAX_REGIONS)
		return -ENOSPC;
	for (i = 0; i < t->cnt && t->regions[i].base < base; i++)
		;
	memmove(&t->regions[i + 1], &t->regions[i], (t->cnt - i) * sizeof(t->regions[0]));
	t->regions[i].base = base;
	t->regions[i].size = end - base;
	t->cnt++;
	return 0;
}

int memblock_add(struct memblock *mb, u64 base, u64 size)
{
	return memblock_add_range(&mb->memory, base, size);
}

int memblock_reserve(struct memblock *mb, u64 base, u64 size)
{
	return memblock_add_range(&mb->reserved, base, size);
}

/*
 * Usable RAM is every whole page of a RAM range; any other range type
 * that overlaps RAM (firmware maps do overlap) is reserved, so a
 * reserved range always wins.
 */
void memblock_from_boot_map(struct memblock *mb, const struct boot_mem_region *map, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		u64 start = PAGE_ALIGN(map[i].base);
		u64 end = (map[i].base + map[i].len) & PAGE_MASK;

		if (map[i].type == E820_RAM && end > start)
			memblock_add(mb, start, end - start);
	}
	for (i = 0; i < n; i++) {
		u64 start = map[i].base & PAGE_MASK;
		u64 end = PAGE_ALIGN(map[i].base + map[i].len);

		if (map[i].type != E820_RAM)
			memblock_reserve(mb, start, end - start);
	}
}

/* Finds the first free range (memory minus reserved) at or above *cursor. */
bool memblock_next_free(struct memblock *mb, u64 *cursor, u64 *start, u64 *end)
{
	int i, j;

	for (i = 0; i < mb->memory.cnt; i++) {
		struct memblock_region *m = &mb->memory.regions[i];
		u64 s = max(*cursor, m->base), e = m->base + m->size;

		for (j = 0; j < mb->reserved.cnt && s < e; j++) {
			struct memblock_region *r = &mb->reserved.regions[j];

			if (r->base + r->size <= s)
				continue;
			if (r->base > s) {
				e = min(e, r->base);
				break;
			}
			s = r->base + r->size;	/* s was inside a reservation */
		}
		if (s < e) {
			*start = s;
			*end = e;
			*cursor = e;
			return true;
		}
	}
	return false;
}

u64 memblock_phys_alloc(struct memblock *mb, u64 size, u64 align)
{
	u64 start, end, cursor = 0, base;

	size = PAGE_ALIGN(size);
	while (memblock_next_free(mb, &cursor, &start, &end)) {
		base = ALIGN(start, align);
		if (base + size <= end && base + size <= mb->current_limit) {
			memblock_reserve(mb, base, size);
			return base;
		}
	}
	return 0;
}

/*
 * Allocates boot memory, not zeroed, or panics: the kernel cannot boot
 * without it (Linux's memblock_alloc_raw, for memory its caller writes
 * whole anyway, as mem_map).
 */
void *memblock_alloc_raw(u64 size, u64 align)
{
	u64 phys = memblock_phys_alloc(&memblock, size, align);

	if (!phys)
		panic("memblock: cannot allocate %llu bytes", (unsigned long long)size);
	return __va(phys);
}

/* Allocates zeroed boot memory or panics. */
void *memblock_alloc(u64 size, u64 align)
{
	void *p = memblock_alloc_raw(size, align);

	memset(p, 0, size);
	return p;
}

u64 memblock_end_of_DRAM(struct memblock *mb)
{
	struct memblock_region *r;

	if (!mb->memory.cnt)
		return 0;
	r = &mb->memory.regions[mb->memory.cnt - 1];
	return r->base + r->size;
}

u64 memblock_phys_mem_size(struct memblock *mb)
{
	u64 total = 0;
	int i;

	for (i = 0; i < mb->memory.cnt; i++)
		total += mb->memory.regions[i].size;
	return total;
}
