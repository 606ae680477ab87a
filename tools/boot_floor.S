/*
 * tools/boot_floor.S: the smallest multiboot2 kernel, for make bench's boot
 * floor: GRUB loads it as it loads Matryoshka (boot/grub.cfg's path), and
 * it only prints the shell's prompt "# " on the serial port and ends QEMU
 * through the isa-debug-exit device (status 1, as Matryoshka's power-off).
 * What a boot to Matryoshka's prompt costs beyond this one is the loading
 * of its image, the kernel and init: QEMU, the firmware and GRUB are the
 * same.  tools/bench_boot.py links it at 1 MiB and makes its ISO.
 */
	.section .multiboot2, "a"
	.balign 8
header:
	.long	0xe85250d6			/* MULTIBOOT2_HEADER_MAGIC */
	.long	0				/* architecture: i386, 32-bit protected mode */
	.long	header_end - header
	.long	-(0xe85250d6 + (header_end - header))
	.short	0, 0				/* the end tag */
	.long	8
header_end:

	.text
	.code32
	.globl	_start
_start:
	movw	$0x3f8, %dx			/* COM1, as GRUB left it (115200 8N1) */
	movb	$'#', %al
	outb	%al, %dx
	movb	$' ', %al
	outb	%al, %dx
	movw	$0xf4, %dx			/* isa-debug-exit: QEMU exits (0 << 1) | 1 */
	xorl	%eax, %eax
	outl	%eax, %dx
1:	hlt
	jmp	1b
