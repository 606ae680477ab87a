/*
 * proc_wchan_syscall: /proc/PID/wchan and /proc/PID/syscall.
 *
 * wchan is "0" (no newline) for a task that runs, the reader itself
 * included, and the name of a kernel function for one asleep.  syscall
 * shows the system call a task is in: the reader's own read(2) with its
 * three arguments, a sleeping child's read with all six and its stack and
 * instruction pointers; and "running" for a task that is runnable.
 */
#include "ns_util.h"
#include "child.h"
#include <ctype.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* The state letter of /proc/@pid/stat ('?' if unreadable). */
static char task_state(pid_t pid)
{
	char path[64], text[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_text(path, text, sizeof(text)) <= 0 || !(p = strrchr(text, ')')))
		return '?';
	return p[2];
}

/* Waits (up to 5 s) until @pid sleeps. */
static int wait_asleep(pid_t pid)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 500; i++) {
		if (task_state(pid) == 'S')
			return 0;
		nanosleep(&ts, NULL);
	}
	return -1;
}

/* /proc/@pid/@name into @buf, NUL-terminated; the length or -1. */
static ssize_t read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	return read_text(path, buf, size);
}

/* A child blocked in a raw read(@fd, @buf, 7) until the pipe's write end closes. */
static pid_t reader_child(int ctl[2], char *buf)
{
	pid_t pid;

	if (pipe(ctl))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ctl[1]);
		_exit(syscall(SYS_read, ctl[0], buf, 7) == 0 ? 0 : 1);
	}
	close(ctl[0]);
	return pid;
}

static void t_own_wchan_is_0(void)
{
	char buf[64];
	int fd = open("/proc/self/wchan", O_RDONLY);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 1);
	EXPECT_EQ(buf[0], '0');
	close(fd);
}

static void t_sleeping_wchan_names_a_function(void)
{
	char buf[128], rbuf[8];
	int ctl[2];
	pid_t pid = reader_child(ctl, rbuf);
	ssize_t n;

	ASSERT_GT(pid, 0);
	ASSERT_EQ(wait_asleep(pid), 0);
	n = read_proc(pid, "wchan", buf, sizeof(buf));
	EXPECT_GT(n, 1);
	EXPECT_TRUE(isalpha((unsigned char)buf[0]) || buf[0] == '_');
	for (ssize_t i = 0; i < n; i++)
		EXPECT_TRUE(isalnum((unsigned char)buf[i]) || buf[i] == '_' || buf[i] == '.');
	close(ctl[1]);
	EXPECT_EQ(wait_status(pid), 0);
}

/* Linux's own selftest: the reader's read(2) as it happens. */
static void t_own_syscall_is_the_read(void)
{
	char want[64], buf[128];
	int fd = open("/proc/self/syscall", O_RDONLY);
	long n;

	ASSERT_GE(fd, 0);
	snprintf(want, sizeof(want), "%ld 0x%lx 0x%lx 0x%lx ", (long)SYS_read, (long)fd,
		 (long)buf, (long)sizeof(buf));
	memset(buf, 0, sizeof(buf));
	n = syscall(SYS_read, fd, buf, sizeof(buf));
	ASSERT_GT(n, 0);
	EXPECT_EQ(strncmp(buf, want, strlen(want)), 0);
	close(fd);
}

static void t_sleeping_syscall_shows_all_arguments(void)
{
	char want[64], buf[256], rbuf[8];
	unsigned long args[8];
	int ctl[2];
	pid_t pid = reader_child(ctl, rbuf);

	ASSERT_GT(pid, 0);
	ASSERT_EQ(wait_asleep(pid), 0);
	ASSERT_GT(read_proc(pid, "syscall", buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "%ld 0x%lx 0x%lx 0x7 ", (long)SYS_read, (long)ctl[0],
		 (unsigned long)rbuf);
	EXPECT_EQ(strncmp(buf, want, strlen(want)), 0);
	EXPECT_EQ(sscanf(buf, "%*d %lx %lx %lx %lx %lx %lx %lx %lx", &args[0], &args[1],
			 &args[2], &args[3], &args[4], &args[5], &args[6], &args[7]), 8);
	EXPECT_NE(args[6], 0);		/* the user stack pointer */
	EXPECT_NE(args[7], 0);		/* and instruction pointer */
	close(ctl[1]);
	EXPECT_EQ(wait_status(pid), 0);
}

static void t_a_runnable_task_is_running(void)
{
	char buf[128];
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			;
	ASSERT_GT(pid, 0);
	ASSERT_GT(read_proc(pid, "syscall", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "running\n");
	kill(pid, SIGKILL);
	EXPECT_EQ(wait_status(pid), SIGKILL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_own_wchan_is_0, t_sleeping_wchan_names_a_function,
				   t_own_syscall_is_the_read,
				   t_sleeping_syscall_shows_all_arguments,
				   t_a_runnable_task_is_running));
}
