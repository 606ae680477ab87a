/*
 * user/include/each_file.h: head's and tail's walk over their FILE
 * operands: stdin when there are none (and for "-"), a "==> NAME <=="
 * header before each when there are several (POSIX), and a warning and
 * exit status 1 for a FILE that cannot be opened or read.
 */
#ifndef EACH_FILE_H
#define EACH_FILE_H

#include <err.h>
#include <stdio.h>
#include <string.h>

/* Runs @fn on argv[first..argc-1] (or stdin); returns the exit status. */
static int each_file(int argc, char **argv, int first, void (*fn)(FILE *, void *), void *arg)
{
	int status = 0, headers = 0;

	for (int i = first; i < argc || i == first; i++) {
		const char *name = i < argc ? argv[i] : "-";
		int is_stdin = !strcmp(name, "-");
		FILE *f = is_stdin ? stdin : fopen(name, "r");

		if (!f) {
			fflush(stdout);
			warn("%s", name);
			status = 1;
			continue;
		}
		if (argc - first > 1)
			printf("%s==> %s <==\n", headers++ ? "\n" : "",
			       is_stdin ? "standard input" : name);
		fn(f, arg);
		if (ferror(f)) {
			fflush(stdout);
			warn("%s", name);
			status = 1;
		}
		if (!is_stdin)
			fclose(f);
	}
	if (fflush(stdout) == EOF)
		err(1, "write error");
	return status;
}

#endif
