/*
 * tools/boot_floor.S: the smallest multiboot kernel, for make bench's boot
 * floors.  It only prints the shell's prompt "# " on the serial port and
 * ends QEMU through the isa-debug-exit device (status 1, as Matryoshka's
 * power-off).  GRUB loads it by its multiboot2 header, as it loads
 * Matryoshka (boot/grub.cfg's path); QEMU's -kernel by its multiboot1
 * header, with the same initramfs as Matryoshka's boot to the prompt.
 * What a boot to Matryoshka's prompt costs beyond this one is the loading
 * of its image, the kernel and init: QEMU, the firmware, GRUB and the
 * initramfs's copy are the same.  tools/bench_boot.py links it at 1 MiB,
 * all in one section, and makes its ISO.
 */
	.text
	.balign 8
mb2_header:
	.long	0xe85250d6			/* MULTIBOOT2_HEADER_MAGIC */
	.long	0				/* architecture: i386, 32-bit protected mode */
	.long	mb2_end - mb2_header
	.long	-(0xe85250d6 + (mb2_end - mb2_header))
	.short	0, 0				/* the end tag */
	.long	8
mb2_end:

	/*
	 * QEMU's multiboot loader takes a 64-bit ELF file only by these
	 * address fields (flag 16), as boot/multiboot.S's header gives them.
	 */
	.balign 4
mb1_header:
	.long	0x1badb002			/* MULTIBOOT_HEADER_MAGIC */
	.long	0x00010000			/* the address fields are valid */
	.long	-(0x1badb002 + 0x00010000)
	.long	mb1_header			/* header_addr */
	.long	mb2_header			/* load_addr: the file from .text's start */
	.long	image_end			/* load_end_addr */
	.long	image_end			/* bss_end_addr: no bss */
	.long	_start				/* entry_addr */

	.code32
	.globl	_start
_start:
	movw	$0x3f8, %dx			/* COM1 (GRUB set it to 115200 8N1) */
	movb	$'#', %al
	outb	%al, %dx
	movb	$' ', %al
	outb	%al, %dx
	movw	$0xf4, %dx			/* isa-debug-exit: QEMU exits (0 << 1) | 1 */
	xorl	%eax, %eax
	outl	%eax, %dx
1:	hlt
	jmp	1b
image_end:
