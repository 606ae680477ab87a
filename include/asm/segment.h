/* include/asm/segment.h: GDT selectors, in Linux's x86_64 layout (sysret needs this order). */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H

#define GDT_ENTRY_KERNEL32_CS	1
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_USER32_CS	4
#define GDT_ENTRY_USER_DS	5
#define GDT_ENTRY_USER_CS	6
#define GDT_ENTRY_TSS		8	/* 16 bytes: entries 8 and 9 */
#define GDT_ENTRY_CPUNODE	15	/* limit (node << 12) | cpu: the vDSO's getcpu reads it */
#define GDT_ENTRIES		16

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER32_CS	(GDT_ENTRY_USER32_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)
#define __TSS		(GDT_ENTRY_TSS * 8)
#define __CPUNODE_SEG	(GDT_ENTRY_CPUNODE * 8 + 3)

/* How the CPU and node numbers share that limit (and TSC_AUX), as Linux's */
#define VDSO_CPUNODE_BITS	12
#define VDSO_CPUNODE_MASK	0xfff

#endif
