/*
 * mm_mmap_file: mappings of files.  A shared mapping and read()/write()
 * see the same bytes both ways; a private one copies on write and leaves
 * the file alone; a page wholly past the end of the file raises SIGBUS,
 * also one that was mapped and touched before ftruncate cut it off (the
 * cut unmaps it, a private copy too), and after the file grows again the
 * mapping and the file share a new page of zeros;
 * /dev/zero maps zeros; and the errors of Linux's do_mmap: EACCES for a
 * file not open for reading or a writable shared mapping of a read-only
 * descriptor (also by mprotect later), ENODEV for a pipe, EINVAL for an
 * unaligned offset; and the flags' rules: MAP_SHARED ignores flags it
 * does not know, MAP_SHARED_VALIDATE refuses them (EOPNOTSUPP, MAP_SYNC
 * too), MAP_HUGETLB and MAP_GROWSDOWN are EINVAL for a file.  Files live
 * under /tmp, removed by the case.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL

/* "/tmp/mm_mmap_file.<pid>" in @buf, holding @len bytes of a pattern; its fd. */
static int make_file(char *buf, size_t len, int flags)
{
	char data[256];
	size_t done, i;
	int fd;

	snprintf(buf, 64, "/tmp/mm_mmap_file.%d", getpid());
	fd = open(buf, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)i;
	for (done = 0; done < len; done += i) {
		i = len - done < sizeof(data) ? len - done : sizeof(data);
		if (write(fd, data, i) != (ssize_t)i)
			return -1;
	}
	if (flags == O_RDWR)
		return fd;
	close(fd);
	return open(buf, flags);
}

static void t_shared_mapping_and_read_write_agree(void)
{
	char path[64], c = 0;
	int fd = make_file(path, 2 * PAGE, O_RDWR);
	unsigned char *p;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p[0], 0);
	EXPECT_EQ(p[300], 300 % 256);
	EXPECT_EQ(p[PAGE + 5], (PAGE + 5) % 256);
	p[PAGE + 7] = 'M';				/* the mapping writes the file */
	EXPECT_EQ(pread(fd, &c, 1, PAGE + 7), 1);
	EXPECT_EQ(c, 'M');
	EXPECT_EQ(pwrite(fd, "w", 1, 9), 1);		/* the file writes the mapping */
	EXPECT_EQ(p[9], 'w');
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
	close(fd);
	unlink(path);
}

static void t_offset_picks_the_page(void)
{
	char path[64];
	int fd = make_file(path, 3 * PAGE, O_RDONLY);
	unsigned char *p;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p[1], (2 * PAGE + 1) % 256);
	EXPECT_EQ(munmap(p, PAGE), 0);
	close(fd);
	unlink(path);
}

static void t_private_mapping_copies_on_write(void)
{
	char path[64], c = 0;
	int fd = make_file(path, PAGE, O_RDONLY);
	char *p;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p[3], 3);
	p[3] = 'P';
	EXPECT_EQ(p[3], 'P');
	EXPECT_EQ(pread(fd, &c, 1, 3), 1);
	EXPECT_EQ(c, 3);				/* the file is untouched */
	EXPECT_EQ(munmap(p, PAGE), 0);
	close(fd);
	unlink(path);
}

static void t_shared_mapping_survives_close_and_fork(void)
{
	char path[64], c = 0;
	int fd = make_file(path, PAGE, O_RDWR);
	char *p;
	pid_t pid;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	close(fd);					/* the mapping holds the file */
	pid = fork();
	if (pid == 0) {
		p[100] = 'C';
		_exit(0);
	}
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(p[100], 'C');
	fd = open(path, O_RDONLY);
	EXPECT_EQ(pread(fd, &c, 1, 100), 1);
	EXPECT_EQ(c, 'C');
	close(fd);
	EXPECT_EQ(munmap(p, PAGE), 0);
	unlink(path);
}

static volatile char *bus_addr;

static void touch_past_eof(void)
{
	(void)*bus_addr;
}

static void t_page_past_end_of_file_is_sigbus(void)
{
	char path[64];
	int fd = make_file(path, 100, O_RDONLY), status;
	char *p;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p[99], 99);
	EXPECT_EQ(p[200], 0);				/* the rest of the last page is zeros */
	bus_addr = p + PAGE;
	status = run_in_child(touch_past_eof);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGBUS);
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
	close(fd);
	unlink(path);
}

static void t_truncate_unmaps_the_pages_it_cuts(void)
{
	char path[64], buf[8];
	int fd = make_file(path, 2 * PAGE, O_RDWR), status;
	char *shared, *priv;

	ASSERT_GE(fd, 0);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(shared != MAP_FAILED && priv != MAP_FAILED);
	shared[PAGE] = 's';
	priv[PAGE] = 'p';			/* a private copy of the second page */
	ASSERT_EQ(ftruncate(fd, PAGE), 0);
	bus_addr = shared + PAGE;
	status = run_in_child(touch_past_eof);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	bus_addr = priv + PAGE;
	status = run_in_child(touch_past_eof);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	ASSERT_EQ(ftruncate(fd, 2 * PAGE), 0);
	EXPECT_EQ(shared[PAGE], 0);		/* the file's new page, not the old one */
	EXPECT_EQ(priv[PAGE], 0);
	shared[PAGE + 1] = 'n';
	EXPECT_EQ(pread(fd, buf, 2, PAGE), 2);
	EXPECT_TRUE(buf[0] == 0 && buf[1] == 'n');
	munmap(shared, 2 * PAGE);
	munmap(priv, 2 * PAGE);
	close(fd);
	unlink(path);
}

static void t_dev_zero_maps_zeros(void)
{
	int fd = open("/dev/zero", O_RDWR);
	char *p;

	ASSERT_GE(fd, 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p[0] | p[PAGE + 17], 0);
	p[5] = 1;
	EXPECT_EQ(p[5], 1);
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
	close(fd);
}

static void t_errors_are_linux_s(void)
{
	char path[64];
	int ro = make_file(path, PAGE, O_RDONLY), wo, pipefd[2];
	char *p;

	ASSERT_GE(ro, 0);
	wo = open(path, O_WRONLY);
	ASSERT_GE(wo, 0);
	ASSERT_EQ(pipe(pipefd), 0);
	errno = 0;
	EXPECT_TRUE(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EACCES);
	errno = 0;
	EXPECT_TRUE(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wo, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EACCES);
	errno = 0;
	EXPECT_TRUE(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pipefd[0], 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENODEV);
	errno = 0;
	EXPECT_TRUE(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 100) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	errno = 0;
	EXPECT_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), -1);
	EXPECT_EQ(errno, EACCES);
	munmap(p, PAGE);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 0);	/* a private copy may be written */
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	munmap(p, PAGE);
	close(pipefd[0]);
	close(pipefd[1]);
	close(wo);
	close(ro);
	unlink(path);
}

#define MAP_SYNC_	0x80000
#define MAP_UNKNOWN	0x400000	/* no flag of Linux's */

/* Whether mmap of @fd with @flags succeeds (0, unmapped again) or its errno. */
static int map_errno(int fd, int flags)
{
	void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, flags, fd, 0);

	if (p == MAP_FAILED)
		return errno;
	munmap(p, PAGE);
	return 0;
}

static void t_flag_rules(void)
{
	int fd = memfd_create("mm_mmap_file", 0);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 2 * PAGE), 0);
	EXPECT_EQ(map_errno(fd, MAP_SHARED_VALIDATE), 0);
	EXPECT_EQ(map_errno(fd, MAP_SHARED_VALIDATE | MAP_UNKNOWN), EOPNOTSUPP);
	EXPECT_EQ(map_errno(fd, MAP_SHARED_VALIDATE | MAP_SYNC_), EOPNOTSUPP);
	EXPECT_EQ(map_errno(fd, MAP_SHARED | MAP_SYNC_), 0);		/* ignored */
	EXPECT_EQ(map_errno(fd, MAP_SHARED | MAP_UNKNOWN), 0);
	EXPECT_EQ(map_errno(fd, MAP_PRIVATE | MAP_UNKNOWN), 0);
	EXPECT_EQ(map_errno(fd, MAP_SHARED | MAP_HUGETLB), EINVAL);
	EXPECT_EQ(map_errno(fd, MAP_PRIVATE | MAP_GROWSDOWN), EINVAL);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_shared_mapping_and_read_write_agree,
				   t_offset_picks_the_page,
				   t_private_mapping_copies_on_write,
				   t_shared_mapping_survives_close_and_fork,
				   t_page_past_end_of_file_is_sigbus,
				   t_truncate_unmaps_the_pages_it_cuts,
				   t_dev_zero_maps_zeros,
				   t_errors_are_linux_s,
				   t_flag_rules));
}
