/*
 * mm/mmap.c: address spaces and their VMAs.
 *
 * An mm_struct is a sorted list of VMAs plus page tables whose upper
 * half is the kernel's (shared by copying init_top_pgt's top-level
 * entries).  This file creates, copies (fork) and destroys address
 * spaces, and implements mmap, munmap, mprotect and brk over the list.
 */
#include <asm/tlbflush.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/syscalls.h>
#include <linux/mman.h>
#include <linux/init.h>
#include <linux/signal.h>
#include <linux/oom.h>
#include <linux/bitops.h>
#include <linux/capability.h>

static struct kmem_cache *mm_cachep;
static struct kmem_cache *vm_area_cachep;

static int mm_caches_init(void)
{
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 64, SLAB_PANIC, NULL);
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC, NULL);
	return 0;
}
core_initcall(mm_caches_init);

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->mmap);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	init_rwsem(&mm->mmap_lock);
	spin_lock_init(&mm->page_table_lock);
	mm->mmap_base = MMAP_BASE;
	mm->flags = current->mm ? current->mm->flags & MMF_INIT_MASK : 0;	/* Linux's mm_init */
	return mm;
}

void __mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm == &init_mm);
	pgd_free(mm->pgd);
	kmem_cache_free(mm_cachep, mm);
}

void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
				 unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (!vma)
		return NULL;
	/* every field set at once, the rest zero: no memset first (a fork makes one per VMA) */
	*vma = (struct vm_area_struct){
		.vm_start = start, .vm_end = end, .vm_flags = flags,
		.vm_list = LIST_HEAD_INIT(vma->vm_list), .vm_mm = mm,
	};
	return vma;
}

void vma_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kmem_cache_free(vm_area_cachep, vma);
}

/* The first VMA ending above @addr (it may start above it too), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* The VMA holding @addr, or NULL (Linux's vma_lookup). */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

/* The pages a VMA adds to total_vm, and to locked_vm if it is mlocked. */
void vm_stat_account(struct mm_struct *mm, struct vm_area_struct *vma, long sign)
{
	long pages = sign * (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

	mm->total_vm += pages;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += pages;
}

/*
 * Links @vma in address order; -ENOMEM if it overlaps another.  A VMA
 * outside user space is a kernel bug (its caller forgot get_unmapped_area's
 * checks): refused, since fork and exit would walk the kernel's tables.
 */
int insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	if (WARN_ON_ONCE(!user_range_ok(vma->vm_start, vma->vm_end)))
		return -ENOMEM;
	if (next && next->vm_start < vma->vm_end)
		return -ENOMEM;
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
	vm_stat_account(mm, vma, 1);
	return 0;
}

/* A new VMA over [start, end) of @mm, in its list: NULL if out of memory or taken. */
struct vm_area_struct *vma_alloc_insert(struct mm_struct *mm, unsigned long start,
					unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = vma_alloc(mm, start, end, flags);

	if (vma && insert_vma(mm, vma)) {
		vma_free(vma);
		vma = NULL;
	}
	return vma;
}

/*
 * May @mm grow by @npages of address space within RLIMIT_AS (Linux's
 * may_expand_vm)?  A mapping, a brk or a stack that would pass it fails
 * with ENOMEM, before any memory is touched: the OOM killer is for what
 * fits the limits but not the machine.
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long npages)
{
	return mm->total_vm + npages <= current->signal->rlim[RLIMIT_AS].rlim_cur >> PAGE_SHIFT;
}

/* The pages of @mm's VMAs inside [start, end): what a MAP_FIXED there replaces. */
unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma))
		pages += (min(vma->vm_end, end) - max(vma->vm_start, start)) >> PAGE_SHIFT;
	return pages;
}

/* Would mapping [addr, addr + len) keep @mm within RLIMIT_AS, counting what it replaces? */
bool may_map_range(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	return may_expand_vm(mm, (len >> PAGE_SHIFT) - count_vma_pages_range(mm, addr, addr + len));
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	mm->map_count--;
	vm_stat_account(mm, vma, -1);
	vma_free(vma);
}

/* A VMA of @mm over [start, end) mapping @vma's object from page @pgoff. */
static struct vm_area_struct *vma_clone(struct mm_struct *mm, struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long pgoff)
{
	struct vm_area_struct *new = vma_alloc(mm, start, end, vma->vm_flags);

	if (!new)
		return NULL;
	new->vm_ops = vma->vm_ops;
	new->vm_private_data = vma->vm_private_data;
	new->vm_pgoff = pgoff;
	new->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return new;
}

/* A VMA of @mm over [start, end) of the same object as @vma (a split, fork). */
static struct vm_area_struct *vma_dup(struct mm_struct *mm, struct vm_area_struct *vma,
				      unsigned long start, unsigned long end)
{
	return vma_clone(mm, vma, start, end,
			 vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT));
}

/*
 * A VMA like @vma at [addr, addr + len), mapping its object from page
 * @pgoff, linked in its mm (Linux's copy_vma, for mremap): NULL if out of
 * memory.  The range must be free.
 */
struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				unsigned long len, unsigned long pgoff)
{
	struct vm_area_struct *new = vma_clone(vma->vm_mm, vma, addr, addr + len, pgoff);

	if (new && insert_vma(vma->vm_mm, new)) {
		vma_free(new);
		new = NULL;
	}
	return new;
}

/* Splits @vma at @addr; the new VMA (the upper part) follows it in the list. */
int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new = vma_dup(vma->vm_mm, vma, addr, vma->vm_end);

	if (!new)
		return -ENOMEM;
	vma->vm_end = addr;
	list_add(&new->vm_list, &vma->vm_list);
	vma->vm_mm->map_count++;
	return 0;
}

/*
 * Can @next continue @prev as one VMA (Linux's is_mergeable_vma and
 * can_vma_merge_after)?  Adjacent, the same flags, the same object at
 * consecutive offsets (an anonymous VMA's offset is its address's page,
 * kept when mremap moves it), neither a mapping of the kernel's own nor
 * a SysV shm attachment (vm_ops->mergeable).
 */
static bool vma_can_merge(struct vm_area_struct *prev, struct vm_area_struct *next)
{
	return prev->vm_end == next->vm_start && prev->vm_flags == next->vm_flags &&
	       !(prev->vm_flags & VM_SPECIAL) && (!prev->vm_ops || prev->vm_ops->mergeable) &&
	       prev->vm_file == next->vm_file &&
	       prev->vm_ops == next->vm_ops && prev->vm_private_data == next->vm_private_data &&
	       prev->vm_pgoff + ((prev->vm_end - prev->vm_start) >> PAGE_SHIFT) == next->vm_pgoff;
}

/*
 * Joins every pair of VMAs that vma_can_merge among those from the one
 * before @start to the one at @end (Linux's vma_merge, run after a
 * change instead of before it): what mprotect, mlock or madvise split
 * comes back together once the flags agree again, and a new mapping
 * joins its neighbours.  Without it an address space changed piece by
 * piece (glibc grows a thread's heap arena by mprotect) would gain a VMA
 * per change, up to max_map_count.  The page tables stay as they are.
 * Under mmap_lock for writing.
 */
void vma_merge_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start ? start - 1 : 0), *next;

	while (vma && vma->vm_start <= end) {
		next = vma_next(mm, vma);
		if (!next || !vma_can_merge(vma, next)) {
			vma = next;
			continue;
		}
		vma->vm_end = next->vm_end;	/* the pages stay counted: no vm_stat_account */
		list_del(&next->vm_list);
		mm->map_count--;
		vma_free(next);			/* its object's reference, its file's */
	}
}

/* Unmaps [start, start+len): pages, then the VMAs (split where partly covered). */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *next;

	/* Linux's do_vmi_munmap: inside user space, and a length that did not wrap */
	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start || end == start)
		return -EINVAL;
	vma = find_vma(mm, start);
	while (vma && vma->vm_start < end) {
		if (vma->vm_start < start) {
			if (split_vma(vma, start))
				return -ENOMEM;
			vma = list_next_entry(vma, vm_list);
			continue;
		}
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		next = vma_next(mm, vma);
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		remove_vma(mm, vma);
		vma = next;
	}
	return 0;
}

/* Copies the VMAs and pages of @oldmm for a fork. */
struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct copy_walk walk = { { 0 }, { 0 } };
	struct vm_area_struct *vma, *new;

	(void)tsk;
	if (!mm)
		return NULL;
	down_write(&oldmm->mmap_lock);
	memcpy(&mm->start_code, &oldmm->start_code,
	       (char *)&mm->total_vm - (char *)&mm->start_code);
	memcpy(mm->saved_auxv, oldmm->saved_auxv, sizeof(mm->saved_auxv));
	mm->exe_file = oldmm->exe_file ? get_file(oldmm->exe_file) : NULL;
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		new = vma_dup(mm, vma, vma->vm_start, vma->vm_end);
		if (!new)
			goto fail;
		new->vm_flags &= ~VM_LOCKED_MASK;	/* locks are not inherited */
		list_add_tail(&new->vm_list, &mm->mmap);
		mm->map_count++;
		vm_stat_account(mm, new, 1);
		if (vma->vm_flags & VM_WIPEONFORK)
			continue;		/* the child's range starts empty: zeros on first touch */
		if (copy_page_range(mm, oldmm, vma, &walk))
			goto fail;
	}
	up_write(&oldmm->mmap_lock);
	return mm;
fail:
	up_write(&oldmm->mmap_lock);
	mmput(mm);
	return NULL;
}

/*
 * The last user is gone: every VMA and table goes.  Under mmap_lock, which
 * the OOM reaper read-holds while it zaps a victim's pages, and marked
 * MMF_OOM_SKIP: nothing is left for the reaper or the OOM killer to wait for.
 */
static void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	down_write(&mm->mmap_lock);
	unmap_vmas(mm);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list)
		remove_vma(mm, vma);
	flush_tlb_mm(mm);		/* no CPU may walk the tables once freed */
	free_pgtables(mm->pgd);
	set_bit(MMF_OOM_SKIP, &mm->flags);
	up_write(&mm->mmap_lock);
}

/* Drops a user of @mm; the last one tears the address space down. */
void mmput(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users)) {
		exit_mmap(mm);
		if (mm->exe_file)
			fput(mm->exe_file);
		mmdrop(mm);
	}
}

/*
 * The task gives up its address space (exit, exec).  A vfork parent
 * waiting for us is released, and CLONE_CHILD_CLEARTID's futex word is
 * cleared and woken, as Linux's mm_release.
 */
void exit_mm(void)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk, mm);
	mmgrab(mm);		/* active_mm keeps it until we switch away */
	spin_lock_irq(&tasklist_lock);	/* get_task_mm on another CPU: mm or NULL, never freed */
	tsk->mm = NULL;
	spin_unlock_irq(&tasklist_lock);
	mmput(mm);
}

/* ---- the system calls ----------------------------------------------------- */

static unsigned long prot_to_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (prot & PROT_READ)
		vm |= VM_READ;
	if (prot & PROT_WRITE)
		vm |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm |= VM_EXEC;
	if (flags & MAP_SHARED)
		vm |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	return vm;
}

/*
 * A new mapping of @file from page @pgoff, or of anonymous memory (@file
 * NULL: private pages on demand, shared ones through a shmem object).
 * The file's ->mmap gives the VMA its vm_ops (Linux's do_mmap and
 * mmap_region).  Called with mmap_lock held for writing.
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = prot_to_vm_flags(prot, flags) | mm->def_flags;
	struct vm_area_struct *vma;
	long err;

	addr = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM;
	if (mlock_future_check(mm, vm_flags, len))
		return -EAGAIN;
	if (!file && ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE ||
		      ((flags & MAP_SHARED) && (flags & MAP_GROWSDOWN))))
		return -EINVAL;		/* Linux's anonymous cases: shared, or private */
	if (flags & MAP_FIXED_NOREPLACE) {
		vma = find_vma(mm, addr);
		if (vma && vma->vm_start < addr + len)
			return -EEXIST;		/* MAP_FIXED, but never over a mapping */
	}
	if (!may_map_range(mm, addr, len))
		return -ENOMEM;
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE)) {
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	}
	if (file && !(file->f_mode & FMODE_WRITE))
		vm_flags &= ~VM_MAYWRITE;	/* mprotect may not add PROT_WRITE later */
	if (file && !(flags & MAP_SHARED))
		vm_flags |= VM_MAYWRITE;	/* a private copy may always be written */
	vma = vma_alloc(mm, addr, addr + len, vm_flags);
	if (!vma)
		return -ENOMEM;
	/* Linux's: a private anonymous mapping's offset is its address, for merging */
	vma->vm_pgoff = file || (flags & MAP_SHARED) ? pgoff : addr >> PAGE_SHIFT;
	if (file) {
		vma->vm_file = get_file(file);
		err = file->f_op->mmap(file, vma);
	} else {
		err = (flags & MAP_SHARED) ? shmem_zero_setup(vma, len) : 0;
	}
	if (!err)
		err = insert_vma(mm, vma);
	if (err) {
		vma_free(vma);
		return err;
	}
	vma_merge_range(mm, addr, addr + len);
	return addr;
}

/*
 * May [pgoff, pgoff + len) of @file be mapped at all (Linux's
 * file_mmap_ok)?  A regular file's offsets end at MAX_LFS_FILESIZE.
 */
static bool file_mmap_ok(struct file *file, unsigned long pgoff, unsigned long len)
{
	u64 maxsize = S_ISREG(file->f_inode->i_mode) ? MAX_LFS_FILESIZE : ULONG_MAX;

	if (len > maxsize)
		return false;
	return pgoff <= (maxsize - len) >> PAGE_SHIFT;
}

/*
 * The file may be mapped so: readable, and writable if the mapping is
 * shared and writable (Linux's do_mmap checks, EACCES, ENODEV, EOVERFLOW;
 * EOPNOTSUPP for MAP_SHARED_VALIDATE with flags past LEGACY_MAP_MASK,
 * EINVAL for MAP_GROWSDOWN).
 */
static long mmap_file_check(struct file *file, unsigned long len, unsigned long prot,
			    unsigned long flags, unsigned long pgoff)
{
	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff || !file_mmap_ok(file, pgoff, len))
		return -EOVERFLOW;
	if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK))
		return -EOPNOTSUPP;	/* no file here takes MAP_SYNC or newer flags */
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE) &&
	    (!(file->f_mode & FMODE_WRITE) || (file->f_flags & O_APPEND)))
		return -EACCES;
	if (flags & MAP_GROWSDOWN)
		return -EINVAL;		/* only anonymous private memory grows down */
	return 0;
}

/*
 * A mapping made from the kernel or for mmap(2) (Linux's vm_mmap_pgoff):
 * @len is page-aligned and nonzero.  Takes mmap_lock; MAP_POPULATE or a
 * locked mapping (MAP_LOCKED, mlockall(MCL_FUTURE)) faults the pages in
 * afterwards.  The address, or a negative errno.
 */
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	long ret = file ? mmap_file_check(file, len, prot, flags, pgoff) : 0;

	if (ret)
		return ret;
	down_write(&mm->mmap_lock);
	ret = do_mmap(file, addr, len, prot, flags, pgoff);
	up_write(&mm->mmap_lock);
	/* Linux's do_mmap: a locked mapping is faulted in (but VM_LOCKONFAULT ones) */
	if (!IS_ERR_VALUE(ret) && ((flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE ||
				   (flags & MAP_LOCKED) || (mm->def_flags & VM_LOCKED)))
		mm_populate(ret, len);
	return ret;
}

/* The same with a byte offset, which must be page-aligned (Linux's vm_mmap). */
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long offset)
{
	if (offset + PAGE_ALIGN(len) < offset || (offset & ~PAGE_MASK))
		return -EINVAL;
	return vm_mmap_pgoff(file, addr, PAGE_ALIGN(len), prot, flags, offset >> PAGE_SHIFT);
}

/* Unmaps a range of current's memory, taking mmap_lock (Linux's vm_munmap). */
int vm_munmap(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	down_write(&mm->mmap_lock);
	ret = do_munmap(mm, start, len);
	up_write(&mm->mmap_lock);
	return ret;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	unsigned long type = flags & MAP_TYPE;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	struct file *file = NULL;
	long ret;

	if (!len || (off & ~PAGE_MASK) || (addr & ~PAGE_MASK && fixed))
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;			/* the length wrapped: Linux's do_mmap */
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((int)fd);
		if (!file)
			return -EBADF;
	}
	/* no huge pages: Linux without hugetlbfs says so for a file or anonymous memory */
	ret = -EINVAL;
	if (!(flags & MAP_HUGETLB))
		ret = vm_mmap_pgoff(file, addr, len, prot, flags, file ? off >> PAGE_SHIFT : 0);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return vm_munmap(addr, len);
}
