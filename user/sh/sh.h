/*
 * user/sh/sh.h: the shell's data structures and the interfaces between its parts.
 *
 * A piece of input goes through four stages, one file each:
 *
 *	lex.c		characters -> tokens (words keep their quotes: expansion needs them)
 *	parse.c		tokens -> a tree: a list of and-or lists of pipelines of commands
 *	expand.c	a command's words -> argv strings ($VAR, quotes, field splitting)
 *	exec.c		the tree -> processes: fork, pipes, redirections, execve
 *
 * around them jobs.c (process groups, the terminal, waiting), builtins.c,
 * vars.c (shell variables and the environment), util.c (strings, memory)
 * and main.c (options, reading input, the prompt).
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Used when $PATH is not set: dash's, but with the image's own programs
 * (/sbin, /bin) before Debian's, which the image carries in /usr (see
 * tools/debian_root.py): `ps` is Matryoshka's, /usr/bin/ps Debian's.
 */
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin"

/* ---- the shell's state ---------------------------------------------- */

struct shell {
	int status;		/* $?: the last command's exit status */
	pid_t pid;		/* $$ (subshells keep their parent's) */
	pid_t last_bg;		/* $!: the last background job's last process */
	char *arg0;		/* $0 */
	char **args;		/* $1, $2, ...: nargs of them */
	int nargs;
	bool interactive;	/* prompts; Ctrl-C at the prompt starts a new line */
	bool job_control;	/* each job in its own process group, the terminal to one */
	int tty;		/* the terminal, when job_control */
	pid_t pgid;		/* the shell's process group, when job_control */
};

extern struct shell sh;

void __attribute__((noreturn)) shell_exit(int status);

/* ---- util.c ---------------------------------------------------------- */

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growing string, always NUL-terminated once something was added. */
struct strbuf {
	char *s;
	size_t len, cap;
};

void sb_addc(struct strbuf *sb, char c);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* A growing NULL-terminated array of malloc'd strings, such as an argv. */
struct strvec {
	char **v;
	int n, cap;
};

void sv_push(struct strvec *sv, char *s);
void sv_free(struct strvec *sv);

/* Memory for one parsed piece of input: freed all at once after it ran. */
struct arena {
	struct arena_block *blocks;
};

void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

int dup_high(int fd);

/* ---- the syntax tree (parse.c) --------------------------------------- */

enum redir_op {
	R_IN,		/* <  */
	R_OUT,		/* >, >| */
	R_APPEND,	/* >> */
	R_RDWR,		/* <> */
	R_DUP,		/* <&, >&: N>&M makes fd N a copy of M; N>&- closes N */
};

struct redir {
	enum redir_op op;
	int fd;
	char *word;		/* the file, or M: not yet expanded */
	struct redir *next;
};

struct word {
	char *text;		/* raw, with its quotes */
	struct word *next;
};

/* A simple command: "A=1 B=2 cmd arg >file" */
struct command {
	struct word *assigns;	/* NAME=value words before the command name */
	struct word *words;
	struct redir *redirs;
	struct command *next;	/* the next command of the pipeline */
};

struct pipeline {
	struct command *cmds;
	int ncmds;
	bool negate;		/* "! cmd": the status inverted */
};

enum andor_op { AO_FIRST, AO_AND, AO_OR };

/* One pipeline of an and-or list "a && b || c", with the operator before it. */
struct andor {
	enum andor_op op;
	struct pipeline *pipeline;
	struct andor *next;
};

/* One entry of a list "a; b & c": an and-or list, and how it ended. */
struct list {
	struct andor *andor;
	bool background;	/* ended with '&' */
	char *text;		/* its source text, for job messages */
	struct list *next;
};

enum parse_result { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };

enum parse_result parse(const char *text, struct arena *a, struct list **out);

/* ---- lex.c ------------------------------------------------------------- */

enum token_type {
	TK_WORD, TK_REDIR, TK_PIPE, TK_AND, TK_OR, TK_SEMI, TK_AMP, TK_NEWLINE, TK_EOF,
};

struct token {
	enum token_type type;
	char *text;		/* TK_WORD: the raw word */
	enum redir_op op;	/* TK_REDIR */
	int fd;			/* TK_REDIR */
	size_t start, end;	/* where it is in the input */
};

struct lexer {
	const char *s;
	size_t pos;
	struct arena *arena;
};

int lex_next(struct lexer *lx, struct token *t);	/* a parse_result */

/* ---- expand.c ---------------------------------------------------------- */

void expand_word(const char *raw, struct strvec *out);
char *expand_string(const char *raw);

/* ---- exec.c ------------------------------------------------------------ */

int run_list(struct list *l);
void __attribute__((noreturn)) exec_program(char **argv, char **envp);
void reset_signals(void);

/* ---- jobs.c ------------------------------------------------------------ */

struct job;

void jobs_init_control(void);
void jobs_release_terminal(void);
struct job *job_new(const char *text);
void job_add_process(struct job *j, pid_t pid);
pid_t job_pgid(const struct job *j);
void job_set_background(struct job *j);
int job_wait_foreground(struct job *j);
void jobs_reap(void);
void jobs_notify(void);
void jobs_forget(void);
int builtin_wait(int argc, char **argv);
int builtin_jobs(int argc, char **argv);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);

/* ---- builtins.c --------------------------------------------------------- */

typedef int (*builtin_fn)(int argc, char **argv);

builtin_fn builtin_find(const char *name);

/* ---- vars.c ------------------------------------------------------------ */

void vars_import(char **envp);
const char *var_get(const char *name);
void var_set(const char *name, const char *value);
void var_export(const char *name);
void var_unset(const char *name);
void var_assign(const char *assignment);
void vars_print_exports(void);
char **vars_environ(const struct strvec *extra);
bool is_name(const char *s, size_t len);
bool is_assignment(const char *word);

#endif
