/*
 * tests/kernel/uts_ns.c: the lifecycle of UTS namespaces.
 *
 * init_uts_ns is set up as Linux's (fixed inode number, owned by the
 * initial user namespace, never freed); copy_utsname shares without
 * CLONE_NEWUTS and otherwise copies the names into a namespace of its own;
 * clone_uts_ns, and create_new_namespaces around it, with each allocation
 * failing in turn leave every counter (free pages, slab objects, namespace
 * inode numbers) where it was, so the goto unwinding undoes exactly what
 * was done.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/nsproxy.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <linux/uts.h>

unsigned int ns_inum_in_use(void);

struct counters {
	unsigned long pages, objs;
	unsigned int inums;
};

static void snapshot(struct counters *c)
{
	kmem_cache_shrink_all();	/* a cache's spare empty slab is no page taken */
	c->pages = nr_free_pages();
	c->objs = slab_active_objs();
	c->inums = ns_inum_in_use();
}

static void expect_unchanged(struct ktest *t, const struct counters *before)
{
	struct counters now;

	snapshot(&now);
	KTEST_EXPECT_EQ(t, now.pages, before->pages);
	KTEST_EXPECT_EQ(t, now.objs, before->objs);
	KTEST_EXPECT_EQ(t, now.inums, before->inums);
}

static void init_uts_ns_is_set_up(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, init_uts_ns.ns.inum, PROC_UTS_INIT_INO);
	KTEST_EXPECT_PTR_EQ(t, init_uts_ns.ns.ops, &utsns_operations);
	KTEST_EXPECT_PTR_EQ(t, init_uts_ns.user_ns, &init_user_ns);
	KTEST_EXPECT_PTR_EQ(t, init_nsproxy.uts_ns, &init_uts_ns);
	KTEST_EXPECT_STREQ(t, init_uts_ns.name.sysname, "Linux");
	KTEST_EXPECT_STREQ(t, init_uts_ns.name.release, UTS_RELEASE);
	KTEST_EXPECT_STREQ(t, init_uts_ns.name.machine, "x86_64");
	/* the reference nobody drops: more than the nsproxies hold */
	KTEST_EXPECT_GE(t, kref_read(&init_uts_ns.kref), 2);
}

/* Without the flag, the same namespace, one reference more; with it, a copy. */
static void copy_utsname_shares_or_copies(struct ktest *t)
{
	struct uts_namespace *ns;
	int count = kref_read(&init_uts_ns.kref);

	ns = copy_utsname(0, &init_user_ns, &init_uts_ns);
	KTEST_EXPECT_PTR_EQ(t, ns, &init_uts_ns);
	KTEST_EXPECT_EQ(t, kref_read(&init_uts_ns.kref), count + 1);
	put_uts_ns(ns);
	KTEST_EXPECT_EQ(t, kref_read(&init_uts_ns.kref), count);

	ns = copy_utsname(CLONE_NEWUTS, &init_user_ns, &init_uts_ns);
	KTEST_ASSERT_TRUE(t, !IS_ERR(ns));
	KTEST_EXPECT_EQ(t, kref_read(&ns->kref), 1);
	KTEST_EXPECT_EQ(t, kref_read(&init_uts_ns.kref), count);
	KTEST_EXPECT_GE(t, ns->ns.inum, 0xF0000000U);
	KTEST_EXPECT_PTR_EQ(t, ns->ns.ops, &utsns_operations);
	KTEST_EXPECT_PTR_EQ(t, ns->ns.ops->owner(&ns->ns), &init_user_ns);
	KTEST_EXPECT_TRUE(t, !memcmp(&ns->name, &init_uts_ns.name, sizeof(ns->name)));
	put_uts_ns(ns);
}

/* Each allocation of clone_uts_ns fails in turn: ENOMEM, and nothing kept. */
static void clone_uts_ns_unwinds_every_step(struct ktest *t)
{
	struct uts_namespace *ns;
	struct counters before;
	int nth;

	put_uts_ns(copy_utsname(CLONE_NEWUTS, &init_user_ns, &init_uts_ns));	/* caches warm */
	snapshot(&before);
	for (nth = 1; nth < 20; nth++) {
		fail_nth_set(nth);
		ns = copy_utsname(CLONE_NEWUTS, &init_user_ns, &init_uts_ns);
		fail_nth_set(0);
		if (!IS_ERR(ns))
			break;
		KTEST_EXPECT_EQ(t, PTR_ERR(ns), -ENOMEM);
		expect_unchanged(t, &before);
	}
	KTEST_ASSERT_TRUE(t, !IS_ERR(ns));
	ktest_info(t, "clone_uts_ns made %d allocations", nth - 1);
	KTEST_EXPECT_GE(t, nth - 1, 2);		/* the struct, the inode number */
	put_uts_ns(ns);
	expect_unchanged(t, &before);
}

/*
 * The same for a whole nsproxy with new UTS, IPC and PID namespaces: a
 * failure at any step puts back the namespaces made before it.
 */
static void create_new_namespaces_unwinds_every_step(struct ktest *t)
{
	const unsigned long flags = CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID;
	struct nsproxy *nsp;
	struct counters before;
	int nth;

	free_nsproxy(create_new_namespaces(flags, current, &init_user_ns, current->fs));
	snapshot(&before);
	for (nth = 1; nth < 100; nth++) {
		fail_nth_set(nth);
		nsp = create_new_namespaces(flags, current, &init_user_ns, current->fs);
		fail_nth_set(0);
		if (!IS_ERR(nsp))
			break;
		KTEST_EXPECT_EQ(t, PTR_ERR(nsp), -ENOMEM);
		expect_unchanged(t, &before);
	}
	KTEST_ASSERT_TRUE(t, !IS_ERR(nsp));
	ktest_info(t, "create_new_namespaces made %d allocations", nth - 1);
	KTEST_EXPECT_TRUE(t, nsp->uts_ns != current->nsproxy->uts_ns);
	KTEST_EXPECT_TRUE(t, nsp->ipc_ns != current->nsproxy->ipc_ns);
	free_nsproxy(nsp);
	expect_unchanged(t, &before);
}

static struct ktest_case uts_ns_cases[] = {
	KTEST_CASE(init_uts_ns_is_set_up),
	KTEST_CASE(copy_utsname_shares_or_copies),
	KTEST_CASE(clone_uts_ns_unwinds_every_step),
	KTEST_CASE(create_new_namespaces_unwinds_every_step),
	KTEST_END,
};

static struct ktest_suite uts_ns_suite = { .name = "uts_ns", .cases = uts_ns_cases };
KTEST_SUITE(uts_ns_suite);
