/*
 * user/touch.c: touch FILE...: set each FILE's access and modification
 * times to now, creating it (empty, mode 0666 less the umask) if it does
 * not exist.  No options.
 *
 * As coreutils: open(O_WRONLY|O_CREAT) makes a missing FILE, then
 * utimensat(AT_FDCWD, FILE, NULL, 0) sets the times.  The open may fail
 * where the times can still be set (a directory, a file its owner may not
 * write), so only if both fail is FILE an error, reported with the open's
 * errno ("cannot touch"), or the utimensat's if the open worked.
 * Exit status 0, or 1 if a FILE could not be touched.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int touch(const char *file)
{
	/* O_NONBLOCK: a fifo without a reader must not block us. */
	int fd = open(file, O_WRONLY | O_CREAT | O_NOCTTY | O_NONBLOCK, 0666);
	int open_errno = fd < 0 ? errno : 0;

	if (fd >= 0)
		close(fd);
	if (utimensat(AT_FDCWD, file, NULL, 0) == 0)
		return 0;
	if (open_errno) {
		errno = open_errno;
		warn("cannot touch '%s'", file);
	} else {
		warn("setting times of '%s'", file);
	}
	return 1;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		errx(1, "missing file operand");
	for (int i = 1; i < argc; i++)
		status |= touch(argv[i]);
	return status;
}
