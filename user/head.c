/*
 * user/head.c: head [-n N] [FILE]...: copy the first N lines (default 10)
 * of each FILE, or of stdin without FILEs (or for "-"), to stdout.  With
 * several FILEs each gets a "==> FILE <==" header, as POSIX has it.
 * Exit status 0, or 1 if a FILE could not be read.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "each_file.h"

/* Copies the first n lines of f to stdout. */
static void head(FILE *f, long n)
{
	int c;

	while (n > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n')
			n--;
	}
}

static void head_file(FILE *f, void *n)
{
	head(f, *(long *)n);
}

int main(int argc, char **argv)
{
	long n = 10;
	int opt;
	char *end;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n') {
			fprintf(stderr, "usage: head [-n N] [FILE]...\n");
			return 1;
		}
		errno = 0;
		n = strtol(optarg, &end, 10);
		if (errno || *end || end == optarg || n < 0)
			errx(1, "invalid number of lines: '%s'", optarg);
	}
	return each_file(argc, argv, optind, head_file, &n);
}
