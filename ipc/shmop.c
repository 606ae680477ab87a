/*
 * ipc/shmop.c: shmat and shmdt, the attachments of shared memory segments.
 *
 * shmat makes a VMA whose vm_ops (shm_vm_ops) count attachments in the
 * segment's shm_nattch: open at fork or split, close at munmap, shmdt,
 * exec and exit; its pages are the segment's shmem object.  An
 * attachment (struct shm_file_data) holds a reference on its namespace,
 * so an old namespace lives while it is mapped.  Linux's do_shmat and
 * ksys_shmdt, without files: the VMA points at the attachment directly.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/err.h>
#include <linux/shmem_fs.h>
#include "shm.h"

/* One shmat: shared by the VMAs it becomes (split, fork), counted in @count. */
struct shm_file_data {
	atomic_t count;
	struct shmid_kernel *shp;	/* alive while attached: nattch > 0 */
	struct ipc_namespace *ns;	/* held */
	struct shmem_object *obj;	/* held */
};

/* vm_ops->open: a copy of an attachment (fork, a split VMA) is one more attachment. */
static void shm_open(struct vm_area_struct *vma)
{
	struct shm_file_data *sfd = vma->vm_private_data;
	struct shmid_kernel *shp = sfd->shp;

	atomic_inc(&sfd->count);
	ipc_lock_object(&shp->shm_perm);
	shp->shm_atim = ipc_seconds();
	ipc_update_pid(&shp->shm_lprid, task_tgid(current));
	shp->shm_nattch++;
	ipc_unlock_object(&shp->shm_perm);
}

static void shm_file_data_put(struct shm_file_data *sfd)
{
	if (!atomic_dec_and_test(&sfd->count))
		return;
	shmem_object_put(sfd->obj);
	put_ipc_ns(sfd->ns);
	kfree(sfd);
}

/* vm_ops->close: the VMA goes (shmdt, munmap, exec, exit). */
static void shm_close(struct vm_area_struct *vma)
{
	struct shm_file_data *sfd = vma->vm_private_data;

	shm_drop_nattch(sfd->ns, sfd->shp, true);
	shm_file_data_put(sfd);
}

static struct page *shm_fault(struct vm_area_struct *vma, unsigned long addr)
{
	struct shm_file_data *sfd = vma->vm_private_data;

	return shmem_get_page(sfd->obj, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
			      true);
}

static struct page *shm_find_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct shm_file_data *sfd = vma->vm_private_data;

	return shmem_get_page(sfd->obj, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
			      false);
}

static const struct vm_operations_struct shm_vm_ops = {
	.open	= shm_open,
	.close	= shm_close,
	.fault	= shm_fault,
	.find_page = shm_find_page,
};

/* ---- shmat and shmdt ---------------------------------------------------------------- */

/*
 * Where to attach: @addr rounded down by SHM_RND, fixed there (*fixed),
 * or anywhere if @addr is 0; -EINVAL if unusable.  An address that SHM_RND
 * rounds to 0 is still a fixed one, as in Linux's do_shmat.
 */
static unsigned long shmat_addr(unsigned long addr, int shmflg, unsigned long shmlba, bool *fixed)
{
	*fixed = addr != 0;
	if (!addr)
		return (shmflg & SHM_REMAP) ? (unsigned long)-EINVAL : 0;
	if (addr & (shmlba - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(shmlba - 1);
		if (!addr && (shmflg & SHM_REMAP))
			return -EINVAL;
	}
	return addr;
}

/*
 * Maps @sfd at @addr (anywhere unless @fixed) in the caller's address
 * space; the address or -errno.  Without SHM_REMAP a fixed range must be
 * free (EINVAL); it must lie in user space like any mapping
 * (get_unmapped_area: ENOMEM above TASK_SIZE, EPERM below mmap_min_addr).
 */
static long shm_map(struct shm_file_data *sfd, unsigned long addr, bool fixed,
		    unsigned long size, unsigned long vm_flags, int shmflg)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long err;

	if (addr && !(shmflg & SHM_REMAP)) {
		vma = find_vma(mm, addr);
		if (addr + size < addr || (vma && vma->vm_start < addr + size))
			return -EINVAL;
	}
	addr = get_unmapped_area(mm, addr, size, fixed ? MAP_FIXED : 0);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (!may_map_range(mm, addr, size))
		return -ENOMEM;		/* RLIMIT_AS, as Linux's do_mmap */
	if (fixed) {
		err = do_munmap(mm, addr, size);	/* SHM_REMAP: what was there goes */
		if (err)
			return err;
	}
	vma = vma_alloc_insert(mm, addr, addr + size, vm_flags);
	if (!vma)
		return -ENOMEM;
	vma->vm_private_data = sfd;
	vma->vm_ops = &shm_vm_ops;
	shm_open(vma);
	return addr;
}

/*
 * The segment, checked (C14) and held by a provisional attachment while
 * the caller maps it, as Linux's do_shmat does with its nattch++.
 */
static struct shmid_kernel *shm_get_for_attach(struct ipc_namespace *ns, int shmid, int acc_mode)
{
	struct kern_ipc_perm *ipcp = ipc_lock_check(&shm_ids(ns), shmid);
	struct shmid_kernel *shp;

	if (IS_ERR(ipcp))
		return ERR_CAST(ipcp);
	shp = to_shp(ipcp);
	if (ipcperms(ns, ipcp, acc_mode)) {
		ipc_unlock_object(ipcp);
		return ERR_PTR(-EACCES);
	}
	shp->shm_nattch++;
	ipc_unlock_object(ipcp);
	return shp;
}

long do_shmat(int shmid, char *shmaddr, int shmflg, unsigned long *raddr, unsigned long shmlba)
{
	struct ipc_namespace *ns = current_ipc_ns();
	unsigned long vm_flags = VM_READ | VM_SHARED | VM_MAYREAD | VM_MAYEXEC;
	int acc_mode = S_IRUGO;
	struct shm_file_data *sfd;
	struct shmid_kernel *shp;
	unsigned long addr;
	long err;
	bool fixed;

	addr = shmat_addr((unsigned long)shmaddr, shmflg, shmlba, &fixed);
	if (shmid < 0 || IS_ERR_VALUE(addr))
		return -EINVAL;
	if (!(shmflg & SHM_RDONLY)) {
		vm_flags |= VM_WRITE | VM_MAYWRITE;
		acc_mode |= S_IWUGO;
	}
	if (shmflg & SHM_EXEC) {
		vm_flags |= VM_EXEC;
		acc_mode |= S_IXUGO;
	}
	shp = shm_get_for_attach(ns, shmid, acc_mode);
	if (IS_ERR(shp))
		return PTR_ERR(shp);
	err = -ENOMEM;
	sfd = kzalloc(sizeof(*sfd), GFP_KERNEL);
	if (sfd) {
		atomic_set(&sfd->count, 1);
		sfd->shp = shp;
		sfd->ns = get_ipc_ns(ns);
		sfd->obj = shp->shm_file;
		shmem_object_get(sfd->obj);
		down_write(&current->mm->mmap_lock);
		err = shm_map(sfd, addr, fixed, PAGE_ALIGN(shp->shm_segsz), vm_flags, shmflg);
		up_write(&current->mm->mmap_lock);
		*raddr = err;
		shm_file_data_put(sfd);		/* the VMA holds it now, if it was made */
	}
	shm_drop_nattch(ns, shp, false);	/* the provisional attachment */
	return err < 0 ? err : 0;
}

SYSCALL_DEFINE3(shmat, int, shmid, char *, shmaddr, int, shmflg)
{
	unsigned long ret;
	long err;

	err = do_shmat(shmid, shmaddr, shmflg, &ret, SHMLBA);
	return err ? err : (long)ret;
}

/* Is @vma part of an attachment that started at @addr? */
static bool shm_vma_at(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_ops == &shm_vm_ops &&
	       vma->vm_start - addr == vma->vm_pgoff << PAGE_SHIFT;
}

/*
 * Detaches the attachment made at @addr: its first VMA, and the rest of
 * it up to the segment's size, however munmap or mprotect split it.
 */
long ksys_shmdt(char *shmaddr)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)shmaddr, size = 0;
	struct vm_area_struct *vma, *next;
	struct shm_file_data *sfd = NULL;
	long retval = -EINVAL;

	if (addr & ~PAGE_MASK)
		return retval;
	down_write(&mm->mmap_lock);
	for (vma = find_vma(mm, addr); vma; vma = next) {
		next = vma_next(mm, vma);
		if (sfd ? vma->vm_end - addr > size : false)
			break;
		if (!shm_vma_at(vma, addr) || (sfd && vma->vm_private_data != sfd))
			continue;
		if (!sfd) {
			sfd = vma->vm_private_data;
			size = PAGE_ALIGN(sfd->shp->shm_segsz);
			retval = 0;
		}
		do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	up_write(&mm->mmap_lock);
	return retval;
}

SYSCALL_DEFINE1(shmdt, char *, shmaddr)
{
	return ksys_shmdt(shmaddr);
}
