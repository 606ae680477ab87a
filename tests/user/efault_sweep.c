/*
 * efault_sweep: every system call of the user-mode tests that takes a
 * pointer, given bad ones, fails with EFAULT and nothing worse: NULL, a
 * kernel address, an unmapped user address (a page mapped then unmapped),
 * and two non-canonical addresses; path arguments also get a string that
 * runs, without its NUL, into an unmapped page.  Where Linux reads NULL as
 * "no argument" the call succeeds instead; t_null_means_no_argument checks
 * that, and those sweeps start after NULL.  The last case checks that the
 * process is still whole: fork and wait work.
 *
 * All calls go through syscall(): musl's wrappers sometimes copy through
 * their own buffers, which would fault in user space instead.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL
#define KSIGSET 8		/* the kernel's sigset_t size */
#define FUTEX_WAIT 0		/* <linux/futex.h> */

struct bad_ptr {
	const char *name;
	void *addr;
};

/* Index 0 is NULL; index NBAD is the runaway string, for paths only. */
enum { NBAD = 5 };
static struct bad_ptr bad[NBAD + 1] = {
	{ "NULL", NULL },
	{ "a kernel address", (void *)0xffffffff81000000UL },
	{ "an unmapped page", NULL },			/* set in main() */
	{ "non-canonical 0x0000800000000000", (void *)0x0000800000000000UL },
	{ "non-canonical 0x8000000000000000", (void *)0x8000000000000000UL },
	{ "a path running into an unmapped page", NULL },	/* set in main() */
};

/* Expects @call, which uses the variable p, to fail with EFAULT for each
 * bad pointer p from bad[@first] to bad[@last - 1]. */
#define EFAULT_SWEEP(first, last, call) do { \
	int i_; \
	for (i_ = (first); i_ < (last); i_++) { \
		void *p = bad[i_].addr; \
		long r_; \
		errno = 0; \
		r_ = (long)(call); \
		if (r_ != -1 || errno != EFAULT) \
			KTAP_FAIL("%s with p = %s: got %ld, errno %d %s", #call, \
				  bad[i_].name, r_, errno, strerror(errno)); \
	} \
} while (0)

/* Every bad pointer; every one but NULL; every one plus the runaway path. */
#define EFAULT_ALL(call)	EFAULT_SWEEP(0, NBAD, call)
#define EFAULT_NON_NULL(call)	EFAULT_SWEEP(1, NBAD, call)
#define EFAULT_PATHS(call)	EFAULT_SWEEP(0, NBAD + 1, call)

static char file_path[64], link_path[64], dir_path[64];
static int file_fd, dir_fd;

/*
 * Fills in the unmapped-page pointers (nothing in this program maps memory
 * afterwards, so the hole stays a hole) and creates a file, a symlink to
 * it and a directory for the calls that need a real object.
 */
static int setup(void)
{
	char *pages = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (pages == MAP_FAILED || munmap(pages + PAGE, PAGE))
		return -1;
	/* "/tmp/aaa...": 16 bytes ending at the page's end, no NUL. */
	memcpy(pages + PAGE - 16, "/tmp/aaaaaaaaaaa", 16);
	bad[NBAD].addr = pages + PAGE - 16;
	bad[2].addr = pages + PAGE + 64;
	snprintf(file_path, sizeof(file_path), "/tmp/efault_sweep.%d", getpid());
	snprintf(link_path, sizeof(link_path), "/tmp/efault_sweep.%d.link", getpid());
	snprintf(dir_path, sizeof(dir_path), "/tmp/efault_sweep.%d.dir", getpid());
	file_fd = open(file_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (file_fd < 0 || write(file_fd, "0123456789abcdef", 16) != 16)
		return -1;
	if (symlink(file_path, link_path) || mkdir(dir_path, 0755))
		return -1;
	dir_fd = open(dir_path, O_RDONLY | O_DIRECTORY);
	return dir_fd < 0 ? -1 : 0;
}

static void cleanup(void)
{
	close(file_fd);
	close(dir_fd);
	unlink(file_path);
	unlink(link_path);
	rmdir(dir_path);
}

/* The lowest free descriptor: a failed call must not leak any. */
static int lowest_free_fd(void)
{
	int fd = 0;

	while (fcntl(fd, F_GETFD) >= 0)
		fd++;
	return fd;
}

static void t_read_write(void)
{
	int q[2];

	ASSERT_EQ(pipe(q), 0);
	ASSERT_EQ(write(q[1], "data", 4), 4);
	ASSERT_EQ(lseek(file_fd, 0, SEEK_SET), 0);
	EFAULT_ALL(syscall(SYS_read, file_fd, p, 16));
	EFAULT_ALL(syscall(SYS_read, q[0], p, 4));	/* data is waiting */
	EFAULT_ALL(syscall(SYS_write, q[1], p, 16));
	EFAULT_ALL(syscall(SYS_write, file_fd, p, 16));
	EFAULT_ALL(syscall(SYS_pread64, file_fd, p, 16, 0));
	EXPECT_EQ(lseek(file_fd, 0, SEEK_CUR), 0);	/* nothing was read */
	close(q[0]);
	close(q[1]);
}

static void t_readv_writev(void)
{
	struct iovec iov = { NULL, 16 };

	ASSERT_EQ(lseek(file_fd, 0, SEEK_SET), 0);
	/* The iovec array itself, then the buffer it points to. */
	EFAULT_ALL(syscall(SYS_readv, file_fd, p, 1));
	EFAULT_ALL(syscall(SYS_writev, file_fd, p, 1));
	EFAULT_ALL((iov.iov_base = p, syscall(SYS_readv, file_fd, &iov, 1)));
	EFAULT_ALL((iov.iov_base = p, syscall(SYS_writev, file_fd, &iov, 1)));
}

static void t_open_openat(void)
{
	int before = lowest_free_fd();

	EFAULT_PATHS(syscall(SYS_open, p, O_RDONLY));
	EFAULT_PATHS(syscall(SYS_open, p, O_WRONLY | O_CREAT, 0644));
	EFAULT_PATHS(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
	EFAULT_PATHS(syscall(SYS_openat, dir_fd, p, O_RDONLY));
	EXPECT_EQ(lowest_free_fd(), before);
}

static void t_stat_family(void)
{
	struct stat st;

	EFAULT_PATHS(syscall(SYS_stat, p, &st));
	EFAULT_PATHS(syscall(SYS_lstat, p, &st));
	EFAULT_PATHS(syscall(SYS_newfstatat, AT_FDCWD, p, &st, 0));
	EFAULT_ALL(syscall(SYS_stat, file_path, p));
	EFAULT_ALL(syscall(SYS_lstat, link_path, p));
	EFAULT_ALL(syscall(SYS_fstat, file_fd, p));
	EFAULT_ALL(syscall(SYS_newfstatat, AT_FDCWD, file_path, p, 0));
	EFAULT_PATHS(syscall(SYS_statfs, p, &st));
	EFAULT_ALL(syscall(SYS_statfs, file_path, p));
	EFAULT_ALL(syscall(SYS_fstatfs, file_fd, p));
}

static void t_getdents64(void)
{
	/* Rewound each time, so every call has "." to copy out. */
	EFAULT_ALL((lseek(dir_fd, 0, SEEK_SET), syscall(SYS_getdents64, dir_fd, p, 4096)));
}

static void t_path_calls(void)
{
	EFAULT_PATHS(syscall(SYS_mkdir, p, 0755));
	EFAULT_PATHS(syscall(SYS_rmdir, p));
	EFAULT_PATHS(syscall(SYS_unlink, p));
	EFAULT_PATHS(syscall(SYS_chdir, p));
	EFAULT_PATHS(syscall(SYS_access, p, F_OK));
	EFAULT_PATHS(syscall(SYS_rename, p, file_path));
	EFAULT_PATHS(syscall(SYS_rename, file_path, p));
	EXPECT_EQ(access(file_path, F_OK), 0);		/* nothing was moved */
}

/* The name, then the times: NULL times mean "now" (t_null_means_no_argument). */
static void t_utimes(void)
{
	EFAULT_PATHS(syscall(SYS_utimensat, AT_FDCWD, p, NULL, 0));
	EFAULT_PATHS(syscall(SYS_futimesat, AT_FDCWD, p, NULL));
	EFAULT_PATHS(syscall(SYS_utimes, p, NULL));
	EFAULT_PATHS(syscall(SYS_utime, p, NULL));
	EFAULT_NON_NULL(syscall(SYS_utimensat, AT_FDCWD, file_path, p, 0));
	EFAULT_NON_NULL(syscall(SYS_utimensat, file_fd, NULL, p, 0));
	EFAULT_NON_NULL(syscall(SYS_futimesat, AT_FDCWD, file_path, p));
	EFAULT_NON_NULL(syscall(SYS_utimes, file_path, p));
	EFAULT_NON_NULL(syscall(SYS_utime, file_path, p));
}

static void t_symlink_readlink(void)
{
	char buf[64];

	EFAULT_PATHS(syscall(SYS_symlink, p, "/tmp/efault_sweep.never"));
	EFAULT_PATHS(syscall(SYS_symlink, file_path, p));
	EFAULT_PATHS(syscall(SYS_readlink, p, buf, sizeof(buf)));
	EFAULT_ALL(syscall(SYS_readlink, link_path, p, 64));
	EXPECT_ERRNO(access("/tmp/efault_sweep.never", F_OK), ENOENT);
}

static void t_getcwd(void)
{
	EFAULT_ALL(syscall(SYS_getcwd, p, 4096));
}

static void t_pipe_pipe2(void)
{
	int before = lowest_free_fd();

	/* The new descriptors are closed again when they cannot be stored. */
	EFAULT_ALL(syscall(SYS_pipe, p));
	EFAULT_ALL(syscall(SYS_pipe2, p, 0));
	EXPECT_EQ(lowest_free_fd(), before);
}

static void t_execve_path(void)
{
	char *argv[] = { "x", NULL };

	EFAULT_PATHS(syscall(SYS_execve, p, argv, argv + 1));
}

/* In a child: if an execve wrongly succeeds, the new image exits 99. */
static void execve_vectors(void)
{
	char *args[] = { self_exe(), "--probe", NULL }, *env[] = { NULL };
	char *bad_arg[] = { self_exe(), NULL, NULL }, *bad_env[] = { NULL, NULL };

	/* NULL argv or envp is taken by Linux as an empty vector. */
	EFAULT_NON_NULL(syscall(SYS_execve, self_exe(), p, env));
	EFAULT_NON_NULL(syscall(SYS_execve, self_exe(), args, p));
	/* Readable vectors holding an unreadable string. */
	EFAULT_NON_NULL((bad_arg[1] = p, syscall(SYS_execve, self_exe(), bad_arg, env)));
	EFAULT_NON_NULL((bad_env[0] = p, syscall(SYS_execve, self_exe(), args, bad_env)));
	/* A string running into an unmapped page, as an argument. */
	bad_arg[1] = bad[NBAD].addr;
	EXPECT_ERRNO(syscall(SYS_execve, self_exe(), bad_arg, env), EFAULT);
}

static void t_execve_vectors(void)
{
	EXPECT_CHILD_OK(execve_vectors);
}

static void t_system_info(void)
{
	EFAULT_ALL(syscall(SYS_uname, p));
	EFAULT_ALL(syscall(SYS_sysinfo, p));
	EFAULT_ALL(syscall(SYS_getrandom, p, 16, 0));
}

static void t_rlimits(void)
{
	struct rlimit rl;

	EFAULT_ALL(syscall(SYS_getrlimit, RLIMIT_NOFILE, p));
	EFAULT_ALL(syscall(SYS_setrlimit, RLIMIT_NOFILE, p));
	EFAULT_NON_NULL(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, p, NULL));
	EFAULT_NON_NULL(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p));
	ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
	EXPECT_TRUE(rl.rlim_cur > 3);		/* unchanged by the attempts */
}

static void t_clocks(void)
{
	struct timeval tv;

	EFAULT_ALL(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p));
	EFAULT_ALL(syscall(SYS_clock_gettime, CLOCK_REALTIME, p));
	EFAULT_NON_NULL(syscall(SYS_gettimeofday, p, NULL));
	EFAULT_NON_NULL(syscall(SYS_gettimeofday, &tv, p));
	EFAULT_ALL(syscall(SYS_nanosleep, p, NULL));
	EFAULT_ALL(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, p, NULL));
}

static void t_timers(void)
{
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };
	struct itimerspec its = { { 0, 0 }, { 100, 0 } };
	int id;

	EFAULT_ALL(syscall(SYS_getitimer, ITIMER_REAL, p));
	EFAULT_NON_NULL(syscall(SYS_setitimer, ITIMER_REAL, p, NULL));
	EFAULT_NON_NULL(syscall(SYS_setitimer, ITIMER_REAL, &zero, p));
	EFAULT_NON_NULL(syscall(SYS_timer_create, CLOCK_MONOTONIC, p, &id));
	EFAULT_ALL(syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, p));
	ASSERT_EQ(syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id), 0);
	EFAULT_NON_NULL(syscall(SYS_timer_settime, id, 0, p, NULL));
	EFAULT_NON_NULL(syscall(SYS_timer_settime, id, 0, &its, p));
	EFAULT_ALL(syscall(SYS_timer_gettime, id, p));
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
}

static void t_signal_calls(void)
{
	struct sigaction old;

	EFAULT_NON_NULL(syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, KSIGSET));
	EFAULT_NON_NULL(syscall(SYS_rt_sigaction, SIGUSR1, NULL, p, KSIGSET));
	EFAULT_NON_NULL(syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, KSIGSET));
	EFAULT_NON_NULL(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, KSIGSET));
	EFAULT_ALL(syscall(SYS_rt_sigsuspend, p, KSIGSET));
	EFAULT_ALL(syscall(SYS_rt_sigpending, p, KSIGSET));
	ASSERT_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	EXPECT_TRUE(old.sa_handler == SIG_DFL);	/* nothing installed */
}

/* A child that has exited but is not reaped yet. */
static pid_t zombie(void)
{
	siginfo_t info;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitid(P_PID, pid, &info, WEXITED | WNOWAIT);
	return pid;
}

static void t_wait4_waitid(void)
{
	pid_t pid = 0;

	/* Linux reaps the child and then fails to store its status: the
	 * extra waitpid() reaps it on a kernel that checks first. */
	EFAULT_NON_NULL((pid = zombie(), syscall(SYS_wait4, pid, p, 0, NULL)));
	waitpid(pid, NULL, WNOHANG);
	EFAULT_NON_NULL((pid = zombie(), syscall(SYS_wait4, pid, NULL, 0, p)));
	waitpid(pid, NULL, WNOHANG);
	EFAULT_NON_NULL((pid = zombie(), syscall(SYS_waitid, P_PID, pid, p, WEXITED, NULL)));
	waitpid(pid, NULL, WNOHANG);
	EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);	/* none left over */
}

/* Process calls: usage, times, clone3, a pidfd's siginfo, prctl's pointers. */
static void t_process_calls(void)
{
	int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
	pid_t pid = 0;
	siginfo_t info;

	ASSERT_GE(pidfd, 0);
	EFAULT_ALL(syscall(SYS_getrusage, RUSAGE_SELF, p));
	EFAULT_ALL(syscall(SYS_getrusage, RUSAGE_CHILDREN, p));
	EFAULT_NON_NULL(syscall(SYS_times, p));
	EFAULT_ALL(syscall(SYS_clone3, p, 88));
	/* signal 0: even a wrong success would deliver nothing */
	EFAULT_NON_NULL(syscall(SYS_pidfd_send_signal, pidfd, 0, p, 0));
	EFAULT_ALL(syscall(SYS_prctl, PR_GET_PDEATHSIG, p, 0, 0, 0));
	EFAULT_ALL(syscall(SYS_prctl, PR_GET_NAME, p, 0, 0, 0));
	EFAULT_ALL(syscall(SYS_prctl, PR_SET_NAME, p, 0, 0, 0));
	EFAULT_ALL(syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, p, 0, 0, 0));
	EFAULT_ALL(syscall(SYS_prctl, PR_GET_TID_ADDRESS, p, 0, 0, 0));
	EFAULT_NON_NULL((pid = zombie(), syscall(SYS_waitid, P_PID, pid, &info, WEXITED, p)));
	waitpid(pid, NULL, WNOHANG);
	EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);	/* none left over */
	close(pidfd);
}

static void t_futex(void)
{
	int word = 1;
	void *head;
	size_t len;

	EFAULT_ALL(syscall(SYS_futex, p, FUTEX_WAIT, 0, NULL, NULL, 0));
	/* The timeout is read before waiting; NULL means "wait forever". */
	EFAULT_NON_NULL(syscall(SYS_futex, &word, FUTEX_WAIT, 1, p, NULL, 0));
	EFAULT_ALL(syscall(SYS_get_robust_list, 0, p, &len));
	EFAULT_ALL(syscall(SYS_get_robust_list, 0, &head, p));
}

static void t_ioctl_fcntl_sendfile(void)
{
	int q[2];

	ASSERT_EQ(pipe(q), 0);
	ASSERT_EQ(write(q[1], "x", 1), 1);
	EFAULT_ALL(syscall(SYS_ioctl, q[0], FIONREAD, p));
	EFAULT_ALL(syscall(SYS_fcntl, q[0], F_SETOWN_EX, p));
	EFAULT_ALL(syscall(SYS_fcntl, q[0], F_GETOWN_EX, p));
	EFAULT_ALL(syscall(SYS_fcntl, q[0], F_GETOWNER_UIDS, p));
	EFAULT_NON_NULL(syscall(SYS_sendfile, q[1], file_fd, p, 1));	/* NULL: the position */
	close(q[0]);
	close(q[1]);
}

static void id_vectors(void)
{
	gid_t one = 0;
	uid_t a, b;

	ASSERT_EQ(setgroups(1, &one), 0);
	EFAULT_ALL(syscall(SYS_getgroups, 1, p));
	EFAULT_ALL(syscall(SYS_setgroups, 1, p));
	EFAULT_ALL(syscall(SYS_getresuid, p, &a, &b));
	EFAULT_ALL(syscall(SYS_getresuid, &a, &b, p));
	EFAULT_ALL(syscall(SYS_getresgid, p, &a, &b));
	EXPECT_EQ(getgroups(0, NULL), 1);	/* the bad setgroups changed nothing */
}

static void t_id_calls(void)
{
	EXPECT_CHILD_OK(id_vectors);
}

static void t_clone_tid_pointers_unchecked(void)
{
	int i;

	/* Linux stores CLONE_PARENT_SETTID/CLONE_CHILD_SETTID tids with an
	 * unchecked put_user(): a bad pointer is ignored, the child is made. */
	for (i = 0; i < NBAD; i++) {
		unsigned long flags = SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
		long pid = syscall(SYS_clone, flags, NULL, bad[i].addr, bad[i].addr, 0);

		if (pid == 0)
			_exit(0);
		EXPECT_GT(pid, 0);
		if (pid > 0)
			EXPECT_EXIT(wait_status(pid), 0);
	}
}

static void t_null_means_no_argument(void)
{
	struct rlimit rl;
	pid_t pid;

	/* Optional arguments, on Linux, where NULL is not a fault. */
	EXPECT_EQ(syscall(SYS_gettimeofday, NULL, NULL), 0);
	EXPECT_EQ(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, KSIGSET), 0);
	EXPECT_EQ(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, NULL, KSIGSET), 0);
	EXPECT_EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl), 0);
	EXPECT_EQ(syscall(SYS_getgroups, 0, NULL) >= 0, 1);	/* size 0: a count */
	EXPECT_EQ(syscall(SYS_utimensat, AT_FDCWD, file_path, NULL, 0), 0);	/* now */
	EXPECT_EQ(syscall(SYS_utimes, file_path, NULL), 0);
	/* A zero-length buffer is never touched. */
	EXPECT_EQ(syscall(SYS_read, file_fd, NULL, 0), 0);
	EXPECT_EQ(syscall(SYS_write, file_fd, NULL, 0), 0);
	EXPECT_EQ(syscall(SYS_getrandom, NULL, 0, 0), 0);
	/* setitimer's new value (disarms), timer_create's sigevent (SIGALRM) */
	EXPECT_EQ(syscall(SYS_setitimer, ITIMER_REAL, NULL, NULL), 0);
	EXPECT_EQ(syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &pid), 0);
	EXPECT_EQ(syscall(SYS_timer_delete, pid), 0);
	/* waitid's siginfo is optional too. */
	pid = zombie();
	ASSERT_GT(pid, 0);
	EXPECT_EQ(syscall(SYS_waitid, P_PID, pid, NULL, WEXITED, NULL), 0);
	EXPECT_ERRNO(waitpid(pid, NULL, WNOHANG), ECHILD);	/* reaped */
}

static void t_still_whole_after_sweep(void)
{
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(7);
	EXPECT_EXIT(wait_status(pid), 7);
	EXPECT_EQ(syscall(SYS_getpid), getpid());
}

int main(int argc, char **argv)
{
	int status;

	/* A wrongly successful execve in t_execve_vectors lands here. */
	if (argc < 1 || (argc > 1 && !strcmp(argv[1], "--probe")) || !argv[0])
		return 99;
	self_exe_init(argv[0]);
	if (setup()) {
		printf("# setup failed: %s\n", strerror(errno));
		cleanup();
		return 1;
	}
	status = ktap_run(KTAP_CASES(t_read_write, t_readv_writev, t_open_openat,
		t_stat_family, t_getdents64, t_path_calls, t_utimes, t_symlink_readlink,
		t_getcwd, t_pipe_pipe2, t_execve_path, t_execve_vectors,
		t_system_info, t_rlimits, t_clocks, t_timers, t_signal_calls, t_wait4_waitid,
		t_process_calls,
		t_futex, t_ioctl_fcntl_sendfile, t_id_calls, t_clone_tid_pointers_unchecked,
		t_null_means_no_argument, t_still_whole_after_sweep));
	cleanup();
	return status;
}
