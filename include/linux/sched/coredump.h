/*
 * include/linux/sched/coredump.h: whether a process is "dumpable".
 *
 * Linux keeps it in the low bits of mm->flags.  A process that changed
 * its ids or capabilities becomes non-dumpable (commit_creds), execve
 * makes it dumpable again unless its effective ids differ from its real
 * ones, and prctl(PR_SET_DUMPABLE) sets it.  It decides whether a fatal
 * signal writes a core file (fs/coredump.c), who may look into the
 * process and who owns its /proc files, as in Linux.
 */
#ifndef _LINUX_SCHED_COREDUMP_H
#define _LINUX_SCHED_COREDUMP_H

#include <linux/mm_types.h>
#include <linux/compiler.h>

#define SUID_DUMP_DISABLE	0	/* no setuid dumping */
#define SUID_DUMP_USER		1	/* dump as the user of the process */
#define SUID_DUMP_ROOT		2	/* dump as root (fs.suid_dumpable only) */

#define MMF_DUMPABLE_BITS	2
#define MMF_DUMPABLE_MASK	((1UL << MMF_DUMPABLE_BITS) - 1)
#define MMF_INIT_MASK		MMF_DUMPABLE_MASK	/* what a new mm takes from current's */

extern int suid_dumpable;		/* fs.suid_dumpable: SUID_DUMP_DISABLE */

static inline void set_dumpable(struct mm_struct *mm, int value)
{
	WRITE_ONCE(mm->flags, (mm->flags & ~MMF_DUMPABLE_MASK) | value);
}

static inline int get_dumpable(struct mm_struct *mm)
{
	return READ_ONCE(mm->flags) & MMF_DUMPABLE_MASK;
}

#endif
