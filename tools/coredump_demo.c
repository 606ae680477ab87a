/*
 * tools/coredump_demo.c: crashes a child in crash_in_this_function() and
 * prints the core file the kernel wrote, in base64 between "# BEGIN CORE"
 * and "# END CORE", so it can leave the guest over the serial console
 * (tools/coredump_demo.sh runs it and hands the core to gdb).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

__attribute__((noinline)) void crash_in_this_function(int *p)
{
	*p = 42;
}

int main(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	unsigned char in[57];
	int status, fd, i;
	ssize_t n;
	pid_t pid;

	mkdir("/tmp/coredemo", 0755);
	if (chdir("/tmp/coredemo") || setrlimit(RLIMIT_CORE, &rl))
		return 1;
	pid = fork();
	if (pid == 0) {
		crash_in_this_function((int *)(unsigned long)(getpid() - getpid()));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("# child %d: signal %d, WCOREDUMP %d\n", pid, WTERMSIG(status), WCOREDUMP(status) ? 1 : 0);
	fd = open("core", O_RDONLY);
	if (fd < 0)
		return 2;
	printf("# BEGIN CORE\n");
	while ((n = read(fd, in, sizeof(in))) > 0) {
		char out[80];
		int o = 0;

		for (i = 0; i < n; i += 3) {
			unsigned v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);

			out[o++] = b64[v >> 18 & 63];
			out[o++] = b64[v >> 12 & 63];
			out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
			out[o++] = i + 2 < n ? b64[v & 63] : '=';
		}
		out[o] = '\0';
		printf("# %s\n", out);
	}
	printf("# END CORE\n");
	close(fd);
	/* Leave nothing behind: the harness's leak check counts the files too. */
	unlink("core");
	chdir("/");
	rmdir("/tmp/coredemo");
	return 0;
}
