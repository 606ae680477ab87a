/*
 * user/include/exec_shell.h: exec_command(), the last step of unshare and nsenter.
 *
 * Both run the given program, or with none a login shell ($SHELL, else
 * /bin/sh, with argv[0] "-sh") as util-linux does; exit statuses 126
 * and 127 say that the exec failed, as in a shell.
 */
#ifndef USER_EXEC_SHELL_H
#define USER_EXEC_SHELL_H

#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void __attribute__((noreturn)) exec_command(char **argv)
{
	const char *shell = getenv("SHELL");
	char copy[PATH_MAX], arg0[NAME_MAX + 2];

	if (argv[0]) {
		execvp(argv[0], argv);
		err(errno == ENOENT ? 127 : 126, "failed to execute %s", argv[0]);
	}
	if (!shell || !*shell)
		shell = "/bin/sh";
	snprintf(copy, sizeof(copy), "%s", shell);
	snprintf(arg0, sizeof(arg0), "-%s", basename(copy));
	execl(shell, arg0, (char *)NULL);
	err(errno == ENOENT ? 127 : 126, "failed to execute %s", shell);
}

#endif
