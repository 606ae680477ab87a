/*
 * tests/kernel/multiboot.c: the loader's information, and what does not fit.
 *
 * parse_multiboot() reads a multiboot1 block built here: a command line
 * longer than COMMAND_LINE_SIZE keeps its first 2047 bytes and its true
 * length (setup_arch warns from it; tests/scenarios/cmdline_too_long.scn
 * sees the warning at boot), and memory regions and modules past the
 * table's size are named in the log, not dropped in silence.
 */
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/setup.h>
#include <asm/boot.h>
#include <asm/multiboot.h>
#include <asm/page.h>

/* What the loader hands over, in one zeroed buffer below 4 GiB (kmalloc's). */
struct loader_block {
	struct mb1_info info;
	struct mb1_mod mods[BOOT_MODULES_MAX + 1];
	struct mb1_mmap mmap[BOOT_MMAP_MAX + 1];
	char names[BOOT_MODULES_MAX + 1][8];
	char cmdline[COMMAND_LINE_SIZE + 100];
};

static char log[1024];

static struct loader_block *loader_block(void)
{
	struct loader_block *b = kzalloc(sizeof(*b), GFP_KERNEL);
	int i;

	if (!b)
		return NULL;
	b->info.flags = MB1_INFO_CMDLINE | MB1_INFO_MODS | MB1_INFO_MMAP;
	b->info.cmdline = __pa(b->cmdline);
	memcpy(b->cmdline, "/boot/kernel ", 13);	/* QEMU puts the image first */
	memset(b->cmdline + 13, 'x', sizeof(b->cmdline) - 14);
	b->info.mods_count = BOOT_MODULES_MAX + 1;
	b->info.mods_addr = __pa(b->mods);
	for (i = 0; i <= BOOT_MODULES_MAX; i++) {
		snprintf(b->names[i], sizeof(b->names[i]), "mod%d", i);
		b->mods[i] = (struct mb1_mod){ 0x100000 * (i + 1), 0x100000 * (i + 1) + 10,
					       __pa(b->names[i]), 0 };
	}
	b->info.mmap_length = sizeof(b->mmap);
	b->info.mmap_addr = __pa(b->mmap);
	for (i = 0; i <= BOOT_MMAP_MAX; i++)
		b->mmap[i] = (struct mb1_mmap){ sizeof(b->mmap[i]) - 4, 0x1000 * i, 0x1000, 1 };
	return b;
}

static void what_does_not_fit_is_reported(struct ktest *t)
{
	struct loader_block *b = loader_block();
	struct boot_params *bp = kzalloc(sizeof(*bp), GFP_KERNEL);
	size_t start = log_buf_len();

	KTEST_ASSERT_TRUE(t, b && bp);
	KTEST_EXPECT_EQ(t, parse_multiboot(MULTIBOOT_BOOTLOADER_MAGIC, __pa(&b->info), bp), 0);
	log_buf_copy(log, sizeof(log), start);
	KTEST_EXPECT_EQ(t, strlen(bp->cmdline), COMMAND_LINE_SIZE - 1);
	KTEST_EXPECT_EQ(t, bp->cmdline_len, sizeof(b->cmdline) - 14);
	KTEST_EXPECT_EQ(t, bp->nr_modules, BOOT_MODULES_MAX);
	KTEST_EXPECT_TRUE(t, strstr(log, "multiboot: more than 8 modules: mod8 ignored\n") != NULL);
	KTEST_EXPECT_EQ(t, bp->nr_mmap, BOOT_MMAP_MAX);
	KTEST_EXPECT_TRUE(t, strstr(log, "e820: too many entries; ignoring "
				    "[mem 0x00040000-0x00040fff]\n") != NULL);
	kfree(bp);
	kfree(b);
}

static void a_command_line_that_fits_is_whole(struct ktest *t)
{
	struct loader_block *b = loader_block();
	struct boot_params *bp = kzalloc(sizeof(*bp), GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, b && bp);
	b->cmdline[13 + COMMAND_LINE_SIZE - 1] = '\0';	/* exactly 2047 after the image */
	b->info.flags = MB1_INFO_CMDLINE;
	KTEST_EXPECT_EQ(t, parse_multiboot(MULTIBOOT_BOOTLOADER_MAGIC, __pa(&b->info), bp), 0);
	KTEST_EXPECT_EQ(t, bp->cmdline_len, COMMAND_LINE_SIZE - 1);
	KTEST_EXPECT_EQ(t, strlen(bp->cmdline), COMMAND_LINE_SIZE - 1);
	kfree(bp);
	kfree(b);
}

static struct ktest_case multiboot_cases[] = {
	KTEST_CASE(what_does_not_fit_is_reported),
	KTEST_CASE(a_command_line_that_fits_is_whole),
	KTEST_END,
};

static struct ktest_suite multiboot_suite = { .name = "multiboot", .cases = multiboot_cases };
KTEST_SUITE(multiboot_suite);
