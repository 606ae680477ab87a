/*
 * user/ln.c: ln [-s] TARGET LINK_NAME, or ln [-s] TARGET... DIRECTORY
 *
 * Makes a hard link (link(2)) or, with -s, a symbolic link (symlink(2)).
 * When the last argument is a directory the links go inside it, each
 * named after its target's last component, as in coreutils.
 */
#include <err.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int make_link(const char *target, const char *name, int symbolic)
{
	int r = symbolic ? symlink(target, name) : link(target, name);

	if (r < 0)
		warn("failed to create %s link '%s'", symbolic ? "symbolic" : "hard", name);
	return r < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	int symbolic = 0, opt, status = 0;
	struct stat st;
	const char *last;

	while ((opt = getopt(argc, argv, "s")) != -1) {
		if (opt != 's')
			return 1;
		symbolic = 1;
	}
	if (argc - optind < 2)
		errx(1, "usage: ln [-s] TARGET LINK_NAME | ln [-s] TARGET... DIRECTORY");
	last = argv[argc - 1];
	if (stat(last, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (argc - optind > 2)
			errx(1, "target '%s' is not a directory", last);
		return make_link(argv[optind], last, symbolic);
	}
	for (int i = optind; i < argc - 1; i++) {
		char copy[PATH_MAX], name[PATH_MAX];

		snprintf(copy, sizeof(copy), "%s", argv[i]);
		snprintf(name, sizeof(name), "%s/%s", last, basename(copy));
		status |= make_link(argv[i], name, symbolic);
	}
	return status;
}
