/*
 * pidns_pid_max: kernel.pid_max is per pid namespace (Linux 6.14).
 *
 * /proc/sys/kernel/pid_max shows the reader's pid namespace's limit; a
 * new namespace starts with PID_MAX_LIMIT (its ancestors' limits bound it
 * anyway); writing it changes only the writer's namespace; numbers
 * there stay below it, wrapping around; once every number below it is
 * taken, fork is EAGAIN.  An ancestor's smaller limit still bounds a
 * descendant with a larger one: each task takes a number at every level.
 * The values outside [pid_max_min, PID_MAX_LIMIT] are EINVAL; writing
 * needs root of, or CAP_SYS_ADMIN over, the namespace's owner (the file
 * does not open for writing otherwise: EACCES).
 *
 * Every write is made in a new pid namespace, never in the test's own.
 */
#include "ns_util.h"

#define PID_MAX	"/proc/sys/kernel/pid_max"
#define RESERVED_PIDS	300
#define PID_MAX_LIMIT	(4 * 1024 * 1024)

/* The smallest value Linux takes: max(RESERVED_PIDS + 1, 8 per possible CPU). */
static int limit(void)
{
	char buf[64];
	int lo, hi, n = 0, cpus = 0;
	char *p = buf;

	if (read_text("/sys/devices/system/cpu/possible", buf, sizeof(buf)) > 0)
		while (sscanf(p, "%d%n", &lo, &n) == 1) {
			p += n;
			hi = lo;
			if (*p == '-' && sscanf(p + 1, "%d%n", &hi, &n) == 1)
				p += n + 1;
			cpus += hi - lo + 1;
			if (*p != ',')
				break;
			p++;
		}
	return (8 * cpus > RESERVED_PIDS + 1 ? 8 * cpus : RESERVED_PIDS + 1) + 50;
}

static int set_pid_max(int max)
{
	char text[16];

	snprintf(text, sizeof(text), "%d", max);
	return write_text(PID_MAX, text);
}

/* A child that forks @n times, each child exiting at once: the largest pid seen. */
static int largest_of_forks(int n)
{
	int i, most = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			return -errno;
		waitpid(pid, NULL, 0);
		if (pid > most)
			most = pid;
	}
	return most;
}

NS_CASE(own_value_and_wraps_below_it, CLONE_NEWPID | CLONE_NEWNS)
{
	int max = limit();

	ASSERT_EQ(mount_own_proc(), 0);
	EXPECT_EQ(read_number(PID_MAX), PID_MAX_LIMIT);
	EXPECT_EQ(set_pid_max(max), 0);
	EXPECT_EQ(read_number(PID_MAX), max);
	EXPECT_EQ(largest_of_forks(max + 5), max - 1);
	EXPECT_EQ(set_pid_max(RESERVED_PIDS), -EINVAL);
	EXPECT_EQ(set_pid_max(4 * 1024 * 1024 + 1), -EINVAL);
	EXPECT_EQ(read_number(PID_MAX), max);
}

/* The test's own namespace is untouched by a child namespace's write. */
static void t_write_stays_in_its_namespace(void)
{
	long long before = read_number(PID_MAX);
	pid_t pid = ns_clone(CLONE_NEWPID | CLONE_NEWNS);

	if (pid == 0)
		_exit(mount_own_proc() || set_pid_max(limit()) ? 1 : 0);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(read_number(PID_MAX), before);
}

/* Children that sleep until the pipe @p's write end closes: how many could be made. */
static int fill(int p[2])
{
	int made = 0;
	pid_t pid;
	char c;

	for (;;) {
		pid = fork();
		if (pid == 0) {
			close(p[1]);
			_exit(read(p[0], &c, 1) < 0);
		}
		if (pid < 0)
			return errno == EAGAIN ? made : -errno;
		made++;
	}
}

/* A child namespace with a larger limit below one with a smaller: the smaller wins. */
static void nested_body(int outer)
{
	int p[2], made;

	ASSERT_EQ(mount_own_proc(), 0);
	EXPECT_EQ(read_number(PID_MAX), PID_MAX_LIMIT);
	EXPECT_EQ(set_pid_max(outer + 100), 0);
	ASSERT_EQ(pipe(p), 0);
	made = fill(p);
	close(p[1]);
	while (wait(NULL) > 0)
		;
	/* the outer namespace has numbers 2..outer-1: its init (this task's parent) holds 2 */
	EXPECT_EQ(made, outer - 3);
}

NS_CASE(smallest_limit_on_the_way_out_wins, CLONE_NEWPID | CLONE_NEWNS)
{
	int outer = limit(), status;
	pid_t pid;

	ASSERT_EQ(mount_own_proc(), 0);
	ASSERT_EQ(set_pid_max(outer), 0);
	fflush(stdout);
	pid = ns_clone(CLONE_NEWPID | CLONE_NEWNS);
	if (pid == 0) {
		if (!setjmp(ktap_abort))
			nested_body(outer);
		fflush(stdout);
		_exit(ktap_failed);
	}
	ASSERT_GT(pid, 0);
	status = wait_exit(pid);
	EXPECT_EQ(status, 0);
}

/* An unprivileged user may not write the initial namespace's limit. */
static void t_writing_needs_the_owners_root(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, -write_text(PID_MAX, "32768")), EACCES);
}

/* Root of a user namespace of its own may set its own pid namespace's limit. */
static void t_root_of_the_owner_may_write(void)
{
	pid_t pid = fork();
	int max = limit();

	if (pid == 0) {
		if (drop_privs(TEST_UID) || unshare(CLONE_NEWUSER))
			_exit(100);
		pid = ns_clone(CLONE_NEWPID | CLONE_NEWNS);
		if (pid == 0)
			_exit(mount_own_proc() ? 101 : -set_pid_max(max) ? 102 :
			      read_number(PID_MAX) != max ? 103 : 0);
		_exit(wait_exit(pid));
	}
	EXPECT_EQ(wait_exit(pid), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_own_value_and_wraps_below_it, t_write_stays_in_its_namespace,
				   t_smallest_limit_on_the_way_out_wins,
				   t_writing_needs_the_owners_root, t_root_of_the_owner_may_write));
}
