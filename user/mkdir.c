/* user/mkdir.c: mkdir [-p] DIR...: make directories (-p: with their parents, no error if present). */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p: make each missing component of path, leftmost first. */
static int make_parents(const char *path)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);

	if (len >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;

		*p = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			return -1;
		if (!saved)
			return 0;
		*p = saved;
	}
}

int main(int argc, char **argv)
{
	int parents = 0, opt, status = 0;

	while ((opt = getopt(argc, argv, "p")) != -1) {
		if (opt != 'p')
			return 1;
		parents = 1;
	}
	if (optind == argc)
		errx(1, "missing operand");
	for (int i = optind; i < argc; i++) {
		int r = parents ? make_parents(argv[i]) : mkdir(argv[i], 0777);

		if (r < 0) {
			warn("cannot create directory '%s'", argv[i]);
			status = 1;
		}
	}
	return status;
}
