/*
 * fs_tmpfs_limits: a tmpfs's size and inode limits (Linux's shmem_sb_info).
 * By default half of RAM each; size=, nr_blocks= and nr_inodes= set them
 * and statfs reports them and what is left.  A write past the size is
 * ENOSPC (a short count if some of it fit), so is fallocate, a fault on a
 * page that does not fit is SIGBUS, a file past nr_inodes is ENOSPC (the
 * root counts), and removing files gives it all back.  A remount changes
 * the limits, but not below what is in use (EINVAL); mode=, uid= and gid=
 * set the root's; unknown options and bad values are EINVAL; /proc/PID/mounts
 * shows the options that differ from the defaults.  Runs in a
 * private mount namespace.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096L

static char mnt[64];

static char *path(const char *name)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", mnt, name);
	return buf[i];
}

static void t_defaults_are_half_of_ram(void)
{
	struct sysinfo si;
	struct statfs s;
	unsigned long half;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, NULL), 0);
	ASSERT_EQ(sysinfo(&si), 0);
	half = (unsigned long)si.totalram * si.mem_unit / PAGE / 2;
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_blocks, half);
	EXPECT_EQ(s.f_bfree, half);
	EXPECT_EQ(s.f_files, half);
	EXPECT_EQ(s.f_ffree, half - 1);		/* the root */
	EXPECT_EQ(umount(mnt), 0);
}

static volatile char *probe;

static void touch_probe(void)
{
	*probe = 1;
}

static void t_size_is_enforced(void)
{
	char buf[3 * PAGE] = { 0 };
	struct statfs s;
	int fd, fd2, status;
	char *p;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "size=8k,nr_inodes=8"), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_blocks, 2);
	EXPECT_EQ(s.f_bfree, 2);
	fd = open(path("a"), O_RDWR | O_CREAT, 0600);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, buf, sizeof(buf)), 2 * PAGE);	/* what fit */
	EXPECT_ERRNO(write(fd, buf, 1), ENOSPC);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_bfree, 0);
	EXPECT_EQ(s.f_bavail, 0);
	fd2 = open(path("b"), O_RDWR | O_CREAT, 0600);
	ASSERT_GE(fd2, 0);
	EXPECT_ERRNO(fallocate(fd2, 0, 0, PAGE), ENOSPC);
	ASSERT_EQ(ftruncate(fd2, PAGE), 0);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	probe = p;
	status = run_in_child(touch_probe);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	munmap(p, PAGE);
	close(fd2);
	close(fd);
	EXPECT_EQ(unlink(path("a")), 0);
	EXPECT_EQ(unlink(path("b")), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_bfree, 2);			/* all given back */
	EXPECT_EQ(s.f_ffree, 7);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_inodes_are_counted(void)
{
	struct statfs s;
	int fd;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "nr_inodes=3"), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_files, 3);
	EXPECT_EQ(s.f_ffree, 2);
	EXPECT_EQ(mkdir(path("d"), 0700), 0);
	fd = open(path("f"), O_RDWR | O_CREAT, 0600);
	EXPECT_GE(fd, 0);
	close(fd);
	EXPECT_ERRNO(open(path("g"), O_RDWR | O_CREAT, 0600), ENOSPC);
	EXPECT_ERRNO(symlink("x", path("l")), ENOSPC);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_ffree, 0);
	EXPECT_EQ(unlink(path("f")), 0);
	EXPECT_EQ(rmdir(path("d")), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_ffree, 2);
	EXPECT_EQ(umount(mnt), 0);
}

static void t_remount_changes_the_limits(void)
{
	char buf[2 * PAGE] = { 0 };
	struct statfs s;
	int fd;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "nr_blocks=4"), 0);
	fd = open(path("a"), O_RDWR | O_CREAT, 0600);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	EXPECT_ERRNO(mount("t", mnt, NULL, MS_REMOUNT, "size=4k"), EINVAL);
	EXPECT_EQ(mount("t", mnt, NULL, MS_REMOUNT, "size=16k"), 0);
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_blocks, 4);
	EXPECT_EQ(s.f_bfree, 2);
	EXPECT_EQ(mount("t", mnt, NULL, MS_REMOUNT, "size=0"), 0);	/* no limit */
	ASSERT_EQ(statfs(mnt, &s), 0);
	EXPECT_EQ(s.f_blocks, 0);
	close(fd);
	unlink(path("a"));
	EXPECT_EQ(umount(mnt), 0);
}

static void t_root_mode_owner_and_bad_options(void)
{
	struct stat st;

	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "mode=0710,uid=12,gid=34,huge=never"), 0);
	ASSERT_EQ(stat(mnt, &st), 0);
	EXPECT_EQ(st.st_mode, S_IFDIR | 0710);
	EXPECT_EQ(st.st_uid, 12);
	EXPECT_EQ(st.st_gid, 34);
	EXPECT_EQ(umount(mnt), 0);
	EXPECT_ERRNO(mount("t", mnt, "tmpfs", 0, "bogus=1"), EINVAL);
	EXPECT_ERRNO(mount("t", mnt, "tmpfs", 0, "size=abc"), EINVAL);
	EXPECT_ERRNO(mount("t", mnt, "tmpfs", 0, (void *)8), EFAULT);
}

/* The options field of mnt's line in /proc/self/mounts, or "". */
static const char *mount_options(void)
{
	static char line[512], dev[128], dir[128], type[64], opts[256];
	FILE *f = fopen("/proc/self/mounts", "r");

	opts[0] = '\0';
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %127s %63s %255s", dev, dir, type, opts) == 4 &&
		    !strcmp(dir, mnt))
			break;
		else
			opts[0] = '\0';
	if (f)
		fclose(f);
	return opts;
}

/* /proc/PID/mounts shows the options that differ from the defaults (shmem_show_options). */
static void t_mounts_show_the_options_set(void)
{
	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, NULL), 0);
	EXPECT_TRUE(strncmp(mount_options(), "rw", 2) == 0);
	EXPECT_TRUE(!strstr(mount_options(), "size="));
	EXPECT_TRUE(!strstr(mount_options(), "nr_inodes="));
	EXPECT_TRUE(!strstr(mount_options(), "mode="));
	EXPECT_EQ(umount(mnt), 0);
	ASSERT_EQ(mount("t", mnt, "tmpfs", 0, "size=1m,nr_inodes=100,mode=0710,uid=12,gid=34"), 0);
	EXPECT_TRUE(strstr(mount_options(), ",size=1024k,nr_inodes=100,mode=710,uid=12,gid=34") != NULL);
	EXPECT_EQ(mount("t", mnt, "tmpfs", MS_REMOUNT, "size=2m"), 0);
	EXPECT_TRUE(strstr(mount_options(), ",size=2048k,nr_inodes=100,mode=710,uid=12,gid=34") != NULL);
	if (!strstr(mount_options(), ",size=2048k"))
		printf("# options: %s\n", mount_options());
	EXPECT_EQ(umount(mnt), 0);
}

int main(void)
{
	char base[64];
	int status;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# fs_tmpfs_limits: cannot make a private mount namespace\n");
		return 1;
	}
	snprintf(base, sizeof(base), "/tmp/fs_tmpfs_limits.%d", getpid());
	snprintf(mnt, sizeof(mnt), "%s", base);
	if (mkdir(mnt, 0755))
		return 1;
	status = ktap_run(KTAP_CASES(t_defaults_are_half_of_ram, t_size_is_enforced,
				     t_inodes_are_counted, t_remount_changes_the_limits,
				     t_root_mode_owner_and_bad_options,
				     t_mounts_show_the_options_set));
	rmdir(mnt);
	return status;
}
