/* include/asm/vmap_stack.h: the kernel stack area (mm/vmap_stack.c). */
#ifndef _ASM_VMAP_STACK_H
#define _ASM_VMAP_STACK_H

#include <linux/types.h>
#include <asm/pgtable.h>

#define VMAP_STACK_START	0xffffc90000000000UL	/* Linux's VMALLOC_START */
#define VMAP_STACK_SLOTS	32768			/* stacks at once: more than RAM holds */

struct task_struct;

void vmap_stack_init(pgd_t *pgd, pteval_t *(*alloc_table)(void));
void *alloc_vmap_stack(void);
void free_vmap_stack(void *stack);
bool stack_guard_hit(struct task_struct *tsk, unsigned long addr);
unsigned long nr_vmap_stacks(void);
unsigned long vmap_stack_cached_pages(void);
bool vmap_stack_trim(void);

#endif
