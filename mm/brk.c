/*
 * mm/brk.c: the heap (brk(2)) and the anonymous mappings the ELF loader
 * makes for a segment's bss (Linux's brk and vm_brk_flags, mm/mmap.c).
 *
 * The heap is a VMA from mm->start_brk up to mm->brk, grown in place
 * while nothing else is mapped after it (mprotect may split it).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/err.h>
#include <linux/syscalls.h>

/*
 * Zero-filled private memory over [addr, addr + len), readable and
 * writable, executable too with VM_EXEC in @flags: whatever was mapped
 * there goes (Linux's vm_brk_flags, for the ELF loader's bss).
 */
int vm_brk_flags(unsigned long addr, unsigned long request, unsigned long flags)
{
	unsigned long prot = PROT_READ | PROT_WRITE | (flags & VM_EXEC ? PROT_EXEC : 0);
	unsigned long len = PAGE_ALIGN(request), ret;

	if (len < request)
		return -ENOMEM;
	if (!len)
		return 0;
	ret = vm_mmap_pgoff(NULL, addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

#define VM_HEAP_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/*
 * Grows the heap from @oldbrk to @newbrk: the VMA ending at @oldbrk if it
 * is the heap's.  After mlockall(MCL_FUTURE) the heap is locked too.
 */
static int brk_extend(struct mm_struct *mm, unsigned long oldbrk, unsigned long newbrk)
{
	struct vm_area_struct *vma = oldbrk > mm->start_brk ? find_vma(mm, oldbrk - 1) : NULL;
	unsigned long flags = VM_HEAP_FLAGS | mm->def_flags;

	if (vma && vma->vm_end == oldbrk && vma->vm_flags == flags && !vma->vm_ops &&
	    !vma->vm_file) {
		vm_stat_account(mm, vma, -1);
		vma->vm_end = newbrk;		/* Linux's vma_merge, for the one case brk needs */
		vm_stat_account(mm, vma, 1);
		return 0;
	}
	vma = vma_alloc_insert(mm, oldbrk, newbrk, flags);
	if (!vma)
		return -ENOMEM;
	vma->vm_pgoff = oldbrk >> PAGE_SHIFT;	/* as an anonymous mapping's (vma_merge_range) */
	return 0;
}

/* Would the heap grown from @oldbrk to @newbrk fit (Linux's check_brk_limits)? */
static bool brk_fits(struct mm_struct *mm, unsigned long oldbrk, unsigned long newbrk)
{
	struct vm_area_struct *next;

	if (newbrk < oldbrk || IS_ERR_VALUE(get_unmapped_area(mm, oldbrk, newbrk - oldbrk,
							      MAP_FIXED)))
		return false;			/* wrapped, or beyond TASK_SIZE */
	next = find_vma(mm, oldbrk);
	return !next || next->vm_start >= newbrk + PAGE_SIZE;	/* a page of gap */
}

/*
 * brk: the heap is a VMA from start_brk up, grown in place (mprotect may
 * split it).  Like Linux, a request that cannot be met returns the old
 * break rather than an error.
 */
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk, newbrk;
	bool populate = false;

	down_write(&mm->mmap_lock);
	if (brk < mm->start_brk)
		goto out;
	if (current->signal->rlim[RLIMIT_DATA].rlim_cur != RLIM_INFINITY &&
	    (brk - mm->start_brk) + (mm->end_data - mm->start_data) >
	    current->signal->rlim[RLIMIT_DATA].rlim_cur)
		goto out;			/* Linux's check_data_rlimit */
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk == oldbrk)
		goto set;
	if (brk <= mm->brk) {			/* shrinking is always allowed */
		if (do_munmap(mm, newbrk, oldbrk - newbrk) == 0)
			goto set;
		goto out;
	}
	if (!brk_fits(mm, oldbrk, newbrk))
		goto out;
	if (!may_expand_vm(mm, (newbrk - oldbrk) >> PAGE_SHIFT))
		goto out;			/* RLIMIT_AS */
	if (mlock_future_check(mm, mm->def_flags, newbrk - oldbrk))
		goto out;			/* RLIMIT_MEMLOCK after mlockall(MCL_FUTURE) */
	if (brk_extend(mm, oldbrk, newbrk))
		goto out;
	populate = mm->def_flags & VM_LOCKED;
set:
	mm->brk = brk;
out:
	brk = mm->brk;
	up_write(&mm->mmap_lock);
	if (populate)
		mm_populate(oldbrk, newbrk - oldbrk);
	return brk;
}
