/*
 * user/init/runner.c: how /sbin/init runs tests and benchmarks.
 *
 * The tests are the executable files in /tests, then those in /extra
 * (the graders'), each list sorted by name; an /extra test is called
 * "extra/NAME".  The output is KTAP version 1 with each test a subtest:
 *
 *	KTAP version 1
 *	1..2
 *	# Subtest: pidns
 *	    KTAP version 1		<- the test's own output, indented
 *	    ...
 *	ok 1 pidns
 *	# Subtest: extra/hidden
 *	not ok 2 extra/hidden # exit status 1
 *	# matryoshka-tests: 1 passed, 1 failed
 *
 * A test passes if it exits with status 0 and none of its own top-level
 * lines starts with "not ok".  Each runs in a session and process group
 * of its own (as tools/run_linux_tests.py runs it on Linux), with stdin
 * on /dev/null and a time limit, after which its group is killed.
 *
 * There is no poll(2) or alarm(2) to lean on, so three processes do the
 * waiting and init only calls wait(): the test; a logger that copies the
 * test's output (a pipe) to the console, indented, and exits 1 if it saw
 * "not ok"; and a watchdog that sleeps for the time limit and exits.
 * Whichever of them wait() returns says what happened.  Orphans that the
 * kernel gives to init come out of the same wait() and are simply reaped.
 *
 * When the program ends, what it left behind is killed: the rest of its
 * process group, and its orphans (init's children now), found in /proc.
 * One of them might hold the output pipe open, and the next test should
 * not share the machine with the last one's processes anyway.
 *
 * Each test also gets a scratch /tmp: a fresh tmpfs, which is its working
 * directory too, as tools/run_linux_tests.py gives each test a fresh
 * temporary directory on Linux.  It is detached when the test ends, with
 * whatever the test left in it or mounted below it: a file kcmp_test
 * never removes, the directories proc-multiple-procfs makes in /tmp.
 * Those are the test's state, not memory the kernel lost, and the leak
 * check could not tell them apart; a reference the kernel does lose
 * still keeps its objects after the detach, and the check sees them.
 * The System V objects a test leaves go the same way (ipc_leftovers.c).
 */
#define _GNU_SOURCE	/* pipe2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "init.h"
#include "procfs.h"

/* After a timeout, how long the logger may go on draining the pipe. */
#define DRAIN_SECONDS 2

extern char **environ;

struct program {
	char *name;		/* as reported: "pidns", "extra/hidden" */
	char *path;
};

struct program_list {
	struct program *v;
	int n, cap;
};

/* One program being run, and the helpers watching it. */
struct run {
	pid_t pid;		/* the program; also its process group */
	pid_t logger;		/* 0 when none, or once it has been reaped */
	pid_t watchdog;
	int status;		/* the program's wait status */
	int logger_status;
	bool timed_out;
};

/* Does one of the comma-separated @globs select @name? */
static bool selected(const char *globs, const char *name)
{
	char *copy = strdup(globs), *save = NULL;
	bool found = false;

	for (char *g = strtok_r(copy, ",", &save); g && !found; g = strtok_r(NULL, ",", &save))
		found = !strcmp(g, "all") || !fnmatch(g, name, 0) ||
			(!strcmp(g, "extra") && !strncmp(name, "extra/", 6));
	free(copy);
	return found;
}

static int compare_programs(const void *a, const void *b)
{
	return strcmp(((const struct program *)a)->name, ((const struct program *)b)->name);
}

static void add_program(struct program_list *l, const char *name, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
	}
	if (!l->v || !(l->v[l->n].name = strdup(name)) || !(l->v[l->n].path = strdup(path))) {
		perror("init");
		exit(1);
	}
	l->n++;
}

/* Appends the executable files of @dir that @globs selects, sorted by name. */
static void collect(struct program_list *l, const char *dir, const char *prefix,
		    const char *globs)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int first = l->n;

	while (d && (de = readdir(d))) {
		char name[512], path[512];
		struct stat st;

		snprintf(name, sizeof(name), "%s%s", prefix, de->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_name[0] == '.' || stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
		    !(st.st_mode & 0111) || !selected(globs, name))
			continue;
		add_program(l, name, path);
	}
	if (d)
		closedir(d);
	if (l->n - first > 1)
		qsort(l->v + first, l->n - first, sizeof(*l->v), compare_programs);
}

/* fork(), with stdio flushed first so that no buffered output is printed twice. */
static pid_t spawn(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		perror("init: fork");
	return pid;
}

/* Starts @path in a new session and process group, its output (both streams) to @out. */
static pid_t start_program(const char *path, int out)
{
	char *argv[] = { (char *)path, NULL };
	pid_t pid = spawn();

	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		setsid();
		if (null >= 0)
			dup2(null, 0);
		else
			close(0);
		dup2(out, 1);
		dup2(out, 2);
		execve(path, argv, environ);
		perror(path);
		_exit(127);
	}
	return pid;
}

/*
 * The logger: copies lines from @in, indented by four spaces; exits 1 if
 * one said "not ok".  It closes its copy of the pipe's write end @out,
 * or it would never see the end of the output.
 */
static pid_t start_logger(int in, int out)
{
	pid_t pid = spawn();

	if (pid == 0) {
		FILE *f = fdopen(in, "r");
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		int failed = 0;

		close(out);
		while (f && (len = getline(&line, &cap, f)) > 0) {
			failed |= !strncmp(line, "not ok", 6);
			printf("    %s%s", line, line[len - 1] == '\n' ? "" : "\n");
		}
		fflush(stdout);
		_exit(failed);
	}
	return pid;
}

/* A timer that wait() can see: a child that sleeps, then exits. */
static pid_t start_watchdog(int seconds)
{
	pid_t pid = spawn();

	if (pid == 0) {
		struct timespec ts = { seconds, 0 };

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	return pid;
}

/*
 * The watchdog went off.  If the program is still running its group is
 * killed, and its logger gets a little while to print what is left.  If
 * the program is gone but the logger is not, a process that left the
 * group still holds the pipe open: the logger is stopped.
 */
static void on_timeout(struct run *r)
{
	r->watchdog = 0;
	r->timed_out = true;
	if (r->pid) {
		kill(-r->pid, SIGKILL);
		r->watchdog = start_watchdog(DRAIN_SECONDS);
	} else if (r->logger) {
		kill(r->logger, SIGKILL);
	}
}

/* Kills the rest of the ended program's group, and every child of init but the helpers. */
static void kill_leftovers(const struct run *r, pid_t pgid)
{
	int *pids, n;
	struct proc_stat st;

	if (pgid > 0)
		kill(-pgid, SIGKILL);
	n = proc_list_pids(&pids);
	for (int i = 0; i < n; i++) {
		if (pids[i] == r->logger || pids[i] == r->watchdog)
			continue;
		if (proc_read_stat(pids[i], &st) == 0 && st.ppid == getpid())
			kill(pids[i], SIGKILL);
	}
	free(pids);
}

/*
 * Reaps children until the program and its logger have both ended.  Once
 * the program has, each leftover that dies may have left orphans of its
 * own to init: those are killed in turn.
 */
static void supervise(struct run *r, pid_t pgid)
{
	while (r->pid || r->logger) {
		int status;
		pid_t pid = wait(&status);

		if (pid < 0 && errno != EINTR)
			break;
		if (pid == r->pid) {
			r->status = status;
			r->pid = 0;
			kill_leftovers(r, pgid);
		} else if (pid == r->logger) {
			r->logger_status = status;
			r->logger = 0;
		} else if (pid == r->watchdog) {
			on_timeout(r);
		} else if (pid > 0 && !r->pid && r->logger) {
			kill_leftovers(r, pgid);	/* a leftover died: its orphans are ours now */
		}
	}
	if (r->watchdog) {
		kill(r->watchdog, SIGKILL);
		waitpid(r->watchdog, NULL, 0);
	}
}

/* Runs one program to its end; with @log, its output goes through a logger. */
static void run_program(const char *path, bool log, int timeout, struct run *r)
{
	int pipefd[2] = { -1, -1 };

	*r = (struct run){ 0 };
	if (log && pipe2(pipefd, O_CLOEXEC) < 0) {
		perror("init: pipe");
		r->status = 127 << 8;
		return;
	}
	r->pid = start_program(path, log ? pipefd[1] : 1);
	if (log) {
		r->logger = start_logger(pipefd[0], pipefd[1]);
		close(pipefd[0]);
		close(pipefd[1]);
	}
	if (r->pid < 0) {
		r->status = 127 << 8;
		r->pid = 0;
	}
	if (r->logger < 0)
		r->logger = 0;
	r->watchdog = start_watchdog(timeout);
	supervise(r, r->pid);
}

/* A fresh tmpfs on /tmp, init's working directory while a test runs (its children inherit it). */
static void enter_scratch(void)
{
	if (mount("tmpfs", "/tmp", "tmpfs", 0, NULL) < 0 || chdir("/tmp") < 0)
		perror("init: scratch /tmp");
}

/* Lazily (MNT_DETACH): a leftover still dying may hold it; it goes with its last user. */
static void leave_scratch(void)
{
	if (chdir("/") < 0 || umount2("/tmp", MNT_DETACH) < 0)
		perror("init: scratch /tmp");
}

/* Runs one test in its scratch /tmp. */
static void run_test(const char *path, int timeout, struct run *r)
{
	enter_scratch();
	run_program(path, true, timeout, r);
	leave_scratch();
}

/* Why a run failed, as a KTAP directive ("# exit status 1"), or NULL if it did not. */
static const char *failure(const struct run *r, int timeout, char *buf, size_t size)
{
	if (r->timed_out)
		snprintf(buf, size, "# TIMEOUT after %d s", timeout);
	else if (WIFSIGNALED(r->status))
		snprintf(buf, size, "# killed by signal %d", WTERMSIG(r->status));
	else if (WEXITSTATUS(r->status))
		snprintf(buf, size, "# exit status %d", WEXITSTATUS(r->status));
	else if (WIFEXITED(r->logger_status) && WEXITSTATUS(r->logger_status))
		snprintf(buf, size, "# a subtest failed");
	else
		return NULL;
	return buf;
}

/* Kills whatever the tests left behind, and waits until init has no child at all. */
static void reap_everything(void)
{
	struct run none = { 0 };

	kill_leftovers(&none, 0);
	while (wait(NULL) > 0 || errno == EINTR)
		kill_leftovers(&none, 0);	/* the orphans of the last ones killed */
}

/*
 * Before the leak check's baseline, init goes once through what it does
 * for every test (with /bin/true), so that the memory that costs init
 * itself (stack, heap) is already in use at the baseline.
 */
static void warm_up(int timeout)
{
	struct run r;

	run_test("/bin/true", timeout, &r);
	reap_everything();
}

int run_tests(const char *globs, int timeout)
{
	struct program_list l = { NULL, 0, 0 };
	int passed = 0, leaked;

	collect(&l, "/tests", "", globs);
	collect(&l, "/extra", "extra/", globs);
	printf("KTAP version 1\n1..%d\n", l.n);
	warm_up(timeout);
	remove_ipc_leftovers("init");	/* none, but /proc/sysvipc is looked up before the baseline */
	leak_check_begin();
	for (int i = 0; i < l.n; i++) {
		struct run r;
		char buf[64];
		const char *why;

		printf("# Subtest: %s\n", l.v[i].name);
		run_test(l.v[i].path, timeout, &r);
		remove_ipc_leftovers(l.v[i].name);
		why = failure(&r, timeout, buf, sizeof(buf));
		printf("%sok %d %s%s%s\n", why ? "not " : "", i + 1, l.v[i].name,
		       why ? " " : "", why ? why : "");
		passed += !why;
	}
	reap_everything();
	leaked = leak_check_end();
	printf("# matryoshka-tests: %d passed, %d failed\n", passed, l.n - passed);
	return passed == l.n && !leaked ? 0 : 1;
}

/*
 * The kernel sizes its task cap by memory, as Linux does; bench/kill0
 * needs 10,000 tasks, so lift it as tools/bench_init.c does on Linux.
 */
static void lift_task_limit(void)
{
	FILE *f = fopen("/proc/sys/kernel/threads-max", "w");

	if (!f || fputs("20000", f) < 0 || fclose(f) != 0)
		printf("# init: cannot set /proc/sys/kernel/threads-max\n");
}

int run_bench(const char *globs, int timeout)
{
	struct program_list l = { NULL, 0, 0 };
	int failed = 0;

	lift_task_limit();
	collect(&l, "/bench", "", globs);
	for (int i = 0; i < l.n; i++) {
		struct run r;
		char buf[64];
		const char *why;

		run_program(l.v[i].path, false, timeout, &r);
		why = failure(&r, timeout, buf, sizeof(buf));
		if (why)
			printf("# %s: %s\n", l.v[i].name, why + 2);
		failed += why != NULL;
	}
	printf("# matryoshka-bench: done\n");
	return failed ? 1 : 0;
}
