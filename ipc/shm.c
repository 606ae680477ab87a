/*
 * ipc/shm.c: System V shared memory (shmget, shmat, shmdt, shmctl).
 *
 * A segment's memory is a shmem object (mm/shmem.c), so every attachment
 * maps the same pages.  shmat makes a VMA whose vm_ops (shm_vm_ops) count
 * attachments: open at fork or split, close at munmap, shmdt, exec and
 * exit.  A segment removed while attached is marked SHM_DEST and loses its
 * key; the last close destroys it (C14).  Each task lists the segments it
 * created (shm_clist) so that kernel.shm_rmid_forced can destroy them when
 * it exits or leaves the namespace (C15).  An attachment holds a
 * reference on its namespace: an old namespace lives while it is mapped.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/shmem_fs.h>
#include <linux/shm.h>
#include "util.h"

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;
	struct shmem_object *shm_file;	/* the pages */
	unsigned long shm_nattch;
	unsigned long shm_segsz;
	long shm_atim, shm_dtim, shm_ctim;
	pid_t shm_cprid, shm_lprid;
	struct ipc_namespace *ns;	/* its namespace, which outlives it */
	struct task_struct *shm_creator;
	struct list_head shm_clist;	/* in the creator's shm_clist */
};

/* One shmat: shared by the VMAs it becomes (split, fork), counted in @count. */
struct shm_file_data {
	atomic_t count;
	struct shmid_kernel *shp;	/* alive while attached: nattch > 0 */
	struct ipc_namespace *ns;	/* held */
	struct shmem_object *obj;	/* held */
};

/* Protects every task's shm_clist (Linux uses task_lock). */
static DEFINE_SPINLOCK(shm_clist_lock);

static const struct vm_operations_struct shm_vm_ops;

static inline struct shmid_kernel *to_shp(struct kern_ipc_perm *ipcp)
{
	return container_of(ipcp, struct shmid_kernel, shm_perm);
}

static void shm_rcu_free(struct kern_ipc_perm *p)
{
	kfree(to_shp(p));
}

/* The shared memory of the initial namespace is set up first of all, at pure_initcall. */
static int __init ipc_ns_init(void)
{
	shm_init_ns(&init_ipc_ns);
	return 0;
}
pure_initcall(ipc_ns_init);

void shm_init_ns(struct ipc_namespace *ns)
{
	ns->shm_ctlmax = SHMMAX;
	ns->shm_ctlall = SHMALL;
	ns->shm_ctlmni = SHMMNI;
	ns->shm_rmid_forced = 0;
	ns->shm_tot = 0;
	ipc_init_ids(&shm_ids(ns));
}

void shm_init_task(struct task_struct *task)
{
	INIT_LIST_HEAD(&task->shm_clist);
}

/* The segment goes: out of the namespace and its creator's list, its pages freed.  Unlocks. */
static void shm_destroy(struct ipc_namespace *ns, struct shmid_kernel *shp)
{
	struct shmem_object *shm_file = shp->shm_file;

	shp->shm_file = NULL;
	ns->shm_tot -= (shp->shm_segsz + PAGE_SIZE - 1) >> PAGE_SHIFT;
	spin_lock(&shm_clist_lock);
	list_del_init(&shp->shm_clist);
	spin_unlock(&shm_clist_lock);
	ipc_rmid(&shm_ids(ns), &shp->shm_perm);
	ipc_unlock_object(&shp->shm_perm);
	shmem_object_put(shm_file);
	ipc_rcu_putref(&shp->shm_perm, shm_rcu_free);
}

/* Unattached, and removed or under kernel.shm_rmid_forced: destroy it (C14, C15). */
static bool shm_may_destroy(struct shmid_kernel *shp)
{
	return shp->shm_nattch == 0 &&
	       (shp->ns->shm_rmid_forced || (shp->shm_perm.mode & SHM_DEST));
}

/* IPC_RMID, and a dying namespace: destroyed now, or marked for the last detach.  Unlocks. */
static void do_shm_rmid(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp)
{
	struct shmid_kernel *shp = to_shp(ipcp);

	if (shp->shm_nattch) {
		shp->shm_perm.mode |= SHM_DEST;
		ipc_set_key_private(&shm_ids(ns), &shp->shm_perm);
		ipc_unlock_object(&shp->shm_perm);
	} else {
		shm_destroy(ns, shp);
	}
}

void shm_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, &shm_ids(ns), do_shm_rmid);
}

/*
 * An attachment ends: nattch down, and maybe the segment with it.  A real
 * detach (unmap, exit) is recorded; shmat's provisional one is not.
 */
static void shm_drop_nattch(struct ipc_namespace *ns, struct shmid_kernel *shp, bool detach)
{
	down_write(&shm_ids(ns).rwsem);
	ipc_lock_object(&shp->shm_perm);
	if (detach) {
		shp->shm_lprid = task_tgid_vnr(current);
		shp->shm_dtim = ipc_seconds();
	}
	shp->shm_nattch--;
	if (shm_may_destroy(shp))
		shm_destroy(ns, shp);
	else
		ipc_unlock_object(&shp->shm_perm);
	up_write(&shm_ids(ns).rwsem);
}

/* vm_ops->open: a copy of an attachment (fork, a split VMA) is one more attachment. */
static void shm_open(struct vm_area_struct *vma)
{
	struct shm_file_data *sfd = vma->vm_private_data;
	struct shmid_kernel *shp = sfd->shp;

	atomic_inc(&sfd->count);
	ipc_lock_object(&shp->shm_perm);
	shp->shm_atim = ipc_seconds();
	shp->shm_lprid = task_tgid_vnr(current);
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

static const struct vm_operations_struct shm_vm_ops = {
	.open	= shm_open,
	.close	= shm_close,
	.fault	= shm_fault,
};

/* ---- shmget -------------------------------------------------------------------- */

/* ipcget's getnew for segments (C13).  Called with the ids written. */
static int newseg(struct ipc_namespace *ns, struct ipc_params *params)
{
	size_t size = params->u.size, numpages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct shmid_kernel *shp;
	int error;

	if (size < SHMMIN || size > ns->shm_ctlmax)
		return -EINVAL;
	if (numpages << PAGE_SHIFT < size)
		return -ENOSPC;
	if (ns->shm_tot + numpages < ns->shm_tot || ns->shm_tot + numpages > ns->shm_ctlall)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	shp->shm_perm.key = params->key;
	shp->shm_perm.mode = params->flg & S_IRWXUGO;
	shp->shm_file = shmem_object_create(size);
	if (!shp->shm_file) {
		kfree(shp);
		return -ENOMEM;
	}
	shp->shm_cprid = task_tgid_vnr(current);
	shp->shm_ctim = ipc_seconds();
	shp->shm_segsz = size;
	shp->shm_creator = current;
	error = ipc_addid(&shm_ids(ns), &shp->shm_perm, ns->shm_ctlmni);
	if (error < 0) {
		shmem_object_put(shp->shm_file);
		ipc_rcu_putref(&shp->shm_perm, shm_rcu_free);
		return error;
	}
	shp->ns = ns;
	spin_lock(&shm_clist_lock);
	list_add(&shp->shm_clist, &current->shm_clist);
	spin_unlock(&shm_clist_lock);
	ns->shm_tot += numpages;
	ipc_unlock_object(&shp->shm_perm);
	return shp->shm_perm.id;
}

/* An existing segment smaller than asked for: EINVAL, before the permission (C6). */
static int shm_more_checks(struct kern_ipc_perm *ipcp, struct ipc_params *params)
{
	return to_shp(ipcp)->shm_segsz < params->u.size ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = {
	.getnew = newseg,
	.more_checks = shm_more_checks,
};

long ksys_shmget(key_t key, size_t size, int shmflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_params shm_params = { .key = key, .flg = shmflg, .u.size = size };

	return ipcget(ns, &shm_ids(ns), &shm_ops, &shm_params);
}

SYSCALL_DEFINE3(shmget, key_t, key, size_t, size, int, shmflg)
{
	return ksys_shmget(key, size, shmflg);
}

/* ---- shmat and shmdt ---------------------------------------------------------------- */

/* Where to attach: @addr rounded by SHM_RND, or 0 for anywhere; -EINVAL if unusable. */
static long shmat_addr(unsigned long addr, int shmflg, unsigned long shmlba)
{
	if (!addr)
		return (shmflg & SHM_REMAP) ? -EINVAL : 0;
	if (addr & (shmlba - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(shmlba - 1);
		if (!addr && (shmflg & SHM_REMAP))
			return -EINVAL;
	}
	return addr;
}

/* Maps @sfd at @addr (0: anywhere) in the caller's address space; the address or -errno. */
static long shm_map(struct shm_file_data *sfd, unsigned long addr, unsigned long size,
		    unsigned long vm_flags, int shmflg)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long err;

	if (addr && !(shmflg & SHM_REMAP)) {
		vma = find_vma(mm, addr);
		if (addr + size < addr || (vma && vma->vm_start < addr + size))
			return -EINVAL;
	} else if (addr) {
		err = do_munmap(mm, addr, size);
		if (err)
			return err;
	} else {
		addr = get_unmapped_area(mm, size);
		if (!addr)
			return -ENOMEM;
	}
	vma = vma_alloc(mm, addr, addr + size, vm_flags);
	if (!vma)
		return -ENOMEM;
	err = insert_vma(mm, vma);
	if (err) {
		vma_free(vma);
		return err;
	}
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
	long addr, err;

	addr = shmat_addr((unsigned long)shmaddr, shmflg, shmlba);
	if (shmid < 0 || addr < 0)
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
		err = shm_map(sfd, addr, PAGE_ALIGN(shp->shm_segsz), vm_flags, shmflg);
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
		next = list_is_last(&vma->vm_list, &mm->mmap) ? NULL : list_next_entry(vma, vm_list);
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

/* ---- shmctl ----------------------------------------------------------------------- */

/* IPC_STAT (by id), SHM_STAT and SHM_STAT_ANY (by idx, returning the id). */
static int shmctl_stat(struct ipc_namespace *ns, int shmid, int cmd, struct shmid64_ds *tbuf)
{
	struct kern_ipc_perm *ipcp;
	struct shmid_kernel *shp;
	int err;

	memset(tbuf, 0, sizeof(*tbuf));
	ipcp = cmd == IPC_STAT ? ipc_lock_check(&shm_ids(ns), shmid) : ipc_lock(&shm_ids(ns), shmid);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	shp = to_shp(ipcp);
	if (cmd != SHM_STAT_ANY && ipcperms(ns, ipcp, S_IRUGO)) {
		err = -EACCES;
	} else {
		kernel_to_ipc64_perm(ipcp, &tbuf->shm_perm);
		tbuf->shm_segsz = shp->shm_segsz;
		tbuf->shm_atime = shp->shm_atim;
		tbuf->shm_dtime = shp->shm_dtim;
		tbuf->shm_ctime = shp->shm_ctim;
		tbuf->shm_cpid = shp->shm_cprid;
		tbuf->shm_lpid = shp->shm_lprid;
		tbuf->shm_nattch = shp->shm_nattch;
		err = cmd == IPC_STAT ? 0 : ipcp->id;
	}
	ipc_unlock_object(ipcp);
	return err;
}

/* IPC_INFO: the limits. */
static int shmctl_ipc_info(struct ipc_namespace *ns, struct shminfo64 *shminfo)
{
	int max_idx;

	memset(shminfo, 0, sizeof(*shminfo));
	shminfo->shmmni = shminfo->shmseg = ns->shm_ctlmni;
	shminfo->shmmax = ns->shm_ctlmax;
	shminfo->shmall = ns->shm_ctlall;
	shminfo->shmmin = SHMMIN;
	down_read(&shm_ids(ns).rwsem);
	max_idx = ipc_get_maxidx(&shm_ids(ns));
	up_read(&shm_ids(ns).rwsem);
	return max_idx < 0 ? 0 : max_idx;
}

/* SHM_INFO: the usage, resident pages included. */
static int shmctl_shm_info(struct ipc_namespace *ns, struct shm_info *shm_info)
{
	struct kern_ipc_perm *ipcp;
	int idx, max_idx;

	memset(shm_info, 0, sizeof(*shm_info));
	down_read(&shm_ids(ns).rwsem);
	shm_info->used_ids = shm_ids(ns).in_use;
	idr_for_each_entry(&shm_ids(ns).ipcs_idr, ipcp, idx)
		shm_info->shm_rss += shmem_nr_present(to_shp(ipcp)->shm_file);
	shm_info->shm_tot = ns->shm_tot;
	max_idx = ipc_get_maxidx(&shm_ids(ns));
	up_read(&shm_ids(ns).rwsem);
	return max_idx < 0 ? 0 : max_idx;
}

/* SHM_LOCK and SHM_UNLOCK only mark the segment: nothing here is ever swapped. */
static int shmctl_do_lock(struct ipc_namespace *ns, int shmid, int cmd)
{
	struct kern_ipc_perm *ipcp = ipc_lock_check(&shm_ids(ns), shmid);
	kuid_t euid = current_euid();
	int err = 0;

	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	if (!ns_capable(ns->user_ns, CAP_IPC_LOCK) &&
	    !uid_eq(euid, ipcp->uid) && !uid_eq(euid, ipcp->cuid))
		err = -EPERM;
	else if (cmd == SHM_LOCK)
		ipcp->mode |= SHM_LOCKED;
	else
		ipcp->mode &= ~SHM_LOCKED;
	ipc_unlock_object(ipcp);
	return err;
}

/* IPC_SET and IPC_RMID: owner, creator or CAP_SYS_ADMIN (C8). */
static int shmctl_down(struct ipc_namespace *ns, int shmid, int cmd, struct shmid64_ds *shmid64)
{
	struct kern_ipc_perm *ipcp;
	int err = 0;

	down_write(&shm_ids(ns).rwsem);
	ipcp = ipcctl_obtain_check(ns, &shm_ids(ns), shmid, cmd, &shmid64->shm_perm);
	if (IS_ERR(ipcp)) {
		err = PTR_ERR(ipcp);
		goto out_up;
	}
	ipc_lock_object(ipcp);
	if (cmd == IPC_RMID) {
		do_shm_rmid(ns, ipcp);		/* unlocks */
		goto out_up;
	}
	err = ipc_update_perm(&shmid64->shm_perm, ipcp);
	if (!err)
		to_shp(ipcp)->shm_ctim = ipc_seconds();
	ipc_unlock_object(ipcp);
out_up:
	up_write(&shm_ids(ns).rwsem);
	return err;
}

long ksys_shmctl(int shmid, int cmd, void *buf)
{
	struct ipc_namespace *ns = current_ipc_ns();
	union {
		struct shmid64_ds ds;
		struct shminfo64 info;
		struct shm_info shm_info;
	} u;
	int err;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
		err = shmctl_ipc_info(ns, &u.info);
		return copy_to_user(buf, &u.info, sizeof(u.info)) ? -EFAULT : err;
	case SHM_INFO:
		err = shmctl_shm_info(ns, &u.shm_info);
		return copy_to_user(buf, &u.shm_info, sizeof(u.shm_info)) ? -EFAULT : err;
	case SHM_STAT:
	case SHM_STAT_ANY:
	case IPC_STAT:
		err = shmctl_stat(ns, shmid, cmd, &u.ds);
		if (err >= 0 && copy_to_user(buf, &u.ds, sizeof(u.ds)))
			return -EFAULT;
		return err;
	case IPC_SET:
		if (copy_from_user(&u.ds, buf, sizeof(u.ds)))
			return -EFAULT;
		return shmctl_down(ns, shmid, cmd, &u.ds);
	case IPC_RMID:
		return shmctl_down(ns, shmid, cmd, &u.ds);
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_do_lock(ns, shmid, cmd);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void *, buf)
{
	return ksys_shmctl(shmid, cmd, buf);
}

/* ---- exit, the namespace and /proc -------------------------------------------------- */

/* A reference on @ns unless it is already dying (then its exit frees the segments). */
static struct ipc_namespace *get_ipc_ns_not_zero(struct ipc_namespace *ns)
{
	int c = atomic_read(&ns->count);

	while (c && atomic_cmpxchg(&ns->count, c, c + 1) != c)
		c = atomic_read(&ns->count);
	return c ? ns : NULL;
}

/* The first segment @task created, off its list, with a reference on it and its namespace. */
static struct shmid_kernel *shm_clist_pop(struct task_struct *task, bool *more)
{
	struct shmid_kernel *shp = NULL;

	spin_lock(&shm_clist_lock);
	*more = !list_empty(&task->shm_clist);
	if (*more) {
		shp = list_first_entry(&task->shm_clist, struct shmid_kernel, shm_clist);
		list_del_init(&shp->shm_clist);
		if (shp->ns->shm_rmid_forced && get_ipc_ns_not_zero(shp->ns))
			ipc_rcu_getref(&shp->shm_perm);
		else
			shp = NULL;	/* only forgotten: nothing forces its removal */
	}
	spin_unlock(&shm_clist_lock);
	return shp;
}

/*
 * The task exits or leaves its IPC namespace: under kernel.shm_rmid_forced
 * its unattached segments are destroyed (C15), as Linux's exit_shm.
 */
void exit_shm(struct task_struct *task)
{
	struct ipc_namespace *ns;
	struct shmid_kernel *shp;
	bool more = true;

	while (more) {
		shp = shm_clist_pop(task, &more);
		if (!shp)
			continue;
		ns = shp->ns;
		down_write(&shm_ids(ns).rwsem);
		ipc_lock_object(&shp->shm_perm);
		if (!ipc_valid_object(&shp->shm_perm)) {	/* removed meanwhile */
			ipc_unlock_object(&shp->shm_perm);
			ipc_rcu_putref(&shp->shm_perm, shm_rcu_free);
		} else {
			atomic_dec(&shp->shm_perm.refcount);	/* the ids hold another */
			if (shm_may_destroy(shp))
				shm_destroy(ns, shp);
			else
				ipc_unlock_object(&shp->shm_perm);
		}
		up_write(&shm_ids(ns).rwsem);
		put_ipc_ns(ns);
	}
}

/* kernel.shm_rmid_forced was set: unattached segments whose creator is gone go now. */
void shm_destroy_orphaned(struct ipc_namespace *ns)
{
	struct kern_ipc_perm *ipcp;
	bool orphan;
	int idx;

	down_write(&shm_ids(ns).rwsem);
	idr_for_each_entry(&shm_ids(ns).ipcs_idr, ipcp, idx) {
		spin_lock(&shm_clist_lock);
		orphan = list_empty(&to_shp(ipcp)->shm_clist);
		spin_unlock(&shm_clist_lock);
		ipc_lock_object(ipcp);
		if (orphan && shm_may_destroy(to_shp(ipcp)))
			shm_destroy(ns, to_shp(ipcp));
		else
			ipc_unlock_object(ipcp);
	}
	up_write(&shm_ids(ns).rwsem);
}

static int sysvipc_shm_proc_show(struct seq_file *s, void *it)
{
	struct user_namespace *user_ns = current_user_ns();
	struct kern_ipc_perm *ipcp = it;
	struct shmid_kernel *shp = to_shp(ipcp);
	unsigned long rss = shmem_nr_present(shp->shm_file);

	seq_printf(s, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %21lu %21lu\n",
		   ipcp->key, ipcp->id, ipcp->mode, shp->shm_segsz, shp->shm_cprid, shp->shm_lprid,
		   shp->shm_nattch,
		   from_kuid_munged(user_ns, ipcp->uid), from_kgid_munged(user_ns, ipcp->gid),
		   from_kuid_munged(user_ns, ipcp->cuid), from_kgid_munged(user_ns, ipcp->cgid),
		   (unsigned long long)shp->shm_atim, (unsigned long long)shp->shm_dtim,
		   (unsigned long long)shp->shm_ctim, rss * PAGE_SIZE, 0UL);
	return 0;
}

void __init shm_init(void)
{
	ipc_init_proc_interface("sysvipc/shm",
		"       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n",
		IPC_SHM_IDS, sysvipc_shm_proc_show);
}
