/*
 * user/sh/builtins.c: the commands the shell runs itself.
 *
 * They are the ones that act on the shell's own state, which a child
 * process could not change: its directory (cd), its variables (export,
 * unset), its life (exit, exec) and its jobs (wait, jobs, fg, bg; those
 * live in jobs.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* cd [DIR | -]: to DIR, $HOME, or back to $OLDPWD; keeps $PWD and $OLDPWD. */
static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	bool back = dir && !strcmp(dir, "-");
	char cwd[PATH_MAX];

	if (back)
		dir = var_get("OLDPWD");
	if (!dir) {
		sh_error("cd: %s not set", back ? "OLDPWD" : "HOME");
		return 1;
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (var_get("PWD"))
		var_set("OLDPWD", var_get("PWD"));
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd);
	if (back)
		puts(cwd);
	return 0;
}

/* exit [N]: N, or the last command's status. */
static int builtin_exit(int argc, char **argv)
{
	char *end;
	long status = sh.status;

	if (argc > 1) {
		status = strtol(argv[1], &end, 10);
		if (!*argv[1] || *end || status < 0) {
			sh_error("exit: Illegal number: %s", argv[1]);
			status = 2;
		}
	}
	shell_exit(status & 255);
}

/* export [NAME[=VALUE]]...: mark for the environment of commands; alone, list them. */
static int builtin_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "-p"))) {
		vars_print_exports();
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name(argv[i], len)) {
			sh_error("export: %s: bad variable name", argv[i]);
			status = 1;
			continue;
		}
		if (eq) {
			var_assign(argv[i]);
			*eq = '\0';
		}
		var_export(argv[i]);
	}
	return status;
}

/* unset NAME...: forget variables. */
static int builtin_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-v"))
			var_unset(argv[i]);
	return 0;
}

/* exec [COMMAND [ARG]...]: become COMMAND; alone, its redirections stay for the shell. */
static int builtin_exec(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	reset_signals();
	exec_program(argv + 1, vars_environ(NULL));
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{ "cd", builtin_cd },
	{ "exit", builtin_exit },
	{ "export", builtin_export },
	{ "unset", builtin_unset },
	{ "exec", builtin_exec },
	{ "wait", builtin_wait },
	{ "jobs", builtin_jobs },
	{ "fg", builtin_fg },
	{ "bg", builtin_bg },
};

builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(name, builtins[i].name))
			return builtins[i].fn;
	return NULL;
}
