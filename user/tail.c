/*
 * user/tail.c: tail [-n [+]N] [FILE]...: copy the last N lines (default 10)
 * of each FILE, or of stdin without FILEs (or for "-"), to stdout; -n +N
 * starts at line N instead.  Pipes work too: tail reads the whole input and
 * keeps the last N lines.  With several FILEs each gets a "==> FILE <=="
 * header.  No -f.  Exit status 0, or 1 if a FILE could not be read.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "each_file.h"

/* Copies lines from line number `from` (1-based) on. */
static void tail_from(FILE *f, long from)
{
	long line = 1;
	int c;

	while ((c = getc(f)) != EOF) {
		if (line >= from)
			putchar(c);
		if (c == '\n')
			line++;
	}
}

/*
 * Keeps the last n lines in a ring, then prints them in order.  The ring
 * grows as lines come (up to n slots), so a large N costs nothing up front.
 */
static void tail_last(FILE *f, long n)
{
	struct { char *s; size_t len; } *ring = NULL;
	long slots = 0, count = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;

	if (n == 0) {
		while (getc(f) != EOF)
			;
		return;
	}
	while ((got = getline(&line, &cap, f)) > 0) {
		long slot = count++ % n;

		if (slot >= slots) {
			long more = slots ? (slots > n / 2 ? n : 2 * slots) : (n < 64 ? n : 64);

			ring = realloc(ring, more * sizeof(*ring));
			if (!ring)
				err(1, "out of memory");
			while (slots < more)
				ring[slots++].s = NULL;
		}
		free(ring[slot].s);
		ring[slot].s = line;	/* keep the buffer; getline makes a new one */
		ring[slot].len = got;
		line = NULL;
		cap = 0;
	}
	free(line);
	for (long i = count > n ? count - n : 0; i < count; i++) {
		fwrite(ring[i % n].s, 1, ring[i % n].len, stdout);
		free(ring[i % n].s);
	}
	free(ring);
}

struct tail_opts {
	long n;
	int from_start;		/* -n +N */
};

static void tail_file(FILE *f, void *arg)
{
	struct tail_opts *o = arg;

	if (o->from_start)
		tail_from(f, o->n);
	else
		tail_last(f, o->n);
}

int main(int argc, char **argv)
{
	struct tail_opts o = { .n = 10 };
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n') {
			fprintf(stderr, "usage: tail [-n [+]N] [FILE]...\n");
			return 1;
		}
		o.from_start = optarg[0] == '+';
		errno = 0;
		o.n = strtol(optarg + o.from_start, &end, 10);
		if (errno || *end || end == optarg + o.from_start || o.n < 0 ||
		    optarg[o.from_start] == '-' || optarg[o.from_start] == '+')
			errx(1, "invalid number of lines: '%s'", optarg);
	}
	return each_file(argc, argv, optind, tail_file, &o);
}
