/*
 * proc_pgid_sid: process groups and sessions: getpgid/getsid, setpgid by a
 * process and by its parent, setsid, what fork inherits, kill() of a whole
 * group, and Linux's errors: EPERM (a group leader's setsid, a session
 * leader's setpgid, another session, a group that does not exist), EACCES
 * (a child that has exec'd), ESRCH and EINVAL.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define READY_FD 100	/* the re-executed child says "r" here */
#define HOLD_FD 101	/* and then blocks reading this until EOF */

static void t_getpgid_getsid_self(void)
{
	EXPECT_GT(getpgid(0), 0);
	EXPECT_EQ(getpgid(0), getpgrp());
	EXPECT_EQ(getpgid(getpid()), getpgrp());
	EXPECT_GT(getsid(0), 0);
	EXPECT_EQ(getsid(getpid()), getsid(0));
}

static void check_inherited_ids(void)
{
	EXPECT_EQ(getpgid(0), getpgid(getppid()));
	EXPECT_EQ(getsid(0), getsid(getppid()));
}

static void t_fork_inherits_group_and_session(void)
{
	EXPECT_CHILD_OK(check_inherited_ids);
}

static void new_group(void)
{
	pid_t sid = getsid(0);

	EXPECT_EQ(setpgid(0, 0), 0);
	EXPECT_EQ(getpgid(0), getpid());
	EXPECT_EQ(getsid(0), sid);	/* same session */
	EXPECT_EQ(setpgid(0, getpid()), 0);	/* already there: fine */
}

static void t_setpgid_makes_new_group(void)
{
	EXPECT_CHILD_OK(new_group);
}

static void t_setpgid_of_child_by_parent(void)
{
	struct parked_child c;

	ASSERT_EQ(park_child(&c, NULL), 0);
	EXPECT_EQ(getpgid(c.pid), getpgrp());
	EXPECT_EQ(setpgid(c.pid, c.pid), 0);
	EXPECT_EQ(getpgid(c.pid), c.pid);
	EXPECT_EQ(setpgid(c.pid, getpgrp()), 0);	/* and back to ours */
	EXPECT_EQ(getpgid(c.pid), getpgrp());
	EXPECT_EXIT(release_child(&c), 0);
}

static void new_session(void)
{
	pid_t sid = setsid();

	EXPECT_EQ(sid, getpid());
	EXPECT_EQ(getsid(0), getpid());
	EXPECT_EQ(getpgid(0), getpid());	/* and a new group too */
	/* A session leader may not move to another group. */
	EXPECT_ERRNO(setpgid(0, 0), EPERM);
	EXPECT_ERRNO(setsid(), EPERM);
}

static void t_setsid_makes_new_session(void)
{
	EXPECT_CHILD_OK(new_session);
}

static void leader_setsid(void)
{
	ASSERT_EQ(setpgid(0, 0), 0);
	EXPECT_ERRNO(setsid(), EPERM);	/* a group leader cannot */
}

static void t_setsid_by_group_leader_eperm(void)
{
	EXPECT_CHILD_OK(leader_setsid);
}

static void join_missing_group(void)
{
	pid_t gone = reaped_pid();

	ASSERT_GT(gone, 0);
	EXPECT_ERRNO(setpgid(0, gone), EPERM);
}

static void t_setpgid_missing_group_eperm(void)
{
	EXPECT_CHILD_OK(join_missing_group);
}

static void become_session_leader(void)
{
	setsid();
}

static void t_setpgid_other_session_eperm(void)
{
	struct parked_child c;

	ASSERT_EQ(park_child(&c, become_session_leader), 0);
	EXPECT_EQ(getsid(c.pid), c.pid);
	EXPECT_ERRNO(setpgid(c.pid, c.pid), EPERM);
	EXPECT_ERRNO(setpgid(c.pid, getpgrp()), EPERM);
	EXPECT_EXIT(release_child(&c), 0);
}

static void t_setpgid_esrch_einval(void)
{
	pid_t gone = reaped_pid();

	ASSERT_GT(gone, 0);
	EXPECT_ERRNO(setpgid(getppid(), 0), ESRCH);	/* neither us nor a child */
	EXPECT_ERRNO(setpgid(gone, 0), ESRCH);
	EXPECT_ERRNO(setpgid(0, -1), EINVAL);
	EXPECT_ERRNO(getpgid(gone), ESRCH);
	EXPECT_ERRNO(getsid(gone), ESRCH);
}

static void t_setpgid_after_exec_eacces(void)
{
	char *argv[] = { self_exe(), "--park", NULL };
	int hold[2], ready[2];
	char byte = 0;
	pid_t pid;

	ASSERT_EQ(pipe(hold), 0);
	ASSERT_EQ(pipe(ready), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		dup2(ready[1], READY_FD);
		dup2(hold[0], HOLD_FD);
		close(hold[1]);
		execve(self_exe(), argv, argv + 2);
		_exit(127);
	}
	close(hold[0]);
	close(ready[1]);
	/* The byte comes from the new image, so the exec is done. */
	EXPECT_EQ(read(ready[0], &byte, 1), 1);
	EXPECT_EQ(byte, 'r');
	EXPECT_ERRNO(setpgid(pid, pid), EACCES);
	close(ready[0]);
	close(hold[1]);
	EXPECT_EXIT(wait_status(pid), 0);
}

static void t_kill_whole_group(void)
{
	struct parked_child a, b;

	ASSERT_EQ(park_child(&a, NULL), 0);
	ASSERT_EQ(park_child(&b, NULL), 0);
	ASSERT_EQ(setpgid(a.pid, a.pid), 0);
	ASSERT_EQ(setpgid(b.pid, a.pid), 0);	/* b joins a's group */
	EXPECT_EQ(kill(-a.pid, 0), 0);
	EXPECT_EQ(kill(-a.pid, SIGTERM), 0);
	EXPECT_KILLED(wait_status(a.pid), SIGTERM);
	EXPECT_KILLED(wait_status(b.pid), SIGTERM);
	close(a.hold);
	close(b.hold);
	EXPECT_ERRNO(kill(-a.pid, 0), ESRCH);	/* the group is empty now */
}

/* The re-executed side of t_setpgid_after_exec_eacces. */
static int park(void)
{
	char byte;

	write(READY_FD, "r", 1);
	while (read(HOLD_FD, &byte, 1) > 0)
		;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--park"))
		return park();
	self_exe_init(argv[0]);
	return ktap_run(KTAP_CASES(t_getpgid_getsid_self,
		t_fork_inherits_group_and_session, t_setpgid_makes_new_group,
		t_setpgid_of_child_by_parent, t_setsid_makes_new_session,
		t_setsid_by_group_leader_eperm, t_setpgid_missing_group_eperm,
		t_setpgid_other_session_eperm, t_setpgid_esrch_einval,
		t_setpgid_after_exec_eacces, t_kill_whole_group));
}
