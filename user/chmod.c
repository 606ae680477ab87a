/*
 * user/chmod.c: chmod MODE FILE...: set the permission bits of each FILE
 * to MODE, an octal number up to 07777 (setuid, setgid, sticky and rwx for
 * user, group, others).  Octal modes only: no symbolic ones (u+x, go-w),
 * no -R.  Exit status 0, or 1 if a FILE could not be changed.
 */
#include <err.h>
#include <stdlib.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	unsigned long mode;
	char *end;
	int status = 0;

	if (argc < 3)
		errx(1, "usage: chmod OCTAL-MODE FILE...");
	mode = strtoul(argv[1], &end, 8);
	if (*end || end == argv[1] || argv[1][0] == '-' || argv[1][0] == '+' || mode > 07777)
		errx(1, "invalid mode: '%s' (only octal modes, such as 755)", argv[1]);
	for (int i = 2; i < argc; i++) {
		if (chmod(argv[i], mode) < 0) {
			warn("%s", argv[i]);
			status = 1;
		}
	}
	return status;
}
