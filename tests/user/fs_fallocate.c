/*
 * fs_fallocate: fallocate(2) on tmpfs files (memfds), as Linux's
 * shmem_fallocate.  Mode 0 allocates the range's pages and grows the size
 * (st_blocks counts the pages); FALLOC_FL_KEEP_SIZE allocates past the end
 * but leaves the size, so a mapping still gets SIGBUS there;
 * FALLOC_FL_PUNCH_HOLE (with KEEP_SIZE only) frees whole pages and zeroes
 * the partial ones, and a shared mapping sees zeros while a private copy
 * keeps its data.  The errors come in vfs_fallocate's order: EINVAL for
 * the range, EOPNOTSUPP or EINVAL for the mode, EBADF unless the file is
 * open for writing, ESPIPE for a pipe, ENODEV for a device, EFBIG past
 * 2^63 and past RLIMIT_FSIZE (with SIGXFSZ), EPERM under F_SEAL_GROW and
 * F_SEAL_WRITE; ramfs has no fallocate at all (EOPNOTSUPP).  The pages
 * fallocate makes are not resident to mincore until a fault or a write
 * uses them (a read does not), as Linux's not-yet-uptodate falloc pages.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "fd_util.h"
#include "child.h"

#define PAGE 4096L

#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02
#endif
#define FL_COLLAPSE_RANGE	0x08
#define FL_ZERO_RANGE		0x10

static int memfd(unsigned int flags)
{
	return memfd_create("fs_fallocate", flags);
}

static void t_allocates_and_grows(void)
{
	int fd = memfd(0);
	char buf[16];

	ASSERT_GE(fd, 0);
	EXPECT_EQ(blocks_of(fd), 0);
	EXPECT_EQ(fallocate(fd, 0, 100, 10000), 0);
	EXPECT_EQ(size_of(fd), 10100);
	EXPECT_EQ(blocks_of(fd), 3 * PAGE / 512);	/* pages 0 to 2 */
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 5000), (ssize_t)sizeof(buf));
	EXPECT_EQ(buf[0], 0);
	EXPECT_EQ(fallocate(fd, 0, 0, 50), 0);		/* inside: no change of size */
	EXPECT_EQ(size_of(fd), 10100);
	close(fd);
}

/* Which of the first @n pages of @p mincore says are resident, as a bit mask. */
static unsigned int resident_mask(const void *p, int n)
{
	unsigned char v[32];
	unsigned int mask = 0;
	int i;

	if (n > 32 || mincore((void *)p, n * PAGE, v))
		return ~0u;
	for (i = 0; i < n; i++)
		mask |= (v[i] & 1u) << i;
	return mask;
}

static void t_fallocated_pages_are_not_resident_until_used(void)
{
	int fd = memfd(0);
	char *map, c;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(fallocate(fd, 0, 0, 4 * PAGE), 0);
	EXPECT_EQ(blocks_of(fd), 4 * PAGE / 512);	/* allocated all the same */
	map = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	EXPECT_EQ(resident_mask(map, 4), 0u);
	EXPECT_EQ(pread(fd, &c, 1, 2 * PAGE), 1);	/* a read leaves it as it was */
	EXPECT_EQ(c, 0);
	EXPECT_EQ(resident_mask(map, 4), 0u);
	EXPECT_EQ(pwrite(fd, "w", 1, 3 * PAGE), 1);	/* a write uses page 3 */
	EXPECT_EQ(resident_mask(map, 4), 1u << 3);
	c = map[PAGE];					/* a fault uses page 1 */
	EXPECT_EQ(c, 0);
	EXPECT_EQ(resident_mask(map, 4), (1u << 1) | (1u << 3));
	/* another mapping sees page 1 resident now without faulting it: the object's */
	EXPECT_EQ(munmap(map, 4 * PAGE), 0);
	map = mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	EXPECT_EQ(resident_mask(map, 4), (1u << 1) | (1u << 3));
	munmap(map, 4 * PAGE);
	close(fd);
}

static volatile char *probe;

static void touch_probe(void)
{
	(void)*probe;
}

static void t_keep_size_allocates_past_the_end(void)
{
	int fd = memfd(0), status;
	char *p;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 2 * PAGE), 0);
	EXPECT_EQ(size_of(fd), 0);
	EXPECT_EQ(blocks_of(fd), 2 * PAGE / 512);
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	probe = p;
	status = run_in_child(touch_probe);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);	/* past the size */
	ASSERT_EQ(ftruncate(fd, PAGE), 0);
	EXPECT_EQ(p[0], 0);
	munmap(p, 2 * PAGE);
	close(fd);
}

static void t_punch_hole(void)
{
	int fd = memfd(0);
	char data[3 * PAGE], buf[3 * PAGE], *shared, *priv;

	ASSERT_GE(fd, 0);
	memset(data, 'x', sizeof(data));
	ASSERT_EQ(write(fd, data, sizeof(data)), (ssize_t)sizeof(data));
	shared = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(shared != MAP_FAILED && priv != MAP_FAILED);
	EXPECT_EQ(shared[PAGE], 'x');
	priv[PAGE] = 'P';				/* a private copy of page 1 */
	EXPECT_ERRNO(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 100, 2 * PAGE), EOPNOTSUPP);
	EXPECT_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100, 2 * PAGE), 0);
	EXPECT_EQ(size_of(fd), 3 * PAGE);
	EXPECT_EQ(blocks_of(fd), 2 * PAGE / 512);	/* page 1 is gone */
	ASSERT_EQ(pread(fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	EXPECT_EQ(buf[99], 'x');
	EXPECT_EQ(buf[100], 0);
	EXPECT_EQ(buf[PAGE], 0);
	EXPECT_EQ(buf[2 * PAGE + 99], 0);
	EXPECT_EQ(buf[2 * PAGE + 100], 'x');
	EXPECT_EQ(shared[100], 0);
	EXPECT_EQ(shared[PAGE + 1], 0);			/* unmapped: the new page reads zeros */
	EXPECT_EQ(priv[PAGE], 'P');			/* the private copy stays */
	EXPECT_EQ(priv[PAGE + 1], 'x');
	munmap(shared, 3 * PAGE);
	munmap(priv, 3 * PAGE);
	close(fd);
}

static void t_mode_and_range_errors(void)
{
	int fd = memfd(0), pfd[2], null = open("/dev/null", O_WRONLY);
	char self[64];
	int ro;

	ASSERT_GE(fd, 0);
	ASSERT_GE(null, 0);
	ASSERT_EQ(pipe(pfd), 0);
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	ro = open(self, O_RDONLY);
	ASSERT_GE(ro, 0);
	EXPECT_ERRNO(fallocate(-1, 0, 0, 10), EBADF);
	EXPECT_ERRNO(fallocate(fd, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(fallocate(fd, 0, -1, 10), EINVAL);
	EXPECT_ERRNO(fallocate(ro, 0, 0, -1), EINVAL);	/* the range comes first */
	EXPECT_ERRNO(fallocate(fd, 0x80, 0, 10), EOPNOTSUPP);
	EXPECT_ERRNO(fallocate(fd, FL_COLLAPSE_RANGE, 0, PAGE), EOPNOTSUPP);	/* not tmpfs's */
	EXPECT_ERRNO(fallocate(fd, FL_ZERO_RANGE, 0, PAGE), EOPNOTSUPP);
	EXPECT_ERRNO(fallocate(ro, 0, 0, 10), EBADF);
	EXPECT_ERRNO(fallocate(pfd[0], 0, 0, 10), EBADF);
	EXPECT_ERRNO(fallocate(pfd[1], 0, 0, 10), ESPIPE);
	EXPECT_ERRNO(fallocate(null, 0, 0, 10), ENODEV);
	EXPECT_ERRNO(fallocate(fd, 0, LLONG_MAX - 10, 20), EFBIG);
	EXPECT_EQ(size_of(fd), 0);
	close(ro);
	close(null);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}

static void fsize_limited(void)
{
	struct rlimit rl = { PAGE, RLIM_INFINITY };
	int fd = memfd(0);

	block_signal(SIGXFSZ);
	ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &rl), 0);
	EXPECT_EQ(fallocate(fd, 0, 0, PAGE), 0);
	EXPECT_ERRNO(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, PAGE + 1), EFBIG);
	EXPECT_TRUE(is_pending(SIGXFSZ));
	close(fd);
}

static void t_rlimit_fsize_counts(void)
{
	EXPECT_CHILD_OK(fsize_limited);
}

static void t_seals(void)
{
	int fd = memfd(MFD_ALLOW_SEALING);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 2 * PAGE), 0);
	ASSERT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	EXPECT_EQ(fallocate(fd, 0, 0, 2 * PAGE), 0);
	EXPECT_ERRNO(fallocate(fd, FALLOC_FL_KEEP_SIZE, PAGE, 2 * PAGE), EPERM);
	EXPECT_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, PAGE), 0);
	ASSERT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0);
	EXPECT_ERRNO(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, PAGE), EPERM);
	close(fd);
}

/* A ramfs mounted in a mount namespace of the child's own: no fallocate. */
static void ramfs_has_none(void)
{
	char dir[64], file[80];
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/fs_fallocate.%d", getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mkdir(dir, 0700))
		_exit(0);				/* no mount namespace to play in */
	if (mount("r", dir, "ramfs", 0, NULL)) {
		rmdir(dir);
		_exit(0);
	}
	fd = open(file, O_RDWR | O_CREAT, 0600);
	EXPECT_GE(fd, 0);
	EXPECT_ERRNO(fallocate(fd, 0, 0, PAGE), EOPNOTSUPP);
	EXPECT_ERRNO(fallocate(fd, 0, 0, 0), EINVAL);	/* the VFS's checks come first */
	close(fd);
	unlink(file);
	umount(dir);
	rmdir(dir);
}

static void t_ramfs_has_no_fallocate(void)
{
	EXPECT_CHILD_OK(ramfs_has_none);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_allocates_and_grows, t_keep_size_allocates_past_the_end,
				   t_punch_hole, t_mode_and_range_errors, t_rlimit_fsize_counts,
				   t_seals, t_ramfs_has_no_fallocate,
				   t_fallocated_pages_are_not_resident_until_used));
}
