/*
 * ns/nsfs.c: namespace inode numbers.
 *
 * Every namespace is named by an inode number: the initial ones have
 * fixed numbers (PROC_*_INIT_INO), the others get 0xF0000000 + the lowest
 * free index, reused after the namespace dies, as Linux's proc_inum_ida.
 * Fault injection applies here too, so tests can fail this step.
 */
#include <linux/kernel.h>
#include <linux/ns_common.h>
#include <linux/ida.h>
#include <linux/mm.h>

#define PROC_DYNAMIC_FIRST	0xF0000000U

static DEFINE_IDA(ns_inum_ida);

int ns_alloc_inum(struct ns_common *ns)
{
	int i;

	if (should_fail_alloc())
		return -ENOMEM;
	i = ida_alloc_range(&ns_inum_ida, 0, UINT_MAX - PROC_DYNAMIC_FIRST);
	if (i < 0)
		return i;
	ns->inum = PROC_DYNAMIC_FIRST + i;
	return 0;
}

void ns_free_inum(struct ns_common *ns)
{
	ida_free(&ns_inum_ida, ns->inum - PROC_DYNAMIC_FIRST);
}

/* How many dynamic numbers are in use: the namespace leak check. */
unsigned int ns_inum_in_use(void)
{
	return ns_inum_ida.used;
}
