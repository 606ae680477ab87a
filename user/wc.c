/*
 * user/wc.c: wc [-l] [-w] [-c] [FILE]...: count the newlines, words
 * (runs of non-space characters) and bytes of each FILE, or of stdin
 * without FILEs (or for "-"); with several FILEs a "total" line follows.
 * Without options all three; the counts are always in the order lines,
 * words, bytes.  The columns are coreutils': each count right-aligned to
 * the width of the total size of the regular files (at least 7 if an input
 * is not a regular file, such as a pipe), one space apart, except that a
 * single count of a single input is not padded.
 * Exit status 0, or 1 if a FILE could not be read.
 */
#include <ctype.h>
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct counts {
	unsigned long long lines, words, bytes;
};

static int show_lines, show_words, show_bytes, width = 1;

/* Counts all of fd into c; returns 0, or -1 with errno set. */
static int count(int fd, struct counts *c)
{
	char buf[16384];
	ssize_t n;
	int in_word = 0;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char ch = buf[i];

			if (ch == '\n')
				c->lines++;
			if (isspace(ch)) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return n < 0 ? -1 : 0;
}

static void print(const struct counts *c, const char *name)
{
	const char *sep = "";

	if (show_lines) {
		printf("%s%*llu", sep, width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*llu", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*llu", sep, width, c->bytes);
	printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 };
	unsigned long long regular = 0;
	int opt, status = 0, nfiles, min_width = 1;

	while ((opt = getopt(argc, argv, "lwc")) != -1) {
		if (opt == 'l')
			show_lines = 1;
		else if (opt == 'w')
			show_words = 1;
		else if (opt == 'c')
			show_bytes = 1;
		else {
			fprintf(stderr, "usage: wc [-l] [-w] [-c] [FILE]...\n");
			return 1;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	nfiles = argc - optind;

	/* The column width, from the sizes of the inputs as coreutils finds it. */
	if (nfiles > 1 || show_lines + show_words + show_bytes > 1) {
		for (int i = optind; i < argc || i == optind; i++) {
			struct stat st;
			int r = i < argc && strcmp(argv[i], "-") ? stat(argv[i], &st) : fstat(0, &st);

			if (r < 0)
				continue;
			if (S_ISREG(st.st_mode))
				regular += st.st_size;
			else
				min_width = 7;
		}
		for (; regular >= 10; regular /= 10)
			width++;
		if (width < min_width)
			width = min_width;
	}

	for (int i = optind; i < argc || i == optind; i++) {
		const char *name = i < argc ? argv[i] : NULL;
		int is_stdin = !name || !strcmp(name, "-");
		int fd = is_stdin ? 0 : open(name, O_RDONLY);
		struct counts c = { 0, 0, 0 };

		if (fd < 0 || count(fd, &c) < 0) {
			fflush(stdout);
			warn("%s", name ? name : "-");
			status = 1;
		} else {
			print(&c, name);
		}
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
		if (fd > 0)
			close(fd);
	}
	if (nfiles > 1)
		print(&total, "total");
	if (fflush(stdout) == EOF)
		err(1, "write error");
	return status;
}
