/*
 * fs/proc/mounts.c: /proc/PID/mounts (and /proc/mounts, a link to
 * self/mounts) and /proc/PID/mountinfo: the mounts of a process's mount
 * namespace, one line each, in its namespace's order, the mount point
 * as seen from the process's root; mounts outside its root are left out,
 * as Linux does.
 *
 * mounts is fstab's format, "SOURCE MOUNTPOINT TYPE OPTIONS 0 0".
 * mountinfo is Linux's show_mountinfo: "ID PARENT-ID MAJOR:MINOR ROOT
 * MOUNTPOINT OPTIONS [OPTIONAL FIELDS] - TYPE SOURCE SUPER-OPTIONS", the
 * optional fields saying how the mount propagates: "shared:N" (its peer
 * group), "master:N" (its master's group), "propagate_from:N" (the
 * nearest master group the reader can see, when that is another) and
 * "unbindable".
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include "internal.h"
#include "../mount.h"
#include "../pnode.h"

/* Is @mnt's root below @root (Linux's seq_path_root says "skip" otherwise)? */
static bool mnt_visible_from(struct vfsmount *mnt, const struct path *root)
{
	struct dentry *d = mnt->mnt_root;

	for (;;) {
		if (d == root->dentry && mnt == root->mnt)
			return true;
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				return false;
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
		} else {
			d = d->d_parent;
		}
	}
}

/* A path with space, tab, newline and backslash as octal escapes, as Linux's mangle. */
static void seq_put_mangled(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (strchr(" \t\n\\", *s))
			seq_printf(m, "\\%03o", *s);
		else
			seq_putc(m, *s);
	}
}

/*
 * The per-mount options: "rw" or "ro", then nosuid, nodev, noexec, the
 * atime rule and nosymfollow (Linux's show_mnt_opts).
 */
static void show_mnt_opts(struct seq_file *m, struct vfsmount *mnt)
{
	seq_printf(m, "%s%s%s%s%s%s%s%s", (mnt->mnt_flags & MNT_READONLY) ? "ro" : "rw",
		   (mnt->mnt_flags & MNT_NOSUID) ? ",nosuid" : "",
		   (mnt->mnt_flags & MNT_NODEV) ? ",nodev" : "",
		   (mnt->mnt_flags & MNT_NOEXEC) ? ",noexec" : "",
		   (mnt->mnt_flags & MNT_NOATIME) ? ",noatime" : "",
		   (mnt->mnt_flags & MNT_NODIRATIME) ? ",nodiratime" : "",
		   (mnt->mnt_flags & MNT_RELATIME) ? ",relatime" : "",
		   (mnt->mnt_flags & MNT_NOSYMFOLLOW) ? ",nosymfollow" : "");
}

/* The mount point from the reader's root, mangled; false if it has none. */
static bool show_mountpoint(struct seq_file *m, struct vfsmount *mnt, const struct path *root,
			    char *buf)
{
	struct path mnt_path = { .mnt = mnt, .dentry = mnt->mnt_root };
	int start = d_path(&mnt_path, root, buf, PATH_MAX);

	if (start < 0)
		return false;
	seq_put_mangled(m, buf + start);
	return true;
}

static void show_vfsmnt(struct seq_file *m, struct vfsmount *mnt, const struct path *root,
			char *buf)
{
	seq_put_mangled(m, mnt->mnt_devname ? : "none");
	seq_putc(m, ' ');
	if (!show_mountpoint(m, mnt, root, buf))
		return;
	seq_printf(m, " %s ", mnt->mnt_sb->s_type->name);
	show_mnt_opts(m, mnt);
	if (mnt->mnt_sb->s_op && mnt->mnt_sb->s_op->show_options)
		mnt->mnt_sb->s_op->show_options(m, mnt->mnt_sb);
	seq_puts(m, " 0 0\n");
}

/* Where @mnt's root is in its own file system: "/" or "/dir/sub" (Linux's seq_dentry). */
static void show_root(struct seq_file *m, struct vfsmount *mnt, char *buf)
{
	struct dentry *d = mnt->mnt_root, *top = mnt->mnt_sb->s_root;
	int pos = PATH_MAX - 1, len;

	buf[pos] = '\0';
	for (; d != top && d->d_parent != d && pos > 0; d = d->d_parent) {
		len = min_t(int, strlen(d->d_name), pos - 1);
		pos -= len;
		memcpy(buf + pos, d->d_name, len);
		buf[--pos] = '/';
	}
	seq_put_mangled(m, pos == PATH_MAX - 1 ? "/" : buf + pos);
}

/* One line of mountinfo (Linux's show_mountinfo). */
static void show_mountinfo(struct seq_file *m, struct vfsmount *mnt, const struct path *root,
			   char *buf)
{
	struct super_block *sb = mnt->mnt_sb;
	int dom;

	seq_printf(m, "%d %d %u:%u ", mnt->mnt_id, mnt->mnt_parent->mnt_id, MAJOR(sb->s_dev),
		   MINOR(sb->s_dev));
	show_root(m, mnt, buf);
	seq_putc(m, ' ');
	if (!show_mountpoint(m, mnt, root, buf))
		return;
	seq_putc(m, ' ');
	show_mnt_opts(m, mnt);
	if (IS_MNT_SHARED(mnt))
		seq_printf(m, " shared:%d", mnt->mnt_group_id);
	if (IS_MNT_SLAVE(mnt)) {
		seq_printf(m, " master:%d", mnt->mnt_master->mnt_group_id);
		dom = get_dominating_id(mnt, root->mnt, root->dentry);
		if (dom && dom != mnt->mnt_master->mnt_group_id)
			seq_printf(m, " propagate_from:%d", dom);
	}
	if (IS_MNT_UNBINDABLE(mnt))
		seq_puts(m, " unbindable");
	seq_printf(m, " - %s ", sb->s_type->name);
	seq_put_mangled(m, mnt->mnt_devname ? : "none");
	seq_puts(m, " rw");
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(m, sb);
	seq_putc(m, '\n');
}

/* Walks the namespace's list under namespace_sem, so the mounts and their groups hold still. */
static void show_mounts(struct seq_file *m, struct mnt_namespace *ns, const struct path *root,
			char *buf, bool info)
{
	struct vfsmount *mnt;

	namespace_read_lock();
	list_for_each_entry(mnt, &ns->list, mnt_list) {
		if (!mnt_visible_from(mnt, root))
			continue;
		if (info)
			show_mountinfo(m, mnt, root, buf);
		else
			show_vfsmnt(m, mnt, root, buf);
	}
	namespace_read_unlock();
}

static int show_task_mounts(struct seq_file *m, struct task_struct *task, bool info)
{
	struct mnt_namespace *mnt_ns = NULL;
	struct path root = { NULL, NULL };
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	spin_lock_irq(&tasklist_lock);
	if (task->nsproxy && task->fs) {
		mnt_ns = task->nsproxy->mnt_ns;
		get_mnt_ns(mnt_ns);
		get_fs_root(task->fs, &root);
	}
	spin_unlock_irq(&tasklist_lock);
	if (mnt_ns) {
		show_mounts(m, mnt_ns, &root, buf, info);
		path_put(&root);
		put_mnt_ns(mnt_ns);
	}
	kfree(buf);
	return mnt_ns ? 0 : -ENOENT;
}

int proc_mounts_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		     struct task_struct *task)
{
	(void)ns;
	(void)pid;
	return show_task_mounts(m, task, false);
}

int proc_mountinfo_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			struct task_struct *task)
{
	(void)ns;
	(void)pid;
	return show_task_mounts(m, task, true);
}
