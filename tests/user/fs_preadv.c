/*
 * fs_preadv: readv, writev, preadv, pwritev, preadv2, pwritev2.  The
 * segments are transferred in order; the positional forms leave the file
 * position alone, the 2 forms at offset -1 use and move it.  RWF_HIPRI,
 * RWF_DSYNC and RWF_SYNC are taken by files Linux reads and writes
 * through iterators (memory files, pipes), RWF_APPEND writes at the end
 * whatever the offset, an unknown flag is EOPNOTSUPP.  Errors: EINVAL
 * for a negative offset, more than 1024 segments or a negative length,
 * EFAULT for a bad array, ESPIPE at an offset of a pipe, EBADF.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#ifndef RWF_HIPRI
#define RWF_HIPRI	0x01
#define RWF_DSYNC	0x02
#define RWF_SYNC	0x04
#define RWF_APPEND	0x10
#endif

static int file_with(const char *text)
{
	int fd = syscall(SYS_memfd_create, "preadv", 0);

	if (fd >= 0 && write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t preadv2_(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
	return syscall(SYS_preadv2, fd, iov, n, (long)off, 0L, flags);
}

static ssize_t pwritev2_(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
	return syscall(SYS_pwritev2, fd, iov, n, (long)off, 0L, flags);
}

static void t_vectors_in_order(void)
{
	int fd = file_with("");
	char a[3], b[4], c[2];
	struct iovec w[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
	struct iovec r[3] = { { a, 3 }, { b, 4 }, { c, 2 } };

	ASSERT_GE(fd, 0);
	EXPECT_EQ(writev(fd, w, 3), 8);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 8);
	EXPECT_EQ(preadv(fd, r, 3, 0), 8);
	EXPECT_TRUE(!memcmp(a, "abc", 3) && !memcmp(b, "defg", 4) && c[0] == 'h');
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 8);		/* not moved */
	EXPECT_EQ(lseek(fd, 2, SEEK_SET), 2);
	EXPECT_EQ(readv(fd, r, 3), 6);			/* short at the end */
	EXPECT_TRUE(!memcmp(a, "cde", 3));
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 8);
	EXPECT_EQ(pwritev(fd, w, 1, 5), 3);
	EXPECT_EQ(pread(fd, a, 3, 5), 3);
	EXPECT_TRUE(!memcmp(a, "abc", 3));
	EXPECT_EQ(readv(fd, r, 0), 0);
	close(fd);
}

static void t_v2_position_and_flags(void)
{
	int fd = file_with("0123456789");
	char buf[4];
	struct iovec r = { buf, 4 }, w = { "XY", 2 };

	ASSERT_GE(fd, 0);
	EXPECT_EQ(lseek(fd, 1, SEEK_SET), 1);
	EXPECT_EQ(preadv2_(fd, &r, 1, -1, 0), 4);	/* at the position */
	EXPECT_TRUE(!memcmp(buf, "1234", 4));
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);
	EXPECT_EQ(preadv2_(fd, &r, 1, 0, RWF_HIPRI), 4);
	EXPECT_TRUE(!memcmp(buf, "0123", 4));
	EXPECT_EQ(preadv2_(fd, &r, 1, 0, RWF_DSYNC | RWF_SYNC), 4);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);
	EXPECT_ERRNO(preadv2_(fd, &r, 1, 0, 0x100000), EOPNOTSUPP);	/* no such flag (Linux 6.15 took 0x100) */
	EXPECT_ERRNO(pwritev2_(fd, &w, 1, 0, 0x100000), EOPNOTSUPP);	/* no such flag (Linux 6.15 took 0x100) */
	EXPECT_EQ(pwritev2_(fd, &w, 1, -1, RWF_DSYNC), 2);	/* at 5, moves to 7 */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 7);
	EXPECT_EQ(pwritev2_(fd, &w, 1, 0, RWF_APPEND), 2);	/* the offset does not matter */
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 12);
	EXPECT_EQ(pread(fd, buf, 2, 10), 2);
	EXPECT_TRUE(!memcmp(buf, "XY", 2));
	EXPECT_EQ(pread(fd, buf, 2, 0), 2);
	EXPECT_TRUE(!memcmp(buf, "01", 2));
	EXPECT_EQ(lseek(fd, 3, SEEK_SET), 3);
	EXPECT_EQ(pwritev2_(fd, &w, 1, -1, RWF_APPEND), 2);	/* appended: the position follows */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 14);
	close(fd);
}

static void t_pipes(void)
{
	int p[2];
	char buf[4];
	struct iovec r = { buf, 4 }, w = { "pipe", 4 };

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(pwritev(p[1], &w, 1, 0), ESPIPE);
	EXPECT_ERRNO(preadv2_(p[0], &r, 1, 0, 0), ESPIPE);
	EXPECT_EQ(pwritev2_(p[1], &w, 1, -1, RWF_DSYNC), 4);
	EXPECT_EQ(preadv2_(p[0], &r, 1, -1, RWF_HIPRI), 4);
	EXPECT_TRUE(!memcmp(buf, "pipe", 4));
	close(p[0]);
	close(p[1]);
}

static void t_errors(void)
{
	int fd = file_with("data"), ro;
	static struct iovec many[1025];
	char buf[4];
	struct iovec r = { buf, 4 }, neg = { buf, (size_t)-1 };

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(preadv(fd, &r, 1, -1), EINVAL);
	EXPECT_ERRNO(pwritev(fd, &r, 1, -5), EINVAL);
	EXPECT_ERRNO(preadv2_(fd, &r, 1, -2, 0), EINVAL);
	EXPECT_ERRNO(readv(fd, many, 1025), EINVAL);
	EXPECT_EQ(readv(fd, many, 1024), 0);			/* every length 0 */
	EXPECT_ERRNO(preadv(fd, &neg, 1, 0), EINVAL);
	EXPECT_ERRNO(preadv(fd, (struct iovec *)8, 1, 0), EFAULT);
	EXPECT_ERRNO(preadv(999, &r, 1, 0), EBADF);
	ro = open("/proc/self/exe", O_RDONLY);
	ASSERT_GE(ro, 0);
	EXPECT_ERRNO(pwritev(ro, &r, 1, 0), EBADF);
	close(ro);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_vectors_in_order, t_v2_position_and_flags, t_pipes,
				   t_errors));
}
