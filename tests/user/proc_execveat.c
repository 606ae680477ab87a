/*
 * proc_execveat: execveat(2).  With AT_EMPTY_PATH and "" it runs the file
 * a descriptor is open on (fexecve): the program is then known as
 * "/dev/fd/N" (AT_EXECFN); with a name it runs that name from the
 * descriptor's directory ("/dev/fd/N/NAME", comm NAME).  (Linux 6.1 names
 * an fexecve'd program's comm "N", later Linux its file's name: not
 * checked.)  "" without
 * AT_EMPTY_PATH is ENOENT, an unknown flag EINVAL, and with
 * AT_SYMLINK_NOFOLLOW a final symbolic link ELOOP.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

static int execveat(int fd, const char *name, char *const argv[], char *const envp[], int flags)
{
	return syscall(SYS_execveat, fd, name, argv, envp, flags);
}

/* The probe: exits 42 if AT_EXECFN is argv[2] and comm is argv[3] (unless that is ""). */
static int probe(char **argv)
{
	char comm[17] = "";

	prctl(PR_GET_NAME, comm, 0, 0, 0);
	return !strcmp((const char *)getauxval(AT_EXECFN), argv[2]) &&
	       (!argv[3][0] || !strcmp(comm, argv[3])) ?
	       42 : 1;
}

/* Runs execveat(@fd, @name, ...) in a child expecting @execfn and @comm; its wait status. */
static int run_probe(int fd, const char *name, int flags, const char *execfn, const char *comm)
{
	char *argv[] = { "proc_execveat", "--probe", (char *)execfn, (char *)comm, NULL };
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execveat(fd, name, argv, NULL, flags);
		_exit(errno);
	}
	return wait_status(pid);
}

static void t_runs_an_open_file(void)
{
	char execfn[32];
	int fd = open("/proc/self/exe", O_RDONLY);

	ASSERT_GE(fd, 0);
	snprintf(execfn, sizeof(execfn), "/dev/fd/%d", fd);
	EXPECT_EQ(run_probe(fd, "", AT_EMPTY_PATH, execfn, ""), 42 << 8);
	close(fd);
}

static void t_runs_a_name_from_a_directory(void)
{
	char exe[PATH_MAX], execfn[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *base;
	int dir;

	ASSERT_GT(n, 0);
	exe[n] = '\0';
	base = strrchr(exe, '/');
	ASSERT_TRUE(base != NULL);
	*base++ = '\0';
	dir = open(exe[0] ? exe : "/", O_RDONLY | O_DIRECTORY);
	ASSERT_GE(dir, 0);
	snprintf(execfn, sizeof(execfn), "/dev/fd/%d/%s", dir, base);
	EXPECT_EQ(run_probe(dir, base, 0, execfn, base), 42 << 8);
	close(dir);
}

static void t_errors(void)
{
	int fd = open("/proc/self/exe", O_RDONLY);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(symlink("/proc/self/exe", "link"), 0);
	EXPECT_EQ(run_probe(fd, "", 0, "", ""), ENOENT << 8);
	EXPECT_EQ(run_probe(fd, "", AT_EMPTY_PATH | 1, "", ""), EINVAL << 8);
	EXPECT_EQ(run_probe(AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW, "", ""), ELOOP << 8);
	unlink("link");
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc > 3 && !strcmp(argv[1], "--probe"))
		return probe(argv);
	return ktap_run(KTAP_CASES(t_runs_an_open_file, t_runs_a_name_from_a_directory,
				   t_errors));
}
