/*
 * user/env.c: env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]
 *
 * Runs COMMAND in a changed environment, or prints the environment.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int opt, i;

	while ((opt = getopt(argc, argv, "+iu:")) != -1) {
		if (opt == 'i')
			clearenv();
		else if (opt == 'u')
			unsetenv(optarg);
		else
			return 125;
	}
	for (i = optind; i < argc && strchr(argv[i], '='); i++)
		putenv(argv[i]);
	if (i == argc) {
		for (char **e = environ; e && *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	warn("'%s'", argv[i]);
	return errno == ENOENT ? 127 : 126;
}
