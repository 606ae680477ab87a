/*
 * mm/memory.c: user pages: faulting them in, sharing them at fork, and
 * tearing them down.
 *
 * Anonymous memory is allocated on first touch (a zeroed page).  At fork,
 * private writable pages are shared read-only by parent and child with
 * a second reference (copy_page_range); the first write to one takes a
 * fault and gets a private copy, or just the write bit back if it was
 * the last user (do_wp_page).  Shared mappings take their pages from the
 * object behind the VMA (vm_ops->fault: shmem, SysV shm).
 */
#include <asm/tlbflush.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/signal.h>
#include <linux/err.h>
#include <linux/bitops.h>
#include <linux/oom.h>
#include <asm/traps.h>

/* The pte protection bits for a VMA's flags (copy-on-write pages drop RW). */
pteval_t vma_pte_prot(unsigned long vm_flags)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER;

	if (vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROTNONE;		/* no access at all, the page kept */
	return prot;
}

/*
 * Maps @page (a reference the caller gives up) at @pte, the slot of @addr,
 * counted in the mm's counters, unless another thread mapped a page there
 * while this one was allocated or fetched without the lock (Linux's
 * finish_fault).
 */
static void finish_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
			 struct page *page, pteval_t prot)
{
	struct mm_struct *mm = vma->vm_mm;

	spin_lock(&mm->page_table_lock);
	if (pte_has_page(*pte)) {
		put_page(page);		/* another thread mapped it meanwhile */
	} else if (PageFlag(page, PG_truncated)) {
		put_page(page);		/* a truncation cut it meanwhile: the access is retried */
	} else {
		add_mm_counter(mm, mm_counter(page), 1);
		*pte = page_to_phys(page) | prot;
		flush_tlb_one(addr);
	}
	spin_unlock(&mm->page_table_lock);
}

/* A zeroed page for private memory.  The allocation may sleep and run the OOM killer. */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);

	if (!page)
		return VM_FAULT_OOM;
	SetPageFlag(page, PG_anon);
	finish_fault(vma, addr, pte, page, vma_pte_prot(vma->vm_flags));
	return 0;
}

/*
 * A page from the object behind the VMA (a file, shm, a shared anonymous
 * region): NULL means SIGBUS (past the end), an error no memory.  A
 * private mapping maps it read-only: the first write copies.
 */
static int do_shared_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	struct page *page = vma->vm_ops->fault(vma, addr);	/* may sleep */
	pteval_t prot = vma_pte_prot(vma->vm_flags);

	if (IS_ERR(page))	/* no memory, or a full tmpfs: SIGBUS, as Linux's vmf_error */
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	if (!page)
		return VM_FAULT_SIGBUS;
	if (!(vma->vm_flags & VM_SHARED))
		prot &= ~_PAGE_RW;
	finish_fault(vma, addr, pte, page, prot);
	return 0;
}

/* Puts @new (a copy of the page @pte maps) in its place.  Under page_table_lock. */
static void wp_page_copy(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
			 struct page *new)
{
	struct page *old = pfn_to_page(pte_pfn(*pte));
	struct mm_struct *mm = vma->vm_mm;

	add_mm_counter(mm, mm_counter(old), -1);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	*pte = page_to_phys(new) | vma_pte_prot(vma->vm_flags);
	flush_tlb_page(mm, addr);	/* no CPU may write the old page once shared again */
	put_page(old);			/* the pte's reference */
}

/*
 * A write to a present read-only page of a writable private mapping, at
 * @pte: copy on write.  The copy is allocated without the lock (the OOM
 * killer may run), then mapped if the pte did not change meanwhile.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *old, *new;
	pte_t orig;

	spin_lock(&mm->page_table_lock);
	if (!pte_present(*pte) || (*pte & _PAGE_RW)) {
		spin_unlock(&mm->page_table_lock);
		return 0;		/* changed meanwhile: the access is retried */
	}
	old = pfn_to_page(pte_pfn(*pte));
	if (page_count(old) == 1) {	/* nobody else has it any more */
		*pte |= _PAGE_RW;
		flush_tlb_one(addr);
		spin_unlock(&mm->page_table_lock);
		return 0;
	}
	orig = *pte;
	get_page(old);			/* ours while we copy it */
	spin_unlock(&mm->page_table_lock);
	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (new) {
		memcpy(page_address(new), page_address(old), PAGE_SIZE);
		SetPageFlag(new, PG_anon);
		spin_lock(&mm->page_table_lock);
		if (*pte == orig)
			wp_page_copy(vma, addr, pte, new);
		else
			put_page(new);
		spin_unlock(&mm->page_table_lock);
	}
	put_page(old);
	return new ? 0 : VM_FAULT_OOM;
}


/*
 * Grows a stack VMA down to cover @addr (Linux's expand_downwards): not
 * below mmap_min_addr, within RLIMIT_STACK and RLIMIT_AS, and never closer than the
 * guard gap to an accessible mapping below.  Faults hold mmap_lock only
 * for reading, so two threads may grow the stack at once: the change is
 * made under page_table_lock.
 */
static struct vm_area_struct *expand_stack(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr), *prev;

	if (!vma || !(vma->vm_flags & VM_GROWSDOWN) || addr >= vma->vm_start)
		return vma;
	addr &= PAGE_MASK;
	if (addr < READ_ONCE(mmap_min_addr) ||
	    vma->vm_end - addr > current->signal->rlim[RLIMIT_STACK].rlim_cur ||
	    !may_expand_vm(mm, (vma->vm_start - addr) >> PAGE_SHIFT))
		return NULL;		/* mmap_min_addr, RLIMIT_STACK or RLIMIT_AS: SIGSEGV */
	prev = vma->vm_list.prev != &mm->mmap ?
	       list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list) : NULL;
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (prev->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) && addr - prev->vm_end < STACK_GUARD_GAP)
		return NULL;			/* would come too close to the mapping below */
	spin_lock(&mm->page_table_lock);
	if (addr < vma->vm_start) {
		mm->total_vm += (vma->vm_start - addr) >> PAGE_SHIFT;
		vma->vm_start = addr;
	}
	spin_unlock(&mm->page_table_lock);
	return vma;
}

static bool access_error(unsigned long err, struct vm_area_struct *vma)
{
	if (err & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (err & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	if (err & X86_PF_PROT)
		return true;			/* read of a present page we cannot read */
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/*
 * Resolves a fault at @addr of @vma, with mmap_lock held for reading
 * (Linux's handle_mm_fault): a page where there was none, or a private
 * copy on a write.  0 when the access can be retried, else VM_FAULT_*.
 * The page tables down to the pte are made first, as Linux's
 * __handle_mm_fault does; they stay while mmap_lock is held (only
 * exit_mmap frees them, write-locked), so the slot is found once.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned long err)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte, entry;

	/* the OOM reaper took its pages: fail, never read zeros (check_stable_address_space) */
	if (test_bit(MMF_UNSTABLE, &mm->flags))
		return VM_FAULT_SIGBUS;
	addr &= PAGE_MASK;
	spin_lock(&mm->page_table_lock);
	pte = pte_alloc_walk(mm->pgd, addr);
	entry = pte ? *pte : 0;
	spin_unlock(&mm->page_table_lock);
	if (!pte)
		return VM_FAULT_OOM;
	if (!pte_has_page(entry))
		return vma->vm_ops ? do_shared_fault(vma, addr, pte) :
				     do_anonymous_page(vma, addr, pte);
	if ((err & X86_PF_WRITE) && !(entry & _PAGE_RW))
		return do_wp_page(vma, addr, pte);
	return 0;
}

/*
 * Resolves a fault at @addr in current's address space.  Returns 0 when
 * the access can be retried, else the VM_FAULT_* reason it cannot.
 */
int handle_user_fault(struct pt_regs *regs, unsigned long err, unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int ret;

	(void)regs;
	if (!mm || addr >= TASK_SIZE)
		return VM_FAULT_MAPERR;
	down_read(&mm->mmap_lock);
	vma = expand_stack(mm, addr);
	if (!vma || addr < vma->vm_start)
		ret = VM_FAULT_MAPERR;
	else if (access_error(err, vma))
		ret = VM_FAULT_ACCERR;
	else
		ret = handle_mm_fault(vma, addr, err);
	up_read(&mm->mmap_lock);
	return ret;
}

/* Faults in [start, end) of @vma, for writing where a write would copy; 0 or -errno. */
static int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
				   unsigned long end)
{
	unsigned long addr, err = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ?
				  X86_PF_WRITE : 0;
	int fault;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EFAULT;			/* PROT_NONE: nothing may be touched */
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		if (fatal_signal_pending(current))
			return -EINTR;
		fault = handle_mm_fault(vma, addr, err);
		if (fault)
			return fault == VM_FAULT_OOM ? -ENOMEM : -EFAULT;
	}
	return 0;
}

/*
 * Faults in the mapped parts of [start, start + len) now (Linux's
 * __mm_populate): MAP_POPULATE, mlock, mlockall, writing to a private
 * writable mapping so its pages are the process's own.  Holes are passed
 * over, VM_LOCKONFAULT ranges left to their first touch.  The OOM killer
 * may run.  0, or with !@ignore_errors the first failure: -EFAULT for a
 * PROT_NONE range, -ENOMEM when memory ran out.  MAP_POPULATE ignores
 * errors, as Linux's mmap: the rest comes at first touch.
 */
int __mm_populate(unsigned long start, unsigned long len, bool ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, from;
	struct vm_area_struct *vma;
	int ret = 0;

	down_read(&mm->mmap_lock);
	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma)) {
		if (vma->vm_flags & VM_LOCKONFAULT)
			continue;
		from = max(vma->vm_start, start);
		ret = populate_vma_page_range(vma, from, min(vma->vm_end, end));
		if (ret == -EINTR || (ret && !ignore_errors))
			break;
		ret = 0;
	}
	up_read(&mm->mmap_lock);
	return ret;
}

/*
 * Unmaps the pages of [start, start + size) in @vma, dropping their
 * references; with @details that do not say even_cows, a private copy
 * (PG_anon) stays (Linux's zap_page_range_single, for hole punching).
 * page_table_lock is taken one table at a time: the OOM reaper zaps with
 * mmap_lock only read-held, while faults may run.
 */
static void zap_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		      const struct zap_details *details, struct pte_walk_cache *walk)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, next;
	pte_t *pte;

	if (WARN_ON_ONCE(!user_range_ok(start, end)))
		return;				/* never the kernel half's tables */
	for (addr = start; addr < end; addr = next) {
		spin_lock(&mm->page_table_lock);
		pte = pte_walk_next_cached(mm->pgd, addr, end, &next, walk);	/* a walk per table */
		for (; pte && addr < next; addr += PAGE_SIZE, pte++) {
			pte_t old = *pte;
			struct page *page = old && pte_has_page(old) ? pfn_to_page(pte_pfn(old)) : NULL;

			if (!old || (page && details && !details->even_cows &&
				     PageFlag(page, PG_anon)))
				continue;
			*pte = 0;
			flush_tlb_page(mm, addr);	/* everywhere, before the page is freed */
			if (!page)
				continue;
			add_mm_counter(mm, mm_counter(page), -1);
			page_leaves_pte(page, old);
			put_page(page);
		}
		spin_unlock(&mm->page_table_lock);
	}
}

void zap_page_range_single(struct vm_area_struct *vma, unsigned long start, unsigned long size,
			   const struct zap_details *details)
{
	struct pte_walk_cache walk = { 0 };

	zap_range(vma, start, start + size, details, &walk);
}

/* Unmaps every page of [start, end) in @vma, private copies too. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	zap_page_range_single(vma, start, end - start, NULL);
}

/*
 * Unmaps every page of every VMA of @mm, whose last user is gone
 * (Linux's unmap_vmas in exit_mmap): one walk per pte table, however
 * many VMAs share it.  mmap_lock held for writing.
 */
void unmap_vmas(struct mm_struct *mm)
{
	struct pte_walk_cache walk = { 0 };
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		zap_range(vma, vma->vm_start, vma->vm_end, NULL, &walk);
}

/*
 * fork: the child gets the same pages.  Private writable pages become
 * read-only in both address spaces, to be copied on the first write.
 */
static int copy_pte_table(struct mm_struct *dst, pte_t *spte, unsigned long addr,
			  unsigned long end, bool cow, struct pte_walk_cache *dwalk)
{
	pte_t *dtable = NULL;

	for (; addr < end; addr += PAGE_SIZE, spte++) {
		if (!pte_has_page(*spte))
			continue;
		if (!dtable) {
			dtable = pte_alloc_walk_cached(dst->pgd, addr, dwalk);
			if (!dtable)
				return -ENOMEM;
			dtable -= pte_index(addr);
		}
		if (cow && (*spte & _PAGE_RW)) {
			*spte &= ~_PAGE_RW;
			flush_tlb_one(addr);
		}
		get_page(pfn_to_page(pte_pfn(*spte)));
		dtable[pte_index(addr)] = *spte;
		add_mm_counter(dst, mm_counter(pfn_to_page(pte_pfn(*spte))), 1);
	}
	return 0;
}

/* @walk: what the fork's previous VMA found of both sides' tables (struct copy_walk). */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma,
		    struct copy_walk *walk)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_WRITE)) == VM_WRITE;
	unsigned long addr, next, end = vma->vm_end;
	pte_t *spte;

	if (WARN_ON_ONCE(!user_range_ok(vma->vm_start, end)))
		return -EFAULT;			/* never the kernel half's tables */
	for (addr = vma->vm_start; addr < end; addr = next) {
		spte = pte_walk_next_cached(src->pgd, addr, end, &next, &walk->src);
		if (spte && copy_pte_table(dst, spte, addr, next, cow, &walk->dst))
			return -ENOMEM;
	}
	if (cow)	/* src's other threads on other CPUs must not write on through old entries */
		flush_tlb_mm_range_others(src, vma->vm_start, end);
	return 0;
}
