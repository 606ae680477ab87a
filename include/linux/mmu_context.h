/* include/linux/mmu_context.h: switching address spaces, and mm_struct references. */
#ifndef _LINUX_MMU_CONTEXT_H
#define _LINUX_MMU_CONTEXT_H

#include <linux/mm_types.h>

struct task_struct;

static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

void __mmdrop(struct mm_struct *mm);
static inline void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next);

#endif
