/*
 * kernel/multiboot.c: read the loader's information block.
 *
 * GRUB hands us multiboot2 tags; QEMU's -kernel hands us a multiboot1
 * structure.  Both are copied into one struct boot_params (memory map,
 * command line, modules), so nothing later depends on the loader or on
 * the loader's memory staying untouched.  What does not fit is reported,
 * never dropped in silence: a region or module past the table's size
 * here, a command line past COMMAND_LINE_SIZE by setup_arch().
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/setup.h>
#include <asm/page.h>
#include <asm/multiboot.h>

static void add_region(struct boot_params *bp, u64 base, u64 len, u32 type)
{
	struct boot_mem_region *r;

	if (!len)
		return;
	if (bp->nr_mmap == BOOT_MMAP_MAX) {	/* as Linux's e820__range_add says it */
		pr_err("e820: too many entries; ignoring [mem %#010llx-%#010llx]\n", base,
		       base + len - 1);
		return;
	}
	r = &bp->mmap[bp->nr_mmap++];
	r->base = base;
	r->len = len;
	r->type = type;
}

static void add_module(struct boot_params *bp, u64 start, u64 end, const char *name)
{
	struct boot_module *m;

	if (bp->nr_modules == BOOT_MODULES_MAX) {
		pr_err("multiboot: more than %d modules: %s ignored\n", BOOT_MODULES_MAX,
		       name && name[0] ? name : "a module");
		return;
	}
	m = &bp->modules[bp->nr_modules++];
	m->start = start;
	m->end = end;
	strlcpy(m->name, name ? name : "", sizeof(m->name));
}

/* QEMU's multiboot loader puts the kernel's file name before the arguments. */
static const char *skip_word(const char *s)
{
	s = skip_spaces(s);
	while (*s && !isspace(*s))
		s++;
	return skip_spaces(s);
}

static void parse_mb1(struct mb1_info *mi, struct boot_params *bp)
{
	unsigned long p, end;
	u32 i;

	if (mi->flags & MB1_INFO_CMDLINE)	/* "IMAGE args...": the image path goes */
		bp->cmdline_len = strlcpy(bp->cmdline, skip_word(__va(mi->cmdline)),
					  sizeof(bp->cmdline));
	if (mi->flags & MB1_INFO_LOADER)
		strlcpy(bp->loader, __va(mi->boot_loader_name), sizeof(bp->loader));
	if (mi->flags & MB1_INFO_MODS) {
		struct mb1_mod *mod = __va(mi->mods_addr);

		for (i = 0; i < mi->mods_count; i++)
			add_module(bp, mod[i].mod_start, mod[i].mod_end,
				   mod[i].string ? __va(mod[i].string) : "");
	}
	if (mi->flags & MB1_INFO_MMAP) {
		p = (unsigned long)__va(mi->mmap_addr);
		for (end = p + mi->mmap_length; p < end; ) {
			struct mb1_mmap *e = (void *)p;

			add_region(bp, e->base, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	}
}

static void parse_mb2_mmap(struct mb2_tag *tag, struct boot_params *bp)
{
	u32 entry_size = ((u32 *)tag)[2];
	char *p = (char *)tag + 16, *end = (char *)tag + tag->size;

	for (; entry_size && p + entry_size <= end; p += entry_size) {
		u64 *e = (u64 *)p;

		add_region(bp, e[0], e[1], *(u32 *)&e[2]);
	}
}

static void parse_mb2(char *info, struct boot_params *bp)
{
	u32 total = *(u32 *)info;
	struct mb2_tag *tag;
	char *p;

	for (p = info + 8; p < info + total; p += ALIGN(tag->size, 8)) {
		tag = (struct mb2_tag *)p;
		if (tag->type == MB2_TAG_END || tag->size < 8)
			break;
		if (tag->type == MB2_TAG_CMDLINE)
			bp->cmdline_len = strlcpy(bp->cmdline, p + 8, sizeof(bp->cmdline));
		else if (tag->type == MB2_TAG_LOADER)
			strlcpy(bp->loader, p + 8, sizeof(bp->loader));
		else if (tag->type == MB2_TAG_MODULE)
			add_module(bp, ((u32 *)p)[2], ((u32 *)p)[3], p + 16);
		else if (tag->type == MB2_TAG_MMAP)
			parse_mb2_mmap(tag, bp);
	}
}

int parse_multiboot(u32 magic, unsigned long info, struct boot_params *bp)
{
	bp->magic = magic;
	if (magic == MULTIBOOT2_BOOTLOADER_MAGIC)
		parse_mb2(__va(info), bp);
	else if (magic == MULTIBOOT_BOOTLOADER_MAGIC)
		parse_mb1(__va(info), bp);
	else
		return -EINVAL;
	return 0;
}
