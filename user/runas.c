/*
 * user/runas.c: runas UID[:GID] COMMAND [ARG]...
 *
 * Runs COMMAND as another user: no supplementary groups, then the group,
 * then the user (in that order: after setuid a non-root process could no
 * longer change its groups).  GID defaults to UID.
 */
#include <err.h>
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <unistd.h>

/* Parses a decimal id; exits on anything else. */
static unsigned parse_id(const char *s, char **end, const char *arg)
{
	unsigned long id = strtoul(s, end, 10);

	if (*end == s || (**end && **end != ':') || id > 0xfffffffeUL)
		errx(1, "invalid id '%s'", arg);
	return id;
}

int main(int argc, char **argv)
{
	char *end;
	unsigned uid, gid;

	if (argc < 3)
		errx(1, "usage: runas UID[:GID] COMMAND [ARG]...");
	uid = gid = parse_id(argv[1], &end, argv[1]);
	if (*end == ':')
		gid = parse_id(end + 1, &end, argv[1]);
	/*
	 * In a user namespace whose setgroups file says "deny" setgroups(2)
	 * fails with EPERM; that is fine when there are no groups to drop.
	 */
	if (setgroups(0, NULL) < 0 && !(errno == EPERM && getgroups(0, NULL) == 0))
		err(1, "setgroups");
	if (setgid(gid) < 0)
		err(1, "setgid %u", gid);
	if (setuid(uid) < 0)
		err(1, "setuid %u", uid);
	execvp(argv[2], argv + 2);
	err(errno == ENOENT ? 127 : 126, "%s", argv[2]);
}
