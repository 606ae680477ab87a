/*
 * boot/multiboot.S: the two loader headers.
 *
 * GRUB reads the multiboot2 header and loads the ELF by its program
 * headers.  QEMU's -kernel loader speaks only multiboot1 and refuses a
 * 64-bit ELF, so the multiboot1 header carries the "a.out kludge" address
 * fields (flag bit 16): QEMU then copies the image by those physical
 * addresses and never looks at the ELF headers.  linker.ld keeps the file
 * image contiguous so that both readings agree.
 */
#define MB1_MAGIC	0x1BADB002
#define MB1_FLAGS	0x00010003	/* page-align modules, memory info, address fields */
#define MB2_MAGIC	0xE85250D6

	.section .multiboot, "a"
	.align 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long mb1_header		/* header_addr (physical: .multiboot is linked low) */
	.long _phys_start		/* load_addr */
	.long _phys_load_end		/* load_end_addr */
	.long _phys_bss_end		/* bss_end_addr */
	.long _start			/* entry_addr */

	.align 8
mb2_header:
	.long MB2_MAGIC
	.long 0				/* architecture: i386 protected mode */
	.long mb2_end - mb2_header
	.long -(MB2_MAGIC + (mb2_end - mb2_header))
	/* module alignment tag: modules start on a page boundary */
	.align 8
	.short 6, 0
	.long 8
	/* end tag */
	.align 8
	.short 0, 0
	.long 8
mb2_end:
