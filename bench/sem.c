/*
 * bench/sem.c: semop_uncontended, one semop(2) call on a private set of one
 * semaphore with two operations, +1 then -1: the call never sleeps and
 * leaves the value as it found it, so what is timed is the path through
 * semop itself (lookup, permission check, the atomic apply), once per call.
 */
#include "bench.h"
#include <sys/ipc.h>
#include <sys/sem.h>

static int op_semop(long iters, void *arg)
{
	int id = *(int *)arg;
	struct sembuf ops[2] = {
		{ .sem_num = 0, .sem_op = 1, .sem_flg = 0 },
		{ .sem_num = 0, .sem_op = -1, .sem_flg = 0 },
	};

	for (long i = 0; i < iters; i++)
		if (semop(id, ops, 2) < 0)
			return errno;
	return 0;
}

int main(void)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);

	if (id < 0) {
		bench_error("semop_uncontended", errno);
		return 0;
	}
	bench_run("semop_uncontended", op_semop, &id, BENCH_CHEAP);
	semctl(id, 0, IPC_RMID);
	return 0;
}
