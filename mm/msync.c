/*
 * mm/msync.c: msync(2), writing a shared file mapping back (Linux's mm/msync.c).
 *
 * On Linux, MS_SYNC makes the file's dirty pages in the range reach the
 * disk (vfs_fsync_range).  Here every file is a memory file whose pages
 * are the ones mapped (ramfs, tmpfs: Linux's shmem, whose fsync does
 * nothing either), so a store through a shared mapping is in the file at
 * once and there is nothing to write back.  What is left is Linux's
 * checking of the arguments and of the range, errno by errno.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

#define MS_ASYNC	1	/* start writing back, do not wait */
#define MS_INVALIDATE	2	/* drop other mappings' copies */
#define MS_SYNC		4	/* write back and wait */

/*
 * EINVAL for an unaligned @start, unknown flags, or MS_ASYNC with
 * MS_SYNC; ENOMEM if part of the range is unmapped (the mapped parts are
 * still done, except that MS_ASYNC alone stops at the first hole).
 * EBUSY for MS_INVALIDATE over an mlocked VMA: its pages may not go.
 */
SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int error, unmapped_error = 0;
	unsigned long end;

	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (start & ~PAGE_MASK) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	len = (len + ~PAGE_MASK) & PAGE_MASK;	/* a length near 2^64 wraps to 0, as Linux's */
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	down_read(&mm->mmap_lock);
	vma = find_vma(mm, start);
	for (;;) {
		error = -ENOMEM;
		if (!vma)
			break;
		if (start < vma->vm_start) {	/* a hole before this VMA */
			if (flags == MS_ASYNC)
				break;
			start = vma->vm_start;
			if (start >= end)
				break;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			error = -EBUSY;
			break;
		}
		start = vma->vm_end;		/* [start, vm_end) needs no writing back */
		if (start >= end) {
			error = 0;
			break;
		}
		vma = vma_next(mm, vma);
	}
	up_read(&mm->mmap_lock);
	return error ? error : unmapped_error;
}
