/*
 * include/linux/memblock.h: the boot-time memory map and allocator.
 *
 * Before the buddy allocator exists, memory is two sorted lists of ranges:
 * what exists (memory) and what is taken (reserved), as Linux's memblock.
 * mem_init() hands every free range to the buddy allocator.  The functions
 * take the memblock they work on, so a test can feed its own map.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>
#include <asm/setup.h>

#define MEMBLOCK_MAX_REGIONS	128

struct memblock_region {
	u64 base, size;
};

struct memblock_type {
	int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	u64 current_limit;		/* allocations stay below this (what is mapped) */
};

extern struct memblock memblock;

int memblock_add_range(struct memblock_type *type, u64 base, u64 size);
int memblock_add(struct memblock *mb, u64 base, u64 size);
int memblock_reserve(struct memblock *mb, u64 base, u64 size);
void memblock_from_boot_map(struct memblock *mb, const struct boot_mem_region *map, int n);
u64 memblock_phys_alloc(struct memblock *mb, u64 size, u64 align);
void *memblock_alloc(u64 size, u64 align);
void *memblock_alloc_raw(u64 size, u64 align);
u64 memblock_end_of_DRAM(struct memblock *mb);
u64 memblock_phys_mem_size(struct memblock *mb);

/* Walks the free ranges in address order: start with *cursor = 0, call until false. */
bool memblock_next_free(struct memblock *mb, u64 *cursor, u64 *start, u64 *end);

#endif
