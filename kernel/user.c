/*
 * kernel/user.c: per-user accounting (user_struct) and the initial user namespace.
 *
 * As the seed text describes: each user namespace has its own
 * uidhash_table of user_structs, one per uid that has processes there,
 * counting the processes (for RLIMIT_NPROC), pending signals and locked
 * shared memory of that user.  alloc_uid() finds or creates one;
 * free_uid() drops a reference and frees it with the last.
 */
#include <linux/kernel.h>
#include <linux/user_namespace.h>
#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/init.h>

static struct kmem_cache *uid_cachep;

static struct uid_gid_extent init_extent = { 0, 0, 4294967295U };

struct user_namespace init_user_ns = {
	.uid_map = { .nr_extents = 1, .extent = &init_extent },
	.gid_map = { .nr_extents = 1, .extent = &init_extent },
	.kref = KREF_INIT(3),
	.owner = GLOBAL_ROOT_UID,
	.group = GLOBAL_ROOT_GID,
	.ns.inum = PROC_USER_INIT_INO,
	.ns.ops = &userns_operations,
	.flags = USERNS_INIT_FLAGS,
	.uidhash_lock = __SPIN_LOCK_UNLOCKED(init_user_ns.uidhash_lock),
	.root_user = &root_user,
};

/* root has one process at boot (init_task), as Linux's root_user. */
struct user_struct root_user = {
	.__count = ATOMIC_INIT(1),
	.processes = ATOMIC_INIT(1),
	.sigpending = ATOMIC_INIT(0),
	.locked_shm = 0,
	.uid = GLOBAL_ROOT_UID,
	.ns = &init_user_ns,
};

static unsigned int uidhashfn(kuid_t uid)
{
	u32 v = __kuid_val(uid);

	return ((v >> UIDHASH_BITS) + v) & (UIDHASH_SZ - 1);
}

static struct user_struct *uid_hash_find(struct user_namespace *ns, kuid_t uid)
{
	struct user_struct *u;

	hlist_for_each_entry(u, &ns->uidhash_table[uidhashfn(uid)], uidhash_node) {
		if (uid_eq(u->uid, uid)) {
			atomic_inc(&u->__count);
			return u;
		}
	}
	return NULL;
}

/* Takes a reference to @uid's record in @ns, or NULL. */
struct user_struct *find_user(struct user_namespace *ns, kuid_t uid)
{
	struct user_struct *u;
	unsigned long flags;

	spin_lock_irqsave(&ns->uidhash_lock, flags);
	u = uid_hash_find(ns, uid);
	spin_unlock_irqrestore(&ns->uidhash_lock, flags);
	return u;
}

void free_uid(struct user_struct *up)
{
	struct user_namespace *ns;
	unsigned long flags;

	if (!up)
		return;
	ns = up->ns;
	spin_lock_irqsave(&ns->uidhash_lock, flags);
	if (!atomic_dec_and_test(&up->__count)) {
		spin_unlock_irqrestore(&ns->uidhash_lock, flags);
		return;
	}
	hlist_del_init(&up->uidhash_node);
	spin_unlock_irqrestore(&ns->uidhash_lock, flags);
	if (up != &root_user)
		kmem_cache_free(uid_cachep, up);
}

/* Finds or creates @uid's record in @ns, with a reference (the seed's alloc_uid). */
struct user_struct *alloc_uid(struct user_namespace *ns, kuid_t uid)
{
	struct user_struct *up, *new;
	unsigned long flags;

	up = find_user(ns, uid);
	if (up)
		return up;
	new = kmem_cache_zalloc(uid_cachep, GFP_KERNEL);
	if (!new)
		return NULL;
	new->uid = uid;
	new->ns = ns;
	atomic_set(&new->__count, 1);
	spin_lock_irqsave(&ns->uidhash_lock, flags);
	up = uid_hash_find(ns, uid);		/* someone may have raced us */
	if (up) {
		kmem_cache_free(uid_cachep, new);
	} else {
		hlist_add_head(&new->uidhash_node, &ns->uidhash_table[uidhashfn(uid)]);
		up = new;
	}
	spin_unlock_irqrestore(&ns->uidhash_lock, flags);
	return up;
}

/* Linux's uid_cache_init: the cache, and root_user hashed in the initial namespace. */
static int uid_cache_init(void)
{
	uid_cachep = kmem_cache_create("uid_cache", sizeof(struct user_struct), 0,
				       SLAB_PANIC, NULL);
	spin_lock_irq(&init_user_ns.uidhash_lock);
	hlist_add_head(&root_user.uidhash_node,
		       &init_user_ns.uidhash_table[uidhashfn(GLOBAL_ROOT_UID)]);
	spin_unlock_irq(&init_user_ns.uidhash_lock);
	return 0;
}
subsys_initcall(uid_cache_init);
