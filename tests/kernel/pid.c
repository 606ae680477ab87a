/*
 * tests/kernel/pid.c: the pidmap allocator, pid_hash sizing, struct pid
 * numbers across levels, and that a nested namespace leaves nothing behind.
 */
#include <linux/ktest.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/cred.h>
#include <linux/bitops.h>
#include <linux/wait_api.h>
#include <linux/signal.h>
#include <linux/user_namespace.h>
#include <linux/quicklist.h>

/* A private namespace to allocate from, freed by the test. */
static struct pid_namespace *scratch_ns(struct ktest *t)
{
	struct pid_namespace *ns = create_pid_namespace(&init_user_ns, &init_pid_ns);

	if (IS_ERR(ns)) {
		ktest_fail(t, __FILE__, __LINE__, "create_pid_namespace failed: %ld", PTR_ERR(ns));
		return NULL;
	}
	return ns;
}

static void free_numbers(struct pid_namespace *ns, int from, int to)
{
	struct upid u = { .ns = ns };

	for (u.nr = from; u.nr <= to; u.nr++)
		free_pidmap(&u);
}

static void numbers_increase_and_are_not_reused_before_the_wrap(struct ktest *t)
{
	struct pid_namespace *ns = scratch_ns(t);
	struct upid u;

	if (!ns)
		return;
	KTEST_EXPECT_EQ(t, alloc_pidmap(ns), 1);	/* a new namespace starts at 1 */
	KTEST_EXPECT_EQ(t, alloc_pidmap(ns), 2);
	KTEST_EXPECT_EQ(t, alloc_pidmap(ns), 3);
	u.ns = ns;
	u.nr = 2;
	free_pidmap(&u);
	KTEST_EXPECT_EQ(t, alloc_pidmap(ns), 4);	/* 2 is free but not reused yet */
	free_numbers(ns, 1, 1);
	free_numbers(ns, 3, 4);
	put_pid_ns(ns);
}

static void wraps_to_reserved_pids_and_runs_out(struct ktest *t)
{
	struct pid_namespace *ns = scratch_ns(t);
	int i, nr;

	if (!ns)
		return;
	ns->pid_max = 400;	/* the scratch namespace's own limit */
	for (i = 1; i < 400; i++)
		KTEST_ASSERT_EQ(t, alloc_pidmap(ns), i);
	KTEST_EXPECT_EQ(t, alloc_pidmap(ns), -EAGAIN);	/* 1..399 all taken */
	free_numbers(ns, 5, 5);
	free_numbers(ns, 350, 350);
	nr = alloc_pidmap(ns);
	KTEST_EXPECT_EQ(t, nr, 350);		/* wrapped to 300, not back to 5 */
	KTEST_EXPECT_EQ(t, alloc_pidmap(ns), -EAGAIN);
	free_numbers(ns, 1, 4);
	free_numbers(ns, 6, 399);
	put_pid_ns(ns);
}

/* A namespace's bitmap grows a page at a time, when the numbers first reach it. */
static void numbers_cross_into_a_second_page(struct ktest *t)
{
	struct pid_namespace *ns = scratch_ns(t);
	int first = BITS_PER_PAGE - 2, nr[3], i;

	if (!ns)
		return;
	ns->pid_max = BITS_PER_PAGE + 100;
	ns->last_pid = first - 1;
	KTEST_EXPECT_NULL(t, ns->pidmap[1].page);
	for (i = 0; i < 3; i++)		/* the third is the second page's first */
		nr[i] = alloc_pidmap(ns);
	for (i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, nr[i], first + i);
	KTEST_EXPECT_TRUE(t, ns->pidmap[1].page != NULL);
	if (ns->pidmap[1].page)
		KTEST_EXPECT_EQ(t, atomic_read(&ns->pidmap[1].nr_free), BITS_PER_PAGE - 1);
	for (i = 0; i < 3; i++)		/* give back what came, whatever it was */
		if (nr[i] > 0)
			free_numbers(ns, nr[i], nr[i]);
	put_pid_ns(ns);
}

/* Consecutive numbers of one namespace land on different chains of pid_hash. */
static void pid_hashfn_spreads_a_namespace(struct ktest *t)
{
	struct pid_namespace *ns = &init_pid_ns;
	unsigned int seen[64], distinct = 0, b;
	int nr, i;

	for (nr = 1; nr <= 64; nr++) {
		b = pid_hashfn(nr, ns);
		KTEST_ASSERT_TRUE(t, b < (1U << pidhash_shift));
		KTEST_EXPECT_EQ(t, pid_hashfn(nr, ns), b);
		for (i = 0; i < (int)distinct && seen[i] != b; i++)
			;
		if (i == (int)distinct)
			seen[distinct++] = b;
	}
	KTEST_EXPECT_GE(t, distinct, 48);
	KTEST_EXPECT_NE(t, pid_hashfn(1, ns), pid_hashfn(1, ns + 1));	/* the namespace counts */
}

static void pidhash_sizes_follow_memory(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 1U << pidhash_shift_for(16), 128);	/* fls(64) = 7 */
	KTEST_EXPECT_EQ(t, 1U << pidhash_shift_for(128), 1024);	/* fls(512) = 10 */
	KTEST_EXPECT_EQ(t, 1U << pidhash_shift_for(1024), 4096);	/* capped at 12 */
	KTEST_EXPECT_EQ(t, 1U << pidhash_shift_for(8192), 4096);
	KTEST_EXPECT_EQ(t, 1U << pidhash_shift_for(1), 16);	/* at least 16 */
}

/* A pid born two levels down has three numbers, each findable in its own namespace. */
static void three_level_pid_has_a_number_per_level(struct ktest *t)
{
	struct pid_namespace *l1 = scratch_ns(t), *l2;
	struct pid *pid;

	if (!l1)
		return;
	l2 = create_pid_namespace(&init_user_ns, l1);
	KTEST_ASSERT_TRUE(t, !IS_ERR(l2));
	pid = alloc_pid(l2, NULL, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(pid));
	KTEST_EXPECT_EQ(t, pid->level, 2);
	KTEST_EXPECT_PTR_EQ(t, pid->numbers[2].ns, l2);
	KTEST_EXPECT_PTR_EQ(t, pid->numbers[1].ns, l1);
	KTEST_EXPECT_PTR_EQ(t, pid->numbers[0].ns, &init_pid_ns);
	KTEST_EXPECT_EQ(t, pid->numbers[2].nr, 1);
	KTEST_EXPECT_EQ(t, pid->numbers[1].nr, 1);
	KTEST_EXPECT_GT(t, pid->numbers[0].nr, 2);
	KTEST_EXPECT_PTR_EQ(t, find_pid_ns(1, l2), pid);
	KTEST_EXPECT_PTR_EQ(t, find_pid_ns(1, l1), pid);
	KTEST_EXPECT_PTR_EQ(t, find_pid_ns(pid->numbers[0].nr, &init_pid_ns), pid);
	KTEST_EXPECT_EQ(t, pid_nr_ns(pid, l1), 1);
	KTEST_EXPECT_EQ(t, pid_nr_ns(find_pid_ns(1, &init_pid_ns), l1), 0);	/* invisible */
	free_pid(pid);
	KTEST_EXPECT_NULL(t, find_pid_ns(1, l2));
	put_pid_ns(l2);
	put_pid_ns(l1);
}

static void level_33_is_enospc(struct ktest *t)
{
	struct pid_namespace *ns[MAX_PID_NS_LEVEL + 1], *over;
	int i;

	ns[0] = &init_pid_ns;
	for (i = 1; i <= MAX_PID_NS_LEVEL; i++) {
		ns[i] = create_pid_namespace(&init_user_ns, ns[i - 1]);
		KTEST_ASSERT_TRUE(t, !IS_ERR(ns[i]));
	}
	KTEST_EXPECT_EQ(t, ns[MAX_PID_NS_LEVEL]->level, 32);
	over = create_pid_namespace(&init_user_ns, ns[MAX_PID_NS_LEVEL]);
	KTEST_EXPECT_EQ(t, PTR_ERR(over), -ENOSPC);
	put_pid_ns(ns[MAX_PID_NS_LEVEL]);	/* drops the whole chain */
}

static unsigned long pid_cache_objs(void)
{
	unsigned long n = 0;
	int i;
	char name[8];

	for (i = 1; i <= MAX_PID_NS_LEVEL + 1; i++) {
		struct kmem_cache *c;

		snprintf(name, sizeof(name), "pid_%d", i);
		c = kmem_cache_find(name);
		if (c)
			n += c->active_objs;
	}
	return n;
}

/* A kernel_thread function must not return: that path is for a successful exec. */
static int nested_child(void *arg)
{
	(void)arg;
	do_exit(0);
}

/* A task in a namespace two levels down: it runs, exits, is reaped. */
static int nested_init(void *arg)
{
	pid_t pid;
	int depth = (long)arg;

	if (depth > 1) {
		pid = kernel_thread(nested_init, (void *)(long)(depth - 1),
				    CLONE_NEWPID | SIGCHLD);
		ktest_reap(pid);
	}
	ktest_reap(kernel_thread(nested_child, NULL, SIGCHLD));
	do_exit(0);
}

static int run_nested(int rounds)
{
	pid_t pid;
	int i;

	for (i = 0; i < rounds; i++) {
		pid = kernel_thread(nested_init, (void *)3L, CLONE_NEWPID | SIGCHLD);
		if (pid < 1 || ktest_reap(pid) != pid)
			return -1;
	}
	return 0;
}

/*
 * One warm-up round first: the per-level pid caches (pid_2, pid_3, ...) are
 * made on first use and stay, as Linux's create_pid_cachep keeps them.
 * Every later round must give back everything it took.
 */
static void nested_namespaces_leave_nothing(struct ktest *t)
{
	unsigned long objs, pages, slab;

	KTEST_ASSERT_EQ(t, run_nested(1), 0);
	objs = pid_cache_objs();
	kmem_cache_shrink_all();	/* the caches' spare empty slabs are no pages taken */
	pages = nr_free_pages();
	slab = slab_active_objs();
	KTEST_ASSERT_EQ(t, run_nested(3), 0);
	KTEST_EXPECT_EQ(t, pid_cache_objs(), objs);
	KTEST_EXPECT_EQ(t, slab_active_objs(), slab);
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

/*
 * alloc_pid failing after its numbers were taken (here: the namespace no
 * longer accepts pids) gives them back, and pid_high still covers the
 * bitmap page one of them made, so destroy_pid_namespace, which looks no
 * further than pid_high's page, frees it.
 */
static void failed_alloc_pid_leaves_its_page_to_the_namespace(struct ktest *t)
{
	struct pid_namespace *ns;
	unsigned long pages;
	struct pid *pid;

	put_pid_ns(scratch_ns(t));	/* pid_2, this level's pid cache, made on first use */
	kmem_cache_shrink_all();
	quicklist_trim_all();
	pages = nr_free_pages();
	ns = scratch_ns(t);
	if (!ns)
		return;
	ns->last_pid = BITS_PER_PAGE - 1;	/* the next number is the second page's first */
	disable_pid_allocation(ns);
	pid = alloc_pid(ns, NULL, 0);
	KTEST_EXPECT_EQ(t, PTR_ERR(pid), -ENOMEM);
	KTEST_EXPECT_TRUE(t, ns->pidmap[1].page != NULL);
	KTEST_EXPECT_GE(t, ns->pid_high, (int)BITS_PER_PAGE);
	KTEST_EXPECT_EQ(t, atomic_read(&ns->pidmap[1].nr_free), BITS_PER_PAGE);
	put_pid_ns(ns);
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

static struct ktest_case pid_cases[] = {
	KTEST_CASE(numbers_increase_and_are_not_reused_before_the_wrap),
	KTEST_CASE(wraps_to_reserved_pids_and_runs_out),
	KTEST_CASE(numbers_cross_into_a_second_page),
	KTEST_CASE(pid_hashfn_spreads_a_namespace),
	KTEST_CASE(pidhash_sizes_follow_memory),
	KTEST_CASE(three_level_pid_has_a_number_per_level),
	KTEST_CASE(level_33_is_enospc),
	KTEST_CASE(nested_namespaces_leave_nothing),
	KTEST_CASE(failed_alloc_pid_leaves_its_page_to_the_namespace),
	KTEST_END,
};

static struct ktest_suite pid_suite = { .name = "pid", .cases = pid_cases };
KTEST_SUITE(pid_suite);
