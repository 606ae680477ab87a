/*
 * mm_madvise: madvise(2).  MADV_DONTNEED empties private anonymous pages
 * (they read as zeros) but keeps a shared mapping's data; MADV_FREE is
 * for private anonymous memory only (EINVAL on a shared mapping);
 * MADV_DONTFORK keeps a range out of a fork()ed child (it faults there)
 * and MADV_DOFORK brings it back; the hints are accepted; and the errors:
 * EINVAL for unknown advice or an unaligned start, ENOMEM for a range
 * not (all) mapped.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL

static char *map(size_t len, int flags)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void t_dontneed_zeroes_private_pages(void)
{
	char *p = map(3 * PAGE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	memset(p, 'x', 3 * PAGE);
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_DONTNEED), 0);
	EXPECT_EQ(p[0], 'x');
	EXPECT_EQ(p[PAGE], 0);
	EXPECT_EQ(p[2 * PAGE - 1], 0);
	EXPECT_EQ(p[2 * PAGE], 'x');
	munmap(p, 3 * PAGE);
}

static void t_dontneed_keeps_shared_data(void)
{
	char *p = map(PAGE, MAP_SHARED);

	ASSERT_TRUE(p != NULL);
	p[10] = 's';
	EXPECT_EQ(madvise(p, PAGE, MADV_DONTNEED), 0);
	EXPECT_EQ(p[10], 's');
	errno = 0;
	EXPECT_EQ(madvise(p, PAGE, MADV_FREE), -1);
	EXPECT_EQ(errno, EINVAL);
	munmap(p, PAGE);
}

static void t_free_on_private_memory(void)
{
	char *p = map(PAGE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	p[0] = 1;
	EXPECT_EQ(madvise(p, PAGE, MADV_FREE), 0);
	p[1] = 2;				/* still usable afterwards */
	EXPECT_EQ(p[1], 2);
	munmap(p, PAGE);
}

static volatile char *probe;

static void touch_probe(void)
{
	(void)*probe;
}

static void t_dontfork_keeps_a_range_from_the_child(void)
{
	char *p = map(3 * PAGE, MAP_PRIVATE);
	int status;

	ASSERT_TRUE(p != NULL);
	memset(p, 'y', 3 * PAGE);
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_DONTFORK), 0);
	probe = p + PAGE;
	status = run_in_child(touch_probe);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	probe = p + 2 * PAGE;			/* the rest of the mapping is inherited */
	EXPECT_EQ(run_in_child(touch_probe), 0);
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_DOFORK), 0);
	probe = p + PAGE;
	EXPECT_EQ(run_in_child(touch_probe), 0);
	munmap(p, 3 * PAGE);
}

static void t_hints_and_errors(void)
{
	char *p = map(2 * PAGE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_NORMAL), 0);
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_SEQUENTIAL), 0);
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_WILLNEED), 0);
	EXPECT_EQ(madvise(p, 0, MADV_DONTNEED), 0);
	errno = 0;
	EXPECT_EQ(madvise(p, PAGE, 12345), -1);
	EXPECT_EQ(errno, EINVAL);
	errno = 0;
	EXPECT_EQ(madvise(p + 1, PAGE, MADV_DONTNEED), -1);
	EXPECT_EQ(errno, EINVAL);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	errno = 0;
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_DONTNEED), -1);	/* its end is not mapped */
	EXPECT_EQ(errno, ENOMEM);
	munmap(p, PAGE);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_dontneed_zeroes_private_pages, t_dontneed_keeps_shared_data,
				   t_free_on_private_memory,
				   t_dontfork_keeps_a_range_from_the_child, t_hints_and_errors));
}
