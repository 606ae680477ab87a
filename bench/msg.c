/*
 * bench/msg.c: msg_pingpong64, one round trip of a 64-byte System V message
 * between two processes on one queue: the parent sends type 1 and waits
 * for type 2, the child receives type 1 and answers with type 2.
 */
#include "bench.h"
#include <sys/ipc.h>
#include <sys/msg.h>

#define MSG_BYTES 64

struct msg64 {
	long mtype;
	char mtext[MSG_BYTES];
};

/* The child answers until the queue is removed under it (EIDRM). */
static void answer(int q)
{
	struct msg64 m;

	while (msgrcv(q, &m, MSG_BYTES, 1, 0) == MSG_BYTES) {
		m.mtype = 2;
		if (msgsnd(q, &m, MSG_BYTES, 0) < 0)
			break;
	}
	_exit(0);
}

static int op_pingpong(long iters, void *arg)
{
	int q = *(int *)arg;
	struct msg64 m;

	memset(&m, 'x', sizeof(m));
	for (long i = 0; i < iters; i++) {
		m.mtype = 1;
		if (msgsnd(q, &m, MSG_BYTES, 0) < 0)
			return errno;
		if (msgrcv(q, &m, MSG_BYTES, 2, 0) < 0)
			return errno;
	}
	return 0;
}

int main(void)
{
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	pid_t pid;

	if (q < 0) {
		bench_error("msg_pingpong64", errno);
		return 0;
	}
	pid = fork();
	if (pid < 0) {
		bench_error("msg_pingpong64", errno);
	} else if (pid == 0) {
		answer(q);
	} else {
		bench_run("msg_pingpong64", op_pingpong, &q, BENCH_CHEAP);
	}
	msgctl(q, IPC_RMID, NULL);	/* also tells the child to go */
	if (pid > 0)
		bench_wait(pid);
	return 0;
}
