/*
 * ns/user_namespace.c: user namespaces: creation, id maps, ownership.
 *
 * create_user_ns() follows Linux (part D2): one level deeper than the
 * creator's namespace (at most 32 below the initial one), owned by the
 * creator's euid/egid, which must be mapped in the parent; the creator's
 * new credentials are those of a full-capability root in the new
 * namespace until an execve as non-root drops them.  As in the seed's
 * clone_user_ns, the namespace gets its own uidhash_table and root_user.
 */
#include <linux/kernel.h>
#include <linux/nsfs.h>
#include <linux/user_namespace.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/capability.h>
#include <linux/nsproxy.h>
#include <linux/init.h>
#include <linux/signal.h>

#define MAX_USER_NS_LEVEL	32

static struct kmem_cache *user_ns_cachep;

/*
 * The id that @id (inside) maps to in the parent, or (u32)-1 if no extent
 * holds it (Linux's map_id_down; its extents keep the outside id in the
 * parent's terms).
 */
u32 map_id_down(struct uid_gid_map *map, u32 id)
{
#ifndef LAB_USERNS	/* LAB userns: map_id_down */
	u32 i;

	for (i = 0; i < map->nr_extents; i++) {
		struct uid_gid_extent *e = &map->extent[i];

		if (id >= e->first && id - e->first < e->count)
			return id - e->first + e->lower_first;
	}
	return (u32)-1;
#else
	/* TODO (lab userns, step 1): this stub maps nothing */
	(void)map;
	(void)id;
	return (u32)-1;
#endif	/* LAB_USERNS */
}

/* The id inside that maps to @id in the parent, or (u32)-1 (Linux's map_id_up). */
u32 map_id_up(struct uid_gid_map *map, u32 id)
{
#ifndef LAB_USERNS	/* LAB userns: map_id_up */
	u32 i;

	for (i = 0; i < map->nr_extents; i++) {
		struct uid_gid_extent *e = &map->extent[i];

		if (id >= e->lower_first && id - e->lower_first < e->count)
			return id - e->lower_first + e->first;
	}
	return (u32)-1;
#else
	/* TODO (lab userns, step 1): this stub maps nothing */
	(void)map;
	(void)id;
	return (u32)-1;
#endif	/* LAB_USERNS */
}

/* Translates down level by level to the initial namespace's id. */
kuid_t make_kuid(struct user_namespace *ns, uid_t uid)
{
	for (; ns != &init_user_ns && uid != (uid_t)-1; ns = ns->parent)
		uid = map_id_down(&ns->uid_map, uid);
	return KUIDT_INIT(uid);
}

kgid_t make_kgid(struct user_namespace *ns, gid_t gid)
{
	for (; ns != &init_user_ns && gid != (gid_t)-1; ns = ns->parent)
		gid = map_id_down(&ns->gid_map, gid);
	return KGIDT_INIT(gid);
}

/* Translates up from the initial namespace: the ancestors' maps, outermost first. */
static u32 map_up_from_init(struct user_namespace *ns, u32 id, bool gid)
{
	if (ns == &init_user_ns || id == (u32)-1)
		return id;
	id = map_up_from_init(ns->parent, id, gid);
	if (id == (u32)-1)
		return id;
	return map_id_up(gid ? &ns->gid_map : &ns->uid_map, id);
}

uid_t from_kuid(struct user_namespace *ns, kuid_t kuid)
{
	return map_up_from_init(ns, __kuid_val(kuid), false);
}

gid_t from_kgid(struct user_namespace *ns, kgid_t kgid)
{
	return map_up_from_init(ns, __kgid_val(kgid), true);
}

uid_t from_kuid_munged(struct user_namespace *ns, kuid_t kuid)
{
	uid_t uid = from_kuid(ns, kuid);

	return uid == (uid_t)-1 ? OVERFLOW_UID : uid;
}

gid_t from_kgid_munged(struct user_namespace *ns, kgid_t kgid)
{
	gid_t gid = from_kgid(ns, kgid);

	return gid == (gid_t)-1 ? OVERFLOW_GID : gid;
}

bool kuid_has_mapping(struct user_namespace *ns, kuid_t uid)
{
	return from_kuid(ns, uid) != (uid_t)-1;
}

bool kgid_has_mapping(struct user_namespace *ns, kgid_t gid)
{
	return from_kgid(ns, gid) != (gid_t)-1;
}

/* Is @child @ancestor or below it? */
bool in_userns(const struct user_namespace *ancestor, const struct user_namespace *child)
{
	for (; child; child = child->parent)
		if (child == ancestor)
			return true;
	return false;
}

bool current_in_userns(const struct user_namespace *target_ns)
{
	return in_userns(target_ns, current_user_ns());
}

/* The creator's credentials in the new namespace: root's capabilities there. */
static void set_cred_user_ns(struct cred *cred, struct user_namespace *user_ns)
{
	cred->securebits = 0;
	cred->cap_inheritable = CAP_EMPTY_SET;
	cred->cap_permitted = CAP_FULL_SET;
	cred->cap_effective = CAP_FULL_SET;
	cred->cap_ambient = CAP_EMPTY_SET;
	cred->cap_bset = CAP_FULL_SET;
	cred->user_ns = user_ns;
}

/* @cred's user record becomes its real uid's in @ns (the seed's switch_uid). */
static int set_cred_user(struct cred *cred, struct user_namespace *ns)
{
	struct user_struct *user = alloc_uid(ns, cred->uid);

	if (!user)
		return -ENOMEM;
	free_uid(cred->user);
	cred->user = user;
	return 0;
}

/*
 * Creates a namespace below @new's and moves @new into it (Linux's
 * create_user_ns).  As the seed's clone_user_ns: the namespace gets its
 * own uidhash_table with a root_user (uid 0's record), and the creator's
 * processes are counted from now on by its uid's record there.
 */
int create_user_ns(struct cred *new)
{
	struct user_namespace *ns, *parent_ns = new->user_ns;
	kuid_t owner = new->euid;
	kgid_t group = new->egid;
	int ret;

	if (parent_ns->level > MAX_USER_NS_LEVEL)
		return -ENOSPC;
	if (!kuid_has_mapping(parent_ns, owner) || !kgid_has_mapping(parent_ns, group))
		return -EPERM;
	ns = kmem_cache_zalloc(user_ns_cachep, GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	ret = ns_alloc_inum(&ns->ns);
	if (ret)
		goto fail_free;
	ns->ns.ops = &userns_operations;
	kref_init(&ns->kref);
	spin_lock_init(&ns->uidhash_lock);
	ret = -ENOMEM;
	ns->root_user = alloc_uid(ns, GLOBAL_ROOT_UID);
	if (!ns->root_user)
		goto fail_inum;
	ret = set_cred_user(new, ns);
	if (ret)
		goto fail_root_user;
	ns->parent = parent_ns;		/* takes over the reference @new held */
	ns->level = parent_ns->level + 1;
	ns->owner = owner;
	ns->group = group;
	ns->flags = parent_ns->flags & USERNS_SETGROUPS_ALLOWED;
	set_cred_user_ns(new, ns);
	return 0;

fail_root_user:
	free_uid(ns->root_user);
fail_inum:
	ns_free_inum(&ns->ns);
fail_free:
	kmem_cache_free(user_ns_cachep, ns);
	return ret;
}

static void free_user_ns(struct kref *kref)
{
	struct user_namespace *ns = container_of(kref, struct user_namespace, kref);

	free_uid(ns->root_user);
	kfree(ns->uid_map.extent);
	kfree(ns->gid_map.extent);
	ns_free_inum(&ns->ns);
	kmem_cache_free(user_ns_cachep, ns);
}

void put_user_ns(struct user_namespace *ns)
{
	struct user_namespace *parent;

	while (ns && ns != &init_user_ns) {
		parent = ns->parent;
		if (!kref_put(&ns->kref, free_user_ns))
			break;
		ns = parent;
	}
}

/* unshare(CLONE_NEWUSER): new credentials in a new namespace. */
int unshare_userns(unsigned long flags, struct cred **new_cred)
{
	struct cred *cred;
	int err;

	if (!(flags & CLONE_NEWUSER))
		return 0;
	cred = prepare_creds();
	if (!cred)
		return -ENOMEM;
	err = create_user_ns(cred);
	if (err) {
		put_cred(cred);
		return err;
	}
	*new_cred = cred;
	return 0;
}

static struct ns_common *userns_get(struct task_struct *task)
{
	return &get_user_ns(task->cred->user_ns)->ns;
}

static void userns_put(struct ns_common *ns)
{
	put_user_ns(container_of(ns, struct user_namespace, ns));
}

/* setns(CLONE_NEWUSER): part D11. */
static int userns_install(struct nsproxy *nsproxy, struct ns_common *ns)
{
	struct user_namespace *user_ns = container_of(ns, struct user_namespace, ns);
	struct cred *cred;

	(void)nsproxy;
	if (user_ns == current_user_ns())
		return -EINVAL;
	if (current->signal->nr_threads > 1)
		return -EINVAL;
	if (!ns_capable(user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	cred = prepare_creds();
	if (!cred)
		return -ENOMEM;
	if (set_cred_user(cred, user_ns)) {
		abort_creds(cred);
		return -ENOMEM;
	}
	put_user_ns(cred->user_ns);
	set_cred_user_ns(cred, get_user_ns(user_ns));
	return commit_creds(cred);
}

static struct user_namespace *userns_owner(struct ns_common *ns)
{
	return container_of(ns, struct user_namespace, ns)->parent;
}

/*
 * The user namespace that owns @ns (for a user namespace, its parent),
 * with a reference; EPERM unless it is the caller's user namespace or
 * below it, so no one climbs out of a container (Linux's ns_get_owner).
 * It is also NS_GET_PARENT of a user namespace.
 */
struct ns_common *ns_get_owner(struct ns_common *ns)
{
	struct user_namespace *mine = current_user_ns(), *owner, *p;

	owner = p = ns->ops->owner(ns);
	for (;;) {
		if (!p)
			return ERR_PTR(-EPERM);
		if (p == mine)
			break;
		p = p->parent;
	}
	return &get_user_ns(owner)->ns;
}

const struct proc_ns_operations userns_operations = {
	.name		= "user",
	.type		= CLONE_NEWUSER,
	.get		= userns_get,
	.put		= userns_put,
	.install	= userns_install,
	.owner		= userns_owner,
	.get_parent	= ns_get_owner,
};

static int user_namespaces_init(void)
{
	user_ns_cachep = kmem_cache_create("user_namespace", sizeof(struct user_namespace), 0,
					   SLAB_PANIC, NULL);
	return 0;
}
subsys_initcall(user_namespaces_init);
