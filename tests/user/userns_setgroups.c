/*
 * userns_setgroups: /proc/PID/setgroups and the setgroups(2) it governs
 * (linux-semantics.md D6, D7; LTP userns03).
 *
 * The file reads "allow" or "deny".  "deny" can be written only before the
 * gid_map, and once written it is permanent ("allow" is then EPERM).
 * setgroups(2) in a user namespace needs its gid_map, setgroups allowed and
 * CAP_SETGID there.
 */
#include "ns_util.h"

static void read_setgroups(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
	if (read_text(path, buf, size) < 0)
		buf[0] = '\0';
}

static void t_file_reads_allow_then_deny(void)
{
	struct ns_child c;
	char buf[16];

	read_setgroups(getpid(), buf, sizeof(buf));
	EXPECT_STREQ(buf, "allow\n");
	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	read_setgroups(c.pid, buf, sizeof(buf));
	EXPECT_STREQ(buf, "allow\n");
	EXPECT_EQ(write_proc_file(c.pid, "setgroups", "deny"), 0);
	read_setgroups(c.pid, buf, sizeof(buf));
	EXPECT_STREQ(buf, "deny\n");
	EXPECT_EQ(ns_reap(&c), 0);
}

/* LTP userns03. */
static void t_allow_after_deny_is_eperm(void)
{
	struct ns_child c;
	char buf[16];

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	EXPECT_EQ(write_proc_file(c.pid, "setgroups", "deny\n"), 0);
	EXPECT_EQ(write_proc_file(c.pid, "setgroups", "allow\n"), -EPERM);
	EXPECT_EQ(write_proc_file(c.pid, "setgroups", "deny\n"), 0);
	read_setgroups(c.pid, buf, sizeof(buf));
	EXPECT_STREQ(buf, "deny\n");
	EXPECT_EQ(ns_reap(&c), 0);
}

static void t_deny_after_the_gid_map_is_eperm(void)
{
	struct ns_child c;
	char buf[16];

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	EXPECT_EQ(write_proc_file(c.pid, "gid_map", "0 0 1\n"), 0);
	EXPECT_EQ(write_proc_file(c.pid, "setgroups", "deny"), -EPERM);
	EXPECT_EQ(write_proc_file(c.pid, "setgroups", "allow"), 0);
	read_setgroups(c.pid, buf, sizeof(buf));
	EXPECT_STREQ(buf, "allow\n");
	EXPECT_EQ(ns_reap(&c), 0);
}

/* Calls setgroups(0, NULL) in its namespace whenever told: its errno. */
static int try_setgroups(int in, int out, void *arg)
{
	(void)arg;
	while (sync_wait(in) == 0)
		if (send_long(out, ERRNO_OF(setgroups(0, NULL))))
			return 1;
	return 0;
}

static long setgroups_in(struct ns_child *c)
{
	sync_post(c->to);
	return recv_long(c->from, -1);
}

static void t_setgroups_call_needs_a_gid_map_and_allow(void)
{
	struct ns_child allowed, denied;

	ASSERT_EQ(ns_spawn(&allowed, CLONE_NEWUSER, try_setgroups, NULL), 0);
	EXPECT_EQ(setgroups_in(&allowed), EPERM);
	EXPECT_EQ(write_proc_file(allowed.pid, "gid_map", "0 0 1\n"), 0);
	EXPECT_EQ(setgroups_in(&allowed), 0);
	EXPECT_EQ(ns_reap(&allowed), 0);

	ASSERT_EQ(ns_spawn(&denied, CLONE_NEWUSER, try_setgroups, NULL), 0);
	EXPECT_EQ(write_proc_file(denied.pid, "setgroups", "deny"), 0);
	EXPECT_EQ(write_proc_file(denied.pid, "gid_map", "0 0 1\n"), 0);
	EXPECT_EQ(setgroups_in(&denied), EPERM);
	EXPECT_EQ(ns_reap(&denied), 0);
}

/* Without CAP_SETGID (an ordinary user in the initial namespace). */
static void t_setgroups_call_needs_cap_setgid(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(setgroups(0, NULL))), EPERM);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_file_reads_allow_then_deny,
				   t_allow_after_deny_is_eperm,
				   t_deny_after_the_gid_map_is_eperm,
				   t_setgroups_call_needs_a_gid_map_and_allow,
				   t_setgroups_call_needs_cap_setgid));
}
