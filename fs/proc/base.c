/*
 * fs/proc/base.c: /proc/PID and /proc/PID/task/TID.
 *
 * A process directory is made when its number is looked up in a proc
 * instance: the number is taken in the instance's pid namespace, and the
 * inode keeps a reference to the process's struct pid (not the task), so
 * a directory outliving its process just finds nobody (ESRCH, ENOENT).
 * The entries come from tables (tgid_base_stuff, tid_base_stuff) as in
 * Linux; files that show text build it when opened, with the task held, but
 * for the one-show files (ONE()), which build it when read, as Linux's.
 * The directory and its files belong to the task's effective uid and gid.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/bitops.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/sched/coredump.h>
#include <linux/user_namespace.h>
#include <linux/err.h>
#include "internal.h"

/* ---- processes, inodes and access ------------------------------------------- */

/* The task behind a /proc/PID inode, with a reference, or NULL once it is gone. */
struct task_struct *get_proc_task(const struct inode *inode)
{
	struct task_struct *task;

	spin_lock_irq(&tasklist_lock);
	task = get_pid_task(proc_pid(inode), PIDTYPE_PID);
	spin_unlock_irq(&tasklist_lock);
	return task;
}

/*
 * Another task's credentials, with a reference (Linux's get_task_cred).
 * commit_creds() frees the old ones right after switching, which it
 * does under tasklist_lock: under it, the pointer we load is alive.
 */
const struct cred *get_task_cred(struct task_struct *task)
{
	const struct cred *cred;

	spin_lock_irq(&tasklist_lock);
	cred = get_cred(task->real_cred);
	spin_unlock_irq(&tasklist_lock);
	return cred;
}

/* Is @task's address space one its own user may inspect?  @none: the answer without one. */
static bool task_dumpable(struct task_struct *task, bool none)
{
	struct mm_struct *mm = get_task_mm(task);
	bool dumpable = mm ? get_dumpable(mm) == SUID_DUMP_USER : none;

	if (mm)
		mmput(mm);
	return dumpable;
}

/*
 * Linux's task_dump_owner: a process's files are its effective uid's and
 * gid's, except that those of a process that is not dumpable (it changed
 * ids, or asked with PR_SET_DUMPABLE) belong to root of its user
 * namespace, and a kernel thread's to root.  The /proc/PID directory
 * itself (mode 0555) always shows the euid.
 */
static void task_dump_owner(struct task_struct *task, umode_t mode, kuid_t *uid, kgid_t *gid)
{
	const struct cred *cred = get_task_cred(task);

	*uid = cred->euid;
	*gid = cred->egid;
	if ((task->flags & PF_KTHREAD) ||
	    (mode != (S_IFDIR | 0555) && !task_dumpable(task, false))) {
		*uid = make_kuid(cred->user_ns, 0);
		*gid = make_kgid(cred->user_ns, 0);
		if (!uid_valid(*uid))
			*uid = GLOBAL_ROOT_UID;
		if (!gid_valid(*gid))
			*gid = GLOBAL_ROOT_GID;
	}
	put_cred(cred);
}

/*
 * Files of /proc keep their modes; setting the size (O_TRUNC) is accepted
 * and ignored.  Times may be set, as in Linux, and last as long as the inode.
 */
int proc_setattr(struct dentry *dentry, unsigned int valid, struct kstat *attr)
{
	if (valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	setattr_copy(dentry->d_inode, valid, attr);
	return 0;
}

static const struct inode_operations proc_def_inode_operations = {
	.setattr	= proc_setattr,
};

struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task,
				  umode_t mode)
{
	struct inode *inode = proc_new_inode(sb, mode);
	struct pid *pid;

	if (!inode)
		return NULL;
	spin_lock_irq(&tasklist_lock);
	pid = get_pid(task_pid(task));
	spin_unlock_irq(&tasklist_lock);
	if (!pid) {			/* released meanwhile */
		iput(inode);
		return NULL;
	}
	PROC_I(inode)->pid = pid;
	inode->i_op = &proc_def_inode_operations;
	task_dump_owner(task, mode, &inode->i_uid, &inode->i_gid);
	return inode;
}

/*
 * Whether the caller may look into @task (Linux's ptrace_may_access in a
 * READ mode): its own threads, a dumpable task whose every uid and gid is
 * the caller's (fsuid and fsgid for PTRACE_MODE_FSCREDS, the /proc files;
 * uid and gid for PTRACE_MODE_REALCREDS, system calls naming a pid), or
 * CAP_SYS_PTRACE over the task's user namespace.
 */
bool ptrace_may_access_mode(struct task_struct *task, unsigned int mode)
{
	const struct cred *cred = current_cred(), *tcred;
	bool fs = mode & PTRACE_MODE_FSCREDS, ok;
	kuid_t uid = fs ? cred->fsuid : cred->uid;
	kgid_t gid = fs ? cred->fsgid : cred->gid;

	if (same_thread_group(task, current))
		return true;
	tcred = get_task_cred(task);
	ok = (uid_eq(uid, tcred->euid) && uid_eq(uid, tcred->suid) && uid_eq(uid, tcred->uid) &&
	      gid_eq(gid, tcred->egid) && gid_eq(gid, tcred->sgid) && gid_eq(gid, tcred->gid) &&
	      task_dumpable(task, true)) ||
	     ns_capable(tcred->user_ns, CAP_SYS_PTRACE);
	put_cred(tcred);
	return ok;
}

bool ptrace_may_access(struct task_struct *task)
{
	return ptrace_may_access_mode(task, PTRACE_MODE_READ_FSCREDS);
}

/* ---- text files: the ONE() entries and comm --------------------------------------- */

/*
 * Linux's proc_single_show: the task as it is at the read, or ESRCH once
 * it is gone (the file may outlive it).
 */
static int proc_single_show(struct seq_file *m, void *arg)
{
	struct inode *inode = m->file->f_inode;
	struct task_struct *task = get_proc_task(inode);
	int err;

	(void)arg;
	if (!task)
		return -ESRCH;
	err = PROC_I(inode)->op.proc_show(m, proc_pid_ns(inode->i_sb), proc_pid(inode), task);
	put_task_struct(task);
	return err;
}

/* The text is made at read time (proc_seq_open_at_read), as Linux's single_open. */
int proc_single_open(struct inode *inode, struct file *f)
{
	struct task_struct *task = get_proc_task(inode);

	if (!task)
		return -ESRCH;
	put_task_struct(task);
	return proc_seq_open_at_read(f, proc_single_show, NULL, NULL);
}

const struct file_operations proc_single_file_operations = {
	.open		= proc_single_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

static int proc_pid_comm_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			      struct task_struct *task)
{
	char comm[TASK_COMM_LEN];

	(void)ns;
	(void)pid;
	seq_printf(m, "%s\n", get_task_comm(comm, sizeof(comm), task));
	return 0;
}

/* A process renames its own threads only; a longer name is cut, as by prctl(PR_SET_NAME). */
static ssize_t comm_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	char buf[TASK_COMM_LEN] = { 0 };
	struct task_struct *task;
	ssize_t ret = n;

	(void)pos;
	if (copy_from_user(buf, ubuf, min(n, sizeof(buf) - 1)))
		return -EFAULT;
	task = get_proc_task(f->f_inode);
	if (!task)
		return -ESRCH;
	if (same_thread_group(current, task))
		set_task_comm(task, buf);
	else
		ret = -EINVAL;
	put_task_struct(task);
	return ret;
}

static const struct file_operations proc_pid_set_comm_operations = {
	.open		= proc_single_open,
	.read		= proc_seq_read,
	.write		= comm_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

/* ---- the entry tables ---------------------------------------------------------------- */

static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;

static const struct pid_entry tgid_base_stuff[] = {
	DIR("task",	 0555, proc_task_inode_operations, proc_task_operations),
	DIR("fd",	 0500, proc_fd_inode_operations, proc_fd_operations),
	DIR("fdinfo",	 0555, proc_fdinfo_inode_operations, proc_fdinfo_operations),
	DIR("ns",	 0511, proc_ns_dir_inode_operations, proc_ns_dir_operations),
	DIR("map_files", 0500, proc_map_files_inode_operations, proc_map_files_operations),
	REG("environ",	 0400, proc_environ_operations),
	ONE("status",	 0444, proc_pid_status),
	NOD("comm", S_IFREG | 0644, NULL, &proc_pid_set_comm_operations,
	    { .proc_show = proc_pid_comm_show }),
	REG("cmdline",	 0444, proc_pid_cmdline_ops),
	REG("maps",	 0444, proc_pid_maps_operations),
	REG("smaps",	 0444, proc_pid_smaps_operations),
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup_operations),
	ONE("statm",	 0444, proc_pid_statm),
	ONE("stat",	 0444, proc_tgid_stat),
	LNK("cwd",	 proc_cwd_link),
	LNK("root",	 proc_root_link),
	LNK("exe",	 proc_exe_link),
	ONE("mounts",	 0444, proc_mounts_show),
	ONE("mountinfo", 0444, proc_mountinfo_show),
	REG("uid_map",	 0644, proc_uid_map_operations),
	REG("gid_map",	 0644, proc_gid_map_operations),
	REG("setgroups", 0644, proc_setgroups_operations),
	ONE("oom_score", 0444, proc_oom_score),
	NOD("oom_adj", S_IFREG | 0644, NULL, &proc_oom_adj_operations,
	    { .proc_show = proc_oom_adj_show }),
	NOD("oom_score_adj", S_IFREG | 0644, NULL, &proc_oom_score_adj_operations,
	    { .proc_show = proc_oom_score_adj_show }),
	ONE("syscall",	 0400, proc_pid_syscall),
	ONE("wchan",	 0444, proc_pid_wchan),
};

static const struct pid_entry tid_base_stuff[] = {
	DIR("fd",	 0500, proc_fd_inode_operations, proc_fd_operations),
	DIR("fdinfo",	 0555, proc_fdinfo_inode_operations, proc_fdinfo_operations),
	DIR("ns",	 0511, proc_ns_dir_inode_operations, proc_ns_dir_operations),
	REG("environ",	 0400, proc_environ_operations),
	ONE("status",	 0444, proc_pid_status),
	NOD("comm", S_IFREG | 0644, NULL, &proc_pid_set_comm_operations,
	    { .proc_show = proc_pid_comm_show }),
	REG("cmdline",	 0444, proc_pid_cmdline_ops),
	REG("maps",	 0444, proc_pid_maps_operations),
	REG("smaps",	 0444, proc_pid_smaps_operations),
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup_operations),
	ONE("statm",	 0444, proc_pid_statm),
	ONE("stat",	 0444, proc_tid_stat),
	LNK("cwd",	 proc_cwd_link),
	LNK("root",	 proc_root_link),
	LNK("exe",	 proc_exe_link),
	ONE("mounts",	 0444, proc_mounts_show),
	ONE("mountinfo", 0444, proc_mountinfo_show),
	REG("uid_map",	 0644, proc_uid_map_operations),
	REG("gid_map",	 0644, proc_gid_map_operations),
	REG("setgroups", 0644, proc_setgroups_operations),
	ONE("oom_score", 0444, proc_oom_score),
	NOD("oom_adj", S_IFREG | 0644, NULL, &proc_oom_adj_operations,
	    { .proc_show = proc_oom_adj_show }),
	NOD("oom_score_adj", S_IFREG | 0644, NULL, &proc_oom_score_adj_operations,
	    { .proc_show = proc_oom_score_adj_show }),
	ONE("syscall",	 0400, proc_pid_syscall),
	ONE("wchan",	 0444, proc_pid_wchan),
};

/* A directory's link count: itself, its parent's entry, its subdirectories' "..". */
static unsigned int pid_entry_nlink(const struct pid_entry *p, unsigned int n)
{
	unsigned int nlink = 2;

	while (n--)
		nlink += S_ISDIR(p[n].mode);
	return nlink;
}

static void proc_pident_instantiate(struct dentry *dentry, struct task_struct *task,
				    const struct pid_entry *p)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, task, p->mode);

	if (!inode)
		return;
	if (S_ISDIR(p->mode))
		inode->i_nlink = 2;
	if (p->iop)
		inode->i_op = p->iop;
	if (p->fop)
		inode->i_fop = p->fop;
	PROC_I(inode)->op = p->op;
	d_instantiate(dentry, inode);
}

struct dentry *proc_pident_lookup(struct inode *dir, struct dentry *dentry,
				  const struct pid_entry *p, const struct pid_entry *end)
{
	struct task_struct *task = get_proc_task(dir);

	if (!task)
		return NULL;
	for (; p < end; p++) {
		if (strlen(p->name) == dentry->d_namelen &&
		    !memcmp(p->name, dentry->d_name, dentry->d_namelen)) {
			proc_pident_instantiate(dentry, task, p);
			break;
		}
	}
	put_task_struct(task);
	return NULL;
}

/* Positions 0 and 1 are "." and "..", then 2 + i is entry i. */
int proc_pident_readdir(struct file *f, struct dir_context *ctx,
			const struct pid_entry *p, unsigned int nents)
{
	struct dentry *dentry = f->f_path.dentry;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, dentry->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 1, dentry->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (; ctx->pos - 2 < nents; ctx->pos++) {
		const struct pid_entry *e = &p[ctx->pos - 2];

		if (!ctx->actor(ctx, e->name, strlen(e->name), ctx->pos, 1, e->mode >> 12))
			return 0;
	}
	return 0;
}

static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_pident_lookup(dir, dentry, tgid_base_stuff,
				  tgid_base_stuff + ARRAY_SIZE(tgid_base_stuff));
}

static int proc_tgid_base_readdir(struct file *f, struct dir_context *ctx)
{
	return proc_pident_readdir(f, ctx, tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
}

static struct dentry *proc_tid_base_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_pident_lookup(dir, dentry, tid_base_stuff,
				  tid_base_stuff + ARRAY_SIZE(tid_base_stuff));
}

static int proc_tid_base_readdir(struct file *f, struct dir_context *ctx)
{
	return proc_pident_readdir(f, ctx, tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup		= proc_tgid_base_lookup,
	.setattr	= proc_setattr,
	.permission	= proc_pid_permission,
	.getattr	= proc_pid_getattr,
};

static const struct file_operations proc_tgid_base_operations = {
	.iterate	= proc_tgid_base_readdir,
	.llseek		= generic_file_llseek,
};

/*
 * An open /proc/PID directory names its process as a pidfd does, for
 * pidfd_send_signal (Linux 6.1's tgid_pidfd_to_pid); /proc/PID/task/TID
 * does not.  No reference is taken: the file holds the inode's.
 */
struct pid *tgid_pidfd_to_pid(const struct file *file)
{
	if (file->f_op != &proc_tgid_base_operations)
		return ERR_PTR(-EBADF);
	return proc_pid(file->f_inode);
}

static const struct inode_operations proc_tid_base_inode_operations = {
	.lookup		= proc_tid_base_lookup,
	.setattr	= proc_setattr,
	.permission	= proc_pid_permission,
	.getattr	= proc_pid_getattr,
};

static const struct file_operations proc_tid_base_operations = {
	.iterate	= proc_tid_base_readdir,
	.llseek		= generic_file_llseek,
};

/* ---- /proc/PID and /proc/PID/task/TID directories ------------------------------------ */

/* A decimal name without a leading zero, as Linux's name_to_int; -1 for anything else. */
int name_to_int(const struct dentry *dentry)
{
	unsigned int i, n = 0;

	if (dentry->d_namelen > 1 && dentry->d_name[0] == '0')
		return -1;
	for (i = 0; i < dentry->d_namelen; i++) {
		char c = dentry->d_name[i];

		if (c < '0' || c > '9' || n >= (INT_MAX - 9) / 10)
			return -1;
		n = n * 10 + (c - '0');
	}
	return i ? (int)n : -1;
}

/* The task numbered @nr in @ns, with a reference. */
static struct task_struct *find_get_task(pid_t nr, struct pid_namespace *ns)
{
	struct task_struct *task;

	spin_lock_irq(&tasklist_lock);
	task = find_task_by_pid_ns(nr, ns);
	if (task)
		get_task_struct(task);
	spin_unlock_irq(&tasklist_lock);
	return task;
}

static void proc_pid_dir_instantiate(struct dentry *dentry, struct task_struct *task,
				     bool thread)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, task, S_IFDIR | 0555);

	if (!inode)
		return;
	if (thread) {
		inode->i_op = &proc_tid_base_inode_operations;
		inode->i_fop = &proc_tid_base_operations;
		inode->i_nlink = pid_entry_nlink(tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
	} else {
		inode->i_op = &proc_tgid_base_inode_operations;
		inode->i_fop = &proc_tgid_base_operations;
		inode->i_nlink = pid_entry_nlink(tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
	}
	d_instantiate(dentry, inode);
}

/*
 * /proc/N: the task numbered N in this instance's namespace.  As in
 * Linux, a thread's number works too, though only leaders are listed.
 * Under hidepid=ptraceable one the reader may not inspect is not there.
 */
struct dentry *proc_pid_lookup(struct dentry *dentry)
{
	struct proc_fs_info *fs_info = proc_sb_info(dentry->d_sb);
	int nr = name_to_int(dentry);
	struct task_struct *task;

	if (nr <= 0)
		return NULL;
	task = find_get_task(nr, fs_info->pid_ns);
	if (!task)
		return NULL;
	if (READ_ONCE(fs_info->hide_pid) != HIDEPID_NOT_PTRACEABLE ||
	    has_pid_permissions(fs_info, task, HIDEPID_NO_ACCESS))
		proc_pid_dir_instantiate(dentry, task, false);
	put_task_struct(task);
	return NULL;
}

/* The lowest number >= @nr that a thread group leader has in @ns, or 0. */
static pid_t next_tgid(struct pid_namespace *ns, pid_t nr)
{
	struct task_struct *task;
	pid_t found = 0;

	spin_lock_irq(&tasklist_lock);
	for (nr = max(nr, 1); nr > 0; nr = next_pidmap(ns, nr)) {
		task = pid_task(find_pid_ns(nr, ns), PIDTYPE_PID);
		if (task && thread_group_leader(task)) {
			found = nr;
			break;
		}
	}
	spin_unlock_irq(&tasklist_lock);
	return found;
}

/* Is process @tgid of @fs_info's namespace listed for the reader (hidepid=)? */
static bool tgid_listed(struct proc_fs_info *fs_info, pid_t tgid)
{
	struct task_struct *task;
	bool listed;

	if (READ_ONCE(fs_info->hide_pid) == HIDEPID_OFF)
		return true;
	task = find_get_task(tgid, fs_info->pid_ns);
	if (!task)
		return false;
	listed = has_pid_permissions(fs_info, task, HIDEPID_INVISIBLE);
	put_task_struct(task);
	return listed;
}

/*
 * "self", "thread-self", then the processes in increasing order, at
 * TGID_OFFSET + tgid; under hidepid=invisible or ptraceable only those
 * the reader may see.
 */
int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_fs_info *fs_info = proc_sb_info(f->f_inode->i_sb);
	struct pid_namespace *ns = fs_info->pid_ns;
	char name[16];
	pid_t tgid;

	if (ctx->pos == FIRST_PROCESS_ENTRY) {
		if (!ctx->actor(ctx, "self", 4, ctx->pos, 1, DT_LNK))
			return 0;
		ctx->pos++;
	}
	if (ctx->pos == FIRST_PROCESS_ENTRY + 1) {
		if (!ctx->actor(ctx, "thread-self", 11, ctx->pos, 1, DT_LNK))
			return 0;
		ctx->pos++;
	}
	for (tgid = ctx->pos - TGID_OFFSET; (tgid = next_tgid(ns, tgid)) > 0; tgid++) {
		ctx->pos = tgid + TGID_OFFSET;
		if (!tgid_listed(fs_info, tgid))
			continue;
		if (!ctx->actor(ctx, name, scnprintf(name, sizeof(name), "%d", tgid), ctx->pos, 1,
				DT_DIR))
			return 0;
	}
	ctx->pos = PID_MAX_LIMIT + TGID_OFFSET;
	return 0;
}

/* /proc/PID/task/TID: a thread of the directory's process, by its number here. */
static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *dentry)
{
	struct task_struct *leader = get_proc_task(dir), *task = NULL;
	int tid = name_to_int(dentry);

	if (leader && tid > 0)
		task = find_get_task(tid, proc_pid_ns(dentry->d_sb));
	if (task && same_thread_group(leader, task))
		proc_pid_dir_instantiate(dentry, task, true);
	if (task)
		put_task_struct(task);
	if (leader)
		put_task_struct(leader);
	return NULL;
}

/* The number in @ns of thread @index of @leader's group, or 0 past the last. */
static pid_t nth_tid(struct task_struct *leader, struct pid_namespace *ns, loff_t index)
{
	struct task_struct *t;
	pid_t tid = 0;

	spin_lock_irq(&tasklist_lock);
	if (task_pid(leader)) {			/* still in the thread group list */
		for_each_thread(leader, t) {
			if (index-- == 0) {
				tid = task_pid_nr_ns(t, ns);
				break;
			}
		}
	}
	spin_unlock_irq(&tasklist_lock);
	return tid;
}

static int proc_task_readdir(struct file *f, struct dir_context *ctx)
{
	struct task_struct *leader = get_proc_task(f->f_inode);
	struct pid_namespace *ns = proc_pid_ns(f->f_inode->i_sb);
	char name[16];
	pid_t tid;

	if (!leader)
		return 0;
	if (ctx->pos < 2)
		proc_pident_readdir(f, ctx, NULL, 0);
	while (ctx->pos >= 2 && (tid = nth_tid(leader, ns, ctx->pos - 2)) > 0) {
		if (!ctx->actor(ctx, name, scnprintf(name, sizeof(name), "%d", tid), ctx->pos, 1,
				DT_DIR))
			break;
		ctx->pos++;
	}
	put_task_struct(leader);
	return 0;
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup		= proc_task_lookup,
	.setattr	= proc_setattr,
};

static const struct file_operations proc_task_operations = {
	.iterate	= proc_task_readdir,
	.llseek		= generic_file_llseek,
};
