/*
 * userns_limits: how deep user namespaces nest (linux-semantics.md D2, D3;
 * LTP userns07).
 *
 * Below the initial user namespace (level 0, where the tests run) levels
 * 1..33 can be made; the next is ENOSPC.  No privilege is needed for any of
 * them: each level maps its creator's ids (uid and gid 0 inside) itself,
 * as an ordinary user may, so that it can create the next.
 */
#include "ns_util.h"

#define MAX_USER_NS_LEVEL 33

struct depth {
	long levels;	/* unshare(CLONE_NEWUSER) calls that succeeded */
	long err;	/* the errno of the first that did not */
	long mapped;	/* levels whose maps this process wrote */
};

/* Enters new user namespaces until one is refused (or a few too many). */
static void descend(struct depth *r, uid_t uid, gid_t gid)
{
	while (r->levels <= MAX_USER_NS_LEVEL) {
		if (unshare(CLONE_NEWUSER)) {
			r->err = errno;
			return;
		}
		r->levels++;
		if (map_self_as_root(uid, gid))
			return;
		r->mapped++;
		uid = gid = 0;
	}
}

static void descend_as_root(void *out)
{
	descend(out, 0, 0);
}

static void descend_as_user(void *out)
{
	if (drop_privs(TEST_UID))
		_exit(1);
	descend(out, TEST_UID, TEST_UID);
}

static void expect_33_levels_then_enospc(const struct depth *r)
{
	EXPECT_EQ(r->levels, MAX_USER_NS_LEVEL);
	EXPECT_EQ(r->mapped, MAX_USER_NS_LEVEL);
	EXPECT_EQ(r->err, ENOSPC);
}

static void t_33_levels_then_enospc(void)
{
	struct depth r;

	ASSERT_EQ(ns_run(0, descend_as_root, &r, sizeof(r)), 0);
	expect_33_levels_then_enospc(&r);
}

static void t_an_ordinary_user_reaches_the_same_depth(void)
{
	struct depth r;

	ASSERT_EQ(ns_run(0, descend_as_user, &r, sizeof(r)), 0);
	expect_33_levels_then_enospc(&r);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_33_levels_then_enospc,
				   t_an_ordinary_user_reaches_the_same_depth));
}
