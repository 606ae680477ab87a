/*
 * mm_vma_merge: adjacent VMAs that agree become one, as Linux's
 * vma_merge makes them.  mprotect, mlock and madvise split a mapping
 * where they change part of it, and it comes back together when the
 * flags agree again; a region grown by mprotect a page at a time (as
 * glibc grows a thread's heap arena) stays two VMAs, not one per step; a
 * new anonymous mapping next to a like one joins it, and so does one that
 * mremap grows up to a like neighbour; two mappings of one
 * file join when their offsets follow on, not otherwise; mappings that
 * differ (protection, a different file) stay apart, and so do the parts
 * of a SysV shm attachment, each counted in shm_nattch.  Counted in
 * /proc/self/maps.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>
#include "ktap.h"

#define PAGE 4096UL

/* How many lines of /proc/self/maps overlap [lo, hi). */
static int vmas_in(void *lo, void *hi)
{
	unsigned long start, end;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &start, &end) == 2 &&
		    start < (unsigned long)hi && end > (unsigned long)lo)
			n++;
	fclose(f);
	return n;
}

/* @pages of private anonymous memory, read-write, with a free page on each side. */
static char *anon(unsigned long pages)
{
	char *p = mmap(NULL, (pages + 2) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, PAGE);
	munmap(p + (pages + 1) * PAGE, PAGE);
	p += PAGE;
	return mprotect(p, pages * PAGE, PROT_READ | PROT_WRITE) ? NULL : p;
}

static void t_mprotect_splits_and_joins(void)
{
	char *p = anon(3);

	ASSERT_TRUE(p != NULL);
	p[0] = p[2 * PAGE] = 1;
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 1);
	EXPECT_EQ(mprotect(p + PAGE, PAGE, PROT_READ), 0);
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 3);
	EXPECT_EQ(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 1);
	EXPECT_EQ(mprotect(p, 3 * PAGE, PROT_READ | PROT_WRITE), 0);	/* no change: no split */
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 1);
	munmap(p, 3 * PAGE);
}

/* The kselftest mlock2-tests' case: munlock of the middle, then of the whole. */
static void t_mlock_splits_and_joins(void)
{
	char *p = anon(3);

	ASSERT_TRUE(p != NULL);
	if (mlock(p, 3 * PAGE))
		KTAP_SKIP("mlock refused (RLIMIT_MEMLOCK)");
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 1);
	EXPECT_EQ(munlock(p + PAGE, PAGE), 0);
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 3);
	EXPECT_EQ(munlock(p, 3 * PAGE), 0);
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 1);
	munmap(p, 3 * PAGE);
}

static void t_madvise_flags_split_and_join(void)
{
	char *p = anon(4);

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(madvise(p + PAGE, 2 * PAGE, MADV_DONTFORK), 0);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 3);
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_DONTFORK), 0);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 1);
	EXPECT_EQ(madvise(p, 4 * PAGE, MADV_DOFORK), 0);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 1);
	munmap(p, 4 * PAGE);
}

/* A reservation made read-write a page at a time stays two VMAs. */
static void t_growing_by_mprotect_stays_two(void)
{
	char *p = mmap(NULL, 64 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long i;

	ASSERT_TRUE(p != MAP_FAILED);
	for (i = 0; i < 40; i++) {
		ASSERT_EQ(mprotect(p + i * PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
		p[i * PAGE] = 1;
	}
	EXPECT_EQ(vmas_in(p, p + 64 * PAGE), 2);
	munmap(p, 64 * PAGE);
}

static void t_adjacent_anonymous_mappings_join(void)
{
	char *p = anon(4), *q;

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(munmap(p + 2 * PAGE, 2 * PAGE), 0);
	p[0] = 1;
	q = mmap(p + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT_TRUE(q == p + 2 * PAGE);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 1);
	/* a different protection stays apart */
	EXPECT_EQ(munmap(q, 2 * PAGE), 0);
	q = mmap(q, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT_TRUE(q == p + 2 * PAGE);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 2);
	munmap(p, 4 * PAGE);
}

/* A SysV shm attachment split by mprotect stays split: each part counts in shm_nattch. */
static void t_shm_attachment_parts_stay_apart(void)
{
	int id = shmget(IPC_PRIVATE, 3 * PAGE, IPC_CREAT | 0600);
	struct shmid_ds ds;
	char *p;

	ASSERT_GE(id, 0);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (char *)-1);
	EXPECT_EQ(mprotect(p + PAGE, PAGE, PROT_READ), 0);
	EXPECT_EQ(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(vmas_in(p, p + 3 * PAGE), 3);
	EXPECT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_nattch, 3);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

/* mremap growing a mapping up to its neighbour: one VMA, its offsets following on. */
static void t_mremap_grown_joins_its_neighbour(void)
{
	char *p = anon(4), *q;

	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(munmap(p + 2 * PAGE, PAGE), 0);		/* [p, p+2) hole [p+3, p+4) */
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 2);
	q = mremap(p, 2 * PAGE, 3 * PAGE, 0);
	ASSERT_TRUE(q == p);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 1);
	p[3 * PAGE] = 1;
	munmap(p, 4 * PAGE);
}

/* Two shared mappings of one open file: one VMA when the offsets follow on. */
static void t_file_mappings_join_when_offsets_follow(void)
{
	int fd = memfd_create("mm_vma_merge", 0);
	char *p = anon(4), *q, c = 0;

	ASSERT_TRUE(p != NULL);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 8 * PAGE), 0);
	q = mmap(p, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	ASSERT_TRUE(q == p);
	q = mmap(p + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd,
		 2 * PAGE);
	ASSERT_TRUE(q == p + 2 * PAGE);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 1);
	/* the joined mapping still reaches the file where each part did */
	p[3 * PAGE] = 'z';
	EXPECT_EQ(pread(fd, &c, 1, 3 * PAGE), 1);
	EXPECT_EQ(c, 'z');
	q = mmap(p + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd,
		 5 * PAGE);
	ASSERT_TRUE(q == p + 2 * PAGE);
	EXPECT_EQ(vmas_in(p, p + 4 * PAGE), 2);
	munmap(p, 4 * PAGE);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_mprotect_splits_and_joins,
				   t_mlock_splits_and_joins,
				   t_madvise_flags_split_and_join,
				   t_growing_by_mprotect_stays_two,
				   t_adjacent_anonymous_mappings_join,
				   t_mremap_grown_joins_its_neighbour,
				   t_shm_attachment_parts_stay_apart,
				   t_file_mappings_join_when_offsets_follow));
}
