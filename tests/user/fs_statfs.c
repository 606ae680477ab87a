/*
 * fs_statfs: statfs(2) and fstatfs(2).  Each file system reports its own
 * magic number (tmpfs, ramfs, proc, mqueue, nsfs, pipefs), page-sized
 * blocks, NAME_MAX, a fragment size equal to the block size, no counts
 * for a file system without a size, and its device number as the fsid
 * (tmpfs: a random one per instance).  f_flags are ST_VALID and the
 * flags of the mount the path was reached through: read-only, nosuid,
 * nodev, noexec, and the atime rule (relatime by default, noatime,
 * nodiratime, none with MS_STRICTATIME), so a bind mount and a remount
 * answer for themselves.  Errors: ENOENT, ENOTDIR, EFAULT, EBADF;
 * fstatfs takes an O_PATH descriptor.  Runs in a private mount namespace.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

#define TMPFS_MAGIC	0x01021994
#define RAMFS_MAGIC	0x858458f6
#define PROC_MAGIC	0x9fa0
#define MQUEUE_MAGIC	0x19800202
#define NSFS_MAGIC	0x6e736673
#define PIPEFS_MAGIC	0x50495045

/* f_flags bits (linux/statfs.h); ST_VALID says they are filled in */
#define F_RDONLY	0x0001
#define F_NOSUID	0x0002
#define F_NODEV		0x0004
#define F_NOEXEC	0x0008
#define F_VALID		0x0020
#define F_NOATIME	0x0400
#define F_NODIRATIME	0x0800
#define F_RELATIME	0x1000

static char base[64], mnt[96], mnt2[96];

/* The fsid is the device number of the file system (Linux v6.7's simple_statfs). */
static void expect_fsid_is_dev(const struct statfs *s, const char *path)
{
	struct stat st;

	ASSERT_EQ(stat(path, &st), 0);
	EXPECT_EQ((unsigned int)s->f_fsid.__val[0], (unsigned int)st.st_dev);
	EXPECT_EQ((unsigned int)s->f_fsid.__val[1], (unsigned int)(st.st_dev >> 32));
}

/* What every memory file system without a size says. */
static void expect_simple(const struct statfs *s, long magic)
{
	EXPECT_EQ(s->f_type, magic);
	EXPECT_EQ(s->f_bsize, sysconf(_SC_PAGESIZE));
	EXPECT_EQ(s->f_frsize, s->f_bsize);
	EXPECT_EQ(s->f_namelen, 255);
	EXPECT_EQ(s->f_blocks, 0);
	EXPECT_EQ(s->f_bfree, 0);
	EXPECT_EQ(s->f_bavail, 0);
	EXPECT_EQ(s->f_files, 0);
	EXPECT_EQ(s->f_ffree, 0);
}

static void t_tmpfs(void)
{
	struct statfs s, again, other;

	/* size=0,nr_inodes=0: a tmpfs without limits (fs_tmpfs_limits has the others) */
	ASSERT_EQ(mount("t", mnt, "tmpfs", MS_NOSUID, "size=0,nr_inodes=0"), 0);
	ASSERT_EQ(mount("t", mnt2, "tmpfs", 0, "size=0,nr_inodes=0"), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	expect_simple(&s, TMPFS_MAGIC);
	EXPECT_EQ(s.f_flags, F_VALID | F_NOSUID | F_RELATIME);
	EXPECT_TRUE(s.f_fsid.__val[0] || s.f_fsid.__val[1]);	/* from a random uuid */
	ASSERT_EQ(statfs(mnt, &again), 0);
	EXPECT_EQ(memcmp(&s.f_fsid, &again.f_fsid, sizeof(s.f_fsid)), 0);
	ASSERT_EQ(statfs(mnt2, &other), 0);
	EXPECT_NE(memcmp(&s.f_fsid, &other.f_fsid, sizeof(s.f_fsid)), 0);
	EXPECT_EQ(other.f_flags, F_VALID | F_RELATIME);
	EXPECT_EQ(umount(mnt2), 0);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_ramfs_noatime(void)
{
	struct statfs s;

	ASSERT_EQ(mount("r", mnt, "ramfs", MS_NOATIME | MS_NODEV, NULL), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	expect_simple(&s, RAMFS_MAGIC);
	expect_fsid_is_dev(&s, mnt);
	EXPECT_EQ(s.f_flags, F_VALID | F_NOATIME | F_NODEV);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_proc_nodiratime_noexec(void)
{
	struct statfs s;
	char self[128];

	ASSERT_EQ(mount("p", mnt, "proc", MS_NODIRATIME | MS_NOEXEC, NULL), 0);
	snprintf(self, sizeof(self), "%s/self/status", mnt);
	ASSERT_EQ(statfs(self, &s), 0);
	expect_simple(&s, PROC_MAGIC);
	expect_fsid_is_dev(&s, self);
	EXPECT_EQ(s.f_flags, F_VALID | F_NODIRATIME | F_NOEXEC | F_RELATIME);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_mqueue_strictatime_read_only(void)
{
	struct statfs s;

	ASSERT_EQ(mount("m", mnt, "mqueue", MS_STRICTATIME | MS_RDONLY, NULL), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	expect_simple(&s, MQUEUE_MAGIC);
	expect_fsid_is_dev(&s, mnt);
	EXPECT_EQ(s.f_flags, F_VALID | F_RDONLY);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_nsfs_and_pipefs(void)
{
	struct statfs s;
	struct stat st;
	int fd = open("/proc/self/ns/uts", O_RDONLY), p[2];

	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstatfs(fd, &s), 0);
	expect_simple(&s, NSFS_MAGIC);
	EXPECT_EQ(s.f_flags, F_VALID);	/* an internal mount: no flags */
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ((unsigned int)s.f_fsid.__val[0], (unsigned int)st.st_dev);
	close(fd);
	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(fstatfs(p[1], &s), 0);
	expect_simple(&s, PIPEFS_MAGIC);
	EXPECT_EQ(s.f_flags, F_VALID);
	ASSERT_EQ(fstat(p[1], &st), 0);
	EXPECT_EQ((unsigned int)s.f_fsid.__val[0], (unsigned int)st.st_dev);
	close(p[0]);
	close(p[1]);
}

/* The flags are the mount's: a bind mount and a remount answer for themselves. */
static void t_flags_follow_the_mount(void)
{
	struct statfs s;
	struct statvfs v;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mount(mnt, mnt2, NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, mnt2, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOEXEC, NULL), 0);
	ASSERT_EQ(statfs(mnt2, &s), 0);
	EXPECT_EQ(s.f_type, TMPFS_MAGIC);
	EXPECT_EQ(s.f_flags, F_VALID | F_RDONLY | F_NOEXEC | F_RELATIME);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_flags, F_VALID | F_RELATIME);
	ASSERT_EQ(statvfs(mnt2, &v), 0);	/* libc's view of the same bits */
	EXPECT_EQ(v.f_flag & (ST_RDONLY | ST_NOSUID), ST_RDONLY);
	EXPECT_EQ(umount(mnt2), 0);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_fstatfs_of_o_path_and_errors(void)
{
	struct statfs s;
	char file[128], below[160];
	int fd;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, NULL), 0);
	snprintf(file, sizeof(file), "%s/file", mnt);
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	ASSERT_GE(fd, 0);
	close(fd);
	fd = open(file, O_PATH);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstatfs(fd, &s), 0);
	EXPECT_EQ(s.f_type, TMPFS_MAGIC);
	EXPECT_ERRNO(syscall(SYS_fstatfs, fd, (void *)8), EFAULT);	/* libc would write first */
	close(fd);
	EXPECT_ERRNO(fstatfs(fd, &s), EBADF);
	EXPECT_ERRNO(fstatfs(-1, &s), EBADF);
	snprintf(below, sizeof(below), "%s/nothing", mnt);
	EXPECT_ERRNO(statfs(below, &s), ENOENT);
	snprintf(below, sizeof(below), "%s/file/x", mnt);
	EXPECT_ERRNO(statfs(below, &s), ENOTDIR);
	EXPECT_ERRNO(syscall(SYS_statfs, mnt, (void *)8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_statfs, (void *)8, &s), EFAULT);
	EXPECT_ERRNO(statfs("", &s), ENOENT);
	unlink(file);
	EXPECT_EQ(umount(mnt), 0);
}

int main(void)
{
	int status;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# fs_statfs: cannot make a private mount namespace: %s\n", strerror(errno));
		return 1;
	}
	snprintf(base, sizeof(base), "/tmp/fs_statfs.%d", getpid());
	snprintf(mnt, sizeof(mnt), "%s/a", base);
	snprintf(mnt2, sizeof(mnt2), "%s/b", base);
	if (mkdir(base, 0755) || mkdir(mnt, 0755) || mkdir(mnt2, 0755))
		return 1;
	status = ktap_run(KTAP_CASES(t_tmpfs, t_ramfs_noatime, t_proc_nodiratime_noexec,
				     t_mqueue_strictatime_read_only, t_nsfs_and_pipefs,
				     t_flags_follow_the_mount, t_fstatfs_of_o_path_and_errors));
	rmdir(mnt);
	rmdir(mnt2);
	rmdir(base);
	return status;
}
