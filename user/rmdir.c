/*
 * user/rmdir.c: rmdir DIR...: remove each DIR, which must be empty.
 * No options (no -p).  Exit status 0, or 1 if a DIR could not be removed.
 */
#include <err.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		errx(1, "missing operand");
	for (int i = 1; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			warn("%s", argv[i]);
			status = 1;
		}
	}
	return status;
}
