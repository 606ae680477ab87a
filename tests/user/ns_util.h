/*
 * tests/user/ns_util.h: helpers shared by the namespace and IPC tests.
 *
 * Every namespace a test makes is made in a child (ns_clone), so the test
 * process stays in the namespaces it started in.  A child reports back in
 * one of two ways, and the parent turns the report into the case's result:
 *
 *  - ns_run(): the child fills a struct that comes back through a pipe and
 *    the parent checks its fields;
 *  - NS_CASE(): the whole case body runs in the child; its EXPECT_ lines
 *    print their diagnostics there, and the parent fails the case when the
 *    child's exit status says a check failed.
 *
 * ns_spawn() gives a child a pipe each way for handshakes, and ns_hold() a
 * child that only keeps its namespaces (and /proc/PID) alive until
 * ns_reap().  Closing the parent's ends always lets a waiting child go, so
 * no failure path leaves a process behind.
 *
 * Children made by ns_clone() are raw clone(2) children: musl still holds
 * the parent's thread id for them, so they signal themselves with
 * kill(getpid(), sig), never raise(), and leave with _exit().
 */
#ifndef NS_UTIL_H
#define NS_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "ktap.h"
#include "textfile.h"

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

/* The unprivileged users the tests become (uid and gid alike). */
#define TEST_UID	1000
#define OTHER_UID	1001

/* The ids shown for an unmapped uid or gid (overflowuid, overflowgid). */
#define OVERFLOW_ID	65534

/* A failed call's errno, or 0 when it succeeded (pointers included). */
#define ERRNO_OF(call)	((long)(call) == -1 ? errno : 0)

/* ---- processes ---------------------------------------------------------- */

/* clone(2) on the caller's stack: returns twice, like fork(), in new namespaces. */
static inline pid_t ns_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
}

/*
 * Given the result of a fork-like call (fork(), ns_clone()), as in
 * child_errno(ns_clone(flags)): in the child, exits at once; in the caller,
 * reaps it and gives the call's errno, or 0 if it made a child.
 */
static inline int child_errno(pid_t pid)
{
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return errno;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 0;
}

/* Reaps @pid: its exit code, 128 + the signal that killed it, or -1. */
static inline int wait_exit(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

/*
 * Gives up root for @uid (gid alike) and every supplementary group.  A
 * change of ids makes a process non-dumpable, which hands its /proc/PID
 * files (uid_map, ...) to root; like a process started as @uid, it is made
 * dumpable again so that they stay its own.
 */
static inline int drop_privs(uid_t uid)
{
	if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
		return -1;
	return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ? -1 : 0;
}

/*
 * Evaluates @expr in a forked child running as @uid and yields its value
 * (0..255, typically an ERRNO_OF()), or 255 if the child could not drop root.
 */
#define AS_USER(uid, expr) ({ \
	pid_t __pid = fork(); \
	if (__pid == 0) { \
		if (drop_privs(uid)) \
			_exit(255); \
		_exit((int)(expr) & 0xff); \
	} \
	__pid < 0 ? -1 : wait_exit(__pid); \
})

/* ---- pipes as handshakes -------------------------------------------------- */

/* Writes or reads one byte: 0 on success, -1 on error or end of file. */
static inline int sync_post(int fd)
{
	return write(fd, "x", 1) == 1 ? 0 : -1;
}

static inline int sync_wait(int fd)
{
	char c;
	ssize_t n;

	while ((n = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	return n == 1 ? 0 : -1;
}

/*
 * Runs @fn in a child made with clone(@flags); @fn fills @out (@size bytes,
 * at most a pipe buffer), which the parent receives.  Returns 0 when the
 * child exited 0 after sending all of @out, else its wait_exit() or -1.
 */
static inline int ns_run(unsigned long flags, void (*fn)(void *out), void *out, size_t size)
{
	int fd[2], status;
	ssize_t got;
	pid_t pid;

	memset(out, 0, size);
	if (pipe(fd))
		return -1;
	fflush(stdout);
	pid = ns_clone(flags);
	if (pid == 0) {
		close(fd[0]);
		fn(out);
		_exit(write(fd[1], out, size) == (ssize_t)size ? 0 : 1);
	}
	close(fd[1]);
	got = pid < 0 ? -1 : read_full(fd[0], out, size);
	close(fd[0]);
	if (pid < 0)
		return -1;
	status = wait_exit(pid);
	if (status)
		return status;
	return got == (ssize_t)size ? 0 : -1;
}

/* Runs a case body in a child made with clone(@flags): 0 if its checks passed. */
static inline int ns_check_in_child(unsigned long flags, void (*body)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = ns_clone(flags);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		ktap_failed = 0;
		if (!setjmp(ktap_abort))
			body();
		fflush(stdout);
		_exit(ktap_failed ? 1 : 0);
	}
	return wait_exit(pid);
}

/* Defines case t_NAME, whose body runs in a child in new namespaces @flags. */
#define NS_CASE(name, flags) \
	static void name##_body(void); \
	static void t_##name(void) \
	{ \
		EXPECT_EQ(ns_check_in_child(flags, name##_body), 0); \
	} \
	static void name##_body(void)

/* A child with a pipe each way; the fields are the parent's ends. */
struct ns_child {
	pid_t pid;
	int to;		/* written by the parent, read by the child */
	int from;	/* written by the child, read by the parent */
};

/*
 * Starts fn(in, out, arg) in a child made with clone(@flags), where in and
 * out are the child's ends of the two pipes; its return is the exit code.
 */
static inline int ns_spawn(struct ns_child *c, unsigned long flags,
			   int (*fn)(int in, int out, void *arg), void *arg)
{
	int down[2], up[2];

	c->pid = c->to = c->from = -1;
	if (pipe(down))
		return -1;
	if (pipe(up)) {
		close(down[0]);
		close(down[1]);
		return -1;
	}
	fflush(stdout);
	c->pid = ns_clone(flags);
	if (c->pid == 0) {
		close(down[1]);
		close(up[0]);
		_exit(fn(down[0], up[1], arg));
	}
	close(down[0]);
	close(up[1]);
	c->to = down[1];
	c->from = up[0];
	if (c->pid > 0)
		return 0;
	close(c->to);
	close(c->from);
	c->to = c->from = -1;
	return -1;
}

/*
 * Closes the parent's ends (a held child goes on) and reaps: wait_exit(),
 * or -1 if ns_spawn() had failed.
 */
static inline int ns_reap(struct ns_child *c)
{
	if (c->pid <= 0)
		return -1;
	close(c->to);
	close(c->from);
	return wait_exit(c->pid);
}

static inline int ns_hold_fn(int in, int out, void *arg)
{
	(void)out;
	(void)arg;
	sync_wait(in);
	return 0;
}

/* A child in new namespaces that waits for ns_reap(), so /proc/PID stays. */
static inline int ns_hold(struct ns_child *c, unsigned long flags)
{
	return ns_spawn(c, flags, ns_hold_fn, NULL);
}

/* One long through a pipe: 0 on success, -1 otherwise. */
static inline int send_long(int fd, long v)
{
	return write(fd, &v, sizeof(v)) == sizeof(v) ? 0 : -1;
}

/* The next long from a pipe, or @fallback at end of file. */
static inline long recv_long(int fd, long fallback)
{
	long v;

	return read_full(fd, &v, sizeof(v)) == sizeof(v) ? v : fallback;
}

/*
 * Waits until @pid (in the caller's pid namespace) sleeps interruptibly
 * ("S" in /proc/PID/stat).  The children it is used for make just one
 * call that can sleep, so then they are blocked in it.  -1 if @pid died.
 */
static inline int wait_sleeping(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (;;) {
		if (read_text(path, buf, sizeof(buf)) <= 0)
			return -1;
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return 0;
		if (p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'))
			return -1;
		sched_yield();
	}
}

/* A number read from a sysctl-like file, or -1. */
static inline long long read_number(const char *path)
{
	char buf[64];

	if (read_text(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtoll(buf, NULL, 10);
}

/*
 * Copies into @out what follows "@key:" on its line of @text, a /proc
 * status-like text (without the newline): 0, or -1 when there is no such line.
 */
static inline int text_field(const char *text, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	const char *line;

	for (line = text; line && *line; line = line ? line + 1 : NULL) {
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			size_t n = strcspn(line + klen + 1, "\n");

			if (n >= size)
				return -1;
			memcpy(out, line + klen + 1, n);
			out[n] = '\0';
			return 0;
		}
		line = strchr(line, '\n');
	}
	return -1;
}

/* text_field() of the file @path. */
static inline int proc_field(const char *path, const char *key, char *out, size_t size)
{
	char buf[4096];

	if (read_text(path, buf, sizeof(buf)) <= 0)
		return -1;
	return text_field(buf, key, out, size);
}

/* ioctl_ns(2) on a namespace file (linux/nsfs.h, which musl does not have). */
#define NSIO			0xb7
#define NS_GET_USERNS		_IO(NSIO, 0x1)
#define NS_GET_PARENT		_IO(NSIO, 0x2)
#define NS_GET_NSTYPE		_IO(NSIO, 0x3)
#define NS_GET_OWNER_UID	_IO(NSIO, 0x4)

/* The inode number of a namespace file (st_ino), or 0. */
static inline unsigned long ns_ino(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_ino;
}

/* /proc/PID/ns/NAME of @pid, in @buf. */
static inline const char *ns_path(char *buf, size_t size, pid_t pid, const char *name)
{
	snprintf(buf, size, "/proc/%d/ns/%s", pid, name);
	return buf;
}

/*
 * Gives the caller a private mount namespace's view of / and a proc of its
 * own pid namespace on /proc (the caller was made with CLONE_NEWNS).
 */
static inline int mount_own_proc(void)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -1;
	return mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

/* ---- user namespaces ------------------------------------------------------ */

/* Writes /proc/PID/{uid_map,gid_map,setgroups}: 0 or -errno. */
static inline int write_proc_file(pid_t pid, const char *name, const char *text)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	return write_text(path, text);
}

/*
 * Maps uid 0 and gid 0 of the caller's fresh user namespace to its own ids
 * outside (@uid, @gid), as an unprivileged process may: setgroups "deny"
 * first, then one line per map.
 */
static inline int map_self_as_root(uid_t uid, gid_t gid)
{
	char line[64];

	if (write_text("/proc/self/setgroups", "deny"))
		return -1;
	snprintf(line, sizeof(line), "0 %u 1\n", uid);
	if (write_text("/proc/self/uid_map", line))
		return -1;
	snprintf(line, sizeof(line), "0 %u 1\n", gid);
	return write_text("/proc/self/gid_map", line) ? -1 : 0;
}

/* Linux's capability sets (64 bits each), read with capget(2) version 3. */
struct cap_sets {
	uint64_t effective, permitted, inheritable;
};

struct cap_header {
	uint32_t version;
	int pid;
};

struct cap_data {
	uint32_t effective, permitted, inheritable;
};

#define CAP_VERSION_3	0x20080522

/* The capability numbers the tests use (linux/capability.h). */
#define CAP_SYS_ADMIN		21
#define CAP_SYS_RESOURCE	24

static inline int cap_get(pid_t pid, struct cap_sets *sets)
{
	struct cap_header hdr = { CAP_VERSION_3, pid };
	struct cap_data data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	sets->effective = data[0].effective | (uint64_t)data[1].effective << 32;
	sets->permitted = data[0].permitted | (uint64_t)data[1].permitted << 32;
	sets->inheritable = data[0].inheritable | (uint64_t)data[1].inheritable << 32;
	return 0;
}

/* Every capability the kernel knows: those PR_CAPBSET_READ accepts. */
static inline uint64_t all_caps(void)
{
	uint64_t mask = 0;
	int cap;

	for (cap = 0; cap < 64; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0)
			mask |= 1ULL << cap;
	return mask;
}

/* Whether the caller's effective set holds capability @cap. */
static inline int has_cap(int cap)
{
	struct cap_sets sets;

	return !cap_get(0, &sets) && (sets.effective >> cap & 1);
}

/* Sets the caller's three capability sets. */
static inline int cap_set(const struct cap_sets *sets)
{
	struct cap_header hdr = { CAP_VERSION_3, 0 };
	struct cap_data data[2] = {
		{ sets->effective, sets->permitted, sets->inheritable },
		{ sets->effective >> 32, sets->permitted >> 32, sets->inheritable >> 32 },
	};

	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

/*
 * clone(2) of a thread on @stack that calls exit(0) at once, written out in
 * assembly so that the new thread never returns into C on a foreign stack.
 */
static inline long clone_exiting_thread(unsigned long flags, void *stack)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %[exit], %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone), "D"(flags), "S"(stack), "d"(0L),
			   "r"(r10), "r"(r8), [exit] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * The errno of clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | @flags), or
 * 0 if a thread was made, tried in a throwaway child, after
 * unshare(@unshare_flags) there when that is not 0.
 */
static inline int clone_thread_errno(unsigned long flags, int unshare_flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		static char stack[16384] __attribute__((aligned(16)));
		long r;

		if (unshare_flags && unshare(unshare_flags))
			_exit(254);
		r = clone_exiting_thread(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | flags,
					 stack + sizeof(stack));
		_exit(r < 0 ? -r : 0);
	}
	return pid < 0 ? -1 : wait_exit(pid);
}

#endif
