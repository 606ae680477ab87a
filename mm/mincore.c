/*
 * mm/mincore.c: mincore(2), which pages of a range are resident (Linux's
 * mm/mincore.c).  A page is resident when a pte maps it, or, in a mapping
 * of a file or of shared memory, when the object holds it (its page
 * cache) though this process has not touched it yet.  Byte i of the
 * vector gets 1 or 0 for page i.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

/*
 * May the caller learn which pages of @vma's file are cached (Linux's
 * can_do_mincore)?  Only for a file it owns or could open for writing:
 * others' page-cache state is a side channel.  Private anonymous memory
 * is the caller's own.
 */
static bool can_do_mincore(struct vm_area_struct *vma)
{
	struct inode *inode;

	if (!vma->vm_file)
		return true;
	inode = vma->vm_file->f_inode;
	return inode_owner_or_capable(inode) || inode_permission(inode, MAY_WRITE) == 0;
}

/* Is the page at @addr of @vma resident (mapped, or held by its object)? */
static unsigned char mincore_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	pte_t *pte, entry = 0;
	unsigned char resident;

	spin_lock(&mm->page_table_lock);
	pte = pte_offset(mm->pgd, addr);
	if (pte)
		entry = *pte;
	spin_unlock(&mm->page_table_lock);
	if (pte_has_page(entry))
		return 1;
	if (!vma->vm_ops || !vma->vm_ops->find_page)
		return 0;			/* anonymous: never touched */
	page = vma->vm_ops->find_page(vma, addr);
	if (!page)
		return 0;
	/* fallocate's page, never used: Linux's is not uptodate, which mincore counts out */
	resident = !PageFlag(page, PG_falloc);
	put_page(page);
	return resident;
}

/*
 * Fills @vec for up to @pages pages from @addr, inside the one VMA that
 * holds @addr (Linux's do_mincore): how many it filled, or -ENOMEM if
 * @addr is not mapped.  Under mmap_lock.
 */
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct vm_area_struct *vma = vma_lookup(current->mm, addr);
	unsigned long end, i;

	if (!vma)
		return -ENOMEM;
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	pages = (end - addr) >> PAGE_SHIFT;
	for (i = 0; i < pages; i++)
		vec[i] = can_do_mincore(vma) ? mincore_page(vma, addr + (i << PAGE_SHIFT)) : 1;
	return pages;
}

/*
 * The checks are Linux's, in its order: an unaligned @start is EINVAL, a
 * range outside user space ENOMEM, a vector outside it EFAULT; then a page
 * of results at a time, ENOMEM at the first unmapped page (the vector
 * holding what came before it).
 */
SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char *, vec)
{
	unsigned long pages;
	unsigned char *tmp;
	long ret = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	tmp = (unsigned char *)__get_free_page(GFP_KERNEL);
	if (!tmp)
		return -EAGAIN;
	while (pages) {
		down_read(&current->mm->mmap_lock);
		ret = do_mincore(start, min(pages, PAGE_SIZE), tmp);
		up_read(&current->mm->mmap_lock);
		if (ret <= 0)
			break;
		if (copy_to_user(vec, tmp, ret)) {
			ret = -EFAULT;
			break;
		}
		pages -= ret;
		vec += ret;
		start += ret << PAGE_SHIFT;
		ret = 0;
	}
	free_page((unsigned long)tmp);
	return ret;
}
