/*
 * ns/nsproxy.c: a task's set of namespaces.
 *
 * clone() without CLONE_NEW* flags shares the parent's nsproxy; with
 * them, create_new_namespaces() builds a new one, copying (sharing) the
 * unchanged namespaces and creating the requested ones.  Creation needs
 * CAP_SYS_ADMIN in the user namespace that will own the new namespaces:
 * when CLONE_NEWUSER came too, that is the brand-new one, which is why
 * an unprivileged user can create namespaces inside it (part D4).
 */
#include <linux/kernel.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/pid_namespace.h>
#include <linux/ipc_namespace.h>
#include <linux/utsname.h>
#include <linux/mount.h>

static struct kmem_cache *nsproxy_cachep;

struct nsproxy init_nsproxy = {
	.count = ATOMIC_INIT(1),
	.uts_ns = &init_uts_ns,
	.ipc_ns = &init_ipc_ns,
	.pid_ns_for_children = &init_pid_ns,
};

#define CLONE_NEW_ANY	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | \
			 CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME)

/*
 * The namespace types this kernel lacks, checked after the capability
 * (an unprivileged caller gets EPERM, as on any Linux).  A privileged
 * caller gets what a Linux built without them gives: EINVAL for the
 * network and time namespaces (copy_net_ns, copy_time_ns without
 * CONFIG_NET_NS, CONFIG_TIME_NS); CLONE_NEWCGROUP is accepted and has no
 * effect, as copy_cgroup_ns without CONFIG_CGROUPS: there are no cgroups
 * to see differently.
 */
static int check_missing_namespaces(unsigned long flags)
{
	return (flags & (CLONE_NEWNET | CLONE_NEWTIME)) ? -EINVAL : 0;
}

void nsproxy_cache_init(void)
{
	nsproxy_cachep = kmem_cache_create("nsproxy", sizeof(struct nsproxy), 0,
					   SLAB_PANIC, NULL);
}

static struct nsproxy *create_nsproxy(void)
{
	struct nsproxy *nsproxy = kmem_cache_alloc(nsproxy_cachep, GFP_KERNEL);

	if (nsproxy)
		atomic_set(&nsproxy->count, 1);
	return nsproxy;
}

/*
 * As Linux's create_new_namespaces: each copy_* shares unless its flag
 * asks for a new one, in Linux's order (mnt, uts, ipc, pid), and a
 * failure puts back what was already taken, in reverse.
 */
struct nsproxy *create_new_namespaces(unsigned long flags, struct task_struct *tsk,
				      struct user_namespace *user_ns, struct fs_struct *new_fs)
{
	struct nsproxy *new_nsp;
	int err;

	new_nsp = create_nsproxy();
	if (!new_nsp)
		return ERR_PTR(-ENOMEM);
	new_nsp->mnt_ns = copy_mnt_ns(flags, tsk->nsproxy->mnt_ns, user_ns, new_fs);
	if (IS_ERR(new_nsp->mnt_ns)) {
		err = PTR_ERR(new_nsp->mnt_ns);
		goto out_ns;
	}
	new_nsp->uts_ns = copy_utsname(flags, user_ns, tsk->nsproxy->uts_ns);
	if (IS_ERR(new_nsp->uts_ns)) {
		err = PTR_ERR(new_nsp->uts_ns);
		goto out_uts;
	}
	new_nsp->ipc_ns = copy_ipcs(flags, user_ns, tsk->nsproxy->ipc_ns);
	if (IS_ERR(new_nsp->ipc_ns)) {
		err = PTR_ERR(new_nsp->ipc_ns);
		goto out_ipc;
	}
	new_nsp->pid_ns_for_children =
		copy_pid_ns(flags, user_ns, tsk->nsproxy->pid_ns_for_children);
	if (IS_ERR(new_nsp->pid_ns_for_children)) {
		err = PTR_ERR(new_nsp->pid_ns_for_children);
		goto out_pid;
	}
	return new_nsp;

out_pid:
	put_ipc_ns(new_nsp->ipc_ns);
out_ipc:
	put_uts_ns(new_nsp->uts_ns);
out_uts:
	put_mnt_ns(new_nsp->mnt_ns);
out_ns:
	kmem_cache_free(nsproxy_cachep, new_nsp);
	return ERR_PTR(err);
}

/* Called from copy_process: share or build the child's nsproxy. */
int copy_namespaces(unsigned long flags, struct task_struct *tsk)
{
	struct nsproxy *old_ns = tsk->nsproxy;
	struct user_namespace *user_ns = tsk->cred->user_ns;
	struct nsproxy *new_ns;

	if (!(flags & CLONE_NEW_ANY)) {
		get_nsproxy(old_ns);
		return 0;
	}
	if (!ns_capable(user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (check_missing_namespaces(flags))
		return -EINVAL;
	new_ns = create_new_namespaces(flags, tsk, user_ns, tsk->fs);
	if (IS_ERR(new_ns))
		return PTR_ERR(new_ns);
	tsk->nsproxy = new_ns;
	return 0;
}

void free_nsproxy(struct nsproxy *ns)
{
	put_mnt_ns(ns->mnt_ns);
	put_uts_ns(ns->uts_ns);
	put_ipc_ns(ns->ipc_ns);
	put_pid_ns(ns->pid_ns_for_children);
	kmem_cache_free(nsproxy_cachep, ns);
}

void switch_task_namespaces(struct task_struct *p, struct nsproxy *new)
{
	struct nsproxy *ns;

	spin_lock_irq(&tasklist_lock);	/* readers of other tasks' nsproxy hold it */
	ns = p->nsproxy;
	p->nsproxy = new;
	spin_unlock_irq(&tasklist_lock);
	if (ns)
		put_nsproxy(ns);
}

void exit_task_namespaces(struct task_struct *p)
{
	switch_task_namespaces(p, NULL);
}

/* For unshare(2): the new nsproxy, or NULL in *new_nsp if nothing is asked. */
int unshare_nsproxy_namespaces(unsigned long flags, struct nsproxy **new_nsp,
			       struct cred *new_cred, struct fs_struct *new_fs)
{
	struct user_namespace *user_ns;
	int err = 0;

	*new_nsp = NULL;
	if (!(flags & CLONE_NEW_ANY))
		return 0;
	user_ns = new_cred ? new_cred->user_ns : current_user_ns();
	if (!ns_capable(user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (check_missing_namespaces(flags))
		return -EINVAL;
	*new_nsp = create_new_namespaces(flags, current, user_ns, new_fs);
	if (IS_ERR(*new_nsp)) {
		err = PTR_ERR(*new_nsp);
		*new_nsp = NULL;
	}
	return err;
}
