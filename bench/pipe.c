/*
 * bench/pipe.c: pipe_pingpong, one round trip of one byte between two
 * processes over two pipes: write, the other side wakes, reads and writes
 * back, this side wakes and reads.  Two context switches per round trip.
 */
#include "bench.h"

struct pingpong {
	int to_child;	/* write end of the pipe the child reads */
	int from_child;	/* read end of the pipe the child writes */
};

/* The child echoes every byte until the parent closes its end. */
static void echo(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(0);
}

/* 0 for a one-byte transfer; errno for a failure, EPIPE for end of file. */
static int moved(ssize_t n)
{
	return n == 1 ? 0 : n < 0 ? errno : EPIPE;
}

static int op_pingpong(long iters, void *arg)
{
	struct pingpong *pp = arg;
	char c = 'x';
	int err;

	for (long i = 0; i < iters; i++) {
		err = moved(write(pp->to_child, &c, 1));
		if (!err)
			err = moved(read(pp->from_child, &c, 1));
		if (err)
			return err;
	}
	return 0;
}

int main(void)
{
	int down[2], up[2];
	struct pingpong pp;
	pid_t pid;

	if (pipe(down) < 0 || pipe(up) < 0) {
		bench_error("pipe_pingpong", errno);
		return 0;
	}
	pid = fork();
	if (pid < 0) {
		bench_error("pipe_pingpong", errno);
		return 0;
	}
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		echo(down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	pp.to_child = down[1];
	pp.from_child = up[0];
	bench_run("pipe_pingpong", op_pingpong, &pp, BENCH_CHEAP);
	close(pp.to_child);	/* the child sees end of file and exits */
	bench_wait(pid);
	return 0;
}
