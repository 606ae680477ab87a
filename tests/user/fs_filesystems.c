/*
 * fs_filesystems: /proc/filesystems, the registered file system types.
 *
 * One line per type, "nodev\tNAME" for a type that needs no block device
 * and "\tNAME" for one that does, each type once (Linux's
 * filesystems_proc_show).  The memory file systems every kernel here has
 * are listed; a name that is not listed is no type mount(2) knows (ENODEV).
 */
#define _GNU_SOURCE
#include <sys/mount.h>
#include "ktap.h"

#define MAX_TYPES	128

static char text[8192];
static char *names[MAX_TYPES];
static int nodev[MAX_TYPES], ntypes;

/* Reads and splits /proc/filesystems: 0, or -1 when a line is malformed. */
static int read_filesystems(void)
{
	FILE *f = fopen("/proc/filesystems", "r");
	char *line, *save;
	size_t n;

	ntypes = 0;
	if (!f)
		return -1;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	if (n == 0 || text[n - 1] != '\n')
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');

		if (!tab || ntypes == MAX_TYPES || !tab[1] || strpbrk(tab + 1, " \t"))
			return -1;
		*tab = '\0';
		if (strcmp(line, "nodev") && strcmp(line, ""))
			return -1;
		nodev[ntypes] = !strcmp(line, "nodev");
		names[ntypes++] = tab + 1;
	}
	return 0;
}

static int listed(const char *name)
{
	int i;

	for (i = 0; i < ntypes; i++)
		if (!strcmp(names[i], name))
			return nodev[i] ? 1 : 2;
	return 0;
}

static void t_every_line_is_nodev_tab_name(void)
{
	ASSERT_EQ(read_filesystems(), 0);
	EXPECT_GT(ntypes, 0);
}

static void t_the_memory_file_systems_are_nodev(void)
{
	ASSERT_EQ(read_filesystems(), 0);
	EXPECT_EQ(listed("proc"), 1);
	EXPECT_EQ(listed("tmpfs"), 1);
	EXPECT_EQ(listed("ramfs"), 1);
	EXPECT_EQ(listed("mqueue"), 1);
}

static void t_each_type_is_listed_once(void)
{
	int i, j;

	ASSERT_EQ(read_filesystems(), 0);
	for (i = 0; i < ntypes; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(names[i], names[j]))
				KTAP_FAIL("%s is listed twice", names[i]);
}

static void t_an_unlisted_type_cannot_be_mounted(void)
{
	ASSERT_EQ(read_filesystems(), 0);
	EXPECT_EQ(listed("matryoshkafs"), 0);
	EXPECT_ERRNO(mount("none", "/", "matryoshkafs", 0, NULL), ENODEV);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_every_line_is_nodev_tab_name,
				   t_the_memory_file_systems_are_nodev,
				   t_each_type_is_listed_once,
				   t_an_unlisted_type_cannot_be_mounted));
}
