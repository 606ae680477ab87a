/* tools/prof/pipe_pingpong.c: 1 byte there and back between two processes over two pipes (bench/pipe.c). */
#include "prof.h"

static int down[2], up[2];

static int op(long iters, void *arg)
{
	char c = 'x';

	(void)arg;
	for (long i = 0; i < iters; i++)
		if (write(down[1], &c, 1) != 1 || read(up[0], &c, 1) != 1)
			return EPIPE;
	return 0;
}

int main(void)
{
	char c;
	pid_t pid;
	int ret;

	if (pipe(down) < 0 || pipe(up) < 0 || (pid = fork()) < 0)
		return 1;
	if (pid == 0) {
		while (read(down[0], &c, 1) == 1 && write(up[1], &c, 1) == 1)
			;
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	ret = prof_run(op, NULL, 10 * PROF_OPS);
	close(down[1]);
	bench_wait(pid);
	return ret;
}
