/*
 * ipc_msg: System V message queues, errno by errno (linux-semantics.md
 * C4, C6-C9, C10, C19).
 *
 * msgget's key rules, the owner and mode of a new queue, the permission
 * checks (ipcperms, owner-or-CAP_SYS_ADMIN for IPC_SET/IPC_RMID,
 * CAP_SYS_RESOURCE above msgmnb), msgsnd's limits and blocking, and
 * msgrcv's type rules.  Each case runs in a fresh IPC namespace, so it
 * starts from the default limits and its queues vanish with the namespace.
 */
#include "ns_util.h"
#include <sys/ipc.h>
#include <sys/msg.h>

#define KEY	0x4d4d5347
#define MSGMAX	8192	/* the defaults of a new namespace */
#define MSGMNB	16384
#define IPCMNI	32768

struct text_msg {
	long mtype;
	char mtext[MSGMAX + 1];
};

/* Queues @text (without its NUL) as a message of @type: 0 or -1. */
static int put(int id, long type, const char *text)
{
	struct text_msg m = { .mtype = type };

	memcpy(m.mtext, text, strlen(text));
	return msgsnd(id, &m, strlen(text), IPC_NOWAIT);
}

/* Receives with msgrcv(@type, @flags | IPC_NOWAIT): the text, or "" on error. */
static const char *take(int id, long type, int flags)
{
	static struct text_msg m;
	ssize_t n;

	n = msgrcv(id, &m, 64, type, flags | IPC_NOWAIT);
	m.mtext[n < 0 ? 0 : n] = '\0';
	return m.mtext;
}

static struct msqid_ds stat_of(int id)
{
	struct msqid_ds ds;

	memset(&ds, 0xff, sizeof(ds));
	msgctl(id, IPC_STAT, &ds);
	return ds;
}

static int set_qbytes(int id, unsigned long qbytes)
{
	struct msqid_ds ds = stat_of(id);

	ds.msg_qbytes = qbytes;
	return msgctl(id, IPC_SET, &ds);
}

static int set_owner_mode(int id, uid_t uid, gid_t gid, mode_t mode)
{
	struct msqid_ds ds = stat_of(id);

	ds.msg_perm.uid = uid;
	ds.msg_perm.gid = gid;
	ds.msg_perm.mode = mode;
	return msgctl(id, IPC_SET, &ds);
}

/* ---- creation ------------------------------------------------------------- */

NS_CASE(private_key_always_creates, CLONE_NEWIPC)
{
	int a = msgget(IPC_PRIVATE, 0600);
	int b = msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);

	EXPECT_GE(a, 0);
	EXPECT_GE(b, 0);
	EXPECT_NE(a, b);
}

NS_CASE(key_lookup_create_and_excl, CLONE_NEWIPC)
{
	int id;

	EXPECT_ERRNO(msgget(KEY, 0600), ENOENT);
	id = msgget(KEY, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(msgget(KEY, 0), id);
	EXPECT_EQ(msgget(KEY, IPC_CREAT | 0600), id);
	EXPECT_ERRNO(msgget(KEY, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
}

NS_CASE(new_queue_takes_euid_egid_and_mode, CLONE_NEWIPC)
{
	struct msqid_ds ds;
	int mine, theirs;

	mine = msgget(KEY, IPC_CREAT | IPC_EXCL | 0640);
	ASSERT_GE(mine, 0);
	ds = stat_of(mine);
	EXPECT_EQ(ds.msg_perm.__ipc_perm_key, KEY);
	EXPECT_EQ(ds.msg_perm.uid, 0);
	EXPECT_EQ(ds.msg_perm.cuid, 0);
	EXPECT_EQ(ds.msg_perm.gid, 0);
	EXPECT_EQ(ds.msg_perm.cgid, 0);
	EXPECT_EQ(ds.msg_perm.mode, 0640);
	EXPECT_EQ(ds.msg_qbytes, MSGMNB);
	EXPECT_EQ(ds.msg_qnum, 0);
	EXPECT_EQ(ds.msg_cbytes, 0);

	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgget(KEY + 1, IPC_CREAT | 0604))), 0);
	theirs = msgget(KEY + 1, 0);
	ds = stat_of(theirs);
	EXPECT_EQ(ds.msg_perm.uid, TEST_UID);
	EXPECT_EQ(ds.msg_perm.cuid, TEST_UID);
	EXPECT_EQ(ds.msg_perm.gid, TEST_UID);
	EXPECT_EQ(ds.msg_perm.cgid, TEST_UID);
	EXPECT_EQ(ds.msg_perm.mode, 0604);
}

/* C4: ids are seq * 32768 + idx; a right idx with a wrong seq is unknown. */
NS_CASE(stale_or_unknown_id_is_einval, CLONE_NEWIPC)
{
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(put(id + IPCMNI, 1, "x"), EINVAL);
	EXPECT_ERRNO(msgctl(id + IPCMNI, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(put(id + 1, 1, "x"), EINVAL);
	EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERRNO(put(id, 1, "x"), EINVAL);
	EXPECT_ERRNO(msgctl(id, IPC_STAT, &ds), EINVAL);
}

NS_CASE(msgmni_limit_is_enospc, CLONE_NEWIPC)
{
	ASSERT_EQ(write_text("/proc/sys/kernel/msgmni", "1"), 0);
	EXPECT_GE(msgget(IPC_PRIVATE, 0600), 0);
	EXPECT_ERRNO(msgget(IPC_PRIVATE, 0600), ENOSPC);
	EXPECT_ERRNO(msgget(KEY, IPC_CREAT | 0600), ENOSPC);
}

/* ---- msgsnd ----------------------------------------------------------------- */

NS_CASE(msgsnd_bad_size_type_or_id_is_einval, CLONE_NEWIPC)
{
	static struct text_msg m = { .mtype = 1 };
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(msgsnd(id, &m, MSGMAX + 1, IPC_NOWAIT), EINVAL);
	EXPECT_EQ(msgsnd(id, &m, MSGMAX, IPC_NOWAIT), 0);
	EXPECT_ERRNO(msgsnd(id, &m, (size_t)-1, IPC_NOWAIT), EINVAL);
	EXPECT_ERRNO(msgsnd(-1, &m, 1, IPC_NOWAIT), EINVAL);
	m.mtype = 0;
	EXPECT_ERRNO(msgsnd(id, &m, 1, IPC_NOWAIT), EINVAL);
	m.mtype = -1;
	EXPECT_ERRNO(msgsnd(id, &m, 1, IPC_NOWAIT), EINVAL);
	EXPECT_ERRNO(msgrcv(id, &m, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
}

NS_CASE(queue_counts_bytes_messages_and_pids, CLONE_NEWIPC)
{
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(put(id, 1, "abc"), 0);
	EXPECT_EQ(put(id, 2, "defgh"), 0);
	ds = stat_of(id);
	EXPECT_EQ(ds.msg_qnum, 2);
	EXPECT_EQ(ds.msg_cbytes, 8);
	EXPECT_EQ(ds.msg_lspid, getpid());
	EXPECT_EQ(ds.msg_lrpid, 0);
	EXPECT_STREQ(take(id, 0, 0), "abc");
	ds = stat_of(id);
	EXPECT_EQ(ds.msg_qnum, 1);
	EXPECT_EQ(ds.msg_cbytes, 5);
	EXPECT_EQ(ds.msg_lrpid, getpid());
}

/* A message fits while cbytes + size <= qbytes and qnum + 1 <= qbytes. */
NS_CASE(full_queue_with_ipc_nowait_is_eagain, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	ASSERT_EQ(set_qbytes(id, 8), 0);
	EXPECT_EQ(put(id, 1, "12345678"), 0);
	EXPECT_ERRNO(put(id, 1, "9"), EAGAIN);

	EXPECT_STREQ(take(id, 0, 0), "12345678");
	ASSERT_EQ(set_qbytes(id, 2), 0);
	EXPECT_EQ(put(id, 1, ""), 0);
	EXPECT_EQ(put(id, 1, ""), 0);
	EXPECT_ERRNO(put(id, 1, ""), EAGAIN);
}

/* ---- msgrcv types ------------------------------------------------------------ */

NS_CASE(rcv_type_0_takes_the_first_message, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	put(id, 3, "a");
	put(id, 1, "b");
	EXPECT_STREQ(take(id, 0, 0), "a");
	EXPECT_STREQ(take(id, 0, 0), "b");
}

NS_CASE(rcv_positive_type_takes_the_first_of_that_type, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	put(id, 3, "a");
	put(id, 1, "b");
	put(id, 3, "c");
	EXPECT_STREQ(take(id, 3, 0), "a");
	EXPECT_STREQ(take(id, 3, 0), "c");
	EXPECT_STREQ(take(id, 1, 0), "b");
}

NS_CASE(rcv_msg_except_takes_the_first_of_another_type, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	put(id, 1, "a");
	put(id, 2, "b");
	put(id, 1, "c");
	put(id, 3, "d");
	EXPECT_STREQ(take(id, 1, MSG_EXCEPT), "b");
	EXPECT_STREQ(take(id, 1, MSG_EXCEPT), "d");
	EXPECT_ERRNO(msgrcv(id, &(struct text_msg){ 0 }, 64, 1, MSG_EXCEPT | IPC_NOWAIT),
		     ENOMSG);
}

NS_CASE(rcv_negative_type_takes_the_lowest_type, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	put(id, 3, "a");
	put(id, 2, "b");
	put(id, 1, "c");
	put(id, 1, "d");
	put(id, 5, "e");
	EXPECT_STREQ(take(id, -2, 0), "c");
	EXPECT_STREQ(take(id, -2, 0), "d");
	EXPECT_STREQ(take(id, -2, 0), "b");
	EXPECT_ERRNO(msgrcv(id, &(struct text_msg){ 0 }, 64, -2, IPC_NOWAIT), ENOMSG);
	EXPECT_STREQ(take(id, -4, 0), "a");
	EXPECT_STREQ(take(id, -5, 0), "e");
}

NS_CASE(rcv_without_a_match_and_ipc_nowait_is_enomsg, CLONE_NEWIPC)
{
	static struct text_msg m;
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(msgrcv(id, &m, 64, 0, IPC_NOWAIT), ENOMSG);
	put(id, 1, "a");
	EXPECT_ERRNO(msgrcv(id, &m, 64, 2, IPC_NOWAIT), ENOMSG);
	EXPECT_EQ(stat_of(id).msg_qnum, 1);
}

NS_CASE(rcv_into_a_small_buffer_is_e2big_and_keeps_the_message, CLONE_NEWIPC)
{
	static struct text_msg m;
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	put(id, 1, "0123456789");
	EXPECT_ERRNO(msgrcv(id, &m, 4, 0, IPC_NOWAIT), E2BIG);
	EXPECT_EQ(stat_of(id).msg_qnum, 1);
	EXPECT_EQ(msgrcv(id, &m, 4, 0, IPC_NOWAIT | MSG_NOERROR), 4);
	EXPECT_EQ(memcmp(m.mtext, "0123", 4), 0);
	EXPECT_EQ(stat_of(id).msg_qnum, 0);
}

/* ---- blocking ------------------------------------------------------------------ */

static void no_restart(int sig)
{
	(void)sig;
}

/* A child with a SIGUSR1 handler that does not restart calls. */
static pid_t fork_interruptible(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = no_restart };

		sigaction(SIGUSR1, &sa, NULL);
	}
	return pid;
}

/* A child blocked in msgrcv(@type): exits 0 with "hi", else with its errno. */
static pid_t blocked_receiver(int id, long type)
{
	pid_t pid = fork_interruptible();

	if (pid == 0) {
		static struct text_msg m;
		ssize_t n = msgrcv(id, &m, 64, type, 0);

		_exit(n < 0 ? errno : n == 2 && !memcmp(m.mtext, "hi", 2) ? 0 : 100);
	}
	return pid;
}

/* A child blocked in msgsnd() of 4 bytes: exits with its errno (0 once sent). */
static pid_t blocked_sender(int id)
{
	pid_t pid = fork_interruptible();

	if (pid == 0) {
		struct text_msg m = { .mtype = 1, .mtext = "wxyz" };

		_exit(ERRNO_OF(msgsnd(id, &m, 4, 0)));
	}
	return pid;
}

/* A queue already holding 8 bytes out of 8. */
static int full_queue(void)
{
	int id = msgget(IPC_PRIVATE, 0600);

	if (id < 0 || set_qbytes(id, 8) || put(id, 1, "12345678"))
		return -1;
	return id;
}

NS_CASE(blocked_receiver_gets_a_matching_message, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_receiver(id, 5);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(put(id, 1, "no"), 0);
	EXPECT_EQ(put(id, 5, "hi"), 0);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(stat_of(id).msg_qnum, 1);
	EXPECT_STREQ(take(id, 0, 0), "no");
}

NS_CASE(blocked_sender_is_woken_when_space_frees, CLONE_NEWIPC)
{
	int id = full_queue();
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_sender(id);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(stat_of(id).msg_qnum, 1);
	EXPECT_STREQ(take(id, 0, 0), "12345678");
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_STREQ(take(id, 0, 0), "wxyz");
}

NS_CASE(removal_wakes_a_blocked_receiver_with_eidrm, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_receiver(id, 0);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(wait_exit(pid), EIDRM);
}

NS_CASE(removal_wakes_a_blocked_sender_with_eidrm, CLONE_NEWIPC)
{
	int id = full_queue();
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_sender(id);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(wait_exit(pid), EIDRM);
}

NS_CASE(signal_interrupts_a_blocked_receiver_with_eintr, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_receiver(id, 0);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(kill(pid, SIGUSR1), 0);
	EXPECT_EQ(wait_exit(pid), EINTR);
}

NS_CASE(signal_interrupts_a_blocked_sender_with_eintr, CLONE_NEWIPC)
{
	int id = full_queue();
	pid_t pid;

	ASSERT_GE(id, 0);
	pid = blocked_sender(id);
	EXPECT_EQ(wait_sleeping(pid), 0);
	EXPECT_EQ(kill(pid, SIGUSR1), 0);
	EXPECT_EQ(wait_exit(pid), EINTR);
	EXPECT_EQ(stat_of(id).msg_qnum, 1);
}

/* ---- permissions ------------------------------------------------------------ */

/* msgsnd(), msgrcv() and IPC_STAT as TEST_UID: their errnos. */
static int user_send(int id)
{
	return AS_USER(TEST_UID, ERRNO_OF(put(id, 1, "u")));
}

static int user_receive(int id)
{
	return AS_USER(TEST_UID, ERRNO_OF(msgrcv(id, &(struct text_msg){ 0 }, 64, 0,
						 IPC_NOWAIT)));
}

static int user_stat(int id)
{
	struct msqid_ds ds;

	return AS_USER(TEST_UID, ERRNO_OF(msgctl(id, IPC_STAT, &ds)));
}

NS_CASE(others_without_permission_get_eacces, CLONE_NEWIPC)
{
	int id = msgget(KEY, IPC_CREAT | 0600);

	ASSERT_GE(id, 0);
	put(id, 1, "m");
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgget(KEY, 0))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgget(KEY, 0400))), EACCES);
	EXPECT_EQ(user_send(id), EACCES);
	EXPECT_EQ(user_receive(id), EACCES);
	EXPECT_EQ(user_stat(id), EACCES);

	ASSERT_EQ(set_owner_mode(id, 0, 0, 0602), 0);
	EXPECT_EQ(user_send(id), 0);
	EXPECT_EQ(user_receive(id), EACCES);
	ASSERT_EQ(set_owner_mode(id, 0, 0, 0604), 0);
	EXPECT_EQ(user_receive(id), 0);
	EXPECT_EQ(user_stat(id), 0);
}

/* The owner's bits decide for the owner, even when others may do more. */
NS_CASE(owner_bits_apply_before_group_and_other_bits, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	ASSERT_EQ(set_owner_mode(id, TEST_UID, 0, 0066), 0);
	EXPECT_EQ(user_send(id), EACCES);
	ASSERT_EQ(set_owner_mode(id, TEST_UID, 0, 0200), 0);
	EXPECT_EQ(user_send(id), 0);
}

/* A group member gets the group's bits, even when others may do more. */
NS_CASE(group_bits_apply_to_group_members, CLONE_NEWIPC)
{
	int id = msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	ASSERT_EQ(set_owner_mode(id, 0, TEST_UID, 0006), 0);
	EXPECT_EQ(user_send(id), EACCES);
	ASSERT_EQ(set_owner_mode(id, 0, TEST_UID, 0020), 0);
	EXPECT_EQ(user_send(id), 0);
}

/* CAP_IPC_OWNER. */
NS_CASE(root_ignores_the_mode, CLONE_NEWIPC)
{
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, 0);

	ASSERT_GE(id, 0);
	EXPECT_EQ(put(id, 1, "r"), 0);
	EXPECT_STREQ(take(id, 0, 0), "r");
	EXPECT_EQ(msgctl(id, IPC_STAT, &ds), 0);
}

/* C8: the owner (uid), the creator (cuid), or CAP_SYS_ADMIN. */
NS_CASE(set_and_rmid_need_owner_creator_or_cap, CLONE_NEWIPC)
{
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, 0666), theirs;

	ASSERT_GE(id, 0);
	ds = stat_of(id);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgctl(id, IPC_SET, &ds))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgctl(id, IPC_RMID, NULL))), EPERM);
	ASSERT_EQ(set_owner_mode(id, TEST_UID, 0, 0600), 0);
	ds = stat_of(id);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgctl(id, IPC_SET, &ds))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgctl(id, IPC_RMID, NULL))), 0);

	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgget(KEY, IPC_CREAT | 0600))), 0);
	theirs = msgget(KEY, 0);
	ASSERT_EQ(set_owner_mode(theirs, 0, 0, 0600), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgctl(theirs, IPC_RMID, NULL))), 0);
}

NS_CASE(raising_qbytes_above_msgmnb_needs_cap_sys_resource, CLONE_NEWIPC)
{
	int id;

	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(msgget(KEY, IPC_CREAT | 0600))), 0);
	id = msgget(KEY, 0);
	ASSERT_GE(id, 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(set_qbytes(id, MSGMNB + 1))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(set_qbytes(id, MSGMNB))), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(set_qbytes(id, 100))), 0);
	EXPECT_EQ(stat_of(id).msg_qbytes, 100);
	/* Root has it, unless (as in some containers) it was taken away. */
	if (has_cap(CAP_SYS_RESOURCE)) {
		EXPECT_EQ(set_qbytes(id, MSGMNB + 1), 0);
		EXPECT_EQ(stat_of(id).msg_qbytes, MSGMNB + 1);
	} else {
		EXPECT_ERRNO(set_qbytes(id, MSGMNB + 1), EPERM);
	}
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_private_key_always_creates,
				   t_key_lookup_create_and_excl,
				   t_new_queue_takes_euid_egid_and_mode,
				   t_stale_or_unknown_id_is_einval,
				   t_msgmni_limit_is_enospc,
				   t_msgsnd_bad_size_type_or_id_is_einval,
				   t_queue_counts_bytes_messages_and_pids,
				   t_full_queue_with_ipc_nowait_is_eagain,
				   t_rcv_type_0_takes_the_first_message,
				   t_rcv_positive_type_takes_the_first_of_that_type,
				   t_rcv_msg_except_takes_the_first_of_another_type,
				   t_rcv_negative_type_takes_the_lowest_type,
				   t_rcv_without_a_match_and_ipc_nowait_is_enomsg,
				   t_rcv_into_a_small_buffer_is_e2big_and_keeps_the_message,
				   t_blocked_receiver_gets_a_matching_message,
				   t_blocked_sender_is_woken_when_space_frees,
				   t_removal_wakes_a_blocked_receiver_with_eidrm,
				   t_removal_wakes_a_blocked_sender_with_eidrm,
				   t_signal_interrupts_a_blocked_receiver_with_eintr,
				   t_signal_interrupts_a_blocked_sender_with_eintr,
				   t_others_without_permission_get_eacces,
				   t_owner_bits_apply_before_group_and_other_bits,
				   t_group_bits_apply_to_group_members,
				   t_root_ignores_the_mode,
				   t_set_and_rmid_need_owner_creator_or_cap,
				   t_raising_qbytes_above_msgmnb_needs_cap_sys_resource));
}
