/*
 * proc_exec: execve as Linux does it.  The new image gets exactly the argv
 * and envp passed, keeps its pid and parent, gets an auxiliary vector
 * (AT_PAGESZ 4096, AT_RANDOM, AT_PHDR), loses FD_CLOEXEC descriptors and
 * signal handlers but keeps ignored and blocked signals; "#!" scripts run
 * their interpreter; an empty argv arrives as { "" } (Linux 5.18 on); and
 * the failures: ENOENT, ENOTDIR, EACCES, ENOEXEC,
 * EFAULT, after which the caller carries on.
 *
 * The test re-executes its own binary with "--report", which writes what
 * the new image sees, one "key=value" line each, to descriptor REPORT_FD.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define REPORT_FD	100	/* where --report writes */
#define CLOEXEC_FD	101	/* opened with FD_CLOEXEC before the exec */
#define KEPT_FD		102	/* opened without it */
#define OUT_SIZE	4096

extern char **environ;

/* ---- the re-executed side ---- */

static const char *handler_name(int sig)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa))
		return "error";
	if (sa.sa_handler == SIG_DFL)
		return "dfl";
	return sa.sa_handler == SIG_IGN ? "ign" : "handler";
}

static void report_auxv(FILE *f)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int i;

	fprintf(f, "pagesz=%lu\nphdr=%d\nrandom=", getauxval(AT_PAGESZ),
		getauxval(AT_PHDR) != 0);
	for (i = 0; rnd && i < 16; i++)
		fprintf(f, "%02x", rnd[i]);
	fprintf(f, "\n");
}

/* Writes what this new image sees to REPORT_FD; exits 0. */
static int report(int argc, char **argv)
{
	FILE *f = fdopen(REPORT_FD, "w");
	sigset_t mask;
	int i, r;

	if (!f)
		return 2;
	fprintf(f, "\nargc=%d\n", argc);
	for (i = 0; i < argc; i++)
		fprintf(f, "argv[%d]=%s\n", i, argv[i]);
	for (i = 0; environ[i]; i++)
		fprintf(f, "env[%d]=%s\n", i, environ[i]);
	fprintf(f, "pid=%d\nppid=%d\n", getpid(), getppid());
	report_auxv(f);
	r = fcntl(CLOEXEC_FD, F_GETFD);
	fprintf(f, "cloexec_fd=%d/%d\n", r, r < 0 ? errno : 0);
	fprintf(f, "kept_fd=%d\n", fcntl(KEPT_FD, F_GETFD));
	sigprocmask(SIG_SETMASK, NULL, &mask);
	fprintf(f, "usr1=%s\nusr2=%s\nterm_blocked=%d\n", handler_name(SIGUSR1),
		handler_name(SIGUSR2), sigismember(&mask, SIGTERM));
	fclose(f);
	return 0;
}

/* ---- the testing side ---- */

static void on_usr1(int sig)
{
	(void)sig;
}

/* In the child, before the exec: the state the new image should see. */
static void prepare_exec_state(int report_fd)
{
	int fd = open("/dev/null", O_RDONLY);
	sigset_t term;

	dup2(report_fd, REPORT_FD);
	dup3(fd, CLOEXEC_FD, O_CLOEXEC);
	dup2(fd, KEPT_FD);
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, NULL);
}

/*
 * Forks, execs @path with @argv and @envp and collects the report in @out
 * (starting with "\n", so every line is found as "\nkey=value\n").
 * Returns the child's wait status; *@pid_out gets its pid.
 */
static int run_report(const char *path, char *const argv[], char *const envp[],
		      char *out, pid_t *pid_out)
{
	int p[2], len = 0, n;
	pid_t pid;

	out[0] = 0;
	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		prepare_exec_state(p[1]);
		execve(path, argv, envp);
		_exit(127);
	}
	close(p[1]);
	while (len < OUT_SIZE - 1 && (n = read(p[0], out + len, OUT_SIZE - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	close(p[0]);
	if (pid_out)
		*pid_out = pid;
	return wait_status(pid);
}

/* Whether the report @out has the whole line @line. */
static int has_line(const char *out, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = out; (p = strstr(p, line)); p++)
		if (p > out && p[-1] == '\n' && p[n] == '\n')
			return 1;
	return 0;
}

/* Prints a report as KTAP diagnostics, one "# " line each. */
static void dump_report(const char *out)
{
	const char *p = out, *end;

	while (*p && (end = strchr(p, '\n'))) {
		if (end > p)
			printf("#   %.*s\n", (int)(end - p), p);
		p = end + 1;
	}
}

#define EXPECT_LINE(out, line) do { \
	if (!has_line(out, line)) { \
		KTAP_FAIL("no line \"%s\" in the report:", line); \
		dump_report(out); \
	} \
} while (0)

static int run_self_report(char *out, pid_t *pid)
{
	char *argv[] = { self_exe(), "--report", "two words", "", NULL };
	char *envp[] = { "A=1", "B=x y", NULL };

	return run_report(self_exe(), argv, envp, out, pid);
}

static void t_execve_passes_argv_and_envp(void)
{
	char out[OUT_SIZE], line[PATH_MAX + 16];

	EXPECT_EXIT(run_self_report(out, NULL), 0);
	EXPECT_LINE(out, "argc=4");
	snprintf(line, sizeof(line), "argv[0]=%s", self_exe());
	EXPECT_LINE(out, line);
	EXPECT_LINE(out, "argv[1]=--report");
	EXPECT_LINE(out, "argv[2]=two words");
	EXPECT_LINE(out, "argv[3]=");
	EXPECT_LINE(out, "env[0]=A=1");
	EXPECT_LINE(out, "env[1]=B=x y");
	EXPECT_TRUE(!strstr(out, "env[2]="));	/* nothing we did not pass */
}

/* Linux 5.18 on: an empty argv (NULL, or { NULL }) reaches the program as { "" }. */
static void t_execve_empty_argv_gets_an_empty_argv0(void)
{
	char *empty[] = { NULL }, *envp[] = { "PROC_EXEC_REPORT=1", NULL };
	char out[OUT_SIZE];
	int i;

	for (i = 0; i < 2; i++) {
		EXPECT_EXIT(run_report(self_exe(), i ? empty : NULL, envp, out, NULL), 0);
		EXPECT_LINE(out, "argc=1");
		EXPECT_LINE(out, "argv[0]=");
		EXPECT_LINE(out, "env[0]=PROC_EXEC_REPORT=1");
		EXPECT_TRUE(!strstr(out, "env[1]="));
	}
}

static void t_execve_keeps_pid_and_parent(void)
{
	char out[OUT_SIZE], line[64];
	pid_t pid;

	EXPECT_EXIT(run_self_report(out, &pid), 0);
	snprintf(line, sizeof(line), "pid=%d", pid);
	EXPECT_LINE(out, line);
	snprintf(line, sizeof(line), "ppid=%d", getpid());
	EXPECT_LINE(out, line);
}

static void t_execve_auxv(void)
{
	char out1[OUT_SIZE], out2[OUT_SIZE];
	const char *r1, *r2;

	EXPECT_EXIT(run_self_report(out1, NULL), 0);
	EXPECT_EXIT(run_self_report(out2, NULL), 0);
	EXPECT_LINE(out1, "pagesz=4096");
	EXPECT_LINE(out1, "phdr=1");
	r1 = strstr(out1, "\nrandom=");
	r2 = strstr(out2, "\nrandom=");
	ASSERT_TRUE(r1 && r2);
	/* 16 bytes at AT_RANDOM, fresh for each exec. */
	EXPECT_EQ(strcspn(r1 + 8, "\n"), 32);
	EXPECT_TRUE(strncmp(r1, r2, 8 + 32) != 0);
	EXPECT_EQ(getauxval(AT_PAGESZ), 4096);	/* and in our own image */
}

static void t_execve_closes_cloexec_fds(void)
{
	char out[OUT_SIZE], line[32];

	EXPECT_EXIT(run_self_report(out, NULL), 0);
	snprintf(line, sizeof(line), "cloexec_fd=-1/%d", EBADF);
	EXPECT_LINE(out, line);
	EXPECT_LINE(out, "kept_fd=0");	/* open, and without FD_CLOEXEC */
}

static void t_execve_resets_handlers_keeps_ignored_and_mask(void)
{
	char out[OUT_SIZE];

	EXPECT_EXIT(run_self_report(out, NULL), 0);
	EXPECT_LINE(out, "usr1=dfl");		/* a handler is gone with the image */
	EXPECT_LINE(out, "usr2=ign");		/* SIG_IGN is kept */
	EXPECT_LINE(out, "term_blocked=1");	/* and so is the blocked mask */
}

/* A file at @path with @mode and @text; returns 0 on success. */
static int make_file(const char *path, mode_t mode, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok && chmod(path, mode) == 0 ? 0 : -1;
}

static void t_execve_script_runs_interpreter(void)
{
	char script[64], text[PATH_MAX + 32], out[OUT_SIZE], line[PATH_MAX + 16];
	char *argv[] = { "ignored-argv0", "arg1", NULL };
	char *envp[] = { NULL };

	snprintf(script, sizeof(script), "/tmp/proc_exec.%d.sh", getpid());
	snprintf(text, sizeof(text), "#!%s --report\n", self_exe());
	ASSERT_EQ(make_file(script, 0755, text), 0);
	/* Linux runs: interpreter, its one optional argument, the script's
	 * path, then argv[1...]; the script's own argv[0] is dropped. */
	EXPECT_EXIT(run_report(script, argv, envp, out, NULL), 0);
	EXPECT_LINE(out, "argc=4");
	snprintf(line, sizeof(line), "argv[0]=%s", self_exe());
	EXPECT_LINE(out, line);
	EXPECT_LINE(out, "argv[1]=--report");
	snprintf(line, sizeof(line), "argv[2]=%s", script);
	EXPECT_LINE(out, line);
	EXPECT_LINE(out, "argv[3]=arg1");
	unlink(script);
}

static void t_execve_enoent_enotdir(void)
{
	char *argv[] = { "x", NULL };
	char path[PATH_MAX + 8];

	EXPECT_ERRNO(execve("/nonexistent", argv, argv + 1), ENOENT);
	EXPECT_ERRNO(execve("/nonexistent/dir/prog", argv, argv + 1), ENOENT);
	EXPECT_ERRNO(execve("", argv, argv + 1), ENOENT);
	snprintf(path, sizeof(path), "%s/x", self_exe());	/* a file as a dir */
	EXPECT_ERRNO(execve(path, argv, argv + 1), ENOTDIR);
}

static void t_execve_eacces(void)
{
	char *argv[] = { "x", NULL };
	char path[64];

	snprintf(path, sizeof(path), "/tmp/proc_exec.%d.noexec", getpid());
	ASSERT_EQ(make_file(path, 0644, "\x7f" "ELF"), 0);
	/* Even root needs an execute bit; a directory is never executable. */
	EXPECT_ERRNO(execve(path, argv, argv + 1), EACCES);
	EXPECT_ERRNO(execve("/tmp", argv, argv + 1), EACCES);
	unlink(path);
}

static void t_execve_enoexec(void)
{
	char *argv[] = { "x", NULL };
	char path[64];

	snprintf(path, sizeof(path), "/tmp/proc_exec.%d.junk", getpid());
	ASSERT_EQ(make_file(path, 0755, "neither ELF nor a script\n"), 0);
	EXPECT_ERRNO(execve(path, argv, argv + 1), ENOEXEC);
	unlink(path);
}

/* In a child: an unreadable argv element must fail before the old image goes. */
static void exec_bad_argv(void)
{
	char *argv[] = { self_exe(), (char *)0xffffffff81000000UL, NULL };
	char *envp[] = { "PROC_EXEC_PROBE=1", NULL };	/* a success exits 99 */

	EXPECT_ERRNO(execve(self_exe(), argv, envp), EFAULT);
}

static void t_execve_efault(void)
{
	char *argv[] = { "x", NULL };

	EXPECT_ERRNO(execve(NULL, argv, argv + 1), EFAULT);
	EXPECT_ERRNO(execve((char *)0xffffffff81000000UL, argv, argv + 1), EFAULT);
	EXPECT_CHILD_OK(exec_bad_argv);
}

int main(int argc, char **argv)
{
	if (getenv("PROC_EXEC_PROBE"))
		return 99;
	if ((argc > 1 && !strcmp(argv[1], "--report")) || getenv("PROC_EXEC_REPORT"))
		return report(argc, argv);
	self_exe_init(argv[0]);
	return ktap_run(KTAP_CASES(t_execve_passes_argv_and_envp,
		t_execve_empty_argv_gets_an_empty_argv0,
		t_execve_keeps_pid_and_parent, t_execve_auxv,
		t_execve_closes_cloexec_fds,
		t_execve_resets_handlers_keeps_ignored_and_mask,
		t_execve_script_runs_interpreter, t_execve_enoent_enotdir,
		t_execve_eacces, t_execve_enoexec, t_execve_efault));
}
