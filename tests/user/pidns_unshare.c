/*
 * pidns_unshare: entering PID namespaces without clone(CLONE_NEWPID), and
 * the flag checks around them (linux-semantics.md B3, B4, B8, B13, B14).
 *
 * unshare(CLONE_NEWPID) and setns(fd, CLONE_NEWPID) change only where the
 * caller's next children go (pid_for_children): the caller keeps its pid,
 * its first child is the new init, and a second new namespace before that
 * one is entered is EINVAL.  pid_for_children cannot be opened (ENOENT)
 * until the namespace has a first task.  setns may only go down: into the
 * caller's own namespace or a descendant (else EINVAL), with
 * CAP_SYS_ADMIN (else EPERM).  CLONE_THREAD cannot cross namespaces, and a
 * namespace init may not use CLONE_PARENT.
 */
#include "ns_util.h"

struct unshared {
	long ret, pid_before, pid_after, ppid_before, ppid_after;
	unsigned long ns_before, ns_after;
};

static void unshare_pid(void *out)
{
	struct unshared *r = out;

	r->pid_before = getpid();
	r->ppid_before = getppid();
	r->ns_before = ns_ino("/proc/self/ns/pid");
	r->ret = unshare(CLONE_NEWPID);
	r->pid_after = getpid();
	r->ppid_after = getppid();
	r->ns_after = ns_ino("/proc/self/ns/pid");
}

static void t_unshare_keeps_the_callers_pid_and_namespace(void)
{
	struct unshared r;

	ASSERT_EQ(ns_run(0, unshare_pid, &r, sizeof(r)), 0);
	EXPECT_EQ(r.ret, 0);
	EXPECT_EQ(r.pid_after, r.pid_before);
	EXPECT_EQ(r.ppid_after, r.ppid_before);
	EXPECT_NE(r.ns_before, 0);
	EXPECT_EQ(r.ns_after, r.ns_before);
}

/*
 * A child that sends getpid() and getppid() on @report, then waits until
 * the caller closes @hold[1].
 */
static pid_t fork_reporter(int report, const int hold[2])
{
	pid_t pid = fork();

	if (pid == 0) {
		close(hold[1]);
		send_long(report, getpid());
		send_long(report, getppid());
		sync_wait(hold[0]);
		_exit(0);
	}
	return pid;
}

struct first_children {
	long unshare;
	long init_pid, init_ppid, second_pid, second_ppid;
};

static void two_children_after_unshare(void *out)
{
	struct first_children *r = out;
	int report[2], hold[2];
	pid_t a, b;

	if (pipe(report) || pipe(hold))
		return;
	r->unshare = unshare(CLONE_NEWPID);
	a = fork_reporter(report[1], hold);
	r->init_pid = recv_long(report[0], -1);
	r->init_ppid = recv_long(report[0], -1);
	b = fork_reporter(report[1], hold);
	r->second_pid = recv_long(report[0], -1);
	r->second_ppid = recv_long(report[0], -1);
	close(hold[1]);
	wait_exit(b);
	wait_exit(a);
}

/* Both children have their parent outside the namespace: getppid() is 0. */
static void t_first_child_after_unshare_is_pid_1(void)
{
	struct first_children r;

	ASSERT_EQ(ns_run(0, two_children_after_unshare, &r, sizeof(r)), 0);
	EXPECT_EQ(r.unshare, 0);
	EXPECT_EQ(r.init_pid, 1);
	EXPECT_EQ(r.init_ppid, 0);
	EXPECT_EQ(r.second_pid, 2);
	EXPECT_EQ(r.second_ppid, 0);
}

static void unshare_twice(void *out)
{
	long *r = out;

	r[0] = ERRNO_OF(unshare(CLONE_NEWPID));
	r[1] = ERRNO_OF(unshare(CLONE_NEWPID));
	r[2] = child_errno(ns_clone(CLONE_NEWPID));
}

static void t_second_new_namespace_before_entering_is_einval(void)
{
	long r[3];

	ASSERT_EQ(ns_run(0, unshare_twice, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], EINVAL);
	EXPECT_EQ(r[2], EINVAL);
}

struct for_children {
	long open_errno, readlink_errno, open_after;
	unsigned long child_ns, for_children_ns, own_ns;
};

static void look_at_pid_for_children(void *out)
{
	struct for_children *r = out;
	char link[64], path[64];
	int report[2], hold[2], fd;
	pid_t init;

	if (pipe(report) || pipe(hold) || unshare(CLONE_NEWPID))
		return;
	r->open_errno = ERRNO_OF(fd = open("/proc/self/ns/pid_for_children", O_RDONLY));
	r->readlink_errno = ERRNO_OF(readlink("/proc/self/ns/pid_for_children",
					      link, sizeof(link)));
	init = fork_reporter(report[1], hold);
	recv_long(report[0], -1);
	r->open_after = ERRNO_OF(fd = open("/proc/self/ns/pid_for_children", O_RDONLY));
	if (fd >= 0)
		close(fd);
	r->for_children_ns = ns_ino("/proc/self/ns/pid_for_children");
	r->child_ns = ns_ino(ns_path(path, sizeof(path), init, "pid"));
	r->own_ns = ns_ino("/proc/self/ns/pid");
	close(hold[1]);
	wait_exit(init);
}

static void t_pid_for_children_appears_with_the_first_child(void)
{
	struct for_children r;

	ASSERT_EQ(ns_run(0, look_at_pid_for_children, &r, sizeof(r)), 0);
	EXPECT_EQ(r.open_errno, ENOENT);
	EXPECT_EQ(r.readlink_errno, ENOENT);
	EXPECT_EQ(r.open_after, 0);
	EXPECT_NE(r.child_ns, 0);
	EXPECT_EQ(r.for_children_ns, r.child_ns);
	EXPECT_NE(r.for_children_ns, r.own_ns);
}

static void t_clone_thread_cannot_cross_pid_namespaces(void)
{
	EXPECT_EQ(clone_thread_errno(0, 0), 0);
	EXPECT_EQ(clone_thread_errno(CLONE_NEWPID, 0), EINVAL);
	EXPECT_EQ(clone_thread_errno(0, CLONE_NEWPID), EINVAL);
}

static void clone_parent_from_init(void *out)
{
	*(long *)out = child_errno(ns_clone(CLONE_PARENT));
}

static void t_clone_parent_from_an_init_is_einval(void)
{
	long r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, clone_parent_from_init, &r, sizeof(r)), 0);
	EXPECT_EQ(r, EINVAL);
}

struct sibling_init {
	long pid, own_waitpid_errno;
};

/* The new init becomes the caller's sibling: it exits 42 if it is pid 1. */
static void clone_parent_with_newpid(void *out)
{
	struct sibling_init *r = out;
	pid_t pid = ns_clone(CLONE_PARENT | CLONE_NEWPID);

	if (pid == 0)
		_exit(getpid() == 1 && getppid() == 0 ? 42 : 1);
	r->pid = pid;
	r->own_waitpid_errno = ERRNO_OF(waitpid(pid, NULL, 0));
}

static void t_clone_parent_with_newpid_from_an_ordinary_task(void)
{
	struct sibling_init r;

	ASSERT_EQ(ns_run(0, clone_parent_with_newpid, &r, sizeof(r)), 0);
	ASSERT_GT(r.pid, 0);
	EXPECT_EQ(r.own_waitpid_errno, ECHILD);
	EXPECT_EQ(wait_exit(r.pid), 42);
}

/* The namespace file setns() is tried with, opened before the child starts. */
static int target_fd = -1;

struct joined {
	long setns, pid_before, pid_after, child_pid, child_ppid, unshare_errno;
	unsigned long own_before, own_after, for_children, target;
};

static void join_target(void *out)
{
	struct joined *r = out;
	int report[2], hold[2];
	struct stat st;
	pid_t child;

	if (pipe(report) || pipe(hold) || fstat(target_fd, &st))
		return;
	r->target = st.st_ino;
	r->pid_before = getpid();
	r->own_before = ns_ino("/proc/self/ns/pid");
	r->setns = setns(target_fd, CLONE_NEWPID);
	r->pid_after = getpid();
	r->own_after = ns_ino("/proc/self/ns/pid");
	r->for_children = ns_ino("/proc/self/ns/pid_for_children");
	r->unshare_errno = ERRNO_OF(unshare(CLONE_NEWPID));
	child = fork_reporter(report[1], hold);
	r->child_pid = recv_long(report[0], -1);
	r->child_ppid = recv_long(report[0], -1);
	close(hold[1]);
	wait_exit(child);
}

/* B14: the target's init is 1 there, so the caller's next child is 2. */
static void t_setns_into_a_child_namespace_moves_only_children(void)
{
	struct ns_child init;
	struct joined r;
	char path[64];

	ASSERT_EQ(ns_hold(&init, CLONE_NEWPID), 0);
	target_fd = open(ns_path(path, sizeof(path), init.pid, "pid"), O_RDONLY);
	EXPECT_EQ(ns_run(0, join_target, &r, sizeof(r)), 0);
	close(target_fd);
	EXPECT_EQ(ns_reap(&init), 0);
	EXPECT_EQ(r.setns, 0);
	EXPECT_EQ(r.pid_after, r.pid_before);
	EXPECT_EQ(r.own_after, r.own_before);
	EXPECT_EQ(r.for_children, r.target);
	EXPECT_EQ(r.child_pid, 2);
	EXPECT_EQ(r.child_ppid, 0);
	EXPECT_EQ(r.unshare_errno, EINVAL);
}

static void setns_target(void *out)
{
	*(long *)out = ERRNO_OF(setns(target_fd, CLONE_NEWPID));
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

static void t_setns_into_own_namespace_is_allowed(void)
{
	int fd = open("/proc/self/ns/pid", O_RDONLY);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(setns_from_child(fd, 0), 0);
	close(fd);
}

static void t_setns_into_an_ancestor_is_einval(void)
{
	int fd = open("/proc/self/ns/pid", O_RDONLY);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(setns_from_child(fd, CLONE_NEWPID), EINVAL);
	close(fd);
}

static void t_setns_into_a_sibling_is_einval(void)
{
	struct ns_child sibling;
	char path[64];
	int fd;

	ASSERT_EQ(ns_hold(&sibling, CLONE_NEWPID), 0);
	fd = open(ns_path(path, sizeof(path), sibling.pid, "pid"), O_RDONLY);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(setns_from_child(fd, CLONE_NEWPID), EINVAL);
	close(fd);
	EXPECT_EQ(ns_reap(&sibling), 0);
}

static void t_setns_without_cap_sys_admin_is_eperm(void)
{
	struct ns_child init;
	char path[64];
	int fd;

	ASSERT_EQ(ns_hold(&init, CLONE_NEWPID), 0);
	fd = open(ns_path(path, sizeof(path), init.pid, "pid"), O_RDONLY);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(setns(fd, CLONE_NEWPID))), EPERM);
	close(fd);
	EXPECT_EQ(ns_reap(&init), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_unshare_keeps_the_callers_pid_and_namespace,
				   t_first_child_after_unshare_is_pid_1,
				   t_second_new_namespace_before_entering_is_einval,
				   t_pid_for_children_appears_with_the_first_child,
				   t_clone_thread_cannot_cross_pid_namespaces,
				   t_clone_parent_from_an_init_is_einval,
				   t_clone_parent_with_newpid_from_an_ordinary_task,
				   t_setns_into_a_child_namespace_moves_only_children,
				   t_setns_into_own_namespace_is_allowed,
				   t_setns_into_an_ancestor_is_einval,
				   t_setns_into_a_sibling_is_einval,
				   t_setns_without_cap_sys_admin_is_eperm));
}
