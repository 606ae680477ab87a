/*
 * thread_group_exit_race: a process's threads keep making threads while
 * the process ends (exit_group, SIGKILL from outside, execve from one of
 * its threads), as several CPUs run them.  The end walks the thread list
 * (zap_other_threads, de_thread) while clone adds to it and exiting
 * threads leave it (release_task): a thread created after the walk, or
 * one freed under it, shows as a wrong exit status, a process that never
 * ends, or a fault in the kernel (the debug checks poison freed memory;
 * the leak check after the suite counts every task back).  Each round's
 * status is exact: the exit_group code, SIGKILL, or the status the new
 * image exits with.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define ROUNDS		60	/* processes per case */
#define SPAWNERS	3	/* threads that keep making threads */
#define EXEC_STATUS	7	/* what the image started by execve exits with */

static atomic_long made;	/* threads made so far in this process */

/* A thread that makes another like itself and ends (pthread_create may fail as the group dies). */
static void *spawner(void *arg)
{
	pthread_t t;

	(void)arg;
	for (;;) {
		if (pthread_create(&t, NULL, spawner, NULL) == 0) {
			atomic_fetch_add(&made, 1);
			pthread_detach(t);
			return NULL;
		}
	}
}

/* Starts the spawners, then waits until at least @n threads were made. */
static void start_spawners(long n)
{
	pthread_t t;
	int i;

	for (i = 0; i < SPAWNERS; i++)
		if (pthread_create(&t, NULL, spawner, NULL) == 0)
			pthread_detach(t);
	while (atomic_load(&made) < n)
		sched_yield();
}

/* Round @r's child: threads racing clone against exit_group(r & 0x7f). */
static void exit_group_child(int r)
{
	start_spawners(r % 8);
	syscall(SYS_exit_group, r & 0x7f);
}

static void exec_child(int r)
{
	char *argv[] = { "thread_group_exit_race", "exec-child", NULL };

	start_spawners(r % 8);
	execv("/proc/self/exe", argv);
	_exit(100);		/* execve failed */
}

/* Forks round @r's child running @body; its wait status. */
static int run_round(void (*body)(int), int r, int kill_it)
{
	pid_t pid = fork();

	if (pid == 0) {
		body(r);
		_exit(101);
	}
	if (pid < 0)
		return -1;
	if (kill_it) {
		if (r % 3)
			sched_yield();
		kill(pid, SIGKILL);
	}
	return wait_status(pid);
}

static void spin_child(int r)
{
	start_spawners(r % 8);
	for (;;)
		pause();
}

/* Runs ROUNDS children of @body; the rounds whose status @ok refuses, each one reported. */
static int wrong_rounds(void (*body)(int), int kill_it, int (*ok)(int status, int r))
{
	int r, wrong = 0;

	for (r = 0; r < ROUNDS; r++) {
		int status = run_round(body, r, kill_it);

		if (!ok(status, r)) {
			ktap_diag(__FILE__, __LINE__, "round %d: status %#x", r, status);
			wrong++;
		}
	}
	return wrong;
}

static int exited_with_round_code(int status, int r)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == (r & 0x7f);
}

static int killed_by_sigkill(int status, int r)
{
	(void)r;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

static int exited_from_new_image(int status, int r)
{
	(void)r;
	return WIFEXITED(status) && WEXITSTATUS(status) == EXEC_STATUS;
}

static void t_exit_group_while_threads_clone(void)
{
	EXPECT_EQ(wrong_rounds(exit_group_child, 0, exited_with_round_code), 0);
	EXPECT_EQ(waitpid(-1, NULL, WNOHANG), -1);	/* every child reaped: ECHILD */
	EXPECT_EQ(errno, ECHILD);
}

static void t_sigkill_while_threads_clone(void)
{
	EXPECT_EQ(wrong_rounds(spin_child, 1, killed_by_sigkill), 0);
}

static void t_execve_while_threads_clone(void)
{
	EXPECT_EQ(wrong_rounds(exec_child, 0, exited_from_new_image), 0);
}

/* The image exec_child starts: exits EXEC_STATUS if it is its process's only thread (de_thread). */
static int exec_child_main(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	long threads = 0;
	char line[128];

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Threads:", 8))
			threads = strtol(line + 8, NULL, 10);
	if (f)
		fclose(f);
	return threads == 1 ? EXEC_STATUS : 102;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child_main();
	return ktap_run(KTAP_CASES(t_exit_group_while_threads_clone,
				   t_sigkill_while_threads_clone,
				   t_execve_while_threads_clone));
}
