/*
 * kernel/utsname.c: UTS namespaces: creating, sharing, entering, freeing.
 *
 * A UTS namespace holds the names uname(2) reports: each has its own host
 * and domain name, so a container can be "web1" while the machine is
 * "matryoshka".  clone or unshare with CLONE_NEWUTS makes one whose names
 * start as a copy of the creator's (clone_uts_ns); without the flag the
 * namespace is shared (copy_utsname).  The user namespace it is created
 * in owns it: sethostname needs CAP_SYS_ADMIN there.  utsns_operations
 * let /proc/PID/ns/uts and setns(2) reach it.
 *
 * init_uts_ns, which Linux keeps in init/version.c, is here with its
 * namespace code; the system calls are in kernel/sys_utsname.c and the
 * sysctls in kernel/utsname_sysctl.c.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/user_namespace.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/uts.h>
#include <linux/utsname.h>

/*
 * Two references: init_nsproxy's, and one nobody ever drops, so the
 * initial namespace is never freed (Linux's KREF_INIT(2)).
 */
struct uts_namespace init_uts_ns = {
	.kref = KREF_INIT(2),
	.name = {
		.sysname	= UTS_SYSNAME,
		.nodename	= UTS_NODENAME,
		.release	= UTS_RELEASE,
		.version	= UTS_VERSION,
		.machine	= UTS_MACHINE,
		.domainname	= UTS_DOMAINNAME,
	},
	.user_ns	= &init_user_ns,
	.ns.inum	= PROC_UTS_INIT_INO,
	.ns.ops		= &utsns_operations,
};

static struct kmem_cache *uts_ns_cache;

/* Called from start_kernel, after proc_caches_init, as Linux's uts_ns_init. */
void uts_ns_init(void)
{
	uts_ns_cache = kmem_cache_create("uts_namespace", sizeof(struct uts_namespace), 0,
					 SLAB_PANIC, NULL);
}

static struct uts_namespace *create_uts_ns(void)
{
	struct uts_namespace *uts_ns = kmem_cache_alloc(uts_ns_cache, GFP_KERNEL);

	if (uts_ns)
		kref_init(&uts_ns->kref);
	return uts_ns;
}

/*
 * A new namespace owned by @user_ns, with @old_ns's names as they are
 * now: read under uts_sem, so a concurrent sethostname is seen whole or
 * not at all (Linux's clone_uts_ns).
 */
static struct uts_namespace *clone_uts_ns(struct user_namespace *user_ns,
					  struct uts_namespace *old_ns)
{
	struct uts_namespace *ns;
	int err;

	err = -ENOMEM;
	ns = create_uts_ns();
	if (!ns)
		goto fail;

	err = ns_alloc_inum(&ns->ns);
	if (err)
		goto fail_free;
	ns->ns.ops = &utsns_operations;

	down_read(&uts_sem);
	memcpy(&ns->name, &old_ns->name, sizeof(ns->name));
	ns->user_ns = get_user_ns(user_ns);
	up_read(&uts_sem);
	return ns;

fail_free:
	kmem_cache_free(uts_ns_cache, ns);
fail:
	return ERR_PTR(err);
}

/*
 * clone/unshare: the parent's namespace, shared, unless CLONE_NEWUTS asks
 * for a new one.  Whether the caller may create one (CAP_SYS_ADMIN over
 * @user_ns) was decided by copy_namespaces or unshare_nsproxy_namespaces.
 */
struct uts_namespace *copy_utsname(unsigned long flags, struct user_namespace *user_ns,
				   struct uts_namespace *old_ns)
{
	struct uts_namespace *new_ns;

	get_uts_ns(old_ns);
	if (!(flags & CLONE_NEWUTS))
		return old_ns;
	new_ns = clone_uts_ns(user_ns, old_ns);
	put_uts_ns(old_ns);
	return new_ns;
}

void free_uts_ns(struct kref *kref)
{
	struct uts_namespace *ns = container_of(kref, struct uts_namespace, kref);

	put_user_ns(ns->user_ns);
	ns_free_inum(&ns->ns);
	kmem_cache_free(uts_ns_cache, ns);
}

static inline struct uts_namespace *to_uts_ns(struct ns_common *ns)
{
	return container_of(ns, struct uts_namespace, ns);
}

/* Called under tasklist_lock (ns_get_path), which keeps @task's nsproxy. */
static struct ns_common *utsns_get(struct task_struct *task)
{
	struct uts_namespace *ns = NULL;

	if (task->nsproxy) {
		ns = task->nsproxy->uts_ns;
		get_uts_ns(ns);
	}
	return ns ? &ns->ns : NULL;
}

static void utsns_put(struct ns_common *ns)
{
	put_uts_ns(to_uts_ns(ns));
}

/*
 * setns(fd, CLONE_NEWUTS): CAP_SYS_ADMIN over the namespace's owner and
 * over our own user namespace, as Linux's utsns_install.
 */
static int utsns_install(struct nsproxy *nsproxy, struct ns_common *new)
{
	struct uts_namespace *ns = to_uts_ns(new);

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(current_user_ns(), CAP_SYS_ADMIN))
		return -EPERM;
	get_uts_ns(ns);
	put_uts_ns(nsproxy->uts_ns);
	nsproxy->uts_ns = ns;
	return 0;
}

static struct user_namespace *utsns_owner(struct ns_common *ns)
{
	return to_uts_ns(ns)->user_ns;
}

const struct proc_ns_operations utsns_operations = {
	.name		= "uts",
	.type		= CLONE_NEWUTS,
	.get		= utsns_get,
	.put		= utsns_put,
	.install	= utsns_install,
	.owner		= utsns_owner,
};
