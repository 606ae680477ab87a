/*
 * mm/shmem.c: shared memory objects (see include/linux/shmem_fs.h).
 *
 * The object holds one reference on each of its pages; a mapping's pte
 * holds another.  Linux keeps these pages in a page cache tree; an array
 * is enough for objects of the sizes a teaching kernel sees.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/shmem_fs.h>
#include <linux/mman.h>
#include <linux/uaccess.h>
#include <linux/err.h>
#include <linux/memfd.h>
#include <linux/fs.h>

struct shmem_object *shmem_object_create(unsigned long size)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	atomic_set(&obj->refcount, 1);
	spin_lock_init(&obj->lock);
	init_rwsem(&obj->i_mmap_rwsem);
	INIT_LIST_HEAD(&obj->i_mmap);
	obj->seals = F_SEAL_SEAL;	/* as Linux's tmpfs files; memfd_create may clear it */
	if (shmem_resize(obj, size)) {
		kfree(obj);
		return NULL;
	}
	return obj;
}

/* Takes page @index out of the object (under obj->lock), marked PG_truncated. */
static void shmem_cut_page(struct shmem_object *obj, unsigned long index)
{
	struct page *page = obj->pages[index];

	if (!page)
		return;
	obj->pages[index] = NULL;
	obj->nr_present--;
	if (obj->sbinfo)
		shmem_unacct_block(obj->sbinfo);
	set_bit(PG_truncated, &page->flags);
	put_page(page);
}

/*
 * Grows or shrinks the page array; pages past a shrink are released,
 * marked PG_truncated first so that a fault which fetched one just before
 * does not map it (finish_fault checks).  Unmapping them is the caller's
 * (shmem_unmap_range).
 */
int shmem_resize(struct shmem_object *obj, unsigned long size)
{
	unsigned long n = PAGE_ALIGN(size) >> PAGE_SHIFT, i;
	struct page **pages = NULL;

	if (n == obj->nr_pages)
		return 0;
	if (n) {
		pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
		if (!pages)
			return -ENOMEM;
		memcpy(pages, obj->pages, min(n, obj->nr_pages) * sizeof(*pages));
	}
	spin_lock(&obj->lock);
	for (i = n; i < obj->nr_pages; i++)
		shmem_cut_page(obj, i);
	kfree(obj->pages);
	obj->pages = pages;
	obj->nr_pages = n;
	spin_unlock(&obj->lock);
	return 0;
}

void shmem_object_get(struct shmem_object *obj)
{
	atomic_inc(&obj->refcount);
}

void shmem_object_put(struct shmem_object *obj)
{
	if (!atomic_dec_and_test(&obj->refcount))
		return;
	shmem_resize(obj, 0);
	kfree(obj);
}

/* Page @index with a new reference, or NULL past the end or for a hole; under obj->lock. */
static struct page *shmem_find_locked(struct shmem_object *obj, unsigned long index)
{
	struct page *page = index < obj->nr_pages ? obj->pages[index] : NULL;

	if (page)
		get_page(page);
	return page;
}

/*
 * Page @index with a new reference, allocated (zeroed) with @gfp if it
 * has none yet (Linux's shmem_read_mapping_page_gfp); 0 allocates
 * nothing.  NULL past the end or for a hole, ERR_PTR(-ENOMEM) if no page
 * could be had, ERR_PTR(-ENOSPC) past a tmpfs's size.  A page it makes
 * gets @new_flags (PG_falloc for fallocate's).
 */
static struct page *__shmem_get_page(struct shmem_object *obj, unsigned long index, gfp_t gfp,
				     unsigned long new_flags)
{
	struct page *page, *new;
	bool hole;

	/* the array and its size only under the lock: a truncate may replace both */
	spin_lock(&obj->lock);
	page = shmem_find_locked(obj, index);
	hole = !page && index < obj->nr_pages;
	spin_unlock(&obj->lock);
	if (!gfp || !hole)
		return page;
	if (obj->sbinfo && !shmem_acct_block(obj->sbinfo))
		return ERR_PTR(-ENOSPC);	/* the tmpfs is full */
	new = alloc_page(gfp | __GFP_ZERO);
	if (!new) {
		if (obj->sbinfo)
			shmem_unacct_block(obj->sbinfo);
		return ERR_PTR(-ENOMEM);
	}
	if (obj->swap_backed)
		SetPageFlag(new, PG_swapbacked);
	new->flags |= new_flags;	/* nobody else sees it yet */
	spin_lock(&obj->lock);
	if (index < obj->nr_pages && !obj->pages[index]) {
		obj->pages[index] = new;	/* the object's reference */
		obj->nr_present++;
		new = NULL;
	}
	page = shmem_find_locked(obj, index);	/* NULL if a truncate cut it meanwhile */
	spin_unlock(&obj->lock);
	if (new) {
		put_page(new);		/* someone else filled the slot first, or it is gone */
		if (obj->sbinfo)
			shmem_unacct_block(obj->sbinfo);
	}
	return page;
}

struct page *shmem_get_page_gfp(struct shmem_object *obj, unsigned long index, gfp_t gfp)
{
	return __shmem_get_page(obj, index, gfp, 0);
}

/*
 * fallocate's page @index: made if it is a hole, and then PG_falloc
 * until a fault or a write uses it (Linux's SGP_FALLOC); a page already
 * there is left as it is.  As shmem_get_page.
 */
struct page *shmem_falloc_page(struct shmem_object *obj, unsigned long index)
{
	return __shmem_get_page(obj, index, GFP_HIGHUSER_MOVABLE, 1UL << PG_falloc);
}

/*
 * Makes @page (whose reference the caller hands over) page @index of
 * @obj, which has none there yet: the initramfs's data used in place.
 */
void shmem_set_page(struct shmem_object *obj, unsigned long index, struct page *page)
{
	if (obj->swap_backed)
		SetPageFlag(page, PG_swapbacked);
	spin_lock(&obj->lock);
	BUG_ON(index >= obj->nr_pages || obj->pages[index]);
	obj->pages[index] = page;
	spin_unlock(&obj->lock);
}

/*
 * The same, for a process's use of the object (a fault, a write): a page
 * it allocates is the process's memory, which may sleep and run the OOM
 * killer.  Such a use (@create) makes a page fallocate left unused an
 * ordinary one (Linux marks it uptodate); a read does not.
 */
struct page *shmem_get_page(struct shmem_object *obj, unsigned long index, bool create)
{
	struct page *page = shmem_get_page_gfp(obj, index, create ? GFP_HIGHUSER_MOVABLE : 0);

	if (create && !IS_ERR_OR_NULL(page) && PageFlag(page, PG_falloc))
		clear_bit(PG_falloc, &page->flags);
	return page;
}

/* Copies page @page (NULL: a hole, zeros) at @off to @buf; what was not copied. */
static size_t copy_out(struct page *page, size_t off, char *buf, size_t n, bool user)
{
	char *from = page ? (char *)page_address(page) + off : NULL;

	if (user)
		return from ? copy_to_user(buf, from, n) : clear_user(buf, n);
	if (from)
		memcpy(buf, from, n);
	else
		memset(buf, 0, n);
	return 0;
}

/*
 * Reads [*pos, *pos + n) of an object whose data ends at @size into @buf,
 * user memory or (for kernel_read) the kernel's.  A short count on a bad
 * user pointer, -EFAULT if nothing could be copied; -EINVAL for a negative
 * position (size - *pos would overflow, and the count with it: exec's
 * kernel_read of a segment at p_offset 2^63 once zeroed kernel pages).
 */
ssize_t shmem_read(struct shmem_object *obj, loff_t size, char *buf, size_t n, loff_t *pos,
		   bool user)
{
	size_t done = 0, chunk, off;
	struct page *page;

	if (*pos < 0)
		return -EINVAL;
	if (*pos >= size)
		return 0;
	n = min_t(loff_t, n, size - *pos);
	while (done < n) {
		off = (*pos + done) & ~PAGE_MASK;
		chunk = min(n - done, PAGE_SIZE - off);
		page = shmem_get_page(obj, (*pos + done) >> PAGE_SHIFT, false);
		chunk -= copy_out(page, off, buf + done, chunk, user);
		if (page)
			put_page(page);
		if (!chunk)
			break;
		done += chunk;
	}
	*pos += done;
	return done ? (ssize_t)done : -EFAULT;
}

unsigned long shmem_nr_present(struct shmem_object *obj)
{
	return READ_ONCE(obj->nr_present);
}

/*
 * Takes pages [first, end) out of the object, which keeps its size: they
 * read as zeros again, and come back new on the next touch (a punched
 * hole).  Unmapping them is the caller's (shmem_unmap_range).
 */
void shmem_free_range(struct shmem_object *obj, unsigned long first, unsigned long end)
{
	unsigned long i;

	spin_lock(&obj->lock);
	for (i = first; i < min(end, obj->nr_pages); i++)
		shmem_cut_page(obj, i);
	spin_unlock(&obj->lock);
}

/*
 * A file's page past its size is SIGBUS even when the object holds one
 * (fallocate with FALLOC_FL_KEEP_SIZE allocates past the end), as Linux's
 * shmem_fault: only shared anonymous memory has no file to ask.
 */
static struct page *shmem_fault(struct vm_area_struct *vma, unsigned long addr)
{
	struct shmem_object *obj = vma->vm_private_data;
	unsigned long index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

	if (vma->vm_file && index >= PAGE_ALIGN(READ_ONCE(vma->vm_file->f_inode->i_size)) >> PAGE_SHIFT)
		return NULL;
	return shmem_get_page(obj, index, true);
}

static struct page *shmem_find_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct shmem_object *obj = vma->vm_private_data;

	return shmem_get_page(obj, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
			      false);
}

static void i_mmap_link(struct shmem_object *obj, struct vm_area_struct *vma)
{
	down_write(&obj->i_mmap_rwsem);
	list_add_tail(&vma->shared, &obj->i_mmap);
	up_write(&obj->i_mmap_rwsem);
}

/* A VMA more on the object (a split, fork): a writable shared one counts (i_mmap_writable). */
static void shmem_open(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;

	shmem_object_get(obj);
	if (is_shared_maywrite(vma->vm_flags))
		atomic_inc(&obj->i_mmap_writable);
	i_mmap_link(obj, vma);
}

static void shmem_close(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;

	down_write(&obj->i_mmap_rwsem);
	list_del(&vma->shared);
	up_write(&obj->i_mmap_rwsem);
	if (is_shared_maywrite(vma->vm_flags))
		atomic_dec(&obj->i_mmap_writable);
	shmem_object_put(obj);
}

/* The object @vma maps through shmem_vm_ops, or NULL (anonymous memory, SysV shm, [vdso]). */
struct shmem_object *vma_shmem(struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_vm_ops ? vma->vm_private_data : NULL;
}

/* Zeroes [from, to) of page @index if the object has it (a hole reads as zeros anyway). */
static void shmem_zero_part(struct shmem_object *obj, unsigned long index, size_t from, size_t to)
{
	struct page *page = shmem_get_page(obj, index, false);

	if (!page)
		return;
	memset((char *)page_address(page) + from, 0, to - from);
	put_page(page);
}

/*
 * Punches a hole in @obj: [offset, offset + len) reads as zeros, its
 * whole pages are freed and unmapped from every mapping but the private
 * copies made of them (Linux's shmem_truncate_range and
 * unmap_mapping_range without even_cows), the partial pages at its edges
 * zeroed.  For fallocate and MADV_REMOVE.
 */
void shmem_punch_range(struct shmem_object *obj, loff_t offset, loff_t len)
{
	loff_t end = offset + len;
	unsigned long first = PAGE_ALIGN(offset) >> PAGE_SHIFT, last = end >> PAGE_SHIFT;

	if (offset & ~PAGE_MASK)
		shmem_zero_part(obj, offset >> PAGE_SHIFT, offset & ~PAGE_MASK,
				first > last ? end & ~PAGE_MASK : PAGE_SIZE);
	if ((end & ~PAGE_MASK) && first <= last)
		shmem_zero_part(obj, last, 0, end & ~PAGE_MASK);
	if (first < last) {
		/* freed first: a fault in between maps a new page, or retries on PG_truncated */
		shmem_free_range(obj, first, last);
		shmem_unmap_range(obj, first, last, false);
	}
}

/*
 * Unmaps pages [first, end) of @obj from every VMA that maps them, with
 * @even_cows the private copies of them too (Linux's
 * unmap_mapping_range: truncate_pagecache asks for the copies, a punched
 * hole leaves them): the next access faults and finds the page gone,
 * SIGBUS, or a new one.  zap_range flushes each pte it clears on every
 * CPU that may cache that address space's translations (flush_tlb_page,
 * mm_cpumask), before the page is freed.
 */
void shmem_unmap_range(struct shmem_object *obj, unsigned long first, unsigned long end,
		       bool even_cows)
{
	struct zap_details details = { .even_cows = even_cows };
	unsigned long vfirst, vend;
	struct vm_area_struct *vma;

	down_read(&obj->i_mmap_rwsem);
	list_for_each_entry(vma, &obj->i_mmap, shared) {
		vfirst = max(first, vma->vm_pgoff);
		vend = min(end, vma->vm_pgoff + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));
		if (vfirst < vend)
			zap_page_range_single(vma, vma->vm_start +
					      ((vfirst - vma->vm_pgoff) << PAGE_SHIFT),
					      (vend - vfirst) << PAGE_SHIFT, &details);
	}
	up_read(&obj->i_mmap_rwsem);
}

const struct vm_operations_struct shmem_vm_ops = {
	.open = shmem_open,
	.close = shmem_close,
	.fault = shmem_fault,
	.find_page = shmem_find_page,
	.mergeable = true,
};

/*
 * @vma is a new mapping of @obj (mmap; later VMAs come through
 * shmem_open).  A shared one that may write counts in i_mmap_writable,
 * unless F_SEAL_WRITE made that negative: EPERM (Linux's
 * mapping_map_writable).
 */
int shmem_vma_attach(struct shmem_object *obj, struct vm_area_struct *vma)
{
	if (is_shared_maywrite(vma->vm_flags) && !atomic_inc_unless_negative(&obj->i_mmap_writable))
		return -EPERM;
	shmem_object_get(obj);
	vma->vm_private_data = obj;
	vma->vm_ops = &shmem_vm_ops;
	i_mmap_link(obj, vma);
	return 0;
}

/* MAP_SHARED|MAP_ANONYMOUS: the VMA gets an object of its own. */
int shmem_zero_setup(struct vm_area_struct *vma, unsigned long size)
{
	struct shmem_object *obj = shmem_object_create(size);
	int err;

	if (!obj)
		return -ENOMEM;
	obj->swap_backed = true;
	vma->vm_pgoff = 0;
	err = shmem_vma_attach(obj, vma);
	shmem_object_put(obj);		/* the VMA's reference is the one left */
	return err;
}
