/*
 * fs/proc/task_mmu.c: what /proc shows of a process's memory.
 *
 * /proc/PID/cmdline and environ are read out of the process's own
 * address space, where execve left the strings (mm->arg_start..arg_end,
 * env_start..env_end), through its page tables: access_remote_vm().
 * The Vm lines of /proc/PID/status come from the mm's counters and VMAs.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/rwsem.h>
#include "internal.h"

/* The task's address space with a reference (Linux's get_task_mm); none for kthreads. */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	/* exit_mm() cannot run under us while we hold a spinlock on this uniprocessor */
	spin_lock_irq(&tasklist_lock);
	mm = (task->flags & PF_KTHREAD) ? NULL : task->mm;
	if (mm)
		mmget(mm);
	spin_unlock_irq(&tasklist_lock);
	return mm;
}

/*
 * Copies @len bytes at @addr of another address space, page by page from
 * the pages its page tables map, under its mmap_lock (so no mapping goes
 * away) and page_table_lock (so no page is replaced while copied).  Stops
 * at the first page that is not present; returns the bytes copied.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	struct vm_area_struct *vma;
	int done = 0, chunk;
	pte_t *pte;

	down_read(&mm->mmap_lock);
	while (done < len) {
		chunk = min_t(int, len - done, PAGE_SIZE - (addr & ~PAGE_MASK));
		vma = find_vma(mm, addr);
		spin_lock(&mm->page_table_lock);
		pte = vma && vma->vm_start <= addr ? pte_offset(mm->pgd, addr) : NULL;
		if (!pte || !pte_present(*pte)) {
			spin_unlock(&mm->page_table_lock);
			break;
		}
		memcpy((char *)buf + done,
		       (char *)page_address(pfn_to_page(pte_pfn(*pte))) + (addr & ~PAGE_MASK), chunk);
		spin_unlock(&mm->page_table_lock);
		done += chunk;
		addr += chunk;
	}
	up_read(&mm->mmap_lock);
	return done;
}

/* Appends [start, end) of @mm to @m; as much as is mapped. */
static void seq_put_remote(struct seq_file *m, struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	size_t len = end > start ? end - start : 0;

	if (m->count + len >= m->size) {
		m->overflow = true;	/* proc_seq_open retries with a bigger buffer */
		return;
	}
	m->count += access_remote_vm(mm, start, m->buf + m->count, len);
}

/*
 * The arguments as the process left them in memory.  If the NUL ending
 * them was overwritten (setproctitle), the title runs on into the
 * environment up to its first NUL, as Linux's get_mm_cmdline.
 */
static void cmdline_show_mm(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long arg_start = mm->arg_start, arg_end = mm->arg_end;
	size_t start = m->count, len;
	char last = 0;

	if (arg_start >= arg_end)
		return;
	access_remote_vm(mm, arg_end - 1, &last, 1);
	if (!last) {
		seq_put_remote(m, mm, arg_start, arg_end);
		return;
	}
	seq_put_remote(m, mm, arg_start, max(mm->env_end, arg_end));
	if (m->overflow)
		return;
	len = strnlen(m->buf + start, m->count - start);
	m->count = start + min(len + 1, m->count - start);
}

static int proc_pid_cmdline_show(struct seq_file *m, void *arg)
{
	struct mm_struct *mm = get_task_mm(arg);

	if (mm) {
		cmdline_show_mm(m, mm);
		mmput(mm);
	}
	return 0;
}

static int proc_pid_environ_show(struct seq_file *m, void *arg)
{
	struct mm_struct *mm = get_task_mm(arg);

	if (mm) {
		seq_put_remote(m, mm, mm->env_start, mm->env_end);
		mmput(mm);
	}
	return 0;
}

static int proc_pid_cmdline_open(struct inode *inode, struct file *f)
{
	struct task_struct *task = get_proc_task(inode);
	int err;

	if (!task)
		return -ESRCH;
	err = proc_seq_open(f, proc_pid_cmdline_show, task, NULL);
	put_task_struct(task);
	return err;
}

/* The environment may hold secrets: only for those who may inspect the task. */
static int proc_environ_open(struct inode *inode, struct file *f)
{
	struct task_struct *task = get_proc_task(inode);
	int err = -EACCES;

	if (!task)
		return -ESRCH;
	if (ptrace_may_access(task))
		err = proc_seq_open(f, proc_pid_environ_show, task, NULL);
	put_task_struct(task);
	return err;
}

const struct file_operations proc_pid_cmdline_ops = {
	.open		= proc_pid_cmdline_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

const struct file_operations proc_environ_operations = {
	.open		= proc_environ_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};


/*
 * The Vm lines of /proc/PID/status, in kB, with Linux's classes of
 * mappings: data (private writable), stack, and executable code split
 * into the program's text and the rest.  This kernel keeps no high-water
 * marks (Linux's VmPeak, VmHWM) and never locks, pins or swaps pages.
 */
void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long data = 0, stack = 0, exec = 0, text, pages;
	struct vm_area_struct *vma;

	down_read(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		if (vma->vm_flags & VM_GROWSDOWN)
			stack += pages;
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			data += pages;
		else if ((vma->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			exec += pages;
	}
	up_read(&mm->mmap_lock);
	text = min(PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK), exec << PAGE_SHIFT);
	seq_printf(m, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		   mm->total_vm << (PAGE_SHIFT - 10), 0UL, 0UL, mm->rss << (PAGE_SHIFT - 10));
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n",
		   data << (PAGE_SHIFT - 10), stack << (PAGE_SHIFT - 10), text >> 10,
		   ((exec << PAGE_SHIFT) - text) >> 10);
	seq_printf(m, "VmSwap:\t%8lu kB\n", 0UL);
}
