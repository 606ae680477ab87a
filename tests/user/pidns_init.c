/*
 * pidns_init: the first process of a new PID namespace and the numbers its
 * namespace hands out (linux-semantics.md B5, B7, B8, B16; LTP pidns01,
 * pidns02).
 *
 * The init of a new namespace is pid 1 with parent 0 and, until it calls
 * setsid(), session and process group 0 (their leader lives outside).  The
 * next processes get 2, 3, ... without reuse until pid_max, where numbering
 * wraps to 300; each level of a nest counts on its own, the parent keeps
 * seeing the outer number, and kernel.ns_last_pid shows the reader's own
 * namespace's last number.
 */
#include "ns_util.h"

struct ids {
	long pid, ppid, sid, pgid;
};

static void get_ids(struct ids *r)
{
	r->pid = getpid();
	r->ppid = getppid();
	r->sid = getsid(0);
	r->pgid = getpgid(0);
}

static void report_ids(void *out)
{
	get_ids(out);
}

static void t_init_is_pid_1_with_parent_0(void)
{
	struct ids r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, report_ids, &r, sizeof(r)), 0);
	EXPECT_EQ(r.pid, 1);
	EXPECT_EQ(r.ppid, 0);
}

struct setsid_ids {
	struct ids before, after;
	long setsid;
};

static void report_setsid(void *out)
{
	struct setsid_ids *r = out;

	get_ids(&r->before);
	r->setsid = setsid();
	get_ids(&r->after);
}

/* LTP pidns02: the inherited session and group have no number inside. */
static void t_init_sid_pgid_0_then_1_after_setsid(void)
{
	struct setsid_ids r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, report_setsid, &r, sizeof(r)), 0);
	EXPECT_EQ(r.before.sid, 0);
	EXPECT_EQ(r.before.pgid, 0);
	EXPECT_EQ(r.setsid, 1);
	EXPECT_EQ(r.after.sid, 1);
	EXPECT_EQ(r.after.pgid, 1);
}

/* A child's pid as its parent saw it, as it saw itself, and its getppid(). */
struct child_view {
	long forked, self, ppid;
};

/* Forks a child that reports getpid() and getppid(), and reaps it. */
static int fork_and_look(struct child_view *v)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return -1;
	pid = fork();
	if (pid == 0) {
		long ids[2] = { getpid(), getppid() };

		_exit(write(fd[1], ids, sizeof(ids)) == sizeof(ids) ? 0 : 1);
	}
	close(fd[1]);
	if (pid > 0) {
		long ids[2] = { -1, -1 };

		read_full(fd[0], ids, sizeof(ids));
		v->self = ids[0];
		v->ppid = ids[1];
		wait_exit(pid);
	}
	v->forked = pid;
	close(fd[0]);
	return pid > 0 ? 0 : -1;
}

struct three_children {
	struct child_view child[3];
};

/* Each child is reaped before the next is made: freed numbers stay unused. */
static void fork_three(void *out)
{
	struct three_children *r = out;
	int i;

	for (i = 0; i < 3; i++)
		fork_and_look(&r->child[i]);
}

static void t_children_numbered_2_3_4_without_reuse(void)
{
	struct three_children r;
	int i;

	ASSERT_EQ(ns_run(CLONE_NEWPID, fork_three, &r, sizeof(r)), 0);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(r.child[i].forked, 2 + i);
		EXPECT_EQ(r.child[i].self, 2 + i);
		EXPECT_EQ(r.child[i].ppid, 1);
	}
}

/* The parent names its child by the outer number; the child calls itself 1. */
static void t_parent_sees_outer_number(void)
{
	int fd[2];
	long inner = -1;
	pid_t pid;

	ASSERT_EQ(pipe(fd), 0);
	pid = ns_clone(CLONE_NEWPID);
	if (pid == 0) {
		long self = getpid();

		_exit(write(fd[1], &self, sizeof(self)) == sizeof(self) ? 0 : 1);
	}
	close(fd[1]);
	ASSERT_GT(pid, 0);
	read_full(fd[0], &inner, sizeof(inner));
	close(fd[0]);
	EXPECT_EQ(inner, 1);
	EXPECT_GT(pid, 1);
	EXPECT_EQ(kill(pid, 0), 0);
	EXPECT_EQ(wait_exit(pid), 0);
}

struct nest_view {
	long outer_number;	/* the level-2 init as the level-1 init sees it */
	long self;		/* the level-2 init's getpid() */
	long its_child;		/* the level-2 init's first child */
};

/* The level-2 init: sends its own number and its first child's up a pipe. */
static void nested_init(int fd)
{
	struct child_view v;
	long ids[2];

	fork_and_look(&v);
	ids[0] = getpid();
	ids[1] = v.self;
	_exit(write(fd, ids, sizeof(ids)) == sizeof(ids) ? 0 : 1);
}

static void nest_two_levels(void *out)
{
	struct nest_view *r = out;
	long ids[2] = { -1, -1 };
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return;
	pid = ns_clone(CLONE_NEWPID);
	if (pid == 0)
		nested_init(fd[1]);
	close(fd[1]);
	read_full(fd[0], ids, sizeof(ids));
	close(fd[0]);
	wait_exit(pid);
	r->outer_number = pid;
	r->self = ids[0];
	r->its_child = ids[1];
}

static void t_nested_namespace_numbers_from_1(void)
{
	struct nest_view r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, nest_two_levels, &r, sizeof(r)), 0);
	EXPECT_EQ(r.outer_number, 2);
	EXPECT_EQ(r.self, 1);
	EXPECT_EQ(r.its_child, 2);
}

struct last_pid {
	long at_start, after_fork;
};

static void read_last_pid(void *out)
{
	struct last_pid *r = out;
	struct child_view v;

	r->at_start = read_number("/proc/sys/kernel/ns_last_pid");
	fork_and_look(&v);
	r->after_fork = read_number("/proc/sys/kernel/ns_last_pid");
}

/* B16: the sysctl reads the reader's own namespace, whatever /proc shows. */
static void t_ns_last_pid_reads_the_active_namespace(void)
{
	struct last_pid r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, read_last_pid, &r, sizeof(r)), 0);
	EXPECT_EQ(r.at_start, 1);
	EXPECT_EQ(r.after_fork, 2);
}

struct wrap {
	long pid_max, write, before_wrap, after_wrap;
};

/*
 * B5: at pid_max the numbers wrap to RESERVED_PIDS (300), never below.
 * Setting ns_last_pid (root may) brings the counter there without forking
 * thousands of processes.
 */
static void wrap_at_pid_max(void *out)
{
	struct wrap *r = out;
	struct child_view v;
	char text[32];

	r->pid_max = read_number("/proc/sys/kernel/pid_max");
	snprintf(text, sizeof(text), "%ld", r->pid_max - 2);
	r->write = write_text("/proc/sys/kernel/ns_last_pid", text);
	fork_and_look(&v);
	r->before_wrap = v.forked;
	fork_and_look(&v);
	r->after_wrap = v.forked;
}

static void t_numbers_wrap_to_300_at_pid_max(void)
{
	struct wrap r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, wrap_at_pid_max, &r, sizeof(r)), 0);
	ASSERT_GT(r.pid_max, 300);
	EXPECT_EQ(r.write, 0);
	EXPECT_EQ(r.before_wrap, r.pid_max - 1);
	EXPECT_EQ(r.after_wrap, 300);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_init_is_pid_1_with_parent_0,
				   t_init_sid_pgid_0_then_1_after_setsid,
				   t_children_numbered_2_3_4_without_reuse,
				   t_parent_sees_outer_number,
				   t_nested_namespace_numbers_from_1,
				   t_ns_last_pid_reads_the_active_namespace,
				   t_numbers_wrap_to_300_at_pid_max));
}
