/*
 * userns_ownership: who may create PID and IPC namespaces, and which user
 * namespace owns them (linux-semantics.md B13, C7, C17, D4, D9).
 *
 * A new PID or IPC namespace needs CAP_SYS_ADMIN over the caller's user
 * namespace: an ordinary user gets EPERM.  With CLONE_NEWUSER in the same
 * call the user namespace is made first and owns the others, so the same
 * user passes the check, and its capabilities there count for them (here
 * CAP_IPC_OWNER for IPC permissions, CAP_SYS_ADMIN for ns_last_pid).
 */
#include "ns_util.h"
#include <sys/ipc.h>
#include <sys/msg.h>

static void t_ordinary_user_cannot_make_a_pid_namespace(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWPID))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, child_errno(ns_clone(CLONE_NEWPID))), EPERM);
}

static void t_ordinary_user_cannot_make_an_ipc_namespace(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWIPC))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, child_errno(ns_clone(CLONE_NEWIPC))), EPERM);
}

/* Runs @fn in a child made with clone(@flags): its exit code, or 100 + errno. */
static int run_in_clone(unsigned long flags, int (*fn)(void))
{
	pid_t pid = ns_clone(flags);

	if (pid == 0)
		_exit(fn());
	return pid < 0 ? 100 + errno : wait_exit(pid);
}

/* 0 when the caller is the init of a new PID namespace with a fresh IPC one. */
static int in_new_pid_and_ipc_namespaces(void)
{
	return getpid() == 1 && msgget(IPC_PRIVATE, 0600) == 0 ? 0 : 1;
}

static int clone_all_three(void)
{
	return run_in_clone(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWIPC,
			    in_new_pid_and_ipc_namespaces);
}

static void t_with_clone_newuser_in_the_same_call_it_may(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, clone_all_three()), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWUSER | CLONE_NEWPID |
						     CLONE_NEWIPC))), 0);
}

/* One unshare() at a time: the first errno, or 0. */
static int unshare_one_by_one(void)
{
	if (unshare(CLONE_NEWUSER) || unshare(CLONE_NEWIPC) || unshare(CLONE_NEWPID))
		return errno;
	return 0;
}

static void t_inside_a_user_namespace_of_its_own_it_may(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, unshare_one_by_one()), 0);
}

/*
 * In a fresh IPC namespace: creates a queue with mode 0 and sends to it,
 * which only CAP_IPC_OWNER over the namespace's owner allows: the errno.
 */
static int send_to_mode_0_queue(void)
{
	struct { long mtype; char mtext[1]; } m = { 1, { 'x' } };
	int id = msgget(IPC_PRIVATE, 0);

	if (id < 0)
		return 100 + errno;
	return ERRNO_OF(msgsnd(id, &m, 1, IPC_NOWAIT));
}

static int drop_then_send(void)
{
	return drop_privs(TEST_UID) ? 99 : send_to_mode_0_queue();
}

static void t_the_ipc_namespace_belongs_to_the_new_user_namespace(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, run_in_clone(CLONE_NEWUSER | CLONE_NEWIPC,
						 send_to_mode_0_queue)), 0);
	/* Control: an IPC namespace owned by the initial user namespace. */
	EXPECT_EQ(run_in_clone(CLONE_NEWIPC, drop_then_send), EACCES);
}

/* Sets ns_last_pid (needs CAP_SYS_ADMIN over the owner) and forks: 0 if 11. */
static int set_last_pid_and_fork(void)
{
	pid_t pid;

	if (write_text("/proc/sys/kernel/ns_last_pid", "10"))
		return 100 + errno;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait_exit(pid);
	return pid == 11 ? 0 : 1;
}

static void t_the_pid_namespace_belongs_to_the_new_user_namespace(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, run_in_clone(CLONE_NEWUSER | CLONE_NEWPID,
						 set_last_pid_and_fork)), 0);
	/* Control: the test's own PID namespace. */
	EXPECT_EQ(AS_USER(TEST_UID, -write_text("/proc/sys/kernel/ns_last_pid", "10")), EPERM);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_ordinary_user_cannot_make_a_pid_namespace,
				   t_ordinary_user_cannot_make_an_ipc_namespace,
				   t_with_clone_newuser_in_the_same_call_it_may,
				   t_inside_a_user_namespace_of_its_own_it_may,
				   t_the_ipc_namespace_belongs_to_the_new_user_namespace,
				   t_the_pid_namespace_belongs_to_the_new_user_namespace));
}
