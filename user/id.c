/*
 * user/id.c: id [-u | -g] [-n]: print the real and effective user and group ids.
 *
 * The format is coreutils': "uid=0(root) gid=0(root) groups=0(root)",
 * each number followed by its name when /etc/passwd or /etc/group has
 * one, euid= and egid= only when they differ from the real ids, and the
 * group list starting with the effective group.
 */
#include <stdio.h>
#include <unistd.h>
#include "userdb.h"

#define NAME_MAX_LEN 64

static void print_user(const char *label, uid_t uid)
{
	char name[NAME_MAX_LEN];

	printf("%s=%u", label, (unsigned)uid);
	if (user_name(uid, name, sizeof(name)))
		printf("(%s)", name);
}

static void print_group(const char *label, gid_t gid)
{
	char name[NAME_MAX_LEN];

	if (label)
		printf("%s=", label);
	printf("%u", (unsigned)gid);
	if (group_name(gid, name, sizeof(name)))
		printf("(%s)", name);
}

/* groups=: the effective group, then the supplementary ones not equal to it. */
static void print_groups(gid_t egid)
{
	gid_t groups[256];
	int n = getgroups(256, groups);

	print_group(" groups", egid);
	for (int i = 0; i < n; i++) {
		if (groups[i] == egid)
			continue;
		putchar(',');
		print_group(NULL, groups[i]);
	}
}

/* -u, -g: one number, or with -n its name. */
static int print_one(unsigned id, int is_user, int names)
{
	char name[NAME_MAX_LEN];

	if (names)
		puts(is_user ? user_name_or_id(id, name, sizeof(name))
			     : group_name_or_id(id, name, sizeof(name)));
	else
		printf("%u\n", id);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, want_user = 0, want_group = 0, names = 0;

	while ((opt = getopt(argc, argv, "ugn")) != -1) {
		if (opt == 'u')
			want_user = 1;
		else if (opt == 'g')
			want_group = 1;
		else if (opt == 'n')
			names = 1;
		else
			return 1;
	}
	if (want_user)
		return print_one(geteuid(), 1, names);
	if (want_group)
		return print_one(getegid(), 0, names);
	print_user("uid", getuid());
	print_group(" gid", getgid());
	if (geteuid() != getuid())
		print_user(" euid", geteuid());
	if (getegid() != getgid())
		print_group(" egid", getegid());
	print_groups(getegid());
	putchar('\n');
	return 0;
}
