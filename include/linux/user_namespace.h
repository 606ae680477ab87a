/*
 * include/linux/user_namespace.h: user namespaces and per-user accounting.
 *
 * A user namespace maps ids inside it to ids of its parent (uid_map,
 * gid_map: up to 340 extents), owns the namespaces created in it (their
 * capabilities are checked against it), and, as in the seed text, keeps
 * its own uidhash_table of user_structs: the per-user counters
 * (processes, pending signals, locked shm) that RLIMIT_NPROC checks.
 */
#ifndef _LINUX_USER_NAMESPACE_H
#define _LINUX_USER_NAMESPACE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/uidgid.h>
#include <linux/ns_common.h>

struct cred;

#define UID_GID_MAP_MAX_EXTENTS	340
#define UIDHASH_BITS		7
#define UIDHASH_SZ		(1 << UIDHASH_BITS)
#define USERNS_SETGROUPS_ALLOWED	1UL
#define USERNS_INIT_FLAGS	USERNS_SETGROUPS_ALLOWED

struct uid_gid_extent {
	u32 first;		/* first id inside */
	u32 lower_first;	/* the id it maps to in the parent */
	u32 count;
};

struct uid_gid_map {
	u32 nr_extents;		/* 0 until the one write to uid_map/gid_map */
	struct uid_gid_extent *extent;
};

/* Per-user resource accounting (the seed's struct user_struct). */
struct user_struct {
	atomic_t __count;		/* reference count */
	atomic_t processes;		/* how many processes this user has */
	atomic_t sigpending;		/* how many pending signals */
	unsigned long locked_shm;	/* locked shm pages */
	atomic_long_t epoll_watches;	/* items in this user's epoll sets (max_user_watches) */
	struct hlist_node uidhash_node;
	kuid_t uid;
	struct user_namespace *ns;	/* the table it is hashed in */
};

struct user_namespace {
	struct uid_gid_map uid_map;
	struct uid_gid_map gid_map;
	struct kref kref;
	struct user_namespace *parent;
	int level;
	kuid_t owner;
	kgid_t group;
	struct ns_common ns;
	unsigned long flags;		/* USERNS_SETGROUPS_ALLOWED */
	spinlock_t uidhash_lock;	/* protects uidhash_table */
	struct hlist_head uidhash_table[UIDHASH_SZ];
	struct user_struct *root_user;
};

extern struct user_namespace init_user_ns;
extern struct user_struct root_user;

static inline struct user_namespace *get_user_ns(struct user_namespace *ns)
{
	if (ns && ns != &init_user_ns)
		kref_get(&ns->kref);
	return ns;
}

void put_user_ns(struct user_namespace *ns);
int create_user_ns(struct cred *new);
int unshare_userns(unsigned long flags, struct cred **new_cred);
bool in_userns(const struct user_namespace *ancestor, const struct user_namespace *child);
bool current_in_userns(const struct user_namespace *target_ns);

struct user_struct *alloc_uid(struct user_namespace *ns, kuid_t uid);
struct user_struct *find_user(struct user_namespace *ns, kuid_t uid);
void free_uid(struct user_struct *up);
static inline struct user_struct *get_uid(struct user_struct *u)
{
	atomic_inc(&u->__count);
	return u;
}

u32 map_id_down(struct uid_gid_map *map, u32 id);
u32 map_id_up(struct uid_gid_map *map, u32 id);

#endif
