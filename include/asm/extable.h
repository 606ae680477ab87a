/* include/asm/extable.h: entries of the exception table (see kernel/extable.c). */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H

#ifdef __ASSEMBLY__
#define _ASM_EXTABLE(from, to) \
	.pushsection __ex_table, "a"; \
	.balign 8; \
	.quad from, to; \
	.popsection
#else
struct exception_table_entry {
	unsigned long insn, fixup;
};

const struct exception_table_entry *search_exception_tables(unsigned long addr);
#endif

#endif
