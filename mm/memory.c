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
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/signal.h>
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

static int set_pte_page(struct mm_struct *mm, unsigned long addr, struct page *page,
			pteval_t prot)
{
	pte_t *pte = pte_alloc_walk(mm->pgd, addr);

	if (!pte)
		return VM_FAULT_OOM;
	if (!pte_present(*pte))
		mm->rss++;
	*pte = page_to_phys(page) | prot;
	flush_tlb_one(addr);
	return 0;
}

static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page = alloc_page(GFP_USER | __GFP_ZERO);
	int ret;

	if (!page)
		return VM_FAULT_OOM;
	ret = set_pte_page(vma->vm_mm, addr, page, vma_pte_prot(vma->vm_flags));
	if (ret)
		put_page(page);
	return ret;
}

/*
 * A page from the object behind the VMA (a file, shm, a shared anonymous
 * region).  A private mapping maps it read-only: the first write copies.
 */
static int do_shared_fault(struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page = vma->vm_ops->fault(vma, addr);	/* may sleep: unlocked */
	pteval_t prot = vma_pte_prot(vma->vm_flags);
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte;
	int ret = 0;

	if (!page)
		return VM_FAULT_SIGBUS;
	if (!(vma->vm_flags & VM_SHARED))
		prot &= ~_PAGE_RW;
	spin_lock(&mm->page_table_lock);
	pte = pte_offset(mm->pgd, addr);
	if (pte && pte_has_page(*pte))
		put_page(page);		/* another thread mapped it meanwhile */
	else
		ret = set_pte_page(mm, addr, page, prot);
	spin_unlock(&mm->page_table_lock);
	if (ret)
		put_page(page);
	return ret;
}

/* A write to a present read-only page of a writable private mapping: copy on write. */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;

	if (page_count(old) == 1) {		/* nobody else has it any more */
		*pte |= _PAGE_RW;
		flush_tlb_one(addr);
		return 0;
	}
	new = alloc_page(GFP_USER);
	if (!new)
		return VM_FAULT_OOM;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	*pte = page_to_phys(new) | vma_pte_prot(vma->vm_flags);
	flush_tlb_one(addr);
	put_page(old);
	return 0;
}

/* Grows a stack VMA down to cover @addr, within the stack limit. */
static struct vm_area_struct *expand_stack(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || !(vma->vm_flags & VM_GROWSDOWN) || addr >= vma->vm_start)
		return vma;
	addr &= PAGE_MASK;
	if (vma->vm_end - addr > current->signal->rlim[RLIMIT_STACK].rlim_cur)
		return NULL;			/* RLIMIT_STACK: the fault becomes SIGSEGV */
	if (vma->vm_list.prev != &mm->mmap &&
	    list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list)->vm_end > addr)
		return NULL;			/* would run into the mapping below */
	mm->total_vm += (vma->vm_start - addr) >> PAGE_SHIFT;
	vma->vm_start = addr;
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
 * Resolves a fault at @addr in current's address space.  Returns 0 when
 * the access can be retried, else the VM_FAULT_* reason it cannot.
 */
int handle_user_fault(struct pt_regs *regs, unsigned long err, unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	pte_t *pte;
	int ret = 0;

	(void)regs;
	if (!mm || addr >= TASK_SIZE)
		return VM_FAULT_MAPERR;
	down_read(&mm->mmap_lock);
	vma = expand_stack(mm, addr);
	if (!vma || addr < vma->vm_start) {
		ret = VM_FAULT_MAPERR;
		goto out;
	}
	if (access_error(err, vma)) {
		ret = VM_FAULT_ACCERR;
		goto out;
	}
	addr &= PAGE_MASK;
	spin_lock(&mm->page_table_lock);
	pte = pte_offset(mm->pgd, addr);
	if (!pte || !pte_has_page(*pte))
		ret = vma->vm_ops ? -1 : do_anonymous_page(vma, addr);
	else if ((err & X86_PF_WRITE) && !(*pte & _PAGE_RW))
		ret = do_wp_page(vma, addr, pte);
	spin_unlock(&mm->page_table_lock);
	if (ret == -1)			/* the object's fault may sleep: no spinlock */
		ret = do_shared_fault(vma, addr);
out:
	up_read(&mm->mmap_lock);
	return ret;
}

/* The end of the 2 MiB a pte table covers, from @addr, capped at @end. */
static unsigned long pte_table_end(unsigned long addr, unsigned long end)
{
	unsigned long next = (addr + PMD_SIZE) & PMD_MASK;

	return next - 1 < end - 1 ? next : end;
}

/* Unmaps the pages of [start, end) in @vma, dropping their references. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, next;
	pte_t *pte;

	for (addr = start; addr < end; addr = next) {
		next = pte_table_end(addr, end);
		pte = pte_offset(mm->pgd, addr);	/* one walk per table, not per page */
		for (; pte && addr < next; addr += PAGE_SIZE, pte++) {
			pte_t old = *pte;

			if (!old)
				continue;
			*pte = 0;
			flush_tlb_one(addr);
			if (!pte_has_page(old))
				continue;
			mm->rss--;
			put_page(pfn_to_page(pte_pfn(old)));
		}
	}
}

/*
 * fork: the child gets the same pages.  Private writable pages become
 * read-only in both address spaces, to be copied on the first write.
 */
static int copy_pte_table(struct mm_struct *dst, pte_t *spte, unsigned long addr,
			  unsigned long end, bool cow)
{
	pte_t *dtable = NULL;

	for (; addr < end; addr += PAGE_SIZE, spte++) {
		if (!pte_has_page(*spte))
			continue;
		if (!dtable) {
			dtable = pte_alloc_walk(dst->pgd, addr);
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
		dst->rss++;
	}
	return 0;
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_WRITE)) == VM_WRITE;
	unsigned long addr, next, end = vma->vm_end;
	pte_t *spte;

	for (addr = vma->vm_start; addr < end; addr = next) {
		next = pte_table_end(addr, end);
		spte = pte_offset(src->pgd, addr);
		if (spte && copy_pte_table(dst, spte, addr, next, cow))
			return -ENOMEM;
	}
	return 0;
}
