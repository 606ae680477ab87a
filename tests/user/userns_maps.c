/*
 * userns_maps: writing and reading /proc/PID/uid_map and gid_map
 * (linux-semantics.md D1, D6, D8; LTP userns03).
 *
 * A map is written once, in one write() at offset 0 shorter than a page,
 * as up to 340 lines "inside outside count" of non-overlapping ranges, by a
 * task of the target namespace or of its parent that holds CAP_SYS_ADMIN
 * in the target.  Without CAP_SETUID (CAP_SETGID) over the parent it may
 * only map its own euid (egid, after setgroups "deny") once, as the owner;
 * and every outside range must already be mapped in the parent.  Reading
 * shows "%10u %10u %10u" lines, the outside ids relative to the parent for
 * a reader in the target, else relative to the reader's namespace.
 */
#include "ns_util.h"

#define MAX_EXTENTS 340

static const char initial_map[] = "         0          0 4294967295\n";

/* The initial namespace maps every id and its map cannot be written. */
static void t_initial_namespace_maps_every_id(void)
{
	char buf[128];

	EXPECT_GT(read_text("/proc/self/uid_map", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, initial_map);
	EXPECT_GT(read_text("/proc/self/gid_map", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, initial_map);
	EXPECT_EQ(write_text("/proc/self/uid_map", "0 0 1\n"), -EPERM);
}

static void t_only_the_first_write_succeeds(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", "0 0 1\n"), 0);
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", "0 0 1\n"), -EPERM);
	EXPECT_EQ(write_proc_file(c.pid, "gid_map", "0 0 1\n"), 0);
	EXPECT_EQ(write_proc_file(c.pid, "gid_map", "1 1 1\n"), -EPERM);
	EXPECT_EQ(ns_reap(&c), 0);
}

static const char *const malformed[] = {
	"",			/* nothing */
	"\n",			/* no extent */
	"0 0\n",		/* no count */
	"0 0 1x\n",		/* trailing junk */
	"0 0 1 2\n",		/* a fourth number */
	"0x10 0 1\n",		/* not decimal */
	"4294967295 0 1\n",	/* the invalid id inside */
	"0 4294967295 1\n",	/* the invalid id outside */
	"0 0 0\n",		/* count 0 */
	"4294967290 0 10\n",	/* inside range wraps */
	"0 4294967290 10\n",	/* outside range wraps */
	"0 0 10\n5 100 10\n",	/* inside ranges overlap */
	"0 0 10\n100 5 10\n",	/* outside ranges overlap */
};

/* Failed writes do not use up the one write: a good one still works. */
static void t_malformed_maps_are_einval(void)
{
	struct ns_child c;
	size_t i;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		int err = write_proc_file(c.pid, "uid_map", malformed[i]);

		if (err != -EINVAL)
			KTAP_FAIL("writing \"%s\": %d, not -EINVAL", malformed[i], err);
	}
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", "0 0 1\n"), 0);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* Writes @len bytes of @text at @offset to /proc/PID/uid_map: 0 or -errno. */
static int write_map_at(pid_t pid, const char *text, size_t len, off_t offset)
{
	char path[64];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (lseek(fd, offset, SEEK_SET) != offset || write(fd, text, len) != (ssize_t)len)
		err = -errno;
	close(fd);
	return err;
}

static void t_write_at_an_offset_or_of_a_page_is_einval(void)
{
	static char page[4096];
	struct ns_child c;

	memset(page, ' ', sizeof(page));
	memcpy(page, "0 0 1", 5);
	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	EXPECT_EQ(write_map_at(c.pid, "0 0 1\n", 6, 1), -EINVAL);
	EXPECT_EQ(write_map_at(c.pid, page, sizeof(page), 0), -EINVAL);
	EXPECT_EQ(write_map_at(c.pid, page, sizeof(page) - 1, 0), 0);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* @n lines mapping ids 2i to 2i, one each. */
static const char *extents(int n)
{
	static char text[4096];
	size_t len = 0;
	int i;

	text[0] = '\0';
	for (i = 0; i < n && len < sizeof(text) - 32; i++)
		len += snprintf(text + len, sizeof(text) - len, "%d %d 1\n", 2 * i, 2 * i);
	return text;
}

static void t_340_extents_fit_341_do_not(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER), 0);
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", extents(MAX_EXTENTS + 1)), -EINVAL);
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", extents(MAX_EXTENTS)), 0);
	EXPECT_EQ(write_proc_file(c.pid, "gid_map", extents(MAX_EXTENTS)), 0);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* ---- who may write ------------------------------------------------------------ */

struct own_map {
	long by_grandparent, by_itself;
};

/*
 * In namespace U1 (mapped by the test), the child enters U2 below it, so
 * the test is U2's grandparent; then it maps U2 itself.
 */
static int enter_u2_then_map_it(int in, int out, void *arg)
{
	(void)arg;
	if (sync_wait(in) || unshare(CLONE_NEWUSER))
		return 1;
	sync_post(out);
	if (sync_wait(in))
		return 1;
	return send_long(out, write_text("/proc/self/uid_map", "0 0 1\n"));
}

static void t_writer_must_be_in_the_target_or_its_parent(void)
{
	struct ns_child c;
	struct own_map r = { -1, -1 };

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWUSER, enter_u2_then_map_it, NULL), 0);
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", "0 0 1\n"), 0);
	EXPECT_EQ(write_proc_file(c.pid, "gid_map", "0 0 1\n"), 0);
	sync_post(c.to);
	EXPECT_EQ(sync_wait(c.from), 0);
	r.by_grandparent = write_proc_file(c.pid, "uid_map", "0 0 1\n");
	sync_post(c.to);
	r.by_itself = recv_long(c.from, -1);
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_EQ(r.by_grandparent, -EPERM);
	EXPECT_EQ(r.by_itself, 0);
}

struct unprivileged_writes {
	long other_uid, two_ids, two_lines, own_uid;
	long gid_before_deny, deny, own_gid;
};

/* As TEST_UID, without any capability outside, maps a child namespace. */
static void map_as_unprivileged_owner(void *out)
{
	struct unprivileged_writes *r = out;
	struct ns_child c;

	if (drop_privs(TEST_UID) || ns_hold(&c, CLONE_NEWUSER))
		_exit(1);
	r->other_uid = write_proc_file(c.pid, "uid_map", "0 1001 1\n");
	r->two_ids = write_proc_file(c.pid, "uid_map", "0 1000 2\n");
	r->two_lines = write_proc_file(c.pid, "uid_map", "0 1000 1\n1 1001 1\n");
	r->own_uid = write_proc_file(c.pid, "uid_map", "0 1000 1\n");
	r->gid_before_deny = write_proc_file(c.pid, "gid_map", "0 1000 1\n");
	r->deny = write_proc_file(c.pid, "setgroups", "deny");
	r->own_gid = write_proc_file(c.pid, "gid_map", "0 1000 1\n");
	ns_reap(&c);
}

static void t_unprivileged_owner_may_map_only_its_own_ids(void)
{
	struct unprivileged_writes r;

	ASSERT_EQ(ns_run(0, map_as_unprivileged_owner, &r, sizeof(r)), 0);
	EXPECT_EQ(r.other_uid, -EPERM);
	EXPECT_EQ(r.two_ids, -EPERM);
	EXPECT_EQ(r.two_lines, -EPERM);
	EXPECT_EQ(r.own_uid, 0);
	EXPECT_EQ(r.gid_before_deny, -EPERM);
	EXPECT_EQ(r.deny, 0);
	EXPECT_EQ(r.own_gid, 0);
}

struct no_admin {
	long without, with;
};

/* The same task, inside its new namespace, without and with CAP_SYS_ADMIN. */
static void map_without_then_with_caps(void *out)
{
	struct no_admin *r = out;
	struct cap_sets full, none;

	if (cap_get(0, &full))
		return;
	none = full;
	none.effective = 0;
	r->without = cap_set(&none) ? -100 : write_text("/proc/self/uid_map", "0 0 1\n");
	r->with = cap_set(&full) ? -100 : write_text("/proc/self/uid_map", "0 0 1\n");
}

static void t_writer_needs_cap_sys_admin_in_the_target(void)
{
	struct no_admin r = { -1, -1 };

	ASSERT_EQ(ns_run(CLONE_NEWUSER, map_without_then_with_caps, &r, sizeof(r)), 0);
	EXPECT_EQ(r.without, -EPERM);
	EXPECT_EQ(r.with, 0);
}

/* ---- nested maps: outside ranges and what each reader sees ---------------------- */

struct nested_maps {
	long unmapped, partly_mapped, mapped;
	char from_parent[128], from_itself[128];
	long pid;
};

/* U2's task: shows its own uid_map once told, then waits. */
static int show_own_map(int in, int out, void *arg)
{
	char buf[128];

	(void)arg;
	if (sync_wait(in))
		return 1;
	memset(buf, 0, sizeof(buf));
	read_text("/proc/self/uid_map", buf, sizeof(buf));
	if (write(out, buf, sizeof(buf)) != sizeof(buf))
		return 1;
	sync_wait(in);
	return 0;
}

/*
 * U1's task (uid 0 and 1..10 of U1 are kuids 0 and 1000..1009): maps a
 * child namespace U2, reports, and keeps U2 until the test has read it.
 */
static int map_u2(int in, int out, void *arg)
{
	struct nested_maps r;
	struct ns_child u2;
	char path[64];

	(void)arg;
	memset(&r, 0, sizeof(r));
	if (sync_wait(in) || ns_spawn(&u2, CLONE_NEWUSER, show_own_map, NULL))
		return 1;
	r.pid = u2.pid;
	r.unmapped = write_proc_file(u2.pid, "uid_map", "0 12 1\n");
	r.partly_mapped = write_proc_file(u2.pid, "uid_map", "0 8 5\n");
	r.mapped = write_proc_file(u2.pid, "uid_map", "0 3 2\n");
	snprintf(path, sizeof(path), "/proc/%d/uid_map", u2.pid);
	read_text(path, r.from_parent, sizeof(r.from_parent));
	sync_post(u2.to);
	read_full(u2.from, r.from_itself, sizeof(r.from_itself));
	if (write(out, &r, sizeof(r)) != sizeof(r))
		return 1;
	sync_wait(in);
	return ns_reap(&u2);
}

static void t_nested_maps_are_checked_and_shown_per_reader(void)
{
	struct nested_maps r;
	char path[64], from_init[128] = "";
	struct ns_child u1;

	ASSERT_EQ(ns_spawn(&u1, CLONE_NEWUSER, map_u2, NULL), 0);
	EXPECT_EQ(write_proc_file(u1.pid, "uid_map", "0 0 1\n1 1000 10\n"), 0);
	EXPECT_EQ(write_proc_file(u1.pid, "gid_map", "0 0 1\n"), 0);
	sync_post(u1.to);
	memset(&r, 0, sizeof(r));
	EXPECT_EQ(read_full(u1.from, &r, sizeof(r)), sizeof(r));
	snprintf(path, sizeof(path), "/proc/%ld/uid_map", r.pid);
	read_text(path, from_init, sizeof(from_init));
	EXPECT_EQ(ns_reap(&u1), 0);

	EXPECT_EQ(r.unmapped, -EPERM);
	EXPECT_EQ(r.partly_mapped, -EPERM);
	EXPECT_EQ(r.mapped, 0);
	EXPECT_STREQ(r.from_parent, "         0          3          2\n");
	EXPECT_STREQ(r.from_itself, "         0          3          2\n");
	EXPECT_STREQ(from_init, "         0       1002          2\n");
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_initial_namespace_maps_every_id,
				   t_only_the_first_write_succeeds,
				   t_malformed_maps_are_einval,
				   t_write_at_an_offset_or_of_a_page_is_einval,
				   t_340_extents_fit_341_do_not,
				   t_writer_must_be_in_the_target_or_its_parent,
				   t_unprivileged_owner_may_map_only_its_own_ids,
				   t_writer_needs_cap_sys_admin_in_the_target,
				   t_nested_maps_are_checked_and_shown_per_reader));
}
