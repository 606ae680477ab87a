/* include/asm/desc.h: GDT, IDT and TSS. */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <linux/types.h>
#include <linux/compiler.h>

struct tss_struct {
	u32 reserved0;
	u64 sp0, sp1, sp2;	/* stacks for entry from ring 3 (sp0) */
	u64 reserved1;
	u64 ist[7];		/* interrupt stack table: 1 double fault, 2 NMI */
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __packed;

#define IST_DOUBLE_FAULT	1
#define IST_NMI			2

#define FIRST_EXTERNAL_VECTOR	32
#define NR_VECTORS		256

void cpu_init(void);
void trap_init(void);
void idt_setup(void);
void tss_set_sp0(unsigned long sp0);

#endif
