/*
 * fs/nameops.c: the calls that change names: mkdir, mknod, unlink, rmdir,
 * rename, link, symlink.
 *
 * Each finds the parent directory and the last component (namei.c),
 * locks the directory, checks the name's state and the caller's right to
 * change the directory, and asks the file system to do it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

/* Locks the parent of @uname and looks its last component up: the common start. */
static int start_op(int dfd, const char *uname, struct nameparent *np, char **name,
		    struct dentry **d)
{
	int err;

	*name = getname(uname);
	if (IS_ERR(*name))
		return PTR_ERR(*name);
	err = user_path_parent(dfd, *name, np);
	if (err) {
		putname(*name);
		return err;
	}
	mutex_lock(&np->parent.dentry->d_inode->i_mutex);
	*d = lookup_one(np->parent.dentry, np->last, np->last_len);
	if (IS_ERR(*d)) {
		mutex_unlock(&np->parent.dentry->d_inode->i_mutex);
		put_nameparent(np);
		putname(*name);
		return PTR_ERR(*d);
	}
	return 0;
}

static void end_op(struct nameparent *np, char *name, struct dentry *d)
{
	dput(d);
	mutex_unlock(&np->parent.dentry->d_inode->i_mutex);
	put_nameparent(np);
	putname(name);
}

static bool is_dot_or_dotdot(struct nameparent *np)
{
	return np->last[0] == '.' && (np->last_len == 1 || (np->last_len == 2 && np->last[1] == '.'));
}

static int may_change_dir(struct nameparent *np)
{
	if (np->parent.mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	return may_create(np->parent.dentry->d_inode);
}

static long do_mknodat(int dfd, const char *filename, umode_t mode, unsigned int dev)
{
	struct nameparent np;
	struct inode *dir;
	struct dentry *d;
	char *name;
	int err = start_op(dfd, filename, &np, &name, &d);

	if (err)
		return err;
	dir = np.parent.dentry->d_inode;
	if (d->d_inode || is_dot_or_dotdot(&np))
		err = -EEXIST;
	else if (!(err = may_change_dir(&np))) {
		mode &= ~current->fs->umask;
		if (S_ISDIR(mode))
			err = dir->i_op->mkdir ? dir->i_op->mkdir(dir, d, mode & S_IALLUGO) : -EPERM;
		else if ((S_ISCHR(mode) || S_ISBLK(mode)) &&
			 !ns_capable(current_user_ns(), CAP_MKNOD))
			err = -EPERM;
		else
			err = dir->i_op->mknod ? dir->i_op->mknod(dir, d, mode, dev) : -EPERM;
	}
	end_op(&np, name, d);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char *, pathname, umode_t, mode)
{
	return do_mknodat(dfd, pathname, S_IFDIR | (mode & (S_IALLUGO)), 0);
}

SYSCALL_DEFINE2(mkdir, const char *, pathname, umode_t, mode)
{
	return do_mknodat(AT_FDCWD, pathname, S_IFDIR | (mode & S_IALLUGO), 0);
}

static long check_mknod_mode(umode_t mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	}
	return -EINVAL;
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char *, filename, umode_t, mode, unsigned int, dev)
{
	long err = check_mknod_mode(mode);

	if (err)
		return err;
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	return do_mknodat(dfd, filename, mode, dev);
}

SYSCALL_DEFINE3(mknod, const char *, filename, umode_t, mode, unsigned int, dev)
{
	long err = check_mknod_mode(mode);

	if (err)
		return err;
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	return do_mknodat(AT_FDCWD, filename, mode, dev);
}

static bool is_mountpoint(struct dentry *d)
{
	return d->d_mounted > 0;
}

static long do_remove(int dfd, const char *pathname, bool isdir)
{
	struct nameparent np;
	struct inode *dir;
	struct dentry *d;
	char *name;
	int err = start_op(dfd, pathname, &np, &name, &d);

	if (err)
		return err;
	dir = np.parent.dentry->d_inode;
	if (is_dot_or_dotdot(&np))	/* Linux: rmdir gives EINVAL/ENOTEMPTY, unlink EISDIR */
		err = !isdir ? -EISDIR : np.last_len == 1 ? -EINVAL : -ENOTEMPTY;
	else if (!d->d_inode)
		err = -ENOENT;
	else if (np.trailing_slash && !S_ISDIR(d->d_inode->i_mode))
		err = -ENOTDIR;
	else if (np.parent.mnt->mnt_flags & MNT_READONLY)
		err = -EROFS;
	else if (!(err = may_delete(dir, d, isdir))) {
		if (is_mountpoint(d) || d == np.parent.mnt->mnt_root)
			err = -EBUSY;
		else if (isdir)
			err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, d) : -EPERM;
		else
			err = dir->i_op->unlink ? dir->i_op->unlink(dir, d) : -EPERM;
	}
	end_op(&np, name, d);
	return err;
}

SYSCALL_DEFINE1(unlink, const char *, pathname)
{
	return do_remove(AT_FDCWD, pathname, false);
}

SYSCALL_DEFINE1(rmdir, const char *, pathname)
{
	return do_remove(AT_FDCWD, pathname, true);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dfd, pathname, flag & AT_REMOVEDIR);
}

static long do_symlinkat(const char *oldname, int newdfd, const char *newname)
{
	char *target = getname(oldname), *name;
	struct nameparent np;
	struct inode *dir;
	struct dentry *d;
	int err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	err = *target ? start_op(newdfd, newname, &np, &name, &d) : -ENOENT;
	if (err) {
		putname(target);
		return err;
	}
	dir = np.parent.dentry->d_inode;
	if (d->d_inode)
		err = -EEXIST;
	else if (!(err = may_change_dir(&np)))
		err = dir->i_op->symlink ? dir->i_op->symlink(dir, d, target) : -EPERM;
	end_op(&np, name, d);
	putname(target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char *, oldname, const char *, newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}

SYSCALL_DEFINE3(symlinkat, const char *, oldname, int, newdfd, const char *, newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

static long do_linkat(int olddfd, const char *oldname, int newdfd, const char *newname,
		      int flags)
{
	struct nameparent np;
	struct path old;
	struct inode *dir;
	struct dentry *d;
	char *name;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* a link to an open file by its descriptor: not for everyone (Linux 6.1's do_linkat) */
	if ((flags & AT_EMPTY_PATH) && !capable(CAP_DAC_READ_SEARCH))
		return -ENOENT;
	err = user_path_at(olddfd, oldname, (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
			   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0), &old);
	if (err)
		return err;
	err = start_op(newdfd, newname, &np, &name, &d);
	if (err)
		goto out;
	dir = np.parent.dentry->d_inode;
	if (d->d_inode)
		err = -EEXIST;
	else if (old.mnt != np.parent.mnt)	/* another mount, even of the same sb */
		err = -EXDEV;
	else if (S_ISDIR(old.dentry->d_inode->i_mode))
		err = -EPERM;
	else if (!old.dentry->d_inode->i_nlink && !old.dentry->d_inode->i_linkable)
		err = -ENOENT;		/* unlinked, a memfd, an O_TMPFILE|O_EXCL file */
	else if (!(err = may_change_dir(&np)))
		err = dir->i_op->link ? dir->i_op->link(old.dentry, dir, d) : -EPERM;
	end_op(&np, name, d);
out:
	path_put(&old);
	return err;
}

SYSCALL_DEFINE2(link, const char *, oldname, const char *, newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char *, oldname, int, newdfd,
		const char *, newname, int, flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}


/* The checks of Linux's vfs_rename, in its order. */
static int rename_checks(struct nameparent *onp, struct dentry *old, struct nameparent *nnp,
			 struct dentry *new, unsigned int flags)
{
	struct inode *odir = onp->parent.dentry->d_inode, *ndir = nnp->parent.dentry->d_inode;
	bool isdir, new_isdir;
	int err;

	if (!old->d_inode)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && new->d_inode)
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && !new->d_inode)
		return -ENOENT;
	isdir = S_ISDIR(old->d_inode->i_mode);
	new_isdir = new->d_inode && S_ISDIR(new->d_inode->i_mode);
	if (old == new)
		return 0;
	err = may_delete(odir, old, isdir);
	if (!err && !new->d_inode)
		err = may_create(ndir);
	else if (!err)	/* an exchanged target stays what it is */
		err = may_delete(ndir, new, (flags & RENAME_EXCHANGE) ? new_isdir : isdir);
	if (err)
		return err;
	if (isdir && is_subdir(nnp->parent.dentry, old))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && new_isdir && is_subdir(onp->parent.dentry, new))
		return -EINVAL;		/* the exchange would put new below itself */
	if (is_mountpoint(old) || (new->d_inode && is_mountpoint(new)))
		return -EBUSY;
	return 0;
}

/*
 * Locks the parents of a rename (Linux's lock_rename).  In one directory
 * that is one lock.  Across two, the file system's s_vfs_rename_mutex
 * comes first: one such rename at a time can change the tree's shape, so
 * is_subdir() stays true until we are done, and two renames in opposite
 * directions cannot each hold the lock the other wants.  Then the
 * ancestor, if one is, before its descendant.  The lock validator sees
 * the two as Linux's subclasses I_MUTEX_PARENT, then I_MUTEX_PARENT2.
 */
static void lock_rename(struct dentry *p1, struct dentry *p2)
{
	if (p1 == p2) {
		mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_PARENT);
		return;
	}
	mutex_lock(&p1->d_sb->s_vfs_rename_mutex);
	if (is_subdir(p1, p2)) {
		mutex_lock_nested(&p2->d_inode->i_mutex, I_MUTEX_PARENT);
		mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_PARENT2);
	} else {
		mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_PARENT);
		mutex_lock_nested(&p2->d_inode->i_mutex, I_MUTEX_PARENT2);
	}
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	mutex_unlock(&p1->d_inode->i_mutex);
	if (p1 == p2)
		return;
	mutex_unlock(&p2->d_inode->i_mutex);
	mutex_unlock(&p1->d_sb->s_vfs_rename_mutex);
}

/* With both parents locked: look both names up, check, and rename. */
static int rename_locked(struct nameparent *onp, struct nameparent *nnp, unsigned int flags)
{
	struct inode *odir = onp->parent.dentry->d_inode;
	struct dentry *old, *new;
	int err;

	old = lookup_one(onp->parent.dentry, onp->last, onp->last_len);
	if (IS_ERR(old))
		return PTR_ERR(old);
	new = lookup_one(nnp->parent.dentry, nnp->last, nnp->last_len);
	err = IS_ERR(new) ? PTR_ERR(new) : rename_checks(onp, old, nnp, new, flags);
	if (!err && old != new)
		err = odir->i_op->rename ? odir->i_op->rename(odir, old,
				nnp->parent.dentry->d_inode, new, flags) : -EPERM;
	if (!IS_ERR(new))
		dput(new);
	dput(old);
	return err;
}

static long do_renameat2(int olddfd, const char *oldname, int newdfd, const char *newname,
			 unsigned int flags)
{
	struct nameparent onp, nnp;
	char *oname, *nname;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE))
		return -EINVAL;		/* an exchange replaces nothing and leaves nothing */
	oname = getname(oldname);
	if (IS_ERR(oname))
		return PTR_ERR(oname);
	err = user_path_parent(olddfd, oname, &onp);
	if (err)
		goto out_oname;
	nname = getname(newname);
	err = PTR_ERR(nname);
	if (IS_ERR(nname))
		goto out_old;
	err = user_path_parent(newdfd, nname, &nnp);
	if (err)
		goto out_nname;
	/* Mounts, not super blocks: a bind mount is another place to rename across. */
	err = -EXDEV;
	if (onp.parent.mnt != nnp.parent.mnt)
		goto out_new;
	lock_rename(onp.parent.dentry, nnp.parent.dentry);
	err = rename_locked(&onp, &nnp, flags);
	unlock_rename(onp.parent.dentry, nnp.parent.dentry);
out_new:
	put_nameparent(&nnp);
out_nname:
	putname(nname);
out_old:
	put_nameparent(&onp);
out_oname:
	putname(oname);
	return err;
}

SYSCALL_DEFINE2(rename, const char *, oldname, const char *, newname)
{
	return do_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char *, oldname, int, newdfd,
		const char *, newname)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char *, oldname, int, newdfd,
		const char *, newname, unsigned int, flags)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, flags);
}
