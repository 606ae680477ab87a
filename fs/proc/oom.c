/*
 * fs/proc/oom.c: /proc/PID/oom_score, oom_score_adj and oom_adj, what the
 * OOM killer thinks of a process and how a process steers it (Linux keeps
 * them in fs/proc/base.c).
 *
 * oom_score is oom_badness() scaled into 0..2000 (0: never chosen).
 * oom_score_adj takes -1000..1000 (EINVAL outside).  Anyone who may open
 * the file for writing may raise it; lowering it below oom_score_adj_min
 * needs CAP_SYS_RESOURCE, and a write with that capability sets
 * oom_score_adj_min too.  oom_adj is the legacy scale, -17 (disable) and
 * -16..15, mapped linearly onto oom_score_adj; lowering it at all needs
 * CAP_SYS_RESOURCE.  The value belongs to the process: every thread, and
 * every other process sharing its address space but a vfork child, gets it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/oom.h>
#include "internal.h"

#define PROC_NUMBUF	13

static DEFINE_MUTEX(oom_adj_mutex);	/* one writer of oom_score_adj at a time */

int proc_oom_score(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task)
{
	unsigned long totalpages = totalram_pages(), points = 0;
	long badness;

	(void)ns;
	(void)pid;
	spin_lock_irq(&tasklist_lock);
	badness = oom_badness(task, totalpages);
	spin_unlock_irq(&tasklist_lock);
	if (badness != LONG_MIN)
		points = (1000 + badness * 1000 / (long)totalpages) * 2 / 3;
	seq_printf(m, "%lu\n", points);
	return 0;
}

/* @task's process's oom_score_adj and oom_score_adj_min, or -ESRCH once it is released. */
static int task_oom_score_adj(struct task_struct *task, int *adj, int *adj_min)
{
	int err = -ESRCH;

	spin_lock_irq(&tasklist_lock);
	if (task->signal) {
		*adj = task->signal->oom_score_adj;
		*adj_min = task->signal->oom_score_adj_min;
		err = 0;
	}
	spin_unlock_irq(&tasklist_lock);
	return err;
}

/* oom_score_adj, or on the legacy oom_adj scale (rounded toward 0, 1000 as 15). */
static int show_oom_adj(struct seq_file *m, struct task_struct *task, bool legacy)
{
	int adj, adj_min, err = task_oom_score_adj(task, &adj, &adj_min);

	if (err)
		return err;
	if (legacy && adj == OOM_SCORE_ADJ_MAX)
		adj = OOM_ADJUST_MAX;
	else if (legacy)
		adj = min(adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX, OOM_ADJUST_MAX);
	seq_printf(m, "%d\n", adj);
	return 0;
}

int proc_oom_score_adj_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			    struct task_struct *task)
{
	(void)ns;
	(void)pid;
	return show_oom_adj(m, task, false);
}

int proc_oom_adj_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		      struct task_struct *task)
{
	(void)ns;
	(void)pid;
	return show_oom_adj(m, task, true);
}

/* A number as these files take it: kstrtoint(strstrip(text), 0), at most 12 bytes read. */
static int proc_oom_read_int(const char *ubuf, size_t n, int *val)
{
	char buf[PROC_NUMBUF] = { 0 };

	n = min(n, sizeof(buf) - 1);
	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	return kstrtoint(strstrip(buf), 0, val);
}

/*
 * Sets the value on @task's process, and on every other process sharing
 * its mm @mm but a vfork child.  Under tasklist_lock, @task not released.
 */
static void set_oom_adj(struct task_struct *task, struct mm_struct *mm, short adj,
			bool set_min)
{
	struct task_struct *p;

	task->signal->oom_score_adj = adj;
	if (set_min)
		task->signal->oom_score_adj_min = adj;
	if (!mm || atomic_read(&mm->mm_users) <= 1)
		return;
	for_each_process(p) {
		if (same_thread_group(task, p) || (p->flags & PF_KTHREAD) || is_global_init(p) ||
		    p->vfork_done || !process_shares_mm(p, mm))
			continue;
		p->signal->oom_score_adj = adj;
		if (set_min)
			p->signal->oom_score_adj_min = adj;
	}
}

/* Linux's __set_oom_adj: the permission rule, then the process and its mm's sharers. */
static int __set_oom_adj(struct file *f, int adj, bool legacy)
{
	bool set_min = !legacy && ns_capable_noaudit(&init_user_ns, CAP_SYS_RESOURCE);
	struct task_struct *task = get_proc_task(f->f_inode);
	struct mm_struct *mm = NULL;
	int err, cur, cur_min;

	if (!task)
		return -ESRCH;
	mutex_lock(&oom_adj_mutex);
	err = task_oom_score_adj(task, &cur, &cur_min);
	/* the floor without CAP_SYS_RESOURCE: oom_adj's is the value itself */
	if (!err && adj < (legacy ? cur : cur_min) && !capable(CAP_SYS_RESOURCE))
		err = -EACCES;
	if (err)
		goto out;
	if (legacy)
		pr_warn_once("%s (%d): /proc/%d/oom_adj is deprecated, please use /proc/%d/oom_score_adj instead.\n",
			     current->comm, task_pid_nr(current), task_pid_nr(task),
			     task_pid_nr(task));
	if (!task->vfork_done)
		mm = get_task_mm(task);
	spin_lock_irq(&tasklist_lock);
	if (task->signal)
		set_oom_adj(task, mm, adj, set_min);
	spin_unlock_irq(&tasklist_lock);
	if (mm)
		mmput(mm);
out:
	mutex_unlock(&oom_adj_mutex);
	put_task_struct(task);
	return err;
}

static ssize_t oom_score_adj_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	int adj, err;

	(void)pos;
	err = proc_oom_read_int(ubuf, n, &adj);
	if (!err && (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX))
		err = -EINVAL;
	if (!err)
		err = __set_oom_adj(f, adj, false);
	return err < 0 ? err : (ssize_t)n;
}

static ssize_t oom_adj_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	int adj, err;

	(void)pos;
	err = proc_oom_read_int(ubuf, n, &adj);
	if (!err && (adj < OOM_ADJUST_MIN || adj > OOM_ADJUST_MAX) && adj != OOM_DISABLE)
		err = -EINVAL;
	if (err)
		return err;
	/* the linear map, keeping the top of the old scale at the top of the new */
	adj = adj == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX : adj * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	err = __set_oom_adj(f, adj, true);
	return err < 0 ? err : (ssize_t)n;
}

const struct file_operations proc_oom_score_adj_operations = {
	.open		= proc_single_open,
	.read		= proc_seq_read,
	.write		= oom_score_adj_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

const struct file_operations proc_oom_adj_operations = {
	.open		= proc_single_open,
	.read		= proc_seq_read,
	.write		= oom_adj_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};
