/*
 * proc_exec_thread: execve from a thread that is not the group leader
 * (and, for comparison, from the leader).  As Linux's de_thread: the
 * other threads die, the execing thread takes the leader's pid (so getpid() and the parent's waitpid() are unchanged),
 * its parent, process group and session, and the new image has one thread.
 * The old leader's children stay the process's.  The test re-executes
 * itself through /proc/self/exe with "--after PID PPID PGID KID", and the
 * new image exits 42 if all of it holds (KID, if not 0, is a child the old
 * leader left unreaped, which the new image must be able to reap).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

static char args[4][16];	/* pid, ppid, pgid, and a child's pid or "0" */

/* The Threads: line of /proc/self/status, or -1. */
static int threads_now(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	int n = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

/* The new image: same pid, parent and group as the old leader, one thread. */
static int after(char **argv)
{
	if (getpid() != atoi(argv[2]) || syscall(SYS_gettid) != getpid())
		return 1;
	int kid = atoi(argv[5]), status;

	if (getppid() != atoi(argv[3]) || getpgrp() != atoi(argv[4]))
		return 2;
	if (kid && (waitpid(kid, &status, 0) != kid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 7))
		return 4;
	return threads_now() == 1 ? 42 : 3;
}

static void *exec_from_thread(void *arg)
{
	char *argv[] = { "proc_exec_thread", "--after", args[0], args[1], args[2], args[3],
			 NULL };

	(void)arg;
	execv("/proc/self/exe", argv);
	_exit(9);			/* exec failed */
}

/* In the child: a second thread execs while the leader waits. */
static void child_body(pid_t kid)
{
	pthread_t t;

	snprintf(args[3], sizeof(args[3]), "%d", kid);
	snprintf(args[0], sizeof(args[0]), "%d", getpid());
	snprintf(args[1], sizeof(args[1]), "%d", getppid());
	snprintf(args[2], sizeof(args[2]), "%d", getpgrp());
	if (pthread_create(&t, NULL, exec_from_thread, NULL))
		_exit(8);
	for (;;)
		pause();		/* the exec kills this thread */
}

static void t_a_thread_execs_and_takes_the_leaders_pid(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		child_body(0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
}

static void *wait_forever(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The other way round: the leader execs while a second thread waits. */
static void t_the_leader_execs_while_a_thread_waits(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		pthread_t t;

		snprintf(args[0], sizeof(args[0]), "%d", getpid());
		snprintf(args[1], sizeof(args[1]), "%d", getppid());
		snprintf(args[2], sizeof(args[2]), "%d", getpgrp());
		snprintf(args[3], sizeof(args[3]), "0");
		if (pthread_create(&t, NULL, wait_forever, NULL))
			_exit(8);
		exec_from_thread(NULL);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
}

/* The leader's children are still the process's after the exec. */
static void t_children_of_the_old_leader_stay(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		pid_t kid = fork();

		siginfo_t si;

		if (kid == 0)
			_exit(7);
		if (waitid(P_PID, kid, &si, WEXITED | WNOWAIT))	/* a zombie, not reaped */
			_exit(6);
		child_body(kid);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "--after"))
		return after(argv);
	return ktap_run(KTAP_CASES(t_a_thread_execs_and_takes_the_leaders_pid,
				   t_the_leader_execs_while_a_thread_waits,
				   t_children_of_the_old_leader_stay));
}
