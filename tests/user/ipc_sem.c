/*
 * ipc_sem: System V semaphores, errno by errno (linux-semantics.md C4, C6,
 * C7, C8, C11, C12, C17, C19).
 *
 * semget's size and count limits, semop's argument checks, atomicity,
 * blocking and range rules, and SEM_UNDO: adjustments are applied (and
 * clamped to 0..32767) when their owner exits or leaves the IPC namespace,
 * and SETVAL clears them.  Each case runs in a fresh IPC namespace, so it
 * starts from the default limits and its sets vanish with the namespace.
 */
#include "ns_util.h"
#include <sys/ipc.h>
#include <sys/sem.h>
#include <time.h>

#define KEY	0x4d53454d
#define SEMMSL	32000	/* the defaults of a new namespace */
#define SEMOPM	500
#define SEMVMX	32767
#define IPCMNI	32768

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int setval(int id, int num, int val)
{
	return semctl(id, num, SETVAL, (union semun){ .val = val });
}

static int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

/* One semop() of @delta on semaphore @num. */
static int op(int id, unsigned short num, short delta, short flags)
{
	struct sembuf sb = { num, delta, flags };

	return semop(id, &sb, 1);
}

static struct semid_ds stat_of(int id)
{
	struct semid_ds ds;

	memset(&ds, 0xff, sizeof(ds));
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	return ds;
}

static int set_mode(int id, mode_t mode)
{
	struct semid_ds ds = stat_of(id);

	ds.sem_perm.mode = mode;
	return semctl(id, 0, IPC_SET, (union semun){ .buf = &ds });
}

/* ---- semget ------------------------------------------------------------------ */

NS_CASE(semget_nsems_out_of_range_is_einval, CLONE_NEWIPC)
{
	int id;

	EXPECT_ERRNO(semget(IPC_PRIVATE, -1, 0600), EINVAL);
	EXPECT_ERRNO(semget(IPC_PRIVATE, SEMMSL + 1, 0600), EINVAL);
	EXPECT_ERRNO(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	EXPECT_GE(semget(IPC_PRIVATE, SEMMSL, 0600), 0);
	id = semget(KEY, 2, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_ERRNO(semget(KEY, 3, 0600), EINVAL);
	EXPECT_EQ(semget(KEY, 2, 0600), id);
	EXPECT_EQ(semget(KEY, 1, 0600), id);
	EXPECT_EQ(semget(KEY, 0, 0600), id);
}

NS_CASE(semget_key_lookup_create_and_excl, CLONE_NEWIPC)
{
	int id;

	EXPECT_ERRNO(semget(KEY, 1, 0600), ENOENT);
	id = semget(KEY, 1, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(semget(KEY, 1, IPC_CREAT | 0600), id);
	EXPECT_ERRNO(semget(KEY, 1, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
}

NS_CASE(new_set_takes_euid_egid_and_mode, CLONE_NEWIPC)
{
	struct semid_ds ds;
	int id;

	id = semget(KEY, 3, IPC_CREAT | IPC_EXCL | 0640);
	ASSERT_GE(id, 0);
	ds = stat_of(id);
	EXPECT_EQ(ds.sem_perm.__ipc_perm_key, KEY);
	EXPECT_EQ(ds.sem_perm.uid, 0);
	EXPECT_EQ(ds.sem_perm.cgid, 0);
	EXPECT_EQ(ds.sem_perm.mode, 0640);
	EXPECT_EQ(ds.sem_nsems, 3);
	EXPECT_EQ(getval(id, 2), 0);

	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semget(KEY + 1, 1, IPC_CREAT | 0600))), 0);
	ds = stat_of(semget(KEY + 1, 0, 0));
	EXPECT_EQ(ds.sem_perm.uid, TEST_UID);
	EXPECT_EQ(ds.sem_perm.cuid, TEST_UID);
	EXPECT_EQ(ds.sem_perm.gid, TEST_UID);
	EXPECT_EQ(ds.sem_perm.cgid, TEST_UID);
}

/* C6: for an existing key, too many semaphores are found before the permission. */
NS_CASE(existing_key_nsems_is_checked_before_permission, CLONE_NEWIPC)
{
	ASSERT_GE(semget(KEY, 2, IPC_CREAT | 0600), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semget(KEY, 3, 0600))), EINVAL);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semget(KEY, 2, 0600))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semget(KEY, 2, 0))), 0);
}

/* kernel.sem is "semmsl semmns semopm semmni". */
NS_CASE(semmns_and_semmni_limits_are_enospc, CLONE_NEWIPC)
{
	ASSERT_EQ(write_text("/proc/sys/kernel/sem", "32000 8 500 32000"), 0);
	EXPECT_GE(semget(IPC_PRIVATE, 5, 0600), 0);
	EXPECT_ERRNO(semget(IPC_PRIVATE, 4, 0600), ENOSPC);
	EXPECT_GE(semget(IPC_PRIVATE, 3, 0600), 0);
	ASSERT_EQ(write_text("/proc/sys/kernel/sem", "32000 100 500 2"), 0);
	EXPECT_ERRNO(semget(IPC_PRIVATE, 1, 0600), ENOSPC);
}

/* ---- semop arguments ---------------------------------------------------------- */

NS_CASE(semop_nsops_0_is_einval_above_semopm_e2big, CLONE_NEWIPC)
{
	static struct sembuf ops[SEMOPM + 1];
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(semop(id, ops, 0), EINVAL);
	EXPECT_ERRNO(semop(id, ops, SEMOPM + 1), E2BIG);
	EXPECT_EQ(semop(id, ops, SEMOPM), 0);
}

NS_CASE(semop_sem_num_out_of_range_is_efbig, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 2, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(op(id, 2, 1, IPC_NOWAIT), EFBIG);
	EXPECT_EQ(op(id, 1, 1, IPC_NOWAIT), 0);
}

/* Waiting for zero only reads; any other op alters. */
NS_CASE(semop_needs_alter_or_read_permission, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0604);

	ASSERT_GE(id, 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(op(id, 0, 0, IPC_NOWAIT))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(op(id, 0, 1, IPC_NOWAIT))), EACCES);
	ASSERT_EQ(set_mode(id, 0602), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(op(id, 0, 1, IPC_NOWAIT))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(op(id, 0, 0, IPC_NOWAIT))), EACCES);
}

NS_CASE(semop_is_all_or_nothing, CLONE_NEWIPC)
{
	struct sembuf up_down[2] = { { 0, 1, IPC_NOWAIT }, { 1, -1, IPC_NOWAIT } };
	struct sembuf up_overflow[2] = { { 0, 1, IPC_NOWAIT }, { 1, SEMVMX, IPC_NOWAIT } };
	int id = semget(IPC_PRIVATE, 2, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(semop(id, up_down, 2), EAGAIN);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(setval(id, 1, 1), 0);
	EXPECT_ERRNO(semop(id, up_overflow, 2), ERANGE);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(semop(id, up_down, 2), 0);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(getval(id, 1), 0);
}

NS_CASE(semop_that_would_block_with_ipc_nowait_is_eagain, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(op(id, 0, -1, IPC_NOWAIT), EAGAIN);
	EXPECT_EQ(setval(id, 0, 1), 0);
	EXPECT_ERRNO(op(id, 0, 0, IPC_NOWAIT), EAGAIN);
	EXPECT_EQ(getval(id, 0), 1);
}

NS_CASE(semtimedop_timeout_is_eagain, CLONE_NEWIPC)
{
	struct timespec ts = { 0, 1000000 };
	struct sembuf down = { 0, -1, 0 };
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(semtimedop(id, &down, 1, &ts), EAGAIN);
	EXPECT_EQ(getval(id, 0), 0);
}

NS_CASE(values_outside_0_to_32767_are_erange, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(setval(id, 0, SEMVMX), 0);
	EXPECT_ERRNO(op(id, 0, 1, IPC_NOWAIT), ERANGE);
	EXPECT_ERRNO(setval(id, 0, SEMVMX + 1), ERANGE);
	EXPECT_ERRNO(setval(id, 0, -1), ERANGE);
	EXPECT_EQ(getval(id, 0), SEMVMX);
}

/* An adjustment is the negated sum of SEM_UNDO ops: it must stay in a short. */
NS_CASE(adjustments_outside_a_short_are_erange, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 2, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(op(id, 0, SEMVMX, 0), 0);
	EXPECT_EQ(op(id, 0, -SEMVMX, SEM_UNDO), 0);	/* adjustment +32767 */
	EXPECT_EQ(op(id, 0, SEMVMX, 0), 0);
	EXPECT_ERRNO(op(id, 0, -1, SEM_UNDO | IPC_NOWAIT), ERANGE);
	EXPECT_EQ(getval(id, 0), SEMVMX);

	EXPECT_EQ(op(id, 1, SEMVMX, SEM_UNDO), 0);	/* adjustment -32767 */
	EXPECT_EQ(op(id, 1, -SEMVMX, 0), 0);
	EXPECT_EQ(op(id, 1, 1, SEM_UNDO), 0);		/* -32768: still a short */
	EXPECT_EQ(op(id, 1, -1, 0), 0);
	EXPECT_ERRNO(op(id, 1, 1, SEM_UNDO | IPC_NOWAIT), ERANGE);
	EXPECT_EQ(getval(id, 1), 0);
}

/* ---- SEM_UNDO ------------------------------------------------------------------ */

/* What an undoer does: one SEM_UNDO op, then maybe leave the namespace. */
struct undo_op {
	int id;
	short delta;
	enum { STAY, UNSHARE, SETNS } leave;
	int setns_fd;
};

/* The undoer: does its op, says so, and exits when the parent lets it go. */
static int undoer(int in, int out, void *arg)
{
	const struct undo_op *u = arg;

	if (op(u->id, 0, u->delta, SEM_UNDO))
		return 1;
	if (u->leave == UNSHARE && unshare(CLONE_NEWIPC))
		return 2;
	if (u->leave == SETNS && setns(u->setns_fd, CLONE_NEWIPC))
		return 3;
	sync_post(out);
	sync_wait(in);
	return 0;
}

/* Starts an undoer: 0 once its op is done (and it left, if asked to). */
static int start_undoer(struct ns_child *c, int id, short delta)
{
	struct undo_op u = { id, delta, STAY, -1 };

	if (ns_spawn(c, 0, undoer, &u))
		return -1;
	return sync_wait(c->from);
}

static int start_leaving_undoer(struct ns_child *c, int id, short delta, int setns_fd)
{
	struct undo_op u = { id, delta, setns_fd < 0 ? UNSHARE : SETNS, setns_fd };

	if (ns_spawn(c, 0, undoer, &u))
		return -1;
	return sync_wait(c->from);
}

NS_CASE(sem_undo_is_applied_at_exit, CLONE_NEWIPC)
{
	struct ns_child u;
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(start_undoer(&u, id, 3), 0);
	EXPECT_EQ(getval(id, 0), 3);
	EXPECT_EQ(ns_reap(&u), 0);
	EXPECT_EQ(getval(id, 0), 0);

	EXPECT_EQ(setval(id, 0, 5), 0);
	EXPECT_EQ(start_undoer(&u, id, -2), 0);
	EXPECT_EQ(getval(id, 0), 3);
	EXPECT_EQ(ns_reap(&u), 0);
	EXPECT_EQ(getval(id, 0), 5);
}

NS_CASE(sem_undo_at_exit_is_clamped_to_0_and_32767, CLONE_NEWIPC)
{
	struct ns_child u;
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(start_undoer(&u, id, 5), 0);
	EXPECT_EQ(op(id, 0, -3, 0), 0);
	EXPECT_EQ(ns_reap(&u), 0);
	EXPECT_EQ(getval(id, 0), 0);

	EXPECT_EQ(setval(id, 0, SEMVMX), 0);
	EXPECT_EQ(start_undoer(&u, id, -10), 0);
	EXPECT_EQ(op(id, 0, 10, 0), 0);
	EXPECT_EQ(ns_reap(&u), 0);
	EXPECT_EQ(getval(id, 0), SEMVMX);
}

NS_CASE(setval_clears_the_adjustments, CLONE_NEWIPC)
{
	struct ns_child u;
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(start_undoer(&u, id, 1), 0);
	EXPECT_EQ(setval(id, 0, 5), 0);
	EXPECT_EQ(ns_reap(&u), 0);
	EXPECT_EQ(getval(id, 0), 5);
}

/* The child is still alive: only leaving the namespace undid its op. */
NS_CASE(sem_undo_is_applied_at_unshare_of_the_ipc_namespace, CLONE_NEWIPC)
{
	struct ns_child u;
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(start_leaving_undoer(&u, id, 2, -1), 0);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(ns_reap(&u), 0);
	EXPECT_EQ(getval(id, 0), 0);
}

NS_CASE(sem_undo_is_applied_at_setns_into_another_ipc_namespace, CLONE_NEWIPC)
{
	char path[64];
	struct ns_child u;
	int id = semget(IPC_PRIVATE, 1, 0600);
	int other = open(ns_path(path, sizeof(path), getppid(), "ipc"), O_RDONLY);

	ASSERT_GE(id, 0);
	ASSERT_GE(other, 0);
	EXPECT_EQ(start_leaving_undoer(&u, id, 2, other), 0);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(ns_reap(&u), 0);
	close(other);
}

/* ---- blocking ------------------------------------------------------------------ */

static void no_restart(int sig)
{
	(void)sig;
}

/* A child blocked in semop(@delta) on semaphore 0: exits with its errno. */
static pid_t blocked_semop(int id, short delta)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = no_restart };

		sigaction(SIGUSR1, &sa, NULL);
		_exit(ERRNO_OF(op(id, 0, delta, 0)));
	}
	return pid;
}

NS_CASE(blocked_decrement_waits_for_an_increment, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_semop(id, -1);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
}

NS_CASE(wait_for_zero_blocks_until_zero, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	ASSERT_EQ(setval(id, 0, 1), 0);
	pid = blocked_semop(id, 0);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(semctl(id, 0, GETZCNT), 1);
	EXPECT_EQ(op(id, 0, -1, 0), 0);
	EXPECT_EQ(wait_exit(pid), 0);
}

NS_CASE(removal_wakes_a_blocked_semop_with_eidrm, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_semop(id, -1);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
	EXPECT_EQ(wait_exit(pid), EIDRM);
}

NS_CASE(signal_interrupts_a_blocked_semop_with_eintr, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_semop(id, -1);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(kill(pid, SIGUSR1), 0);
	EXPECT_EQ(wait_exit(pid), EINTR);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
}

/* ---- control ------------------------------------------------------------------- */

NS_CASE(semctl_needs_permission_or_ownership, CLONE_NEWIPC)
{
	struct semid_ds ds;
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	ds = stat_of(id);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semctl(id, 0, IPC_STAT,
						    (union semun){ .buf = &ds }))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(getval(id, 0))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semctl(id, 0, IPC_SET,
						    (union semun){ .buf = &ds }))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semctl(id, 0, IPC_RMID))), EPERM);
	ASSERT_EQ(set_mode(id, 0604), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(getval(id, 0))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(setval(id, 0, 1))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(semctl(id, 0, IPC_RMID))), EPERM);
	EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
}

NS_CASE(stale_or_unknown_id_is_einval, CLONE_NEWIPC)
{
	int id = semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(op(id + IPCMNI, 0, 1, IPC_NOWAIT), EINVAL);
	EXPECT_ERRNO(getval(id + 1, 0), EINVAL);
	EXPECT_EQ(semctl(id, 0, IPC_RMID), 0);
	EXPECT_ERRNO(op(id, 0, 1, IPC_NOWAIT), EINVAL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_semget_nsems_out_of_range_is_einval,
				   t_semget_key_lookup_create_and_excl,
				   t_new_set_takes_euid_egid_and_mode,
				   t_existing_key_nsems_is_checked_before_permission,
				   t_semmns_and_semmni_limits_are_enospc,
				   t_semop_nsops_0_is_einval_above_semopm_e2big,
				   t_semop_sem_num_out_of_range_is_efbig,
				   t_semop_needs_alter_or_read_permission,
				   t_semop_is_all_or_nothing,
				   t_semop_that_would_block_with_ipc_nowait_is_eagain,
				   t_semtimedop_timeout_is_eagain,
				   t_values_outside_0_to_32767_are_erange,
				   t_adjustments_outside_a_short_are_erange,
				   t_sem_undo_is_applied_at_exit,
				   t_sem_undo_at_exit_is_clamped_to_0_and_32767,
				   t_setval_clears_the_adjustments,
				   t_sem_undo_is_applied_at_unshare_of_the_ipc_namespace,
				   t_sem_undo_is_applied_at_setns_into_another_ipc_namespace,
				   t_blocked_decrement_waits_for_an_increment,
				   t_wait_for_zero_blocks_until_zero,
				   t_removal_wakes_a_blocked_semop_with_eidrm,
				   t_signal_interrupts_a_blocked_semop_with_eintr,
				   t_semctl_needs_permission_or_ownership,
				   t_stale_or_unknown_id_is_einval));
}
