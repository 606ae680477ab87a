/*
 * user/touch.c: touch FILE...: create each FILE that does not exist (empty,
 * mode 0666 less the umask).  No options.
 *
 * It only creates: Matryoshka has no utimensat(2) (nor utimes, utime or
 * futimesat), so the times of a FILE that exists are left as they are,
 * where POSIX touch would set them to now.  With utimensat in the kernel,
 * an existing FILE would get utimensat(AT_FDCWD, FILE, NULL, 0).
 * Exit status 0, or 1 if a FILE could not be created.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		errx(1, "missing file operand");
	for (int i = 1; i < argc; i++) {
		/* O_EXCL: a FILE that exists (a directory, read-only) is no error. */
		int fd = open(argv[i], O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_NONBLOCK, 0666);

		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		close(fd);
	}
	return status;
}
