/*
 * user/mv.c: mv SRC DST, mv SRC... DIR: move (rename) files.  With a DIR
 * (an existing directory) as the last operand each SRC moves to DIR/NAME,
 * NAME its last component.  It is rename(2); when that fails with EXDEV
 * (SRC and DST on different file systems) a regular file is copied, given
 * SRC's permission bits, and SRC unlinked.  Not across file systems:
 * directories and other non-regular files (EXDEV is reported), owners and
 * times (not kept).  No options (no -f, -i, -n).
 * Exit status 0, or 1 if any SRC could not be moved.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "copyfile.h"

/* The EXDEV case: copy, then unlink the source. */
static int copy_and_unlink(const char *src, const char *dst)
{
	struct stat st;
	int fd;

	if (lstat(src, &st) < 0) {
		warn("%s", src);
		return 1;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EXDEV;
		warn("%s", src);
		return 1;
	}
	fd = copy_file(src, &st, dst);
	if (fd < 0)
		return 1;
	/* An existing dst kept its mode through O_TRUNC: mv gives it src's. */
	if (fchmod(fd, st.st_mode & 07777) < 0 || close(fd) < 0) {
		warn("%s", dst);
		return 1;
	}
	if (unlink(src) < 0) {
		warn("%s", src);
		return 1;
	}
	return 0;
}

static int mv(const char *src, const char *dst)
{
	struct stat st;
	int e;

	if (rename(src, dst) == 0)
		return 0;
	if (errno == EXDEV)
		return copy_and_unlink(src, dst);
	e = errno;
	if (lstat(src, &st) < 0) {
		warn("%s", src);		/* the usual case: no SRC */
	} else {
		errno = e;
		warn("cannot move '%s' to '%s'", src, dst);
	}
	return 1;
}

int main(int argc, char **argv)
{
	const char *target;
	int status = 0;

	if (argc < 3)
		errx(1, "usage: mv SRC DST, or mv SRC... DIR");
	target = argv[argc - 1];
	if (!is_dir(target)) {
		if (argc > 3) {
			errno = ENOTDIR;
			err(1, "%s", target);
		}
		return mv(argv[1], target);
	}
	for (int i = 1; i < argc - 1; i++) {
		char dst[PATH_MAX];

		if (path_in_dir(dst, sizeof(dst), target, argv[i]) < 0)
			status = 1;
		else
			status |= mv(argv[i], dst);
	}
	return status;
}
