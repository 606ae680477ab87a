/*
 * fs_tmpfs_size: a tmpfs holds at most its size= in file pages (Linux's
 * shmem_sb_info).  A write that would pass it is cut short, then ENOSPC,
 * and leaves the file's size alone; a shared mapping's fault past it is
 * SIGBUS; truncation gives the pages back.  A sparse file costs only the
 * pages written (st_blocks counts those, not the size).  statfs reports
 * the size and what is free; size= takes k/m/g suffixes and a share of
 * the RAM (%), nr_blocks= pages, 0 no limit, and the default is half the
 * RAM.  (Before, Matryoshka's tmpfs and rootfs had no size: trinity's
 * writes into its test files ran the machine out of memory under make
 * stress.)  Runs in a private mount namespace.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "fd_util.h"

#define PAGE	4096L

static char mnt[96], file[128];
static char buf[20 * PAGE];

static long free_blocks(void)
{
	struct statfs s;

	return statfs(mnt, &s) ? -1 : (long)s.f_bfree;
}

static long total_blocks(const char *opts)
{
	struct statfs s;
	long blocks;

	if (mount("t", mnt, "tmpfs", 0, opts))
		return -errno;
	blocks = statfs(mnt, &s) ? -1 : (long)s.f_blocks;
	umount(mnt);
	return blocks;
}

static long ram_pages(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return (long)(si.totalram * si.mem_unit / PAGE);
}

/* 16 pages: a write of 20 is cut at 16, the next is ENOSPC, the size stays. */
static void t_writes_stop_at_the_size(void)
{
	int fd;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "size=64k"), 0);
	EXPECT_EQ(free_blocks(), 16);
	fd = open(file, O_CREAT | O_RDWR, 0600);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, buf, sizeof(buf)), 16 * PAGE);
	EXPECT_ERRNO(write(fd, buf, 1), ENOSPC);
	EXPECT_ERRNO(pwrite(fd, buf, 1, 1 << 20), ENOSPC);
	EXPECT_EQ(size_of(fd), 16 * PAGE);
	EXPECT_EQ(blocks_of(fd), 16 * PAGE / 512);
	EXPECT_EQ(free_blocks(), 0);
	EXPECT_EQ(ftruncate(fd, PAGE), 0);
	EXPECT_EQ(free_blocks(), 15);
	EXPECT_EQ(write(fd, buf, PAGE), PAGE);		/* room again */
	close(fd);
	EXPECT_EQ(unlink(file), 0);
	EXPECT_EQ(free_blocks(), 16);
	EXPECT_EQ(umount(mnt), 0);
}

/* A sparse file larger than the tmpfs holds only what was written. */
static void t_holes_cost_nothing(void)
{
	int fd;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "size=64k"), 0);
	fd = open(file, O_CREAT | O_RDWR, 0600);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(ftruncate(fd, 1 << 20), 0);
	EXPECT_EQ(blocks_of(fd), 0);
	EXPECT_EQ(free_blocks(), 16);
	EXPECT_EQ(pwrite(fd, "x", 1, 512 << 10), 1);
	EXPECT_EQ(blocks_of(fd), PAGE / 512);
	EXPECT_EQ(free_blocks(), 15);
	EXPECT_EQ(size_of(fd), 1 << 20);
	close(fd);
	unlink(file);
	EXPECT_EQ(umount(mnt), 0);
}

/* Touching a shared mapping's page past the size is SIGBUS, not an OOM. */
static void t_mapping_past_the_size_is_sigbus(void)
{
	int fd, status = 0;
	char *p;
	pid_t pid;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "size=16k"), 0);
	fd = open(file, O_CREAT | O_RDWR, 0600);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 8 * PAGE), 0);
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(p, MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 4; i++)
			p[i * PAGE] = 1;
		p[4 * PAGE] = 1;	/* the fifth page: no room */
		_exit(0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGBUS);
	EXPECT_EQ(free_blocks(), 0);
	EXPECT_EQ(blocks_of(fd), 4 * PAGE / 512);
	munmap(p, 8 * PAGE);
	close(fd);
	unlink(file);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_size_options(void)
{
	long ram = ram_pages();

	EXPECT_EQ(total_blocks("size=1m"), 256);
	EXPECT_EQ(total_blocks("size=1K"), 1);			/* rounded up to a page */
	EXPECT_EQ(total_blocks("size=5000"), 2);
	EXPECT_EQ(total_blocks("nr_blocks=100"), 100);
	EXPECT_EQ(total_blocks("size=0"), 0);			/* no limit */
	EXPECT_EQ(total_blocks("mode=0700,size=2m,uid=0"), 512);
	EXPECT_EQ(total_blocks(NULL), ram / 2);			/* half the RAM */
	EXPECT_EQ(total_blocks("size=10%"), (10 * PAGE * ram / 100 + PAGE - 1) / PAGE);
	EXPECT_EQ(total_blocks("size=abc"), -EINVAL);
	EXPECT_EQ(total_blocks("size=1x"), -EINVAL);
	EXPECT_EQ(total_blocks("nr_blocks=5%"), -EINVAL);
}

int main(void)
{
	char base[64];
	int status;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# fs_tmpfs_size: cannot make a private mount namespace: %s\n", strerror(errno));
		return 1;
	}
	snprintf(base, sizeof(base), "/tmp/fs_tmpfs_size.%d", getpid());
	snprintf(mnt, sizeof(mnt), "%s/m", base);
	snprintf(file, sizeof(file), "%s/file", mnt);
	if (mkdir(base, 0755) || mkdir(mnt, 0755))
		return 1;
	status = ktap_run(KTAP_CASES(t_writes_stop_at_the_size, t_holes_cost_nothing,
				     t_mapping_past_the_size_is_sigbus, t_size_options));
	rmdir(mnt);
	rmdir(base);
	return status;
}
