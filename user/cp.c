/*
 * user/cp.c: cp SRC DST, cp SRC... DIR: copy regular files.  With a DIR
 * (an existing directory) as the last operand each SRC is copied to
 * DIR/NAME, NAME its last component.  A new file gets SRC's permission
 * bits less the umask; an existing one is truncated and keeps its own.
 * No options: no -r (a directory SRC is an error), no -p, no -i.
 * Exit status 0, or 1 if any SRC could not be copied.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "copyfile.h"

static int cp(const char *src, const char *dst)
{
	struct stat st;
	int fd;

	if (stat(src, &st) < 0) {
		warn("%s", src);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		warn("%s", src);	/* no -r */
		return 1;
	}
	fd = copy_file(src, &st, dst);
	if (fd < 0)
		return 1;
	if (close(fd) < 0) {
		warn("%s", dst);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *target;
	int status = 0;

	if (argc < 3)
		errx(1, "usage: cp SRC DST, or cp SRC... DIR");
	target = argv[argc - 1];
	if (!is_dir(target)) {
		if (argc > 3) {
			errno = ENOTDIR;
			err(1, "%s", target);
		}
		return cp(argv[1], target);
	}
	for (int i = 1; i < argc - 1; i++) {
		char dst[PATH_MAX];

		if (path_in_dir(dst, sizeof(dst), target, argv[i]) < 0)
			status = 1;
		else
			status |= cp(argv[i], dst);
	}
	return status;
}
