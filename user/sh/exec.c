/*
 * user/sh/exec.c: running the parsed tree.
 *
 * A list runs its and-or lists in turn (or in the background after '&');
 * an and-or list runs a pipeline when the status of the one before says
 * so; a pipeline's commands are expanded first, then either run inside
 * the shell (a builtin or a bare assignment, alone in the foreground:
 * `cd` must change the shell's own directory) or each in a child process,
 * connected by pipes, as one job.  A child sets up its process group,
 * signals and redirections, then execs the program found through $PATH.
 */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"


/* At most this many descriptors are saved around one builtin's redirections. */
#define MAX_SAVED 16

/* A command ready to run: its words expanded. */
struct prepared {
	const struct command *cmd;
	struct strvec argv;
	struct strvec assigns;	/* "NAME=value", for its environment */
	builtin_fn builtin;	/* NULL: a program */
};

/*
 * "A=2 B=$A cmd": the assignments for cmd's environment, expanded left
 * to right, each seeing the ones before it (B is 2, as in dash and bash).
 * They are made for a moment, then the old values come back.
 */
static void expand_assignments(const struct word *w, struct strvec *out)
{
	struct strvec old = { NULL, 0, 0 };	/* "NAME=value", or "NAME" if unset */

	for (; w; w = w->next) {
		char *assignment = expand_string(w->text);
		struct strbuf saved = { NULL, 0, 0 };
		const char *value;

		sb_addn(&saved, assignment, strchr(assignment, '=') - assignment);
		if ((value = var_get(saved.s))) {
			sb_addc(&saved, '=');
			sb_adds(&saved, value);
		}
		sv_push(&old, saved.s);
		sv_push(out, assignment);
		var_assign(assignment);
	}
	for (int i = old.n - 1; i >= 0; i--) {
		if (strchr(old.v[i], '='))
			var_assign(old.v[i]);
		else
			var_unset(old.v[i]);
	}
	sv_free(&old);
}

/*
 * Expands a command's words.  For `export`, an argument that looks like
 * an assignment is expanded as one, without field splitting, as POSIX
 * now says for such "declaration utilities": export A=$B keeps B whole.
 */
static void prepare(struct prepared *pc, const struct command *c)
{
	memset(pc, 0, sizeof(*pc));
	pc->cmd = c;
	for (const struct word *w = c->words; w; w = w->next) {
		if (pc->argv.n && !strcmp(pc->argv.v[0], "export") && is_assignment(w->text))
			sv_push(&pc->argv, expand_string(w->text));
		else
			expand_word(w->text, &pc->argv);
	}
	/* Alone, assignments are made for good: see run_in_shell. */
	if (pc->argv.n)
		expand_assignments(c->assigns, &pc->assigns);
	pc->builtin = pc->argv.n ? builtin_find(pc->argv.v[0]) : NULL;
}

static void prepared_free(struct prepared *pc)
{
	sv_free(&pc->argv);
	sv_free(&pc->assigns);
}

/* ---- redirections -------------------------------------------------- */

/* What a builtin's redirections replaced: restored after it ran. */
struct saved_fds {
	int fd[MAX_SAVED];
	int copy[MAX_SAVED];	/* -1: fd was closed */
	int n;
};

static void save_fd(struct saved_fds *s, int fd)
{
	if (!s || s->n == MAX_SAVED)
		return;
	for (int i = 0; i < s->n; i++)
		if (s->fd[i] == fd)
			return;
	s->fd[s->n] = fd;
	s->copy[s->n++] = dup_high(fd);
}

static void restore_fds(struct saved_fds *s)
{
	while (s->n > 0) {
		s->n--;
		if (s->copy[s->n] < 0) {
			close(s->fd[s->n]);
		} else {
			dup2(s->copy[s->n], s->fd[s->n]);
			close(s->copy[s->n]);
		}
	}
}

/* The descriptor a redirection copies: the file opened, or M of N>&M; -1 on error. */
static int redir_source(const struct redir *r, const char *word)
{
	static const int flags[] = {
		[R_IN] = O_RDONLY,
		[R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
		[R_RDWR] = O_RDWR | O_CREAT,
	};
	struct stat st;
	char *end;
	long fd;

	if (r->op != R_DUP) {
		fd = open(word, flags[r->op], 0666);
		if (fd < 0)
			sh_error("cannot open %s: %s", word, strerror(errno));
		return fd;
	}
	fd = strtol(word, &end, 10);
	if (!*word || *end || fd < 0 || fd > 255 || fstat(fd, &st) < 0) {
		sh_error("%s: Bad file descriptor", word);
		return -1;
	}
	return fd;
}

/* Applies one redirection, saving what it replaces into save (if any); 0 or -1. */
static int redirect_one(const struct redir *r, struct saved_fds *save)
{
	char *word = expand_string(r->word);
	int src;

	save_fd(save, r->fd);
	if (r->op == R_DUP && !strcmp(word, "-")) {
		close(r->fd);
		free(word);
		return 0;
	}
	src = redir_source(r, word);
	free(word);
	if (src < 0)
		return -1;
	if (src != r->fd) {
		dup2(src, r->fd);
		if (r->op != R_DUP)
			close(src);
	}
	return 0;
}

static int redirect(const struct redir *r, struct saved_fds *save)
{
	for (; r; r = r->next)
		if (redirect_one(r, save) < 0)
			return -1;
	return 0;
}

/* ---- programs ------------------------------------------------------ */

/* execve, and for a file without a #! line (ENOEXEC), run it as a shell script, as POSIX says. */
static void try_exec(const char *path, char **argv, char **envp)
{
	int argc = 0;
	char **args;

	execve(path, argv, envp);
	if (errno != ENOEXEC)
		return;
	while (argv[argc])
		argc++;
	args = xcalloc(argc + 2, sizeof(*args));
	args[0] = "sh";
	args[1] = (char *)path;
	memcpy(args + 2, argv + 1, argc * sizeof(*args));
	execve("/bin/sh", args, envp);
	free(args);
	errno = ENOEXEC;
}

/* Tries each directory of $PATH; returns why none worked (ENOENT: found nowhere). */
static int search_path(const char *name, char **argv, char **envp)
{
	const char *dir = var_get("PATH");
	int error = ENOENT;

	for (dir = dir ? dir : DEFAULT_PATH; dir; ) {
		const char *colon = strchr(dir, ':');
		int len = colon ? colon - dir : (int)strlen(dir);
		char *file = xmalloc(len + strlen(name) + 2);

		/* an empty entry means the current directory */
		sprintf(file, "%.*s%s%s", len, dir, len ? "/" : "", name);
		try_exec(file, argv, envp);
		if (errno != ENOENT && errno != ENOTDIR)
			error = errno;	/* found, but not runnable: say why */
		free(file);
		dir = colon ? colon + 1 : NULL;
	}
	return error;
}

/* Runs argv[0], searched for in $PATH unless it contains a '/'; exits 127 or 126 if it cannot. */
void exec_program(char **argv, char **envp)
{
	const char *name = argv[0];
	int error;

	if (strchr(name, '/')) {
		try_exec(name, argv, envp);
		error = errno;
	} else {
		error = search_path(name, argv, envp);
		if (error == ENOENT) {
			sh_error("%s: command not found", name);
			exit(127);
		}
	}
	sh_error("%s: %s", name, strerror(error));
	exit(error == ENOENT ? 127 : 126);
}

/* The interactive shell ignores or catches these; its children must not. */
void reset_signals(void)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

/*
 * In a new child: join the job's process group (and give it the terminal
 * if it runs in the foreground), default signals, and no job control of
 * its own.  Without job control a background job must not read the
 * terminal or die of the user's Ctrl-C, so it gets /dev/null and ignores
 * SIGINT and SIGQUIT, as POSIX says.
 */
static void child_setup(struct job *j, bool background)
{
	if (sh.job_control) {
		setpgid(0, job_pgid(j));
		if (!background)
			tcsetpgrp(sh.tty, getpgrp());
	}
	reset_signals();
	if (background && !sh.job_control) {
		int null = open("/dev/null", O_RDONLY);

		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		if (null >= 0 && null != 0) {
			dup2(null, 0);
			close(null);
		}
	}
	if (sh.job_control)
		close(sh.tty);
	jobs_forget();
	sh.job_control = false;
	sh.interactive = false;
}

/* The child's part of running a command: redirect, then a builtin or the program. */
static void __attribute__((noreturn)) run_child(struct prepared *pc)
{
	if (redirect(pc->cmd->redirs, NULL) < 0)
		exit(1);
	if (!pc->argv.n)
		exit(0);
	if (pc->builtin)
		exit(pc->builtin(pc->argv.n, pc->argv.v));
	exec_program(pc->argv.v, vars_environ(&pc->assigns));
}

/* Makes fd (if open) the child's descriptor target, closing the original. */
static void move_fd(int fd, int target)
{
	if (fd >= 0 && fd != target) {
		dup2(fd, target);
		close(fd);
	}
}

/* Forks the commands of a pipeline as one job; waits for it unless in the background. */
static int run_job(struct prepared *cmds, int n, bool background, const char *text)
{
	struct job *j = job_new(text);
	int in = -1;

	for (int i = 0; i < n; i++) {
		int pipefd[2] = { -1, -1 };
		pid_t pid;

		if (i + 1 < n && pipe2(pipefd, O_CLOEXEC) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			child_setup(j, background);
			if (pipefd[0] >= 0)
				close(pipefd[0]);
			move_fd(in, 0);
			move_fd(pipefd[1], 1);
			run_child(&cmds[i]);
		}
		if (pid < 0)
			sh_error("fork: %s", strerror(errno));
		else
			job_add_process(j, pid);
		if (in >= 0)
			close(in);
		if (pipefd[1] >= 0)
			close(pipefd[1]);
		in = pipefd[0];
	}
	if (in >= 0)
		close(in);
	if (background) {
		job_set_background(j);
		return 0;
	}
	return job_wait_foreground(j);
}

/* "A=1 B=$A": each assignment is expanded after the one before it was made. */
static void assign_in_order(const struct word *w)
{
	for (; w; w = w->next) {
		char *assignment = expand_string(w->text);

		var_assign(assignment);
		free(assignment);
	}
}

/*
 * A builtin, or assignments and redirections alone, run by the shell
 * itself.  Redirections last only as long as the command, except for
 * exec's: `exec >file` redirects the shell from then on.
 */
static int run_in_shell(struct prepared *pc)
{
	struct saved_fds saved = { .n = 0 };
	bool permanent = pc->argv.n && !strcmp(pc->argv.v[0], "exec");
	int status = 0;

	if (!pc->argv.n)
		assign_in_order(pc->cmd->assigns);
	for (int i = 0; i < pc->assigns.n; i++)
		var_assign(pc->assigns.v[i]);
	if (redirect(pc->cmd->redirs, permanent ? NULL : &saved) < 0)
		status = 1;
	else if (pc->builtin)
		status = pc->builtin(pc->argv.n, pc->argv.v);
	fflush(stdout);
	restore_fds(&saved);
	return status;
}

static int run_pipeline(const struct pipeline *p, bool background, const char *text)
{
	struct prepared *cmds = xcalloc(p->ncmds, sizeof(*cmds));
	const struct command *c = p->cmds;
	int status;

	for (int i = 0; c; c = c->next)
		prepare(&cmds[i++], c);
	if (p->ncmds == 1 && !background && (!cmds[0].argv.n || cmds[0].builtin))
		status = run_in_shell(&cmds[0]);
	else
		status = run_job(cmds, p->ncmds, background, text);
	for (int i = 0; i < p->ncmds; i++)
		prepared_free(&cmds[i]);
	free(cmds);
	return p->negate ? !status : status;
}

/* a && b || c: each pipeline runs or not by the status so far. */
static int run_andor(const struct andor *a, const char *text)
{
	for (; a; a = a->next) {
		if ((a->op == AO_AND && sh.status != 0) || (a->op == AO_OR && sh.status == 0))
			continue;
		sh.status = run_pipeline(a->pipeline, false, text);
	}
	return sh.status;
}

/* "a && b &": a child shell runs the whole and-or list as one background job. */
static void run_background_andor(const struct list *item)
{
	struct job *j = job_new(item->text);
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		child_setup(j, true);
		exit(run_andor(item->andor, item->text));
	}
	if (pid < 0)
		sh_error("fork: %s", strerror(errno));
	else
		job_add_process(j, pid);
	job_set_background(j);
}

int run_list(struct list *l)
{
	for (; l; l = l->next) {
		jobs_reap();
		if (!l->background) {
			run_andor(l->andor, l->text);
		} else {
			if (l->andor->next)
				run_background_andor(l);
			else
				run_pipeline(l->andor->pipeline, true, l->text);
			sh.status = 0;
		}
	}
	return sh.status;
}
