/*
 * ns_files: the namespace files under /proc/PID/ns and setns()'s checks of
 * them (linux-semantics.md E1-E5).
 *
 * readlink gives "TYPE:[INODE]" with the file's own inode number; the
 * initial namespaces have fixed numbers and new ones get numbers from
 * 0xF0000000 up; two tasks share a namespace exactly when their files have
 * the same (st_dev, st_ino).  setns() refuses a bad descriptor (EBADF), a
 * file that is no namespace, and a type that does not match (EINVAL).
 */
#include "ns_util.h"

#define NS_FIRST_DYNAMIC_INO	0xF0000000u

static const char *const ns_names[] = { "ipc", "pid", "user", "mnt", "uts" };
#define N_NAMES (sizeof(ns_names) / sizeof(ns_names[0]))

/* readlink() of /proc/self/ns/@name split into type and inode: 0 or -1. */
static int parse_link(const char *name, char *type, unsigned long *ino)
{
	char path[64], link[64];
	ssize_t n;
	int end = 0;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = '\0';
	if (sscanf(link, "%15[a-z]:[%lu]%n", type, ino, &end) != 2 || end != n)
		return -1;
	return 0;
}

static void expect_link(const char *name, const char *type)
{
	char path[64], got[16] = "";
	unsigned long ino = 0;

	EXPECT_EQ(parse_link(name, got, &ino), 0);
	EXPECT_STREQ(got, type);
	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	EXPECT_EQ(ino, ns_ino(path));
}

static void t_readlink_gives_type_and_inode(void)
{
	expect_link("ipc", "ipc");
	expect_link("pid", "pid");
	expect_link("pid_for_children", "pid");
	expect_link("user", "user");
	expect_link("mnt", "mnt");
}

/* E2: the tests run in the initial namespaces. */
static void t_initial_namespaces_have_fixed_inodes(void)
{
	EXPECT_EQ(ns_ino("/proc/self/ns/ipc"), 0xEFFFFFFFu);
	EXPECT_EQ(ns_ino("/proc/self/ns/uts"), 0xEFFFFFFEu);
	EXPECT_EQ(ns_ino("/proc/self/ns/user"), 0xEFFFFFFDu);
	EXPECT_EQ(ns_ino("/proc/self/ns/pid"), 0xEFFFFFFCu);
}

/* Whether /proc/@a/ns/@name and /proc/@b/ns/@name are the same namespace. */
static int same_ns(pid_t a, pid_t b, const char *name)
{
	char pa[64], pb[64];
	struct stat sa, sb;

	if (stat(ns_path(pa, sizeof(pa), a, name), &sa) ||
	    stat(ns_path(pb, sizeof(pb), b, name), &sb))
		return -1;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void t_a_forked_child_shares_every_namespace(void)
{
	struct ns_child c;
	size_t i;

	ASSERT_EQ(ns_hold(&c, 0), 0);
	for (i = 0; i < N_NAMES; i++)
		EXPECT_EQ(same_ns(getpid(), c.pid, ns_names[i]), 1);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* Only the namespaces asked for are new, each with a new dynamic number. */
static void t_new_namespaces_get_new_inodes(void)
{
	const unsigned long flags = CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWUSER | CLONE_NEWNS;
	unsigned long ino[4];
	struct ns_child c;
	char path[64];
	size_t i, j;

	ASSERT_EQ(ns_hold(&c, flags), 0);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(same_ns(getpid(), c.pid, ns_names[i]), 0);
		ino[i] = ns_ino(ns_path(path, sizeof(path), c.pid, ns_names[i]));
		EXPECT_GE(ino[i], NS_FIRST_DYNAMIC_INO);
		for (j = 0; j < i; j++)
			EXPECT_NE(ino[i], ino[j]);
	}
	EXPECT_EQ(same_ns(getpid(), c.pid, "uts"), 1);
	EXPECT_EQ(ns_reap(&c), 0);
}

static void t_setns_with_a_bad_fd_is_ebadf(void)
{
	int fd = open("/proc/self/ns/ipc", O_RDONLY);

	ASSERT_GE(fd, 0);
	close(fd);
	EXPECT_ERRNO(setns(-1, 0), EBADF);
	EXPECT_ERRNO(setns(fd, CLONE_NEWIPC), EBADF);
}

static void t_setns_with_a_file_that_is_no_namespace_is_einval(void)
{
	int fd = open("/proc/self/status", O_RDONLY);

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(setns(fd, 0), EINVAL);
	EXPECT_ERRNO(setns(fd, CLONE_NEWIPC), EINVAL);
	close(fd);
}

static void t_setns_with_a_mismatched_type_is_einval(void)
{
	int ipc = open("/proc/self/ns/ipc", O_RDONLY);
	int user = open("/proc/self/ns/user", O_RDONLY);

	EXPECT_GE(ipc, 0);
	EXPECT_GE(user, 0);
	EXPECT_ERRNO(setns(ipc, CLONE_NEWPID), EINVAL);
	EXPECT_ERRNO(setns(ipc, CLONE_NEWUSER), EINVAL);
	EXPECT_ERRNO(setns(user, CLONE_NEWIPC), EINVAL);
	close(ipc);
	close(user);
}

static int join_fd = -1;

static void join_with_type_0(void *out)
{
	unsigned long *r = out;

	r[0] = setns(join_fd, 0);
	r[1] = ns_ino("/proc/self/ns/ipc");
}

/* Type 0 means "whatever the file is". */
static void t_setns_with_type_0_takes_the_files_type(void)
{
	unsigned long r[2], target;
	struct ns_child c;
	char path[64];

	ASSERT_EQ(ns_hold(&c, CLONE_NEWIPC), 0);
	join_fd = open(ns_path(path, sizeof(path), c.pid, "ipc"), O_RDONLY);
	target = ns_ino(path);
	EXPECT_EQ(ns_run(0, join_with_type_0, r, sizeof(r)), 0);
	close(join_fd);
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], target);
	EXPECT_NE(target, ns_ino("/proc/self/ns/ipc"));
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_readlink_gives_type_and_inode,
				   t_initial_namespaces_have_fixed_inodes,
				   t_a_forked_child_shares_every_namespace,
				   t_new_namespaces_get_new_inodes,
				   t_setns_with_a_bad_fd_is_ebadf,
				   t_setns_with_a_file_that_is_no_namespace_is_einval,
				   t_setns_with_a_mismatched_type_is_einval,
				   t_setns_with_type_0_takes_the_files_type));
}
