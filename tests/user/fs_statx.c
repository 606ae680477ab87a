/*
 * fs_statx: statx(2), what glibc 2.28 and later and newer programs call
 * for stat, agrees with fstatat on every field both have; it reports
 * the basic fields and the mount id in stx_mask, the mount id is the one
 * /proc/self/mountinfo shows, and a mount's root carries
 * STATX_ATTR_MOUNT_ROOT.  AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH work as
 * for fstatat; Linux's errors: EINVAL for a reserved mask bit, both sync
 * types at once or an unknown flag, ENOENT, EFAULT.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "ktap.h"

/* Linux's struct statx (include/uapi/linux/stat.h): musl has no wrapper. */
struct statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint32_t dio_mem_align, dio_offset_align;
	uint64_t spare3[12];
};

#define BASIC_STATS		0x7ffU
#define MNT_ID			0x1000U
#define ATTR_MOUNT_ROOT		0x2000
#define FORCE_SYNC		0x2000
#define DONT_SYNC		0x4000

static long do_statx(int dfd, const char *path, int flags, unsigned int mask, void *buf)
{
	return syscall(SYS_statx, dfd, path, flags, mask, buf);
}

static void expect_same(const struct statx_buf *x, const struct stat *st)
{
	EXPECT_EQ(x->mode, st->st_mode);
	EXPECT_EQ(x->ino, st->st_ino);
	EXPECT_EQ(x->nlink, st->st_nlink);
	EXPECT_EQ(x->uid, st->st_uid);
	EXPECT_EQ(x->gid, st->st_gid);
	EXPECT_EQ(x->size, st->st_size);
	EXPECT_EQ(x->blocks, st->st_blocks);
	EXPECT_EQ(x->blksize, st->st_blksize);
	EXPECT_EQ(x->mtime.tv_sec, st->st_mtim.tv_sec);
	EXPECT_EQ(x->mtime.tv_nsec, st->st_mtim.tv_nsec);
	EXPECT_EQ(x->ctime.tv_sec, st->st_ctim.tv_sec);
	EXPECT_EQ(makedev(x->dev_major, x->dev_minor), st->st_dev);
	EXPECT_EQ(makedev(x->rdev_major, x->rdev_minor), st->st_rdev);
}

static void t_agrees_with_fstatat(void)
{
	char path[64] = "/tmp/fs_statx.XXXXXX";
	struct statx_buf x;
	struct stat st;
	int fd = mkstemp(path);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(write(fd, "twelve bytes", 12), 12);
	memset(&x, 0xff, sizeof(x));
	ASSERT_EQ(do_statx(AT_FDCWD, path, 0, BASIC_STATS, &x), 0);
	ASSERT_EQ(stat(path, &st), 0);
	EXPECT_EQ(x.mask & BASIC_STATS, BASIC_STATS);
	expect_same(&x, &st);
	EXPECT_EQ(x.size, 12);
	/* AT_EMPTY_PATH: the file fd itself; a null mask still answers */
	memset(&x, 0, sizeof(x));
	EXPECT_EQ(do_statx(fd, "", AT_EMPTY_PATH, 0, &x), 0);
	EXPECT_EQ(x.ino, st.st_ino);
	close(fd);
	unlink(path);
}

static void t_nofollow_sees_the_link(void)
{
	struct statx_buf x;
	struct stat st;

	unlink("/tmp/fs_statx.link");
	ASSERT_EQ(symlink("/proc/self/status", "/tmp/fs_statx.link"), 0);
	EXPECT_EQ(do_statx(AT_FDCWD, "/tmp/fs_statx.link", AT_SYMLINK_NOFOLLOW, BASIC_STATS, &x), 0);
	EXPECT_TRUE(S_ISLNK(x.mode));
	EXPECT_EQ(lstat("/tmp/fs_statx.link", &st), 0);
	expect_same(&x, &st);
	EXPECT_EQ(do_statx(AT_FDCWD, "/tmp/fs_statx.link", 0, BASIC_STATS, &x), 0);
	EXPECT_TRUE(S_ISREG(x.mode));
	unlink("/tmp/fs_statx.link");
}

/* The mount id of @path's mount from /proc/self/mountinfo's first field, -1 if none. */
static long mountinfo_id(const char *mount_point)
{
	char line[512], point[256];
	long id, found = -1;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%ld %*d %*s %*s %255s", &id, point) == 2 &&
		    !strcmp(point, mount_point))
			found = id;		/* the last one: the mount on top */
	fclose(f);
	return found;
}

static void t_mount_id_and_mount_root(void)
{
	struct statx_buf x;

	ASSERT_EQ(do_statx(AT_FDCWD, "/proc", 0, MNT_ID, &x), 0);
	EXPECT_TRUE(x.mask & MNT_ID);
	EXPECT_EQ((long)x.mnt_id, mountinfo_id("/proc"));
	EXPECT_TRUE(x.attributes_mask & ATTR_MOUNT_ROOT);
	EXPECT_TRUE(x.attributes & ATTR_MOUNT_ROOT);
	ASSERT_EQ(do_statx(AT_FDCWD, "/proc/self", 0, MNT_ID, &x), 0);
	EXPECT_TRUE(!(x.attributes & ATTR_MOUNT_ROOT));
	EXPECT_EQ((long)x.mnt_id, mountinfo_id("/proc"));
}

static void t_errors(void)
{
	struct statx_buf x;

	EXPECT_ERRNO(do_statx(AT_FDCWD, "/", 0, 0x80000000U, &x), EINVAL);
	EXPECT_ERRNO(do_statx(AT_FDCWD, "/", FORCE_SYNC | DONT_SYNC, BASIC_STATS, &x), EINVAL);
	EXPECT_ERRNO(do_statx(AT_FDCWD, "/", 0x1, BASIC_STATS, &x), EINVAL);
	EXPECT_EQ(do_statx(AT_FDCWD, "/", FORCE_SYNC, BASIC_STATS, &x), 0);
	EXPECT_EQ(do_statx(AT_FDCWD, "/", DONT_SYNC, BASIC_STATS, &x), 0);
	EXPECT_ERRNO(do_statx(AT_FDCWD, "/nonexistent", 0, BASIC_STATS, &x), ENOENT);
	EXPECT_ERRNO(do_statx(AT_FDCWD, "", 0, BASIC_STATS, &x), ENOENT);
	EXPECT_ERRNO(do_statx(AT_FDCWD, "/", 0, BASIC_STATS, (void *)8), EFAULT);
	EXPECT_ERRNO(do_statx(AT_FDCWD, (char *)8, 0, BASIC_STATS, &x), EFAULT);
	EXPECT_ERRNO(do_statx(-1, "relative", 0, BASIC_STATS, &x), EBADF);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_agrees_with_fstatat, t_nofollow_sees_the_link,
				   t_mount_id_and_mount_root, t_errors));
}
