/*
 * fs/super.c: file system types and their instances (super blocks).
 *
 * A file system registers its type by name; mounting it makes a
 * super_block and asks the type to fill it (build its root).  The super
 * block lives while mounts of it exist.  /proc/filesystems lists the
 * registered types.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/user_namespace.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/proc_fs.h>

static struct file_system_type *file_systems;	/* protected by file_systems_lock */
static DEFINE_SPINLOCK(file_systems_lock);
static unsigned int next_anon_dev = 1;		/* device numbers for memory file systems */

/*
 * The slot for a type named @name: its own if registered, else the end of
 * the list, so types stay in registration order (Linux's find_filesystem).
 */
static struct file_system_type **find_filesystem(const char *name)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, name))
			break;
	return p;
}

/* Adds @fs at the end of the list; EBUSY if its name is taken. */
int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;
	int res = 0;

	spin_lock(&file_systems_lock);
	p = find_filesystem(fs->name);
	if (*p)
		res = -EBUSY;
	else
		*p = fs;
	spin_unlock(&file_systems_lock);
	return res;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	fs = *find_filesystem(name);
	spin_unlock(&file_systems_lock);
	return fs;
}

/*
 * /proc/filesystems: one line per registered type, in registration order,
 * "nodev" first for those that need no block device (all of them here),
 * as Linux's filesystems_proc_show.
 */
static int filesystems_proc_show(struct seq_file *m, void *v)
{
	struct file_system_type *fs;

	(void)v;
	spin_lock(&file_systems_lock);
	for (fs = file_systems; fs; fs = fs->next)
		seq_printf(m, "nodev\t%s\n", fs->name);
	spin_unlock(&file_systems_lock);
	return 0;
}

static int __init proc_filesystems_init(void)
{
	proc_create_single("filesystems", 0444, filesystems_proc_show, NULL);
	return 0;
}
fs_initcall(proc_filesystems_init);

/*
 * A new instance of @type with s_flags @flags, filled with @data: the
 * mount options as a kernel string (or NULL), which only tmpfs reads.
 */
struct super_block *sget(struct file_system_type *type, unsigned long flags, void *data)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_type = type;
	sb->s_flags = flags;
	atomic_set(&sb->s_active, 1);
	spin_lock_init(&sb->s_lock);
	mutex_init(&sb->s_vfs_rename_mutex);
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
