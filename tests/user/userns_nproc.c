/*
 * userns_nproc: RLIMIT_NPROC at fork (linux-semantics.md D12).
 *
 * fork() is EAGAIN once the real uid already runs as many processes as the
 * caller's RLIMIT_NPROC allows, and works again when one of them is
 * reaped.  Root of the initial user namespace is exempt; root of a child
 * user namespace is not, since its capabilities do not reach the initial
 * one.  The test runs as NPROC_UID, a uid no other test uses, so that the
 * count is exactly the test's own processes.
 */
#include "ns_util.h"
#include <sys/resource.h>

#define NPROC_UID 4242

static int set_nproc_limit(rlim_t n)
{
	struct rlimit rl = { n, n };

	return setrlimit(RLIMIT_NPROC, &rl);
}

/* fork()'s errno, or 0 with a child that waits until @hold[1] is closed. */
static long fork_holder(const int hold[2], pid_t *pid)
{
	*pid = fork();
	if (*pid == 0) {
		close(hold[1]);
		sync_wait(hold[0]);
		_exit(0);
	}
	return *pid < 0 ? errno : 0;
}

struct forks {
	long first, second, after_reap;
};

/* With a limit of 2: the caller and one child, then no more until reaped. */
static void fork_up_to_the_limit(struct forks *r)
{
	int hold[2];
	pid_t a, b, c;

	if (pipe(hold) || set_nproc_limit(2))
		_exit(1);
	r->first = fork_holder(hold, &a);
	r->second = fork_holder(hold, &b);
	close(hold[1]);
	if (a > 0)
		wait_exit(a);
	if (b > 0)
		wait_exit(b);
	if (pipe(hold))
		_exit(1);
	r->after_reap = fork_holder(hold, &c);
	close(hold[1]);
	if (c > 0)
		wait_exit(c);
}

static void forks_as_ordinary_user(void *out)
{
	if (drop_privs(NPROC_UID))
		_exit(1);
	fork_up_to_the_limit(out);
}

static void t_fork_beyond_the_limit_is_eagain(void)
{
	struct forks r;

	ASSERT_EQ(ns_run(0, forks_as_ordinary_user, &r, sizeof(r)), 0);
	EXPECT_EQ(r.first, 0);
	EXPECT_EQ(r.second, EAGAIN);
	EXPECT_EQ(r.after_reap, 0);
}

static void forks_as_root(void *out)
{
	fork_up_to_the_limit(out);
}

/* Root runs far more than 2 processes, yet may fork. */
static void t_root_is_exempt(void)
{
	struct forks r;

	ASSERT_EQ(ns_run(0, forks_as_root, &r, sizeof(r)), 0);
	EXPECT_EQ(r.first, 0);
	EXPECT_EQ(r.second, 0);
	EXPECT_EQ(r.after_reap, 0);
}

static void forks_as_root_of_a_child_namespace(void *out)
{
	if (drop_privs(NPROC_UID) || unshare(CLONE_NEWUSER) ||
	    map_self_as_root(NPROC_UID, NPROC_UID) || getuid() != 0)
		_exit(1);
	fork_up_to_the_limit(out);
}

static void t_root_of_a_child_user_namespace_is_not_exempt(void)
{
	struct forks r;

	ASSERT_EQ(ns_run(0, forks_as_root_of_a_child_namespace, &r, sizeof(r)), 0);
	EXPECT_EQ(r.first, 0);
	EXPECT_EQ(r.second, EAGAIN);
	EXPECT_EQ(r.after_reap, 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_fork_beyond_the_limit_is_eagain,
				   t_root_is_exempt,
				   t_root_of_a_child_user_namespace_is_not_exempt));
}
