/*
 * mm_mlock: mlock, mlock2, munlock, mlockall, munlockall and mincore, as
 * Linux's.  Locking faults a range in (mincore then reports every page
 * resident) and counts it in /proc/self/status's VmLck, unless it is
 * MLOCK_ONFAULT; a PROT_NONE range is locked but cannot be faulted in
 * (ENOMEM); munmap and munlock give the count back; a fork's child
 * starts with nothing locked; MCL_FUTURE locks and faults in later
 * mappings; a locked range refuses MADV_DONTNEED and msync's MS_INVALIDATE.  Without CAP_IPC_LOCK,
 * RLIMIT_MEMLOCK bounds it all: 0 forbids locking (EPERM), and past the
 * limit mlock says ENOMEM, mmap(MAP_LOCKED) and mremap EAGAIN.  mincore
 * reports a shared page another process touched, and its errors: EINVAL,
 * ENOMEM, EFAULT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

#define PAGE 4096UL
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

static char *map(size_t len, int prot, int flags)
{
	char *p = mmap(NULL, len, prot, MAP_ANONYMOUS | flags, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static unsigned long vmlck_kb(void)
{
	return proc_kb("/proc/self/status", "VmLck:");
}

/* How many of the @n pages at @p mincore reports resident; -1 on error. */
static int resident(void *p, int n)
{
	unsigned char v[64];
	int i, count = 0;

	if (n > 64 || mincore(p, n * PAGE, v))
		return -1;
	for (i = 0; i < n; i++)
		count += v[i] & 1;
	return count;
}

/* mmap(2) itself: musl's mmap turns the kernel's EPERM into ENOMEM. */
static long sys_map_locked(size_t len)
{
	return syscall(SYS_mmap, NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
		       -1, 0);
}

static long sys_mlock2(void *p, size_t len, int flags)
{
	return syscall(SYS_mlock2, p, len, flags);
}

static void t_mlock_faults_in_and_counts(void)
{
	unsigned long base = vmlck_kb();
	char *p = map(4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(resident(p, 4), 0);
	ASSERT_EQ(mlock(p + 100, 2 * PAGE), 0);	/* rounded out: pages 0 to 2 */
	EXPECT_EQ(resident(p, 4), 3);
	EXPECT_EQ(vmlck_kb(), base + 12);
	EXPECT_EQ(mlock(p, 3 * PAGE), 0);		/* again: counted once */
	EXPECT_EQ(vmlck_kb(), base + 12);
	EXPECT_EQ(munlock(p + PAGE, PAGE), 0);
	EXPECT_EQ(vmlck_kb(), base + 8);
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
	EXPECT_EQ(vmlck_kb(), base + 4);
	EXPECT_EQ(munmap(p + 2 * PAGE, 2 * PAGE), 0);
	EXPECT_EQ(vmlck_kb(), base);
}

static void t_onfault_counts_without_faulting(void)
{
	unsigned long base = vmlck_kb();
	char *p = map(4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(sys_mlock2(p, 4 * PAGE, MLOCK_ONFAULT), 0);
	EXPECT_EQ(resident(p, 4), 0);
	EXPECT_EQ(vmlck_kb(), base + 16);
	p[PAGE] = 1;
	EXPECT_EQ(resident(p, 4), 1);
	EXPECT_EQ(sys_mlock2(p, PAGE, 2), -1);
	EXPECT_EQ(errno, EINVAL);
	munmap(p, 4 * PAGE);
	EXPECT_EQ(vmlck_kb(), base);
}

static void t_prot_none_is_locked_but_enomem(void)
{
	unsigned long base = vmlck_kb();
	char *p = map(2 * PAGE, PROT_NONE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	errno = 0;
	EXPECT_EQ(mlock(p, 2 * PAGE), -1);
	EXPECT_EQ(errno, ENOMEM);
	EXPECT_EQ(vmlck_kb(), base + 8);
	munmap(p, 2 * PAGE);
	EXPECT_EQ(vmlck_kb(), base);
}

static void t_holes_and_bad_flags(void)
{
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	errno = 0;
	EXPECT_EQ(mlock(p, 3 * PAGE), -1);
	EXPECT_EQ(errno, ENOMEM);
	errno = 0;
	EXPECT_EQ(mlock(p + PAGE, PAGE), -1);
	EXPECT_EQ(errno, ENOMEM);
	errno = 0;
	EXPECT_EQ(mlockall(0), -1);
	EXPECT_EQ(errno, EINVAL);
	errno = 0;
	EXPECT_EQ(mlockall(MCL_ONFAULT), -1);
	EXPECT_EQ(errno, EINVAL);
	errno = 0;
	EXPECT_EQ(mlockall(8 | MCL_CURRENT), -1);
	EXPECT_EQ(errno, EINVAL);
	munlock(p, PAGE);
	munmap(p, 3 * PAGE);
}

static void t_dontneed_and_invalidate_refused_when_locked(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(mlock(p, PAGE), 0);
	p[0] = 'k';
	errno = 0;
	EXPECT_EQ(madvise(p, PAGE, MADV_DONTNEED), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(p[0], 'k');
	errno = 0;
	EXPECT_EQ(msync(p, PAGE, MS_INVALIDATE), -1);
	EXPECT_EQ(errno, EBUSY);
	EXPECT_EQ(msync(p, PAGE, MS_SYNC), 0);
	munmap(p, PAGE);
}

static char smaps_text[65536];

/* The kB of smaps' Locked: lines, summed; the "lo" flags (VmFlags) seen in *@lo. */
static unsigned long smaps_locked_kb(int *lo)
{
	unsigned long kb, sum = 0;
	char *line;

	*lo = 0;
	if (read_text("/proc/self/smaps", smaps_text, sizeof(smaps_text)) <= 0)
		return (unsigned long)-1;
	for (line = smaps_text; (line = strstr(line, "Locked:")); line++)
		if (sscanf(line + 7, " %lu", &kb) == 1)
			sum += kb;
	for (line = smaps_text; (line = strstr(line, "VmFlags:")); line++)
		*lo += strstr(line, " lo ") && strstr(line, " lo ") < strchr(line, '\n');
	return sum;
}

/* fork's child: nothing locked; its copy of a locked range is not marked. */
static void child_has_nothing_locked(void)
{
	int lo;

	if (vmlck_kb() != 0)
		_exit(1);
	_exit(smaps_locked_kb(&lo) != 0 || lo != 0 ? 2 : 0);
}

static void t_fork_does_not_inherit_locks(void)
{
	char *p = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int lo;

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(mlock(p, PAGE), 0);
	EXPECT_EQ(smaps_locked_kb(&lo), 4);
	EXPECT_EQ(lo, 1);
	EXPECT_EXIT(run_in_child(child_has_nothing_locked), 0);
	munmap(p, PAGE);
}

static void child_mlockall_future(void)
{
	char *p, *q;

	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		_exit(1);
	p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!p || resident(p, 3) != 3)
		_exit(2);			/* MCL_FUTURE: faulted in at mmap */
	if (munlockall() || vmlck_kb() != 0)
		_exit(3);
	q = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!q || resident(q, 3) != 0)
		_exit(4);
	if (mlockall(MCL_FUTURE | MCL_ONFAULT))
		_exit(5);
	q = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!q || resident(q, 3) != 0 || vmlck_kb() != 12)
		_exit(6);
	_exit(0);
}

static void t_mlockall_future_locks_new_mappings(void)
{
	EXPECT_EXIT(run_in_child(child_mlockall_future), 0);
}

/* Without CAP_IPC_LOCK: RLIMIT_MEMLOCK of 0 forbids, then 2 pages bound, locking. */
static void child_memlock_limit(void)
{
	struct rlimit rl = { 0, 2 * PAGE };
	char *p, *q;

	if (setresuid(65534, 65534, 65534) || setrlimit(RLIMIT_MEMLOCK, &rl))
		_exit(1);
	p = map(4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!p || mlock(p, PAGE) != -1 || errno != EPERM)
		_exit(2);
	if (mlockall(MCL_FUTURE) != -1 || errno != EPERM)
		_exit(3);
	if (sys_map_locked(PAGE) != -1 || errno != EPERM)
		_exit(4);
	rl.rlim_cur = rl.rlim_max = 2 * PAGE;
	if (setrlimit(RLIMIT_MEMLOCK, &rl))
		_exit(5);
	if (mlock(p, 3 * PAGE) != -1 || errno != ENOMEM)
		_exit(6);
	if (mlock(p, 2 * PAGE) || mlock(p, 2 * PAGE))
		_exit(7);			/* re-locking what is locked adds nothing */
	if (sys_map_locked(PAGE) != -1 || errno != EAGAIN)
		_exit(8);
	q = mremap(p, 4 * PAGE, 4 * PAGE, 0);
	if (q != p || munmap(p + 2 * PAGE, 2 * PAGE))
		_exit(9);
	if (mremap(p, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE) != MAP_FAILED || errno != EAGAIN)
		_exit(10);
	_exit(0);
}

static void t_memlock_limit_without_cap_ipc_lock(void)
{
	EXPECT_EXIT(run_in_child(child_memlock_limit), 0);
}

static void t_mremap_keeps_a_locked_range_locked(void)
{
	unsigned long base = vmlck_kb();
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE), *q;

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(mlock(p, 2 * PAGE), 0);
	q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	ASSERT_TRUE(q != MAP_FAILED);
	EXPECT_EQ(resident(q, 4), 4);		/* the grown part faulted in too */
	EXPECT_EQ(vmlck_kb(), base + 16);
	munmap(q, 4 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
	EXPECT_EQ(vmlck_kb(), base);
}

static void t_mincore_sees_a_shared_page_touched_elsewhere(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	pid_t pid;

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(resident(p, 2), 0);
	pid = fork();
	if (pid == 0) {
		p[PAGE] = 1;
		_exit(0);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(resident(p, 2), 1);		/* in the shared object, not in our ptes */
	EXPECT_EQ(resident(p + PAGE, 1), 1);
	munmap(p, 2 * PAGE);
}

static void t_mincore_errors(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	unsigned char v[2];

	ASSERT_TRUE(p != NULL);
	errno = 0;
	EXPECT_EQ(mincore(p + 1, PAGE, v), -1);
	EXPECT_EQ(errno, EINVAL);
	errno = 0;
	EXPECT_EQ(mincore(p, PAGE, (unsigned char *)1), -1);
	EXPECT_EQ(errno, EFAULT);
	errno = 0;
	EXPECT_EQ(mincore((void *)0x7ffffffff000UL, 2 * PAGE, v), -1);
	EXPECT_EQ(errno, ENOMEM);
	EXPECT_EQ(mincore(p, 0, v), 0);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	errno = 0;
	v[0] = 7;
	EXPECT_EQ(mincore(p, 2 * PAGE, v), -1);
	EXPECT_EQ(errno, ENOMEM);
	EXPECT_EQ(v[0], 0);			/* what came before the hole is filled */
	munmap(p, PAGE);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_mlock_faults_in_and_counts, t_onfault_counts_without_faulting,
				   t_prot_none_is_locked_but_enomem, t_holes_and_bad_flags,
				   t_dontneed_and_invalidate_refused_when_locked,
				   t_fork_does_not_inherit_locks,
				   t_mlockall_future_locks_new_mappings,
				   t_memlock_limit_without_cap_ipc_lock,
				   t_mremap_keeps_a_locked_range_locked,
				   t_mincore_sees_a_shared_page_touched_elsewhere,
				   t_mincore_errors));
}
