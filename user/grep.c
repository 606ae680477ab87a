/*
 * user/grep.c: grep [-v] [-i] [-c] [-n] [-q] [-E] PATTERN [FILE]...: print
 * the lines that match PATTERN, a POSIX basic regular expression (-E:
 * extended), through musl's regcomp/regexec.  Reads stdin without FILEs
 * (or for "-"); with several FILEs each line gets a "FILE:" prefix.
 *   -v  select the lines that do not match   -i  ignore case
 *   -c  print only a count of selected lines -n  prefix line numbers
 *   -q  print nothing; exit 0 at the first selected line
 * Exit status: 0 a line was selected, 1 none was, 2 an error (a file that
 * cannot be read, a bad pattern or option), as POSIX says.
 */
#include <err.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct grep_opts {
	int invert, count, number, quiet, multi;
	regex_t re;
};

/* Greps one stream; returns the number of selected lines. */
static long grep_stream(FILE *f, const char *name, const struct grep_opts *o)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, selected = 0;

	while ((len = getline(&line, &cap, f)) > 0) {
		int nl = line[len - 1] == '\n';

		lineno++;
		if (nl)
			line[len - 1] = '\0';
		if ((regexec(&o->re, line, 0, NULL, 0) == 0) == o->invert)
			continue;
		selected++;
		if (o->quiet)
			exit(0);
		if (o->count)
			continue;
		if (o->multi)
			printf("%s:", name);
		if (o->number)
			printf("%ld:", lineno);
		fwrite(line, 1, len - nl, stdout);
		putchar('\n');
	}
	free(line);
	return selected;
}

int main(int argc, char **argv)
{
	struct grep_opts o = { 0 };
	int opt, cflags = REG_NOSUB, rc, status = 1, error = 0;

	while ((opt = getopt(argc, argv, "vicnqE")) != -1) {
		switch (opt) {
		case 'v': o.invert = 1; break;
		case 'i': cflags |= REG_ICASE; break;
		case 'c': o.count = 1; break;
		case 'n': o.number = 1; break;
		case 'q': o.quiet = 1; break;
		case 'E': cflags |= REG_EXTENDED; break;
		default:
			fprintf(stderr, "usage: grep [-vicnqE] PATTERN [FILE]...\n");
			return 2;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "usage: grep [-vicnqE] PATTERN [FILE]...\n");
		return 2;
	}
	rc = regcomp(&o.re, argv[optind++], cflags);
	if (rc) {
		char msg[256];

		regerror(rc, &o.re, msg, sizeof(msg));
		errx(2, "%s: %s", argv[optind - 1], msg);
	}
	o.multi = argc - optind > 1;
	for (int i = optind; i < argc || i == optind; i++) {
		const char *name = i < argc ? argv[i] : "-";
		int is_stdin = !strcmp(name, "-");
		FILE *f = is_stdin ? stdin : fopen(name, "r");
		long n;

		if (!f) {
			fflush(stdout);
			warn("%s", name);
			error = 1;
			continue;
		}
		n = grep_stream(f, is_stdin ? "(standard input)" : name, &o);
		if (ferror(f)) {
			fflush(stdout);
			warn("%s", name);
			error = 1;
		}
		if (n)
			status = 0;
		if (o.count) {
			if (o.multi)
				printf("%s:", is_stdin ? "(standard input)" : name);
			printf("%ld\n", n);
		}
		if (!is_stdin)
			fclose(f);
	}
	if (fflush(stdout) == EOF)
		err(2, "write error");
	return error ? 2 : status;
}
