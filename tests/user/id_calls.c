/*
 * id_calls: user and group identities.  getuid/geteuid/getgid/getegid and
 * getresuid/getresgid for root; setuid, setgid, setresuid, setresgid as
 * root (all three ids) and after dropping root (only among the ids held,
 * else EPERM); -1 as "unchanged" and as an invalid id; getgroups and
 * setgroups (EINVAL for a short buffer or too many groups, EPERM without
 * root); and the result seen in /proc/self/status.  Every change is made
 * in a child, so the test process stays root.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NGROUPS_MAX_LINUX 65536

/* Checks the three user ids. */
#define EXPECT_RESUID(r, e, s) do { \
	uid_t r_, e_, s_; \
	EXPECT_EQ(getresuid(&r_, &e_, &s_), 0); \
	EXPECT_EQ(r_, r); \
	EXPECT_EQ(e_, e); \
	EXPECT_EQ(s_, s); \
} while (0)

#define EXPECT_RESGID(r, e, s) do { \
	gid_t r_, e_, s_; \
	EXPECT_EQ(getresgid(&r_, &e_, &s_), 0); \
	EXPECT_EQ(r_, r); \
	EXPECT_EQ(e_, e); \
	EXPECT_EQ(s_, s); \
} while (0)

static void t_root_ids(void)
{
	/* The tests run as root. */
	EXPECT_EQ(getuid(), 0);
	EXPECT_EQ(geteuid(), 0);
	EXPECT_EQ(getgid(), 0);
	EXPECT_EQ(getegid(), 0);
	EXPECT_RESUID(0, 0, 0);
	EXPECT_RESGID(0, 0, 0);
}

static void setuid_as_root(void)
{
	EXPECT_EQ(setuid(1000), 0);
	EXPECT_RESUID(1000, 1000, 1000);	/* root's setuid sets all three */
	EXPECT_ERRNO(setuid(0), EPERM);		/* and there is no way back */
	EXPECT_ERRNO(seteuid(0), EPERM);
	EXPECT_EQ(setuid(1000), 0);		/* its own id is fine */
}

static void t_setuid_as_root_is_final(void)
{
	EXPECT_CHILD_OK(setuid_as_root);
}

static void setresuid_and_back(void)
{
	EXPECT_EQ(setresuid(1000, 1001, 0), 0);
	EXPECT_RESUID(1000, 1001, 0);
	EXPECT_EQ(getuid(), 1000);
	EXPECT_EQ(geteuid(), 1001);
	/* -1 leaves an id alone; the saved 0 lets us regain root. */
	EXPECT_EQ(setresuid(-1, 0, -1), 0);
	EXPECT_RESUID(1000, 0, 0);
	EXPECT_EQ(setresuid(0, 0, 0), 0);
	EXPECT_RESUID(0, 0, 0);
}

static void t_setresuid_keeps_saved_id(void)
{
	EXPECT_CHILD_OK(setresuid_and_back);
}

static void unprivileged_setresuid(void)
{
	ASSERT_EQ(setresuid(1000, 1001, 1002), 0);
	/* Without root only the ids already held are allowed. */
	EXPECT_EQ(setresuid(1002, 1000, 1001), 0);
	EXPECT_RESUID(1002, 1000, 1001);
	EXPECT_ERRNO(setresuid(2000, -1, -1), EPERM);
	EXPECT_ERRNO(setresuid(-1, 0, -1), EPERM);
	EXPECT_ERRNO(setuid(0), EPERM);
	EXPECT_EQ(setuid(1001), 0);	/* non-root setuid: the effective id */
	EXPECT_RESUID(1002, 1001, 1001);
}

static void t_setresuid_without_root(void)
{
	EXPECT_CHILD_OK(unprivileged_setresuid);
}

static void invalid_ids(void)
{
	/* (uid_t)-1 is "no change" for setresuid but not a valid uid. */
	EXPECT_ERRNO(setuid(-1), EINVAL);
	EXPECT_ERRNO(setgid(-1), EINVAL);
	EXPECT_EQ(setresuid(-1, -1, -1), 0);
	EXPECT_RESUID(0, 0, 0);
}

static void t_minus_one_ids(void)
{
	EXPECT_CHILD_OK(invalid_ids);
}

static void gid_changes(void)
{
	EXPECT_EQ(setgid(100), 0);
	EXPECT_RESGID(100, 100, 100);
	EXPECT_EQ(setresgid(200, 300, 400), 0);
	EXPECT_RESGID(200, 300, 400);
	EXPECT_EQ(getgid(), 200);
	EXPECT_EQ(getegid(), 300);
	ASSERT_EQ(setuid(1000), 0);
	/* Without CAP_SETGID: only among the group ids held. */
	EXPECT_EQ(setresgid(400, 200, 300), 0);
	EXPECT_ERRNO(setgid(0), EPERM);
	EXPECT_ERRNO(setresgid(-1, 500, -1), EPERM);
}

static void t_setgid_and_setresgid(void)
{
	EXPECT_CHILD_OK(gid_changes);
}

static void groups_roundtrip(void)
{
	gid_t set[3] = { 10, 20, 30 }, got[3] = { 0 }, small[2];

	ASSERT_EQ(setgroups(3, set), 0);
	EXPECT_EQ(getgroups(0, NULL), 3);	/* size 0: just the count */
	EXPECT_EQ(getgroups(3, got), 3);
	EXPECT_EQ(got[0], 10);
	EXPECT_EQ(got[1], 20);
	EXPECT_EQ(got[2], 30);
	EXPECT_ERRNO(getgroups(2, small), EINVAL);	/* too small */
	EXPECT_ERRNO(getgroups(-1, small), EINVAL);
	EXPECT_EQ(setgroups(0, NULL), 0);
	EXPECT_EQ(getgroups(0, NULL), 0);
}

static void t_getgroups_setgroups(void)
{
	EXPECT_CHILD_OK(groups_roundtrip);
}

static void setgroups_errors(void)
{
	static gid_t many[NGROUPS_MAX_LINUX + 1];
	gid_t one = 10;

	EXPECT_ERRNO(setgroups(NGROUPS_MAX_LINUX + 1, many), EINVAL);
	ASSERT_EQ(setuid(1000), 0);
	EXPECT_ERRNO(setgroups(1, &one), EPERM);
}

static void t_setgroups_errors(void)
{
	EXPECT_CHILD_OK(setgroups_errors);
}

/* The "Uid:" or "Gid:" line of /proc/self/status, tabs and all. */
static int status_line(const char *key, char *out, int size)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key))) {
			snprintf(out, size, "%s", line);
			found = 1;
		}
	fclose(f);
	return found ? 0 : -1;
}

static void ids_in_proc_status(void)
{
	char line[256];

	ASSERT_EQ(setresgid(7, 8, 9), 0);
	ASSERT_EQ(setresuid(1000, 1001, 1002), 0);
	/* real, effective, saved, filesystem (which follows effective) */
	ASSERT_EQ(status_line("Uid:", line, sizeof(line)), 0);
	EXPECT_STREQ(line, "Uid:\t1000\t1001\t1002\t1001\n");
	ASSERT_EQ(status_line("Gid:", line, sizeof(line)), 0);
	EXPECT_STREQ(line, "Gid:\t7\t8\t9\t8\n");
}

static void t_ids_in_proc_status(void)
{
	EXPECT_CHILD_OK(ids_in_proc_status);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_root_ids, t_setuid_as_root_is_final,
		t_setresuid_keeps_saved_id, t_setresuid_without_root,
		t_minus_one_ids, t_setgid_and_setresgid, t_getgroups_setgroups,
		t_setgroups_errors, t_ids_in_proc_status));
}
