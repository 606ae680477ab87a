/*
 * mm_madvise: madvise(2).  MADV_DONTNEED empties private anonymous pages
 * (they read as zeros) but keeps a shared mapping's data; MADV_FREE is
 * for private anonymous memory only (EINVAL on a shared mapping);
 * MADV_DONTFORK keeps a range out of a fork()ed child (it faults there)
 * and MADV_DOFORK brings it back; MADV_WIPEONFORK gives the child the
 * range empty (private anonymous memory only) and MADV_KEEPONFORK undoes
 * it; MADV_POPULATE_READ/WRITE fault a range in (EINVAL where the access
 * is not allowed, EFAULT past a file's end, ENOMEM over a hole); the
 * hints are accepted (COLD and PAGEOUT not on locked memory, where only
 * MADV_DONTNEED_LOCKED may drop pages); MADV_REMOVE punches a hole in the
 * file or shared memory behind a shared writable mapping (EACCES for a
 * read-only or private file mapping, EINVAL for anonymous private or
 * locked memory, a private copy
 * stays); the special mappings are left
 * alone (MADV_DODUMP on [vdso] EINVAL, mremap may not grow it); and the
 * errors: EINVAL for unknown advice or an unaligned start, ENOMEM for a
 * range not (all) mapped.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL

#ifndef MADV_POPULATE_READ		/* musl's headers may predate them */
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#endif
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED	24
#endif

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
	EXPECT_ERRNO(madvise(p, PAGE, MADV_FREE), EINVAL);
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
	EXPECT_ERRNO(madvise(p, PAGE, 12345), EINVAL);
	EXPECT_ERRNO(madvise(p + 1, PAGE, MADV_DONTNEED), EINVAL);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	EXPECT_ERRNO(madvise(p, 2 * PAGE, MADV_DONTNEED), ENOMEM);	/* its end is not mapped */
	munmap(p, PAGE);
}

static char *wiped;

static void check_wiped(void)
{
	_exit(wiped[-1] == 'w' && wiped[0] == 0 && wiped[PAGE - 1] == 0 && wiped[PAGE] == 'w' ? 0 : 1);
}

static void check_kept(void)
{
	_exit(wiped[0] == 'w' ? 0 : 1);
}

static void t_wipeonfork_gives_the_child_zeros(void)
{
	char *p = map(3 * PAGE, MAP_PRIVATE), *shared = map(PAGE, MAP_SHARED);

	ASSERT_TRUE(p != NULL && shared != NULL);
	memset(p, 'w', 3 * PAGE);
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_WIPEONFORK), 0);
	wiped = p + PAGE;
	EXPECT_EQ(run_in_child(check_wiped), 0);
	EXPECT_EQ(p[PAGE], 'w');		/* the parent keeps its data */
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_KEEPONFORK), 0);
	EXPECT_EQ(run_in_child(check_kept), 0);
	EXPECT_ERRNO(madvise(shared, PAGE, MADV_WIPEONFORK), EINVAL);
	munmap(p, 3 * PAGE);
	munmap(shared, PAGE);
}

static int resident(char *p, size_t pages)
{
	unsigned char v[8];
	size_t i;
	int n = 0;

	if (pages > sizeof(v) || mincore(p, pages * PAGE, v))
		return -1;
	for (i = 0; i < pages; i++)
		n += v[i] & 1;
	return n;
}

static void t_populate_faults_in(void)
{
	char *p = map(4 * PAGE, MAP_PRIVATE), *ro, *none;
	int fd = memfd_create("populate", 0);
	char *f;

	ASSERT_TRUE(p != NULL && fd >= 0);
	EXPECT_EQ(resident(p, 4), 0);
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_POPULATE_READ), 0);
	EXPECT_EQ(madvise(p + 2 * PAGE, 2 * PAGE, MADV_POPULATE_WRITE), 0);
	EXPECT_EQ(resident(p, 4), 4);
	EXPECT_EQ(p[3 * PAGE], 0);
	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERRNO(madvise(ro, PAGE, MADV_POPULATE_WRITE), EINVAL);
	EXPECT_ERRNO(madvise(none, PAGE, MADV_POPULATE_READ), EINVAL);
	ASSERT_EQ(ftruncate(fd, PAGE), 0);
	f = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(f != MAP_FAILED);
	EXPECT_ERRNO(madvise(f, 2 * PAGE, MADV_POPULATE_READ), EFAULT);	/* the second page is past the end */
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	EXPECT_ERRNO(madvise(p, 3 * PAGE, MADV_POPULATE_READ), ENOMEM);
	munmap(p, 4 * PAGE);
	munmap(ro, PAGE);
	munmap(none, PAGE);
	munmap(f, 2 * PAGE);
	close(fd);
}

static void t_reclaim_hints_and_locked_memory(void)
{
	char *p = map(2 * PAGE, MAP_PRIVATE);

	ASSERT_TRUE(p != NULL);
	memset(p, 'c', 2 * PAGE);
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_COLD), 0);
	EXPECT_EQ(madvise(p, 2 * PAGE, MADV_PAGEOUT), 0);
	EXPECT_EQ(p[PAGE], 'c');		/* no swap: the data stays */
	ASSERT_EQ(mlock(p, PAGE), 0);
	EXPECT_ERRNO(madvise(p, PAGE, MADV_COLD), EINVAL);
	EXPECT_ERRNO(madvise(p, PAGE, MADV_DONTNEED), EINVAL);
	EXPECT_EQ(madvise(p, PAGE, MADV_DONTNEED_LOCKED), 0);
	EXPECT_EQ(p[0], 0);
	munmap(p, 2 * PAGE);
}

static void t_remove_punches_a_hole(void)
{
	int fd = memfd_create("remove", 0), ro;
	char data[3 * PAGE], buf[8], self[64], *shared, *priv, *anon, *ro_map, *anon_priv;

	ASSERT_GE(fd, 0);
	memset(data, 'r', sizeof(data));
	ASSERT_EQ(write(fd, data, sizeof(data)), (ssize_t)sizeof(data));
	shared = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	anon = map(2 * PAGE, MAP_SHARED);
	ASSERT_TRUE(shared != MAP_FAILED && priv != MAP_FAILED && anon != NULL);
	priv[PAGE] = 'P';
	EXPECT_EQ(madvise(shared + PAGE, PAGE, MADV_REMOVE), 0);
	EXPECT_EQ(pread(fd, buf, 1, PAGE), 1);
	EXPECT_EQ(buf[0], 0);
	EXPECT_EQ(shared[PAGE], 0);
	EXPECT_EQ(shared[0], 'r');
	EXPECT_EQ(shared[2 * PAGE], 'r');
	EXPECT_EQ(priv[PAGE], 'P');		/* the private copy stays */
	memset(anon, 'a', 2 * PAGE);
	EXPECT_EQ(madvise(anon, PAGE, MADV_REMOVE), 0);
	EXPECT_EQ(anon[0], 0);
	EXPECT_EQ(anon[PAGE], 'a');
	EXPECT_ERRNO(madvise(priv, PAGE, MADV_REMOVE), EACCES);	/* a file's, not shared */
	anon_priv = map(PAGE, MAP_PRIVATE);
	ASSERT_TRUE(anon_priv != NULL);
	EXPECT_ERRNO(madvise(anon_priv, PAGE, MADV_REMOVE), EINVAL);	/* no file at all */
	munmap(anon_priv, PAGE);
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	ro = open(self, O_RDONLY);
	ASSERT_GE(ro, 0);
	ro_map = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	ASSERT_TRUE(ro_map != MAP_FAILED);
	EXPECT_ERRNO(madvise(ro_map, PAGE, MADV_REMOVE), EACCES);
	ASSERT_EQ(mlock(shared, PAGE), 0);
	EXPECT_ERRNO(madvise(shared, PAGE, MADV_REMOVE), EINVAL);
	munmap(ro_map, PAGE);
	munmap(shared, 3 * PAGE);
	munmap(priv, 3 * PAGE);
	munmap(anon, 2 * PAGE);
	close(ro);
	close(fd);
}

/* The [vdso]'s range from /proc/self/maps; 0 if there is none. */
static unsigned long vdso_range(unsigned long *end)
{
	char line[256];
	unsigned long start = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vdso]") && sscanf(line, "%lx-%lx", &start, end) == 2)
			break;
		else
			start = 0;
	if (f)
		fclose(f);
	return start;
}

static void t_special_mappings_stay_as_they_are(void)
{
	unsigned long end, start = vdso_range(&end);
	void *r;

	if (!start)
		KTAP_SKIP("no [vdso]");
	EXPECT_ERRNO(madvise((void *)start, PAGE, MADV_DODUMP), EINVAL);
	r = mremap((void *)start, end - start, end - start + PAGE, 0);
	EXPECT_TRUE(r == MAP_FAILED && errno == EFAULT);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_dontneed_zeroes_private_pages, t_dontneed_keeps_shared_data,
				   t_free_on_private_memory,
				   t_dontfork_keeps_a_range_from_the_child, t_hints_and_errors,
				   t_wipeonfork_gives_the_child_zeros, t_populate_faults_in,
				   t_reclaim_hints_and_locked_memory, t_remove_punches_a_hole,
				   t_special_mappings_stay_as_they_are));
}
