/*
 * fs/stat.c: stat, fstat, lstat, newfstatat, statx, readlink, getcwd.
 *
 * Owners are shown as the caller's user namespace sees them (65534 when
 * unmapped), as Linux's cp_new_stat does with from_kuid_munged.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/shmem_fs.h>
#include <linux/syscalls.h>
#include <linux/err.h>

void generic_fillattr(struct inode *inode, struct kstat *st)
{
	st->dev = inode->i_sb ? inode->i_sb->s_dev : 0;
	st->ino = inode->i_ino;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = __kuid_val(inode->i_uid);
	st->gid = __kgid_val(inode->i_gid);
	st->rdev = inode->i_rdev;
	st->size = inode->i_size;
	st->atime_sec = inode->i_atime.tv_sec;
	st->atime_nsec = inode->i_atime.tv_nsec;
	st->mtime_sec = inode->i_mtime.tv_sec;
	st->mtime_nsec = inode->i_mtime.tv_nsec;
	st->ctime_sec = inode->i_ctime.tv_sec;
	st->ctime_nsec = inode->i_ctime.tv_nsec;
	st->blksize = PAGE_SIZE;
	/* a memory file's pages, as Linux's simple_getattr and shmem's i_blocks */
	st->blocks = S_ISREG(inode->i_mode) && inode->i_data ?
		     shmem_nr_present(inode->i_data) << (PAGE_SHIFT - 9) :
		     (u64)(inode->i_size + 511) >> 9;
}

static int cp_new_stat(struct kstat *st, struct stat64_user *ubuf)
{
	struct user_namespace *ns = current_user_ns();
	struct stat64_user tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = st->dev;
	tmp.st_ino = st->ino;
	tmp.st_nlink = st->nlink;
	tmp.st_mode = st->mode;
	tmp.st_uid = from_kuid_munged(ns, KUIDT_INIT(st->uid));
	tmp.st_gid = from_kgid_munged(ns, KGIDT_INIT(st->gid));
	tmp.st_rdev = st->rdev;
	tmp.st_size = st->size;
	tmp.st_blksize = st->blksize;
	tmp.st_blocks = st->blocks;
	tmp.st_atime = st->atime_sec;
	tmp.st_atime_nsec = st->atime_nsec;
	tmp.st_mtime = st->mtime_sec;
	tmp.st_mtime_nsec = st->mtime_nsec;
	tmp.st_ctime = st->ctime_sec;
	tmp.st_ctime_nsec = st->ctime_nsec;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* What stat says of @p: the file system's ->getattr, or the inode as it is (Linux's vfs_getattr). */
static int vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *inode = p->dentry->d_inode;

	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(p->dentry, st);
	generic_fillattr(inode, st);
	return 0;
}

static int stat_path(struct path *p, struct stat64_user *ubuf)
{
	struct kstat st;
	int err;

	err = vfs_getattr(p, &st);
	if (!err)
		err = cp_new_stat(&st, ubuf);
	path_put(p);
	return err;
}

static long do_fstatat(int dfd, const char *filename, struct stat64_user *ubuf, int flag)
{
	struct path p;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, filename, at_lookup_flags(flag), &p);
	return err ? err : stat_path(&p, ubuf);
}

SYSCALL_DEFINE2(stat, const char *, filename, struct stat64_user *, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, 0);
}

SYSCALL_DEFINE2(lstat, const char *, filename, struct stat64_user *, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char *, filename, struct stat64_user *, statbuf,
		int, flag)
{
	return do_fstatat(dfd, filename, statbuf, flag);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat64_user *, statbuf)
{
	struct path p;
	int err = fd_path(fd, true, &p);

	return err ? err : stat_path(&p, statbuf);
}

/*
 * statx's answer for @p (Linux's vfs_statx then cp_statx): every basic
 * field and the mount's id, whatever @mask asked (a file system may give
 * more than asked, and these cost nothing here), and whether @p is the
 * root of its mount.
 */
static int cp_statx(struct path *p, struct statx_user *ubuf)
{
	struct user_namespace *ns = current_user_ns();
	struct statx_user tmp;
	struct kstat st;
	int err = vfs_getattr(p, &st);

	if (err)
		return err;
	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	tmp.stx_blksize = st.blksize;
	tmp.stx_attributes_mask = STATX_ATTR_MOUNT_ROOT;
	if (p->mnt->mnt_root == p->dentry)
		tmp.stx_attributes |= STATX_ATTR_MOUNT_ROOT;
	tmp.stx_nlink = st.nlink;
	tmp.stx_uid = from_kuid_munged(ns, KUIDT_INIT(st.uid));
	tmp.stx_gid = from_kgid_munged(ns, KGIDT_INIT(st.gid));
	tmp.stx_mode = st.mode;
	tmp.stx_ino = st.ino;
	tmp.stx_size = st.size;
	tmp.stx_blocks = st.blocks;
	tmp.stx_atime.tv_sec = st.atime_sec;
	tmp.stx_atime.tv_nsec = st.atime_nsec;
	tmp.stx_mtime.tv_sec = st.mtime_sec;
	tmp.stx_mtime.tv_nsec = st.mtime_nsec;
	tmp.stx_ctime.tv_sec = st.ctime_sec;
	tmp.stx_ctime.tv_nsec = st.ctime_nsec;
	tmp.stx_rdev_major = MAJOR(st.rdev);
	tmp.stx_rdev_minor = MINOR(st.rdev);
	tmp.stx_dev_major = MAJOR(st.dev);
	tmp.stx_dev_minor = MINOR(st.dev);
	tmp.stx_mnt_id = p->mnt->mnt_id;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/*
 * statx(2) (Linux's do_statx): EINVAL for a reserved mask bit, both sync
 * types at once or an unknown flag; the sync types ask nothing of a
 * memory file system.  The path is looked up as fstatat's is.
 */
SYSCALL_DEFINE5(statx, int, dfd, const char *, filename, unsigned int, flags,
		unsigned int, mask, struct statx_user *, buffer)
{
	struct path p;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = user_path_at(dfd, filename, at_lookup_flags(flags), &p);
	if (err)
		return err;
	err = cp_statx(&p, buffer);
	path_put(&p);
	return err;
}

/* The text of the link at @p, truncated to @bufsiz as readlink(2) does (no NUL). */
static long readlink_path(struct path *p, char *ubuf, int bufsiz)
{
	struct inode *inode = p->dentry->d_inode;
	char *buf;
	long len;

	if (!S_ISLNK(inode->i_mode))
		return -EINVAL;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (inode->i_link)
		len = strlcpy(buf, inode->i_link, PATH_MAX);
	else if (inode->i_op && inode->i_op->readlink)
		len = inode->i_op->readlink(p->dentry, buf, PATH_MAX);
	else
		len = -EINVAL;
	if (len > 0) {
		len = min_t(long, len, bufsiz);
		if (copy_to_user(ubuf, buf, len))
			len = -EFAULT;
	}
	kfree(buf);
	return len;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char *, pathname, char *, buf, int, bufsiz)
{
	struct path p;
	char *name;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	name = getname(pathname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(dfd, name, LOOKUP_EMPTY, &p);
	putname(name);
	if (err)
		return err;
	err = readlink_path(&p, buf, bufsiz);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE3(readlink, const char *, path, char *, buf, int, bufsiz)
{
	struct path p;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, path, 0, &p);
	if (err)
		return err;
	err = readlink_path(&p, buf, bufsiz);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(getcwd, char *, buf, unsigned long, size)
{
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path pwd, root;
	long len;
	int start;

	if (!page)
		return -ENOMEM;
	get_fs_root(current->fs, &root);
	get_fs_pwd(current->fs, &pwd);
	start = d_path(&pwd, &root, page, PATH_MAX);
	len = start < 0 ? start : PATH_MAX - start;
	if (len > 0 && (pwd.dentry->d_flags & DCACHE_DISCONNECTED))
		len = -ENOENT;		/* the cwd was removed */
	if (len > 0 && (unsigned long)len > size)
		len = -ERANGE;
	if (len > 0 && copy_to_user(buf, page + start, len))
		len = -EFAULT;
	path_put(&pwd);
	path_put(&root);
	kfree(page);
	return len;
}
