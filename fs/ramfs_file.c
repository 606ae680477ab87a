/*
 * fs/ramfs_file.c: reading, writing and mapping memory files.
 *
 * A memory file's data is its inode's shmem object; reads and writes copy
 * to and from those pages, and mmap hands the same pages to the process
 * (shared, or copy-on-write for MAP_PRIVATE), so a write through either
 * path is seen by the other.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/err.h>
#include <linux/memfd.h>
#include <linux/falloc.h>

/*
 * Grows or cuts the file's pages to hold @size bytes (Linux's
 * truncate_setsize and truncate_pagecache): the pages cut are unmapped
 * from every mapping, and the tail of the page the end now falls in is
 * zeroed.
 */
int shmem_truncate(struct shmem_object *obj, loff_t size)
{
	struct page *page;
	unsigned long off = size & ~PAGE_MASK, old = obj->nr_pages;
	int err = shmem_resize(obj, size);

	if (!err && obj->nr_pages < old)
		shmem_unmap_range(obj, obj->nr_pages, old, true);
	if (err || !off)
		return err;
	page = shmem_get_page(obj, size >> PAGE_SHIFT, false);
	if (page) {
		memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
		put_page(page);
	}
	return 0;
}

static ssize_t ramfs_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	return shmem_read(f->f_inode->i_data, f->f_inode->i_size, ubuf, n, pos, true);
}

static ssize_t ramfs_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = iocb->ki_filp->f_inode;
	loff_t *pos = &iocb->ki_pos;
	size_t done = 0, chunk, off;
	struct page *page;
	ssize_t n;
	int err = 0;

	if (!iov_iter_count(from))
		return 0;	/* no size, position or time changes (generic_write_checks) */
	mutex_lock(&inode->i_mutex);
	if (is_write_sealed(inode->i_data->seals)) {
		mutex_unlock(&inode->i_mutex);
		return -EPERM;		/* memfd seals (Linux's shmem_write_begin) */
	}
	n = generic_write_checks(iocb, from);
	if (n <= 0) {
		mutex_unlock(&inode->i_mutex);
		return n;
	}
	file_remove_privs(inode);
	if (*pos + (loff_t)n > (loff_t)(inode->i_data->nr_pages << PAGE_SHIFT))
		err = shmem_resize(inode->i_data, *pos + n);
	while (!err && done < (size_t)n) {
		off = (*pos + done) & ~PAGE_MASK;
		chunk = min(n - done, PAGE_SIZE - off);
		if ((inode->i_data->seals & F_SEAL_GROW) &&
		    *pos + (loff_t)(done + chunk) > inode->i_size) {
			err = -EPERM;	/* this page's part would grow a sealed file */
			break;
		}
		page = shmem_get_page(inode->i_data, (*pos + done) >> PAGE_SHIFT, true);
		if (IS_ERR(page)) {
			err = PTR_ERR(page);	/* no memory, even after the OOM killer */
			break;
		}
		chunk = copy_from_iter((char *)page_address(page) + off, chunk, from);
		put_page(page);
		if (!chunk) {
			err = -EFAULT;
			break;
		}
		done += chunk;
	}
	*pos += done;
	if (done && *pos > inode->i_size)
		inode->i_size = *pos;	/* a write that failed whole leaves the size */
	if (done < (size_t)n)	/* short: the pages grown for the rest go again, past the end */
		shmem_truncate(inode->i_data, inode->i_size);
	if (done)
		inode->i_mtime = inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
	return done ? (ssize_t)done : err;
}

/*
 * The mapping shares the file's pages; a private one copies them on
 * write.  A write-sealed memfd may still be mapped shared, read-only and
 * for good (Linux's seal_check_write and is_readonly_sealed).
 */
static int ramfs_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct shmem_object *obj = f->f_inode->i_data;

	if ((vma->vm_flags & VM_SHARED) && is_write_sealed(obj->seals)) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	return shmem_vma_attach(obj, vma);
}

/*
 * FALLOC_FL_PUNCH_HOLE (Linux's shmem_fallocate): the object's
 * shmem_punch_range, which a write seal forbids.
 */
static long shmem_punch_hole(struct inode *inode, loff_t offset, loff_t len)
{
	if (inode->i_data->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	shmem_punch_range(inode->i_data, offset, len);
	return 0;
}

/*
 * Allocates the pages of [offset, offset + len) (Linux's shmem_fallocate):
 * the size grows to the end unless FALLOC_FL_KEEP_SIZE, which allocates
 * past the end all the same (faults there are SIGBUS still).  RLIMIT_FSIZE
 * counts either way, F_SEAL_GROW forbids going past the size.  A signal
 * ends it with EINTR, no memory with ENOMEM; the pages allocated by then
 * stay (Linux frees them).
 */
static long shmem_falloc_range(struct inode *inode, int mode, loff_t offset, loff_t len)
{
	struct shmem_object *obj = inode->i_data;
	loff_t end = offset + len;
	unsigned long index, last = PAGE_ALIGN(end) >> PAGE_SHIFT;
	struct page *page;
	long err = inode_newsize_ok(inode, end);

	if (err)
		return err;
	if ((obj->seals & F_SEAL_GROW) && end > inode->i_size)
		return -EPERM;
	if (obj->sbinfo && obj->sbinfo->max_blocks &&
	    last - (offset >> PAGE_SHIFT) > obj->sbinfo->max_blocks)
		return -ENOSPC;		/* could never fit: fail before taking any */
	if (last > obj->nr_pages && shmem_resize(obj, (loff_t)last << PAGE_SHIFT))
		return -ENOMEM;
	for (index = offset >> PAGE_SHIFT; index < last; index++) {
		if (signal_pending(current))
			return -EINTR;
		page = shmem_falloc_page(obj, index);
		if (IS_ERR(page))
			return PTR_ERR(page);
		put_page(page);
	}
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->i_size)
		inode->i_size = end;
	return 0;
}

/* fallocate(2) on a tmpfs file, under i_mutex: allocate or punch a hole. */
static long shmem_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file->f_inode;
	long err;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	mutex_lock(&inode->i_mutex);
	if (mode & FALLOC_FL_PUNCH_HOLE)
		err = shmem_punch_hole(inode, offset, len);
	else
		err = shmem_falloc_range(inode, mode, offset, len);
	if (!err) {
		file_remove_privs(inode);	/* Linux's file_modified */
		inode->i_mtime = inode->i_ctime = current_time();
	}
	mutex_unlock(&inode->i_mutex);
	return err;
}

/* ramfs's (and rootfs's, which is ramfs here): no fallocate, as Linux's. */
const struct file_operations ramfs_file_operations = {
	.read		= ramfs_read,
	.write_iter	= ramfs_write_iter,
	.llseek		= generic_file_llseek,
	.mmap		= ramfs_mmap,
	.fop_flags	= FOP_ITER_READ,
};

/* tmpfs's and the memfds': the same, and fallocate. */
const struct file_operations shmem_file_operations = {
	.read		= ramfs_read,
	.write_iter	= ramfs_write_iter,
	.llseek		= generic_file_llseek,
	.mmap		= ramfs_mmap,
	.fallocate	= shmem_fallocate,
	.fop_flags	= FOP_ITER_READ,
};
