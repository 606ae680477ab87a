/*
 * fs/ramfs.c: the memory file system (rootfs, tmpfs, ramfs).
 *
 * Everything lives in the dentry tree: a directory's entries are its
 * pinned child dentries, a file's data is a shmem object (an array of
 * pages, so mmap can share them), a symlink's target is a string.  As
 * Linux's ramfs/shmem, without a size limit or swap.
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/shmem_fs.h>
#include <linux/uaccess.h>
#include <linux/init.h>
#include <linux/pipe_fs_i.h>
#include <linux/err.h>
#include <linux/random.h>
#include <linux/mount.h>
#include <linux/memfd.h>

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations;
const struct inode_operations ramfs_file_inode_operations;
static const struct super_operations ramfs_ops;

struct inode *ramfs_get_inode(struct super_block *sb, const struct inode *dir,
			      umode_t mode, dev_t dev)
{
	bool tmpfs = sb->s_magic == TMPFS_MAGIC;
	struct inode *inode;

	if (tmpfs && !shmem_reserve_inode(sb))
		return NULL;			/* nr_inodes reached: ENOSPC */
	inode = new_inode(sb);
	if (!inode) {
		if (tmpfs)
			shmem_free_inode(sb);
		return NULL;
	}
	inode_init_owner(inode, dir, mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_data = shmem_object_create(0);
		if (!inode->i_data) {
			iput(inode);
			return NULL;
		}
		if (tmpfs)
			inode->i_data->sbinfo = SHMEM_SB(sb);
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = sb->s_magic == TMPFS_MAGIC ? &shmem_file_operations :
							    &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inode->i_nlink = 2;		/* "." and the parent's entry */
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		inode->i_op = &ramfs_file_inode_operations;
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(dentry, inode);
	d_pin(dentry);
	dir->i_mtime = dir->i_ctime = current_time();
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		dir->i_nlink++;		/* the child's ".." */
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

/* O_TMPFILE (Linux's shmem_tmpfile): a regular file that no directory lists. */
static int ramfs_tmpfile(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, mode | S_IFREG, 0);
	int err;

	if (!inode)
		return -ENOSPC;
	err = d_tmpfile(dentry, inode);
	if (err)
		iput(inode);
	return err;
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);

	if (!inode)
		return -ENOSPC;
	inode->i_link = kstrdup(target, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return -ENOMEM;
	}
	inode->i_op = &ramfs_symlink_inode_operations;
	inode->i_size = strlen(target);
	d_instantiate(dentry, inode);
	d_pin(dentry);
	return 0;
}

static int ramfs_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;

	inode->i_nlink++;
	inode->i_linkable = false;	/* an O_TMPFILE file once linked is like any other */
	inode->i_ctime = current_time();
	ihold(inode);
	d_instantiate(dentry, inode);
	d_pin(dentry);
	(void)dir;
	return 0;
}

static bool dir_is_empty(struct dentry *dentry)
{
	struct dentry *c;

	list_for_each_entry(c, &dentry->d_subdirs, d_child)
		if (c->d_inode && !(c->d_flags & DCACHE_DISCONNECTED))
			return false;
	return true;
}

static int ramfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_nlink--;
	inode->i_ctime = dir->i_mtime = dir->i_ctime = current_time();
	d_delete(dentry);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!dir_is_empty(dentry))
		return -ENOTEMPTY;
	dentry->d_inode->i_nlink = 0;
	dir->i_nlink--;			/* its ".." */
	dir->i_mtime = dir->i_ctime = current_time();
	d_delete(dentry);
	return 0;
}

/* RENAME_EXCHANGE: a directory that changes parent moves its ".." link along. */
static int ramfs_exchange(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			  struct dentry *new)
{
	bool old_is_dir = S_ISDIR(old->d_inode->i_mode);

	if (old_dir != new_dir && old_is_dir != S_ISDIR(new->d_inode->i_mode)) {
		old_dir->i_nlink += old_is_dir ? -1 : 1;
		new_dir->i_nlink += old_is_dir ? 1 : -1;
	}
	d_exchange(old, new);
	old->d_inode->i_ctime = new->d_inode->i_ctime = current_time();
	old_dir->i_mtime = old_dir->i_ctime = new_dir->i_mtime = new_dir->i_ctime =
		current_time();
	return 0;
}

/*
 * RENAME_WHITEOUT: after the move, a whiteout, a character device 0:0,
 * takes the old name (overlayfs reads it as "deleted here").  As
 * shmem_whiteout, from the name @old had.
 */
static int ramfs_whiteout(struct inode *old_dir, struct dentry *parent, const char *name,
			  int len)
{
	struct dentry *d = lookup_one(parent, name, len);
	int err;

	if (IS_ERR(d))
		return PTR_ERR(d);
	err = ramfs_mknod(old_dir, d, S_IFCHR, 0);
	dput(d);
	return err;
}

static int ramfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			struct dentry *new, unsigned int flags)
{
	struct dentry *old_parent = old->d_parent;
	char name[NAME_MAX + 1];
	int err, len = old->d_namelen;

	if (flags & RENAME_EXCHANGE)
		return ramfs_exchange(old_dir, old, new_dir, new);
	memcpy(name, old->d_name, len);		/* the whiteout's name */
	if (new->d_inode) {			/* replace the target */
		if (S_ISDIR(new->d_inode->i_mode)) {
			err = ramfs_rmdir(new_dir, new);
			if (err)
				return err;
		} else {
			ramfs_unlink(new_dir, new);
		}
	}
	if (S_ISDIR(old->d_inode->i_mode) && old_dir != new_dir) {
		old_dir->i_nlink--;
		new_dir->i_nlink++;
	}
	err = d_move(old, new->d_parent, new->d_name, new->d_namelen);
	old_dir->i_mtime = new_dir->i_mtime = current_time();
	if (!err && (flags & RENAME_WHITEOUT))
		err = ramfs_whiteout(old_dir, old_parent, name, len);
	return err;
}

static int ramfs_setattr(struct dentry *dentry, unsigned int valid, struct kstat *attr)
{
	struct inode *inode = dentry->d_inode;
	int err = 0;

	if (valid & ATTR_SIZE) {
		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		err = inode_newsize_ok(inode, attr->size);
		if (err)
			return err;
		if ((attr->size < inode->i_size && (inode->i_data->seals & F_SEAL_SHRINK)) ||
		    (attr->size > inode->i_size && (inode->i_data->seals & F_SEAL_GROW)))
			return -EPERM;		/* memfd seals (Linux's shmem_setattr) */
		err = shmem_truncate(inode->i_data, attr->size);
		if (!err)
			inode->i_size = attr->size;
		inode->i_mtime = current_time();
	}
	setattr_copy(inode, valid, attr);
	if (!(valid & ATTR_CTIME))	/* chmod, chown, truncate: the change is now */
		inode->i_ctime = current_time();
	return err;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.create		= ramfs_create,
	.mkdir		= ramfs_mkdir,
	.mknod		= ramfs_mknod,
	.symlink	= ramfs_symlink,
	.tmpfile	= ramfs_tmpfile,
	.link		= ramfs_link,
	.unlink		= ramfs_unlink,
	.rmdir		= ramfs_rmdir,
	.rename		= ramfs_rename,
	.setattr	= ramfs_setattr,
};

const struct inode_operations ramfs_file_inode_operations = {
	.setattr	= ramfs_setattr,
};

/* A symlink's owner and times may change too (lchown, utimensat with AT_SYMLINK_NOFOLLOW). */
static const struct inode_operations ramfs_symlink_inode_operations = {
	.setattr	= ramfs_setattr,
};

static int ramfs_fill_super_common(struct super_block *sb, umode_t mode)
{
	struct inode *root;

	sb->s_magic = RAMFS_MAGIC;
	sb->s_op = &ramfs_ops;
	root = ramfs_get_inode(sb, NULL, S_IFDIR | mode, 0);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_alloc_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

int ramfs_fill_super(struct super_block *sb, void *data)
{
	(void)data;
	return ramfs_fill_super_common(sb, 0755);
}

static const struct super_operations ramfs_ops = {
	.statfs		= simple_statfs,
};

static struct file_system_type rootfs_fs_type = {
	.name = "rootfs", .fill_super = ramfs_fill_super,
};
static struct file_system_type ramfs_fs_type = {
	.name = "ramfs", .fill_super = ramfs_fill_super, .fs_flags = FS_USERNS_MOUNT,
};
static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs", .fill_super = tmpfs_fill_super, .kill_sb = tmpfs_kill_sb,
	.fs_flags = FS_USERNS_MOUNT,
};

void init_ramfs_fs(void)
{
	register_filesystem(&rootfs_fs_type);
	register_filesystem(&ramfs_fs_type);
	register_filesystem(&tmpfs_fs_type);
}

static struct vfsmount *shm_mnt;	/* the kernel's tmpfs, mounted nowhere: memfds live there */

/*
 * A new tmpfs file named @name that no directory holds, open for reading
 * and writing, mode 0777 and no links, @size bytes of zeros (Linux's
 * shmem_file_setup, for memfd_create).
 */
struct file *shmem_file_setup(const char *name, loff_t size)
{
	struct inode *inode;
	struct path path;
	struct file *file;

	inode = ramfs_get_inode(shm_mnt->mnt_sb, NULL, S_IFREG | 0777, 0);
	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->i_nlink = 0;
	if (size && shmem_truncate(inode->i_data, size)) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	inode->i_size = size;
	path.dentry = d_alloc_pseudo(shm_mnt->mnt_sb, name);
	if (!path.dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(path.dentry, inode);
	path.mnt = shm_mnt;
	file = alloc_file(&path, O_RDWR, &shmem_file_operations);
	dput(path.dentry);		/* the file holds its own reference */
	return file ? file : ERR_PTR(-ENOMEM);
}

static int __init shmem_init(void)
{
	shm_mnt = kern_mount(&tmpfs_fs_type, NULL);
	if (IS_ERR(shm_mnt))
		panic("Could not kern_mount tmpfs (%ld)", PTR_ERR(shm_mnt));
	return 0;
}
fs_initcall(shmem_init);
