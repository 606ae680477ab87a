/*
 * mm_brk: the program break.  brk(0) reports it; growing it gives usable
 * zero-filled memory; shrinking it unmaps the pages (a touch there is
 * SIGSEGV) and growing again gives fresh zeroes; a child gets a copy;
 * and a request brk cannot meet (below the start, a kernel address, over
 * RLIMIT_DATA) leaves the break where it was, which is how Linux's brk
 * reports failure.
 *
 * The raw system call is used: it returns the new break, not 0/-1.  Every
 * case puts the break back where it found it, since musl's malloc may
 * keep its own bookkeeping just below it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL

static char *sys_brk(void *addr)
{
	return (char *)syscall(SYS_brk, addr);
}

static char *page_up(char *p)
{
	return (char *)(((uintptr_t)p + PAGE - 1) & ~(PAGE - 1));
}

static volatile char *touch_addr;

static void touch(void)
{
	*touch_addr = 1;
}

static void t_brk_query(void)
{
	char *cur = sys_brk(NULL);

	EXPECT_TRUE(cur != NULL);
	EXPECT_TRUE(sys_brk(NULL) == cur);	/* asking does not move it */
	EXPECT_TRUE(sbrk(0) == cur);
}

static void t_brk_grow_gives_zeroed_memory(void)
{
	char *cur = sys_brk(NULL), *end = cur + 3 * PAGE + 100, *p;
	size_t nonzero = 0;

	ASSERT_TRUE(sys_brk(end) == end);
	EXPECT_TRUE(sys_brk(NULL) == end);
	for (p = page_up(cur); p < end; p++)
		nonzero += *p != 0;
	EXPECT_EQ(nonzero, 0);
	memset(cur, 'b', end - cur);
	EXPECT_EQ(end[-1], 'b');
	EXPECT_TRUE(sys_brk(cur) == cur);
}

static void t_brk_shrink_unmaps_and_regrow_is_fresh(void)
{
	char *cur = sys_brk(NULL), *end = page_up(cur) + 4 * PAGE;
	char *probe = page_up(cur) + 2 * PAGE;

	ASSERT_TRUE(sys_brk(end) == end);
	memset(probe, 'x', PAGE);
	ASSERT_TRUE(sys_brk(cur) == cur);
	touch_addr = probe;
	EXPECT_KILLED(run_in_child(touch), SIGSEGV);	/* gone */
	ASSERT_TRUE(sys_brk(end) == end);
	EXPECT_EQ(probe[0], 0);				/* fresh, not 'x' */
	EXPECT_EQ(probe[PAGE - 1], 0);
	EXPECT_TRUE(sys_brk(cur) == cur);
}

static void t_brk_child_gets_copy(void)
{
	char *cur = sys_brk(NULL), *end = page_up(cur) + PAGE, *area = page_up(cur);
	pid_t pid;

	ASSERT_TRUE(sys_brk(end) == end);
	area[0] = 'p';
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		int ok = sys_brk(NULL) == end && area[0] == 'p';

		area[0] = 'c';
		_exit(ok ? 0 : 1);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(area[0], 'p');
	EXPECT_TRUE(sys_brk(cur) == cur);
}

static void t_brk_refused_leaves_break(void)
{
	char *cur = sys_brk(NULL);

	/* Linux's brk has no error return: it answers the old break. */
	EXPECT_TRUE(sys_brk((void *)PAGE) == cur);		/* below the start */
	EXPECT_TRUE(sys_brk((void *)0xffffffff81000000UL) == cur);
	EXPECT_TRUE(sys_brk((void *)0x0000800000000000UL) == cur);
	EXPECT_TRUE(sys_brk(NULL) == cur);
}

static void brk_over_rlimit_data(void)
{
	struct rlimit rl;
	char *cur = sys_brk(NULL);

	ASSERT_EQ(getrlimit(RLIMIT_DATA, &rl), 0);
	rl.rlim_cur = 4 << 20;
	ASSERT_EQ(setrlimit(RLIMIT_DATA, &rl), 0);
	/* 64 MiB more cannot fit in a 4 MiB data limit. */
	EXPECT_TRUE(sys_brk(cur + (64 << 20)) == cur);
	EXPECT_TRUE(sys_brk(NULL) == cur);
}

static void t_brk_bounded_by_rlimit_data(void)
{
	EXPECT_CHILD_OK(brk_over_rlimit_data);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_brk_query, t_brk_grow_gives_zeroed_memory,
		t_brk_shrink_unmaps_and_regrow_is_fresh, t_brk_child_gets_copy,
		t_brk_refused_leaves_break, t_brk_bounded_by_rlimit_data));
}
