/*
 * fs/statfs.c: statfs(2) and fstatfs(2), what a file system says of itself.
 *
 * The file system's ->statfs fills its type (magic number), block size,
 * counts and fsid; the flags come from the mount the path was reached
 * through (read-only, nosuid, ..., the atime rule) and from the super
 * block, so two mounts of one file system can answer differently.  As
 * Linux's fs/statfs.c.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/statfs.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

/* The ST_* bits of a mount's MNT_* flags (Linux's flags_by_mnt). */
static long flags_by_mnt(int mnt_flags)
{
	static const struct { int mnt; long st; } map[] = {
		{ MNT_READONLY, ST_RDONLY }, { MNT_NOSUID, ST_NOSUID }, { MNT_NODEV, ST_NODEV },
		{ MNT_NOEXEC, ST_NOEXEC }, { MNT_NOATIME, ST_NOATIME },
		{ MNT_NODIRATIME, ST_NODIRATIME }, { MNT_RELATIME, ST_RELATIME },
		{ MNT_NOSYMFOLLOW, ST_NOSYMFOLLOW },
	};
	long flags = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (mnt_flags & map[i].mnt)
			flags |= map[i].st;
	return flags;
}

/*
 * Asks the file system of @dentry; ENOSYS if it cannot say (Linux's
 * statfs_by_dentry).  A fragment size left 0 is the block size.
 */
static int statfs_by_dentry(struct dentry *dentry, struct kstatfs *buf)
{
	const struct super_operations *sop = dentry->d_sb->s_op;
	int err;

	if (!sop || !sop->statfs)
		return -ENOSYS;
	memset(buf, 0, sizeof(*buf));
	err = sop->statfs(dentry, buf);
	if (!err && !buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	return err;
}

/* What statfs says of @path: the file system's answer, the mount's flags. */
int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	int err = statfs_by_dentry(path->dentry, buf);

	if (!err)
		buf->f_flags = ST_VALID | flags_by_mnt(path->mnt->mnt_flags);
	return err;
}

static long statfs_path(struct path *path, struct kstatfs *ubuf)
{
	struct kstatfs st;
	int err = vfs_statfs(path, &st);

	path_put(path);
	if (!err && copy_to_user(ubuf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

SYSCALL_DEFINE2(statfs, const char *, pathname, struct kstatfs *, buf)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	return err ? err : statfs_path(&path, buf);
}

/* An O_PATH descriptor is enough, as Linux's fd_statfs (fdget_raw). */
SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct kstatfs *, buf)
{
	struct path path;
	int err = fd_path(fd, true, &path);

	return err ? err : statfs_path(&path, buf);
}
