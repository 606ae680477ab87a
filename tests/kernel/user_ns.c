/*
 * tests/kernel/user_ns.c: user namespaces from inside.
 *
 * The user_struct records: alloc_uid/find_user/free_uid reference
 * counts, one uidhash_table per namespace; the id maps: map_id_down and
 * map_id_up at the edges of each extent, make_kuid/from_kuid through two
 * levels, overlapping extents refused; ns_capable from a namespace to
 * itself, its child, grandchild, sibling and parent; and
 * user_struct.processes, which counts a storm of kernel-thread forks up,
 * stops it at RLIMIT_NPROC, and comes back to where it started.
 *
 * Credentials are built by hand (prepare_creds, then ids, namespace and
 * user record set as the system calls would) and moved into namespaces
 * made by create_user_ns, as clone(CLONE_NEWUSER) does.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/resource.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/completion.h>
#include <linux/wait_api.h>
#include <linux/pid.h>

int proc_map_write(const struct cred *cred, struct user_namespace *ns, char *kbuf, bool gid);

static unsigned long uid_cache_objs(void)
{
	return kmem_cache_find("uid_cache")->active_objs;
}

/* A copy of current's credentials with every id @uid, in @ns (its record there too). */
static struct cred *cred_in(struct user_namespace *ns, uid_t uid)
{
	struct cred *cred = prepare_creds();
	struct user_struct *user;

	if (!cred)
		return NULL;
	cred->uid = cred->euid = cred->suid = cred->fsuid = KUIDT_INIT(uid);
	cred->gid = cred->egid = cred->sgid = cred->fsgid = KGIDT_INIT(uid);
	user = alloc_uid(ns, cred->uid);
	if (!user) {
		put_cred(cred);
		return NULL;
	}
	free_uid(cred->user);
	cred->user = user;
	put_user_ns(cred->user_ns);
	cred->user_ns = get_user_ns(ns);
	return cred;
}

/* A new namespace below @parent owned by @uid (a kernel id): its creator's cred. */
static struct cred *new_userns(struct ktest *t, struct user_namespace *parent, uid_t uid)
{
	struct cred *cred = cred_in(parent, uid);
	int err;

	if (!cred)
		return NULL;
	err = create_user_ns(cred);
	if (err) {
		ktest_fail(t, __FILE__, __LINE__, "create_user_ns: %d", err);
		put_cred(cred);
		return NULL;
	}
	return cred;
}

/* Writes @text to @ns's uid_map (and its gid_map if @both) as current. */
static int write_map(struct user_namespace *ns, const char *text, bool both)
{
	size_t len = strlen(text) + 1;
	char *kbuf = kmalloc(len, GFP_KERNEL);
	int err;

	if (!kbuf)
		return -ENOMEM;
	memcpy(kbuf, text, len);
	err = proc_map_write(current_cred(), ns, kbuf, false);
	if (!err && both) {
		memcpy(kbuf, text, len);	/* parsing cut it into lines */
		err = proc_map_write(current_cred(), ns, kbuf, true);
	}
	kfree(kbuf);
	return err;
}

/* ---- user_struct and the uidhash ------------------------------------------------------ */

static void alloc_uid_counts_references(struct ktest *t)
{
	unsigned long objs = uid_cache_objs();
	struct user_struct *u, *again;

	u = find_user(&init_user_ns, GLOBAL_ROOT_UID);
	KTEST_EXPECT_PTR_EQ(t, u, &root_user);
	free_uid(u);
	KTEST_EXPECT_NULL(t, find_user(&init_user_ns, KUIDT_INIT(4243)));

	u = alloc_uid(&init_user_ns, KUIDT_INIT(4243));
	KTEST_ASSERT_NOT_NULL(t, u);
	KTEST_EXPECT_EQ(t, atomic_read(&u->__count), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&u->processes), 0);
	KTEST_EXPECT_EQ(t, uid_cache_objs(), objs + 1);
	again = alloc_uid(&init_user_ns, KUIDT_INIT(4243));
	KTEST_EXPECT_PTR_EQ(t, again, u);
	KTEST_EXPECT_PTR_EQ(t, find_user(&init_user_ns, KUIDT_INIT(4243)), u);
	KTEST_EXPECT_EQ(t, atomic_read(&u->__count), 3);
	KTEST_EXPECT_EQ(t, uid_cache_objs(), objs + 1);
	free_uid(again);
	free_uid(u);
	KTEST_EXPECT_EQ(t, atomic_read(&u->__count), 1);
	free_uid(u);			/* the last reference unhashes and frees it */
	KTEST_EXPECT_NULL(t, find_user(&init_user_ns, KUIDT_INIT(4243)));
	KTEST_EXPECT_EQ(t, uid_cache_objs(), objs);
}

/* uids 1 and 128 fall in the same bucket: each is still found as itself. */
static void uidhash_chains_share_a_bucket(struct ktest *t)
{
	struct user_struct *a = alloc_uid(&init_user_ns, KUIDT_INIT(1));
	struct user_struct *b = alloc_uid(&init_user_ns, KUIDT_INIT(128));
	struct user_struct *fa, *fb;

	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_TRUE(t, a != b);
	fa = find_user(&init_user_ns, KUIDT_INIT(1));
	fb = find_user(&init_user_ns, KUIDT_INIT(128));
	KTEST_EXPECT_PTR_EQ(t, fa, a);
	KTEST_EXPECT_PTR_EQ(t, fb, b);
	free_uid(fa);
	free_uid(fb);
	free_uid(a);
	KTEST_EXPECT_NULL(t, find_user(&init_user_ns, KUIDT_INIT(1)));
	fb = find_user(&init_user_ns, KUIDT_INIT(128));
	KTEST_EXPECT_PTR_EQ(t, fb, b);
	free_uid(fb);
	free_uid(b);
}

/*
 * Each namespace has its own table: the same kernel uid has one record
 * per namespace, the creator counts in the new one (root_user, for a
 * root creator), and the records go with the namespace.
 */
static void uidhash_is_per_namespace(struct ktest *t)
{
	unsigned long objs = uid_cache_objs();
	struct cred *ca = new_userns(t, &init_user_ns, 0);
	struct cred *cb = new_userns(t, &init_user_ns, 0);
	struct user_namespace *a, *b;
	struct user_struct *ua, *ub, *u;

	if (!ca || !cb)
		goto out;
	a = ca->user_ns;
	b = cb->user_ns;
	KTEST_EXPECT_PTR_EQ(t, ca->user, a->root_user);
	KTEST_EXPECT_TRUE(t, a->root_user != &root_user && a->root_user != b->root_user);
	KTEST_EXPECT_PTR_EQ(t, a->root_user->ns, a);
	ua = alloc_uid(a, KUIDT_INIT(4243));
	ub = alloc_uid(b, KUIDT_INIT(4243));
	KTEST_ASSERT_TRUE(t, ua && ub);
	KTEST_EXPECT_TRUE(t, ua != ub);
	KTEST_EXPECT_NULL(t, find_user(&init_user_ns, KUIDT_INIT(4243)));
	free_uid(ub);
	KTEST_EXPECT_NULL(t, find_user(b, KUIDT_INIT(4243)));
	u = find_user(a, KUIDT_INIT(4243));
	KTEST_EXPECT_PTR_EQ(t, u, ua);
	free_uid(u);
	free_uid(ua);
out:
	if (ca)
		put_cred(ca);
	if (cb)
		put_cred(cb);
	KTEST_EXPECT_EQ(t, uid_cache_objs(), objs);	/* both root_users went with their ns */
}

/* ---- id maps ---------------------------------------------------------------------------- */

static void map_id_down_and_up_at_extent_edges(struct ktest *t)
{
	struct uid_gid_extent ext[] = {
		{ 0, 1000, 10 },		/* 0..9 -> 1000..1009 */
		{ 10, 5, 1 },			/* 10 -> 5 */
		{ 4294967285U, 100, 10 },	/* up to 4294967294, the last valid id */
	};
	struct uid_gid_map map = { 3, ext }, empty = { 0, NULL };

	KTEST_EXPECT_EQ(t, map_id_down(&map, 0), 1000);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 9), 1009);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 10), 5);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 11), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 4294967284U), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 4294967285U), 100);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 4294967294U), 109);
	KTEST_EXPECT_EQ(t, map_id_down(&map, 4294967295U), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 999), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 1000), 0);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 1009), 9);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 1010), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 4), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 5), 10);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 6), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 100), 4294967285U);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 109), 4294967294U);
	KTEST_EXPECT_EQ(t, map_id_up(&map, 110), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_down(&empty, 0), (u32)-1);
	KTEST_EXPECT_EQ(t, map_id_up(&empty, 0), (u32)-1);
}

/* Two levels: inside ids go down through both maps, kernel ids up through both. */
static void make_kuid_through_two_levels(struct ktest *t)
{
	struct cred *cp = new_userns(t, &init_user_ns, 0), *cc = NULL;
	struct user_namespace *p, *c;

	if (!cp)
		return;
	p = cp->user_ns;
	KTEST_ASSERT_EQ(t, write_map(p, "0 1000 100\n", true), 0);
	cc = new_userns(t, p, 1000);		/* creator's euid: 0 inside p */
	if (!cc)
		goto out;
	c = cc->user_ns;
	KTEST_EXPECT_EQ(t, write_map(c, "0 50 10\n", false), 0);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(c, 0)), 1050);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(c, 9)), 1059);
	KTEST_EXPECT_FALSE(t, uid_valid(make_kuid(c, 10)));
	KTEST_EXPECT_EQ(t, from_kuid(c, KUIDT_INIT(1050)), 0);
	KTEST_EXPECT_EQ(t, from_kuid(c, KUIDT_INIT(1059)), 9);
	KTEST_EXPECT_EQ(t, from_kuid(c, KUIDT_INIT(1049)), (uid_t)-1);	/* 49 in p, not in c */
	KTEST_EXPECT_EQ(t, from_kuid(c, KUIDT_INIT(1060)), (uid_t)-1);
	KTEST_EXPECT_EQ(t, from_kuid_munged(c, KUIDT_INIT(1060)), OVERFLOW_UID);
	KTEST_EXPECT_EQ(t, from_kuid(p, KUIDT_INIT(1099)), 99);
	KTEST_EXPECT_EQ(t, from_kuid(p, KUIDT_INIT(1100)), (uid_t)-1);
	put_cred(cc);
out:
	put_cred(cp);
}

/* Touching extents are fine; overlapping ones, inside or outside, by one id, are EINVAL. */
static void overlapping_extents_are_rejected(struct ktest *t)
{
	static const char *const overlapping[] = {
		"0 0 10\n9 100 10\n",		/* inside: 9 twice */
		"0 0 10\n100 9 10\n",		/* outside: 9 twice */
		"10 100 5\n0 0 11\n",		/* a later extent over an earlier one */
		"0 0 1\n5 5 1\n5 6 1\n",
	};
	struct cred *creator = new_userns(t, &init_user_ns, 0);
	struct user_namespace *ns;
	unsigned int i;

	if (!creator)
		return;
	ns = creator->user_ns;
	for (i = 0; i < ARRAY_SIZE(overlapping); i++)
		if (write_map(ns, overlapping[i], false) != -EINVAL)
			ktest_fail(t, __FILE__, __LINE__, "\"%s\" was taken", overlapping[i]);
	KTEST_EXPECT_EQ(t, ns->uid_map.nr_extents, 0);
	KTEST_EXPECT_EQ(t, write_map(ns, "0 0 10\n10 10 10\n25 20 1\n20 21 5\n", false), 0);
	KTEST_EXPECT_EQ(t, ns->uid_map.nr_extents, 4);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(ns, 19)), 19);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(ns, 20)), 21);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(ns, 25)), 20);
	put_cred(creator);
}

/* ---- ns_capable ------------------------------------------------------------------------- */

#define NR_PROBES	5

struct cap_probe {
	const struct cred *cred;		/* whose capabilities */
	struct user_namespace *ns[NR_PROBES];	/* where */
	bool capable[NR_PROBES];
};

/* Runs with @arg's credentials and asks ns_capable(CAP_SYS_ADMIN) in each namespace. */
static int cap_probe_thread(void *arg)
{
	struct cap_probe *p = arg;
	int i;

	commit_creds((struct cred *)get_cred(p->cred));
	for (i = 0; i < NR_PROBES; i++)
		p->capable[i] = ns_capable(p->ns[i], CAP_SYS_ADMIN);
	do_exit(0);
}

static void probe(struct cap_probe *p)
{
	ktest_reap(kernel_thread(cap_probe_thread, p, SIGCHLD));
}

/* Credentials like @cred's without any effective capability. */
static struct cred *without_caps(struct user_namespace *ns, uid_t uid)
{
	struct cred *cred = cred_in(ns, uid);

	if (cred)
		cred->cap_effective = CAP_EMPTY_SET;
	return cred;
}

/*
 * The tree: init -> c1 -> g -> gg, and init -> c2, every one created by
 * root.  From c1, root holds every capability in c1 and below it, none
 * in its sibling c2 or its parent; a capability-less stranger in c1 has
 * none even below; root of init without effective capabilities still owns c1.
 */
static void ns_capable_across_the_tree(struct ktest *t)
{
	struct cred *c1 = new_userns(t, &init_user_ns, 0), *c2 = new_userns(t, &init_user_ns, 0);
	struct cred *g = NULL, *gg = NULL, *stranger = NULL, *bare_root = NULL;
	struct cap_probe p;

	if (!c1 || !c2 || write_map(c1->user_ns, "0 0 1000\n", true))
		goto out;
	g = new_userns(t, c1->user_ns, 0);
	if (!g || write_map(g->user_ns, "0 0 1\n", true))
		goto out;
	gg = new_userns(t, g->user_ns, 0);
	stranger = without_caps(c1->user_ns, 500);
	bare_root = without_caps(&init_user_ns, 0);
	if (!gg || !stranger || !bare_root)
		goto out;

	p = (struct cap_probe){ c1, { c1->user_ns, g->user_ns, gg->user_ns, c2->user_ns,
				      &init_user_ns }, { false } };
	probe(&p);
	KTEST_EXPECT_TRUE(t, p.capable[0]);	/* self */
	KTEST_EXPECT_TRUE(t, p.capable[1]);	/* child */
	KTEST_EXPECT_TRUE(t, p.capable[2]);	/* grandchild */
	KTEST_EXPECT_FALSE(t, p.capable[3]);	/* sibling */
	KTEST_EXPECT_FALSE(t, p.capable[4]);	/* parent */

	p.cred = stranger;
	probe(&p);
	KTEST_EXPECT_FALSE(t, p.capable[0]);
	KTEST_EXPECT_FALSE(t, p.capable[1]);
	KTEST_EXPECT_FALSE(t, p.capable[2]);

	p.cred = c2;				/* the sibling's root: only its own */
	probe(&p);
	KTEST_EXPECT_FALSE(t, p.capable[0]);
	KTEST_EXPECT_FALSE(t, p.capable[1]);
	KTEST_EXPECT_TRUE(t, p.capable[3]);

	p.cred = bare_root;
	probe(&p);
	KTEST_EXPECT_TRUE(t, p.capable[0]);	/* the owner of c1 */
	KTEST_EXPECT_TRUE(t, p.capable[2]);	/* and so of what c1 owns */
	KTEST_EXPECT_FALSE(t, p.capable[4]);	/* but nothing in its own namespace */
out:
	if (bare_root)
		put_cred(bare_root);
	if (stranger)
		put_cred(stranger);
	if (gg)
		put_cred(gg);
	if (g)
		put_cred(g);
	if (c2)
		put_cred(c2);
	if (c1)
		put_cred(c1);
}

/* ---- user_struct.processes --------------------------------------------------------------- */

#define STORM		32
#define STORM_UID	4244

struct storm {
	struct completion go;			/* lets the storm's children exit */
	int root_after_setuid;			/* root_user.processes once the leader left it */
	int during, after;			/* STORM_UID's processes */
	int over_limit;				/* the fork past RLIMIT_NPROC */
};

static int storm_child(void *arg)
{
	struct storm *s = arg;

	wait_for_completion(&s->go);
	do_exit(0);
}

/* Becomes STORM_UID without capabilities (so RLIMIT_NPROC binds), as setuid() would. */
static int become_storm_user(void)
{
	struct cred *new = prepare_creds();
	struct user_struct *user;

	if (!new)
		return -ENOMEM;
	new->uid = new->euid = new->suid = new->fsuid = KUIDT_INIT(STORM_UID);
	new->cap_effective = new->cap_permitted = CAP_EMPTY_SET;
	user = alloc_uid(&init_user_ns, new->uid);
	if (!user) {
		abort_creds(new);
		return -ENOMEM;
	}
	free_uid(new->user);
	new->user = user;
	return commit_creds(new);
}

static int storm_leader(void *arg)
{
	struct storm *s = arg;
	pid_t pids[STORM];
	int i;

	if (become_storm_user())
		do_exit(1);
	s->root_after_setuid = atomic_read(&root_user.processes);
	for (i = 0; i < STORM; i++)
		pids[i] = kernel_thread(storm_child, s, SIGCHLD);
	s->during = atomic_read(&current_cred()->user->processes);
	current->signal->rlim[RLIMIT_NPROC].rlim_cur = STORM + 1;
	s->over_limit = kernel_thread(storm_child, s, SIGCHLD);
	complete_all(&s->go);
	if (s->over_limit > 0)
		ktest_reap(s->over_limit);	/* a failed test leaves nothing behind */
	for (i = 0; i < STORM; i++)
		ktest_reap(pids[i]);
	s->after = atomic_read(&current_cred()->user->processes);
	do_exit(0);
}

static void processes_return_after_a_fork_storm(struct ktest *t)
{
	int root_before = atomic_read(&root_user.processes);
	unsigned long objs = uid_cache_objs();
	struct storm s = { .over_limit = 0 };

	init_completion(&s.go);
	ktest_reap(kernel_thread(storm_leader, &s, SIGCHLD));
	KTEST_EXPECT_EQ(t, s.root_after_setuid, root_before);	/* +1 at fork, -1 at setuid */
	KTEST_EXPECT_EQ(t, s.during, STORM + 1);
	KTEST_EXPECT_EQ(t, s.over_limit, -EAGAIN);
	KTEST_EXPECT_EQ(t, s.after, 1);
	KTEST_EXPECT_EQ(t, atomic_read(&root_user.processes), root_before);
	KTEST_EXPECT_NULL(t, find_user(&init_user_ns, KUIDT_INIT(STORM_UID)));
	KTEST_EXPECT_EQ(t, uid_cache_objs(), objs);
}

static struct ktest_case user_ns_cases[] = {
	KTEST_CASE(alloc_uid_counts_references),
	KTEST_CASE(uidhash_chains_share_a_bucket),
	KTEST_CASE(uidhash_is_per_namespace),
	KTEST_CASE(map_id_down_and_up_at_extent_edges),
	KTEST_CASE(make_kuid_through_two_levels),
	KTEST_CASE(overlapping_extents_are_rejected),
	KTEST_CASE(ns_capable_across_the_tree),
	KTEST_CASE(processes_return_after_a_fork_storm),
	KTEST_END,
};

static struct ktest_suite user_ns_suite = { .name = "user_ns", .cases = user_ns_cases };
KTEST_SUITE(user_ns_suite);
