/*
 * ipc_shm: System V shared memory, errno by errno (linux-semantics.md C4,
 * C6, C7, C8, C13, C14, C15, C19).
 *
 * shmget's size and count limits, attachments (counted in shm_nattch and
 * inherited by fork), IPC_RMID of an attached segment (SHM_DEST, key 0,
 * destroyed at the last detach), and shm_rmid_forced.  Each case runs in a
 * fresh IPC namespace, so it starts from the default limits and its
 * segments vanish with the namespace.
 */
#include "ns_util.h"
#include <sys/ipc.h>
#include <sys/shm.h>

#define KEY	0x4d53484d
#define PAGE	4096
#define IPCMNI	32768

static struct shmid_ds stat_of(int id)
{
	struct shmid_ds ds;

	memset(&ds, 0xff, sizeof(ds));
	shmctl(id, IPC_STAT, &ds);
	return ds;
}

static long nattch(int id)
{
	return stat_of(id).shm_nattch;
}

static int set_mode(int id, mode_t mode)
{
	struct shmid_ds ds = stat_of(id);

	ds.shm_perm.mode = mode;
	return shmctl(id, IPC_SET, &ds);
}

/* Whether segment @id still exists. */
static int exists(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) == 0;
}

/* shmat() as TEST_UID with @flags: its errno (the child detaches by exiting). */
static int user_attach(int id, int flags)
{
	return AS_USER(TEST_UID, ERRNO_OF(shmat(id, NULL, flags)));
}

/* ---- shmget ------------------------------------------------------------------ */

NS_CASE(shmget_size_rules, CLONE_NEWIPC)
{
	int id;

	EXPECT_ERRNO(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	EXPECT_GE(shmget(IPC_PRIVATE, 1, 0600), 0);
	ASSERT_EQ(write_text("/proc/sys/kernel/shmmax", "8192"), 0);
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 8193, 0600), EINVAL);
	EXPECT_GE(shmget(IPC_PRIVATE, 8192, 0600), 0);
	id = shmget(KEY, PAGE, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_ERRNO(shmget(KEY, 2 * PAGE, 0600), EINVAL);
	EXPECT_EQ(shmget(KEY, 100, 0600), id);
	EXPECT_EQ(shmget(KEY, 0, 0600), id);
}

NS_CASE(shmget_key_lookup_create_and_excl, CLONE_NEWIPC)
{
	int id;

	EXPECT_ERRNO(shmget(KEY, PAGE, 0600), ENOENT);
	id = shmget(KEY, PAGE, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(shmget(KEY, PAGE, IPC_CREAT | 0600), id);
	EXPECT_ERRNO(shmget(KEY, PAGE, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
}

NS_CASE(new_segment_takes_euid_egid_mode_and_size, CLONE_NEWIPC)
{
	struct shmid_ds ds;
	int id = shmget(KEY, 5000, IPC_CREAT | IPC_EXCL | 0640);

	ASSERT_GE(id, 0);
	ds = stat_of(id);
	EXPECT_EQ(ds.shm_perm.__ipc_perm_key, KEY);
	EXPECT_EQ(ds.shm_perm.uid, 0);
	EXPECT_EQ(ds.shm_perm.cuid, 0);
	EXPECT_EQ(ds.shm_perm.gid, 0);
	EXPECT_EQ(ds.shm_perm.cgid, 0);
	EXPECT_EQ(ds.shm_perm.mode, 0640);
	EXPECT_EQ(ds.shm_segsz, 5000);
	EXPECT_EQ(ds.shm_cpid, getpid());
	EXPECT_EQ(ds.shm_lpid, 0);
	EXPECT_EQ(ds.shm_nattch, 0);

	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmget(KEY + 1, PAGE, IPC_CREAT | 0600))), 0);
	ds = stat_of(shmget(KEY + 1, 0, 0));
	EXPECT_EQ(ds.shm_perm.uid, TEST_UID);
	EXPECT_EQ(ds.shm_perm.cuid, TEST_UID);
	EXPECT_EQ(ds.shm_perm.gid, TEST_UID);
	EXPECT_EQ(ds.shm_perm.cgid, TEST_UID);
}

/* kernel.shmall counts pages of all segments together. */
NS_CASE(shmall_limit_is_enospc, CLONE_NEWIPC)
{
	ASSERT_EQ(write_text("/proc/sys/kernel/shmall", "2"), 0);
	EXPECT_GE(shmget(IPC_PRIVATE, PAGE, 0600), 0);
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 2 * PAGE, 0600), ENOSPC);
	EXPECT_GE(shmget(IPC_PRIVATE, PAGE, 0600), 0);
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 1, 0600), ENOSPC);
}

NS_CASE(shmmni_limit_is_enospc, CLONE_NEWIPC)
{
	ASSERT_EQ(write_text("/proc/sys/kernel/shmmni", "1"), 0);
	EXPECT_GE(shmget(IPC_PRIVATE, PAGE, 0600), 0);
	EXPECT_ERRNO(shmget(IPC_PRIVATE, PAGE, 0600), ENOSPC);
}

/* C6: for an existing key, a size too large is found before the permission. */
NS_CASE(existing_key_size_is_checked_before_permission, CLONE_NEWIPC)
{
	ASSERT_GE(shmget(KEY, PAGE, IPC_CREAT | 0600), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmget(KEY, 2 * PAGE, 0600))), EINVAL);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmget(KEY, PAGE, 0600))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmget(KEY, PAGE, 0))), 0);
}

/* ---- attachments ---------------------------------------------------------------- */

NS_CASE(attachments_are_counted_and_inherited_by_fork, CLONE_NEWIPC)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);
	volatile char *p, *q;
	pid_t pid;

	ASSERT_GE(id, 0);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	EXPECT_EQ(nattch(id), 1);
	q = shmat(id, NULL, 0);
	ASSERT_TRUE(q != (void *)-1);
	EXPECT_TRUE(p != q);
	EXPECT_EQ(nattch(id), 2);
	pid = fork();
	if (pid == 0) {
		p[0] = 42;
		_exit(nattch(id));
	}
	EXPECT_EQ(wait_exit(pid), 4);
	EXPECT_EQ(q[0], 42);
	EXPECT_EQ(nattch(id), 2);
	EXPECT_EQ(stat_of(id).shm_lpid, pid);
	EXPECT_EQ(shmdt((void *)q), 0);
	EXPECT_EQ(nattch(id), 1);
	EXPECT_EQ(shmdt((void *)p), 0);
	EXPECT_EQ(nattch(id), 0);
	EXPECT_EQ(stat_of(id).shm_lpid, getpid());
}

/* Read-only needs read; read-write needs both. */
NS_CASE(shmat_needs_read_or_read_write_permission, CLONE_NEWIPC)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(user_attach(id, SHM_RDONLY), EACCES);
	ASSERT_EQ(set_mode(id, 0604), 0);
	EXPECT_EQ(user_attach(id, SHM_RDONLY), 0);
	EXPECT_EQ(user_attach(id, 0), EACCES);
	ASSERT_EQ(set_mode(id, 0602), 0);
	EXPECT_EQ(user_attach(id, 0), EACCES);
	ASSERT_EQ(set_mode(id, 0606), 0);
	EXPECT_EQ(user_attach(id, 0), 0);
}

NS_CASE(shmdt_of_an_address_not_attached_is_einval, CLONE_NEWIPC)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);
	static char not_shm[PAGE] __attribute__((aligned(PAGE)));
	void *p;

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(shmdt(not_shm), EINVAL);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_ERRNO(shmdt(p), EINVAL);
}

/* ---- removal ------------------------------------------------------------------- */

NS_CASE(rmid_of_an_attached_segment_waits_for_the_last_detach, CLONE_NEWIPC)
{
	int id = shmget(KEY, PAGE, IPC_CREAT | 0600), again;
	struct shmid_ds ds;
	volatile char *p;

	ASSERT_GE(id, 0);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	ds = stat_of(id);
	EXPECT_EQ(ds.shm_perm.mode, 0600 | SHM_DEST);
	EXPECT_EQ(ds.shm_perm.__ipc_perm_key, IPC_PRIVATE);
	EXPECT_EQ(ds.shm_nattch, 1);
	EXPECT_ERRNO(shmget(KEY, PAGE, 0600), ENOENT);
	again = shmget(KEY, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	EXPECT_GE(again, 0);
	EXPECT_NE(again, id);
	p[0] = 7;
	EXPECT_EQ(p[0], 7);
	EXPECT_EQ(shmdt((void *)p), 0);
	EXPECT_EQ(exists(id), 0);
	EXPECT_EQ(exists(again), 1);
}

NS_CASE(rmid_of_an_unattached_segment_destroys_it_at_once, CLONE_NEWIPC)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(exists(id), 0);
	EXPECT_ERRNO(shmat(id, NULL, 0), EINVAL);
}

/* Attaches and detaches @id: whether the segment is still there after. */
static int survives_detach(int id)
{
	void *p = shmat(id, NULL, 0);

	if (p == (void *)-1 || shmdt(p))
		return -1;
	return exists(id);
}

NS_CASE(shm_rmid_forced_destroys_at_the_last_detach, CLONE_NEWIPC)
{
	EXPECT_EQ(read_number("/proc/sys/kernel/shm_rmid_forced"), 0);
	EXPECT_EQ(survives_detach(shmget(IPC_PRIVATE, PAGE, 0600)), 1);
	ASSERT_EQ(write_text("/proc/sys/kernel/shm_rmid_forced", "1"), 0);
	EXPECT_EQ(survives_detach(shmget(IPC_PRIVATE, PAGE, 0600)), 0);
}

/* A child creates a segment (attached by nobody) and exits: its id. */
static int created_by_exited_child(void)
{
	int fd[2];
	long id = -1;
	pid_t pid;

	if (pipe(fd))
		return -1;
	pid = fork();
	if (pid == 0)
		_exit(send_long(fd[1], shmget(IPC_PRIVATE, PAGE, 0600)));
	close(fd[1]);
	id = recv_long(fd[0], -1);
	close(fd[0]);
	wait_exit(pid);
	return id;
}

NS_CASE(shm_rmid_forced_destroys_unattached_segments_at_creator_exit, CLONE_NEWIPC)
{
	int id = created_by_exited_child();

	ASSERT_GE(id, 0);
	EXPECT_EQ(exists(id), 1);
	ASSERT_EQ(write_text("/proc/sys/kernel/shm_rmid_forced", "1"), 0);
	id = created_by_exited_child();
	ASSERT_GE(id, 0);
	EXPECT_EQ(exists(id), 0);
}

/* C17: unshare(CLONE_NEWIPC) runs exit_shm() as exit does; the child lives on. */
NS_CASE(shm_rmid_forced_applies_when_the_creator_unshares, CLONE_NEWIPC)
{
	int ready[2], hold[2];
	long id;
	pid_t pid;

	ASSERT_EQ(write_text("/proc/sys/kernel/shm_rmid_forced", "1"), 0);
	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(hold), 0);
	pid = fork();
	if (pid == 0) {
		close(hold[1]);
		if (send_long(ready[1], shmget(IPC_PRIVATE, PAGE, 0600)) ||
		    unshare(CLONE_NEWIPC) || sync_post(ready[1]))
			_exit(1);
		sync_wait(hold[0]);
		_exit(0);
	}
	close(hold[0]);
	id = recv_long(ready[0], -1);
	EXPECT_GE(id, 0);
	EXPECT_EQ(sync_wait(ready[0]), 0);
	EXPECT_EQ(exists(id), 0);
	close(hold[1]);
	EXPECT_EQ(wait_exit(pid), 0);
}

/* ---- control ------------------------------------------------------------------- */

NS_CASE(shmctl_needs_permission_or_ownership, CLONE_NEWIPC)
{
	struct shmid_ds ds;
	int id = shmget(IPC_PRIVATE, PAGE, 0600);

	ASSERT_GE(id, 0);
	ds = stat_of(id);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmctl(id, IPC_STAT, &ds))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmctl(id, IPC_SET, &ds))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmctl(id, IPC_RMID, NULL))), EPERM);
	ASSERT_EQ(set_mode(id, 0644), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmctl(id, IPC_STAT, &ds))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(shmctl(id, IPC_RMID, NULL))), EPERM);
	EXPECT_EQ(exists(id), 1);
}

NS_CASE(stale_or_unknown_id_is_einval, CLONE_NEWIPC)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(shmat(id + IPCMNI, NULL, 0), EINVAL);
	EXPECT_ERRNO(shmat(id + 1, NULL, 0), EINVAL);
	EXPECT_EQ(exists(id + IPCMNI), 0);
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERRNO(shmat(id, NULL, 0), EINVAL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_shmget_size_rules,
				   t_shmget_key_lookup_create_and_excl,
				   t_new_segment_takes_euid_egid_mode_and_size,
				   t_shmall_limit_is_enospc,
				   t_shmmni_limit_is_enospc,
				   t_existing_key_size_is_checked_before_permission,
				   t_attachments_are_counted_and_inherited_by_fork,
				   t_shmat_needs_read_or_read_write_permission,
				   t_shmdt_of_an_address_not_attached_is_einval,
				   t_rmid_of_an_attached_segment_waits_for_the_last_detach,
				   t_rmid_of_an_unattached_segment_destroys_it_at_once,
				   t_shm_rmid_forced_destroys_at_the_last_detach,
				   t_shm_rmid_forced_destroys_unattached_segments_at_creator_exit,
				   t_shm_rmid_forced_applies_when_the_creator_unshares,
				   t_shmctl_needs_permission_or_ownership,
				   t_stale_or_unknown_id_is_einval));
}
