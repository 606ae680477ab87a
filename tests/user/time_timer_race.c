/*
 * time_timer_race: POSIX timers set, read and deleted by several threads
 * of one process at once, as several CPUs run them.  The main thread
 * creates timers and deletes them, round after round, while other
 * threads call timer_settime, timer_gettime and timer_getoverrun on the
 * same ids: each call must either act on a live timer (0, values within
 * what was set) or find it gone (EINVAL), never anything else, and the
 * kernel must not touch a timer after timer_delete freed it (the debug
 * checks poison freed memory; the leak check after the suite counts the
 * timers' memory back).  Timers on the monotonic clock (hrtimers) and on
 * the process's CPU clock (fired from the tick of whichever CPU runs a
 * thread) are both raced; their signals stay blocked and pending, so
 * expiries keep coming as overruns.  Ids are never reused, so the count
 * of ids handed out is exact at the end.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define THREADS		3	/* racing the main thread */
#define TIMERS		6	/* alive in each round */
#define ROUNDS		300
#define PERIOD_NS	200000	/* 0.2 ms: expiries at every tick */

static atomic_int ids[TIMERS];		/* the round's ids; -1 between rounds */
static atomic_int stop;
static atomic_long live_calls, gone_calls;

static int sys_timer_create(clockid_t clock, int *id)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };

	return syscall(SYS_timer_create, clock, &sev, id);
}

static int sys_timer_settime(int id, long value_ns, struct itimerspec *old)
{
	struct itimerspec its = { { 0, PERIOD_NS }, { 0, value_ns } };

	return syscall(SYS_timer_settime, id, 0, &its, old);
}

/* A call's outcome: 0 if it acted on a live timer, 1 if it found none, -1 if neither. */
static int outcome(long ret)
{
	if (ret >= 0)
		return 0;
	return errno == EINVAL ? 1 : -1;
}

/* One racing call on @id; -1 on a wrong result. */
static int race_once(int id, unsigned int n)
{
	struct itimerspec cur;
	long ret;
	int o;

	switch (n % 3) {
	case 0:
		ret = sys_timer_settime(id, PERIOD_NS, &cur);
		break;
	case 1:
		ret = syscall(SYS_timer_gettime, id, &cur);
		break;
	default:
		return outcome(syscall(SYS_timer_getoverrun, id)) < 0 ? -1 : 0;
	}
	o = outcome(ret);
	if (o < 0)
		return -1;
	if (o == 0 && (cur.it_value.tv_sec != 0 || cur.it_value.tv_nsec > PERIOD_NS ||
		       cur.it_interval.tv_sec != 0 || (cur.it_interval.tv_nsec != PERIOD_NS &&
						       cur.it_interval.tv_nsec != 0)))
		return -1;	/* a live timer only ever holds what was set */
	atomic_fetch_add(o ? &gone_calls : &live_calls, 1);
	return 0;
}

/* Calls on the round's ids until told to stop: (void *)1 on a wrong result. */
static void *racer(void *arg)
{
	unsigned int n = (unsigned int)(uintptr_t)arg;

	while (!atomic_load(&stop)) {
		int id = atomic_load(&ids[n % TIMERS]);

		n++;
		if (id >= 0 && race_once(id, n) < 0)
			return (void *)1;
	}
	return NULL;
}

/* A round: TIMERS timers made, armed and deleted under the racers; the ids taken. */
static int one_round(int *next_id)
{
	int i, id;

	for (i = 0; i < TIMERS; i++) {
		clockid_t clock = i & 1 ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC;

		if (sys_timer_create(clock, &id) || id != (*next_id)++ ||
		    sys_timer_settime(id, PERIOD_NS, NULL))
			return -1;
		atomic_store(&ids[i], id);
	}
	for (i = 0; i < TIMERS; i++) {
		id = atomic_load(&ids[i]);
		if (syscall(SYS_timer_delete, id))
			return -1;
		if (syscall(SYS_timer_gettime, id, &(struct itimerspec){}) != -1 || errno != EINVAL)
			return -1;	/* gone for everyone at once */
	}
	return 0;
}

static void t_set_get_delete_from_several_threads(void)
{
	pthread_t thread[THREADS];
	void *failed;
	int i, r, next_id, bad = 0;

	block_signal(SIGRTMIN);		/* the racers inherit it: expiries stay pending */
	for (i = 0; i < TIMERS; i++)
		atomic_store(&ids[i], -1);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &next_id), 0);
	ASSERT_EQ(syscall(SYS_timer_delete, next_id), 0);
	next_id++;
	for (i = 0; i < THREADS; i++)
		ASSERT_EQ(pthread_create(&thread[i], NULL, racer, (void *)(uintptr_t)i), 0);
	for (r = 0; r < ROUNDS && !bad; r++)
		bad = one_round(&next_id);
	atomic_store(&stop, 1);
	EXPECT_EQ(bad, 0);
	for (i = 0; i < THREADS; i++) {
		EXPECT_EQ(pthread_join(thread[i], &failed), 0);
		EXPECT_EQ(failed, NULL);
	}
	EXPECT_GT(atomic_load(&live_calls), 0);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &i), 0);
	EXPECT_EQ(i, next_id);		/* every round's ids, none reused */
	EXPECT_EQ(syscall(SYS_timer_delete, i), 0);
	ktap_diag(__FILE__, __LINE__, "%ld calls on live timers, %ld on deleted ones",
		  atomic_load(&live_calls), atomic_load(&gone_calls));
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_set_get_delete_from_several_threads));
}
