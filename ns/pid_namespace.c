/*
 * ns/pid_namespace.c: creating and destroying pid namespaces.
 *
 * create_pid_namespace() follows Linux v4.14: a child of the current
 * pid_ns_for_children, one level deeper (at most MAX_PID_NS_LEVEL), with
 * its own pidmap, its own inode number and a pid cache sized for its
 * depth.  A namespace lives while its pids, the nsproxies naming it as
 * pid_ns_for_children and its children namespaces hold references.
 */
#include <linux/kernel.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/nsproxy.h>
#include <linux/user_namespace.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/init.h>
#include <linux/signal.h>
#include <linux/wait_api.h>
#include <linux/quicklist.h>

static struct kmem_cache *pid_ns_cachep;

/*
 * The slab's constructor: a pidmap whose every number is free and that
 * has no page yet, in each namespace object once, when its slab is made
 * (mm/slab.c).  A namespace gives its object back in that state
 * (destroy_pid_namespace), so making one does not set its 128 entries
 * again, as Linux v4.14 did at each create_pid_namespace (Linux 4.15's
 * IDR starts empty at no cost either).
 */
static void pid_ns_ctor(void *obj)
{
	struct pid_namespace *ns = obj;
	struct pidmap *map;

	for (map = ns->pidmap; map < ns->pidmap + PIDMAP_ENTRIES; map++) {
		atomic_set(&map->nr_free, BITS_PER_PAGE);
		map->page = NULL;
	}
}

/* Entry @i's page back to the quicklist, and the entry as pid_ns_ctor left it. */
static void pidmap_release(struct pid_namespace *ns, int i)
{
	if (ns->pidmap[i].page)
		quicklist_free(QUICK_ZERO, ns->pidmap[i].page);
	ns->pidmap[i].page = NULL;
	atomic_set(&ns->pidmap[i].nr_free, BITS_PER_PAGE);
}

struct pid_namespace *create_pid_namespace(struct user_namespace *user_ns,
					   struct pid_namespace *parent_pid_ns)
{
	unsigned int level = parent_pid_ns->level + 1;
	struct pid_namespace *ns;
	int err;

	err = -ENOSPC;
	if (level > MAX_PID_NS_LEVEL)
		goto out;
	err = -ENOMEM;
	ns = kmem_cache_alloc(pid_ns_cachep, GFP_KERNEL);	/* its pidmap all free */
	if (ns == NULL)
		goto out;
	memset(&ns->last_pid, 0, sizeof(*ns) - offsetof(struct pid_namespace, last_pid));
	ns->pidmap[0].page = quicklist_alloc(QUICK_ZERO, GFP_KERNEL, NULL);
	if (!ns->pidmap[0].page)
		goto out_free;
	ns->pid_cachep = create_pid_cachep(level);
	if (ns->pid_cachep == NULL)
		goto out_free_map;
	err = ns_alloc_inum(&ns->ns);
	if (err)
		goto out_free_map;
	ns->ns.ops = &pidns_operations;
	kref_init(&ns->kref);
	ns->level = level;
	ns->pid_max = PID_MAX_LIMIT;	/* bounded by the ancestors' own limits */
	ns->parent = get_pid_ns(parent_pid_ns);
	ns->user_ns = get_user_ns(user_ns);
	ns->nr_hashed = PIDNS_HASH_ADDING;
	return ns;

out_free_map:
	pidmap_release(ns, 0);
out_free:
	kmem_cache_free(pid_ns_cachep, ns);
out:
	return ERR_PTR(err);
}

/*
 * Every pid is gone, so every bitmap page is zero again: they go to the
 * quicklist, and their entries back to pid_ns_ctor's "all free, no page"
 * (every nr_free is whole again) for the slab's next namespace.  None
 * lies above pid_high's (a page is made only to take a number there, and
 * every number taken was hashed or given back by alloc_pid's failure
 * path, both of which raise pid_high), so a young namespace looks at one
 * entry, not PIDMAP_ENTRIES.
 */
static void destroy_pid_namespace(struct pid_namespace *ns)
{
	int i, last = ns->pid_high / BITS_PER_PAGE;

	ns_free_inum(&ns->ns);
	for (i = 0; i <= last; i++)
		pidmap_release(ns, i);
	put_user_ns(ns->user_ns);
	kmem_cache_free(pid_ns_cachep, ns);
}

/* Without CLONE_NEWPID the children share the namespace; with it they start a new one. */
struct pid_namespace *copy_pid_ns(unsigned long flags, struct user_namespace *user_ns,
				  struct pid_namespace *old_ns)
{
	if (!(flags & CLONE_NEWPID))
		return get_pid_ns(old_ns);
	if (task_active_pid_ns(current) != old_ns)
		return ERR_PTR(-EINVAL);	/* already unshared: one new namespace at a time */
	return create_pid_namespace(user_ns, old_ns);
}

static void free_pid_ns(struct kref *kref)
{
	destroy_pid_namespace(container_of(kref, struct pid_namespace, kref));
}

/* Drops a reference; a namespace freed takes its reference on its parent with it. */
void put_pid_ns(struct pid_namespace *ns)
{
	struct pid_namespace *parent;

	while (ns != &init_pid_ns) {
		parent = ns->parent;
		if (!kref_put(&ns->kref, free_pid_ns))
			break;
		ns = parent;
	}
}

/* Is @ancestor @child itself or one of its ancestors? */
bool pidns_is_ancestor(struct pid_namespace *child, struct pid_namespace *ancestor)
{
	for (; child; child = child->parent)
		if (child == ancestor)
			return true;
	return false;
}

static struct ns_common *pidns_get(struct task_struct *task)
{
	struct pid_namespace *ns = task_active_pid_ns(task);

	return ns ? &get_pid_ns(ns)->ns : NULL;
}

static struct ns_common *pidns_for_children_get(struct task_struct *task)
{
	struct pid_namespace *ns = NULL;

	if (task->nsproxy) {
		ns = task->nsproxy->pid_ns_for_children;
		/* a namespace with no task yet cannot be entered (ENOENT at open) */
		if (ns->child_reaper || ns == &init_pid_ns)
			get_pid_ns(ns);
		else
			ns = NULL;
	}
	return ns ? &ns->ns : NULL;
}

static void pidns_put(struct ns_common *ns)
{
	put_pid_ns(container_of(ns, struct pid_namespace, ns));
}

/* setns(fd, CLONE_NEWPID): only into our own active namespace or below it (B14). */
static int pidns_install(struct nsproxy *nsproxy, struct ns_common *ns)
{
	struct pid_namespace *new = container_of(ns, struct pid_namespace, ns);
	struct pid_namespace *active = task_active_pid_ns(current);

	if (!ns_capable(new->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(current_user_ns(), CAP_SYS_ADMIN))
		return -EPERM;
	if (new->level < active->level || !pidns_is_ancestor(new, active))
		return -EINVAL;
	put_pid_ns(nsproxy->pid_ns_for_children);
	nsproxy->pid_ns_for_children = get_pid_ns(new);
	return 0;
}

static struct user_namespace *pidns_owner(struct ns_common *ns)
{
	return container_of(ns, struct pid_namespace, ns)->user_ns;
}

/*
 * The parent of @ns, with a reference; EPERM unless it is the caller's
 * active pid namespace or below it (Linux's pidns_get_parent).
 */
static struct ns_common *pidns_get_parent(struct ns_common *ns)
{
	struct pid_namespace *active = task_active_pid_ns(current), *parent, *p;

	parent = p = container_of(ns, struct pid_namespace, ns)->parent;
	for (;;) {
		if (!p)
			return ERR_PTR(-EPERM);
		if (p == active)
			break;
		p = p->parent;
	}
	return &get_pid_ns(parent)->ns;
}

const struct proc_ns_operations pidns_operations = {
	.name		= "pid",
	.type		= CLONE_NEWPID,
	.get		= pidns_get,
	.put		= pidns_put,
	.install	= pidns_install,
	.owner		= pidns_owner,
	.get_parent	= pidns_get_parent,
};

const struct proc_ns_operations pidns_for_children_operations = {
	.name		= "pid_for_children",
	.real_ns_name	= "pid",
	.type		= CLONE_NEWPID,
	.get		= pidns_for_children_get,
	.put		= pidns_put,
	.install	= pidns_install,
	.owner		= pidns_owner,
	.get_parent	= pidns_get_parent,
};

static int pid_namespaces_init(void)
{
	pid_ns_cachep = kmem_cache_create("pid_namespace", sizeof(struct pid_namespace), 0,
					  SLAB_PANIC, pid_ns_ctor);
	return 0;
}
device_initcall(pid_namespaces_init);

/*
 * The namespace's init is exiting: no new pids, SIGKILL to every other
 * task in it (nested namespaces included, since their tasks have numbers
 * here too), then wait until all of them are gone, as Linux's
 * zap_pid_ns_processes (part B12).
 */
void zap_pid_ns_processes(struct pid_namespace *pid_ns)
{
#ifndef LAB_PIDNS	/* LAB pidns: zap_pid_ns_processes */
	struct task_struct *me = current, *task;
	unsigned int init_pids = thread_group_leader(me) ? 1 : 2;
	int nr;

	disable_pid_allocation(pid_ns);
	spin_lock_irq(&me->sighand->siglock);
	me->sighand->action[SIGCHLD - 1].sa.sa_handler = SIG_IGN;	/* reap as they die */
	spin_unlock_irq(&me->sighand->siglock);
	spin_lock_irq(&tasklist_lock);
	for (nr = next_pidmap(pid_ns, 1); nr > 0; nr = next_pidmap(pid_ns, nr)) {
		task = pid_task(find_pid_ns(nr, pid_ns), PIDTYPE_PID);
		if (task && !__fatal_signal_pending(task))
			group_send_sig_info(SIGKILL, SEND_SIG_PRIV, task);
	}
	spin_unlock_irq(&tasklist_lock);
	/* reap the zombies we had before SIGCHLD was ignored */
	do {
		clear_tsk_thread_flag(current, TIF_SIGPENDING);
	} while (kernel_wait4(-1, NULL, __WALL, NULL) != -ECHILD);
	/* wait for the tasks that were not our children to be released */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (pid_ns->nr_hashed == init_pids)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	if (pid_ns->reboot)
		current->signal->group_exit_code = pid_ns->reboot;
#else
	/*
	 * TODO (lab pidns, step 1): kill every other task of @pid_ns, reap
	 * them, and wait until the last pid is gone.  This stub only stops
	 * new pids.
	 */
	disable_pid_allocation(pid_ns);
#endif	/* LAB_PIDNS */
}
