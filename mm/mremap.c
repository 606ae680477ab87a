/*
 * mm/mremap.c: mremap(2), as Linux's mm/mremap.c: a mapping shrunk in
 * place, grown in place when the room after it is free, or moved (with
 * MREMAP_MAYMOVE) by moving its page-table entries to the new range, so
 * the pages themselves, private or shared, go with it uncopied.
 * MREMAP_FIXED names the new place (what was there is unmapped first);
 * MREMAP_DONTUNMAP moves the pages but leaves the old range mapped and
 * empty.  An old length of 0 duplicates a shared mapping (glibc never
 * does this; Linux allows it for shared mappings only).
 */
#include <asm/tlbflush.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <linux/syscalls.h>
#include <linux/shmem_fs.h>

/*
 * Moves the ptes of [old_addr, old_addr + len) to @new_addr (Linux's
 * move_page_tables): the bytes moved, less than @len only when a page
 * table for the new range could not be had.  The mm's counters do not
 * change: the pages stay in the same address space.
 */
static unsigned long move_page_tables(struct mm_struct *mm, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	unsigned long off, next;
	pte_t *src, *dst;

	spin_lock(&mm->page_table_lock);
	for (off = 0; off < len; off = next - old_addr) {
		src = pte_walk_next(mm->pgd, old_addr + off, old_addr + len, &next);
		for (; src && old_addr + off < next; off += PAGE_SIZE, src++) {
			if (!*src)
				continue;
			dst = pte_alloc_walk(mm->pgd, new_addr + off);
			if (!dst)
				goto out;
			*dst = *src;
			*src = 0;
			flush_tlb_one(old_addr + off);
		}
	}
out:
	flush_tlb_mm_range_others(mm, old_addr, old_addr + off);	/* the pages moved, not freed */
	spin_unlock(&mm->page_table_lock);
	return min(off, len);
}

/*
 * Moves [old_addr, old_addr + old_len) of @vma to a new VMA at @new_addr
 * of @new_len bytes (Linux's move_vma), then unmaps the old range unless
 * MREMAP_DONTUNMAP.  A failed move puts the ptes back and unmaps the new
 * range instead.  The new address, or -ENOMEM.
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len,
			      unsigned long new_addr, unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *new_vma;
	struct shmem_object *obj;
	unsigned long moved;

	new_vma = copy_vma(vma, new_addr, new_len, pgoff);
	if (!new_vma)
		return -ENOMEM;
	obj = vma_shmem(vma);
	if (obj)			/* a truncation sees the ptes all before or all after (take_rmap_locks) */
		down_write(&obj->i_mmap_rwsem);
	moved = move_page_tables(mm, old_addr, new_addr, old_len);
	if (moved < old_len)
		move_page_tables(mm, new_addr, old_addr, moved);
	if (obj)
		up_write(&obj->i_mmap_rwsem);
	if (moved < old_len) {
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	if (flags & MREMAP_DONTUNMAP) {
		/* the old range stays, emptied and unlocked (Linux clears VM_LOCKED there) */
		if (vma->vm_flags & VM_LOCKED) {
			if (vma->vm_start < old_addr && !split_vma(vma, old_addr))
				vma = vma_next(mm, vma);
			if (vma->vm_end > old_addr + old_len)
				split_vma(vma, old_addr + old_len);
			if (vma->vm_start == old_addr && vma->vm_end == old_addr + old_len) {
				mm->locked_vm -= old_len >> PAGE_SHIFT;
				vma->vm_flags &= ~VM_LOCKED_MASK;
			}
		}
		return new_addr;
	}
	if (old_len)
		do_munmap(mm, old_addr, old_len);
	return new_addr;
}

/*
 * The VMA at @addr that may be resized from @old_len to @new_len (Linux's
 * vma_to_resize): -EFAULT if there is none, the old range leaves it or
 * it is a special mapping ([vdso], [vvar]) that would grow, -EINVAL to
 * duplicate a private mapping, to MREMAP_DONTUNMAP a special one or if
 * the object's offset would wrap, -EAGAIN past RLIMIT_MEMLOCK for a locked one, -ENOMEM past
 * RLIMIT_AS.
 */
static struct vm_area_struct *vma_to_resize(unsigned long addr, unsigned long old_len,
					    unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pgoff;

	if (!vma)
		return ERR_PTR(-EFAULT);
	if (!old_len && !(vma->vm_flags & VM_SHARED)) {
		pr_warn_once("%s (%d): attempted to duplicate a private mapping with mremap.  This is not supported.\n",
			     current->comm, task_pid_nr(current));
		return ERR_PTR(-EINVAL);
	}
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return ERR_PTR(-EFAULT);	/* [vdso] and [vvar] do not grow */
	if (mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return ERR_PTR(-EAGAIN);
	if (!may_expand_vm(mm, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/*
 * MREMAP_FIXED or MREMAP_DONTUNMAP (Linux's mremap_to): the new range
 * checked (aligned, inside user space, not overlapping the old one),
 * cleared if FIXED, the old range trimmed to @new_len, then the move.
 */
static unsigned long mremap_to(unsigned long addr, unsigned long old_len,
			       unsigned long new_addr, unsigned long new_len,
			       unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;			/* the ranges overlap */
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, old_len >> PAGE_SHIFT))
		return -ENOMEM;			/* the old range stays: it all counts */
	ret = get_unmapped_area(mm, new_addr, new_len, flags & MREMAP_FIXED ? MAP_FIXED : 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(vma, addr, old_len, new_len, ret, flags);
}

/* Is there room after @vma for @delta more bytes, inside user space (vma_expandable)? */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	struct vm_area_struct *next = vma_next(vma->vm_mm, vma);
	unsigned long end = vma->vm_end + delta;

	return end > vma->vm_end && end <= TASK_SIZE && (!next || next->vm_start >= end);
}

/* Grows @vma in place to end at @end. */
static void vma_grow(struct vm_area_struct *vma, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pages = (end - vma->vm_end) >> PAGE_SHIFT;

	vma->vm_end = end;
	mm->total_vm += pages;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += pages;
}

/*
 * Resizes, in order: shrinking always works in place; growing works in
 * place when @old_len reaches the VMA's end and the room after it is
 * free; else it moves if MREMAP_MAYMOVE allows, or fails with ENOMEM.
 * Under mmap_lock for writing.
 */
static unsigned long do_mremap(unsigned long addr, unsigned long old_len,
			       unsigned long new_len, unsigned long flags,
			       unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long ret;

	if (!vma)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(addr, old_len, new_addr, new_len, flags);
	if (old_len >= new_len) {
		ret = old_len == new_len ? 0 : do_munmap(mm, addr + new_len, old_len - new_len);
		return ret ? ret : addr;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len)) {
		vma_grow(vma, addr + new_len);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	ret = get_unmapped_area(mm, 0, new_len, 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(vma, addr, old_len, new_len, ret, flags);
}

/*
 * The argument checks are Linux's, in its order: unknown flags, FIXED
 * without MAYMOVE, DONTUNMAP resizing or without MAYMOVE, an unaligned
 * @addr, a new length of 0 (after rounding: one that wraps too) are all
 * EINVAL.  A locked mapping that grew is faulted in afterwards.
 */
SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool populate = false;
	unsigned long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	down_write(&mm->mmap_lock);
	ret = do_mremap(addr, old_len, new_len, flags, new_addr);
	if (!IS_ERR_VALUE(ret))
		vma_merge_range(mm, ret, ret + new_len);	/* Linux's copy_vma and expand merge */
	if (!IS_ERR_VALUE(ret) && new_len > old_len) {
		vma = vma_lookup(mm, ret);
		populate = vma && (vma->vm_flags & VM_LOCKED);
	}
	up_write(&mm->mmap_lock);
	if (populate && new_len > old_len)
		mm_populate(ret + old_len, new_len - old_len);
	return ret;
}
