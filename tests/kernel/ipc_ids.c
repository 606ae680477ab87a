/*
 * tests/kernel/ipc_ids.c: System V ids (ipc/util.c).
 *
 * An id is seq * IPCMNI + idx; the first object of fresh ids is id 0;
 * idxs are handed out cyclically, and seq moves on when they wrap, so an
 * id whose object is gone, or whose slot holds a newer object, is -EINVAL.
 */
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/cred.h>
#include "../../ipc/util.h"

static struct kern_ipc_perm perms[2];

static int add(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit)
{
	int idx;

	down_write(&ids->rwsem);
	idx = ipc_addid(ids, p, limit);
	if (idx >= 0)
		ipc_unlock_object(p);
	up_write(&ids->rwsem);
	return idx;
}

static void rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	down_write(&ids->rwsem);
	ipc_lock_object(p);
	ipc_rmid(ids, p);
	ipc_unlock_object(p);
	up_write(&ids->rwsem);
}

static void ids_are_seq_times_ipcmni_plus_idx(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, ipc_buildid(0, 0), 0);
	KTEST_EXPECT_EQ(t, ipc_buildid(5, 2), 2 * 32768 + 5);
	KTEST_EXPECT_EQ(t, ipcid_to_idx(2 * 32768 + 5), 5);
	KTEST_EXPECT_EQ(t, ipcid_to_seqx(2 * 32768 + 5), 2);
}

static void first_id_is_0_and_owner_is_the_caller(struct ktest *t)
{
	struct ipc_ids ids;

	ipc_init_ids(&ids);
	KTEST_EXPECT_EQ(t, add(&ids, &perms[0], 10), 0);
	KTEST_EXPECT_EQ(t, perms[0].id, 0);
	KTEST_EXPECT_EQ(t, add(&ids, &perms[1], 10), 1);
	KTEST_EXPECT_EQ(t, perms[1].id, 1);
	KTEST_EXPECT_TRUE(t, uid_eq(perms[1].uid, current_euid()));
	KTEST_EXPECT_TRUE(t, uid_eq(perms[1].cuid, current_euid()));
	KTEST_EXPECT_EQ(t, ids.in_use, 2);
	KTEST_EXPECT_EQ(t, ipc_get_maxidx(&ids), 1);
	rmid(&ids, &perms[1]);
	rmid(&ids, &perms[0]);
	KTEST_EXPECT_EQ(t, ipc_get_maxidx(&ids), -1);
	idr_destroy(&ids.ipcs_idr);
}

static void limit_is_enospc(struct ktest *t)
{
	struct ipc_ids ids;

	ipc_init_ids(&ids);
	KTEST_EXPECT_EQ(t, add(&ids, &perms[0], 1), 0);
	KTEST_EXPECT_EQ(t, add(&ids, &perms[1], 1), -ENOSPC);
	rmid(&ids, &perms[0]);
	idr_destroy(&ids.ipcs_idr);
}

/*
 * A removed object's id is EINVAL.  With few objects the slots cycle
 * through 0..63: slot 0 comes back only after the others, with seq 1, so
 * the old id 0 still names nothing while id 32768 names the new object.
 */
static void stale_ids_are_einval(struct ktest *t)
{
	struct kern_ipc_perm *p;
	struct ipc_ids ids;
	int i;

	ipc_init_ids(&ids);
	KTEST_ASSERT_EQ(t, add(&ids, &perms[0], 1000), 0);
	KTEST_EXPECT_PTR_EQ(t, ipc_obtain_object_check(&ids, 0), &perms[0]);
	KTEST_EXPECT_EQ(t, PTR_ERR(ipc_obtain_object_check(&ids, 32768)), -EINVAL);
	KTEST_EXPECT_EQ(t, PTR_ERR(ipc_obtain_object_check(&ids, 1)), -EINVAL);
	rmid(&ids, &perms[0]);
	KTEST_EXPECT_EQ(t, PTR_ERR(ipc_obtain_object_check(&ids, 0)), -EINVAL);
	for (i = 1; i < 64; i++) {
		KTEST_ASSERT_EQ(t, add(&ids, &perms[1], 1000), i);	/* not slot 0 again */
		rmid(&ids, &perms[1]);
	}
	KTEST_ASSERT_EQ(t, add(&ids, &perms[0], 1000), 0);	/* wrapped */
	KTEST_EXPECT_EQ(t, perms[0].id, 32768);			/* seq moved on */
	KTEST_EXPECT_EQ(t, PTR_ERR(ipc_obtain_object_check(&ids, 0)), -EINVAL);
	KTEST_EXPECT_PTR_EQ(t, ipc_obtain_object_idr(&ids, 0), &perms[0]);	/* by slot */
	p = ipc_lock_check(&ids, 32768);
	KTEST_EXPECT_PTR_EQ(t, p, &perms[0]);
	if (!IS_ERR(p))
		ipc_unlock_object(p);
	rmid(&ids, &perms[0]);
	KTEST_EXPECT_EQ(t, ids.in_use, 0);
	idr_destroy(&ids.ipcs_idr);
}

static struct ktest_case ipc_ids_cases[] = {
	KTEST_CASE(ids_are_seq_times_ipcmni_plus_idx),
	KTEST_CASE(first_id_is_0_and_owner_is_the_caller),
	KTEST_CASE(limit_is_enospc),
	KTEST_CASE(stale_ids_are_einval),
	KTEST_END,
};

static struct ktest_suite ipc_ids_suite = { .name = "ipc_ids", .cases = ipc_ids_cases };
KTEST_SUITE(ipc_ids_suite);
