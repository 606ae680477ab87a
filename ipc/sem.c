/*
 * ipc/sem.c: System V semaphore sets (semget, semctl), their removal,
 * the namespace's limits and /proc/sysvipc/sem.
 *
 * A set is a struct sem_array of sem_nsems values.  The operations on
 * it (semop) are in semop.c, the SEM_UNDO adjustments in sem_undo.c; the
 * three share ipc/sem.h.  Behaviour: linux-semantics.md C11, C12.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "sem.h"

void sem_rcu_free(struct kern_ipc_perm *p)
{
	kfree(to_sma(p));
}

/* ipcget's getnew for semaphores.  Called with the ids written. */
static int newary(struct ipc_namespace *ns, struct ipc_params *params)
{
	int nsems = params->u.nsems, retval;
	struct sem_array *sma;

	if (!nsems)
		return -EINVAL;
	if (ns->used_sems + nsems > ns->sc_semmns)
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	sma->sem_perm.mode = params->flg & S_IRWXUGO;
	sma->sem_perm.key = params->key;
	INIT_LIST_HEAD(&sma->pending_alter);
	INIT_LIST_HEAD(&sma->pending_const);
	INIT_LIST_HEAD(&sma->list_id);
	sma->sem_nsems = nsems;
	sma->sem_ctime = ipc_seconds();

	retval = ipc_addid(&sem_ids(ns), &sma->sem_perm, ns->sc_semmni);
	if (retval < 0) {
		ipc_rcu_putref(&sma->sem_perm, sem_rcu_free);
		return retval;
	}
	ns->used_sems += nsems;
	ipc_unlock_object(&sma->sem_perm);
	return sma->sem_perm.id;
}

/* An existing set asked for with more semaphores than it has: EINVAL (C6). */
static int sem_more_checks(struct kern_ipc_perm *ipcp, struct ipc_params *params)
{
	return params->u.nsems > to_sma(ipcp)->sem_nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = {
	.getnew = newary,
	.more_checks = sem_more_checks,
};

long ksys_semget(key_t key, int nsems, int semflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_params sem_params = { .key = key, .flg = semflg, .u.nsems = nsems };

	if (nsems < 0 || nsems > ns->sc_semmsl)
		return -EINVAL;
	return ipcget(ns, &sem_ids(ns), &sem_ops, &sem_params);
}

SYSCALL_DEFINE3(semget, key_t, key, int, nsems, int, semflg)
{
	return ksys_semget(key, nsems, semflg);
}

/* ---- semctl -------------------------------------------------------------------- */

/* SETVAL: out of 0..SEMVMX is ERANGE; everyone's adjustments for it are cleared (C12). */
static int semctl_setval(struct ipc_namespace *ns, int semid, int semnum, int val)
{
	struct kern_ipc_perm *ipcp;
	struct sem_array *sma;
	int err = 0;

	if (val > SEMVMX || val < 0)
		return -ERANGE;
	ipcp = ipc_lock_check(&sem_ids(ns), semid);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	if (semnum < 0 || semnum >= sma->sem_nsems) {
		err = -EINVAL;
	} else if (ipcperms(ns, ipcp, S_IWUGO)) {
		err = -EACCES;
	} else {
		sem_undo_clear(sma, semnum);
		sma->sems[semnum].semval = val;
		ipc_update_pid(&sma->sems[semnum].sempid, task_tgid(current));
		sma->sem_ctime = ipc_seconds();
		update_queue(sma);
	}
	ipc_unlock_object(ipcp);
	return err;
}

/* SETALL from @vals: all in range, or nothing changes. */
static int sem_setall(struct sem_array *sma, const unsigned short *vals)
{
	int i;

	for (i = 0; i < sma->sem_nsems; i++)
		if (vals[i] > SEMVMX)
			return -ERANGE;
	sem_undo_clear(sma, -1);
	for (i = 0; i < sma->sem_nsems; i++) {
		sma->sems[i].semval = vals[i];
		ipc_update_pid(&sma->sems[i].sempid, task_tgid(current));
	}
	sma->sem_ctime = ipc_seconds();
	update_queue(sma);
	return 0;
}

/* GETALL and SETALL: the values go through a buffer allocated while the set is held. */
static int semctl_all(struct sem_array *sma, int cmd, void *p)
{
	unsigned short *vals;
	int i, nsems = sma->sem_nsems, err = 0;

	ipc_rcu_getref(&sma->sem_perm);
	ipc_unlock_object(&sma->sem_perm);
	vals = kcalloc(nsems, sizeof(*vals), GFP_KERNEL);
	if (vals && cmd == SETALL && copy_from_user(vals, p, nsems * sizeof(*vals)))
		err = -EFAULT;
	if (!ipc_relock_putref(&sma->sem_perm, sem_rcu_free)) {
		kfree(vals);
		return -EIDRM;
	}
	if (!vals)
		err = -ENOMEM;
	else if (!err && cmd == SETALL)
		err = sem_setall(sma, vals);
	else if (!err)
		for (i = 0; i < nsems; i++)
			vals[i] = sma->sems[i].semval;
	ipc_unlock_object(&sma->sem_perm);
	if (!err && cmd == GETALL && copy_to_user(p, vals, nsems * sizeof(*vals)))
		err = -EFAULT;
	kfree(vals);
	return err;
}

/* GETVAL, GETPID, GETNCNT, GETZCNT, GETALL, SETALL: read (or write) permission. */
static int semctl_main(struct ipc_namespace *ns, int semid, int semnum, int cmd, void *p)
{
	struct kern_ipc_perm *ipcp = ipc_lock_check(&sem_ids(ns), semid);
	struct sem_array *sma;
	int err;

	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	if (ipcperms(ns, ipcp, cmd == SETALL ? S_IWUGO : S_IRUGO))
		err = -EACCES;
	else if (cmd == GETALL || cmd == SETALL)
		return semctl_all(sma, cmd, p);	/* unlocks */
	else if (semnum < 0 || semnum >= sma->sem_nsems)
		err = -EINVAL;
	else if (cmd == GETVAL)
		err = sma->sems[semnum].semval;
	else if (cmd == GETPID)
		err = pid_vnr(sma->sems[semnum].sempid);	/* in the caller's pid namespace */
	else
		err = count_semcnt(sma, semnum, cmd == GETZCNT);
	ipc_unlock_object(ipcp);
	return err;
}

/* IPC_STAT (by id), SEM_STAT and SEM_STAT_ANY (by idx, returning the id). */
static int semctl_stat(struct ipc_namespace *ns, int semid, int cmd, struct semid64_ds *p)
{
	struct kern_ipc_perm *ipcp;
	struct sem_array *sma;
	int err;

	memset(p, 0, sizeof(*p));
	ipcp = ipc_lock_stat(ns, &sem_ids(ns), semid, cmd == IPC_STAT, cmd == SEM_STAT_ANY);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	sma = to_sma(ipcp);
	kernel_to_ipc64_perm(ipcp, &p->sem_perm);
	p->sem_otime = sma->sem_otime;
	p->sem_ctime = sma->sem_ctime;
	p->sem_nsems = sma->sem_nsems;
	err = cmd == IPC_STAT ? 0 : ipcp->id;
	ipc_unlock_object(ipcp);
	return err;
}

/* IPC_INFO and SEM_INFO. */
static int semctl_info(struct ipc_namespace *ns, int cmd, struct seminfo *seminfo)
{
	int max_idx;

	memset(seminfo, 0, sizeof(*seminfo));
	seminfo->semmni = ns->sc_semmni;
	seminfo->semmns = ns->sc_semmns;
	seminfo->semmsl = ns->sc_semmsl;
	seminfo->semopm = ns->sc_semopm;
	seminfo->semvmx = SEMVMX;
	seminfo->semmnu = SEMMNU;
	seminfo->semmap = SEMMAP;
	seminfo->semume = SEMUME;
	down_read(&sem_ids(ns).rwsem);
	seminfo->semusz = cmd == SEM_INFO ? sem_ids(ns).in_use : SEMUSZ;
	seminfo->semaem = cmd == SEM_INFO ? ns->used_sems : SEMAEM;
	max_idx = ipc_get_maxidx(&sem_ids(ns));
	up_read(&sem_ids(ns).rwsem);
	return max_idx < 0 ? 0 : max_idx;
}

/* Removes @ipcp (locked): sleepers fail with EIDRM, undo records go.  Unlocks. */
static void freeary(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp)
{
	struct sem_array *sma = to_sma(ipcp);
	int i;

	sem_undo_forget_set(sma);
	sem_wake_all(sma, -EIDRM);
	ipc_rmid(&sem_ids(ns), ipcp);
	ipc_unlock_object(ipcp);
	for (i = 0; i < sma->sem_nsems; i++)
		ipc_update_pid(&sma->sems[i].sempid, NULL);
	ns->used_sems -= sma->sem_nsems;
	ipc_rcu_putref(ipcp, sem_rcu_free);
}

/* IPC_SET and IPC_RMID: owner, creator or CAP_SYS_ADMIN (C8). */
static int semctl_down(struct ipc_namespace *ns, int semid, int cmd, struct semid64_ds *semid64)
{
	struct kern_ipc_perm *ipcp;
	int err = 0;

	down_write(&sem_ids(ns).rwsem);
	ipcp = ipcctl_obtain_check(ns, &sem_ids(ns), semid, cmd, &semid64->sem_perm);
	if (IS_ERR(ipcp)) {
		err = PTR_ERR(ipcp);
		goto out_up;
	}
	ipc_lock_object(ipcp);
	if (cmd == IPC_RMID) {
		freeary(ns, ipcp);
		goto out_up;
	}
	err = ipc_update_perm(&semid64->sem_perm, ipcp);
	if (!err)
		to_sma(ipcp)->sem_ctime = ipc_seconds();
	ipc_unlock_object(ipcp);
out_up:
	up_write(&sem_ids(ns).rwsem);
	return err;
}

static long ksys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	void *p = (void *)arg;
	struct semid64_ds semid64;
	struct seminfo seminfo;
	int err;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		err = semctl_info(ns, cmd, &seminfo);
		return copy_to_user(p, &seminfo, sizeof(seminfo)) ? -EFAULT : err;
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		err = semctl_stat(ns, semid, cmd, &semid64);
		if (err >= 0 && copy_to_user(p, &semid64, sizeof(semid64)))
			return -EFAULT;
		return err;
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return semctl_main(ns, semid, semnum, cmd, p);
	case SETVAL:
		return semctl_setval(ns, semid, semnum, (int)arg);	/* the low half, little-endian */
	case IPC_SET:
		if (copy_from_user(&semid64, p, sizeof(semid64)))
			return -EFAULT;
		return semctl_down(ns, semid, cmd, &semid64);
	case IPC_RMID:
		return semctl_down(ns, semid, cmd, &semid64);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd, unsigned long, arg)
{
	return ksys_semctl(semid, semnum, cmd, arg);
}

/* ---- the namespace and /proc ------------------------------------------------------- */

void sem_init_ns(struct ipc_namespace *ns)
{
	ns->sc_semmsl = SEMMSL;
	ns->sc_semmns = SEMMNS;
	ns->sc_semopm = SEMOPM;
	ns->sc_semmni = SEMMNI;
	ns->used_sems = 0;
	ipc_init_ids(&ns->ids[IPC_SEM_IDS]);
}

void sem_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, &sem_ids(ns), freeary);
}

static int sysvipc_sem_proc_show(struct seq_file *s, void *it)
{
	struct user_namespace *user_ns = ipc_seq_user_ns(s);
	struct kern_ipc_perm *ipcp = it;
	struct sem_array *sma = to_sma(ipcp);

	seq_printf(s, "%10d %10d  %4o %10u %5u %5u %5u %5u %10llu %10llu\n",
		   ipcp->key, ipcp->id, ipcp->mode, sma->sem_nsems,
		   from_kuid_munged(user_ns, ipcp->uid), from_kgid_munged(user_ns, ipcp->gid),
		   from_kuid_munged(user_ns, ipcp->cuid), from_kgid_munged(user_ns, ipcp->cgid),
		   (unsigned long long)sma->sem_otime, (unsigned long long)sma->sem_ctime);
	return 0;
}

void __init sem_init(void)
{
	sem_init_ns(&init_ipc_ns);
	ipc_init_proc_interface("sysvipc/sem",
		"       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n",
		IPC_SEM_IDS, sysvipc_sem_proc_show);
}
