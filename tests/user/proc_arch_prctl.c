/*
 * proc_arch_prctl: arch_prctl's FS and GS bases.  ARCH_SET_GS gives %gs
 * a base that memory accesses through %gs use and ARCH_GET_GS reads
 * back; it stays through system calls and context switches (two threads
 * with different bases yielding to each other), a forked child and a new
 * thread inherit it, and a base outside user space is EPERM; ARCH_GET_FS
 * reads the TLS base libc set; an unknown code is EINVAL.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

static long arch_prctl(int code, unsigned long arg)
{
	return syscall(SYS_arch_prctl, code, arg);
}

static unsigned long get_base(int code)
{
	unsigned long base = 1;

	return arch_prctl(code, (unsigned long)&base) ? ~0UL : base;
}

/* The word at %gs:@off. */
static unsigned long gs_word(unsigned long off)
{
	unsigned long v;

	__asm__ volatile("movq %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

static unsigned long words_a[2] = { 0x1111, 0x2222 }, words_b[2] = { 0x3333, 0x4444 };

static void t_set_gs_is_used_and_read_back(void)
{
	ASSERT_EQ(arch_prctl(ARCH_SET_GS, (unsigned long)words_a), 0);
	EXPECT_EQ(get_base(ARCH_GET_GS), (unsigned long)words_a);
	EXPECT_EQ(gs_word(0), 0x1111UL);
	EXPECT_EQ(gs_word(8), 0x2222UL);
	getppid();					/* a system call keeps it */
	EXPECT_EQ(gs_word(8), 0x2222UL);
	EXPECT_EQ(arch_prctl(ARCH_SET_GS, 0), 0);
	EXPECT_EQ(get_base(ARCH_GET_GS), 0UL);
}

static void t_bad_arguments(void)
{
	EXPECT_ERRNO(arch_prctl(ARCH_SET_GS, 0xffff800000000000UL), EPERM);
	EXPECT_ERRNO(arch_prctl(ARCH_SET_FS, 0xffffffff80000000UL), EPERM);
	EXPECT_ERRNO(arch_prctl(ARCH_GET_GS, 8), EFAULT);
	EXPECT_ERRNO(arch_prctl(0x1999, 0), EINVAL);
	EXPECT_NE(get_base(ARCH_GET_FS), 0UL);		/* libc's TLS */
	EXPECT_NE(get_base(ARCH_GET_FS), ~0UL);
}

static volatile int stop;

/* A thread with its own GS base, yielding, checking it keeps it; 0 if it always did. */
static void *other_base(void *arg)
{
	long bad = 0;

	(void)arg;
	if (get_base(ARCH_GET_GS) != (unsigned long)words_a)
		bad++;					/* a new thread inherits the base */
	arch_prctl(ARCH_SET_GS, (unsigned long)words_b);
	while (!stop) {
		bad += gs_word(0) != 0x3333UL;
		sched_yield();
	}
	return (void *)bad;
}

static void t_kept_across_context_switches(void)
{
	pthread_t t;
	void *bad;
	int i;

	ASSERT_EQ(arch_prctl(ARCH_SET_GS, (unsigned long)words_a), 0);
	stop = 0;
	ASSERT_EQ(pthread_create(&t, NULL, other_base, NULL), 0);
	for (i = 0; i < 2000; i++) {
		if (gs_word(0) != 0x1111UL)
			break;
		sched_yield();
	}
	EXPECT_EQ(i, 2000);
	stop = 1;
	pthread_join(t, &bad);
	EXPECT_EQ((long)bad, 0);
	arch_prctl(ARCH_SET_GS, 0);
}

static void child_sees_base_a(void)
{
	EXPECT_EQ(get_base(ARCH_GET_GS), (unsigned long)words_a);
	EXPECT_EQ(gs_word(8), 0x2222UL);
}

static void t_fork_inherits_it(void)
{
	ASSERT_EQ(arch_prctl(ARCH_SET_GS, (unsigned long)words_a), 0);
	EXPECT_CHILD_OK(child_sees_base_a);
	arch_prctl(ARCH_SET_GS, 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_set_gs_is_used_and_read_back,
				   t_bad_arguments,
				   t_kept_across_context_switches,
				   t_fork_inherits_it));
}
