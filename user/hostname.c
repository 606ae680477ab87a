/*
 * user/hostname.c: hostname [-s] [-F FILE | NAME]: show or set the host name.
 *
 *	(no argument)		print the host name of this UTS namespace
 *	-s, --short		print it up to the first dot
 *	NAME			set it (sethostname(2): needs CAP_SYS_ADMIN over the
 *				user namespace that owns the UTS namespace)
 *	-F, --file FILE		set it to the first line of FILE that is not
 *				empty or a # comment
 *
 * The name is per UTS namespace: after `unshare -u sh`, setting it changes
 * what this shell and its children see, and nothing outside.  Options and
 * messages are those of net-tools' hostname.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static void set_name(const char *name)
{
	if (sethostname(name, strlen(name)) == 0)
		return;
	if (errno == EPERM)
		errx(1, "you must be root to change the host name");
	if (errno == EINVAL)
		errx(1, "name too long");
	err(1, "sethostname");
}

/* The first line of @path that is neither empty nor a comment, without its newline. */
static void name_from_file(const char *path, char *name, size_t size)
{
	FILE *f = fopen(path, "r");

	if (!f)
		err(1, "%s", path);
	while (fgets(name, size, f)) {
		name[strcspn(name, "\r\n")] = '\0';
		if (name[0] && name[0] != '#') {
			fclose(f);
			return;
		}
	}
	fclose(f);
	errx(1, "%s: no host name in it", path);
}

static void usage(void)
{
	errx(1, "usage: hostname [-s] [-F FILE | NAME]");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "short", no_argument, NULL, 's' },
		{ "file", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = NULL;
	char name[256];
	struct utsname u;
	int opt, short_name = 0;

	while ((opt = getopt_long(argc, argv, "sF:", longopts, NULL)) != -1) {
		switch (opt) {
		case 's': short_name = 1; break;
		case 'F': file = optarg; break;
		default: usage();
		}
	}
	if (file || optind < argc) {
		if (argc - optind > (file ? 0 : 1) || short_name)
			usage();
		if (file)
			name_from_file(file, name, sizeof(name));
		set_name(file ? name : argv[optind]);
		return 0;
	}
	if (uname(&u) < 0)
		err(1, "uname");
	if (short_name)
		u.nodename[strcspn(u.nodename, ".")] = '\0';
	puts(u.nodename);
	return 0;
}
