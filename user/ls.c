/*
 * user/ls.c: ls [-l] [-a] [-1] [FILE]...: list files and directory contents.
 *
 * Files named on the command line come first, then each directory's
 * entries, sorted by name (byte order, as coreutils in the C locale).
 * Names starting with '.' are hidden without -a.  Output to a terminal
 * is in columns like coreutils' (down, then across), elsewhere one name
 * per line; -l is coreutils' long format with widths fitted per listing.
 */
#define _GNU_SOURCE	/* asprintf */
#include <dirent.h>
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "userdb.h"

struct opts {
	int all, longfmt, one_per_line;
};

struct entry {
	char *name;
	char *path;		/* for lstat and readlink */
	struct stat st;
};

struct list {
	struct entry *v;
	int n, cap;
};

/* Adds an entry named @name, found in @dir (NULL for a command-line argument). */
static struct entry *list_add(struct list *l, const char *dir, const char *name)
{
	struct entry *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			err(2, "realloc");
	}
	e = &l->v[l->n++];
	e->name = strdup(name);
	if (!dir)
		e->path = strdup(name);
	else if (asprintf(&e->path, "%s/%s", dir, name) < 0)
		e->path = NULL;
	if (!e->name || !e->path)
		err(2, "strdup");
	return e;
}

static void list_free(struct list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
	}
	free(l->v);
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* "drwxr-xr-x": the type letter, then rwx for owner, group, others. */
static void mode_string(mode_t m, char *s)
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
	       S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & S_IXOTH) ? 't' : 'T';
	s[10] = '\0';
}

/* "Nov 23 11:22" for the last six months, "Nov 23  2024" for older (or future) times. */
static void time_string(time_t t, char *s, size_t size)
{
	time_t now = time(NULL);
	const time_t six_months = 365 * 24 * 60 * 60 / 2;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(s, size, (t <= now && now - t < six_months) ? "%b %e %H:%M" : "%b %e  %Y", &tm);
}

struct widths {
	int links, user, group, size;
	int major, minor;	/* of device numbers, which share the size column */
};

static int is_device(const struct stat *st)
{
	return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
}

static int num_width(unsigned long long n)
{
	int w = 1;

	while (n >= 10) {
		n /= 10;
		w++;
	}
	return w;
}

static void widen(int *width, int n)
{
	if (n > *width)
		*width = n;
}

static void fit_widths(const struct list *l, struct widths *w)
{
	char buf[64];

	*w = (struct widths){ 1, 1, 1, 1, 1, 1 };
	for (int i = 0; i < l->n; i++) {
		const struct stat *st = &l->v[i].st;

		widen(&w->links, num_width(st->st_nlink));
		widen(&w->user, strlen(user_name_or_id(st->st_uid, buf, sizeof(buf))));
		widen(&w->group, strlen(group_name_or_id(st->st_gid, buf, sizeof(buf))));
		if (is_device(st)) {
			widen(&w->major, num_width(major(st->st_rdev)));
			widen(&w->minor, num_width(minor(st->st_rdev)));
			widen(&w->size, w->major + 2 + w->minor);
		} else {
			widen(&w->size, num_width(st->st_size));
		}
	}
}

/* The size column: bytes, or "major, minor" for a device. */
static void size_string(const struct stat *st, const struct widths *w, char *s, size_t size)
{
	if (is_device(st))
		snprintf(s, size, "%*u, %*u", w->size - 2 - w->minor, major(st->st_rdev),
			 w->minor, minor(st->st_rdev));
	else
		snprintf(s, size, "%*lld", w->size, (long long)st->st_size);
}

static void print_long(const struct entry *e, const struct widths *w)
{
	char mode[11], user[64], group[64], size[64], when[32], target[PATH_MAX];
	ssize_t len;

	mode_string(e->st.st_mode, mode);
	size_string(&e->st, w, size, sizeof(size));
	time_string(e->st.st_mtime, when, sizeof(when));
	printf("%s %*lu %-*s %-*s %s %s %s", mode, w->links, (unsigned long)e->st.st_nlink,
	       w->user, user_name_or_id(e->st.st_uid, user, sizeof(user)),
	       w->group, group_name_or_id(e->st.st_gid, group, sizeof(group)),
	       size, when, e->name);
	if (S_ISLNK(e->st.st_mode) && (len = readlink(e->path, target, sizeof(target) - 1)) >= 0) {
		target[len] = '\0';
		printf(" -> %s", target);
	}
	putchar('\n');
}

/* Column widths for names laid out down @rows rows; the total width, with two spaces between columns. */
static int layout_width(const struct list *l, int rows, int *col_width)
{
	int cols = (l->n + rows - 1) / rows, total = 0;

	for (int c = 0; c < cols; c++) {
		col_width[c] = 0;
		for (int r = 0; r < rows && c * rows + r < l->n; r++) {
			int len = strlen(l->v[c * rows + r].name);

			if (len > col_width[c])
				col_width[c] = len;
		}
		total += col_width[c] + (c + 1 < cols ? 2 : 0);
	}
	return total;
}

/* Fewest rows that fit the terminal's width, as coreutils' ls -C. */
static void print_columns(const struct list *l, int term_width)
{
	int *col_width = calloc(l->n + 1, sizeof(int)), rows;

	if (!col_width)
		err(2, "calloc");
	for (rows = 1; rows < l->n && layout_width(l, rows, col_width) > term_width; rows++)
		;
	layout_width(l, rows, col_width);
	for (int r = 0; r < rows; r++) {
		for (int i = r; i < l->n; i += rows) {
			if (i + rows < l->n)
				printf("%-*s  ", col_width[i / rows], l->v[i].name);
			else
				printf("%s", l->v[i].name);
		}
		putchar('\n');
	}
	free(col_width);
}

static int terminal_width(void)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Prints a sorted listing; "total" (in 1K blocks) heads a directory's long listing. */
static void print_list(struct list *l, const struct opts *o, int is_dir)
{
	struct widths w;

	qsort(l->v, l->n, sizeof(*l->v), compare_entries);
	if (o->longfmt) {
		unsigned long long blocks = 0;

		for (int i = 0; i < l->n; i++)
			blocks += l->v[i].st.st_blocks;
		if (is_dir)
			printf("total %llu\n", blocks / 2);
		fit_widths(l, &w);
		for (int i = 0; i < l->n; i++)
			print_long(&l->v[i], &w);
	} else if (!o->one_per_line && isatty(1)) {
		if (l->n)
			print_columns(l, terminal_width());
	} else {
		for (int i = 0; i < l->n; i++)
			puts(l->v[i].name);
	}
}

/* Lists one directory's entries; 0, or 2 if it cannot be read (coreutils' "serious trouble"). */
static int list_dir(const char *dir, const struct opts *o)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct list l = { NULL, 0, 0 };
	struct entry *e;

	if (!d) {
		warn("cannot open directory '%s'", dir);
		return 2;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' && !o->all)
			continue;
		e = list_add(&l, dir, de->d_name);
		if (o->longfmt && lstat(e->path, &e->st) < 0)
			warn("cannot access '%s'", e->path);
	}
	closedir(d);
	print_list(&l, o, 1);
	list_free(&l);
	return 0;
}

static void parse_options(int argc, char **argv, struct opts *o)
{
	int opt;

	while ((opt = getopt(argc, argv, "la1")) != -1) {
		switch (opt) {
		case 'l': o->longfmt = 1; break;
		case 'a': o->all = 1; break;
		case '1': o->one_per_line = 1; break;
		default: exit(2);
		}
	}
}

/* Sorts the command-line arguments into files and directories; 2 if one is missing. */
static int sort_args(char **args, int nargs, const struct opts *o,
		     struct list *files, struct list *dirs)
{
	int status = 0;

	for (int i = 0; i < nargs; i++) {
		struct stat st;

		/* -l shows a symbolic link named on the command line, not what it points to */
		if ((o->longfmt ? lstat(args[i], &st) : stat(args[i], &st)) < 0) {
			warn("cannot access '%s'", args[i]);
			status = 2;
			continue;
		}
		list_add(S_ISDIR(st.st_mode) ? dirs : files, NULL, args[i])->st = st;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct opts o = { 0, 0, 0 };
	struct list files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	char *dot[] = { ".", NULL };
	char **args;
	int status, nargs;

	parse_options(argc, argv, &o);
	args = optind < argc ? argv + optind : dot;
	nargs = optind < argc ? argc - optind : 1;
	status = sort_args(args, nargs, &o, &files, &dirs);
	if (files.n)
		print_list(&files, &o, 0);
	qsort(dirs.v, dirs.n, sizeof(*dirs.v), compare_entries);
	for (int i = 0; i < dirs.n; i++) {
		if (nargs > 1)
			printf("%s%s:\n", (files.n || i) ? "\n" : "", dirs.v[i].name);
		status |= list_dir(dirs.v[i].name, &o);
	}
	list_free(&files);
	list_free(&dirs);
	return status;
}
