/*
 * user/mount.c: mount [-t TYPE] [-o OPTIONS] SOURCE DIR, or mount alone.
 *
 * Alone it lists the mounts of this process's mount namespace, read from
 * /proc/mounts, in util-linux's "SOURCE on DIR type TYPE (OPTIONS)" form.
 * Options that are mount(2) flags become flags; the rest is passed to the
 * file system as its data string ("mode=755").
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static const struct {
	const char *name;
	unsigned long flag;
} mount_flags[] = {
	{ "ro", MS_RDONLY },		{ "rw", 0 },
	{ "nosuid", MS_NOSUID },	{ "nodev", MS_NODEV },
	{ "noexec", MS_NOEXEC },	{ "remount", MS_REMOUNT },
	{ "bind", MS_BIND },		{ "rbind", MS_BIND | MS_REC },
	{ "private", MS_PRIVATE },	{ "rprivate", MS_PRIVATE | MS_REC },
	{ "slave", MS_SLAVE },		{ "rslave", MS_SLAVE | MS_REC },
	{ "shared", MS_SHARED },	{ "rshared", MS_SHARED | MS_REC },
};

/* Splits "ro,mode=755" into flags and the data string ("mode=755"). */
static unsigned long parse_options(char *opts, char *data, size_t size)
{
	unsigned long flags = 0;
	size_t n = sizeof(mount_flags) / sizeof(mount_flags[0]), i;

	data[0] = '\0';
	for (char *opt = strtok(opts, ","); opt; opt = strtok(NULL, ",")) {
		for (i = 0; i < n && strcmp(opt, mount_flags[i].name); i++)
			;
		if (i < n) {
			flags |= mount_flags[i].flag;
			continue;
		}
		if (strlen(data) + strlen(opt) + 2 > size)
			errx(1, "options too long");
		if (data[0])
			strcat(data, ",");
		strcat(data, opt);
	}
	return flags;
}

static int list_mounts(void)
{
	FILE *f = fopen("/proc/mounts", "re");
	char src[256], dir[256], type[64], opts[512];

	if (!f)
		err(1, "/proc/mounts");
	while (fscanf(f, "%255s %255s %63s %511s %*d %*d", src, dir, type, opts) == 4)
		printf("%s on %s type %s (%s)\n", src, dir, type, opts);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *type = NULL;
	char *opts = NULL, data[512] = "";
	unsigned long flags = 0;
	int opt;

	while ((opt = getopt(argc, argv, "t:o:")) != -1) {
		if (opt == 't')
			type = optarg;
		else if (opt == 'o')
			opts = optarg;
		else
			return 1;
	}
	if (optind == argc && !type && !opts)
		return list_mounts();
	if (argc - optind != 2)
		errx(1, "usage: mount [-t TYPE] [-o OPTIONS] SOURCE DIR");
	if (opts)
		flags = parse_options(opts, data, sizeof(data));
	if (mount(argv[optind], argv[optind + 1], type, flags, data[0] ? data : NULL) < 0)
		err(32, "%s on %s", argv[optind], argv[optind + 1]);
	return 0;
}
