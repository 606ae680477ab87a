/*
 * ipc/shm.c: System V shared memory segments (shmget, shmctl), their
 * destruction, the namespace's limits and /proc/sysvipc/shm.
 *
 * A segment's memory is a shmem object (mm/shmem.c); its attachments
 * (shmat, shmdt) are in shmop.c, and the two share ipc/shm.h.  A segment
 * removed while attached is marked SHM_DEST and loses its key; the last
 * detach destroys it (C14).  Each task lists the segments it created
 * (shm_clist) so that kernel.shm_rmid_forced can destroy them when it
 * exits or leaves the namespace (C15).
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
#include <linux/shmem_fs.h>
#include "shm.h"

/* Protects every task's shm_clist (Linux uses task_lock). */
static DEFINE_SPINLOCK(shm_clist_lock);

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
	ipc_update_pid(&shp->shm_cprid, NULL);
	ipc_update_pid(&shp->shm_lprid, NULL);
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
void shm_drop_nattch(struct ipc_namespace *ns, struct shmid_kernel *shp, bool detach)
{
	down_write(&shm_ids(ns).rwsem);
	ipc_lock_object(&shp->shm_perm);
	if (detach) {
		ipc_update_pid(&shp->shm_lprid, task_tgid(current));
		shp->shm_dtim = ipc_seconds();
	}
	shp->shm_nattch--;
	if (shm_may_destroy(shp))
		shm_destroy(ns, shp);
	else
		ipc_unlock_object(&shp->shm_perm);
	up_write(&shm_ids(ns).rwsem);
}

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
	shp->shm_file->swap_backed = true;	/* its pages count as shmem-rss */
	shp->shm_cprid = get_pid(task_tgid(current));
	shp->shm_ctim = ipc_seconds();
	shp->shm_segsz = size;
	shp->shm_creator = current;
	error = ipc_addid(&shm_ids(ns), &shp->shm_perm, ns->shm_ctlmni);
	if (error < 0) {
		shmem_object_put(shp->shm_file);
		ipc_update_pid(&shp->shm_cprid, NULL);
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

/* ---- shmctl ----------------------------------------------------------------------- */

/* IPC_STAT (by id), SHM_STAT and SHM_STAT_ANY (by idx, returning the id). */
static int shmctl_stat(struct ipc_namespace *ns, int shmid, int cmd, struct shmid64_ds *tbuf)
{
	struct kern_ipc_perm *ipcp;
	struct shmid_kernel *shp;
	int err;

	memset(tbuf, 0, sizeof(*tbuf));
	ipcp = ipc_lock_stat(ns, &shm_ids(ns), shmid, cmd == IPC_STAT, cmd == SHM_STAT_ANY);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	shp = to_shp(ipcp);
	kernel_to_ipc64_perm(ipcp, &tbuf->shm_perm);
	tbuf->shm_segsz = shp->shm_segsz;
	tbuf->shm_atime = shp->shm_atim;
	tbuf->shm_dtime = shp->shm_dtim;
	tbuf->shm_ctime = shp->shm_ctim;
	tbuf->shm_cpid = pid_vnr(shp->shm_cprid);	/* in the caller's pid namespace */
	tbuf->shm_lpid = pid_vnr(shp->shm_lprid);
	tbuf->shm_nattch = shp->shm_nattch;
	err = cmd == IPC_STAT ? 0 : ipcp->id;
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

	if (list_empty(&task->shm_clist))
		return;		/* read unlocked: only @task adds to its list (shmget) */
	while (more) {
		shp = shm_clist_pop(task, &more);
		if (!shp)
			continue;
		ns = shp->ns;
		down_write(&shm_ids(ns).rwsem);
		if (ipc_relock_putref(&shp->shm_perm, shm_rcu_free)) {	/* else removed meanwhile */
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
	struct pid_namespace *pid_ns = ipc_seq_pid_ns(s);
	struct user_namespace *user_ns = ipc_seq_user_ns(s);
	struct kern_ipc_perm *ipcp = it;
	struct shmid_kernel *shp = to_shp(ipcp);
	unsigned long rss = shmem_nr_present(shp->shm_file);

	seq_printf(s, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %21lu %21lu\n",
		   ipcp->key, ipcp->id, ipcp->mode, shp->shm_segsz,
		   pid_nr_ns(shp->shm_cprid, pid_ns), pid_nr_ns(shp->shm_lprid, pid_ns),
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
