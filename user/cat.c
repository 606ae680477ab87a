/* user/cat.c: cat [FILE]...: copy files (or stdin, also for "-") to stdout. */
#include <err.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Copies all of fd to stdout; returns 0, or -1 with errno set. */
static int copy(int fd)
{
	char buf[16384];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t done = 0; done < n; ) {
			ssize_t w = write(1, buf + done, n - done);

			if (w < 0)
				err(1, "write error");
			done += w;
		}
	}
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 && copy(0) < 0)
		err(1, "-");
	for (int i = 1; i < argc; i++) {
		int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;

		if (fd < 0 || copy(fd) < 0) {
			warn("%s", argv[i]);
			status = 1;
		}
		if (fd > 0)
			close(fd);
	}
	return status;
}
