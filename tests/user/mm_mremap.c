/*
 * mm_mremap: mremap(2) as Linux's.  A mapping shrinks in place, grows in
 * place when the room after it is free, and otherwise fails (ENOMEM) or,
 * with MREMAP_MAYMOVE, moves with its data: private pages stay the
 * process's own (a forked child's copy is untouched), shared ones stay
 * shared with the other processes and the file.  MREMAP_FIXED replaces
 * what was at the target; MREMAP_DONTUNMAP leaves the old range mapped
 * and empty; an old length of 0 duplicates a shared mapping.  The
 * errors: EINVAL for bad flags, an unaligned address, a zero new length,
 * overlapping ranges and duplicating a private mapping; EFAULT for an
 * unmapped address or an old range past its mapping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

static char *map(size_t len, int flags)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | flags, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Is the page at @p mapped?  mincore says ENOMEM where nothing is. */
static int mapped(void *p)
{
	unsigned char v;

	return mincore(p, PAGE, &v) == 0;
}

/* @n pages at a free place, each page i filled with 'a' + i; the page after is taken. */
static char *map_blocked(int n, int flags)
{
	char *p = map((n + 1) * PAGE, flags);
	int i;

	if (!p)
		return NULL;
	for (i = 0; i < n; i++)
		memset(p + i * PAGE, 'a' + i, PAGE);
	return p;
}

static int pages_hold(const char *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (p[i * PAGE] != 'a' + i || p[i * PAGE + PAGE - 1] != 'a' + i)
			return 0;
	return 1;
}

static void t_grows_in_place_when_room(void)
{
	char *p = map_blocked(2, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	ASSERT_TRUE(mremap(p, 2 * PAGE, 3 * PAGE, 0) == p);
	EXPECT_TRUE(pages_hold(p, 2));
	EXPECT_EQ(p[2 * PAGE], 0);
	p[3 * PAGE - 1] = 'z';
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);
}

static void t_no_room_without_maymove_is_enomem(void)
{
	char *p = map_blocked(2, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	errno = 0;
	EXPECT_TRUE(mremap(p, 2 * PAGE, 3 * PAGE, 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENOMEM);
	EXPECT_TRUE(pages_hold(p, 2));
	munmap(p, 3 * PAGE);
}

static void t_maymove_moves_the_data(void)
{
	char *p = map_blocked(3, MAP_PRIVATE), *q;

	ASSERT_TRUE(p != NULL);
	q = mremap(p, 3 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	ASSERT_TRUE(q != MAP_FAILED);
	EXPECT_TRUE(q != p);
	EXPECT_TRUE(pages_hold(q, 3));
	EXPECT_EQ(q[7 * PAGE], 0);
	EXPECT_TRUE(!mapped(p));
	EXPECT_TRUE(mapped(p + 3 * PAGE));	/* the page that blocked it stays */
	munmap(q, 8 * PAGE);
	munmap(p + 3 * PAGE, PAGE);
}

static void t_shrink_unmaps_the_tail(void)
{
	char *p = map_blocked(3, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	ASSERT_TRUE(mremap(p, 3 * PAGE, PAGE + 1, 0) == p);
	EXPECT_TRUE(pages_hold(p, 2));
	EXPECT_TRUE(!mapped(p + 2 * PAGE));
	ASSERT_TRUE(mremap(p, 2 * PAGE, 2 * PAGE, 0) == p);	/* same size: nothing to do */
	munmap(p, 4 * PAGE);
}

static void t_fixed_replaces_the_target(void)
{
	char *p = map_blocked(2, MAP_PRIVATE), *t = map(4 * PAGE, MAP_PRIVATE), *q;

	ASSERT_TRUE(p != NULL && t != NULL);
	memset(t, 'x', 4 * PAGE);
	q = mremap(p, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + PAGE);
	ASSERT_TRUE(q == t + PAGE);
	EXPECT_TRUE(pages_hold(q, 2));
	EXPECT_EQ(q[2 * PAGE], 0);		/* the grown part is new, not t's 'x' */
	EXPECT_EQ(t[0], 'x');			/* t's first page is left alone */
	EXPECT_TRUE(!mapped(p));
	munmap(t, 4 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
}

static void t_private_pages_stay_private_after_fork(void)
{
	char *p = map_blocked(2, MAP_PRIVATE), *q;
	int fds[2], status;
	char c = 0;
	pid_t pid;

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		char *cq = mremap(p, 2 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);

		if (cq == MAP_FAILED || !pages_hold(cq, 2))
			_exit(1);
		cq[0] = 'C';
		(void)!write(fds[1], "x", 1);
		_exit(cq[0] == 'C' ? 0 : 2);
	}
	ASSERT_EQ(read(fds[0], &c, 1), 1);
	EXPECT_EQ(p[0], 'a');			/* the child's write went to its own copy */
	q = mremap(p, 2 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
	ASSERT_TRUE(q != MAP_FAILED);
	EXPECT_TRUE(pages_hold(q, 2));
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EXIT(status, 0);
	close(fds[0]);
	close(fds[1]);
	munmap(q, 6 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
}

static void t_shared_pages_stay_shared(void)
{
	char *p = map_blocked(2, MAP_SHARED), *q;
	int fds[2], status;
	char c = 0;
	pid_t pid;

	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		(void)!read(fds[0], &c, 1);
		p[PAGE] = 'S';			/* at the old address, in the child */
		_exit(0);
	}
	q = mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, map(2 * PAGE, MAP_PRIVATE));
	ASSERT_TRUE(q != MAP_FAILED);
	ASSERT_EQ(write(fds[1], "x", 1), 1);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EXIT(status, 0);
	EXPECT_EQ(q[PAGE], 'S');		/* the moved mapping is still the same memory */
	EXPECT_EQ(q[0], 'a');
	close(fds[0]);
	close(fds[1]);
	munmap(q, 2 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
}

static void t_zero_old_len_duplicates_shared_only(void)
{
	char *p = map(PAGE, MAP_SHARED), *q, *r = map(PAGE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL && r != NULL);
	p[0] = 'd';
	q = mremap(p, 0, PAGE, MREMAP_MAYMOVE);
	ASSERT_TRUE(q != MAP_FAILED);
	EXPECT_TRUE(q != p);
	EXPECT_EQ(q[0], 'd');
	q[1] = 'e';
	EXPECT_EQ(p[1], 'e');			/* two views of one page */
	errno = 0;
	EXPECT_TRUE(mremap(r, 0, PAGE, MREMAP_MAYMOVE) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	munmap(p, PAGE);
	munmap(q, PAGE);
	munmap(r, PAGE);
}

static void t_dontunmap_leaves_an_empty_range(void)
{
	char *p = map_blocked(2, MAP_PRIVATE), *q;

	ASSERT_TRUE(p != NULL);
	q = mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	ASSERT_TRUE(q != MAP_FAILED);
	EXPECT_TRUE(pages_hold(q, 2));
	EXPECT_TRUE(mapped(p));
	EXPECT_EQ(p[0], 0);			/* the pages went; the range reads zeros */
	EXPECT_EQ(p[PAGE], 0);
	errno = 0;
	EXPECT_TRUE(mremap(q, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP) ==
		    MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);		/* DONTUNMAP never resizes */
	munmap(p, 3 * PAGE);
	munmap(q, 2 * PAGE);
}

static void t_file_mapping_moves_with_its_offset(void)
{
	char path[64], buf[2];
	char *p, *q;
	int fd;

	snprintf(path, sizeof(path), "/tmp/mm_mremap.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_GE(fd, 0);
	unlink(path);
	ASSERT_EQ(ftruncate(fd, 4 * PAGE), 0);
	ASSERT_EQ(pwrite(fd, "f", 1, 2 * PAGE), 1);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(munmap(p, PAGE), 0);		/* p + PAGE maps file page 1 */
	q = mremap(p + PAGE, 3 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		   map(3 * PAGE, MAP_PRIVATE));
	ASSERT_TRUE(q != MAP_FAILED);
	EXPECT_EQ(q[PAGE], 'f');		/* file page 2, one page into the mapping */
	q[2 * PAGE] = 'g';
	ASSERT_EQ(pread(fd, buf, 1, 3 * PAGE), 1);
	EXPECT_EQ(buf[0], 'g');
	munmap(q, 3 * PAGE);
	close(fd);
}

static void t_errors(void)
{
	char *p = map_blocked(2, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
#define EXPECT_MREMAP_ERR(call, err) do { \
		errno = 0; \
		EXPECT_TRUE((call) == MAP_FAILED); \
		EXPECT_EQ(errno, err); \
	} while (0)
	EXPECT_MREMAP_ERR(mremap(p, PAGE, PAGE, 8), EINVAL);
	EXPECT_MREMAP_ERR(mremap(p, PAGE, 2 * PAGE, MREMAP_FIXED, p + 8 * PAGE), EINVAL);
	EXPECT_MREMAP_ERR(mremap(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EINVAL);
	EXPECT_MREMAP_ERR(mremap(p, PAGE, 0, MREMAP_MAYMOVE), EINVAL);
	EXPECT_MREMAP_ERR(mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE),
			  EINVAL);		/* overlapping */
	EXPECT_MREMAP_ERR(mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
				 p + 8 * PAGE + 1), EINVAL);
	EXPECT_MREMAP_ERR(mremap(p, PAGE, PAGE, MREMAP_DONTUNMAP), EINVAL);
	ASSERT_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	EXPECT_MREMAP_ERR(mremap(p + 2 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EFAULT);
	EXPECT_MREMAP_ERR(mremap(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE), EFAULT);
	EXPECT_MREMAP_ERR(mremap(p + 2 * PAGE, PAGE, PAGE, 0), EFAULT);
	EXPECT_TRUE(pages_hold(p, 2));		/* nothing failed half-way */
	munmap(p, 2 * PAGE);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_grows_in_place_when_room, t_no_room_without_maymove_is_enomem,
				   t_maymove_moves_the_data, t_shrink_unmaps_the_tail,
				   t_fixed_replaces_the_target,
				   t_private_pages_stay_private_after_fork,
				   t_shared_pages_stay_shared, t_zero_old_len_duplicates_shared_only,
				   t_dontunmap_leaves_an_empty_range,
				   t_file_mapping_moves_with_its_offset, t_errors));
}
