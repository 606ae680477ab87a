/*
 * mm/fremap.c: remap_file_pages(2), a shared mapping showing other pages
 * of its file (Linux's mm/fremap.c once; now in mm/mmap.c).
 *
 * Linux no longer has nonlinear mappings: since v4.0 it emulates the call
 * with an mmap of the same file at the new offset over the range, and
 * warns once that the call is deprecated.  Here the range's VMAs are cut
 * to it and given the new offset, and their pages unmapped, so the next
 * access faults in the file's page at the new offset; the effect is that
 * mmap's, for a file, shared anonymous memory or SysV shared memory alike.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

/* Is @next a continuation of @vma: no hole, the same object, the same flags? */
static bool same_mapping(struct vm_area_struct *vma, struct vm_area_struct *prev,
			 struct vm_area_struct *next)
{
	return next->vm_start == prev->vm_end && next->vm_file == vma->vm_file &&
	       next->vm_ops == vma->vm_ops && next->vm_private_data == vma->vm_private_data &&
	       next->vm_flags == vma->vm_flags;
}

/* [start, end) is covered by one mapping of one object: EINVAL otherwise. */
static int check_range(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long end)
{
	struct vm_area_struct *prev = vma, *next;

	while (prev->vm_end < end) {
		next = vma_next(mm, prev);
		if (!next || !same_mapping(vma, prev, next))
			return -EINVAL;
		prev = next;
	}
	return 0;
}

/* Cuts the VMAs to [start, end) and points them at @pgoff onward. */
static int remap_range(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long pgoff)
{
	int err;

	if (vma->vm_start < start) {
		err = split_vma(vma, start);
		if (err)
			return err;
		vma = vma_next(mm, vma);
	}
	while (vma && vma->vm_start < end) {
		if (vma->vm_end > end) {
			err = split_vma(vma, end);
			if (err)
				return err;
		}
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma->vm_pgoff = pgoff + ((vma->vm_start - start) >> PAGE_SHIFT);
		vma = vma_next(mm, vma);
	}
	return 0;
}

/*
 * As Linux's: @prot must be 0 (the mapping keeps its own), @start and
 * @size are rounded down to pages, the range must lie in one shared
 * mapping of one object (EINVAL), and @pgoff must not wrap.
 */
SYSCALL_DEFINE5(remap_file_pages, unsigned long, start, unsigned long, size, unsigned long, prot,
		unsigned long, pgoff, unsigned long, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	static bool warned;
	int ret = -EINVAL;

	(void)flags;			/* MAP_NONBLOCK: nothing is populated anyway */
	if (!warned) {
		warned = true;
		pr_warn("%s (%d) uses deprecated remap_file_pages() syscall. See Documentation/mm/remap_file_pages.rst.\n",
			current->comm, task_pid_nr(current));
	}
	if (prot)
		return -EINVAL;
	start &= PAGE_MASK;
	size &= PAGE_MASK;
	if (start + size <= start || pgoff + (size >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	down_write(&mm->mmap_lock);
	vma = find_vma(mm, start);
	if (vma && vma->vm_start <= start && (vma->vm_flags & VM_SHARED))
		ret = check_range(mm, vma, start + size);
	if (!ret)
		ret = remap_range(mm, vma, start, start + size, pgoff);
	up_write(&mm->mmap_lock);
	return ret;
}
