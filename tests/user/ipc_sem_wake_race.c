/*
 * ipc_sem_wake_race: threads that sleep in semtimedop with a timeout of a
 * tick or two, woken either by a semop from another thread or by their
 * timer, and that end right after waking, as several CPUs run them.  The
 * waker stores the sleeper's result and then wakes it; the sleeper reads
 * the result without the lock and may exit at once, so the waker must hold
 * the task across (wake_up_sem_queue).  The timer that ends the sleep runs
 * on another CPU and reads the task from the sleeper's stack, so
 * schedule_timeout must wait for it before returning (del_timer_sync).
 * Either mistake is a use-after-free the debug checks report.  Counts are
 * exact: every unit posted is taken by one waiter or left in the semaphore.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define ROUNDS		40
#define WAITERS		4
#define POSTS		50	/* per round */

static int semid;
static atomic_long taken;
static atomic_int stop;

/* Takes units until told to stop, each wait ending by a post or its short timeout. */
static void *waiter(void *arg)
{
	struct sembuf down = { .sem_num = 0, .sem_op = -1, .sem_flg = 0 };
	struct timespec ts = { 0, 2000000 };	/* 2 ms: about half a tick */

	(void)arg;
	while (!atomic_load(&stop))
		if (semtimedop(semid, &down, 1, &ts) == 0)
			atomic_fetch_add(&taken, 1);
		else if (errno != EAGAIN && errno != EINTR)
			return (void *)1;
	return NULL;
}

/* A round: WAITERS threads made, POSTS units posted under them, the threads ended. */
static int one_round(void)
{
	struct sembuf up = { .sem_num = 0, .sem_op = 1, .sem_flg = 0 };
	pthread_t t[WAITERS];
	void *failed;
	int i, bad = 0;

	atomic_store(&stop, 0);
	for (i = 0; i < WAITERS; i++)
		if (pthread_create(&t[i], NULL, waiter, NULL))
			return -1;
	for (i = 0; i < POSTS; i++) {
		if (semop(semid, &up, 1))
			bad = -1;
		if (i % 8 == 0)
			sched_yield();
	}
	atomic_store(&stop, 1);
	for (i = 0; i < WAITERS; i++)
		if (pthread_join(t[i], &failed) || failed)
			bad = -1;
	return bad;
}

static void t_waiters_end_right_after_their_wake_up(void)
{
	long left;
	int r, bad = 0;

	semid = semget(IPC_PRIVATE, 1, 0600);
	ASSERT_GE(semid, 0);
	for (r = 0; r < ROUNDS && !bad; r++)
		bad = one_round();
	EXPECT_EQ(bad, 0);
	left = semctl(semid, 0, GETVAL);
	EXPECT_EQ(atomic_load(&taken) + left, (long)ROUNDS * POSTS);
	EXPECT_GT(atomic_load(&taken), 0);
	EXPECT_EQ(semctl(semid, 0, IPC_RMID), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_waiters_end_right_after_their_wake_up));
}
