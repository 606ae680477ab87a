/*
 * user/init/main.c: /sbin/init, the first user process.
 *
 * The kernel starts it as pid 1 with fds 0, 1 and 2 open on /dev/console;
 * kernel command-line words of the form key=value that the kernel does
 * not know arrive in its environment, and choose the mode:
 *
 *	(neither)		run a login shell, /bin/sh (busybox's ash), on the
 *				console, and a new one whenever it exits
 *	runtests=GLOBS		run the tests named by GLOBS, report KTAP, power off
 *	runbench=GLOBS		run the benchmarks named by GLOBS, power off
 *	runfuzz=SEEDS		run the syscall fuzzer (/bin/fuzz) over SEEDS, power off;
 *				fuzzcalls=, fuzzbatch=, fuzzfrom=, fuzzonly=, fuzzrounds=
 *				pass its --calls=, --batch=, --from=, --only=, --rounds=
 *	testtimeout=SECONDS	the time limit of each test or benchmark (300)
 *
 * GLOBS is a comma-separated list of shell patterns over the names, or
 * "all".  As the reaper of orphans, init waits for every child, known or not.
 * On the console, init shuts the machine down when busybox's poweroff,
 * halt or reboot asks it to (SIGUSR2, SIGUSR1, SIGTERM, as busybox's own
 * init takes them).
 *
 * Started by hand, not as pid 1 (`runtests=all /sbin/init` from a shell),
 * it runs the tests and exits with their status instead of powering off.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "init.h"

#define DEFAULT_TIMEOUT 300
#define TMPFS_MAGIC	0x01021994
#define SHELL "/bin/sh"

extern char **environ;

/*
 * Tools like ps read /proc, and glibc's shm_open and sem_open work in
 * /dev/shm, a tmpfs on every Linux system (Debian's is nosuid,nodev);
 * nothing has mounted either yet at boot.
 */
static void mount_proc(void)
{
	struct statfs sfs;
	struct stat st;

	if (stat("/proc/self", &st) < 0)
		mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (statfs("/dev/shm", &sfs) == 0 && sfs.f_type != TMPFS_MAGIC)
		mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, NULL);
}

/*
 * The shell's process: a session of its own whose controlling terminal
 * is the console, and in its foreground, so that Ctrl-C reaches the jobs
 * the shell starts there.  It is a login shell ("-sh", as login(1) starts
 * one), so it reads /etc/profile: PATH, and the prompt "# ".
 */
static void __attribute__((noreturn)) exec_shell(void)
{
	char *argv[] = { "-sh", NULL };

	setsid();
	if (ioctl(0, TIOCSCTTY, 0) < 0)
		perror("init: TIOCSCTTY");
	tcsetpgrp(0, getpid());
	execve(SHELL, argv, environ);
	perror("init: " SHELL);
	_exit(127);
}

/* Reaps every child that has exited; true when none is left at all. */
static bool reap_all(void)
{
	pid_t pid;

	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
		;
	return pid < 0 && errno == ECHILD;
}

/* A line on the console from a signal handler (write(2): stdio is not async-signal-safe). */
static void say(const char *line)
{
	ssize_t unused = write(1, line, strlen(line));

	(void)unused;
}

/*
 * What busybox's init does when its halt, poweroff or reboot asks it to
 * (SIGUSR1, SIGUSR2, SIGTERM): every other process gets SIGTERM, then,
 * after up to a second (less if all have gone), SIGKILL, and then
 * reboot(2).  The lines are busybox init's.  It runs as the signal's
 * handler, so a request that comes at any moment is taken at once.
 */
static void shutdown_system(int sig)
{
	static const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	say("\nThe system is going down NOW!\n");
	kill(-1, SIGTERM);
	say("Sent SIGTERM to all processes\n");
	sync();
	for (i = 0; i < 100 && !reap_all(); i++)
		nanosleep(&tick, NULL);
	kill(-1, SIGKILL);
	say("Sent SIGKILL to all processes\n");
	reap_all();
	sync();
	if (sig == SIGTERM) {
		say("Requesting system reboot\n");
		reboot(RB_AUTOBOOT);
	} else if (sig == SIGUSR1) {
		say("Requesting system halt\n");
		reboot(RB_HALT_SYSTEM);
	} else {
		say("Requesting system poweroff\n");
		reboot(RB_POWER_OFF);
	}
	say("init: reboot failed\n");
	_exit(1);	/* pid 1 exiting makes the kernel panic, which reports the failure */
}

/* Waits for @pid, reaping any other child (an adopted orphan) meanwhile; its wait status. */
static int wait_for(pid_t pid)
{
	int status = 0;
	pid_t done;

	do {
		done = wait(&status);
	} while (done != pid && !(done < 0 && errno == ECHILD));
	return status;
}

/* How a process ended, as a shell reports it: "status 0", "signal 9". */
static void describe_status(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status %d", WEXITSTATUS(status));
}

/*
 * The default mode: a shell on the console, forever.  When one exits (a
 * user typed exit, or Ctrl-D), init says so and starts the next, as
 * getty's respawning does on Linux.
 */
static void __attribute__((noreturn)) console_loop(void)
{
	struct sigaction sa = { .sa_handler = shutdown_system, .sa_flags = SA_RESTART };
	char how[32];

	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (;;) {
		time_t start = time(NULL);
		pid_t pid = fork();
		int status;

		if (pid == 0)
			exec_shell();
		if (pid < 0) {
			perror("init: fork");
			sleep(1);
			continue;
		}
		status = wait_for(pid);
		describe_status(status, how, sizeof(how));
		printf("init: %s (pid %d) exited with %s: starting a new one\n", SHELL, pid, how);
		/* A shell that cannot even start must not make init spin. */
		if (time(NULL) - start < 1)
			sleep(1);
	}
}

/* The end of a test or benchmark run. */
static void __attribute__((noreturn)) power_off(int status)
{
	fflush(stdout);
	sync();
	if (getpid() != 1)
		exit(status);
	reboot(RB_POWER_OFF);
	/* Still here: pid 1 exiting makes the kernel panic, which reports the failure. */
	perror("init: reboot");
	exit(1);
}

/* runfuzz=: /bin/fuzz with the options the fuzz* words give; its exit status. */
static int run_fuzz(const char *seeds)
{
	static const char *const words[] = { "fuzzcalls", "fuzzbatch", "fuzzfrom", "fuzzonly",
					     "fuzzrounds" };
	char *argv[8], opts[8][2048];
	int argc = 0, status;
	unsigned int i;
	pid_t pid;

	argv[argc++] = "fuzz";
	snprintf(opts[argc], sizeof(opts[argc]), "--seeds=%s", seeds);
	argv[argc] = opts[argc];
	argc++;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!getenv(words[i]))
			continue;
		snprintf(opts[argc], sizeof(opts[argc]), "--%s=%s", words[i] + 4, getenv(words[i]));
		argv[argc] = opts[argc];
		argc++;
	}
	argv[argc] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve("/bin/fuzz", argv, environ);
		perror("init: /bin/fuzz");
		_exit(127);
	}
	if (pid < 0)
		return 1;
	do {
		if (wait(&status) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	} while (errno != ECHILD);
	return 1;
}

int main(void)
{
	const char *tests = getenv("runtests");
	const char *bench = getenv("runbench");
	const char *fuzz = getenv("runfuzz");
	const char *limit = getenv("testtimeout");
	int timeout = limit && atoi(limit) > 0 ? atoi(limit) : DEFAULT_TIMEOUT;

	/* Line buffering: nothing may linger in a buffer that fork would copy. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	/*
	 * The kernel starts init in session 0, which is no session at all:
	 * lead one, as other inits do, so that what it starts is in a real
	 * session.  (Started by hand we lead a group already: this fails,
	 * harmlessly.)
	 */
	setsid();
	mount_proc();
	if (tests)
		power_off(run_tests(tests, timeout));
	if (bench)
		power_off(run_bench(bench, timeout));
	if (fuzz)
		power_off(run_fuzz(fuzz));
	console_loop();
}
