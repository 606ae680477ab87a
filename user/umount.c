/* user/umount.c: umount [-l] DIR...: detach mounts (-l: lazily, MNT_DETACH). */
#include <err.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int flags = 0, opt, status = 0;

	while ((opt = getopt(argc, argv, "l")) != -1) {
		if (opt != 'l')
			return 1;
		flags |= MNT_DETACH;
	}
	if (optind == argc)
		errx(1, "usage: umount [-l] DIR...");
	for (int i = optind; i < argc; i++) {
		if (umount2(argv[i], flags) < 0) {
			warn("%s", argv[i]);
			status = 32;	/* util-linux: "mount failure" */
		}
	}
	return status;
}
