/*
 * ipc/util.c: the machinery System V messages, semaphores and shared
 * memory share: ids, keys, permissions, /proc/sysvipc, and ipc_init.
 *
 * An object's id is ipc_buildid(idx, seq): idx is its slot in the
 * namespace's ipcs_idr, handed out cyclically so that a removed object's
 * slot is not reused at once, and seq moves on each time the slots wrap,
 * so a stale id names nothing (EINVAL) instead of a newer object (C4).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/time.h>
#include <linux/pid_namespace.h>
#include "util.h"

/* Below this many slots, idxs cycle through at least this many (Linux's ipc_min_cycle). */
#define IPC_MIN_CYCLE	64

struct ipc_proc_iface {
	const char *header;
	int ids;
	int (*show)(struct seq_file *, void *);
};

/* One open of a /proc/sysvipc file (Linux's ipc_proc_iter). */
struct ipc_proc_iter {
	struct ipc_namespace *ns;	/* the opener's, held until the close */
	struct pid_namespace *pid_ns;	/* the opener's: the pids it shows */
	struct ipc_proc_iface *iface;
};

struct pid_namespace *ipc_seq_pid_ns(struct seq_file *s)
{
	return ((struct ipc_proc_iter *)s->private)->pid_ns;
}

/* Linux's seq_user_ns: the opener's credentials', not the reader's. */
struct user_namespace *ipc_seq_user_ns(struct seq_file *s)
{
	return s->file->f_cred->user_ns;
}

/*
 * The System V IPC boot step, a device initcall as in Linux: the
 * initial namespace's semaphores, messages and shared memory (the rest of
 * its shared memory set-up ran at pure_initcall time, ipc_ns_init).
 */
static int __init ipc_init(void)
{
	sem_init();
	msg_init();
	shm_init();
	return 0;
}
device_initcall(ipc_init);

long ipc_seconds(void)
{
	return ktime_get_real_ns() / NSEC_PER_SEC;
}

void ipc_init_ids(struct ipc_ids *ids)
{
	ids->in_use = 0;
	ids->seq = 0;
	init_rwsem(&ids->rwsem);
	idr_init(&ids->ipcs_idr);
	ids->max_idx = -1;
	ids->last_idx = -1;
	ids->next_id = -1;
}

/* The object with @key, or NULL.  Called with ids->rwsem held. */
static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, key_t key)
{
	struct kern_ipc_perm *ipcp;
	int idx;

	idr_for_each_entry(&ids->ipcs_idr, ipcp, idx)
		if (ipcp->key == key)
			return ipcp;
	return NULL;
}

/*
 * A slot for @new, and its seq: as Linux's ipc_idr_alloc.  The cycle
 * grows with the number of objects, so ids stay small when few exist.
 */
static int ipc_idr_alloc(struct ipc_ids *ids, struct kern_ipc_perm *new)
{
#ifndef LAB_IPC	/* LAB ipc: ipc_idr_alloc */
	int idx, next_id = ids->next_id, max_idx;

	ids->next_id = -1;
	if (next_id >= 0) {		/* kernel.*_next_id asked for this id */
		new->seq = ipcid_to_seqx(next_id);
		idx = idr_alloc(&ids->ipcs_idr, new, ipcid_to_idx(next_id), IPCMNI, GFP_KERNEL);
	} else {
		max_idx = min(max(ids->in_use * 3 / 2, IPC_MIN_CYCLE), IPCMNI);
		idx = idr_alloc_cyclic(&ids->ipcs_idr, new, 0, max_idx, GFP_KERNEL);
		if (idx >= 0) {
			if (idx <= ids->last_idx && ++ids->seq >= IPCID_SEQ_MAX)
				ids->seq = 0;
			ids->last_idx = idx;
			new->seq = ids->seq;
		}
	}
	if (idx >= 0)
		new->id = ipc_buildid(idx, new->seq);
	return idx;
#else
	/*
	 * TODO (lab ipc, step 3): slots handed out cyclically, and seq moving
	 * on at each wrap.  This stub takes the lowest free slot with seq 0,
	 * so a removed object's id names the next object at once, and it
	 * ignores kernel.*_next_id.
	 */
	int idx = idr_alloc(&ids->ipcs_idr, new, 0, IPCMNI, GFP_KERNEL);

	new->seq = 0;
	if (idx >= 0)
		new->id = ipc_buildid(idx, new->seq);
	return idx;
#endif	/* LAB_IPC */
}

/*
 * Adds @new to @ids, owned and created by the caller's euid and egid;
 * -ENOSPC at @limit objects.  On success @new is returned locked, with
 * the ids' reference on it.  Called with ids->rwsem held for writing.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit)
{
	int idx;

	atomic_set(&new->refcount, 1);
	if (limit > IPCMNI)
		limit = IPCMNI;
	if (ids->in_use >= limit)
		return -ENOSPC;
	spin_lock_init(&new->lock);
	new->cuid = new->uid = current_euid();
	new->gid = new->cgid = current_egid();
	new->deleted = false;
	idx = ipc_idr_alloc(ids, new);
	if (idx < 0) {
		new->deleted = true;
		return idx;
	}
	spin_lock(&new->lock);
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	return idx;
}

/* Takes @ipcp out of @ids.  Called with ids->rwsem written and the object locked. */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp)
{
	int idx = ipcid_to_idx(ipcp->id);

	idr_remove(&ids->ipcs_idr, idx);
	ids->in_use--;
	ipcp->deleted = true;
	if (idx == ids->max_idx) {
		do {
			idx--;
		} while (idx >= 0 && !idr_find(&ids->ipcs_idr, idx));
		ids->max_idx = idx;
	}
}

/* A removed but still attached segment: no key finds it any more (C14). */
void ipc_set_key_private(struct ipc_ids *ids, struct kern_ipc_perm *ipcp)
{
	(void)ids;
	ipcp->key = IPC_PRIVATE;
}

int ipc_get_maxidx(struct ipc_ids *ids)
{
	return ids->in_use ? ids->max_idx : -1;
}

/* An existing object for a *get(): the size check, then permission (C6). */
static int ipc_check_perms(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp,
			   const struct ipc_ops *ops, struct ipc_params *params)
{
	int err;

	if (ipcperms(ns, ipcp, params->flg))
		return -EACCES;
	err = ops->associate ? ops->associate(ipcp, params->flg) : 0;
	return err ? err : ipcp->id;
}

static int ipcget_public(struct ipc_namespace *ns, struct ipc_ids *ids,
			 const struct ipc_ops *ops, struct ipc_params *params)
{
	struct kern_ipc_perm *ipcp;
	int flg = params->flg, err;

	down_write(&ids->rwsem);
	ipcp = ipc_findkey(ids, params->key);
	if (!ipcp) {
		err = (flg & IPC_CREAT) ? ops->getnew(ns, params) : -ENOENT;
	} else if ((flg & IPC_CREAT) && (flg & IPC_EXCL)) {
		err = -EEXIST;
	} else {
		ipc_lock_object(ipcp);
		err = ops->more_checks ? ops->more_checks(ipcp, params) : 0;
		if (!err)
			err = ipc_check_perms(ns, ipcp, ops, params);
		ipc_unlock_object(ipcp);
	}
	up_write(&ids->rwsem);
	return err;
}

/* The common part of msgget, semget and shmget: IPC_PRIVATE always creates. */
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids, const struct ipc_ops *ops,
	   struct ipc_params *params)
{
	int err;

	if (params->key != IPC_PRIVATE)
		return ipcget_public(ns, ids, ops, params);
	down_write(&ids->rwsem);
	err = ops->getnew(ns, params);
	up_write(&ids->rwsem);
	return err;
}

/*
 * May the caller do @flg (S_IRUGO, S_IWUGO) to @ipcp?  0 or -1.  The
 * owner's bits apply to the owner and the creator, the group's to their
 * groups, the others' to the rest; CAP_IPC_OWNER in the namespace's user
 * namespace overrides (C7).
 */
int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp, short flg)
{
	kuid_t euid = current_euid();
	int requested_mode = (flg >> 6) | (flg >> 3) | flg;
	int granted_mode = ipcp->mode;

	if (uid_eq(euid, ipcp->cuid) || uid_eq(euid, ipcp->uid))
		granted_mode >>= 6;
	else if (in_group_p(ipcp->cgid) || in_group_p(ipcp->gid))
		granted_mode >>= 3;
	if ((requested_mode & ~granted_mode & 0007) &&
	    !ns_capable(ns->user_ns, CAP_IPC_OWNER))
		return -1;
	return 0;
}

/* For IPC_STAT: ids as the caller's user namespace sees them. */
void kernel_to_ipc64_perm(struct kern_ipc_perm *in, struct ipc64_perm *out)
{
	struct user_namespace *user_ns = current_user_ns();

	memset(out, 0, sizeof(*out));
	out->key = in->key;
	out->uid = from_kuid_munged(user_ns, in->uid);
	out->gid = from_kgid_munged(user_ns, in->gid);
	out->cuid = from_kuid_munged(user_ns, in->cuid);
	out->cgid = from_kgid_munged(user_ns, in->cgid);
	out->mode = in->mode;
	out->seq = in->seq;
}

/* For IPC_SET: the new owner and permission bits; ids unmapped here are EINVAL. */
int ipc_update_perm(struct ipc64_perm *in, struct kern_ipc_perm *out)
{
	kuid_t uid = make_kuid(current_user_ns(), in->uid);
	kgid_t gid = make_kgid(current_user_ns(), in->gid);

	if (!uid_valid(uid) || !gid_valid(gid))
		return -EINVAL;
	out->uid = uid;
	out->gid = gid;
	out->mode = (out->mode & ~S_IRWXUGO) | (in->mode & S_IRWXUGO);
	return 0;
}

/* The object in @id's slot, whatever its seq (the *_STAT commands take an idx). */
struct kern_ipc_perm *ipc_obtain_object_idr(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *out = idr_find(&ids->ipcs_idr, ipcid_to_idx(id));

	return out ? out : ERR_PTR(-EINVAL);
}

/* The object named by @id, or -EINVAL for an empty slot or a stale seq. */
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *out = ipc_obtain_object_idr(ids, id);

	if (!IS_ERR(out) && ipc_checkid(out, id))
		return ERR_PTR(-EINVAL);
	return out;
}

/*
 * For IPC_SET and IPC_RMID: the object, if the caller owns or created it
 * or has CAP_SYS_ADMIN over the namespace; else -EPERM (C8).
 */
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_namespace *ns, struct ipc_ids *ids,
					  int id, int cmd, struct ipc64_perm *perm)
{
	struct kern_ipc_perm *ipcp = ipc_obtain_object_check(ids, id);
	kuid_t euid = current_euid();

	(void)cmd;
	(void)perm;
	if (IS_ERR(ipcp))
		return ipcp;
	if (uid_eq(euid, ipcp->cuid) || uid_eq(euid, ipcp->uid) ||
	    ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return ipcp;
	return ERR_PTR(-EPERM);
}

void ipc_rcu_getref(struct kern_ipc_perm *ptr)
{
	atomic_inc(&ptr->refcount);
}

/* Drops a reference; the last one frees the object with @func. */
void ipc_rcu_putref(struct kern_ipc_perm *ptr, void (*func)(struct kern_ipc_perm *))
{
	if (atomic_dec_and_test(&ptr->refcount))
		func(ptr);
}

/*
 * After a sleep with a reference held: relocks @perm and drops the
 * reference.  False, with the object unlocked (and maybe freed by @func),
 * if it was removed meanwhile: Linux's ipc_lock_object, ipc_rcu_putref
 * and ipc_valid_object after a sleep in do_msgsnd, do_msgrcv, semop.
 */
bool ipc_relock_putref(struct kern_ipc_perm *perm, void (*func)(struct kern_ipc_perm *))
{
	ipc_lock_object(perm);
	if (ipc_valid_object(perm)) {
		atomic_dec(&perm->refcount);	/* the ids hold another */
		return true;
	}
	ipc_unlock_object(perm);
	ipc_rcu_putref(perm, func);
	return false;
}

/*
 * A dying namespace: @free (freeque, freeary, do_shm_rmid) each object,
 * locked, under the ids' rwsem written, as Linux's free_ipcs.
 */
void free_ipcs(struct ipc_namespace *ns, struct ipc_ids *ids,
	       void (*free)(struct ipc_namespace *, struct kern_ipc_perm *))
{
#ifndef LAB_IPC	/* LAB ipc: free_ipcs */
	struct kern_ipc_perm *perm;
	int idx;

	down_write(&ids->rwsem);
	idr_for_each_entry(&ids->ipcs_idr, perm, idx) {
		ipc_lock_object(perm);
		free(ns, perm);		/* unlocks */
	}
	up_write(&ids->rwsem);
#else
	/*
	 * TODO (lab ipc, step 2): every object of the dying namespace goes.
	 * This stub forgets them: their memory, and any segment still
	 * attached, outlive the namespace.
	 */
	(void)ns;
	(void)free;
#endif	/* LAB_IPC */
	idr_destroy(&ids->ipcs_idr);
}

/*
 * /proc/sysvipc/FILE: the header, then a row per object of the opener's
 * namespace, on every read (a reader that moved to another namespace
 * with setns still reads the one it opened in, as Linux's
 * sysvipc_proc_start reads iter->ns).
 */
static int sysvipc_proc_show(struct seq_file *m, void *v)
{
	struct ipc_proc_iter *iter = v;
	struct ipc_proc_iface *iface = iter->iface;
	struct ipc_ids *ids = &iter->ns->ids[iface->ids];
	struct kern_ipc_perm *perm;
	int idx;

	seq_puts(m, iface->header);
	down_read(&ids->rwsem);
	idr_for_each_entry(&ids->ipcs_idr, perm, idx) {
		ipc_lock_object(perm);
		iface->show(m, perm);
		ipc_unlock_object(perm);
	}
	up_read(&ids->rwsem);
	return 0;
}

/* Takes the opener's namespace; the text is made at each read from 0 (Linux's sysvipc_proc_open). */
static int sysvipc_proc_open(struct inode *inode, struct file *f)
{
	struct ipc_proc_iter *iter = kmalloc(sizeof(*iter), GFP_KERNEL);
	int err;

	(void)inode;
	if (!iter)
		return -ENOMEM;
	iter->iface = proc_entry_data(f);
	iter->ns = get_ipc_ns(current_ipc_ns());
	iter->pid_ns = get_pid_ns(task_active_pid_ns(current));
	err = proc_seq_open_at_read(f, sysvipc_proc_show, iter, iter);
	if (err)
		goto out_put;
	return 0;
out_put:
	put_pid_ns(iter->pid_ns);
	put_ipc_ns(iter->ns);
	kfree(iter);
	return err;
}

static int sysvipc_proc_release(struct inode *inode, struct file *f)
{
	struct ipc_proc_iter *iter = ((struct seq_file *)f->private_data)->private;

	put_pid_ns(iter->pid_ns);
	put_ipc_ns(iter->ns);
	kfree(iter);
	return proc_seq_release(inode, f);
}

static const struct file_operations sysvipc_proc_fops = {
	.open		= sysvipc_proc_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= sysvipc_proc_release,
};

void __init ipc_init_proc_interface(const char *path, const char *header, int ids,
				    int (*show)(struct seq_file *, void *))
{
	struct ipc_proc_iface *iface = kmalloc(sizeof(*iface), GFP_KERNEL);

	if (!iface)
		return;
	iface->header = header;
	iface->ids = ids;
	iface->show = show;
	if (!proc_create_data(path, 0444, &sysvipc_proc_fops, iface))
		kfree(iface);
}

static struct kern_ipc_perm *ipc_lock_by(struct ipc_ids *ids, int id, bool check)
{
	struct kern_ipc_perm *out;

	down_read(&ids->rwsem);
	out = check ? ipc_obtain_object_check(ids, id) : ipc_obtain_object_idr(ids, id);
	if (!IS_ERR(out))
		ipc_lock_object(out);
	up_read(&ids->rwsem);
	return out;
}

/* The object in @id's slot, locked (the *_STAT commands name a slot). */
struct kern_ipc_perm *ipc_lock(struct ipc_ids *ids, int id)
{
	return ipc_lock_by(ids, id, false);
}

/* The object @id names, locked; -EINVAL for an empty slot or a stale id. */
struct kern_ipc_perm *ipc_lock_check(struct ipc_ids *ids, int id)
{
	return ipc_lock_by(ids, id, true);
}

/*
 * What IPC_STAT (@by_id: @id is an id) or a *_STAT, *_STAT_ANY command
 * (@id is a slot) reports on, locked; -EACCES without read permission,
 * which *_STAT_ANY (@any) does not need: as Linux's msgctl_stat,
 * semctl_stat and shmctl_stat begin.
 */
struct kern_ipc_perm *ipc_lock_stat(struct ipc_namespace *ns, struct ipc_ids *ids, int id,
				    bool by_id, bool any)
{
	struct kern_ipc_perm *ipcp = ipc_lock_by(ids, id, by_id);

	if (IS_ERR(ipcp) || any || !ipcperms(ns, ipcp, S_IRUGO))
		return ipcp;
	ipc_unlock_object(ipcp);
	return ERR_PTR(-EACCES);
}
