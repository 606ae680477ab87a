/*
 * fs/open.c: open, close and the calls that change a file's attributes
 * or the caller's directories (access, chdir, chroot, chmod, chown,
 * truncate, umask).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/mount.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/falloc.h>

int filp_close(struct file *f)
{
	fput(f);
	return 0;
}

/* Opens an existing path; the permission check was the caller's. */
struct file *dentry_open(const struct path *path, int flags, const struct cred *cred)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f;
	int err;

	(void)cred;
	f = alloc_file(path, flags, inode->i_fop);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (flags & O_PATH)
		return f;
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;		/* no release for a failed open */
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

static int acc_mode(int flags)
{
	int mask = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		mask |= MAY_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		mask |= MAY_WRITE;
	if (flags & O_TRUNC)
		mask |= MAY_WRITE;
	return mask;
}

static int may_open(const struct path *path, int flags)
{
	struct inode *inode = path->dentry->d_inode;

	if (flags & O_PATH)
		return 0;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;		/* O_NOFOLLOW met a link */
	if (S_ISDIR(inode->i_mode) && (acc_mode(flags) & MAY_WRITE))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if ((S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) &&
	    (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;		/* Linux's may_open_dev */
	/* a device or a fifo may be written on a read-only mount (special_file) */
	if ((acc_mode(flags) & MAY_WRITE) && (path->mnt->mnt_flags & MNT_READONLY) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)))
		return -EROFS;
	return inode_permission(inode, acc_mode(flags));
}

/* Creates the last component of @np as a regular file (O_CREAT). */
static int open_create(struct nameparent *np, struct dentry *dentry, umode_t mode)
{
	struct inode *dir = np->parent.dentry->d_inode;
	int err = may_create(dir);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->create)
		return -EACCES;
	if (np->parent.mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	return dir->i_op->create(dir, dentry, mode & ~current->fs->umask & S_IALLUGO);
}

/* The path open() works on: looked up, or (O_CREAT) created. */
static int open_lookup(int dfd, const char *name, int flags, umode_t mode, struct path *path,
		       bool *created)
{
	unsigned int lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct nameparent np;
	struct dentry *d;
	int err;

	*created = false;
	if (!(flags & O_CREAT))
		return filename_lookup(dfd, name, lf | ((flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0),
				       path);
	err = user_path_parent(dfd, name, &np);
	if (err)
		return err == -EEXIST ? -EISDIR : err;
	if (np.trailing_slash) {
		put_nameparent(&np);
		return -EISDIR;
	}
	mutex_lock(&np.parent.dentry->d_inode->i_mutex);
	d = lookup_one(np.parent.dentry, np.last, np.last_len);
	err = IS_ERR(d) ? PTR_ERR(d) : 0;
	if (!err && !d->d_inode) {
		err = open_create(&np, d, mode);
		*created = !err;
	} else if (!err && (flags & O_EXCL)) {
		err = -EEXIST;
	}
	mutex_unlock(&np.parent.dentry->d_inode->i_mutex);
	if (!err && !*created && S_ISLNK(d->d_inode->i_mode) && !(flags & O_NOFOLLOW)) {
		dput(d);			/* an existing link: resolve it the ordinary way */
		put_nameparent(&np);
		return filename_lookup(dfd, name, LOOKUP_FOLLOW, path);
	}
	if (!err) {
		path->mnt = mntget(np.parent.mnt);
		path->dentry = dget(d);
	}
	if (!IS_ERR(d))
		dput(d);
	put_nameparent(&np);
	return err;
}

/*
 * O_TMPFILE (Linux's do_tmpfile, vfs_tmpfile): a new regular file in the
 * directory @name, which no directory lists: it goes with its last
 * descriptor unless (without O_EXCL) linkat gives it a name first.  The
 * directory must be writable and searchable, and its file system able to
 * (EOPNOTSUPP).
 */
static struct file *do_tmpfile(int dfd, const char *name, int flags, umode_t mode)
{
	struct path dir, path;
	struct inode *inode;
	struct file *f;
	int err;

	err = filename_lookup(dfd, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	if (err)
		return ERR_PTR(err);
	inode = dir.dentry->d_inode;
	err = dir.mnt->mnt_flags & MNT_READONLY ? -EROFS : inode_permission(inode, MAY_WRITE | MAY_EXEC);
	if (!err && (!inode->i_op || !inode->i_op->tmpfile))
		err = -EOPNOTSUPP;
	path.mnt = dir.mnt;
	path.dentry = err ? NULL : d_alloc_unlinked(dir.dentry, "/");
	if (!err && !path.dentry)
		err = -ENOMEM;
	if (err)
		goto out_put_dir;
	err = inode->i_op->tmpfile(inode, path.dentry, mode & ~current->fs->umask & S_IALLUGO);
	if (!err) {
		path.dentry->d_inode->i_linkable = !(flags & O_EXCL);
		err = may_open(&path, flags & ~O_DIRECTORY);
	}
	f = err ? ERR_PTR(err) : dentry_open(&path, flags & ~(O_DIRECTORY | __O_TMPFILE),
					     current_cred());
	dput(path.dentry);
	path_put(&dir);
	return f;

out_put_dir:
	path_put(&dir);
	return ERR_PTR(err);
}

/* Finds or creates @name, checks the access and opens it (Linux's do_filp_open). */
static struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct path path;
	struct file *f;
	bool created;
	int err;

	if (flags & __O_TMPFILE)
		return do_tmpfile(dfd, name, flags, mode);
	err = open_lookup(dfd, name, flags, mode, &path, &created);
	if (err)
		return ERR_PTR(err);
	err = created ? 0 : may_open(&path, flags);
	if (!err && (flags & O_TRUNC) && S_ISREG(path.dentry->d_inode->i_mode) && !created)
		err = do_truncate(path.dentry, 0);
	f = err ? ERR_PTR(err) : dentry_open(&path, flags, current_cred());
	path_put(&path);
	return f;
}

/*
 * The descriptor first, as Linux's do_sys_openat2: with none left
 * (EMFILE) nothing is created or truncated.  O_PATH keeps only
 * O_DIRECTORY and O_NOFOLLOW of the other flags (O_CLOEXEC is the
 * descriptor's): no O_CREAT, O_TRUNC or O_ASYNC reaches the file.
 */
long do_sys_open(int dfd, const char *filename, int flags, umode_t mode)
{
	char *name = getname(filename);
	struct file *f;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	/* Linux's build_open_flags: O_TMPFILE is with O_DIRECTORY, without O_CREAT, to write */
	if ((flags & __O_TMPFILE) &&
	    ((flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE || (flags & O_ACCMODE) == O_RDONLY)) {
		putname(name);
		return -EINVAL;
	}
	fd = get_unused_fd_flags(flags);
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW;	/* Linux's build_open_flags */
	if (fd >= 0) {
		f = do_filp_open(dfd, name, flags, mode);
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	putname(name);
	return fd;
}

/* A kernel-internal open (exec, the console, a core file), O_CREAT included: Linux's filp_open. */
struct file *filp_open(const char *name, int flags, umode_t mode)
{
	return do_filp_open(AT_FDCWD, name, flags, mode);
}

SYSCALL_DEFINE3(open, const char *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

SYSCALL_DEFINE2(creat, const char *, pathname, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int do_truncate(struct dentry *dentry, loff_t length)
{
	struct inode *inode = dentry->d_inode;
	struct kstat attr = { .size = length };
	int err;

	if (length < 0)
		return -EINVAL;
	if (!inode->i_op || !inode->i_op->setattr)
		return -EPERM;
	mutex_lock(&inode->i_mutex);
	file_remove_privs(inode);
	err = inode->i_op->setattr(dentry, ATTR_SIZE, &attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}

SYSCALL_DEFINE2(truncate, const char *, path, long, length)
{
	struct path p;
	int err;

	if (length < 0)
		return -EINVAL;		/* before the lookup, as Linux's do_sys_truncate */
	err = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (S_ISDIR(p.dentry->d_inode->i_mode))
		err = -EISDIR;
	else if (!S_ISREG(p.dentry->d_inode->i_mode))
		err = -EINVAL;
	else
		err = inode_permission(p.dentry->d_inode, MAY_WRITE);
	if (!err)
		err = do_truncate(p.dentry, length);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, unsigned long, length)
{
	struct file *f;
	int err;

	if ((long)length < 0)
		return -EINVAL;		/* before the descriptor, as Linux's do_sys_ftruncate */
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		err = -EINVAL;
	else
		err = do_truncate(f->f_path.dentry, (long)length);
	fput(f);
	return err;
}

/* The mode's own rules, before the file is looked at (the first half of Linux's vfs_fallocate). */
static int fallocate_mode_ok(int mode)
{
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
	    (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	return 0;
}

/*
 * Allocates or frees [offset, offset + len) of @file (Linux's
 * vfs_fallocate), in its order of checks: EINVAL for the range,
 * EOPNOTSUPP/EINVAL for the mode, EBADF unless open for writing, ESPIPE
 * for a pipe, EISDIR, ENODEV for what is not a regular file, EFBIG past
 * 2^63, then the file system's ->fallocate (EOPNOTSUPP without one).
 */
int vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file->f_inode;
	int err;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	err = fallocate_mode_ok(mode);
	if (err)
		return err;
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -ENODEV;
	if ((u64)offset + (u64)len > LLONG_MAX)
		return -EFBIG;		/* wraps past 2^63 (s_maxbytes is LLONG_MAX here); unsigned: no UB */
	if (!file->f_op->fallocate)
		return -EOPNOTSUPP;
	return file->f_op->fallocate(file, mode, offset, len);
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, loff_t, offset, loff_t, len)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_fallocate(f, mode, offset, len);
	fput(f);
	return err;
}

/* access(2) checks with the real ids, as if the caller were its real self. */
static long do_faccessat(int dfd, const char *filename, int mode, int flags)
{
	const struct cred *old;
	struct cred *override;
	struct path path;
	int err;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	override = prepare_creds();
	if (!override)
		return -ENOMEM;
	if (!(flags & AT_EACCESS)) {
		override->fsuid = override->uid;
		override->fsgid = override->gid;
		if (!uid_eq(override->uid, GLOBAL_ROOT_UID))	/* non-root loses caps */
			override->cap_effective = CAP_EMPTY_SET;
	}
	old = current->cred;
	current->cred = override;
	err = user_path_at(dfd, filename, at_lookup_flags(flags), &path);
	if (!err) {
		if (mode)
			err = inode_permission(path.dentry->d_inode, mode);
		if (!err && (mode & 2) && (path.mnt->mnt_flags & MNT_READONLY))
			err = -EROFS;
		path_put(&path);
	}
	current->cred = old;
	put_cred(override);
	return err;
}

SYSCALL_DEFINE2(access, const char *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

static long set_cwd(struct path *p)
{
	int err = -ENOTDIR;

	if (S_ISDIR(p->dentry->d_inode->i_mode))
		err = inode_permission(p->dentry->d_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(current->fs, p);
	path_put(p);
	return err;
}

SYSCALL_DEFINE1(chdir, const char *, filename)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &p);

	return err ? err : set_cwd(&p);
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct path p;
	int err = fd_path(fd, true, &p);

	return err ? err : set_cwd(&p);
}

SYSCALL_DEFINE1(chroot, const char *, filename)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	if (!S_ISDIR(p.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else if (!ns_capable(current_user_ns(), CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		set_fs_root(current->fs, &p);
	path_put(&p);
	return err;
}

/*
 * chmod/chown: the owner, or CAP_FOWNER/CAP_CHOWN over the file.  A chmod
 * keeps set-group-ID only for a member of the group; a chown takes the
 * set-id bits off a file.
 */
static int setattr_path(struct path *p, unsigned int valid, struct kstat *attr)
{
	struct inode *inode = p->dentry->d_inode;
	struct user_namespace *ns = current_user_ns();
	int err;

	if (p->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	if ((valid & ATTR_MODE) && !uid_eq(current_fsuid(), inode->i_uid) &&
	    !(ns_capable(ns, CAP_FOWNER) && kuid_has_mapping(ns, inode->i_uid)))
		return -EPERM;
	if ((valid & (ATTR_UID | ATTR_GID)) && !ns_capable(ns, CAP_CHOWN) &&
	    (!(valid & ATTR_GID) || !uid_eq(current_fsuid(), inode->i_uid) ||
	     !in_group_p(KGIDT_INIT(attr->gid)) || (valid & ATTR_UID)))
		return -EPERM;
	if (!inode->i_op || !inode->i_op->setattr)
		return -EPERM;
	mutex_lock(&inode->i_mutex);
	if (valid & ATTR_MODE) {
		attr->mode = chmod_drop_sgid(inode, attr->mode);
	} else if (valid & ATTR_KILL_SUID) {
		attr->mode = chown_drop_suidgid(inode);
		if (attr->mode != inode->i_mode)
			valid |= ATTR_MODE;	/* and so the chmod right (Linux's setattr_prepare) */
	}
	if ((valid & ATTR_KILL_SUID) && (valid & ATTR_MODE) && !inode_owner_or_capable(inode))
		err = -EPERM;
	else
		err = inode->i_op->setattr(p->dentry, valid, attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}

static long chmod_path(struct path *p, umode_t mode)
{
	struct kstat attr = { .mode = mode };
	long err = setattr_path(p, ATTR_MODE, &attr);

	path_put(p);
	return err;
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char *, filename, umode_t, mode)
{
	struct path p;
	int err = user_path_at(dfd, filename, LOOKUP_FOLLOW, &p);

	return err ? err : chmod_path(&p, mode);
}

SYSCALL_DEFINE2(chmod, const char *, filename, umode_t, mode)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &p);

	return err ? err : chmod_path(&p, mode);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct path p;
	int err = fd_path(fd, false, &p);

	return err ? err : chmod_path(&p, mode);
}

static long chown_path(struct path *p, uid_t user, gid_t group)
{
	struct user_namespace *ns = current_user_ns();
	struct kstat attr = { 0 };
	unsigned int valid = 0;
	long err = 0;

	if (user != (uid_t)-1) {
		attr.uid = __kuid_val(make_kuid(ns, user));
		valid |= ATTR_UID;
		if (attr.uid == (u32)-1)
			err = -EINVAL;
	}
	if (group != (gid_t)-1) {
		attr.gid = __kgid_val(make_kgid(ns, group));
		valid |= ATTR_GID;
		if (attr.gid == (u32)-1)
			err = -EINVAL;
	}
	/* even chown(-1, -1) takes the set-id bits off, as Linux's chown_common */
	if (!err)
		err = setattr_path(p, valid | ATTR_KILL_SUID, &attr);
	path_put(p);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char *, filename, uid_t, user, gid_t, group,
		int, flag)
{
	struct path p;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, filename, at_lookup_flags(flag), &p);
	return err ? err : chown_path(&p, user, group);
}

SYSCALL_DEFINE3(chown, const char *, filename, uid_t, user, gid_t, group)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &p);

	return err ? err : chown_path(&p, user, group);
}

SYSCALL_DEFINE3(lchown, const char *, filename, uid_t, user, gid_t, group)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, 0, &p);

	return err ? err : chown_path(&p, user, group);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	struct path p;
	int err = fd_path(fd, false, &p);

	return err ? err : chown_path(&p, user, group);
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_struct *fs = current->fs;
	int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & S_IRWXUGO;
	spin_unlock(&fs->lock);
	return old;
}
