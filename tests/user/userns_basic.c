/*
 * userns_basic: a new user namespace and its creator (linux-semantics.md
 * D2, D3, D5; LTP userns01, userns02).
 *
 * Anyone may create a user namespace.  Its creator starts there with every
 * capability (permitted, effective, bounding; no inheritable or ambient
 * ones) and, until a map is written, sees its ids as 65534; once mapped it
 * sees the inside ids.  It can nest another namespace only while its own
 * euid and egid are mapped.  CLONE_NEWUSER cannot go with CLONE_FS or
 * CLONE_THREAD.
 */
#include "ns_util.h"

struct ids {
	long uid, euid, gid, egid;
};

static void get_ids(struct ids *r)
{
	r->uid = getuid();
	r->euid = geteuid();
	r->gid = getgid();
	r->egid = getegid();
}

struct unmapped {
	struct ids ids;
	long uid_map_len, gid_map_len;
};

static void report_unmapped(void *out)
{
	struct unmapped *r = out;
	char buf[64];

	get_ids(&r->ids);
	r->uid_map_len = read_text("/proc/self/uid_map", buf, sizeof(buf));
	r->gid_map_len = read_text("/proc/self/gid_map", buf, sizeof(buf));
}

/* LTP userns01: overflowuid and overflowgid, and empty maps. */
static void t_ids_are_65534_before_mapping(void)
{
	struct unmapped r;

	ASSERT_EQ(ns_run(CLONE_NEWUSER, report_unmapped, &r, sizeof(r)), 0);
	EXPECT_EQ(r.ids.uid, OVERFLOW_ID);
	EXPECT_EQ(r.ids.euid, OVERFLOW_ID);
	EXPECT_EQ(r.ids.gid, OVERFLOW_ID);
	EXPECT_EQ(r.ids.egid, OVERFLOW_ID);
	EXPECT_EQ(r.uid_map_len, 0);
	EXPECT_EQ(r.gid_map_len, 0);
}

struct caps {
	uint64_t known, effective, permitted, inheritable;
	long bounding, ambient;	/* how many known caps are in each set */
};

static void report_caps(void *out)
{
	struct caps *r = out;
	struct cap_sets sets;
	int cap;

	r->known = all_caps();
	if (cap_get(0, &sets))
		return;
	r->effective = sets.effective;
	r->permitted = sets.permitted;
	r->inheritable = sets.inheritable;
	for (cap = 0; cap < 64; cap++) {
		if (!(r->known >> cap & 1))
			continue;
		r->bounding += prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1;
		r->ambient += prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1;
	}
}

static void expect_full_caps(const struct caps *r)
{
	EXPECT_GT(r->known >> CAP_SYS_ADMIN & 1, 0);
	EXPECT_EQ(r->effective, r->known);
	EXPECT_EQ(r->permitted, r->known);
	EXPECT_EQ(r->inheritable, 0);
	EXPECT_EQ(r->bounding, __builtin_popcountll(r->known));
	EXPECT_EQ(r->ambient, 0);
}

static void t_creator_has_every_capability_inside(void)
{
	struct caps r;

	ASSERT_EQ(ns_run(CLONE_NEWUSER, report_caps, &r, sizeof(r)), 0);
	expect_full_caps(&r);
}

static void unprivileged_caps(void *out)
{
	struct caps *r = out;

	if (drop_privs(TEST_UID))
		_exit(1);
	report_caps(&r[0]);
	if (ns_run(CLONE_NEWUSER, report_caps, &r[1], sizeof(r[1])))
		_exit(1);
}

/* D3: no privilege is needed, and an ordinary user gets them all too. */
static void t_unprivileged_creator_has_every_capability_inside(void)
{
	struct caps r[2];

	ASSERT_EQ(ns_run(0, unprivileged_caps, r, sizeof(r)), 0);
	EXPECT_EQ(r[0].effective, 0);
	EXPECT_EQ(r[0].permitted, 0);
	expect_full_caps(&r[1]);
}

/* Waits for the parent to write the maps, then sends its ids. */
static int ids_after_maps(int in, int out, void *arg)
{
	struct ids r;

	(void)arg;
	if (sync_wait(in))
		return 1;
	get_ids(&r);
	return write(out, &r, sizeof(r)) == sizeof(r) ? 0 : 1;
}

/* LTP userns02: root's uid and gid 0 appear as 100 and 200 inside. */
static void t_ids_after_the_parent_writes_the_maps(void)
{
	struct ns_child c;
	struct ids r = { -1, -1, -1, -1 };

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWUSER, ids_after_maps, NULL), 0);
	EXPECT_EQ(write_proc_file(c.pid, "uid_map", "100 0 1\n"), 0);
	EXPECT_EQ(write_proc_file(c.pid, "gid_map", "200 0 1\n"), 0);
	sync_post(c.to);
	EXPECT_EQ(read_full(c.from, &r, sizeof(r)), sizeof(r));
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_EQ(r.uid, 100);
	EXPECT_EQ(r.euid, 100);
	EXPECT_EQ(r.gid, 200);
	EXPECT_EQ(r.egid, 200);
}

struct nesting {
	long unmapped, uid_only, both;
};

/* The child maps its own ids (it may: they are its creator's) step by step. */
static void nest_while_mapping(void *out)
{
	struct nesting *r = out;

	r->unmapped = ERRNO_OF(unshare(CLONE_NEWUSER));
	if (write_text("/proc/self/uid_map", "0 0 1\n"))
		return;
	r->uid_only = ERRNO_OF(unshare(CLONE_NEWUSER));
	if (write_text("/proc/self/setgroups", "deny") ||
	    write_text("/proc/self/gid_map", "0 0 1\n"))
		return;
	r->both = ERRNO_OF(unshare(CLONE_NEWUSER));
}

/* D2: the creator's euid and egid must be mapped in its namespace. */
static void t_nesting_needs_the_creators_ids_mapped(void)
{
	struct nesting r = { -1, -1, -1 };

	ASSERT_EQ(ns_run(CLONE_NEWUSER, nest_while_mapping, &r, sizeof(r)), 0);
	EXPECT_EQ(r.unmapped, EPERM);
	EXPECT_EQ(r.uid_only, EPERM);
	EXPECT_EQ(r.both, 0);
}

static void t_newuser_with_clone_fs_or_clone_thread_is_einval(void)
{
	EXPECT_EQ(child_errno(ns_clone(CLONE_NEWUSER | CLONE_FS)), EINVAL);
	EXPECT_EQ(clone_thread_errno(CLONE_NEWUSER, 0), EINVAL);
	EXPECT_EQ(child_errno(ns_clone(CLONE_NEWUSER)), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_ids_are_65534_before_mapping,
				   t_creator_has_every_capability_inside,
				   t_unprivileged_creator_has_every_capability_inside,
				   t_ids_after_the_parent_writes_the_maps,
				   t_nesting_needs_the_creators_ids_mapped,
				   t_newuser_with_clone_fs_or_clone_thread_is_einval));
}
