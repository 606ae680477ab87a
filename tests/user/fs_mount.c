/*
 * fs_mount: mount(2) flags and MS_MOVE, in a private mount namespace of
 * the test's own (so the host's mounts are never touched on Linux).  A
 * tmpfs mounted with MS_NOEXEC refuses execve (EACCES), with MS_NODEV
 * refuses to open a device node (EACCES), and both show in
 * /proc/self/mounts with MS_NOSUID; MS_REMOUNT|MS_RDONLY makes writes
 * EROFS and a second remount undoes it; a bind mount keeps the flags; MS_MOVE carries a mount and what
 * is below it to a new place, and refuses a non-mount (EINVAL) or a move
 * under itself (ELOOP).  rename and link stay within one mount: across two
 * mounts, even two of the same tmpfs, they fail with EXDEV.  utimensat on
 * a read-only mount is EROFS.  umount -l takes a subtree away; a mount in
 * use outlives its dead namespace, cut from its parent.  Mounts copied
 * for a new user namespace are locked there.  On a MS_NOSYMFOLLOW mount a
 * symbolic link is not followed (ELOOP), even one in the middle of a
 * path, but readlink reads it; statfs and /proc/self/mounts say so.  A
 * remount that names no atime flag keeps the mount's atime rule.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

static char base[64];

/* "BASE/NAME" in @buf. */
static char *at(char *buf, const char *name)
{
	snprintf(buf, 128, "%s/%s", base, name);
	return buf;
}

/* The options field of /proc/self/mounts for the mount on @dir, in @opts. */
static int mount_opts(const char *dir, char *opts, size_t n)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char src[64], mp[128], type[32], o[256];
	int found = -1;

	while (f && fscanf(f, "%63s %127s %31s %255s %*d %*d", src, mp, type, o) == 4)
		if (!strcmp(mp, dir)) {
			snprintf(opts, n, "%s", o);
			found = 0;	/* the last one: mounts stack */
		}
	if (f)
		fclose(f);
	return found;
}

/* Does the comma-separated @opts hold @word? */
static int has_opt(const char *opts, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = opts; (p = strstr(p, word)); p += n)
		if ((p == opts || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

/* Copies our own binary to @path, executable. */
static int copy_self(const char *path)
{
	int in = open("/proc/self/exe", O_RDONLY), out = open(path, O_WRONLY | O_CREAT, 0755);
	char buf[4096];
	ssize_t n;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	return in >= 0 && out >= 0 ? 0 : -1;
}

static void t_noexec_nodev_nosuid(void)
{
	char dir[128], path[128], opts[256];
	char *argv[] = { "fs_mount", "--probe", NULL };

	ASSERT_EQ(mount("none", at(dir, "a"), "tmpfs", MS_NOEXEC | MS_NODEV | MS_NOSUID, NULL), 0);
	ASSERT_EQ(mount_opts(dir, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "noexec") && has_opt(opts, "nodev") && has_opt(opts, "nosuid"));
	ASSERT_EQ(copy_self(at(path, "a/prog")), 0);
	errno = 0;
	EXPECT_EQ(execve(path, argv, NULL), -1);
	EXPECT_EQ(errno, EACCES);
	ASSERT_EQ(mknod(at(path, "a/null"), S_IFCHR | 0666, makedev(1, 3)), 0);
	errno = 0;
	EXPECT_EQ(open(path, O_RDWR), -1);
	EXPECT_EQ(errno, EACCES);
	EXPECT_EQ(umount(dir), 0);
}

static void t_exec_works_without_noexec(void)
{
	char dir[128], path[128];
	char *argv[] = { "fs_mount", "--probe", NULL };
	pid_t pid;

	ASSERT_EQ(mount("none", at(dir, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(copy_self(at(path, "a/prog")), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, NULL);
		_exit(1);
	}
	EXPECT_EQ(wait_status(pid), 42 << 8);
	EXPECT_EQ(umount(dir), 0);
}

/* A bind mount keeps its source's flags (Linux's clone_mnt). */
static void t_bind_keeps_the_flags(void)
{
	char a[128], b[128], opts[256];

	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", MS_NOEXEC | MS_NOSUID, NULL), 0);
	ASSERT_EQ(mount(a, at(b, "b"), NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount_opts(b, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "noexec") && has_opt(opts, "nosuid"));
	EXPECT_EQ(umount(b), 0);
	EXPECT_EQ(umount(a), 0);
}

static void t_remount_read_only_and_back(void)
{
	char dir[128], path[128], opts[256];
	int fd;

	ASSERT_EQ(mount("none", at(dir, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	ASSERT_EQ(mount_opts(dir, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "ro"));
	errno = 0;
	EXPECT_EQ(open(at(path, "a/f"), O_WRONLY | O_CREAT, 0644), -1);
	EXPECT_EQ(errno, EROFS);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, NULL), 0);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	EXPECT_GE(fd, 0);
	close(fd);
	EXPECT_EQ(umount(dir), 0);
}

static void t_move_carries_the_mount(void)
{
	char a[128], b[128], path[128];
	int fd;

	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", 0, NULL), 0);
	fd = open(at(path, "a/mark"), O_WRONLY | O_CREAT, 0644);
	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(mkdir(at(path, "a/sub"), 0755), 0);
	ASSERT_EQ(mount("none", path, "tmpfs", 0, NULL), 0);	/* a mount below it */
	fd = open(at(path, "a/sub/inner"), O_WRONLY | O_CREAT, 0644);
	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(mount(a, at(b, "b"), NULL, MS_MOVE, NULL), 0);
	EXPECT_EQ(access(at(path, "b/mark"), F_OK), 0);
	EXPECT_EQ(access(at(path, "b/sub/inner"), F_OK), 0);
	EXPECT_EQ(access(at(path, "a/mark"), F_OK), -1);
	EXPECT_EQ(umount(at(path, "b/sub")), 0);
	EXPECT_EQ(umount(b), 0);
}

static void t_move_errors(void)
{
	char a[128], path[128];

	ASSERT_EQ(mkdir(at(path, "a/plain"), 0755), 0);
	errno = 0;
	EXPECT_EQ(mount(path, at(a, "b"), NULL, MS_MOVE, NULL), -1);	/* not a mount */
	EXPECT_EQ(errno, EINVAL);
	rmdir(at(path, "a/plain"));
	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mkdir(at(path, "a/in"), 0755), 0);
	errno = 0;
	EXPECT_EQ(mount(a, path, NULL, MS_MOVE, NULL), -1);		/* under itself */
	EXPECT_EQ(errno, ELOOP);
	EXPECT_EQ(umount(a), 0);
}

static int make_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Linux compares the mounts, not the super blocks: a bind mount is another place. */
static void t_rename_and_link_across_mounts_are_exdev(void)
{
	char a[128], b[128], path[128], other[128];

	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mount(a, at(b, "b"), NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(make_file(at(path, "a/f")), 0);
	EXPECT_ERRNO(rename(path, at(other, "b/g")), EXDEV);
	EXPECT_ERRNO(rename(path, at(other, "b/f")), EXDEV);	/* itself, seen from b */
	EXPECT_ERRNO(link(path, at(other, "b/g")), EXDEV);
	EXPECT_ERRNO(rename(at(path, "a/none"), at(other, "b/g")), EXDEV);	/* before ENOENT */
	EXPECT_ERRNO(rename(at(path, "a/f"), at(other, "f")), EXDEV);	/* another file system */
	EXPECT_ERRNO(link(path, other), EXDEV);
	/* Within either mount both work, and the other mount sees the result. */
	EXPECT_EQ(link(at(path, "b/f"), at(other, "b/g")), 0);
	EXPECT_EQ(rename(at(path, "a/g"), at(other, "a/h")), 0);
	EXPECT_EQ(access(at(path, "b/h"), F_OK), 0);
	EXPECT_EQ(umount(b), 0);
	EXPECT_EQ(umount(a), 0);
}

static void t_utimensat_on_read_only_mount_is_erofs(void)
{
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	char dir[128], path[128];

	ASSERT_EQ(mount("none", at(dir, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(make_file(at(path, "a/f")), 0);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	EXPECT_ERRNO(utimensat(AT_FDCWD, path, NULL, 0), EROFS);
	EXPECT_ERRNO(utimensat(AT_FDCWD, path, ts, 0), EROFS);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, NULL), 0);
	EXPECT_EQ(utimensat(AT_FDCWD, path, ts, 0), 0);
	EXPECT_EQ(umount(dir), 0);
}

/*
 * umount without MNT_DETACH refuses a mount with mounts on it (EBUSY);
 * umount -l takes the whole subtree away.  A directory still open inside
 * it keeps working, and since every mount of the subtree is cut from its
 * parent, ".." at its root stays there.
 */
static void t_lazy_umount_takes_the_subtree(void)
{
	char a[128], path[128], opts[256];
	struct stat in, up;
	int fd;

	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mkdir(at(path, "a/sub"), 0755), 0);
	ASSERT_EQ(mount("none", path, "tmpfs", 0, NULL), 0);
	ASSERT_EQ(make_file(at(path, "a/sub/inner")), 0);
	fd = open(at(path, "a/sub"), O_RDONLY | O_DIRECTORY);
	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(umount(a), EBUSY);
	EXPECT_EQ(umount2(a, MNT_DETACH), 0);
	EXPECT_ERRNO(access(at(path, "a/sub"), F_OK), ENOENT);
	EXPECT_EQ(mount_opts(at(path, "a/sub"), opts, sizeof(opts)), -1);
	EXPECT_EQ(mount_opts(a, opts, sizeof(opts)), -1);
	EXPECT_EQ(faccessat(fd, "inner", F_OK, 0), 0);
	ASSERT_EQ(fstat(fd, &in), 0);
	ASSERT_EQ(fstatat(fd, "..", &up, 0), 0);
	EXPECT_EQ(up.st_dev, in.st_dev);
	EXPECT_EQ(up.st_ino, in.st_ino);
	close(fd);
}

/*
 * A mount namespace that dies while a directory in one of its mounts is
 * still open: the mount is cut from its parent, so ".." at its root stays
 * there (Linux's umount_tree on a dying namespace).
 */
static void dead_namespace_mount_stays_usable(void)
{
	int self = open("/proc/self/ns/mnt", O_RDONLY), fd, up;
	char a[128], path[128];
	struct stat root, st;

	ASSERT_GE(self, 0);
	ASSERT_EQ(unshare(CLONE_NEWNS), 0);
	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(stat(a, &root), 0);
	ASSERT_EQ(mkdir(at(path, "a/d"), 0755), 0);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(setns(self, CLONE_NEWNS), 0);		/* the new namespace dies */
	up = openat(fd, "../../..", O_RDONLY | O_DIRECTORY);
	ASSERT_GE(up, 0);
	ASSERT_EQ(fstat(up, &st), 0);
	EXPECT_EQ(st.st_dev, root.st_dev);
	EXPECT_EQ(st.st_ino, root.st_ino);
	EXPECT_EQ(faccessat(fd, ".", F_OK, 0), 0);
}

static void t_dead_namespace_mount_stays_usable(void)
{
	EXPECT_EQ(run_in_child(dead_namespace_mount_stays_usable), 0);
}

/* In a new user and mount namespace: what the copied mounts still allow. */
static void locked_mounts_inside(void)
{
	char a[128], sub[128], b[128], opts[256];

	at(a, "a");
	at(sub, "a/sub");
	at(b, "b");
	ASSERT_EQ(unshare(CLONE_NEWUSER | CLONE_NEWNS), 0);
	/* flags: the locked ones stay, others may be added */
	EXPECT_ERRNO(mount(NULL, a, NULL, MS_REMOUNT | MS_BIND, NULL), EPERM);
	EXPECT_ERRNO(mount(NULL, a, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), EPERM);
	EXPECT_EQ(mount(NULL, a, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV,
			NULL), 0);
	/* a remount of the file system needs rights over whoever mounted it */
	EXPECT_ERRNO(mount(NULL, a, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID, NULL), EPERM);
	/* nothing is taken away to show what is beneath */
	EXPECT_ERRNO(umount2(sub, 0), EINVAL);
	EXPECT_ERRNO(umount2(sub, MNT_DETACH), EINVAL);
	EXPECT_ERRNO(umount2(a, MNT_DETACH), EINVAL);
	EXPECT_ERRNO(mount(sub, b, NULL, MS_MOVE, NULL), EINVAL);
	EXPECT_ERRNO(mount(a, b, NULL, MS_BIND, NULL), EINVAL);	/* would show a/sub's dir */
	/* a bind of a mount with no locked children works, and keeps the locks */
	ASSERT_EQ(mount(sub, b, NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount_opts(b, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "ro"));
	EXPECT_ERRNO(mount(NULL, b, NULL, MS_REMOUNT | MS_BIND, NULL), EPERM);
	EXPECT_EQ(umount(b), 0);
	/* a mount made inside is ours to change */
	ASSERT_EQ(mount("none", b, "tmpfs", MS_RDONLY, NULL), 0);
	EXPECT_EQ(mount(NULL, b, NULL, MS_REMOUNT, NULL), 0);
	EXPECT_EQ(umount(b), 0);
}

/*
 * Mounts copied into the mount namespace of a new user namespace are
 * locked (Linux's lock_mnt_tree): root there cannot clear their
 * read-only, nosuid, nodev or noexec flags, unmount or move them, or
 * bind a tree whose locked mounts would then show what they cover.
 */
static void t_mounts_locked_in_a_user_namespace(void)
{
	char a[128], sub[128];

	ASSERT_EQ(mount("none", at(a, "a"), "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mkdir(at(sub, "a/sub"), 0755), 0);
	ASSERT_EQ(mount("none", sub, "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mount(NULL, sub, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	ASSERT_EQ(mount(NULL, a, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID, NULL), 0);
	EXPECT_EQ(run_in_child(locked_mounts_inside), 0);
	EXPECT_EQ(umount(sub), 0);
	EXPECT_EQ(umount(a), 0);
}

#ifndef ST_NOSYMFOLLOW
#define ST_NOSYMFOLLOW	0x2000
#endif
#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW	256
#endif

/* A remount that names no atime flag keeps the rule (Linux's path_mount); one that does changes it. */
static void t_remount_keeps_the_atime_rule(void)
{
	char dir[128], opts[256];

	ASSERT_EQ(mount("none", at(dir, "a"), "tmpfs", MS_NOATIME, NULL), 0);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_NOSUID, NULL), 0);
	ASSERT_EQ(mount_opts(dir, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "noatime") && has_opt(opts, "nosuid"));
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_BIND, NULL), 0);
	ASSERT_EQ(mount_opts(dir, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "noatime") && !has_opt(opts, "nosuid"));
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_RELATIME, NULL), 0);
	ASSERT_EQ(mount_opts(dir, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "relatime") && !has_opt(opts, "noatime"));
	EXPECT_EQ(umount(dir), 0);
}

static void t_nosymfollow_refuses_links(void)
{
	char dir[128], link[128], dlink[128], path[128], buf[64], opts[256];
	struct statfs sfs;
	int fd;

	ASSERT_EQ(mount("none", at(dir, "a"), "tmpfs", 0, NULL), 0);
	fd = open(at(path, "a/data"), O_WRONLY | O_CREAT, 0644);
	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(mkdir(at(path, "a/d"), 0755), 0);
	ASSERT_EQ(symlink("data", at(link, "a/link")), 0);
	ASSERT_EQ(symlink("d", at(dlink, "a/dlink")), 0);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_NOSYMFOLLOW, NULL), 0);
	EXPECT_ERRNO(open(link, O_RDONLY), ELOOP);
	EXPECT_ERRNO(open(at(path, "a/dlink/x"), O_WRONLY | O_CREAT, 0644), ELOOP);
	EXPECT_EQ(readlink(link, buf, sizeof(buf)), 4);
	ASSERT_EQ(statfs(dir, &sfs), 0);
	EXPECT_TRUE(sfs.f_flags & ST_NOSYMFOLLOW);
	ASSERT_EQ(mount_opts(dir, opts, sizeof(opts)), 0);
	EXPECT_TRUE(has_opt(opts, "nosymfollow"));
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, NULL), 0);
	fd = open(link, O_RDONLY);
	EXPECT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(statfs(dir, &sfs), 0);
	EXPECT_EQ(sfs.f_flags & ST_NOSYMFOLLOW, 0);
	EXPECT_EQ(umount(dir), 0);
}

int main(int argc, char **argv)
{
	char dir[128];
	int status;

	if (argc > 1 && !strcmp(argv[1], "--probe"))
		return 42;
	/* A private mount namespace, and a scratch tree to mount on. */
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# fs_mount: cannot make a private mount namespace: %s\n", strerror(errno));
		return 1;
	}
	snprintf(base, sizeof(base), "/tmp/fs_mount.%d", getpid());
	if (mkdir(base, 0755) || mkdir(at(dir, "a"), 0755) || mkdir(at(dir, "b"), 0755))
		return 1;
	status = ktap_run(KTAP_CASES(t_noexec_nodev_nosuid, t_exec_works_without_noexec,
				     t_bind_keeps_the_flags,
				     t_remount_read_only_and_back, t_move_carries_the_mount,
				     t_move_errors, t_rename_and_link_across_mounts_are_exdev,
				     t_utimensat_on_read_only_mount_is_erofs,
				     t_lazy_umount_takes_the_subtree,
				     t_dead_namespace_mount_stays_usable,
				     t_mounts_locked_in_a_user_namespace,
				     t_nosymfollow_refuses_links, t_remount_keeps_the_atime_rule));
	rmdir(at(dir, "a"));
	rmdir(at(dir, "b"));
	rmdir(base);
	return status;
}
