/*
 * pidns_limits: how deep PID namespaces nest (linux-semantics.md B1, B2,
 * B15; LTP pidns32).
 *
 * Below the initial namespace (level 0, where the tests run) levels 1..32
 * can be made (MAX_PID_NS_LEVEL); a 33rd, by clone or unshare, is ENOSPC,
 * while ordinary forks still work there.  A task at level 32 has 33 numbers.
 */
#include "ns_util.h"

#define MAX_PID_NS_LEVEL 32

struct deepest {
	long level;		/* levels made, counted by the deepest init */
	long inits;		/* how many levels saw themselves as pid 1 */
	long clone_errno;	/* clone(CLONE_NEWPID) at the deepest level */
	long unshare_errno;	/* unshare(CLONE_NEWPID) there */
	long fork_errno;	/* a plain fork there */
	long numbers;		/* entries of its NSpid line in the test's /proc */
};

static long count_numbers(const char *nspid)
{
	long n = 0;

	for (; *nspid; nspid++)
		n += *nspid == '\t';
	return n;
}

static void send_report(int fd, const struct deepest *r)
{
	if (write(fd, r, sizeof(*r)) != sizeof(*r))
		_exit(1);
}

static void at_the_bottom(struct deepest *r)
{
	char nspid[512] = "";

	r->clone_errno = child_errno(ns_clone(CLONE_NEWPID));
	r->unshare_errno = ERRNO_OF(unshare(CLONE_NEWPID));
	r->fork_errno = child_errno(fork());
	proc_field("/proc/self/status", "NSpid", nspid, sizeof(nspid));
	r->numbers = count_numbers(nspid);
}

/*
 * Makes the next level below the caller's; the deepest level, or one whose
 * clone failed, sends the report on @fd.
 */
static void descend(struct deepest r, int fd)
{
	pid_t pid = ns_clone(CLONE_NEWPID);

	if (pid == 0) {
		r.level++;
		r.inits += getpid() == 1;
		if (r.level < MAX_PID_NS_LEVEL) {
			descend(r, fd);
		} else {
			at_the_bottom(&r);
			send_report(fd, &r);
		}
		_exit(0);
	}
	if (pid < 0) {
		r.clone_errno = errno;
		send_report(fd, &r);
		return;
	}
	wait_exit(pid);
}

static void t_32_levels_then_enospc(void)
{
	struct deepest r = { 0 };
	int fd[2];

	ASSERT_EQ(pipe(fd), 0);
	descend(r, fd[1]);
	close(fd[1]);
	EXPECT_EQ(read_full(fd[0], &r, sizeof(r)), sizeof(r));
	close(fd[0]);
	EXPECT_EQ(r.level, MAX_PID_NS_LEVEL);
	EXPECT_EQ(r.inits, MAX_PID_NS_LEVEL);
	EXPECT_EQ(r.clone_errno, ENOSPC);
	EXPECT_EQ(r.unshare_errno, ENOSPC);
	EXPECT_EQ(r.fork_errno, 0);
	EXPECT_EQ(r.numbers, MAX_PID_NS_LEVEL + 1);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_32_levels_then_enospc));
}
