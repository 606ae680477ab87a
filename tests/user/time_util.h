/*
 * tests/user/time_util.h: absolute deadlines for the tests of timed
 * waits (futex, futex_waitv, pthread_cond_timedwait).
 */
#ifndef TIME_UTIL_H
#define TIME_UTIL_H

#include <time.h>

/* The time @ms from now on @clock, as an absolute deadline. */
static inline struct timespec deadline_in(clockid_t clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_nsec += ms * 1000000;
	ts.tv_sec += ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	return ts;
}

/* Is @now at or past @deadline? */
static inline int timespec_reached(const struct timespec *now, const struct timespec *deadline)
{
	return now->tv_sec > deadline->tv_sec ||
	       (now->tv_sec == deadline->tv_sec && now->tv_nsec >= deadline->tv_nsec);
}

#endif
