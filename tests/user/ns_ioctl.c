/*
 * ns_ioctl: the ioctls of namespace files (Linux's ns_ioctl) and the
 * PIDFD_GET_*_NAMESPACE ioctls of pidfds (Linux 6.11).
 *
 * NS_GET_NSTYPE gives a file's CLONE_NEW* flag.  NS_GET_USERNS opens the
 * owning user namespace and NS_GET_PARENT the parent of a pid or user
 * namespace (EINVAL for the other types), each as a new close-on-exec
 * descriptor, and EPERM when the answer lies above the caller's own
 * namespace: nobody climbs out.  NS_GET_OWNER_UID gives a user
 * namespace's creator as the caller sees it (EINVAL for other types).
 * A pidfd opens the namespaces of its process like /proc/PID/ns does:
 * EINVAL with an argument, EACCES for a process one may not look into,
 * ESRCH once it is gone; another command is ENOTTY.
 */
#include "ns_util.h"
#include <sys/ioctl.h>

#define PIDFS_IOCTL_MAGIC			0xFF
#define PIDFD_GET_IPC_NAMESPACE			_IO(PIDFS_IOCTL_MAGIC, 2)
#define PIDFD_GET_MNT_NAMESPACE			_IO(PIDFS_IOCTL_MAGIC, 3)
#define PIDFD_GET_PID_NAMESPACE			_IO(PIDFS_IOCTL_MAGIC, 5)
#define PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE	_IO(PIDFS_IOCTL_MAGIC, 6)
#define PIDFD_GET_USER_NAMESPACE		_IO(PIDFS_IOCTL_MAGIC, 9)
#define PIDFD_GET_UTS_NAMESPACE			_IO(PIDFS_IOCTL_MAGIC, 10)

static int open_ns(pid_t pid, const char *name)
{
	char path[64];

	return open(ns_path(path, sizeof(path), pid, name), O_RDONLY);
}

static unsigned long fd_ino(int fd)
{
	struct stat st;

	return fd >= 0 && !fstat(fd, &st) ? (unsigned long)st.st_ino : 0;
}

static int cloexec(int fd)
{
	return fcntl(fd, F_GETFD) == FD_CLOEXEC;
}

static void t_nstype_names_each_type(void)
{
	static const struct {
		const char *name;
		int type;
	} types[] = {
		{ "ipc", CLONE_NEWIPC }, { "mnt", CLONE_NEWNS }, { "pid", CLONE_NEWPID },
		{ "pid_for_children", CLONE_NEWPID }, { "user", CLONE_NEWUSER },
		{ "uts", CLONE_NEWUTS },
	};
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		fd = open_ns(getpid(), types[i].name);
		EXPECT_EQ(ioctl(fd, NS_GET_NSTYPE), types[i].type);
		close(fd);
	}
	EXPECT_ERRNO(ioctl(0, NS_GET_NSTYPE), ENOTTY);
	fd = open_ns(getpid(), "uts");
	EXPECT_ERRNO(ioctl(fd, _IO(NSIO, 0x7f)), ENOTTY);
	close(fd);
}

/* A child in a new user and UTS namespace: its uts is owned by its user ns, owned by ours. */
static void t_userns_of_a_childs_namespace(void)
{
	struct ns_child c;
	int uts, uns, init_uns;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER | CLONE_NEWUTS), 0);
	uts = open_ns(c.pid, "uts");
	uns = ioctl(uts, NS_GET_USERNS);
	EXPECT_GE(uns, 0);
	EXPECT_TRUE(cloexec(uns));
	EXPECT_EQ(fd_ino(uns), ns_ino(ns_path((char[64]){0}, 64, c.pid, "user")));
	init_uns = ioctl(uns, NS_GET_USERNS);
	EXPECT_EQ(fd_ino(init_uns), ns_ino("/proc/self/ns/user"));
	EXPECT_EQ(fd_ino(init_uns), fd_ino(ioctl(uns, NS_GET_PARENT)));
	EXPECT_ERRNO(ioctl(init_uns, NS_GET_USERNS), EPERM);
	EXPECT_ERRNO(ioctl(init_uns, NS_GET_PARENT), EPERM);
	close(init_uns);
	close(uns);
	close(uts);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* After entering a new user namespace, the old one's namespaces are out of reach. */
NS_CASE(owner_above_the_callers_user_namespace_is_eperm, 0)
{
	int uts = open_ns(getpid(), "uts");

	ASSERT_EQ(unshare(CLONE_NEWUSER), 0);
	EXPECT_ERRNO(ioctl(uts, NS_GET_USERNS), EPERM);
	close(uts);
}

/* A child in a new pid namespace: its parent is ours, whose own parent is out of reach. */
static void t_parent_of_a_pid_namespace(void)
{
	struct ns_child c;
	int pidns, parent, uts;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER | CLONE_NEWPID), 0);
	pidns = open_ns(c.pid, "pid");
	parent = ioctl(pidns, NS_GET_PARENT);
	EXPECT_GE(parent, 0);
	EXPECT_TRUE(cloexec(parent));
	EXPECT_EQ(fd_ino(parent), ns_ino("/proc/self/ns/pid"));
	EXPECT_ERRNO(ioctl(parent, NS_GET_PARENT), EPERM);
	uts = open_ns(c.pid, "uts");
	EXPECT_ERRNO(ioctl(uts, NS_GET_PARENT), EINVAL);
	close(uts);
	close(parent);
	close(pidns);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* A user namespace made by TEST_UID: its owner is TEST_UID, seen from outside. */
static int make_userns_as_user(int in, int out, void *arg)
{
	(void)arg;
	if (drop_privs(TEST_UID) || unshare(CLONE_NEWUSER))
		return 1;
	sync_post(out);
	sync_wait(in);
	return 0;
}

static void t_owner_uid_of_a_user_namespace(void)
{
	struct ns_child c;
	uid_t uid = 12345;
	int uns, uts;

	ASSERT_EQ(ns_spawn(&c, 0, make_userns_as_user, NULL), 0);
	ASSERT_EQ(sync_wait(c.from), 0);
	uns = open_ns(c.pid, "user");
	EXPECT_EQ(ioctl(uns, NS_GET_OWNER_UID, &uid), 0);
	EXPECT_EQ(uid, TEST_UID);
	uts = open_ns(c.pid, "uts");
	EXPECT_ERRNO(ioctl(uts, NS_GET_OWNER_UID, &uid), EINVAL);
	close(uts);
	close(uns);
	EXPECT_EQ(ns_reap(&c), 0);
}

static int pidfd_open(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

static void expect_pidfd_ns(int pidfd, unsigned long cmd, pid_t pid, const char *name)
{
	char path[64];
	int fd = ioctl(pidfd, cmd, 0);

	EXPECT_GE(fd, 0);
	EXPECT_TRUE(cloexec(fd));
	EXPECT_EQ(fd_ino(fd), ns_ino(ns_path(path, sizeof(path), pid, name)));
	if (fd >= 0)
		close(fd);
}

static void t_pidfd_opens_the_process_namespaces(void)
{
	struct ns_child c;
	int pidfd;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS |
			  CLONE_NEWPID), 0);
	pidfd = pidfd_open(c.pid);
	ASSERT_GE(pidfd, 0);
	expect_pidfd_ns(pidfd, PIDFD_GET_UTS_NAMESPACE, c.pid, "uts");
	expect_pidfd_ns(pidfd, PIDFD_GET_IPC_NAMESPACE, c.pid, "ipc");
	expect_pidfd_ns(pidfd, PIDFD_GET_MNT_NAMESPACE, c.pid, "mnt");
	expect_pidfd_ns(pidfd, PIDFD_GET_USER_NAMESPACE, c.pid, "user");
	expect_pidfd_ns(pidfd, PIDFD_GET_PID_NAMESPACE, c.pid, "pid");
	expect_pidfd_ns(pidfd, PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE, c.pid, "pid_for_children");
	EXPECT_ERRNO(ioctl(pidfd, PIDFD_GET_UTS_NAMESPACE, 1), EINVAL);
	EXPECT_ERRNO(ioctl(pidfd, NS_GET_NSTYPE), ENOTTY);
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_ERRNO(ioctl(pidfd, PIDFD_GET_UTS_NAMESPACE, 0), ESRCH);
	close(pidfd);
}

/* Another user's process: its namespaces stay closed to us. */
static void t_pidfd_of_a_process_one_may_not_inspect(void)
{
	struct ns_child c;
	int pidfd;

	ASSERT_EQ(ns_hold(&c, 0), 0);
	pidfd = pidfd_open(c.pid);
	ASSERT_GE(pidfd, 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(ioctl(pidfd, PIDFD_GET_UTS_NAMESPACE, 0))), EACCES);
	close(pidfd);
	EXPECT_EQ(ns_reap(&c), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_nstype_names_each_type, t_userns_of_a_childs_namespace,
				   t_owner_above_the_callers_user_namespace_is_eperm,
				   t_parent_of_a_pid_namespace, t_owner_uid_of_a_user_namespace,
				   t_pidfd_opens_the_process_namespaces,
				   t_pidfd_of_a_process_one_may_not_inspect));
}
