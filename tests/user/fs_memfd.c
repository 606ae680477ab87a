/*
 * fs_memfd: memfd_create and its seals.  A memfd is a regular file of
 * mode 0777 with no links, named "/memfd:NAME (deleted)" in /proc/self/fd
 * and in maps; it reads, writes, truncates and maps as a file, and
 * reopening it through /proc/self/fd gives the same data.  Without
 * MFD_ALLOW_SEALING it is sealed against sealing.  With it: F_SEAL_SHRINK
 * and F_SEAL_GROW refuse size changes that way (EPERM) and writes past
 * the end; F_SEAL_WRITE refuses writes and writable shared mappings, and
 * cannot be added while one exists (EBUSY); a read-only shared mapping
 * then may never become writable; F_SEAL_FUTURE_WRITE leaves existing
 * mappings writable; F_SEAL_SEAL ends sealing.  The errors of
 * memfd_create (EINVAL for flags and a long name, EFAULT) and fcntl
 * (EPERM without write access, EINVAL for an unknown seal or a file that
 * cannot have any).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "fd_util.h"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE	0x0010
#endif

static int memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static void t_file_and_name(void)
{
	int fd = memfd("test", 0), fd2;
	char buf[64], path[64];
	struct stat st;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_mode, S_IFREG | 0777);
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(st.st_size, 0);
	EXPECT_STREQ(fd_link(fd, buf, sizeof(buf)), "/memfd:test (deleted)");
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_EQ(write(fd, "hello world", 11), 11);
	EXPECT_EQ(lseek(fd, 6, SEEK_SET), 6);
	EXPECT_EQ(read(fd, buf, 5), 5);
	EXPECT_TRUE(!memcmp(buf, "world", 5));
	EXPECT_EQ(pread(fd, buf, 5, 0), 5);
	EXPECT_TRUE(!memcmp(buf, "hello", 5));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	fd2 = open(path, O_RDWR);			/* the same file again */
	ASSERT_GE(fd2, 0);
	EXPECT_EQ(pwrite(fd2, "J", 1, 0), 1);
	EXPECT_EQ(pread(fd, buf, 1, 0), 1);
	EXPECT_EQ(buf[0], 'J');
	close(fd2);
	close(fd);
	fd = memfd("", MFD_CLOEXEC);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_STREQ(fd_link(fd, buf, sizeof(buf)), "/memfd: (deleted)");
	close(fd);
}

static void t_create_errors(void)
{
	char name[300];
	int fd;

	EXPECT_ERRNO(memfd("x", 0x100), EINVAL);
	EXPECT_ERRNO(memfd("x", 1U << 31), EINVAL);
	EXPECT_ERRNO(memfd(NULL, 0), EFAULT);
	memset(name, 'n', sizeof(name));
	name[250] = '\0';
	EXPECT_ERRNO(memfd(name, 0), EINVAL);		/* 250 bytes: "memfd:" would pass NAME_MAX */
	name[249] = '\0';
	fd = memfd(name, 0);
	EXPECT_GE(fd, 0);
	close(fd);
}

static void t_mapped_and_truncated(void)
{
	int fd = memfd("map", 0);
	char *p, buf[64];
	struct stat st;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 8192), 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 8192);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	strcpy(p + 4096, "through the mapping");
	EXPECT_EQ(pread(fd, buf, 19, 4096), 19);
	EXPECT_TRUE(!memcmp(buf, "through the mapping", 19));
	munmap(p, 8192);
	EXPECT_EQ(ftruncate(fd, 10), 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 10);
	close(fd);
}

/* The maps line of a memfd mapping names it as /proc/self/fd does. */
static void t_maps_name(void)
{
	int fd = memfd("inmaps", 0);
	static char maps[65536];
	char *p;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 4096), 0);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_GT(read_text("/proc/self/maps", maps, sizeof(maps)), 0);
	EXPECT_TRUE(strstr(maps, "/memfd:inmaps (deleted)\n") != NULL);
	munmap(p, 4096);
	close(fd);
}

static void t_unsealable_by_default(void)
{
	int fd = memfd("plain", 0), p[2];

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	EXPECT_ERRNO(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	close(fd);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(fcntl(p[0], F_GET_SEALS), EINVAL);	/* no seals at all */
	EXPECT_ERRNO(fcntl(p[1], F_ADD_SEALS, F_SEAL_WRITE), EINVAL);
	EXPECT_ERRNO(fcntl(p[0], F_ADD_SEALS, F_SEAL_WRITE), EPERM);	/* not open for writing */
	close(p[0]);
	close(p[1]);
}

static void t_shrink_and_grow_seals(void)
{
	int fd = memfd("size", MFD_ALLOW_SEALING);
	char buf[8] = "abcdefg";

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), 0);
	ASSERT_EQ(ftruncate(fd, 4), 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), 0);
	EXPECT_ERRNO(ftruncate(fd, 2), EPERM);
	EXPECT_EQ(ftruncate(fd, 6), 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW);
	EXPECT_ERRNO(ftruncate(fd, 7), EPERM);
	EXPECT_EQ(ftruncate(fd, 6), 0);			/* the same size is no change */
	EXPECT_EQ(pwrite(fd, buf, 6, 0), 6);		/* within the file */
	EXPECT_ERRNO(pwrite(fd, buf, 2, 6), EPERM);	/* past its end */
	EXPECT_ERRNO(pwrite(fd, buf, 7, 0), EPERM);
	EXPECT_ERRNO(fcntl(fd, F_ADD_SEALS, 0x100), EINVAL);
	close(fd);
}

static void t_write_seal(void)
{
	int fd = memfd("write", MFD_ALLOW_SEALING);
	char *w, *r;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 4096), 0);
	w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(w != MAP_FAILED);
	EXPECT_ERRNO(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY);	/* a writable mapping */
	munmap(w, 4096);
	w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);	/* private: fine */
	ASSERT_TRUE(w != MAP_FAILED);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0);
	w[0] = 'p';					/* a private copy */
	munmap(w, 4096);
	EXPECT_ERRNO(write(fd, "x", 1), EPERM);
	EXPECT_ERRNO(pwrite(fd, "x", 1, 0), EPERM);
	EXPECT_TRUE(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EPERM);
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	EXPECT_ERRNO(mprotect(r, 4096, PROT_READ | PROT_WRITE), EACCES);
	EXPECT_EQ(r[0], 0);
	munmap(r, 4096);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL), 0);
	EXPECT_ERRNO(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), EPERM);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_WRITE | F_SEAL_SEAL);
	close(fd);
}

static void t_future_write_seal(void)
{
	int fd = memfd("future", MFD_ALLOW_SEALING);
	char *w, c = 0;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 4096), 0);
	w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(w != MAP_FAILED);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), 0);
	w[7] = 'y';					/* the existing mapping still writes */
	EXPECT_EQ(pread(fd, &c, 1, 7), 1);
	EXPECT_EQ(c, 'y');
	EXPECT_ERRNO(write(fd, "x", 1), EPERM);
	EXPECT_TRUE(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EPERM);
	munmap(w, 4096);
	close(fd);
}

static void t_seals_need_write_access(void)
{
	int fd = memfd("ro", MFD_ALLOW_SEALING), ro;
	char path[64];

	ASSERT_GE(fd, 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	ASSERT_GE(ro, 0);
	EXPECT_ERRNO(fcntl(ro, F_ADD_SEALS, F_SEAL_GROW), EPERM);
	EXPECT_EQ(fcntl(ro, F_GET_SEALS), 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	EXPECT_EQ(fcntl(ro, F_GET_SEALS), F_SEAL_GROW);	/* seals are the file's */
	close(ro);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_file_and_name, t_create_errors, t_mapped_and_truncated,
				   t_maps_name, t_unsealable_by_default, t_shrink_and_grow_seals,
				   t_write_seal, t_future_write_seal, t_seals_need_write_access));
}
