/*
 * fs/proc/fd.c: a process's files: /proc/PID/fd, cwd, root and exe.
 * (/proc/PID/fdinfo, which walks the same table, is fs/proc/fdinfo.c.)
 *
 * fd holds one symbolic link per open descriptor, named by its number.
 * Reading such a link (or cwd, root) gives the file's path from the
 * reader's root ("pipe:[ino]" for a pipe); following it reaches the file
 * itself, even one that has no name any more.  Only the process itself
 * and those who may inspect it can look inside.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/bitops.h>
#include "internal.h"

/* ---- the links: cwd, root, fd/N ----------------------------------------------------- */

static int proc_fs_path(struct dentry *dentry, struct path *path, bool root)
{
	struct task_struct *task = get_proc_task(dentry->d_inode);
	int err = -ENOENT;

	if (!task)
		return -ENOENT;
	spin_lock_irq(&tasklist_lock);	/* exit_fs() cannot run under us */
	if (task->fs) {
		if (root)
			get_fs_root(task->fs, path);
		else
			get_fs_pwd(task->fs, path);
		err = 0;
	}
	spin_unlock_irq(&tasklist_lock);
	put_task_struct(task);
	return err;
}

int proc_cwd_link(struct dentry *dentry, struct path *path)
{
	return proc_fs_path(dentry, path, false);
}

int proc_root_link(struct dentry *dentry, struct path *path)
{
	return proc_fs_path(dentry, path, true);
}

/* The file the process last executed (Linux's proc_exe_link). */
int proc_exe_link(struct dentry *dentry, struct path *path)
{
	struct task_struct *task = get_proc_task(dentry->d_inode);
	struct mm_struct *mm;
	int err = -ENOENT;

	if (!task)
		return -ENOENT;
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return -ENOENT;
	if (mm->exe_file) {
		*path = mm->exe_file->f_path;
		path_get(path);
		err = 0;
	}
	mmput(mm);
	return err;
}

static bool proc_link_access_allowed(struct inode *inode)
{
	struct task_struct *task = get_proc_task(inode);
	bool allowed = false;

	if (task) {
		allowed = ptrace_may_access(task);
		put_task_struct(task);
	}
	return allowed;
}

/* Following the link jumps straight to the file itself, as Linux's nd_jump_link. */
int proc_pid_get_link(struct dentry *dentry, struct path *jump)
{
	struct inode *inode = dentry->d_inode;

	if (!proc_link_access_allowed(inode))
		return -EACCES;
	return PROC_I(inode)->op.proc_get_link(dentry, jump);
}

/*
 * The name a link shows for @path: its path from the reader's root; for
 * a file of an internal file system (a pipe, a namespace), its name and
 * inode number ("pipe:[1234]") or, for an anonymous file, just its name
 * ("anon_inode:[pidfd]", Linux's anon_inodefs_dname); an unlinked file
 * gets " (deleted)".
 */
int proc_path_name(const struct path *path, char *buf, int size)
{
	struct dentry *d = path->dentry;
	struct path root;
	int start, len;

	if (d->d_flags & DCACHE_WHOLE_NAME)
		return scnprintf(buf, size, "%s", d->d_name);
	if (d->d_parent == d && d != path->mnt->mnt_root)
		return scnprintf(buf, size, "%s[%lu]", d->d_name, d->d_inode->i_ino);
	get_fs_root(current->fs, &root);
	start = d_path(path, &root, buf, size);
	path_put(&root);
	if (start < 0)
		return start;
	len = size - 1 - start;
	memmove(buf, buf + start, len + 1);
	if ((d->d_flags & DCACHE_DISCONNECTED) && len + 10 < size)
		len += scnprintf(buf + len, size - len, " (deleted)");
	return len;
}

int proc_pid_readlink(struct dentry *dentry, char *buf, int size)
{
	struct inode *inode = dentry->d_inode;
	struct path path;
	int err;

	if (!proc_link_access_allowed(inode))
		return -EACCES;
	err = PROC_I(inode)->op.proc_get_link(dentry, &path);
	if (err)
		return err;
	err = proc_path_name(&path, buf, size);
	path_put(&path);
	return err;
}

const struct inode_operations proc_pid_link_inode_operations = {
	.readlink	= proc_pid_readlink,
	.get_link	= proc_pid_get_link,
	.setattr	= proc_setattr,
};

/* ---- /proc/PID/fd ----------------------------------------------------------------- */

/*
 * The open file at @fd in @task's table, with a reference, or NULL;
 * *@cloexec (if asked) says whether the descriptor closes at exec.
 * exit_files() and unshare change task->files under tasklist_lock, and
 * drop their reference after: under it, the table we load is alive.
 */
struct file *task_fget(struct task_struct *task, unsigned int fd, bool *cloexec)
{
	struct files_struct *files;
	struct file *f = NULL;

	spin_lock_irq(&tasklist_lock);
	files = task->files;
	if (files) {
		spin_lock(&files->file_lock);
		if (fd < files->max_fds && files->fd[fd]) {
			f = get_file(files->fd[fd]);
			if (cloexec)
				*cloexec = test_bit(fd, files->close_on_exec);
		}
		spin_unlock(&files->file_lock);
	}
	spin_unlock_irq(&tasklist_lock);
	return f;
}

/* The lowest open descriptor >= @fd in @task's table, or -1. */
static int task_next_fd(struct task_struct *task, unsigned int fd)
{
	struct files_struct *files;
	int found = -1;

	spin_lock_irq(&tasklist_lock);
	files = task->files;
	if (files) {
		spin_lock(&files->file_lock);
		for (; fd < files->max_fds; fd++) {
			if (files->fd[fd]) {
				found = fd;
				break;
			}
		}
		spin_unlock(&files->file_lock);
	}
	spin_unlock_irq(&tasklist_lock);
	return found;
}

static int proc_fd_link(struct dentry *dentry, struct path *path)
{
	struct task_struct *task = get_proc_task(dentry->d_inode);
	struct file *f = NULL;

	if (task) {
		f = task_fget(task, PROC_I(dentry->d_inode)->fd, NULL);
		put_task_struct(task);
	}
	if (!f)
		return -ENOENT;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

/* The link's mode shows how the file is open: r-x for reading, -wx for writing. */
static umode_t fd_link_mode(const struct file *f)
{
	umode_t mode = S_IFLNK;

	if (f->f_mode & FMODE_READ)
		mode |= 0500;
	if (f->f_mode & FMODE_WRITE)
		mode |= 0300;
	return mode;
}

static struct inode *proc_fd_instantiate(struct super_block *sb, struct task_struct *task,
					 struct file *f)
{
	struct inode *inode = proc_pid_make_inode(sb, task, fd_link_mode(f));

	if (inode) {
		inode->i_op = &proc_pid_link_inode_operations;
		PROC_I(inode)->op.proc_get_link = proc_fd_link;
	}
	return inode;
}

/*
 * The entry of descriptor NAME in /proc/PID/fd or fdinfo, if it is open:
 * @instantiate makes its inode (Linux's proc_lookupfd_common).
 */
struct dentry *proc_lookupfd_common(struct inode *dir, struct dentry *dentry,
				    instantiate_fd_t instantiate)
{
	struct task_struct *task = get_proc_task(dir);
	int fd = name_to_int(dentry);
	struct inode *inode;
	struct file *f;

	f = task && fd >= 0 ? task_fget(task, fd, NULL) : NULL;
	if (f) {
		inode = instantiate(dir->i_sb, task, f);
		fput(f);
		if (inode) {
			PROC_I(inode)->fd = fd;
			d_instantiate(dentry, inode);
		}
	}
	if (task)
		put_task_struct(task);
	return NULL;
}

static struct dentry *proc_lookupfd(struct inode *dir, struct dentry *dentry)
{
	return proc_lookupfd_common(dir, dentry, proc_fd_instantiate);
}

/* ".", "..", then descriptor N at position N + 2, of type @d_type (Linux's proc_readfd_common). */
int proc_readfd_common(struct file *file, struct dir_context *ctx, unsigned int d_type)
{
	struct task_struct *task = get_proc_task(file->f_inode);
	char name[16];
	int fd;

	if (!task)
		return -ENOENT;
	if (ctx->pos < 2)
		proc_pident_readdir(file, ctx, NULL, 0);
	while (ctx->pos >= 2 && (fd = task_next_fd(task, ctx->pos - 2)) >= 0) {
		ctx->pos = fd + 2;
		if (!ctx->actor(ctx, name, scnprintf(name, sizeof(name), "%d", fd), ctx->pos, 1,
				d_type))
			break;
		ctx->pos++;
	}
	put_task_struct(task);
	return 0;
}

static int proc_readfd(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, DT_LNK);
}

/* The owner's permission bits, or the process looking at its own descriptors. */
int proc_fd_permission(struct inode *inode, int mask)
{
	struct task_struct *task;
	int err = generic_permission(inode, mask);

	if (!err)
		return 0;
	task = get_proc_task(inode);
	if (task) {
		if (same_thread_group(task, current))
			err = 0;
		put_task_struct(task);
	}
	return err;
}

const struct inode_operations proc_fd_inode_operations = {
	.lookup		= proc_lookupfd,
	.permission	= proc_fd_permission,
	.setattr	= proc_setattr,
};

const struct file_operations proc_fd_operations = {
	.iterate	= proc_readfd,
	.llseek		= generic_file_llseek,
};
