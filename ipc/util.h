/*
 * ipc/util.h: what the System V IPC files share inside ipc/.
 *
 * The id allocator and key lookup (ipc_addid, ipc_findkey, ipcget), the
 * permission checks (ipcperms, ipcctl_obtain_check), the object lookup by
 * id (ipc_obtain_object_check) and the reference counts that keep an
 * object alive for a task that slept on it (ipc_rcu_getref/putref).
 *
 * Locking, as Linux's with a read lock on ids->rwsem where Linux uses RCU:
 * ids->rwsem (read to look up, write to add or remove), then the object's
 * spinlock kern_ipc_perm.lock for its contents.  A task that must sleep
 * takes a reference, drops both, sleeps, retakes both and checks
 * ipc_valid_object(): the object may have been removed meanwhile.
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include <linux/ipc.h>
#include <linux/ipc_namespace.h>
#include <linux/seq_file.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>

#define msg_ids(ns)	((ns)->ids[IPC_MSG_IDS])
#define sem_ids(ns)	((ns)->ids[IPC_SEM_IDS])
#define shm_ids(ns)	((ns)->ids[IPC_SHM_IDS])

/* The arguments of a *get() call that the per-kind callbacks need. */
struct ipc_params {
	key_t key;
	int flg;
	union {
		size_t size;	/* shmget */
		int nsems;	/* semget */
	} u;
};

/*
 * What ipcget() asks of each kind: make a new object (getnew), check an
 * existing one against the call (more_checks: a size too large), and
 * agree to hand it out (associate).
 */
struct ipc_ops {
	int (*getnew)(struct ipc_namespace *ns, struct ipc_params *params);
	int (*associate)(struct kern_ipc_perm *perm, int flg);
	int (*more_checks)(struct kern_ipc_perm *perm, struct ipc_params *params);
};

static inline int ipcid_to_idx(int id)
{
	return id & (IPCMNI - 1);
}

static inline int ipcid_to_seqx(int id)
{
	return id >> IPCMNI_SHIFT;
}

static inline int ipc_buildid(int idx, int seq)
{
	return (seq << IPCMNI_SHIFT) + idx;
}

static inline int ipc_checkid(struct kern_ipc_perm *ipcp, int id)
{
	return ipcid_to_seqx(id) != (int)ipcp->seq;
}

static inline void ipc_lock_object(struct kern_ipc_perm *perm)
{
	spin_lock(&perm->lock);
}

static inline void ipc_unlock_object(struct kern_ipc_perm *perm)
{
	spin_unlock(&perm->lock);
}

/* False once the object has been removed (it may live on for sleepers). */
static inline bool ipc_valid_object(struct kern_ipc_perm *perm)
{
	return !perm->deleted;
}

static inline struct ipc_namespace *current_ipc_ns(void)
{
	return current->nsproxy->ipc_ns;
}

void ipc_init_ids(struct ipc_ids *ids);
void ipc_init_proc_interface(const char *path, const char *header, int ids,
			     int (*show)(struct seq_file *, void *));
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp);
void ipc_set_key_private(struct ipc_ids *ids, struct kern_ipc_perm *ipcp);
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids, const struct ipc_ops *ops,
	   struct ipc_params *params);
int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp, short flg);
void kernel_to_ipc64_perm(struct kern_ipc_perm *in, struct ipc64_perm *out);
int ipc_update_perm(struct ipc64_perm *in, struct kern_ipc_perm *out);
struct kern_ipc_perm *ipc_obtain_object_idr(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_lock(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_lock_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_lock_stat(struct ipc_namespace *ns, struct ipc_ids *ids, int id,
				    bool by_id, bool any);
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_namespace *ns, struct ipc_ids *ids,
					  int id, int cmd, struct ipc64_perm *perm);
int ipc_get_maxidx(struct ipc_ids *ids);
void ipc_rcu_getref(struct kern_ipc_perm *ptr);
void ipc_rcu_putref(struct kern_ipc_perm *ptr, void (*func)(struct kern_ipc_perm *));
bool ipc_relock_putref(struct kern_ipc_perm *perm, void (*func)(struct kern_ipc_perm *));
void free_ipcs(struct ipc_namespace *ns, struct ipc_ids *ids,
	       void (*free)(struct ipc_namespace *, struct kern_ipc_perm *));
long ipc_seconds(void);

/* The per-kind parts of boot (ipc_init) and of the sysctls. */
void sem_init(void);
void msg_init(void);
void shm_init(void);
extern spinlock_t mq_lock;
void mq_register_sysctl_table(void);
void shm_destroy_orphaned(struct ipc_namespace *ns);

/*
 * Makes *@pos hold @pid (NULL: none): a reference on the new one, the old
 * one put (Linux's ipc_update_pid).  The objects keep the struct pid of
 * their last sender, creator or changer, not a number: each reader is
 * told the number it has in its own pid namespace.  Under the object's
 * lock.
 */
static inline void ipc_update_pid(struct pid **pos, struct pid *pid)
{
	struct pid *old = *pos;

	if (old != pid) {
		*pos = get_pid(pid);
		put_pid(old);
	}
}

/* The pid and user namespaces a /proc/sysvipc file reports numbers in (its opener's). */
struct pid_namespace *ipc_seq_pid_ns(struct seq_file *s);
struct user_namespace *ipc_seq_user_ns(struct seq_file *s);

#endif
