/*
 * mm/madvise.c: madvise(2), what a process tells the kernel about its
 * memory (Linux's mm/madvise.c, the advice that means something here).
 *
 * MADV_DONTNEED and MADV_FREE drop the pages of a range: a private
 * anonymous page reads as zeros next time, a shared or file page comes
 * back from its object.  MADV_DONTFORK and MADV_DOFORK set and clear
 * VM_DONTCOPY, which dup_mm honours: a child of fork() does not get the
 * range; MADV_WIPEONFORK and MADV_KEEPONFORK set and clear VM_WIPEONFORK
 * (private anonymous memory only): the child gets the range, empty.
 * MADV_DONTDUMP and MADV_DODUMP set and clear VM_DONTDUMP, which the core
 * dump honours (DODUMP refuses a VM_SPECIAL mapping, [vdso] or [vvar]).
 * MADV_POPULATE_READ and MADV_POPULATE_WRITE fault the range in now, as a
 * read or a write would.  The access-pattern hints (NORMAL, RANDOM,
 * SEQUENTIAL, WILLNEED) and the reclaim hints (COLD, PAGEOUT) are accepted
 * and change nothing: there is no swap and no read-ahead to tune.  This is
 * Linux built without KSM, transparent huge pages and memory-failure
 * handling, so MERGEABLE, HUGEPAGE, COLLAPSE, HWPOISON and their opposites
 * are EINVAL, as there.  MADV_REMOVE punches a hole in the memory behind a
 * shared writable mapping (a tmpfs file, a memfd, shared anonymous memory).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#include <linux/shmem_fs.h>
#include <asm/traps.h>

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED: case MADV_REMOVE:
		return true;
	}
	return false;
}

/* The advice that changes a VMA's flags: its edges must follow the range. */
static int madvise_split(struct vm_area_struct **vmap, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = *vmap;

	if (vma->vm_start < start) {
		if (split_vma(vma, start))
			return -ENOMEM;
		vma = vma_next(vma->vm_mm, vma);
	}
	if (vma->vm_end > end && split_vma(vma, end))
		return -ENOMEM;
	*vmap = vma;
	return 0;
}

/* Sets (@on) or clears @flag on [start, end) of *@vmap, splitting it to fit. */
static int madvise_set_flag(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
			    unsigned long flag, bool on)
{
	int err = madvise_split(vmap, start, end);

	if (err)
		return err;
	if (on)
		(*vmap)->vm_flags |= flag;
	else
		(*vmap)->vm_flags &= ~flag;
	return 0;
}

/*
 * Faults in [start, end) of @vma as reads or writes would (Linux's
 * madvise_populate): EINVAL where such an access is not allowed (or the
 * mapping is not ordinary memory), EFAULT where it would get a signal,
 * ENOMEM when memory ran out, EINTR when the caller is being killed.
 */
static int madvise_populate(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			    bool write)
{
	unsigned long addr;
	int fault;

	if ((vma->vm_flags & (VM_IO | VM_PFNMAP)) || !(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		return -EINVAL;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		if (fatal_signal_pending(current))
			return -EINTR;
		fault = handle_mm_fault(vma, addr, write ? X86_PF_WRITE : 0);
		if (fault)
			return fault == VM_FAULT_OOM ? -ENOMEM : -EFAULT;
	}
	return 0;
}

/* One VMA's part [start, end) of the range. */
static int madvise_vma(struct vm_area_struct **vmap, unsigned long start, unsigned long end,
		       int behavior)
{
	struct vm_area_struct *vma = *vmap;

	switch (behavior) {
	case MADV_FREE:
		if (vma->vm_ops || vma->vm_file)
			return -EINVAL;		/* only private anonymous memory (Linux's) */
		fallthrough;
	case MADV_DONTNEED:
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL;		/* locked pages stay (Linux's madvise_dontneed_free_valid_vma) */
		fallthrough;
	case MADV_DONTNEED_LOCKED:
		if (vma->vm_flags & VM_PFNMAP)
			return -EINVAL;
		zap_page_range(vma, start, end);	/* mmap_lock held for writing: no faults */
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		return vma->vm_flags & (VM_LOCKED | VM_PFNMAP) ? -EINVAL : 0;	/* can_madv_lru_vma */
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(vma, start, end, behavior == MADV_POPULATE_WRITE);
	case MADV_WIPEONFORK:
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;		/* private anonymous memory only */
		fallthrough;
	case MADV_KEEPONFORK:
		return madvise_set_flag(vmap, start, end, VM_WIPEONFORK, behavior == MADV_WIPEONFORK);
	case MADV_DONTFORK:
	case MADV_DOFORK:
		return madvise_set_flag(vmap, start, end, VM_DONTCOPY, behavior == MADV_DONTFORK);
	case MADV_DODUMP:
		if (vma->vm_flags & VM_SPECIAL)
			return -EINVAL;
		fallthrough;
	case MADV_DONTDUMP:
		return madvise_set_flag(vmap, start, end, VM_DONTDUMP, behavior == MADV_DONTDUMP);
	}
	return 0;				/* a hint */
}

/*
 * Applies @behavior to every mapped part of [start, end); ENOMEM at the
 * end if some of the range was not mapped, as Linux's do_madvise.
 */
static int madvise_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			 int behavior)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long at = start;
	bool hole = false;
	int err;

	for (; vma && vma->vm_start < end; vma = vma_next(mm, vma)) {
		hole |= vma->vm_start > at;
		err = madvise_vma(&vma, max(start, vma->vm_start), min(end, vma->vm_end), behavior);
		if (err)
			return err;
		at = vma->vm_end;
	}
	return hole || at < end ? -ENOMEM : 0;
}

/* May MADV_REMOVE punch through @vma?  Linux's madvise_remove's checks. */
static int madvise_remove_ok(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	if (!vma->vm_file && !vma_shmem(vma))
		return -EINVAL;		/* private anonymous memory, SysV shm (see docs/memory.md) */
	if (!is_shared_maywrite(vma->vm_flags))
		return -EACCES;
	return 0;
}

/*
 * MADV_REMOVE (Linux's madvise_remove): a hole punched through each VMA
 * of the range, with mmap_lock dropped while it is made, since a file's
 * fallocate takes i_mutex, which writes hold while they fault (i_mutex
 * comes before mmap_lock).  ENOMEM at the end if part was not mapped.
 */
static int madvise_remove(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long at = start, from, to;
	struct shmem_object *obj = NULL;
	struct vm_area_struct *vma;
	struct file *f = NULL;
	bool hole = false;
	loff_t offset;
	int err = 0;

	while (!err && at < end) {
		down_read(&mm->mmap_lock);
		vma = find_vma(mm, at);
		if (!vma || vma->vm_start >= end) {
			up_read(&mm->mmap_lock);
			break;
		}
		hole |= vma->vm_start > at;
		from = max(at, vma->vm_start);
		to = min(end, vma->vm_end);
		offset = (loff_t)(from - vma->vm_start) + ((loff_t)vma->vm_pgoff << PAGE_SHIFT);
		err = madvise_remove_ok(vma);
		if (!err && vma->vm_file)
			f = get_file(vma->vm_file);
		else if (!err)
			shmem_object_get(obj = vma_shmem(vma));
		at = vma->vm_end;
		up_read(&mm->mmap_lock);
		if (f)
			err = vfs_fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, to - from);
		else if (obj)
			shmem_punch_range(obj, offset, to - from);
		if (f)
			fput(f);
		if (obj)
			shmem_object_put(obj);
		f = NULL;
		obj = NULL;
	}
	return err ?: (hole || at < end ? -ENOMEM : 0);
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	struct mm_struct *mm = current->mm;
	size_t len = PAGE_ALIGN(len_in);
	int err;

	if (!madvise_behavior_valid(behavior) || (start & ~PAGE_MASK) || (len_in && !len))
		return -EINVAL;
	if (start + len < start)
		return -EINVAL;
	if (!len)
		return 0;
	if (behavior == MADV_REMOVE)
		return madvise_remove(mm, start, start + len);
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE) {
		down_read(&mm->mmap_lock);	/* as a fault: handle_mm_fault's rule */
		err = madvise_range(mm, start, start + len, behavior);
		up_read(&mm->mmap_lock);
		return err;
	}
	down_write(&mm->mmap_lock);
	err = madvise_range(mm, start, start + len, behavior);
	vma_merge_range(mm, start, start + len);	/* the flag-changing advice */
	up_write(&mm->mmap_lock);
	return err;
}
