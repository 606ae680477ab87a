/*
 * mm/mlock.c: mlock, mlock2, munlock, mlockall and munlockall (Linux's
 * mm/mlock.c).  A locked VMA carries VM_LOCKED (and VM_LOCKONFAULT for
 * MLOCK_ONFAULT/MCL_ONFAULT); its pages are faulted in when it is locked
 * and counted in mm->locked_vm, which RLIMIT_MEMLOCK bounds for a caller
 * without CAP_IPC_LOCK.  There is no swap here, so a page once present
 * stays present anyway: what locking changes is the faulting in, the
 * accounting and its limit, /proc's VmLck, smaps' Locked and "lo", and
 * MADV_DONTNEED's refusal.  Locks are not inherited by fork, nor kept
 * by execve (a new mm).
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/capability.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/syscalls.h>

/* RLIMIT_MEMLOCK in pages. */
static unsigned long memlock_limit_pages(void)
{
	return current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur >> PAGE_SHIFT;
}

/*
 * May the caller lock memory at all (Linux's can_do_mlock)?  A non-zero
 * RLIMIT_MEMLOCK or CAP_IPC_LOCK; else mlock and MAP_LOCKED are EPERM.
 */
bool can_do_mlock(void)
{
	return current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur != 0 || capable(CAP_IPC_LOCK);
}

/*
 * Would @len more bytes of a VMA with @flags stay within RLIMIT_MEMLOCK
 * (Linux's mlock_future_check)?  0, or -EAGAIN: what mmap, brk and
 * mremap say when a locked mapping could not grow.
 */
int mlock_future_check(struct mm_struct *mm, unsigned long flags, unsigned long len)
{
	unsigned long locked = (len >> PAGE_SHIFT) + mm->locked_vm;

	if ((flags & VM_LOCKED) && locked > memlock_limit_pages() && !capable(CAP_IPC_LOCK))
		return -EAGAIN;
	return 0;
}

/*
 * Gives [start, end) of @vma the lock flags @newflags, splitting it at the
 * edges, and moves the pages between unlocked and locked_vm (Linux's
 * mlock_fixup).  @vma must cover both ends.
 */
static int mlock_fixup(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	long pages = (long)((end - start) >> PAGE_SHIFT);

	if (newflags == vma->vm_flags || (vma->vm_flags & VM_SPECIAL))
		return 0;		/* [vdso] and [vvar] are never locked, as Linux's */
	if (start > vma->vm_start) {
		if (split_vma(vma, start))
			return -ENOMEM;
		vma = vma_next(mm, vma);
	}
	if (end < vma->vm_end && split_vma(vma, end))
		return -ENOMEM;
	if (!(newflags & VM_LOCKED))
		pages = (vma->vm_flags & VM_LOCKED) ? -pages : 0;
	else if (vma->vm_flags & VM_LOCKED)
		pages = 0;
	mm->locked_vm += pages;
	vma->vm_flags = newflags;
	return 0;
}

/*
 * Sets the lock flags of every VMA in [start, end) to @flags: -ENOMEM if
 * the range is not mapped throughout.  Under mmap_lock for writing.
 */
static int mlock_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long flags)
{
	struct vm_area_struct *vma = vma_lookup(mm, start);
	unsigned long nstart, tmp;
	int error;

	if (!vma)
		return -ENOMEM;
	for (nstart = start;;) {
		tmp = min(vma->vm_end, end);
		error = mlock_fixup(vma, nstart, tmp, (vma->vm_flags & ~VM_LOCKED_MASK) | flags);
		if (error)
			return error;
		nstart = tmp;
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;		/* a hole: the rest stays as it was */
	}
}

/*
 * The same for [start, start + len), -EINVAL if it wraps, and then joins
 * again the VMAs the change left alike (Linux's apply_vma_lock_flags,
 * whose mlock_fixup merges as it goes).
 */
static int apply_vma_lock_flags(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len;
	int error;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	error = mlock_range(mm, start, end, flags);
	vma_merge_range(mm, start, end);
	return error;
}

/* The locked pages of [start, start + len): what re-locking them does not add. */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      size_t len)
{
	unsigned long end = start + len, count = 0;
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma))
		if (vma->vm_flags & VM_LOCKED)
			count += (min(vma->vm_end, end) - max(vma->vm_start, start)) >> PAGE_SHIFT;
	return count;
}

/* mlock's errors for what populating said (Linux's __mlock_posix_error_return). */
static int mlock_posix_error(int error)
{
	if (error == -EFAULT)
		return -ENOMEM;
	if (error == -ENOMEM)
		return -EAGAIN;
	return error;
}

/*
 * mlock and mlock2 (Linux's do_mlock): the range rounded out to pages,
 * within RLIMIT_MEMLOCK counting what is already locked (ENOMEM beyond
 * it, unless CAP_IPC_LOCK), locked, then faulted in unless @flags has
 * VM_LOCKONFAULT.  A PROT_NONE page cannot be faulted in: ENOMEM, the
 * range staying locked, as Linux.
 */
static int do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long locked;
	int error = -ENOMEM;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	down_write(&mm->mmap_lock);
	if (locked > memlock_limit_pages() && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked <= memlock_limit_pages() || capable(CAP_IPC_LOCK))
		error = apply_vma_lock_flags(start, len, flags);
	up_write(&mm->mmap_lock);
	if (error)
		return error;
	return mlock_posix_error(__mm_populate(start, len, false));
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	down_write(&mm->mmap_lock);
	ret = apply_vma_lock_flags(start, len, 0);
	up_write(&mm->mmap_lock);
	return ret;
}

/*
 * mlockall's flags on the whole address space (Linux's
 * apply_mlockall_flags): MCL_FUTURE sets def_flags, which every later
 * mmap and brk takes; MCL_CURRENT locks every VMA now; neither (from
 * munlockall) unlocks everything and clears def_flags.
 */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *vma, *next;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list)
		mlock_fixup(vma, vma->vm_start, vma->vm_end,
			    (vma->vm_flags & ~VM_LOCKED_MASK) | to_add);
	vma_merge_range(mm, 0, TASK_SIZE);
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct mm_struct *mm = current->mm;
	int ret = -ENOMEM;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	down_write(&mm->mmap_lock);
	if (!(flags & MCL_CURRENT) || mm->total_vm <= memlock_limit_pages() ||
	    capable(CAP_IPC_LOCK)) {
		apply_mlockall_flags(mm, flags);
		ret = 0;
	}
	up_write(&mm->mmap_lock);
	if (!ret && (flags & MCL_CURRENT))
		mm_populate(0, TASK_SIZE);	/* errors ignored, as Linux's */
	return ret;
}

SYSCALL_DEFINE0(munlockall)
{
	struct mm_struct *mm = current->mm;

	down_write(&mm->mmap_lock);
	apply_mlockall_flags(mm, 0);
	up_write(&mm->mmap_lock);
	return 0;
}
