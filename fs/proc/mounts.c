/*
 * fs/proc/mounts.c: /proc/PID/mounts (and /proc/mounts, a link to
 * self/mounts): the mounts of a process's mount namespace.
 *
 * One line per mount, in the order they were made, in fstab's format:
 * "SOURCE MOUNTPOINT TYPE OPTIONS 0 0", the mount point as seen from the
 * process's root; mounts outside its root are left out, as Linux does.
 * A mount here keeps no source name, so SOURCE is the file system type.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include <linux/preempt.h>
#include "internal.h"

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

static void show_vfsmnt(struct seq_file *m, struct vfsmount *mnt, const struct path *root,
			char *buf)
{
	struct path mnt_path = { .mnt = mnt, .dentry = mnt->mnt_root };
	int start = d_path(&mnt_path, root, buf, PATH_MAX);

	if (start < 0)
		return;
	seq_printf(m, "%s ", mnt->mnt_sb->s_type->name);
	seq_put_mangled(m, buf + start);
	seq_printf(m, " %s %s%s%s%s 0 0\n", mnt->mnt_sb->s_type->name,
		   (mnt->mnt_flags & MNT_READONLY) ? "ro" : "rw",
		   (mnt->mnt_flags & MNT_NOSUID) ? ",nosuid" : "",
		   (mnt->mnt_flags & MNT_NODEV) ? ",nodev" : "",
		   (mnt->mnt_flags & MNT_NOEXEC) ? ",noexec" : "");
}

/*
 * Walks the namespace's list without fs/namespace.c's namespace_sem.
 * That is safe only because nothing here can sleep or be preempted and
 * this kernel runs on one CPU: a mount or umount that was interrupted
 * half-way has its list links in a state that a forward walk reads
 * consistently (an entry is either fully linked or unreachable), and a
 * mount is freed only after it left the list.
 */
static void show_mounts(struct seq_file *m, struct mnt_namespace *ns, const struct path *root,
			char *buf)
{
	struct vfsmount *mnt;

	preempt_disable();
	list_for_each_entry(mnt, &ns->list, mnt_list)
		if (mnt_visible_from(mnt, root))
			show_vfsmnt(m, mnt, root, buf);
	preempt_enable();
}

int proc_mounts_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		     struct task_struct *task)
{
	struct mnt_namespace *mnt_ns = NULL;
	struct path root = { NULL, NULL };
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	(void)ns;
	(void)pid;
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
		show_mounts(m, mnt_ns, &root, buf);
		path_put(&root);
		put_mnt_ns(mnt_ns);
	}
	kfree(buf);
	return mnt_ns ? 0 : -ENOENT;
}
