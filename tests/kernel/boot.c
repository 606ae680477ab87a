/*
 * tests/kernel/boot.c: what the boot loader told us was read correctly.
 * The harness runs this suite on the GRUB ISO boot and on the fast one.
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <asm/setup.h>
#include <asm/boot.h>

static void memory_map_has_ram(struct ktest *t)
{
	u64 ram = 0;
	int i;

	for (i = 0; i < boot_params.nr_mmap; i++)
		if (boot_params.mmap[i].type == E820_RAM)
			ram += boot_params.mmap[i].len;
	KTEST_EXPECT_GT(t, boot_params.nr_mmap, 1);
	KTEST_EXPECT_GE(t, ram, 64ULL << 20);
}

static void command_line_was_read(struct ktest *t)
{
	/* we are running because the command line selected us */
	KTEST_EXPECT_TRUE(t, strstr(boot_command_line, "ktest=") != NULL);
	KTEST_EXPECT_TRUE(t, ktest_glob != NULL);
}

static void initramfs_module_is_present(struct ktest *t)
{
	if (!boot_params.nr_modules) {
		ktest_skip(t, "booted without an initramfs");
		return;
	}
	KTEST_EXPECT_GT(t, boot_params.modules[0].end, boot_params.modules[0].start);
	KTEST_EXPECT_EQ(t, boot_params.modules[0].start & 0xfff, 0);	/* page aligned, as asked */
}

static void loader_is_known(struct ktest *t)
{
	if (boot_params.magic == MULTIBOOT2_BOOTLOADER_MAGIC)
		KTEST_EXPECT_TRUE(t, strstr(boot_params.loader, "GRUB") != NULL);
	else
		KTEST_EXPECT_EQ(t, boot_params.magic, MULTIBOOT_BOOTLOADER_MAGIC);
	ktest_info(t, "loader \"%s\", %s", boot_params.loader,
		   boot_params.magic == MULTIBOOT2_BOOTLOADER_MAGIC ? "multiboot2" : "multiboot1");
}

static struct ktest_case boot_cases[] = {
	KTEST_CASE(memory_map_has_ram),
	KTEST_CASE(command_line_was_read),
	KTEST_CASE(initramfs_module_is_present),
	KTEST_CASE(loader_is_known),
	KTEST_END,
};

static struct ktest_suite boot_suite = { .name = "boot", .cases = boot_cases };
KTEST_SUITE(boot_suite);
