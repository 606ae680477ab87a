/*
 * fs/proc/map_files.c: /proc/PID/map_files, one link per file mapping.
 *
 * Each VMA that maps a file has an entry named by its range in hex,
 * "start-end" (no leading zeros, as maps prints them less the padding),
 * a symbolic link to the mapped file: readlink gives its path, and
 * following it reaches the file itself, which only CAP_SYS_ADMIN in the
 * initial user namespace may do (EPERM), as Linux 6.1's fs/proc/base.c
 * allows it.  The link's mode shows how the file is open (r and w for the
 * owner).  The directory is the owner's (0500) and only those who may
 * look into the process see inside, as /proc/PID/fd.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/err.h>
#include "internal.h"

/*
 * One hex number at *@s, advancing it; false on overflow.  No digit at
 * all is 0, as Linux's _parse_integer reads it.
 */
static bool parse_hex(const char **s, unsigned long *val)
{
	unsigned long v = 0;
	int d;

	for (; **s; (*s)++) {
		if (**s >= '0' && **s <= '9')
			d = **s - '0';
		else if ((**s | 0x20) >= 'a' && (**s | 0x20) <= 'f')
			d = (**s | 0x20) - 'a' + 10;	/* either case */
		else
			break;
		if (v > (~0UL >> 4))
			return false;
		v = v * 16 + d;
	}
	*val = v;
	return true;
}

/* The range an entry's name gives (Linux's dname_to_vma_addr): -EINVAL for any other name. */
static int dname_to_vma_addr(const struct dentry *dentry, unsigned long *start,
			     unsigned long *end)
{
	const char *str = dentry->d_name;

	if (str[0] == '0' && str[1] != '-')
		return -EINVAL;
	if (!parse_hex(&str, start) || *str != '-')
		return -EINVAL;
	str++;
	if (str[0] == '0' && str[1])
		return -EINVAL;
	if (!parse_hex(&str, end) || *str != '\0')
		return -EINVAL;
	return 0;
}

/*
 * The file of the VMA exactly @start..@end of @task, with a reference, or
 * NULL: none, or an anonymous one.
 */
static struct file *task_vma_file(struct task_struct *task, unsigned long start,
				  unsigned long end)
{
	struct mm_struct *mm = get_task_mm(task);
	struct vm_area_struct *vma;
	struct file *f = NULL;

	if (!mm)
		return NULL;
	down_read(&mm->mmap_lock);
	vma = find_vma(mm, start);
	if (vma && vma->vm_start == start && vma->vm_end == end && vma->vm_file)
		f = get_file(vma->vm_file);
	up_read(&mm->mmap_lock);
	mmput(mm);
	return f;
}

/* The link's target (Linux's map_files_get_link): ENOENT once the mapping is gone. */
static int map_files_get_link(struct dentry *dentry, struct path *path)
{
	struct task_struct *task = get_proc_task(dentry->d_inode);
	unsigned long start, end;
	struct file *f = NULL;

	if (task && !dname_to_vma_addr(dentry, &start, &end))
		f = task_vma_file(task, start, end);
	if (task)
		put_task_struct(task);
	if (!f)
		return -ENOENT;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

/* Following the link: CAP_SYS_ADMIN in the initial namespace (Linux's checkpoint_restore_ns_capable). */
static int proc_map_files_get_link(struct dentry *dentry, struct path *jump)
{
	if (!ns_capable(&init_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	return proc_pid_get_link(dentry, jump);
}

static const struct inode_operations proc_map_files_link_inode_operations = {
	.readlink	= proc_pid_readlink,
	.get_link	= proc_map_files_get_link,
	.setattr	= proc_setattr,
};

static struct inode *map_files_instantiate(struct super_block *sb, struct task_struct *task,
					   unsigned int mode)
{
	struct inode *inode = proc_pid_make_inode(sb, task, S_IFLNK |
						  ((mode & FMODE_READ) ? 0400 : 0) |
						  ((mode & FMODE_WRITE) ? 0200 : 0));

	if (inode) {
		inode->i_op = &proc_map_files_link_inode_operations;
		inode->i_size = 64;
		PROC_I(inode)->op.proc_get_link = map_files_get_link;
	}
	return inode;
}

/* Linux's proc_map_files_lookup: an entry for a file VMA of exactly that range. */
static struct dentry *proc_map_files_lookup(struct inode *dir, struct dentry *dentry)
{
	struct task_struct *task = get_proc_task(dir);
	struct dentry *result = NULL;
	unsigned long start, end;
	struct inode *inode;
	struct file *f;

	if (!task)
		return NULL;
	if (dname_to_vma_addr(dentry, &start, &end))
		goto out;
	if (!ptrace_may_access(task)) {
		result = ERR_PTR(-EACCES);	/* Linux's mm_access */
		goto out;
	}
	f = task_vma_file(task, start, end);
	if (f) {
		inode = map_files_instantiate(dir->i_sb, task, f->f_mode);
		fput(f);
		if (inode)
			d_instantiate(dentry, inode);
	}
out:
	put_task_struct(task);
	return result;
}

/*
 * The range of the @n-th file VMA of @task (0-based) in @name; false
 * when there are fewer.  The list is walked afresh for each entry, so
 * the lock is not held while the reader's buffer is written.
 */
static bool nth_file_vma(struct task_struct *task, loff_t n, char *name, size_t size)
{
	struct mm_struct *mm = get_task_mm(task);
	struct vm_area_struct *vma;
	bool found = false;

	if (!mm)
		return false;
	down_read(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_file && n-- == 0) {
			scnprintf(name, size, "%lx-%lx", vma->vm_start, vma->vm_end);
			found = true;
			break;
		}
	}
	up_read(&mm->mmap_lock);
	mmput(mm);
	return found;
}

/* ".", "..", then the file VMAs in address order, the n-th at position n + 2. */
static int proc_map_files_readdir(struct file *file, struct dir_context *ctx)
{
	struct task_struct *task = get_proc_task(file->f_inode);
	char name[4 * sizeof(long) + 2];
	int err = 0;

	if (!task)
		return -ENOENT;
	if (ctx->pos < 2)
		proc_pident_readdir(file, ctx, NULL, 0);
	if (!ptrace_may_access(task))
		err = -EACCES;		/* Linux's mm_access */
	while (!err && ctx->pos >= 2 && nth_file_vma(task, ctx->pos - 2, name, sizeof(name))) {
		if (!ctx->actor(ctx, name, strlen(name), ctx->pos, 1, DT_LNK))
			break;
		ctx->pos++;
	}
	put_task_struct(task);
	return err;
}

const struct inode_operations proc_map_files_inode_operations = {
	.lookup		= proc_map_files_lookup,
	.permission	= proc_fd_permission,
	.setattr	= proc_setattr,
};

const struct file_operations proc_map_files_operations = {
	.iterate	= proc_map_files_readdir,
	.llseek		= generic_file_llseek,
};
