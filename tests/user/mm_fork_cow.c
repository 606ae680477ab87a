/*
 * mm_fork_cow: memory after fork is copy-on-write: neither side sees the
 * other's later writes (globals, stack, heap, many pages, over three
 * generations); and the stack grows on demand: a child can recurse through
 * a few hundred KiB of stack, but not past its RLIMIT_STACK (SIGSEGV).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096
#define FRAME 1024	/* stack bytes each recursion level uses at least */

static int global_value;

static void t_child_writes_not_seen_by_parent(void)
{
	volatile int stack_value = 1;	/* in memory, not a register */
	int *heap_value = malloc(sizeof(*heap_value));
	pid_t pid;

	ASSERT_TRUE(heap_value != NULL);
	global_value = 1;
	*heap_value = 1;
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		global_value = 2;
		stack_value = 2;
		*heap_value = 2;
		_exit(global_value + stack_value + *heap_value == 6 ? 0 : 1);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(global_value, 1);
	EXPECT_EQ(stack_value, 1);
	EXPECT_EQ(*heap_value, 1);
	free(heap_value);
}

static void t_parent_writes_not_seen_by_child(void)
{
	int p[2];
	pid_t pid;
	char go;

	ASSERT_EQ(pipe(p), 0);
	global_value = 10;
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		close(p[1]);
		read(p[0], &go, 1);	/* until the parent has written */
		_exit(global_value == 10 ? 0 : 1);
	}
	close(p[0]);
	global_value = 20;
	EXPECT_EQ(write(p[1], "g", 1), 1);
	close(p[1]);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(global_value, 20);
}

static void t_many_pages_copied_on_write(void)
{
	size_t len = 64 * PAGE, i, changed = 0;
	unsigned char *buf = malloc(len);
	pid_t pid;

	ASSERT_TRUE(buf != NULL);
	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)(i * 7);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		size_t bad = 0;

		for (i = 0; i < len; i += PAGE / 2) {
			bad += buf[i] != (unsigned char)(i * 7);
			buf[i] = 0xee;
		}
		_exit(bad ? 1 : 0);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	for (i = 0; i < len; i++)
		changed += buf[i] != (unsigned char)(i * 7);
	EXPECT_EQ(changed, 0);
	free(buf);
}

static void three_generations(void)
{
	pid_t pid;

	global_value = 2;
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		global_value = 3;	/* the grandchild's own copy */
		_exit(0);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(global_value, 2);
}

static void t_copies_across_generations(void)
{
	global_value = 1;
	EXPECT_CHILD_OK(three_generations);
	EXPECT_EQ(global_value, 1);
}

/* Recurses @depth levels with a FRAME-byte array each; returns @depth. */
__attribute__((noinline)) static int recurse(int depth)
{
	volatile char frame[FRAME];

	frame[0] = 1;
	frame[FRAME - 1] = 1;
	if (depth == 0)
		return 0;
	return recurse(depth - 1) + frame[0] * frame[FRAME - 1];
}

static int recursion_depth;

static void deep_stack(void)
{
	EXPECT_EQ(recurse(recursion_depth), recursion_depth);
}

static void t_stack_grows_on_demand(void)
{
	recursion_depth = 512;		/* at least 512 KiB of stack */
	EXPECT_EXIT(run_in_child(deep_stack), 0);
}

static void stack_past_limit(void)
{
	struct rlimit rl;

	ASSERT_EQ(getrlimit(RLIMIT_STACK, &rl), 0);
	rl.rlim_cur = 256 * 1024;
	ASSERT_EQ(setrlimit(RLIMIT_STACK, &rl), 0);
	recursion_depth = 2048;		/* 2 MiB: past the limit */
	deep_stack();
}

static void t_stack_limited_by_rlimit(void)
{
	EXPECT_KILLED(run_in_child(stack_past_limit), SIGSEGV);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_child_writes_not_seen_by_parent,
		t_parent_writes_not_seen_by_child, t_many_pages_copied_on_write,
		t_copies_across_generations, t_stack_grows_on_demand,
		t_stack_limited_by_rlimit));
}
