/*
 * tests/user/sched_affinity.c: sched_setaffinity(2) and sched_getaffinity(2):
 * the mask a process starts with (every online CPU), running only where
 * the mask says (sched_getcpu after pinning), inheritance across fork,
 * /proc/PID/status's Cpus_allowed_list, the CPU count sysconf and
 * /proc/stat agree on, and the errors: EINVAL for a short or odd length
 * and for a mask with no usable CPU, ESRCH, EPERM.  Written for any
 * number of CPUs (one included), so it passes on the host's Linux too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NOBODY		65534

static long raw_getaffinity(pid_t pid, unsigned int len, void *mask)
{
	return syscall(SYS_sched_getaffinity, pid, len, mask);
}

static long raw_setaffinity(pid_t pid, unsigned int len, const void *mask)
{
	return syscall(SYS_sched_setaffinity, pid, len, mask);
}

/* The mask we started with, restored after each case that changes it. */
static cpu_set_t start_mask;

static void restore(void)
{
	sched_setaffinity(0, sizeof(start_mask), &start_mask);
}

/* The cpuN lines of /proc/stat: the online CPUs, as glibc counts them without /sys. */
static int proc_stat_cpus(void)
{
	char line[256];
	int n = 0, cpu;
	FILE *f = fopen("/proc/stat", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += !strncmp(line, "cpu", 3) && line[3] >= '0' && line[3] <= '9' &&
		     sscanf(line, "cpu%d ", &cpu) == 1;
	fclose(f);
	return n;
}

/* /proc/self/status's Cpus_allowed_list value, in @buf. */
static int status_cpus_list(char *buf, size_t size)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	int found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Cpus_allowed_list: %255s", buf) == 1 && strlen(buf) < size)
			found = 0;
	fclose(f);
	return found;
}

static void t_we_may_run_on_some_online_cpus(void)
{
	long onln = sysconf(_SC_NPROCESSORS_ONLN);

	ASSERT_EQ(sched_getaffinity(0, sizeof(start_mask), &start_mask), 0);
	EXPECT_GE(CPU_COUNT(&start_mask), 1);
	EXPECT_LE(CPU_COUNT(&start_mask), onln);
	EXPECT_EQ(proc_stat_cpus(), onln);
}

static void t_getaffinity_returns_whole_longs(void)
{
	unsigned long mask[16];
	long n;

	memset(mask, 0xff, sizeof(mask));
	n = raw_getaffinity(0, sizeof(mask), mask);
	EXPECT_GT(n, 0);
	EXPECT_EQ(n % sizeof(long), 0);
	EXPECT_LE(n, (long)sizeof(mask));
	EXPECT_ERRNO(raw_getaffinity(0, sizeof(long) - 1, mask), EINVAL);
	EXPECT_ERRNO(raw_getaffinity(0, 0, mask), EINVAL);
}

static void t_pinned_we_run_only_there(void)
{
	char list[256], want[16];
	cpu_set_t one, got;
	int cpu;

	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &start_mask))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		ASSERT_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
		EXPECT_EQ(sched_getcpu(), cpu);		/* moved before the call returned */
		ASSERT_EQ(sched_getaffinity(0, sizeof(got), &got), 0);
		EXPECT_TRUE(CPU_EQUAL(&got, &one));
		snprintf(want, sizeof(want), "%d", cpu);
		ASSERT_EQ(status_cpus_list(list, sizeof(list)), 0);
		EXPECT_STREQ(list, want);
	}
	restore();
}

static void child_keeps_mask(void)
{
	cpu_set_t got;
	int cpu = -1, i;

	ASSERT_EQ(sched_getaffinity(0, sizeof(got), &got), 0);
	EXPECT_EQ(CPU_COUNT(&got), 1);
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &got))
			cpu = i;
	EXPECT_EQ(sched_getcpu(), cpu);
}

static void t_a_child_inherits_the_mask(void)
{
	cpu_set_t one;
	int cpu;

	for (cpu = CPU_SETSIZE - 1; cpu >= 0 && !CPU_ISSET(cpu, &start_mask); cpu--)
		;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);			/* the last one we may use */
	ASSERT_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
	EXPECT_CHILD_OK(child_keeps_mask);
	restore();
}

static void t_no_usable_cpu_is_einval(void)
{
	unsigned long big[1024 / (8 * sizeof(long))];
	cpu_set_t none;

	CPU_ZERO(&none);
	EXPECT_ERRNO(sched_setaffinity(0, sizeof(none), &none), EINVAL);
	memset(big, 0, sizeof(big));
	big[1023 / (8 * sizeof(long))] = 1UL << (1023 % (8 * sizeof(long)));	/* CPU 1023 only */
	EXPECT_ERRNO(raw_setaffinity(0, sizeof(big), big), EINVAL);
	EXPECT_ERRNO(raw_setaffinity(0, 0, big), EINVAL);	/* zero-length: an empty mask */
	ASSERT_EQ(sched_getaffinity(0, sizeof(none), &none), 0);
	EXPECT_TRUE(CPU_EQUAL(&none, &start_mask));		/* unchanged by the failures */
}

static void t_no_such_process_is_esrch(void)
{
	pid_t pid = fork();
	cpu_set_t m;

	if (pid == 0)
		_exit(0);
	ASSERT_GT(pid, 0);
	ASSERT_EQ(waitpid(pid, NULL, 0), pid);		/* reaped: the pid names no one */
	EXPECT_ERRNO(sched_getaffinity(pid, sizeof(m), &m), ESRCH);
	EXPECT_ERRNO(sched_setaffinity(pid, sizeof(start_mask), &start_mask), ESRCH);
}

static pid_t root_pid;

static void nobody_sets_roots(void)
{
	cpu_set_t m;

	ASSERT_EQ(setresgid(NOBODY, NOBODY, NOBODY), 0);
	ASSERT_EQ(setresuid(NOBODY, NOBODY, NOBODY), 0);
	EXPECT_ERRNO(sched_setaffinity(root_pid, sizeof(start_mask), &start_mask), EPERM);
	EXPECT_EQ(sched_getaffinity(root_pid, sizeof(m), &m), 0);	/* reading is allowed */
	EXPECT_EQ(sched_setaffinity(0, sizeof(start_mask), &start_mask), 0);	/* its own is */
}

static void t_another_users_process_is_eperm(void)
{
	if (geteuid() != 0)
		KTAP_SKIP("needs root");
	root_pid = getpid();
	EXPECT_CHILD_OK(nobody_sets_roots);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_we_may_run_on_some_online_cpus,
				   t_getaffinity_returns_whole_longs,
				   t_pinned_we_run_only_there,
				   t_a_child_inherits_the_mask,
				   t_no_usable_cpu_is_einval,
				   t_no_such_process_is_esrch,
				   t_another_users_process_is_eperm));
}
