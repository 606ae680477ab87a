/*
 * tests/user/fd_util.h: helpers for the tests of file kinds (eventfd,
 * timerfd, signalfd, epoll, memfd, flock, tmpfs files): a descriptor's line of
 * /proc/self/fdinfo, its /proc/self/fd link, its st_blocks and st_size, and a child that acts once
 * the parent sleeps in the call under test.
 */
#ifndef FD_UTIL_H
#define FD_UTIL_H

#include <sys/stat.h>
#include "ns_util.h"	/* proc_field, wait_sleeping */

/* The st_blocks and st_size fstat() gives for @fd, or -1. */
static inline long blocks_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_blocks;
}

static inline long size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_size;
}

/* What follows "@key:" in /proc/self/fdinfo/@fd (0), or -1. */
static inline int fdinfo_field(int fd, const char *key, char *out, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	return proc_field(path, key, out, size);
}

/* fdinfo_field as a number in @base; -1 if there is no such line. */
static inline long long fdinfo_number(int fd, const char *key, int base)
{
	char buf[128];

	if (fdinfo_field(fd, key, buf, sizeof(buf)))
		return -1;
	return strtoll(buf, NULL, base);
}

/* The target of /proc/self/fd/@fd into @buf, NUL-terminated ("" on error). */
static inline const char *fd_link(int fd, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, size - 1);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

/* Forks a child that runs @fn(@arg) once the parent sleeps, then exits with its result. */
static inline pid_t when_parent_sleeps(int (*fn)(long), long arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (wait_sleeping(getppid()))
			_exit(100);
		_exit(fn(arg));
	}
	return pid;
}

static void fd_util_nop(int sig)
{
	(void)sig;
}

/* SIGUSR1 runs an empty handler without SA_RESTART: it makes a sleeping call fail with EINTR. */
static inline void usr1_interrupts(void)
{
	struct sigaction sa = { .sa_handler = fd_util_nop };

	sigaction(SIGUSR1, &sa, NULL);
}

static inline int kill_parent_usr1(long unused)
{
	(void)unused;
	return kill(getppid(), SIGUSR1) ? 1 : 0;
}

#endif
