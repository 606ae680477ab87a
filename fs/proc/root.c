/*
 * fs/proc/root.c: the proc file system and its root directory.
 *
 * Every mount of proc is a new instance (super block) that belongs to the
 * pid namespace of the task that mounted it, as Linux's proc_pid_ns(sb):
 * its root lists the registered entries (meminfo, sys, sysvipc, ...),
 * "self" and "thread-self", and a directory for every process that has a
 * number in that namespace, under that number.  So a proc mounted inside
 * a new pid namespace shows only that namespace's processes, and /proc/self
 * is the reader's pid as the namespace numbers it.
 *
 * The mount options are Linux's: hidepid= (0-2 and 4, or off, noaccess,
 * invisible, ptraceable: fs/proc/hidepid.c), gid= (whose members see past
 * it) and subset=pid (the root then holds only self, thread-self and the
 * processes); any other is EINVAL.  A remount changes those it names.
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include "internal.h"

struct pid_namespace *proc_pid_ns(struct super_block *sb)
{
	return proc_sb_info(sb)->pid_ns;
}

/* A proc inode, owned by root, standing for nothing yet. */
struct inode *proc_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	if (!inode || !ei) {
		kfree(ei);
		if (inode)
			iput(inode);
		return NULL;
	}
	inode->i_private = ei;
	inode->i_mode = mode;
	return inode;
}

static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *ei = PROC_I(inode);

	if (ei) {
		put_pid(ei->pid);
		kfree(ei);
		inode->i_private = NULL;
	}
}

/* ---- mount options ------------------------------------------------------------- */

static const char *const hidepid_names[] = {
	[HIDEPID_OFF] = "off", [HIDEPID_NO_ACCESS] = "noaccess",
	[HIDEPID_INVISIBLE] = "invisible", [HIDEPID_NOT_PTRACEABLE] = "ptraceable",
};

/* hidepid's value: one of the four numbers or names (Linux's proc_parse_hidepid_param). */
static int proc_parse_hidepid(const char *value, enum proc_hidepid *out)
{
	unsigned int v;

	if (kstrtouint(value, 0, &v)) {
		for (v = 0; v < ARRAY_SIZE(hidepid_names); v++)
			if (hidepid_names[v] && !strcmp(value, hidepid_names[v]))
				break;
	}
	if (v >= ARRAY_SIZE(hidepid_names) || !hidepid_names[v])
		return -EINVAL;
	*out = v;
	return 0;
}

/*
 * One option "name=value" into @fs_info (Linux's proc_parse_param and
 * proc_apply_options): gid in the caller's user namespace.
 */
static int proc_parse_one(struct proc_fs_info *fs_info, char *opt)
{
	char *value = strchr(opt, '=');
	enum proc_hidepid hide_pid;
	unsigned int gid;

	if (value)
		*value++ = '\0';
	if (value && !strcmp(opt, "gid") && !kstrtouint(value, 0, &gid)) {
		WRITE_ONCE(fs_info->pid_gid, make_kgid(current_user_ns(), gid));
	} else if (value && !strcmp(opt, "hidepid") && !proc_parse_hidepid(value, &hide_pid)) {
		WRITE_ONCE(fs_info->hide_pid, hide_pid);
	} else if (value && !strcmp(opt, "subset") && (!*value || !strcmp(value, "pid"))) {
		WRITE_ONCE(fs_info->pidonly, *value != '\0');
	} else {
		pr_err("proc: %s parameter '%s'\n", value ? "Bad value for" : "Unknown", opt);
		return -EINVAL;
	}
	return 0;
}

/*
 * The comma-separated options of @data (a kernel copy, or NULL).  As in
 * Linux, those before a bad one have taken effect on a remount.
 */
static int proc_parse_options(struct proc_fs_info *fs_info, char *data)
{
	char *opt;
	int err;

	while (data && (opt = strsep(&data, ",")))
		if (*opt && (err = proc_parse_one(fs_info, opt)))
			return err;
	return 0;
}

static int proc_remount(struct super_block *sb, char *data)
{
	return proc_parse_options(proc_sb_info(sb), data);
}

/* What /proc/PID/mounts adds for an instance (Linux's proc_show_options). */
static void proc_show_options(struct seq_file *m, struct super_block *sb)
{
	struct proc_fs_info *fs_info = proc_sb_info(sb);
	enum proc_hidepid hide_pid = READ_ONCE(fs_info->hide_pid);
	kgid_t gid = READ_ONCE(fs_info->pid_gid);

	if (!gid_eq(gid, GLOBAL_ROOT_GID))
		seq_printf(m, ",gid=%u", from_kgid_munged(&init_user_ns, gid));
	if (hide_pid != HIDEPID_OFF)
		seq_printf(m, ",hidepid=%s", hidepid_names[hide_pid]);
	if (READ_ONCE(fs_info->pidonly))
		seq_puts(m, ",subset=pid");
}

static const struct super_operations proc_sops = {
	.evict_inode	= proc_evict_inode,
	.statfs		= simple_statfs,
	.remount_fs	= proc_remount,
	.show_options	= proc_show_options,
};

/* ---- /proc/self and /proc/thread-self --------------------------------------- */

/*
 * The link's text is the reader's thread group id in this instance's
 * namespace, so the walk goes on to /proc/TGID of the same mount.  A
 * reader the namespace cannot see has no "self" there.
 */
static int proc_self_readlink(struct dentry *dentry, char *buf, int size)
{
	pid_t tgid = task_tgid_nr_ns(current, proc_pid_ns(dentry->d_sb));

	return tgid ? scnprintf(buf, size, "%d", tgid) : -ENOENT;
}

static int proc_thread_self_readlink(struct dentry *dentry, char *buf, int size)
{
	struct pid_namespace *ns = proc_pid_ns(dentry->d_sb);
	pid_t tgid = task_tgid_nr_ns(current, ns), pid = task_pid_nr_ns(current, ns);

	return pid ? scnprintf(buf, size, "%d/task/%d", tgid, pid) : -ENOENT;
}

static const struct inode_operations proc_self_inode_operations = {
	.readlink	= proc_self_readlink,
};

static const struct inode_operations proc_thread_self_inode_operations = {
	.readlink	= proc_thread_self_readlink,
};

static struct dentry *proc_self_lookup(struct inode *dir, struct dentry *dentry,
				       const struct inode_operations *iop)
{
	struct inode *inode = proc_new_inode(dir->i_sb, S_IFLNK | 0777);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = iop;
	d_instantiate(dentry, inode);
	return NULL;
}

/* ---- the root directory ---------------------------------------------------------- */

static bool name_is(const struct dentry *dentry, const char *name)
{
	return dentry->d_namelen == strlen(name) && !memcmp(dentry->d_name, name, dentry->d_namelen);
}

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry)
{
	struct dentry *res;

	if (name_is(dentry, "self"))
		return proc_self_lookup(dir, dentry, &proc_self_inode_operations);
	if (name_is(dentry, "thread-self"))
		return proc_self_lookup(dir, dentry, &proc_thread_self_inode_operations);
	if (READ_ONCE(proc_sb_info(dir->i_sb)->pidonly))
		return proc_pid_lookup(dentry);
	res = proc_lookup_de(dir, dentry, &proc_root);
	if (res || dentry->d_inode)
		return res;
	return proc_pid_lookup(dentry);
}

/*
 * The registered entries first, then "self", "thread-self" and the
 * processes.  Under subset=pid not even "." and ".." come first, as in
 * Linux (its proc_readdir returns at once).
 */
static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	if (ctx->pos < FIRST_PROCESS_ENTRY) {
		if (!READ_ONCE(proc_sb_info(f->f_inode->i_sb)->pidonly) &&
		    proc_readdir_de(f, ctx, &proc_root) <= 0)
			return 0;		/* the caller's buffer is full */
		ctx->pos = FIRST_PROCESS_ENTRY;
	}
	return proc_pid_readdir(f, ctx);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup		= proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.iterate	= proc_root_readdir,
	.llseek		= generic_file_llseek,
};

/* ---- the file system ------------------------------------------------------------- */

/*
 * A new instance for the mounter's pid namespace, with the options in
 * @data.  Mounting it needs CAP_SYS_ADMIN over the namespace's owner, as
 * Linux's mount_capable.
 */
static int proc_fill_super(struct super_block *sb, void *data)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct proc_fs_info *fs_info;
	struct inode *root;
	int err;

	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	fs_info = kzalloc(sizeof(*fs_info), GFP_KERNEL);
	if (!fs_info)
		return -ENOMEM;
	fs_info->pid_ns = get_pid_ns(ns);
	fs_info->pid_gid = GLOBAL_ROOT_GID;
	err = proc_parse_options(fs_info, data);
	if (err)
		goto out_free_info;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	err = -ENOMEM;
	root = proc_new_inode(sb, S_IFDIR | 0555);
	if (!root)
		goto out_free_info;
	root->i_ino = PROC_ROOT_INO;
	root->i_nlink = 2;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	PROC_I(root)->pde = &proc_root;
	sb->s_root = d_alloc_root(root);	/* which puts @root if it fails */
	if (!sb->s_root)
		goto out_free_info;
	sb->s_fs_info = fs_info;
	put_user_ns(sb->s_user_ns);
	sb->s_user_ns = get_user_ns(ns->user_ns);
	return 0;

out_free_info:
	put_pid_ns(fs_info->pid_ns);
	kfree(fs_info);
	return err;
}

static void proc_kill_sb(struct super_block *sb)
{
	struct proc_fs_info *fs_info = sb->s_fs_info;

	kill_anon_super(sb);
	put_pid_ns(fs_info->pid_ns);
	kfree(fs_info);
}

static struct file_system_type proc_fs_type = {
	.name		= "proc",
	.fill_super	= proc_fill_super,
	.kill_sb	= proc_kill_sb,
	.fs_flags	= FS_USERNS_MOUNT,
};

/* Called by start_kernel, as Linux's: the registry is ready before any initcall. */
void proc_root_init(void)
{
	proc_symlink("mounts", "self/mounts");
	proc_sys_init();
	register_filesystem(&proc_fs_type);
}
