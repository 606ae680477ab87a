/*
 * fs/inode.c: inodes.
 *
 * An inode lives while someone references it: a dentry naming it, an
 * open file, a running program.  The last iput() hands it to its file
 * system's evict_inode (a memory file's pages go then) and frees it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/shmem_fs.h>
#include <linux/signal.h>
#include <linux/resource.h>

static struct kmem_cache *inode_cachep;

struct timespec64_fs current_time(void)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec64_fs){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

unsigned long get_next_ino(struct super_block *sb)
{
	unsigned long ino;

	spin_lock(&sb->s_lock);
	ino = ++sb->s_next_ino;
	spin_unlock(&sb->s_lock);
	return ino;
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kmem_cache_zalloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	atomic_set(&inode->i_count, 1);
	mutex_init(&inode->i_mutex);
	spin_lock_init(&inode->i_lock);
	inode->i_sb = sb;
	inode->i_nlink = 1;
	inode->i_ino = get_next_ino(sb);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	return inode;
}

/* A new file belongs to the creator's fsuid, and to the directory's group if it is setgid. */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = current_fsuid();
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	} else {
		inode->i_gid = current_fsgid();
	}
	inode->i_mode = mode;
}

/*
 * Copies the attributes @valid names from @attr into @inode, once the
 * caller's right to change them has been checked: what a memory file
 * system's ->setattr does after any size change (Linux's setattr_copy).
 * The times come ready: the VFS has put "now" in those not chosen.
 */
void setattr_copy(struct inode *inode, unsigned int valid, const struct kstat *attr)
{
	if (valid & ATTR_UID)
		inode->i_uid = KUIDT_INIT(attr->uid);
	if (valid & ATTR_GID)
		inode->i_gid = KGIDT_INIT(attr->gid);
	if (valid & ATTR_ATIME)
		inode->i_atime = (struct timespec64_fs){ attr->atime_sec, attr->atime_nsec };
	if (valid & ATTR_MTIME)
		inode->i_mtime = (struct timespec64_fs){ attr->mtime_sec, attr->mtime_nsec };
	if (valid & ATTR_CTIME)
		inode->i_ctime = (struct timespec64_fs){ attr->ctime_sec, attr->ctime_nsec };
	if (valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->mode & S_IALLUGO);
}

/*
 * May @inode's size become @offset?  Growing past RLIMIT_FSIZE is EFBIG,
 * with SIGXFSZ to the caller (Linux's inode_newsize_ok; tmpfs's maximum
 * size is 2^63 - 1, which a loff_t cannot pass).
 */
int inode_newsize_ok(const struct inode *inode, loff_t offset)
{
	unsigned long limit = current->signal->rlim[RLIMIT_FSIZE].rlim_cur;

	if (offset < 0)
		return -EINVAL;
	if (offset > inode->i_size && limit != RLIM_INFINITY && (u64)offset > limit) {
		send_sig(SIGXFSZ, current, 0);
		return -EFBIG;
	}
	return 0;
}

void ihold(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

void iput(struct inode *inode)
{
	if (!inode || !atomic_dec_and_test(&inode->i_count))
		return;
	if (inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	if (inode->i_data)
		shmem_object_put(inode->i_data);
	locks_free_lock_context(inode);
	kfree(inode->i_link);
	kmem_cache_free(inode_cachep, inode);
}

void inode_cache_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0, SLAB_PANIC, NULL);
}
