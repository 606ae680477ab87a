/*
 * kernel/extable.c: the exception table.
 *
 * An instruction allowed to fault (every user-memory access) records its
 * address and a fix-up address in __ex_table; a kernel-mode fault at that
 * address resumes at the fix-up instead of oopsing.  As Linux's
 * fixup_exception(), with absolute addresses.
 */
#include <linux/kernel.h>
#include <asm/ptrace.h>
#include <asm/extable.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return 0;
	regs->ip = e->fixup;
	return 1;
}
