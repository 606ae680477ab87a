/*
 * userns_setns: entering a user namespace with setns() (linux-semantics.md
 * D9, D11, E5; LTP userns04).
 *
 * setns(fd, CLONE_NEWUSER) needs CAP_SYS_ADMIN in the target, which a task
 * has in its own namespace's descendants (all of them as root, those it
 * owns as an ordinary user) and never in an ancestor or a sibling (EPERM).
 * Entering the caller's current namespace, or entering from a process with
 * several threads, is EINVAL.  The task gets every capability there.
 */
#include "ns_util.h"
#include <pthread.h>

/* The descriptor setns() is tried with, opened before the child starts. */
static int target_fd = -1;

static void setns_target(void *out)
{
	*(long *)out = ERRNO_OF(setns(target_fd, CLONE_NEWUSER));
}

/* setns() into @fd's namespace from a child made with @flags: the errno. */
static long setns_from_child(int fd, unsigned long flags)
{
	long r = -1;

	target_fd = fd;
	if (ns_run(flags, setns_target, &r, sizeof(r)))
		return -1;
	return r;
}

static int open_user_ns(pid_t pid)
{
	char path[64];

	return open(ns_path(path, sizeof(path), pid, "user"), O_RDONLY);
}

static void t_setns_into_the_current_namespace_is_einval(void)
{
	int fd = open_user_ns(getpid());

	ASSERT_GE(fd, 0);
	EXPECT_EQ(setns_from_child(fd, 0), EINVAL);
	close(fd);
}

static void t_setns_into_an_ancestor_is_eperm(void)
{
	int fd = open_user_ns(getpid());

	ASSERT_GE(fd, 0);
	EXPECT_EQ(setns_from_child(fd, CLONE_NEWUSER), EPERM);
	close(fd);
}

/* LTP userns04: siblings have no capabilities in each other. */
static void t_setns_into_a_sibling_is_eperm(void)
{
	struct ns_child sibling;
	int fd;

	ASSERT_EQ(ns_hold(&sibling, CLONE_NEWUSER), 0);
	fd = open_user_ns(sibling.pid);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(setns_from_child(fd, CLONE_NEWUSER), EPERM);
	close(fd);
	EXPECT_EQ(ns_reap(&sibling), 0);
}

struct entered {
	long setns, uid;
	unsigned long ns;
	uint64_t effective, all;
};

static void enter_target(void *out)
{
	struct entered *r = out;
	struct cap_sets sets = { 0, 0, 0 };

	r->setns = setns(target_fd, CLONE_NEWUSER);
	r->uid = getuid();
	r->ns = ns_ino("/proc/self/ns/user");
	cap_get(0, &sets);
	r->effective = sets.effective;
	r->all = all_caps();
}

static void t_root_enters_a_child_namespace_with_every_capability(void)
{
	struct ns_child child;
	struct entered r;
	char path[64];

	ASSERT_EQ(ns_hold(&child, CLONE_NEWUSER), 0);
	EXPECT_EQ(write_proc_file(child.pid, "uid_map", "0 0 1\n"), 0);
	target_fd = open_user_ns(child.pid);
	EXPECT_EQ(ns_run(0, enter_target, &r, sizeof(r)), 0);
	close(target_fd);
	EXPECT_EQ(r.setns, 0);
	EXPECT_EQ(r.ns, ns_ino(ns_path(path, sizeof(path), child.pid, "user")));
	EXPECT_EQ(r.uid, 0);
	EXPECT_EQ(r.effective, r.all);
	EXPECT_EQ(ns_reap(&child), 0);
}

/* As TEST_UID: makes a user namespace, tells its holder's pid, keeps it. */
static int own_a_namespace(int in, int out, void *arg)
{
	struct ns_child c;

	(void)arg;
	if (drop_privs(TEST_UID) || ns_hold(&c, CLONE_NEWUSER))
		return 1;
	send_long(out, c.pid);
	sync_wait(in);
	return ns_reap(&c);
}

/* D9: the owner, though an ordinary user, has CAP_SYS_ADMIN there. */
static void t_only_the_owner_enters_an_unprivileged_users_namespace(void)
{
	struct ns_child owner;
	long pid;
	int fd;

	ASSERT_EQ(ns_spawn(&owner, 0, own_a_namespace, NULL), 0);
	pid = recv_long(owner.from, -1);
	fd = pid > 0 ? open_user_ns(pid) : -1;
	EXPECT_GE(fd, 0);
	EXPECT_EQ(AS_USER(OTHER_UID, ERRNO_OF(setns(fd, CLONE_NEWUSER))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(setns(fd, CLONE_NEWUSER))), 0);
	close(fd);
	EXPECT_EQ(ns_reap(&owner), 0);
}

static void *wait_for_end_of_file(void *fd)
{
	sync_wait(*(int *)fd);
	return NULL;
}

/* setns() with a second thread running: the errno. */
static int setns_with_two_threads(int fd)
{
	int hold[2], err;
	pthread_t thread;

	if (pipe(hold) || pthread_create(&thread, NULL, wait_for_end_of_file, &hold[0]))
		return 100;
	err = ERRNO_OF(setns(fd, CLONE_NEWUSER));
	close(hold[1]);
	pthread_join(thread, NULL);
	return err;
}

static void t_setns_from_a_multithreaded_process_is_einval(void)
{
	struct ns_child child;
	pid_t pid;
	int fd;

	ASSERT_EQ(ns_hold(&child, CLONE_NEWUSER), 0);
	fd = open_user_ns(child.pid);
	EXPECT_GE(fd, 0);
	pid = fork();
	if (pid == 0)
		_exit(setns_with_two_threads(fd));
	EXPECT_EQ(wait_exit(pid), EINVAL);
	close(fd);
	EXPECT_EQ(ns_reap(&child), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_setns_into_the_current_namespace_is_einval,
				   t_setns_into_an_ancestor_is_eperm,
				   t_setns_into_a_sibling_is_eperm,
				   t_root_enters_a_child_namespace_with_every_capability,
				   t_only_the_owner_enters_an_unprivileged_users_namespace,
				   t_setns_from_a_multithreaded_process_is_einval));
}
