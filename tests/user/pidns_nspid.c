/*
 * pidns_nspid: a task's numbers as /proc shows them from each PID namespace
 * (linux-semantics.md B8, B15; LTP pidns03).
 *
 * /proc/PID/status lists under NSpid, NStgid, NSpgid and NSsid one number
 * per level, from the level of the namespace the proc instance was mounted
 * for down to the task's own (0 where the task's group or session leader has
 * no number at that level); Pid and PPid are the proc instance's numbers.
 * A proc mounted inside a new namespace shows its init as /proc/self -> 1.
 */
#include "ns_util.h"

static void status_field(pid_t pid, const char *key, char *out, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (proc_field(path, key, out, size))
		snprintf(out, size, "(no %s)", key);
}

static void expect_field(pid_t pid, const char *key, const char *want)
{
	char got[128];

	status_field(pid, key, got, sizeof(got));
	EXPECT_STREQ(got, want);
}

static void t_outside_view_of_a_new_init(void)
{
	struct ns_child c;
	char want[64];

	ASSERT_EQ(ns_hold(&c, CLONE_NEWPID), 0);
	snprintf(want, sizeof(want), "\t%d\t1", c.pid);
	expect_field(c.pid, "NSpid", want);
	expect_field(c.pid, "NStgid", want);
	snprintf(want, sizeof(want), "\t%d", c.pid);
	expect_field(c.pid, "Pid", want);
	snprintf(want, sizeof(want), "\t%d", getpid());
	expect_field(c.pid, "PPid", want);
	/* The group and session leaders are outside: no number at level 1. */
	snprintf(want, sizeof(want), "\t%d\t0", getpgid(0));
	expect_field(c.pid, "NSpgid", want);
	snprintf(want, sizeof(want), "\t%d\t0", getsid(0));
	expect_field(c.pid, "NSsid", want);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* An init that leads a session of its own, then waits for the parent. */
static int session_leader(int in, int out, void *arg)
{
	(void)arg;
	if (setsid() != 1)
		return 1;
	sync_post(out);
	sync_wait(in);
	return 0;
}

static void t_session_and_group_after_setsid(void)
{
	struct ns_child c;
	char want[64];

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID, session_leader, NULL), 0);
	EXPECT_EQ(sync_wait(c.from), 0);
	snprintf(want, sizeof(want), "\t%d\t1", c.pid);
	expect_field(c.pid, "NSsid", want);
	expect_field(c.pid, "NSpgid", want);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* What a task reads about itself through one proc instance. */
struct view {
	char self[16], pid[32], ppid[32], nspid[64];
};

static void look_through(int procfd, struct view *v)
{
	char buf[4096];
	ssize_t n;
	int fd;

	n = readlinkat(procfd, "self", v->self, sizeof(v->self) - 1);
	v->self[n > 0 ? n : 0] = '\0';
	fd = openat(procfd, "self/status", O_RDONLY);
	if (fd < 0)
		return;
	n = read_full(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	text_field(buf, "Pid", v->pid, sizeof(v->pid));
	text_field(buf, "PPid", v->ppid, sizeof(v->ppid));
	text_field(buf, "NSpid", v->nspid, sizeof(v->nspid));
}

static void own_proc_view(void *out)
{
	int procfd;

	if (mount_own_proc())
		return;
	procfd = open("/proc", O_RDONLY | O_DIRECTORY);
	look_through(procfd, out);
	close(procfd);
}

/* LTP pidns03. */
static void t_own_proc_shows_init_as_1(void)
{
	struct view v;

	ASSERT_EQ(ns_run(CLONE_NEWPID | CLONE_NEWNS, own_proc_view, &v, sizeof(v)), 0);
	EXPECT_STREQ(v.self, "1");
	EXPECT_STREQ(v.pid, "\t1");
	EXPECT_STREQ(v.ppid, "\t0");
	EXPECT_STREQ(v.nspid, "\t1");
}

/*
 * A level-2 init looks at itself through the proc of level 0 (the test's),
 * of level 1 (mounted by its parent) and of level 2 (its own).
 */
struct nest_views {
	struct view level[3];
};

static void look_from_level_2(int proc0, int proc1, int fd)
{
	struct nest_views r;
	int proc2;

	memset(&r, 0, sizeof(r));
	if (mount_own_proc())
		_exit(1);
	proc2 = open("/proc", O_RDONLY | O_DIRECTORY);
	look_through(proc0, &r.level[0]);
	look_through(proc1, &r.level[1]);
	look_through(proc2, &r.level[2]);
	_exit(write(fd, &r, sizeof(r)) == sizeof(r) ? 0 : 1);
}

static void level_1_init(void *out)
{
	int proc0, proc1, fd[2];
	pid_t pid;

	proc0 = open("/proc", O_RDONLY | O_DIRECTORY);
	if (mount_own_proc() || pipe(fd))
		return;
	proc1 = open("/proc", O_RDONLY | O_DIRECTORY);
	pid = ns_clone(CLONE_NEWPID | CLONE_NEWNS);
	if (pid == 0)
		look_from_level_2(proc0, proc1, fd[1]);
	close(fd[1]);
	read_full(fd[0], out, sizeof(struct nest_views));
	wait_exit(pid);
}

static void t_nested_views_one_number_per_level(void)
{
	struct nest_views r;
	char want[64];
	long outer;

	ASSERT_EQ(ns_run(CLONE_NEWPID | CLONE_NEWNS, level_1_init, &r, sizeof(r)), 0);
	outer = atol(r.level[0].self);
	EXPECT_GT(outer, 1);
	snprintf(want, sizeof(want), "\t%ld\t2\t1", outer);
	EXPECT_STREQ(r.level[0].nspid, want);
	snprintf(want, sizeof(want), "\t%ld", outer);
	EXPECT_STREQ(r.level[0].pid, want);
	EXPECT_STREQ(r.level[1].self, "2");
	EXPECT_STREQ(r.level[1].nspid, "\t2\t1");
	EXPECT_STREQ(r.level[1].pid, "\t2");
	EXPECT_STREQ(r.level[1].ppid, "\t1");
	EXPECT_STREQ(r.level[2].self, "1");
	EXPECT_STREQ(r.level[2].nspid, "\t1");
	EXPECT_STREQ(r.level[2].ppid, "\t0");
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_outside_view_of_a_new_init,
				   t_session_and_group_after_setsid,
				   t_own_proc_shows_init_as_1,
				   t_nested_views_one_number_per_level));
}
