/*
 * mm_msync_remap: msync(2) and remap_file_pages(2).  msync: EINVAL for an
 * unaligned address, unknown flags or MS_ASYNC with MS_SYNC; ENOMEM when
 * the range has a hole (MS_ASYNC stops at it, MS_SYNC does the rest and
 * still says ENOMEM); 0 for an empty range anywhere; a store through a
 * shared file mapping is in the file after MS_SYNC.  remap_file_pages:
 * part of a shared mapping shows other pages of its file (or of its
 * shared anonymous memory) from then on, the rest stays; EINVAL for a
 * protection, a private mapping, no mapping, a range past the mapping, an
 * empty range.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

#define PAGE 4096UL

static char path[64];

/* A file of @n pages, page i filled with the byte 'a' + i. */
static int page_file(int n)
{
	char buf[PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644), i;

	for (i = 0; fd >= 0 && i < n; i++) {
		memset(buf, 'a' + i, PAGE);
		if (write(fd, buf, PAGE) != PAGE)
			return -1;
	}
	return fd;
}

static void t_msync_errors(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_ERRNO(msync(p + 1, PAGE, MS_SYNC), EINVAL);
	EXPECT_ERRNO(msync(p, PAGE, 8), EINVAL);
	EXPECT_ERRNO(msync(p, PAGE, MS_ASYNC | MS_SYNC), EINVAL);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);		/* a hole in the middle */
	EXPECT_ERRNO(msync(p + PAGE, PAGE, MS_SYNC), ENOMEM);
	EXPECT_ERRNO(msync(p, 3 * PAGE, MS_SYNC), ENOMEM);
	EXPECT_ERRNO(msync(p, 3 * PAGE, MS_ASYNC), ENOMEM);
	EXPECT_ERRNO(msync(p, 3 * PAGE, MS_INVALIDATE), ENOMEM);
	EXPECT_EQ(msync(p + PAGE, 0, MS_SYNC), 0);	/* nothing to look at */
	EXPECT_EQ(msync(p, PAGE, 0), 0);
	EXPECT_EQ(msync(p, PAGE, MS_ASYNC), 0);
	EXPECT_EQ(msync(p, PAGE - 1, MS_SYNC | MS_INVALIDATE), 0);	/* rounded up */
	munmap(p, 3 * PAGE);
}

static void t_msync_shared_file_mapping(void)
{
	int fd = page_file(2);
	char *p, c = 0;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	p[PAGE + 5] = 'Z';
	EXPECT_EQ(msync(p, 2 * PAGE, MS_SYNC), 0);
	EXPECT_EQ(pread(fd, &c, 1, PAGE + 5), 1);
	EXPECT_EQ(c, 'Z');
	EXPECT_EQ(msync(p + PAGE, PAGE, MS_ASYNC | MS_INVALIDATE), 0);
	munmap(p, 2 * PAGE);
	close(fd);
	unlink(path);
}

static long remap(void *start, size_t size, int prot, size_t pgoff)
{
	return syscall(SYS_remap_file_pages, start, size, prot, pgoff, 0);
}

static void t_remap_file_pages(void)
{
	int fd = page_file(4);
	volatile char *p;		/* two addresses of one page: no caching across them */

	ASSERT_GE(fd, 0);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p[0], 'a');			/* faulted in before the remap */
	EXPECT_EQ(remap((void *)p, 2 * PAGE, 0, 2), 0);
	EXPECT_EQ(p[0], 'c');
	EXPECT_EQ(p[PAGE], 'd');
	EXPECT_EQ(p[2 * PAGE], 'c');		/* the rest as it was */
	EXPECT_EQ(p[3 * PAGE], 'd');
	p[1] = 'X';				/* the file's page 2, through either place */
	EXPECT_EQ(p[2 * PAGE + 1], 'X');
	EXPECT_EQ(remap((void *)(p + PAGE + 100), PAGE, 0, 0), 0);	/* rounded down */
	EXPECT_EQ(p[PAGE], 'a');
	EXPECT_ERRNO(remap((void *)p, PAGE, PROT_READ, 1), EINVAL);
	EXPECT_ERRNO(remap((void *)p, 5 * PAGE, 0, 0), EINVAL);	/* past the mapping */
	EXPECT_ERRNO(remap((void *)p, 0, 0, 0), EINVAL);
	munmap((void *)p, 4 * PAGE);
	EXPECT_ERRNO(remap((void *)p, PAGE, 0, 0), EINVAL);	/* nothing mapped */
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_ERRNO(remap((void *)p, PAGE, 0, 1), EINVAL);	/* a private mapping */
	munmap((void *)p, 2 * PAGE);
	close(fd);
	unlink(path);
}

static void t_remap_shared_anonymous_memory(void)
{
	volatile char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	p[0] = 'A';
	p[PAGE] = 'B';
	EXPECT_EQ(remap((void *)p, PAGE, 0, 1), 0);
	EXPECT_EQ(p[0], 'B');
	EXPECT_EQ(p[PAGE], 'B');
	munmap((void *)p, 2 * PAGE);
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/mm_msync_remap.%d", getpid());
	return ktap_run(KTAP_CASES(t_msync_errors, t_msync_shared_file_mapping,
				   t_remap_file_pages, t_remap_shared_anonymous_memory));
}
