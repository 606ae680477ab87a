/*
 * kernel/cred.c: task credentials, copy-on-write.
 *
 * A struct cred is never modified once a task uses it: changing
 * credentials means prepare_creds() (a private copy), editing the copy,
 * and commit_creds() (publish it).  Each task holds two references, one
 * through real_cred and one through cred, as Linux.
 */
#include <linux/kernel.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/user_namespace.h>
#include <linux/nsproxy.h>
#include <linux/sched/coredump.h>

static struct kmem_cache *cred_jar;

/* fs.suid_dumpable (Linux's fs/coredump.c): what a change of ids leaves */
int suid_dumpable = SUID_DUMP_DISABLE;

struct group_info init_groups = { .usage = ATOMIC_INIT(2), .ngroups = 0 };

struct cred init_cred = {
	.usage = ATOMIC_INIT(4),
	.uid = GLOBAL_ROOT_UID, .gid = GLOBAL_ROOT_GID,
	.suid = GLOBAL_ROOT_UID, .sgid = GLOBAL_ROOT_GID,
	.euid = GLOBAL_ROOT_UID, .egid = GLOBAL_ROOT_GID,
	.fsuid = GLOBAL_ROOT_UID, .fsgid = GLOBAL_ROOT_GID,
	.cap_inheritable = CAP_EMPTY_SET,
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
	.cap_bset = CAP_FULL_SET,
	.cap_ambient = CAP_EMPTY_SET,
	.user = &root_user,
	.user_ns = &init_user_ns,
	.group_info = &init_groups,
};

void cred_init(void)
{
	cred_jar = kmem_cache_create("cred_jar", sizeof(struct cred), 0, SLAB_PANIC, NULL);
}

struct group_info *groups_alloc(int n)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + n * sizeof(kgid_t), GFP_KERNEL);

	if (!gi)
		return NULL;
	atomic_set(&gi->usage, 1);
	gi->ngroups = n;
	return gi;
}

void put_group_info(struct group_info *gi)
{
	if (atomic_dec_and_test(&gi->usage))
		kfree(gi);
}

static void get_group_info(struct group_info *gi)
{
	atomic_inc(&gi->usage);
}

bool groups_search(const struct group_info *gi, kgid_t grp)
{
	int lo = 0, hi = gi ? gi->ngroups - 1 : -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (gid_eq(gi->gid[mid], grp))
			return true;
		if (__kgid_val(gi->gid[mid]) < __kgid_val(grp))
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/* Is @grp our fsgid or a supplementary group? (for file permissions) */
bool in_group_p(kgid_t grp)
{
	const struct cred *c = current_cred();

	return gid_eq(grp, c->fsgid) || groups_search(c->group_info, grp);
}

/* Is @grp our egid or a supplementary group? (for IPC permissions) */
bool in_egroup_p(kgid_t grp)
{
	const struct cred *c = current_cred();

	return gid_eq(grp, c->egid) || groups_search(c->group_info, grp);
}

static void __put_cred(struct cred *c)
{
	put_group_info(c->group_info);
	free_uid(c->user);
	put_user_ns(c->user_ns);
	kmem_cache_free(cred_jar, c);
}

void put_cred(const struct cred *c)
{
	struct cred *cred = (struct cred *)c;

	if (atomic_dec_and_test(&cred->usage))
		__put_cred(cred);
}

/* A private copy of current's credentials, to edit and then commit or abort. */
struct cred *prepare_creds(void)
{
	const struct cred *old = current_cred();
	struct cred *new = kmem_cache_alloc(cred_jar, GFP_KERNEL);

	if (!new)
		return NULL;
	memcpy(new, old, sizeof(*new));
	atomic_set(&new->usage, 1);
	get_group_info(new->group_info);
	get_uid(new->user);
	get_user_ns(new->user_ns);
	return new;
}

void abort_creds(struct cred *new)
{
	put_cred(new);
}

/*
 * Are @subset's capabilities within @set's?  In another namespace only
 * if @set owns it or one of its ancestors below @set's (Linux's
 * cred_cap_issubset).
 */
static bool cred_cap_issubset(const struct cred *set, const struct cred *subset)
{
	const struct user_namespace *ns;

	if (set->user_ns == subset->user_ns)
		return cap_issubset(subset->cap_permitted, set->cap_permitted);
	for (ns = subset->user_ns; ns != &init_user_ns; ns = ns->parent)
		if (ns->parent == set->user_ns && uid_eq(ns->owner, set->euid))
			return true;
	return false;
}

/*
 * Installs @new as current's credentials, consuming the caller's
 * reference, as Linux's commit_creds.  New effective or file-system ids,
 * or capabilities beyond the old ones, make the process non-dumpable and
 * forget its parent-death signal; a new user record (a change of real
 * uid or of user namespace) takes the process count along.
 */
int commit_creds(struct cred *new)
{
	struct task_struct *task = current;
	const struct cred *old = task->real_cred;
	unsigned long flags;

	if (!uid_eq(old->euid, new->euid) || !gid_eq(old->egid, new->egid) ||
	    !uid_eq(old->fsuid, new->fsuid) || !gid_eq(old->fsgid, new->fsgid) ||
	    !cred_cap_issubset(old, new)) {
		if (task->mm)
			set_dumpable(task->mm, suid_dumpable);
		task->pdeath_signal = 0;
	}
	if (new->user != old->user) {
		atomic_inc(&new->user->processes);
		atomic_dec(&old->user->processes);
	}
	get_cred(new);			/* two references: real_cred and cred */
	/* readers of another task's creds hold tasklist_lock (Linux: RCU) */
	spin_lock_irqsave(&tasklist_lock, flags);
	task->real_cred = new;
	task->cred = new;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_cred(old);			/* real_cred's */
	put_cred(old);			/* cred's */
	return 0;
}

/* Gives a new task its credentials: shared by threads, copied otherwise. */
int copy_creds(struct task_struct *p, unsigned long clone_flags)
{
	struct cred *new;
	int ret;

	if (clone_flags & CLONE_THREAD) {
		p->real_cred = get_cred(p->cred);
		get_cred(p->cred);
		atomic_inc(&p->cred->user->processes);
		return 0;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (clone_flags & CLONE_NEWUSER) {
		ret = create_user_ns(new);
		if (ret < 0) {
			abort_creds(new);
			return ret;
		}
	}
	atomic_inc(&new->user->processes);
	p->cred = p->real_cred = get_cred(new);
	return 0;
}

void exit_creds(struct task_struct *p)
{
	const struct cred *real = p->real_cred, *cred = p->cred;

	p->real_cred = NULL;
	p->cred = NULL;
	if (real)
		put_cred(real);
	if (cred)
		put_cred(cred);
}
