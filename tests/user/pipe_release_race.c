/*
 * pipe_release_race: many processes closing the ends of one pipe at
 * once.  Writers blocked on a full pipe (some waiting for room, some for
 * the pipe's lock) all lose their reader, or are all killed together as a
 * pid namespace's death kills them; every close must leave the pipe
 * whole for the closes still in progress.  (Issue 11: the last closer
 * freed the pipe while an earlier closer, preempted by the waiter it had
 * just handed the lock to, was about to wake the pipe's queues.)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define WRITERS	16
#define ROUNDS	20

/* A writer: fills the pipe, then blocks in write() until it dies. */
static void writer(int wfd)
{
	static char buf[4096];

	memset(buf, 'x', sizeof(buf));
	for (;;)
		if (write(wfd, buf, sizeof(buf)) < 0)
			_exit(3);	/* EPIPE without the signal: wrong */
}

/* Forks WRITERS writers on the pipe @p, all in the first one's process group. */
static int start_writers(pid_t *pids, int p[2])
{
	pid_t pgid = 0;
	int i;

	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return -1;
		if (pids[i] == 0) {
			signal(SIGPIPE, SIG_DFL);
			setpgid(0, pgid);
			close(p[0]);
			writer(p[1]);
		}
		setpgid(pids[i], pgid ? pgid : pids[i]);
		if (!pgid)
			pgid = pids[i];
	}
	return 0;
}

/* Waits until the pipe is full and every writer is asleep in write(). */
static void wait_until_full(int rfd)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int n = 0, last = -1;

	while (ioctl(rfd, FIONREAD, &n) == 0 && n != last) {
		last = n;
		nanosleep(&ts, NULL);
	}
}

/* The reader closes: every writer dies of SIGPIPE, each closing its end. */
static void t_writers_lose_reader(void)
{
	pid_t pids[WRITERS];
	int p[2], r, i, sigpipes = 0;

	for (r = 0; r < ROUNDS; r++) {
		ASSERT_EQ(pipe(p), 0);
		ASSERT_EQ(start_writers(pids, p), 0);
		close(p[1]);
		wait_until_full(p[0]);
		close(p[0]);
		for (i = 0; i < WRITERS; i++) {
			int st = wait_status(pids[i]);

			sigpipes += WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE;
		}
	}
	EXPECT_EQ(sigpipes, ROUNDS * WRITERS);
}

/* A reader draining the pipe as fast as the writers fill it, until it dies. */
static void drainer(int p[2], pid_t pgid)
{
	static char buf[512];

	setpgid(0, pgid);
	close(p[1]);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	_exit(0);
}

/*
 * Reader and writers are killed together while they fight over the
 * pipe, so the last close may be either end and earlier closes are still
 * waking the pipe's queues.
 */
static void t_all_killed_at_once(void)
{
	struct timespec ts = { 0, 30 * 1000 * 1000 };
	pid_t pids[WRITERS], reader;
	int p[2], r, i, killed = 0;

	for (r = 0; r < ROUNDS; r++) {
		ASSERT_EQ(pipe(p), 0);
		ASSERT_EQ(start_writers(pids, p), 0);
		reader = fork();
		ASSERT_GE(reader, 0);
		if (reader == 0)
			drainer(p, pids[0]);
		setpgid(reader, pids[0]);
		close(p[0]);
		close(p[1]);
		nanosleep(&ts, NULL);
		kill(-pids[0], SIGKILL);
		for (i = 0; i < WRITERS; i++) {
			int st = wait_status(pids[i]);

			killed += WIFSIGNALED(st) && (WTERMSIG(st) == SIGKILL ||
						      WTERMSIG(st) == SIGPIPE);
		}
		killed += WIFSIGNALED(wait_status(reader));
	}
	EXPECT_EQ(killed, ROUNDS * (WRITERS + 1));
}

/*
 * Writers that print and exit while the reader reads to end-of-file: the
 * reader, woken by the last write, waits for the pipe's lock as the last
 * writer closes, then takes it, sees end-of-file and closes too.  This
 * is every test program's output pipe under init's test runner.
 */
static void t_reader_closes_after_last_writer(void)
{
	char buf[256];
	long total = 0;
	int p[2], r, i, w;
	pid_t pid;

	for (r = 0; r < ROUNDS * 10; r++) {
		ASSERT_EQ(pipe(p), 0);
		for (w = 0; w < 2; w++) {
			pid = fork();
			ASSERT_GE(pid, 0);
			if (pid == 0) {
				close(p[0]);
				for (i = 0; i < 20; i++)
					if (write(p[1], "0123456789abcdef", 16) != 16)
						_exit(1);
				_exit(0);
			}
		}
		close(p[1]);
		while ((i = read(p[0], buf, sizeof(buf))) > 0)
			total += i;
		close(p[0]);
		for (w = 0; w < 2; w++)
			wait(NULL);
	}
	EXPECT_EQ(total, ROUNDS * 10 * 2 * 20 * 16);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_writers_lose_reader, t_all_killed_at_once,
				   t_reader_closes_after_last_writer));
}
