/*
 * user/rm.c: rm [-r] [-f] FILE...: remove files (-r: directories and their
 * contents; -f: no complaint about files that do not exist).
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rm_opts {
	int recursive;
	int force;
};

static int remove_path(const char *path, const struct rm_opts *o);

/* Empties a directory, depth first, so that rmdir can then remove it. */
static int remove_contents(const char *dir, const struct rm_opts *o)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int status = 0;

	if (!d) {
		warn("cannot remove '%s'", dir);
		return 1;
	}
	while ((de = readdir(d))) {
		char path[PATH_MAX];

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		status |= remove_path(path, o);
	}
	closedir(d);
	return status;
}

static int remove_path(const char *path, const struct rm_opts *o)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (o->force && errno == ENOENT)
			return 0;
		warn("cannot remove '%s'", path);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!o->recursive) {
			warnx("cannot remove '%s': Is a directory", path);
			return 1;
		}
		if (remove_contents(path, o))
			return 1;
		if (rmdir(path) == 0)
			return 0;
	} else if (unlink(path) == 0) {
		return 0;
	}
	warn("cannot remove '%s'", path);
	return 1;
}

int main(int argc, char **argv)
{
	struct rm_opts o = { 0, 0 };
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "rRf")) != -1) {
		if (opt == 'f')
			o.force = 1;
		else if (opt == 'r' || opt == 'R')
			o.recursive = 1;
		else
			return 1;
	}
	if (optind == argc && !o.force)
		errx(1, "missing operand");
	for (int i = optind; i < argc; i++)
		status |= remove_path(argv[i], &o);
	return status;
}
