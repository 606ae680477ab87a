/*
 * bench/scale_ipc.c: what one System V IPC operation costs as the
 * namespace fills: with N = 10, 1,000 and 10,000 objects of a kind, each of
 *   msgsnd_msgrcv_N  a 64-byte msgsnd then its msgrcv on a random queue
 *   semop_N          semop +1 then -1 on a random set of one semaphore
 *   shmat_shmdt_N    shmat then shmdt of a random one-page segment
 * Each call finds its object by id (Linux: idr_find in the namespace's
 * ipc_ids; a kernel that walked a list would grow with N).
 *
 * Linux's shmmni is 4,096 by default: the program raises
 * /proc/sys/kernel/shmmni (msgmni and semmni are 32,000 already).  If
 * creation stops early, the rows are measured with the objects made so far
 * and say how many (ids=N error=E).  Everything is removed at the end.
 */
#include "bench.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define NIDS		10000
#define MSG_BYTES	64

static const int counts[] = { 10, 1000, NIDS };

struct msg64 {
	long mtype;
	char mtext[MSG_BYTES];
};

/* One kind of object: how to make one, time one operation, remove one. */
struct kind {
	const char *row;		/* the rows' names, "<row>_<N>" */
	int (*make)(void);		/* an id, or -1 with errno set */
	bench_op op;
	void (*remove)(int id);
	int ids[NIDS];
	int n;				/* made so far */
	unsigned long long rnd;		/* bench_rand's state */
};

static int make_queue(void)
{
	return msgget(IPC_PRIVATE, IPC_CREAT | 0600);
}

static int make_set(void)
{
	return semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
}

static int make_segment(void)
{
	return shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
}

static void remove_queue(int id)
{
	msgctl(id, IPC_RMID, NULL);
}

static void remove_set(int id)
{
	semctl(id, 0, IPC_RMID);
}

static void remove_segment(int id)
{
	shmctl(id, IPC_RMID, NULL);
}

static int op_msg(long iters, void *arg)
{
	struct kind *k = arg;
	struct msg64 m = { .mtype = 1 };
	int q;

	for (long i = 0; i < iters; i++) {
		q = k->ids[bench_rand(&k->rnd, k->n)];
		if (msgsnd(q, &m, MSG_BYTES, 0) < 0)
			return errno;
		if (msgrcv(q, &m, MSG_BYTES, 0, 0) < 0)
			return errno;
	}
	return 0;
}

static int op_semop(long iters, void *arg)
{
	struct kind *k = arg;
	struct sembuf ops[2] = {
		{ .sem_num = 0, .sem_op = 1, .sem_flg = 0 },
		{ .sem_num = 0, .sem_op = -1, .sem_flg = 0 },
	};

	for (long i = 0; i < iters; i++)
		if (semop(k->ids[bench_rand(&k->rnd, k->n)], ops, 2) < 0)
			return errno;
	return 0;
}

static int op_shm(long iters, void *arg)
{
	struct kind *k = arg;
	void *p;

	for (long i = 0; i < iters; i++) {
		p = shmat(k->ids[bench_rand(&k->rnd, k->n)], NULL, 0);
		if (p == (void *)-1)
			return errno;
		if (shmdt(p) < 0)
			return errno;
	}
	return 0;
}

static struct kind kinds[] = {
	{ .row = "msgsnd_msgrcv", .make = make_queue, .op = op_msg, .remove = remove_queue },
	{ .row = "semop", .make = make_set, .op = op_semop, .remove = remove_set },
	{ .row = "shmat_shmdt", .make = make_segment, .op = op_shm, .remove = remove_segment },
};

/* Make objects of @k up to @want; 0, or the errno that stopped it. */
static int make_upto(struct kind *k, int want)
{
	for (; k->n < want; k->n++) {
		k->ids[k->n] = k->make();
		if (k->ids[k->n] < 0)
			return errno;
	}
	return 0;
}

/* The row of @k at @want objects; 0, or the errno that stopped creation. */
static int measure(struct kind *k, int want)
{
	int err = make_upto(k, want);
	char name[40], extra[64] = "";

	snprintf(name, sizeof(name), "%s_%d", k->row, want);
	if (k->n == 0) {
		bench_error(name, err);
		return err;
	}
	if (err)
		snprintf(extra, sizeof(extra), " ids=%d error=%s", k->n, bench_errname(err));
	k->rnd = 88172645463325252ULL;
	bench_run_extra(name, k->op, k, BENCH_CHEAP, extra);
	return err;
}

/* Linux's default shmmni (4,096) is under NIDS; ours may be too. */
static void raise_shmmni(void)
{
	FILE *f = fopen("/proc/sys/kernel/shmmni", "w");

	if (f) {
		fprintf(f, "%d\n", 2 * NIDS);
		fclose(f);
	}
}

int main(void)
{
	raise_shmmni();
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct kind *k = &kinds[i];

		for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
			if (measure(k, counts[c]))
				break;
		for (int j = 0; j < k->n; j++)
			k->remove(k->ids[j]);
	}
	return 0;
}
