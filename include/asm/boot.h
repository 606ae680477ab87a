/* include/asm/boot.h: constants shared by the early assembly and C. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define __START_KERNEL_map	0xffffffff80000000
#define __PAGE_OFFSET		0xffff888000000000	/* Linux's direct map */

#define X86_CR0_PE	(1 << 0)
#define X86_CR0_MP	(1 << 1)
#define X86_CR0_EM	(1 << 2)
#define X86_CR0_TS	(1 << 3)
#define X86_CR0_NE	(1 << 5)
#define X86_CR0_WP	(1 << 16)
#define X86_CR0_PG	(1 << 31)

#define X86_CR4_PAE		(1 << 5)
#define X86_CR4_PGE		(1 << 7)
#define X86_CR4_OSFXSR		(1 << 9)
#define X86_CR4_OSXMMEXCPT	(1 << 10)
#define X86_CR4_FSGSBASE	(1 << 16)
#define X86_CR4_SMEP		(1 << 20)
#define X86_CR4_SMAP		(1 << 21)

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_SYSCALL_MASK	0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define EFER_SCE	(1 << 0)
#define EFER_LME	(1 << 8)
#define EFER_NX		(1 << 11)

/* An AP's first code (boot/trampoline.S), and its page tables: 4 pages below 1 MiB. */
#define TRAMPOLINE_BASE		0x8000
#define TRAMPOLINE_PGD		0x9000	/* then its PDPT at 0xa000 and PD at 0xb000 */

#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002
#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36d76289

#endif
