/*
 * user/sh/main.c: /bin/sh: options, reading input, the prompt.
 *
 *	sh			commands from stdin; interactive if it is a terminal
 *	sh -c COMMAND [NAME [ARG]...]	run COMMAND, with $0 = NAME, $1... = ARGs
 *	sh SCRIPT [ARG]...	commands from the file SCRIPT
 *	-i			interactive, even if stdin is not a terminal
 *
 * Input is read a line at a time and parsed; a line that leaves a quote
 * open or ends with | && || or a backslash needs the next one too (the
 * prompt says "> "), and then all of it is parsed again.  A complete
 * piece runs before the next line is read, so `cd` or `exit` take effect
 * at once, and a script's commands may read the rest of stdin themselves.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct shell sh;

/* Where commands come from: a file descriptor, or the string of sh -c. */
struct input {
	int fd;			/* -1: all of it is in data already */
	bool bytewise;		/* read stdin a byte at a time, leaving the rest to the commands */
	const char *data;
	size_t pos, len;
	char block[4096];
};

void shell_exit(int status)
{
	fflush(stdout);
	jobs_release_terminal();
	exit(status);
}

/* Ctrl-C at the prompt: the handler only has to interrupt read(). */
static void on_sigint(int sig)
{
	(void)sig;
}

/* Reads more input; 0 at its end, -1 if Ctrl-C interrupted the read. */
static int refill(struct input *in)
{
	ssize_t n;

	if (in->fd < 0)
		return 0;
	do {
		n = read(in->fd, in->block, in->bytewise ? 1 : sizeof(in->block));
	} while (n < 0 && errno == EINTR && !sh.interactive);
	if (n < 0)
		return errno == EINTR ? -1 : 0;
	in->data = in->block;
	in->pos = 0;
	in->len = n;
	return n > 0;
}

/* Appends the next line, with its newline, to line: 1, 0 at the end of the input, -1 on Ctrl-C. */
static int read_line(struct input *in, struct strbuf *line)
{
	size_t start = line->len;

	for (;;) {
		if (in->pos == in->len) {
			int r = refill(in);

			if (r <= 0)
				return r < 0 ? -1 : line->len > start;
		}
		sb_addc(line, in->data[in->pos]);
		if (in->data[in->pos++] == '\n')
			return 1;
	}
}

/* Parses and runs text; false if it needs more lines first (and has them coming). */
static bool execute(const char *text, bool at_end)
{
	struct arena arena = { NULL };
	struct list *list;
	enum parse_result r = parse(text, &arena, &list);

	if (r == PARSE_INCOMPLETE && !at_end) {
		arena_free(&arena);
		return false;
	}
	if (r == PARSE_INCOMPLETE)
		sh_error("Syntax error: end of file unexpected");
	if (r == PARSE_OK) {
		run_list(list);
	} else {
		sh.status = 2;
		if (!sh.interactive)
			shell_exit(2);
	}
	arena_free(&arena);
	return true;
}

static void run_input(struct input *in)
{
	struct strbuf text = { NULL, 0, 0 };
	int r;

	do {
		if (sh.interactive) {
			jobs_notify();
			fputs(text.len ? "> " : geteuid() == 0 ? "# " : "$ ", stderr);
		}
		r = read_line(in, &text);
		if (r < 0) {		/* Ctrl-C: drop the line, prompt again */
			fputc('\n', stderr);
			sb_reset(&text);
		} else if (text.len && execute(text.s, r == 0)) {
			sb_reset(&text);
		}
	} while (r != 0);
	if (sh.interactive)
		fputc('\n', stderr);	/* Ctrl-D: leave the terminal on a fresh line */
	sb_free(&text);
}

/* $PATH and $PWD when the environment has none (init's has neither). */
static void set_defaults(void)
{
	char cwd[PATH_MAX];

	if (!var_get("PATH"))
		var_set("PATH", DEFAULT_PATH);
	if (getcwd(cwd, sizeof(cwd))) {
		var_set("PWD", cwd);
		var_export("PWD");
	}
}

/*
 * An interactive shell survives Ctrl-C (SIGINT is caught: at the prompt
 * it just discards the line) and Ctrl-\ (SIGQUIT is ignored), and runs
 * its jobs under job control.
 */
static void setup_interactive(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;	/* no SA_RESTART: read() returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	signal(SIGQUIT, SIG_IGN);
	jobs_init_control();
}

/* sh SCRIPT: its commands come from the file, kept open out of the way of redirections. */
static int open_script(const char *path)
{
	int fd = open(path, O_RDONLY), high;

	if (fd < 0) {
		sh_error("cannot open %s: %s", path, strerror(errno));
		exit(127);
	}
	high = dup_high(fd);
	close(fd);
	return high;
}

/* Reads the options; sets up in for -c, a script or stdin, and returns the operands after them. */
static char **parse_options(int argc, char **argv, struct input *in)
{
	bool force_interactive = false;
	int opt;

	while ((opt = getopt(argc, argv, "+ic:")) != -1) {
		if (opt == 'i') {
			force_interactive = true;
		} else if (opt == 'c') {
			*in = (struct input){ .fd = -1, .data = optarg, .len = strlen(optarg) };
		} else {
			fputs("usage: sh [-i] [-c COMMAND [NAME [ARG]...] | SCRIPT [ARG]...]\n", stderr);
			exit(2);
		}
	}
	if (in->fd == 0 && optind < argc) {
		in->fd = open_script(argv[optind]);
	} else if (in->fd == 0) {
		sh.interactive = force_interactive || (isatty(0) && isatty(2));
		in->bytewise = !sh.interactive;
	}
	return argv + optind;
}

int main(int argc, char **argv)
{
	extern char **environ;
	struct input in = { .fd = 0 };
	char **operands;

	sh.pid = getpid();
	sh.arg0 = argv[0];
	/* Inherited as ignored, SIGCHLD would make the kernel reap our children before we wait. */
	signal(SIGCHLD, SIG_DFL);
	vars_import(environ);
	set_defaults();
	operands = parse_options(argc, argv, &in);
	if (*operands)		/* NAME of -c, or SCRIPT: $0 */
		sh.arg0 = *operands++;
	sh.args = operands;
	for (sh.nargs = 0; operands[sh.nargs]; sh.nargs++)
		;
	if (sh.interactive)
		setup_interactive();
	run_input(&in);
	shell_exit(sh.status);
}
