/*
 * mm/mprotect.c: mprotect(2), changing the permissions of a range of
 * user memory (Linux's mm/mprotect.c).
 *
 * The range's VMAs are split at its edges and given the new VM_READ,
 * VM_WRITE and VM_EXEC bits; change_protection rewrites the ptes of the
 * pages already present.  A permission beyond the VMA's VM_MAY* bits is
 * refused (EACCES), which keeps a shared mapping of a read-only file
 * read-only.
 */
#include <asm/tlbflush.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

/* Gives @vma new permissions, down to its present pages. */
void change_protection(struct vm_area_struct *vma, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, next;
	pteval_t pteprot = vma_pte_prot(newflags);
	pte_t *pte;

	vma->vm_flags = newflags;
	for (addr = vma->vm_start; addr < vma->vm_end; addr = next) {
		pte = pte_walk_next(mm->pgd, addr, vma->vm_end, &next);
		for (; pte && addr < next; addr += PAGE_SIZE, pte++) {
			if (!pte_has_page(*pte))
				continue;
			page_leaves_pte(pfn_to_page(pte_pfn(*pte)), *pte);
			/* a page shared since fork stays read-only until its copy-on-write fault */
			if (!(newflags & VM_SHARED) && page_count(pfn_to_page(pte_pfn(*pte))) > 1)
				*pte = (*pte & PTE_PFN_MASK) | (pteprot & ~_PAGE_RW);
			else
				*pte = (*pte & PTE_PFN_MASK) | pteprot;
			flush_tlb_one(addr);
		}
	}
	flush_tlb_mm_range_others(mm, vma->vm_start, vma->vm_end);
}

static unsigned long prot_to_vm_rwx(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/*
 * Changes the protection of [start, end), splitting VMAs at the edges.
 * With PROT_GROWSDOWN the range starts at the start of the VMA that
 * holds @start, which must be a stack (Linux's do_mprotect_pkey).
 * PROT_GROWSUP needs a VMA that grows up, which x86 has none of.
 */
static int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long prot)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long newflags;

	if (!vma)
		return -ENOMEM;
	if (prot & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return -ENOMEM;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
		start = vma->vm_start;
	} else if (vma->vm_start > start) {
		return -ENOMEM;
	} else if (prot & PROT_GROWSUP) {
		return -EINVAL;			/* no VM_GROWSUP on x86 */
	}
	if (vma->vm_start < start && split_vma(vma, start))
		return -ENOMEM;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma_next(mm, vma)) {
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		newflags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | prot_to_vm_rwx(prot);
		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC))
			return -EACCES;		/* beyond VM_MAY*: a read-only shared file */
		change_protection(vma, newflags);
		if (vma->vm_end >= end)
			break;
		if (!vma_next(mm, vma) || vma_next(mm, vma)->vm_start != vma->vm_end)
			return -ENOMEM;		/* a hole in the range */
	}
	return 0;
}

/*
 * The argument checks are Linux's, in its order: PROT_SEM is accepted
 * (and means nothing on x86), a length that wraps is ENOMEM.
 */
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	unsigned long end;
	int ret;

	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;			/* cannot be both */
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if ((prot & ~grows) & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	down_write(&mm->mmap_lock);
	ret = do_mprotect(mm, start, end, prot);
	vma_merge_range(mm, start, end);	/* also after a failure midway, as Linux's */
	up_write(&mm->mmap_lock);
	return ret;
}
