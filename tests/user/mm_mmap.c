/*
 * mm_mmap: anonymous mappings with mmap, munmap and mprotect.  Private
 * mappings are zero-filled and private to a process after fork; shared
 * ones are seen by the child; PROT_NONE, read-only and unmapped pages
 * fault with SIGSEGV (checked in children); PROT_EXEC runs code and a
 * non-executable page does not; MAP_FIXED replaces exactly the pages
 * asked; a kernel address is never handed out; MAP_32BIT places a
 * mapping in [1 GiB, 2 GiB); anonymous memory refuses MAP_SHARED_VALIDATE,
 * shared MAP_GROWSDOWN and (with no huge pages to give) MAP_HUGETLB; and
 * the argument errors
 * (EINVAL for length 0, an unaligned address, bad flags or prot; EBADF;
 * ENOMEM for a range not mapped or outside user space).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL
#define KERNEL_ADDR ((void *)0xffffffff81000000UL)
#define USER_TOP 0x800000000000UL	/* the end of 4-level user space */

static char *map(size_t len, int prot, int flags)
{
	char *p = mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The address and kind of access a child makes in touch(). */
static volatile char *touch_addr;
static int touch_write;

static void touch(void)
{
	if (touch_write)
		*touch_addr = 1;
	else
		(void)*touch_addr;
}

/* Reads or writes one byte at @addr in a child; returns its wait status. */
static int touch_status(void *addr, int write)
{
	touch_addr = addr;
	touch_write = write;
	return run_in_child(touch);
}

static void t_private_anon_zeroed_and_writable(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	size_t i, nonzero = 0;

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ((uintptr_t)p % PAGE, 0);
	for (i = 0; i < 3 * PAGE; i++)
		nonzero += p[i] != 0;
	EXPECT_EQ(nonzero, 0);
	for (i = 0; i < 3 * PAGE; i++)
		p[i] = (char)i;
	EXPECT_EQ(p[PAGE + 5], (char)(PAGE + 5));
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);
}

static void t_shared_anon_seen_by_child(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	pid_t pid;

	ASSERT_TRUE(p != NULL);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		strcpy(p, "from the child");
		_exit(0);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_STREQ(p, "from the child");
	munmap(p, PAGE);
}

static void t_private_anon_not_shared_after_fork(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	pid_t pid;

	ASSERT_TRUE(p != NULL);
	strcpy(p, "parent");
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		strcpy(p, "child");
		_exit(strcmp(p, "child") ? 1 : 0);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_STREQ(p, "parent");
	munmap(p, PAGE);
}

static void t_prot_none_faults(void)
{
	char *p = map(PAGE, PROT_NONE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	EXPECT_KILLED(touch_status(p, 0), SIGSEGV);
	EXPECT_KILLED(touch_status(p, 1), SIGSEGV);
	/* Made accessible, the same page works (and was zero-filled). */
	ASSERT_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(p[100], 0);
	p[100] = 7;
	EXPECT_EQ(p[100], 7);
	munmap(p, PAGE);
}

static void t_read_only_page_faults_on_write(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	p[0] = 9;
	ASSERT_EQ(mprotect(p, PAGE, PROT_READ), 0);
	EXPECT_EXIT(touch_status(p, 0), 0);
	EXPECT_KILLED(touch_status(p, 1), SIGSEGV);
	EXPECT_EQ(p[0], 9);
	munmap(p, PAGE);
}

static void t_unmapped_page_faults(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	/* A hole in the middle; the pages around it stay. */
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	EXPECT_KILLED(touch_status(p + PAGE, 0), SIGSEGV);
	EXPECT_EXIT(touch_status(p, 1), 0);
	EXPECT_EXIT(touch_status(p + 2 * PAGE, 1), 0);
	munmap(p, 3 * PAGE);
}

/* "mov $42, %eax; ret" */
static const unsigned char ret42[] = { 0xb8, 42, 0, 0, 0, 0xc3 };
static void *code_page;

static void call_code_page(void)
{
	int (*fn)(void) = (int (*)(void))code_page;

	EXPECT_EQ(fn(), 42);
}

static void t_prot_exec_runs_code(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	memcpy(p, ret42, sizeof(ret42));
	code_page = p;
	/* Readable but not executable: the CPU refuses (NX). */
	ASSERT_EQ(mprotect(p, PAGE, PROT_READ), 0);
	EXPECT_KILLED(run_in_child(call_code_page), SIGSEGV);
	ASSERT_EQ(mprotect(p, PAGE, PROT_READ | PROT_EXEC), 0);
	EXPECT_EXIT(run_in_child(call_code_page), 0);
	munmap(p, PAGE);
}

static void t_map_fixed_replaces_exactly(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE), *q;

	ASSERT_TRUE(p != NULL);
	memset(p, 'x', 3 * PAGE);
	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT_TRUE(q == p + PAGE);
	EXPECT_EQ(p[PAGE], 0);		/* a fresh page */
	EXPECT_EQ(p[2 * PAGE - 1], 0);
	EXPECT_EQ(p[PAGE - 1], 'x');	/* its neighbours untouched */
	EXPECT_EQ(p[2 * PAGE], 'x');
	munmap(p, 3 * PAGE);
}

static void t_kernel_address_never_mapped(void)
{
	char *p;

	/* A hint outside user space is ignored... */
	p = mmap(KERNEL_ADDR, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_LT((uintptr_t)p, USER_TOP);
	munmap(p, PAGE);
	/* ... and MAP_FIXED there is refused. */
	EXPECT_TRUE(mmap(KERNEL_ADDR, PAGE, PROT_READ,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENOMEM);
}

static void t_large_mapping_touched_sparsely(void)
{
	size_t len = 16 << 20, i;
	char *p = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	for (i = 0; i < len; i += 1 << 20)
		p[i] = (char)(i >> 20);
	for (i = 0; i < len; i += 1 << 20)
		EXPECT_EQ(p[i], (char)(i >> 20));
	EXPECT_EQ(munmap(p, len), 0);
}

static void t_mmap_einval_ebadf(void)
{
	char *p = map(PAGE, PROT_READ, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	EXPECT_TRUE(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
		    == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(mmap(p + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			 -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	/* Neither MAP_PRIVATE nor MAP_SHARED. */
	EXPECT_TRUE(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	/* A file mapping needs a file. */
	EXPECT_TRUE(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EBADF);
	munmap(p, PAGE);
}

static void t_munmap_errors(void)
{
	char *p = map(2 * PAGE, PROT_READ, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	EXPECT_ERRNO(munmap(p + 1, PAGE), EINVAL);
	EXPECT_ERRNO(munmap(p, 0), EINVAL);
	EXPECT_ERRNO(munmap(KERNEL_ADDR, PAGE), EINVAL);
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);	/* nothing there: not an error */
}

static void t_mprotect_errors(void)
{
	char *p = map(2 * PAGE, PROT_READ, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	/* Raw: musl's mprotect() rounds the address down to a page. */
	EXPECT_ERRNO(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL);
	EXPECT_ERRNO(mprotect(p, PAGE, 0x100), EINVAL);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	/* Any part of the range not mapped. */
	EXPECT_ERRNO(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE), ENOMEM);
	EXPECT_ERRNO(mprotect(p + PAGE, PAGE, PROT_READ), ENOMEM);
	munmap(p, PAGE);
}

/* A free address given without MAP_FIXED is taken; MAP_FIXED_NOREPLACE never replaces. */
static void t_hint_taken_and_noreplace_refuses(void)
{
	char *hint = (char *)0x200000000000UL, *p, *q;

	p = mmap(hint, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_TRUE(p == hint);
	q = mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		 -1, 0);
	EXPECT_TRUE(q == MAP_FAILED);
	EXPECT_EQ(errno, EEXIST);
	q = mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		 -1, 0);
	EXPECT_TRUE(q == p + 2 * PAGE);		/* free: taken exactly there */
	/* A taken hint gives some other free place, not an error. */
	q = mmap(hint, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_TRUE(q != MAP_FAILED && q != hint);
	munmap(q, PAGE);
	munmap(p, 3 * PAGE);
}

/* The heap and the stack may be made executable (their VMAs have VM_MAYEXEC). */
static void t_heap_and_stack_may_become_executable(void)
{
	/* raw brk: musl's sbrk() refuses to move the break */
	unsigned long cur = syscall(SYS_brk, 0);
	char here = 0, *heap = (char *)((cur + PAGE - 1) & ~(PAGE - 1));
	char *stack = (char *)((unsigned long)&here & ~(PAGE - 1));

	ASSERT_EQ(syscall(SYS_brk, (unsigned long)heap + 2 * PAGE), (long)heap + 2 * PAGE);
	EXPECT_EQ(mprotect(heap, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
	EXPECT_EQ(mprotect(heap, PAGE, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(mprotect(stack, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
	EXPECT_EQ(mprotect(stack, PAGE, PROT_READ | PROT_WRITE), 0);
	syscall(SYS_brk, cur);
}

/*
 * MAP_32BIT: in [1 GiB, 2 GiB), where x86-64 programs put what 32-bit
 * code must reach; a free hint below 2 GiB is kept.
 */
static void t_map_32bit_is_below_2gib(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0), *q;

	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_GE((uintptr_t)p, 0x40000000UL);
	EXPECT_LE((uintptr_t)p + 3 * PAGE, 0x80000000UL);
	p[0] = 1;
	q = mmap((void *)0x20000000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		 -1, 0);
	if (q != (char *)0x20000000)		/* taken already: any place below 2 GiB */
		EXPECT_LE((uintptr_t)q + PAGE, 0x80000000UL);
	munmap(p, 3 * PAGE);
	munmap(q, PAGE);
}

/* Whether an anonymous mapping with @flags succeeds (0, unmapped again) or its errno. */
static int anon_errno(int flags)
{
	void *p = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return errno;
	munmap(p, 2 << 20);
	return 0;
}

static void t_anonymous_flag_rules(void)
{
	int huge = anon_errno(MAP_PRIVATE | MAP_HUGETLB);

	EXPECT_EQ(anon_errno(MAP_SHARED_VALIDATE), EINVAL);
	EXPECT_EQ(anon_errno(MAP_SHARED | MAP_GROWSDOWN), EINVAL);
	EXPECT_EQ(anon_errno(MAP_PRIVATE | MAP_GROWSDOWN), 0);
	/* no huge pages: EINVAL (no hugetlbfs), or ENOMEM (hugetlbfs, none reserved) */
	EXPECT_TRUE(huge == EINVAL || huge == ENOMEM);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_private_anon_zeroed_and_writable,
		t_shared_anon_seen_by_child, t_private_anon_not_shared_after_fork,
		t_prot_none_faults, t_read_only_page_faults_on_write,
		t_unmapped_page_faults, t_prot_exec_runs_code,
		t_map_fixed_replaces_exactly, t_kernel_address_never_mapped,
		t_large_mapping_touched_sparsely, t_mmap_einval_ebadf,
		t_munmap_errors, t_mprotect_errors, t_hint_taken_and_noreplace_refuses,
		t_heap_and_stack_may_become_executable, t_map_32bit_is_below_2gib,
		t_anonymous_flag_rules));
}
