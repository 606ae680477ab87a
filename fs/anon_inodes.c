/*
 * fs/anon_inodes.c: files with no name in any directory (pidfds,
 * eventfds, timerfds, signalfds, epoll sets), as Linux's anon_inode_getfile() makes them: every one
 * shares a single inode of an internal file system, anon_inodefs, and
 * gets a dentry of its own, so fstat() and /proc/PID/fd show the same
 * inode for all of them.  The file's own file_operations give it meaning.
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/anon_inodes.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/fdtable.h>


static struct vfsmount *anon_inode_mnt;
static struct inode *anon_inode_inode;	/* shared by every anonymous file */

/*
 * A new file on the shared anonymous inode (Linux's anon_inode_getfile).
 * @name says what it is ("[pidfd]"): its dentry is "anon_inode:" @name,
 * which /proc/PID/fd/N shows as it is.
 */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags)
{
	char full[32];
	struct path path;
	struct file *file;
	int len;

	len = scnprintf(full, sizeof(full), "anon_inode:%s", name);
	path.dentry = d_alloc(NULL, full, len);
	if (!path.dentry)
		return ERR_PTR(-ENOMEM);
	path.dentry->d_flags |= DCACHE_WHOLE_NAME;
	path.dentry->d_sb = anon_inode_mnt->mnt_sb;
	ihold(anon_inode_inode);
	d_instantiate(path.dentry, anon_inode_inode);
	path.mnt = anon_inode_mnt;
	file = alloc_file(&path, flags & (O_ACCMODE | O_NONBLOCK), fops);
	dput(path.dentry);		/* the file holds its own reference */
	if (!file)
		return ERR_PTR(-ENOMEM);
	file->f_mode &= ~FMODE_PREAD;	/* no position to read at: pread is ESPIPE */
	file->private_data = priv;
	return file;
}

/*
 * The same, installed at a new descriptor (close-on-exec with O_CLOEXEC
 * in @flags); the descriptor, or an error with nothing left behind
 * (Linux's anon_inode_getfd).  The caller's @priv is its own to free then.
 */
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags)
{
	struct file *file;
	int fd = get_unused_fd_flags(flags);

	if (fd < 0)
		return fd;
	file = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

static int anon_inodefs_fill_super(struct super_block *sb, void *data)
{
	(void)data;
	sb->s_magic = ANON_INODE_FS_MAGIC;
	sb->s_op = &simple_super_operations;
	sb->s_flags |= SB_NOUSER;
	return 0;
}

static struct file_system_type anon_inode_fs_type = {
	.name		= "anon_inodefs",
	.fill_super	= anon_inodefs_fill_super,
};

/* The inode is mode 0600 without a file type and belongs to whoever booted (root). */
static int __init anon_inode_init(void)
{
	anon_inode_mnt = kern_mount(&anon_inode_fs_type, NULL);
	if (IS_ERR(anon_inode_mnt))
		panic("anon_inode_init() kernel mount failed (%ld)", PTR_ERR(anon_inode_mnt));
	anon_inode_inode = new_inode(anon_inode_mnt->mnt_sb);
	if (!anon_inode_inode)
		panic("anon_inode_init() inode allocation failed");
	anon_inode_inode->i_mode = 0600;	/* S_IRUSR | S_IWUSR, no file type */
	anon_inode_inode->i_uid = current_fsuid();
	anon_inode_inode->i_gid = current_fsgid();
	return 0;
}
fs_initcall(anon_inode_init);
