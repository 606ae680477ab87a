/*
 * fs/namei.c: turning path names into (mount, dentry) pairs.
 *
 * Each component is looked up in the directory reached so far (search
 * permission required), "." and ".." handled, mount points crossed down
 * into what is mounted there, and ".." at a mount's root crossed up to
 * where it is mounted.  Symbolic links are followed (40 at most, ELOOP
 * beyond), except a final one when the caller did not ask to; a link on
 * a nosymfollow mount is not followed at all (ELOOP), though readlink
 * still reads it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>

struct nameidata {
	struct path path;		/* where the walk is */
	struct path root;		/* the caller's root: ".." stops here */
	unsigned int flags;
	int depth;			/* symlinks followed so far */
};

void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* Copies a user path name into a kernel buffer (putname frees it). */
char *getname(const char *uname)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, PATH_MAX);
	if (len < 0 || len == PATH_MAX) {
		kfree(name);
		return ERR_PTR(len < 0 ? len : -ENAMETOOLONG);
	}
	return name;
}

void putname(char *name)
{
	if (!IS_ERR_OR_NULL(name))
		kfree(name);
}

/* Does the caller have @cap over @inode?  Only if its owner is visible in its user ns. */
bool capable_wrt_inode(const struct inode *inode, int cap)
{
	struct user_namespace *ns = current_user_ns();

	return ns_capable(ns, cap) && kuid_has_mapping(ns, inode->i_uid) &&
	       kgid_has_mapping(ns, inode->i_gid);
}

/* May the caller act as @inode's owner (set its times)?  The owner, or CAP_FOWNER over it. */
bool inode_owner_or_capable(const struct inode *inode)
{
	return uid_eq(current_fsuid(), inode->i_uid) || capable_wrt_inode(inode, CAP_FOWNER);
}

/* The owner, group or other bits that apply to the caller (Linux's acl_permission_check). */
int generic_permission(struct inode *inode, int mask)
{
	unsigned int mode = inode->i_mode;

	if (uid_eq(current_fsuid(), inode->i_uid))
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	if ((mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) == 0)
		return 0;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && capable_wrt_inode(inode, CAP_DAC_READ_SEARCH))
			return 0;
		return capable_wrt_inode(inode, CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	/* root may execute only what someone may execute */
	if ((mask & MAY_EXEC) && !(inode->i_mode & S_IXUGO))
		return -EACCES;
	if (capable_wrt_inode(inode, CAP_DAC_OVERRIDE))
		return 0;
	if (mask == MAY_READ && capable_wrt_inode(inode, CAP_DAC_READ_SEARCH))
		return 0;
	return -EACCES;
}

int inode_permission(struct inode *inode, int mask)
{
	if (inode->i_op && inode->i_op->permission)
		return inode->i_op->permission(inode, mask);
	return generic_permission(inode, mask);
}

/*
 * The child @name of @parent: from the cache, or asked of the file system.
 * A memory file system's answer for a name it has not cached is "absent",
 * or ENAMETOOLONG past NAME_MAX, as Linux's simple_lookup (mq_open's names
 * reach here without a path walk's check).
 */
static DEFINE_MUTEX(lookup_mutex);	/* one ->lookup at a time, so one dentry per name */

/*
 * ->lookup fills in a dentry already on its parent's list: until it is
 * done the dentry is DCACHE_PAR_LOOKUP, which d_lookup skips, and a second
 * task looking the name up waits for lookup_mutex and finds it done
 * (Linux's in-lookup dentries).  Before, it saw the dentry still empty and
 * took the name for absent: ENOENT for /proc/sysvipc/msg, say, when
 * tests/user/ns_stress opened it from several processes at once.
 */
static struct dentry *lookup_slow(struct inode *dir, struct dentry *parent, const char *name,
				  int len)
{
	struct dentry *d, *res;

	mutex_lock(&lookup_mutex);
	d = d_lookup(parent, name, len);
	if (d)
		goto out;
	d = d_alloc_parallel(parent, name, len);
	if (!d) {
		d = ERR_PTR(-ENOMEM);
		goto out;
	}
	res = dir->i_op->lookup(dir, d);
	d_lookup_done(d);
	if (res) {
		dput(d);
		d = res;
	}
out:
	mutex_unlock(&lookup_mutex);
	return d;
}

struct dentry *lookup_one(struct dentry *parent, const char *name, int len)
{
	struct inode *dir = parent->d_inode;
	struct dentry *d = d_lookup(parent, name, len);

	if (d)
		return d;
	if (dir->i_op && dir->i_op->lookup)
		return lookup_slow(dir, parent, name, len);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d = d_alloc(parent, name, len);
	return d ? d : ERR_PTR(-ENOMEM);	/* a memory file system's: absent */
}

/* Crosses into whatever is mounted on the current dentry, as many times as stacked. */
static void follow_mount(struct path *p)
{
	struct vfsmount *m;

	while ((m = lookup_mnt(p->mnt, p->dentry))) {
		dput(p->dentry);
		mntput(p->mnt);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
	}
}

static void follow_dotdot(struct nameidata *nd)
{
	struct dentry *parent;

	for (;;) {
		if (path_equal(&nd->path, &nd->root))
			return;			/* ".." of the root is the root */
		if (nd->path.dentry != nd->path.mnt->mnt_root)
			break;
		if (nd->path.mnt->mnt_parent == nd->path.mnt)
			return;			/* a namespace's root mount */
		parent = dget(nd->path.mnt->mnt_mountpoint);	/* up across the mount */
		mntget(nd->path.mnt->mnt_parent);
		path_put(&nd->path);
		nd->path.mnt = nd->path.mnt->mnt_parent;
		nd->path.dentry = parent;
	}
	parent = dget(nd->path.dentry->d_parent);
	dput(nd->path.dentry);
	nd->path.dentry = parent;
	follow_mount(&nd->path);
}

static int link_path_walk(const char *name, struct nameidata *nd, bool want_parent,
			  struct nameparent *np);

static int slashes(const char *s)
{
	int n = 0;

	while (s[n] == '/')
		n++;
	return n;
}

/* Continues the walk through the symlink at @link (relative to nd->path, its directory). */
static int follow_link(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->d_inode;
	struct path jump;
	char *buf;
	int err;

	if (++nd->depth > MAX_SYMLINK_DEPTH)
		return -ELOOP;
	if (link->mnt->mnt_flags & MNT_NOSYMFOLLOW)
		return -ELOOP;		/* even /proc's jumps, as Linux's pick_link */
	if (inode->i_op && inode->i_op->get_link) {	/* /proc/self, /proc/PID/ns/...: a jump */
		err = inode->i_op->get_link(link->dentry, &jump);
		if (err)
			return err;
		path_put(&nd->path);
		nd->path = jump;
		return 0;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = inode->i_link ? (int)strlcpy(buf, inode->i_link, PATH_MAX) :
	      inode->i_op && inode->i_op->readlink ? inode->i_op->readlink(link->dentry, buf, PATH_MAX - 1) :
	      -EINVAL;
	if (err >= 0) {
		buf[min(err, PATH_MAX - 1)] = '\0';
		err = link_path_walk(buf, nd, false, NULL);
	}
	kfree(buf);
	return err;
}

/* Steps from nd->path to its child @name; follows mounts and, if @follow, symlinks. */
static int walk_component(struct nameidata *nd, const char *name, int len, bool follow)
{
	struct path next;
	struct dentry *d;
	int err;

	d = lookup_one(nd->path.dentry, name, len);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d->d_inode) {
		dput(d);
		return -ENOENT;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = d;
	follow_mount(&next);
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode)) {
		err = follow_link(nd, &next);
		path_put(&next);
		return err;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * Walks @name from nd->path.  With @want_parent, stops before the last
 * component and describes it in @np (its text points into @name).
 */
static int link_path_walk(const char *name, struct nameidata *nd, bool want_parent,
			  struct nameparent *np)
{
	int err, len;
	bool last;

	if (*name == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	for (;;) {
		while (*name == '/')
			name++;
		if (!*name)
			return 0;
		for (len = 0; name[len] && name[len] != '/'; len++)
			;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		last = !name[len + slashes(name + len)];
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
		err = inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
		if (err)
			return err;
		if (last && want_parent) {
			np->last = name;
			np->last_len = len;
			np->trailing_slash = name[len] == '/';
			return 0;
		}
		if (len == 1 && name[0] == '.')
			err = 0;
		else if (len == 2 && name[0] == '.' && name[1] == '.')
			follow_dotdot(nd), err = 0;
		else
			err = walk_component(nd, name, len, !last || (nd->flags & LOOKUP_FOLLOW) ||
					     name[len] == '/');
		if (err)
			return err;
		name += len;
	}
}

/* Where a relative walk starts: the cwd, or the directory @dfd names. */
static int path_init(int dfd, const char *name, struct nameidata *nd)
{
	struct file *f;

	get_fs_root(current->fs, &nd->root);
	if (*name == '/' || dfd == AT_FDCWD) {
		get_fs_pwd(current->fs, &nd->path);
		return 0;
	}
	f = fget_raw(dfd);
	if (!f) {
		path_put(&nd->root);
		return -EBADF;
	}
	nd->path = f->f_path;
	path_get(&nd->path);
	fput(f);
	if (*name && !S_ISDIR(nd->path.dentry->d_inode->i_mode)) {
		path_put(&nd->path);
		path_put(&nd->root);
		return -ENOTDIR;
	}
	return 0;
}

int filename_lookup(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct nameidata nd = { .flags = flags };
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(dfd, name, &nd);
	if (err)
		return err;
	err = link_path_walk(name, &nd, false, NULL);
	if (!err && (flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd.path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	path_put(&nd.root);
	if (err) {
		path_put(&nd.path);
		return err;
	}
	*path = nd.path;
	return 0;
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return filename_lookup(AT_FDCWD, name, flags ? LOOKUP_FOLLOW : 0, path);
}

/* Looks up a user's path name from @dfd with LOOKUP_* @flags (Linux's user_path_at). */
int user_path_at(int dfd, const char *uname, unsigned int flags, struct path *path)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(dfd, name, flags, path);
	putname(name);
	return err;
}

/* The directory that will hold the last component of @kname, and that component. */
int user_path_parent(int dfd, const char *kname, struct nameparent *np)
{
	struct nameidata nd = { .flags = 0 };
	int err;

	if (!*kname)
		return -ENOENT;
	err = path_init(dfd, kname, &nd);
	if (err)
		return err;
	np->last = NULL;
	err = link_path_walk(kname, &nd, true, np);
	path_put(&nd.root);
	if (!err && !np->last)
		err = -EEXIST;		/* the name was "/" or ends in "/.." style: no last component */
	if (err) {
		path_put(&nd.path);
		return err;
	}
	np->parent = nd.path;
	return 0;
}

void put_nameparent(struct nameparent *np)
{
	path_put(&np->parent);
}

int may_create(struct inode *dir)
{
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* Sticky directories let only the owner (of the file or directory) delete. */
int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->d_inode;
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if ((dir->i_mode & S_ISVTX) && !uid_eq(current_fsuid(), inode->i_uid) &&
	    !uid_eq(current_fsuid(), dir->i_uid) && !capable_wrt_inode(inode, CAP_FOWNER))
		return -EPERM;
	if (isdir && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(inode->i_mode))
		return -EISDIR;
	return 0;
}

/* The path of @path as seen from @root, into the end of @buf; returns the start offset. */
int d_path(const struct path *path, const struct path *root, char *buf, int len)
{
	struct dentry *d = path->dentry;
	struct vfsmount *mnt = path->mnt;
	int pos = len - 1;

	buf[pos] = '\0';
	while (!(d == root->dentry && mnt == root->mnt)) {
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				break;		/* outside our root: show from the tree's root */
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		pos -= d->d_namelen + 1;
		if (pos < 0)
			return -ENAMETOOLONG;
		memcpy(buf + pos + 1, d->d_name, d->d_namelen);
		buf[pos] = '/';
		d = d->d_parent;
	}
	if (pos == len - 1)
		buf[--pos] = '/';
	return pos;
}

/*
 * Should a change by the caller take @inode's set-group-ID bit off?  On
 * an executable, yes; on a file without group execute (where it once
 * meant mandatory locking), unless the caller is in the file's group or
 * holds CAP_FSETID.  As Linux's setattr_should_drop_sgid.
 */
static bool should_drop_sgid(const struct inode *inode)
{
	if (!(inode->i_mode & S_ISGID))
		return false;
	return (inode->i_mode & S_IXGRP) || !(in_group_p(inode->i_gid) ||
					      capable_wrt_inode(inode, CAP_FSETID));
}

/*
 * @inode's mode without the set-id bits a chown must drop: a file (not a
 * directory) given away keeps no set-user-ID, even when root gives it
 * (Linux's chown_common).
 */
umode_t chown_drop_suidgid(const struct inode *inode)
{
	umode_t mode = inode->i_mode;

	if (S_ISDIR(mode))
		return mode;
	mode &= ~S_ISUID;
	if (should_drop_sgid(inode))
		mode &= ~S_ISGID;
	return mode;
}

/* chmod: S_ISGID stays only for a member of the file's group or CAP_FSETID (Linux's setattr_copy). */
umode_t chmod_drop_sgid(const struct inode *inode, umode_t mode)
{
	if (!in_group_p(inode->i_gid) && !capable_wrt_inode(inode, CAP_FSETID))
		mode &= ~S_ISGID;
	return mode;
}

/*
 * A write or truncate by a caller without CAP_FSETID takes the set-id
 * bits off a regular file, so a changed program does not keep its
 * owner's rights (Linux's file_remove_privs).  Called with i_mutex held.
 */
void file_remove_privs(struct inode *inode)
{
	umode_t mode = inode->i_mode;

	if (!S_ISREG(mode) || !(mode & (S_ISUID | S_ISGID)) ||
	    capable_wrt_inode(inode, CAP_FSETID))
		return;
	mode &= ~S_ISUID;
	if (should_drop_sgid(inode))
		mode &= ~S_ISGID;
	if (mode != inode->i_mode) {
		inode->i_mode = mode;
		inode->i_ctime = current_time();
	}
}
