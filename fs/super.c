/*
 * fs/super.c: file system types and their instances (super blocks).
 *
 * A file system registers its type by name; mounting it makes a
 * super_block and asks the type to fill it (build its root).  The super
 * block lives while mounts of it exist.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/user_namespace.h>
#include <linux/err.h>

static struct file_system_type *file_systems;	/* protected by file_systems_lock */
static DEFINE_SPINLOCK(file_systems_lock);
static unsigned int next_anon_dev = 1;		/* device numbers for memory file systems */

int register_filesystem(struct file_system_type *fs)
{
	spin_lock(&file_systems_lock);
	fs->next = file_systems;
	file_systems = fs;
	spin_unlock(&file_systems_lock);
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	for (fs = file_systems; fs; fs = fs->next)
		if (!strcmp(fs->name, name))
			break;
	spin_unlock(&file_systems_lock);
	return fs;
}

/* A new instance of @type, filled with @data (proc: a pid namespace). */
struct super_block *sget(struct file_system_type *type, void *data)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_type = type;
	atomic_set(&sb->s_active, 1);
	spin_lock_init(&sb->s_lock);
	sb->s_user_ns = get_user_ns(current_user_ns());
	spin_lock(&file_systems_lock);
	sb->s_dev = MKDEV(0, next_anon_dev);
	next_anon_dev++;
	spin_unlock(&file_systems_lock);
	err = type->fill_super(sb, data);
	if (err) {
		put_user_ns(sb->s_user_ns);
		kfree(sb);
		return ERR_PTR(err);
	}
	return sb;
}

/*
 * The last mount is gone: unpin what a memory file system kept alive, then
 * drop the super block's own reference on its root, which frees the tree
 * (Linux's generic_shutdown_super via shrink_dcache_for_umount).
 */
void kill_anon_super(struct super_block *sb)
{
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	if (sb->s_root) {
		d_unpin_tree(sb->s_root);
		dput(sb->s_root);
	}
	put_user_ns(sb->s_user_ns);
	kfree(sb);
}

void deactivate_super(struct super_block *sb)
{
	if (!atomic_dec_and_test(&sb->s_active))
		return;
	if (sb->s_type->kill_sb)
		sb->s_type->kill_sb(sb);
	else
		kill_anon_super(sb);
}
