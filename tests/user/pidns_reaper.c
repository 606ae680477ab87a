/*
 * pidns_reaper: who adopts an orphan (linux-semantics.md B7, B11).
 *
 * When a process dies its children go to the nearest ancestor in the same
 * PID namespace that is a child subreaper (PR_SET_CHILD_SUBREAPER), else to
 * the namespace's init; a subreaper outside the namespace is never used.
 * The adopter then reaps them.
 */
#include "ns_util.h"

struct orphan {
	long adopter;	/* the caller of make_orphan() */
	long b;		/* the orphan's pid */
	long b_ppid;	/* its getppid() once its parent A was reaped */
	long reaped;	/* the caller's waitpid(b): b when it adopted it */
};

/* A: forks the orphan-to-be B, tells its pid and exits. */
static void parent_of_orphan(int go, int info)
{
	long b = fork();

	if (b == 0) {
		long ppid;

		sync_wait(go);
		ppid = getppid();
		_exit(write(info, &ppid, sizeof(ppid)) == sizeof(ppid) ? 0 : 1);
	}
	_exit(write(info, &b, sizeof(b)) == sizeof(b) ? 0 : 1);
}

/*
 * Forks A, which forks B and exits; once A is reaped B reports getppid().
 * Every scenario below expects the caller to adopt B.
 */
static void make_orphan(struct orphan *o)
{
	int go[2], info[2];
	pid_t a;

	o->adopter = getpid();
	o->b = o->b_ppid = o->reaped = -1;
	if (pipe(go) || pipe(info))
		return;
	a = fork();
	if (a == 0)
		parent_of_orphan(go[0], info[1]);
	close(info[1]);
	read_full(info[0], &o->b, sizeof(o->b));
	wait_exit(a);
	sync_post(go[1]);
	read_full(info[0], &o->b_ppid, sizeof(o->b_ppid));
	if (o->b > 0)
		o->reaped = waitpid(o->b, NULL, 0);
	close(info[0]);
	close(go[0]);
	close(go[1]);
}

static void orphan_in_init(void *out)
{
	make_orphan(out);
}

static void t_orphan_goes_to_namespace_init(void)
{
	struct orphan o;

	ASSERT_EQ(ns_run(CLONE_NEWPID, orphan_in_init, &o, sizeof(o)), 0);
	EXPECT_EQ(o.adopter, 1);
	EXPECT_EQ(o.b, 3);
	EXPECT_EQ(o.b_ppid, 1);
	EXPECT_EQ(o.reaped, 3);
}

struct subreaper {
	long set, get;
	struct orphan o;
};

static void become_subreaper(struct subreaper *r)
{
	int on = -1;

	r->set = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0);
	r->get = on;
}

static void orphan_under_subreaper(void *out)
{
	become_subreaper(out);
	make_orphan(&((struct subreaper *)out)->o);
}

static void subreaper_in_init(void *out)
{
	ns_run(0, orphan_under_subreaper, out, sizeof(struct subreaper));
}

/* Init (1) forks the subreaper S (2), S forks A (3), A forks B (4). */
static void t_orphan_goes_to_subreaper(void)
{
	struct subreaper r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, subreaper_in_init, &r, sizeof(r)), 0);
	EXPECT_EQ(r.set, 0);
	EXPECT_EQ(r.get, 1);
	EXPECT_EQ(r.o.adopter, 2);
	EXPECT_EQ(r.o.b, 4);
	EXPECT_EQ(r.o.b_ppid, 2);
	EXPECT_EQ(r.o.reaped, 4);
}

/* S1 and its child S2 are both subreapers: B goes to S2, the nearest. */
static void two_subreapers(void *out)
{
	struct subreaper *r = out;

	become_subreaper(r);
	ns_run(0, orphan_under_subreaper, r, sizeof(*r));
}

static void t_nearest_subreaper_wins(void)
{
	struct subreaper r;

	ASSERT_EQ(ns_run(0, two_subreapers, &r, sizeof(r)), 0);
	EXPECT_EQ(r.get, 1);
	EXPECT_GT(r.o.adopter, 1);
	EXPECT_EQ(r.o.b_ppid, r.o.adopter);
	EXPECT_EQ(r.o.reaped, r.o.b);
}

/* A subreaper outside the namespace: B still goes to the namespace's init. */
static void subreaper_above_namespace(void *out)
{
	struct subreaper *r = out;

	become_subreaper(r);
	ns_run(CLONE_NEWPID, orphan_in_init, &r->o, sizeof(r->o));
}

static void t_subreaper_outside_namespace_is_skipped(void)
{
	struct subreaper r;

	ASSERT_EQ(ns_run(0, subreaper_above_namespace, &r, sizeof(r)), 0);
	EXPECT_EQ(r.get, 1);
	EXPECT_EQ(r.o.b_ppid, 1);
	EXPECT_EQ(r.o.reaped, 3);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_orphan_goes_to_namespace_init,
				   t_orphan_goes_to_subreaper,
				   t_nearest_subreaper_wins,
				   t_subreaper_outside_namespace_is_skipped));
}
