/*
 * debian_ns_tools: Debian 12's own namespace tools, unmodified dynamic
 * glibc programs (util-linux's ipcmk, ipcs, ipcrm, unshare, nsenter and
 * lsns, procps's ps), print what they print on Linux.  Each case runs
 * them in new namespaces, where what they show is the same on any
 * machine, and compares their whole output with the text Linux gives,
 * the fields that differ from boot to boot masked: namespace inode
 * numbers (NS) and System V keys, which ipcmk draws at random (KEY).  The
 * same binary passes on the host's Linux (make test-linux): that run is
 * the comparison.  Needs root (namespaces, mounts), as on Linux.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "ns_util.h"
#include "textfile.h"

#define OUT_MAX	4096

static char *const tool_env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", NULL };

/* Replaces, in place, each 0x and 8 hex digits with KEY and each 40265... inode number with NS. */
static void mask(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '0' && r[1] == 'x' && strspn(r + 2, "0123456789abcdef") == 8) {
			memcpy(w, "KEY", 3), w += 3, r += 10;
		} else if (!strncmp(r, "40265", 5) && strspn(r, "0123456789") == 10 &&
			   (r == s || !isdigit((unsigned char)r[-1]))) {
			memcpy(w, "NS", 2), w += 2, r += 10;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Runs @argv and checks its exit code 0 and its masked output. */
#define EXPECT_TOOL(want, ...) do { \
	char *const __argv[] = { __VA_ARGS__, NULL }; \
	char __out[OUT_MAX]; \
	EXPECT_EQ(run_capture(__argv, tool_env, 1, __out, sizeof(__out)), 0); \
	mask(__out); \
	EXPECT_STREQ(__out, want); \
} while (0)

static void need_tools(void)
{
	static const char *const tools[] = { "/usr/bin/ipcmk", "/usr/bin/ipcs", "/usr/bin/ipcrm",
					     "/usr/bin/unshare", "/usr/bin/nsenter",
					     "/usr/bin/lsns", "/usr/bin/ps" };

	if (geteuid() != 0)
		KTAP_SKIP("needs root");
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (access(tools[i], X_OK))
			KTAP_SKIP("a tool is missing here (util-linux, procps)");
}

#define IPCS_EMPTY \
	"\n------ Message Queues --------\n" \
	"key        msqid      owner      perms      used-bytes   messages    \n\n" \
	"------ Shared Memory Segments --------\n" \
	"key        shmid      owner      perms      bytes      nattch     status      \n\n" \
	"------ Semaphore Arrays --------\n" \
	"key        semid      owner      perms      nsems     \n\n"

/* In a new IPC namespace: each kind's first id is 0, ipcs lists them, ipcrm -a removes all. */
NS_CASE(ipcmk_ipcs_ipcrm, CLONE_NEWIPC)
{
	need_tools();
	EXPECT_TOOL("Message queue id: 0\n", "/usr/bin/ipcmk", "-Q");
	EXPECT_TOOL("Semaphore id: 0\n", "/usr/bin/ipcmk", "-S", "2");
	EXPECT_TOOL("Shared memory id: 0\n", "/usr/bin/ipcmk", "-M", "4096");
	EXPECT_TOOL("\n------ Message Queues --------\n"
		    "key        msqid      owner      perms      used-bytes   messages    \n"
		    "KEY 0          root       644        0            0           \n\n"
		    "------ Shared Memory Segments --------\n"
		    "key        shmid      owner      perms      bytes      nattch     status      \n"
		    "KEY 0          root       644        4096       0                       \n\n"
		    "------ Semaphore Arrays --------\n"
		    "key        semid      owner      perms      nsems     \n"
		    "KEY 0          root       644        2         \n\n",
		    "/usr/bin/ipcs", "-a");
	EXPECT_TOOL("", "/usr/bin/ipcrm", "-a");
	EXPECT_TOOL(IPCS_EMPTY, "/usr/bin/ipcs", "-a");
}

/* unshare -p -f --mount-proc: the command is pid 1 of its own /proc. */
static void t_unshare_mount_proc(void)
{
	need_tools();
	EXPECT_TOOL("    PID    PPID COMMAND\n      1       0 ps\n",
		    "/usr/bin/unshare", "-p", "-f", "--mount-proc", "/usr/bin/ps", "-eo",
		    "pid,ppid,comm");
	EXPECT_TOOL("inner\n", "/usr/bin/unshare", "-u", "/bin/sh", "-c",
		    "hostname inner && hostname");
	/* a new IPC namespace's queue list is empty: its 4 lines are the headers */
	EXPECT_TOOL("4\n", "/usr/bin/unshare", "-i", "/bin/sh", "-c", "ipcs -q | wc -l");
}

/* Waits until pid 2 of this namespace is sleep, asleep (polled, not timed). */
static void wait_for_sleep(void)
{
	char stat[256];
	int fd;
	ssize_t n;

	for (;;) {
		fd = open("/proc/2/stat", O_RDONLY);
		n = fd < 0 ? -1 : read(fd, stat, sizeof(stat) - 1);
		if (fd >= 0)
			close(fd);
		if (n > 0 && (stat[n] = '\0', strstr(stat, "(sleep) S")))
			return;
		sched_yield();
	}
}

/*
 * As pid 1 of new pid, mount, UTS and IPC namespaces, with a /proc of
 * its own and a sleep as pid 2: ps and lsns (the list and the tree of
 * owners) show just these.
 */
NS_CASE(ps_and_lsns_in_new_namespaces, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC)
{
	char *const sleep_argv[] = { "/bin/sleep", "1000", NULL };
	pid_t sleeper;

	need_tools();
	ASSERT_EQ(mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
	ASSERT_EQ(mount("proc", "/proc", "proc", 0, NULL), 0);
	sleeper = fork();
	if (sleeper == 0) {
		execve(sleep_argv[0], sleep_argv, tool_env);
		_exit(127);
	}
	ASSERT_EQ(sleeper, 2);
	wait_for_sleep();
	EXPECT_TOOL("    PID    PPID STAT COMMAND\n"
		    "      1       0 S    debian_ns_tools\n"
		    "      2       1 S    sleep\n"
		    "      3       1 R    ps\n",
		    "/usr/bin/ps", "-eo", "pid,ppid,stat,comm");
	EXPECT_TOOL("    PID    PPID      PIDNS COMMAND\n"
		    "      1       0 NS debian_ns_tools\n"
		    "      2       1 NS sleep\n"
		    "      4       1 NS ps\n",
		    "/usr/bin/ps", "-eo", "pid,ppid,pidns,comm");
	EXPECT_TOOL("TYPE  NPROCS PID PPID\n"
		    "user       3   1    0\n"
		    "mnt        3   1    0\n"
		    "uts        3   1    0\n"
		    "ipc        3   1    0\n"
		    "pid        3   1    0\n",
		    "/usr/bin/lsns", "-t", "user", "-t", "mnt", "-t", "uts", "-t", "ipc", "-t", "pid",
		    "-o", "TYPE,NPROCS,PID,PPID");
	EXPECT_TOOL("NS           TYPE  NPROCS PID\n"
		    "NS   user       3   1\n"
		    "|-NS mnt        3   1\n"
		    "|-NS uts        3   1\n"
		    "|-NS ipc        3   1\n"
		    "`-NS pid        3   1\n",
		    "/usr/bin/lsns", "-T", "-t", "user", "-t", "mnt", "-t", "uts", "-t", "ipc",
		    "-t", "pid", "-o", "NS,TYPE,NPROCS,PID");
	kill(sleeper, SIGKILL);
	wait_exit(sleeper);
}

/* The target of nsenter: new namespaces, a host name, a queue, its own /proc. */
static int target_fn(int in, int out, void *arg)
{
	(void)arg;
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("proc", "/proc", "proc", 0, NULL) || sethostname("inside", 6) ||
	    msgget(IPC_PRIVATE, 0600) != 0)
		return 1;
	sync_post(out);
	sync_wait(in);
	return 0;
}

/* nsenter -t PID -a enters every namespace of PID: its host name, IPC objects and /proc. */
static void t_nsenter_all(void)
{
	struct ns_child c;
	char pid[16];

	need_tools();
	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC, target_fn,
			   NULL), 0);
	ASSERT_EQ(sync_wait(c.from), 0);
	snprintf(pid, sizeof(pid), "%d", c.pid);
	EXPECT_TOOL("inside\n", "/usr/bin/nsenter", "-t", pid, "-a", "/bin/hostname");
	EXPECT_TOOL("\n------ Message Queues --------\n"
		    "key        msqid      owner      perms      used-bytes   messages    \n"
		    "KEY 0          root       600        0            0           \n\n",
		    "/usr/bin/nsenter", "-t", pid, "-a", "/usr/bin/ipcs", "-q");
	/* pids 2 and 3 went to the nsenter children before */
	EXPECT_TOOL("    PID COMMAND\n      1 debian_ns_tools\n      4 ps\n",
		    "/usr/bin/nsenter", "-t", pid, "-a", "/usr/bin/ps", "-eo", "pid,comm");
	EXPECT_TOOL("inside\n", "/usr/bin/nsenter", "-t", pid, "-u", "/bin/hostname");
	EXPECT_EQ(ns_reap(&c), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_ipcmk_ipcs_ipcrm, t_unshare_mount_proc,
				   t_ps_and_lsns_in_new_namespaces, t_nsenter_all));
}
