/*
 * user/sh/jobs.c: jobs, the processes of one pipeline, waited for together.
 *
 * With job control (an interactive shell on its terminal) every job is a
 * process group of its own, and the terminal's foreground group is set
 * to the job the shell waits for: the terminal then sends Ctrl-C's
 * SIGINT and Ctrl-Z's SIGTSTP to that job only, never to the shell.
 * Afterwards the shell takes the terminal back.  A stopped job can be
 * continued with fg or bg.  Without job control, jobs stay in the
 * shell's process group.
 *
 * waitpid(-1) reports whichever child changed first, background jobs
 * included, so every report is filed under the job it belongs to; a job
 * is done when all its processes are, and its status is its last one's.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

struct process {
	pid_t pid;
	int status;		/* from waitpid, once done */
	bool done, stopped;
};

struct job {
	int id;			/* %1, %2, ... */
	pid_t pgid;		/* its first process, once started */
	char *text;		/* the command, for messages */
	struct process *procs;
	int nprocs;
	bool background;
	struct job *next;
};

static struct job *jobs;	/* in order of id; the last is the current job */
static pid_t initial_pgrp;	/* the terminal's foreground group when we started */

/* Takes the terminal, if stdin is ours and we are in its foreground, and turns job control on. */
void jobs_init_control(void)
{
	int tty = dup_high(0);
	pid_t fg = tty >= 0 ? tcgetpgrp(tty) : -1;

	/* Not our controlling terminal, or someone else's turn on it: no job control. */
	if (fg < 0 || fg != getpgrp()) {
		if (tty >= 0)
			close(tty);
		return;
	}
	initial_pgrp = fg;
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);	/* tcsetpgrp from the background would stop us */
	setpgid(0, 0);			/* fails harmlessly when we lead a session already */
	sh.pgid = getpgrp();
	tcsetpgrp(tty, sh.pgid);
	sh.tty = tty;
	sh.job_control = true;
}

/* Gives the terminal back to whoever had it before us, when we exit. */
void jobs_release_terminal(void)
{
	if (sh.job_control && initial_pgrp > 0)
		tcsetpgrp(sh.tty, initial_pgrp);
}

struct job *job_new(const char *text)
{
	struct job *j = xcalloc(1, sizeof(*j)), **link = &jobs;
	int id = 1;

	for (; *link; link = &(*link)->next)
		id = (*link)->id + 1;
	j->id = id;
	j->text = xstrdup(text);
	*link = j;
	return j;
}

static void job_remove(struct job *j)
{
	struct job **link = &jobs;

	while (*link != j)
		link = &(*link)->next;
	*link = j->next;
	free(j->text);
	free(j->procs);
	free(j);
}

/* A child's process group; 0 for the first, which starts the group with its own pid. */
pid_t job_pgid(const struct job *j)
{
	return j->pgid;
}

void job_add_process(struct job *j, pid_t pid)
{
	if (!j->pgid)
		j->pgid = pid;
	/* The child does the same: whichever runs first, the group exists before exec. */
	if (sh.job_control)
		setpgid(pid, j->pgid);
	j->procs = xrealloc(j->procs, (j->nprocs + 1) * sizeof(*j->procs));
	j->procs[j->nprocs++] = (struct process){ pid, 0, false, false };
}

/* Files a waitpid report under its process. */
static void record(pid_t pid, int status)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (int i = 0; i < j->nprocs; i++) {
			struct process *p = &j->procs[i];

			if (p->pid != pid)
				continue;
			p->stopped = WIFSTOPPED(status);
			if (!p->stopped) {
				p->done = true;
				p->status = status;
			}
			return;
		}
	}
}

static bool job_done(const struct job *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (!j->procs[i].done)
			return false;
	return true;
}

static bool job_stopped(const struct job *j)
{
	bool any = false;

	for (int i = 0; i < j->nprocs; i++) {
		if (!j->procs[i].done && !j->procs[i].stopped)
			return false;
		any |= j->procs[i].stopped;
	}
	return any;
}

/* $? for a finished job: its last process's exit status, or 128 + the signal that killed it. */
static int job_status(const struct job *j)
{
	int status;

	if (!j->nprocs)
		return 1;	/* it could not even be started */
	status = j->procs[j->nprocs - 1].status;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/*
 * Waits until j is done or stopped, filing reports from other jobs on
 * the way.  A signal the shell catches (Ctrl-C at an interactive `wait`)
 * ends the wait early if @interruptible: then it returns false.
 */
static bool wait_for_job(struct job *j, bool interruptible)
{
	while (!job_done(j) && !job_stopped(j)) {
		int status;
		pid_t pid = waitpid(-1, &status, WUNTRACED);

		if (pid > 0) {
			record(pid, status);
		} else if (errno == EINTR) {
			if (interruptible)
				return false;
		} else {
			/* ECHILD: no children left, so whatever was not reported is gone */
			for (int i = 0; i < j->nprocs; i++)
				j->procs[i].done = true;
		}
	}
	return true;
}

/* How a job ended, for messages: "Done", "Done(1)", "Killed". */
static const char *job_state(const struct job *j, char *buf, size_t size)
{
	int status = j->nprocs ? j->procs[j->nprocs - 1].status : 0;

	if (!job_done(j))
		return job_stopped(j) ? "Stopped" : "Running";
	if (WIFSIGNALED(status))
		return strsignal(WTERMSIG(status));
	if (WEXITSTATUS(status) == 0)
		return "Done";
	snprintf(buf, size, "Done(%d)", WEXITSTATUS(status));
	return buf;
}

static void print_job(const struct job *j, FILE *f)
{
	char buf[32];

	fprintf(f, "[%d]%c  %-24s%s%s\n", j->id, j->next ? ' ' : '+',
		job_state(j, buf, sizeof(buf)), j->text,
		j->background && !job_done(j) && !job_stopped(j) ? " &" : "");
}

/* An interactive user sees why a foreground job died, as in other shells. */
static void report_signal(const struct job *j)
{
	int status = j->nprocs ? j->procs[j->nprocs - 1].status : 0;

	if (!sh.interactive || !WIFSIGNALED(status) || WTERMSIG(status) == SIGPIPE)
		return;
	if (WTERMSIG(status) == SIGINT)
		fputc('\n', stderr);
	else
		fprintf(stderr, "%s%s\n", strsignal(WTERMSIG(status)),
			WCOREDUMP(status) ? " (core dumped)" : "");
}

/* Runs the job in the foreground until it is done (returns its status) or stopped (148). */
int job_wait_foreground(struct job *j)
{
	int status;

	j->background = false;
	if (sh.job_control)
		tcsetpgrp(sh.tty, j->pgid);
	wait_for_job(j, false);
	if (sh.job_control)
		tcsetpgrp(sh.tty, sh.pgid);
	if (job_stopped(j)) {
		j->background = true;
		fputc('\n', stderr);
		print_job(j, stderr);
		return 128 + SIGTSTP;
	}
	status = job_status(j);
	report_signal(j);
	job_remove(j);
	return status;
}

/* A job started with '&': $! is its last process. */
void job_set_background(struct job *j)
{
	j->background = true;
	if (!j->nprocs)
		return;
	sh.last_bg = j->procs[j->nprocs - 1].pid;
	if (sh.interactive)
		fprintf(stderr, "[%d] %d\n", j->id, (int)sh.last_bg);
}

/* Collects whatever children have finished, without blocking: no zombies stay around. */
void jobs_reap(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0)
		record(pid, status);
}

static void forget_done(bool tell)
{
	struct job *j = jobs, *next;

	for (; j; j = next) {
		next = j->next;
		if (!job_done(j))
			continue;
		if (tell)
			print_job(j, stderr);
		job_remove(j);
	}
}

/* Before a prompt: tells of the background jobs that finished, and forgets them. */
void jobs_notify(void)
{
	jobs_reap();
	forget_done(true);
}

/* A forked child of the shell starts with no jobs of its own. */
void jobs_forget(void)
{
	while (jobs)
		job_remove(jobs);
}

/* "%2", "%%", "%+" or a pid; NULL (and a message) if there is no such job. */
static struct job *job_find(const char *spec, const char *who)
{
	struct job *j = jobs, *last = NULL;

	for (; j; j = j->next) {
		last = j;
		if (spec[0] == '%' && atoi(spec + 1) == j->id)
			return j;
		for (int i = 0; spec[0] != '%' && i < j->nprocs; i++)
			if (j->procs[i].pid == atoi(spec))
				return j;
	}
	if (last && (!strcmp(spec, "%%") || !strcmp(spec, "%+") || !strcmp(spec, "%")))
		return last;
	sh_error("%s: %s: no such job", who, spec);
	return NULL;
}

static void continue_job(struct job *j)
{
	for (int i = 0; i < j->nprocs; i++)
		j->procs[i].stopped = false;
	kill(sh.job_control ? -j->pgid : j->procs[0].pid, SIGCONT);
}

int builtin_fg(int argc, char **argv)
{
	struct job *j = job_find(argc > 1 ? argv[1] : "%%", "fg");

	if (!j)
		return 1;
	if (!sh.job_control) {
		sh_error("fg: no job control");
		return 1;
	}
	fprintf(stderr, "%s\n", j->text);
	tcsetpgrp(sh.tty, j->pgid);	/* the terminal first, so it does not stop again at once */
	continue_job(j);
	return job_wait_foreground(j);
}

int builtin_bg(int argc, char **argv)
{
	struct job *j = job_find(argc > 1 ? argv[1] : "%%", "bg");

	if (!j)
		return 1;
	continue_job(j);
	j->background = true;
	fprintf(stderr, "[%d] %s &\n", j->id, j->text);
	return 0;
}

int builtin_jobs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	jobs_reap();
	for (struct job *j = jobs; j; j = j->next)
		print_job(j, stdout);
	forget_done(false);	/* the finished ones were just shown */
	return 0;
}

/* wait: for all background jobs; wait ID...: for those, returning the last one's status. */
int builtin_wait(int argc, char **argv)
{
	int status = 0;

	if (argc == 1) {
		for (struct job *j = jobs; j; j = jobs) {
			while (j && job_stopped(j))
				j = j->next;
			if (!j)
				break;
			if (!wait_for_job(j, true))
				return 128 + SIGINT;
			job_remove(j);
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct job *j = job_find(argv[i], "wait");

		if (!j) {
			status = 127;
			continue;
		}
		if (!wait_for_job(j, true))
			return 128 + SIGINT;
		status = job_status(j);
		if (job_done(j))
			job_remove(j);
	}
	return status;
}
