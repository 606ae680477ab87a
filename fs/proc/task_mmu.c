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
#include <linux/slab.h>
#include <linux/namei.h>
#include "internal.h"

/* The task's address space with a reference (Linux's get_task_mm); none for kthreads. */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	/* exit_mm() and exec_mmap() change task->mm under tasklist_lock: it is alive */
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
 * The resident pages are split as Linux's mm counters split them.
 */
#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* Pages of data (private writable), stack and executable code (Linux's data_vm, stack_vm, exec_vm). */
static void vm_classes(struct mm_struct *mm, unsigned long *data, unsigned long *stack,
		       unsigned long *exec)
{
	struct vm_area_struct *vma;
	unsigned long pages;

	*data = *stack = *exec = 0;
	down_read(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		if (vma->vm_flags & VM_GROWSDOWN)
			*stack += pages;
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			*data += pages;
		else if ((vma->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			*exec += pages;
	}
	up_read(&mm->mmap_lock);
}

void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long data, stack, exec, text;

	vm_classes(mm, &data, &stack, &exec);
	text = min(PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK), exec << PAGE_SHIFT);
	seq_printf(m, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		   K(mm->total_vm), K(mm->locked_vm), 0UL, K(get_mm_rss(mm)));
	seq_printf(m, "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n",
		   K(get_mm_counter(mm, MM_ANONPAGES)), K(get_mm_counter(mm, MM_FILEPAGES)),
		   K(get_mm_counter(mm, MM_SHMEMPAGES)));
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n",
		   K(data), K(stack), text >> 10, ((exec << PAGE_SHIFT) - text) >> 10);
	seq_printf(m, "VmPTE:\t%8lu kB\n", mm_pgtables_bytes(mm) >> 10);
	seq_printf(m, "VmSwap:\t%8lu kB\n", 0UL);
}

/*
 * /proc/PID/statm (Linux's proc_pid_statm, task_statm): in pages, size,
 * resident, shared (file and shmem), text, 0, data and stack, 0; all
 * zeros for a kernel thread.
 */
int proc_pid_statm(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task)
{
	unsigned long size = 0, resident = 0, shared = 0, text = 0, data = 0, stack, exec;
	struct mm_struct *mm = get_task_mm(task);

	(void)ns;
	(void)pid;
	if (mm) {
		vm_classes(mm, &data, &stack, &exec);
		data += stack;
		shared = get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_SHMEMPAGES);
		resident = shared + get_mm_counter(mm, MM_ANONPAGES);
		text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
		size = mm->total_vm;
		mmput(mm);
	}
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", size, resident, shared, text, data);
	return 0;
}

/* ---- maps and smaps ------------------------------------------------------------ */

/* What smaps adds up over a VMA's present pages (Linux's struct mem_size_stats). */
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous;
	u64 pss, pss_dirty;		/* bytes << PSS_SHIFT, for the fractions */
	u64 pss_anon, pss_file, pss_shmem, pss_locked;	/* the Pss split up, for smaps_rollup */
};

#define PSS_SHIFT	12

/*
 * How many mappings share @page: every pte holds a reference, and so does
 * the object a page belongs to (a file, shm), which maps nothing; the
 * caller holds one more.  Linux counts mappings in page->_mapcount; here
 * the references tell.  *@anon: the page is not the object's own.
 */
static unsigned int page_mapcount(struct vm_area_struct *vma, unsigned long addr,
				  struct page *page, bool *anon)
{
	struct page *own = vma->vm_ops && vma->vm_ops->find_page ?
			   vma->vm_ops->find_page(vma, addr) : NULL;
	int count;

	if (own)
		put_page(own);
	*anon = own != page;
	count = page_count(page) - 1 - !*anon;
	return count > 1 ? count : 1;
}

/* One present page of @vma at @addr (Linux's smaps_account). */
static void smaps_account(struct mem_size_stats *mss, struct vm_area_struct *vma,
			  unsigned long addr, pte_t pte)
{
	struct page *page = pfn_to_page(pte_pfn(pte));
	bool dirty = pte & _PAGE_DIRTY, anon;
	unsigned int mapcount = page_mapcount(vma, addr, page, &anon);
	u64 pss = ((u64)PAGE_SIZE << PSS_SHIFT) / mapcount;

	mss->resident += PAGE_SIZE;
	mss->pss += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (mm_counter(page) == MM_ANONPAGES)
		mss->pss_anon += pss;
	else if (mm_counter(page) == MM_SHMEMPAGES)
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (vma->vm_flags & VM_LOCKED)
		mss->pss_locked += pss;
	if (pte & _PAGE_ACCESSED)
		mss->referenced += PAGE_SIZE;
	if (anon)
		mss->anonymous += PAGE_SIZE;
	if (mapcount > 1 && dirty)
		mss->shared_dirty += PAGE_SIZE;
	else if (mapcount > 1)
		mss->shared_clean += PAGE_SIZE;
	else if (dirty)
		mss->private_dirty += PAGE_SIZE;
	else
		mss->private_clean += PAGE_SIZE;
}

/* Walks @vma's page tables (mmap_lock held; page_table_lock taken here). */
static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;
	pte_t *pte;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		spin_lock(&mm->page_table_lock);
		pte = pte_offset(mm->pgd, addr);
		if (pte && (*pte & _PAGE_PRESENT)) {
			pte_t val = *pte;

			get_page(pfn_to_page(pte_pfn(val)));
			spin_unlock(&mm->page_table_lock);
			smaps_account(mss, vma, addr, val);	/* find_page may take a lock */
			put_page(pfn_to_page(pte_pfn(val)));
			continue;
		}
		spin_unlock(&mm->page_table_lock);
	}
}

/*
 * A VMA's name: its file's path from the reader's root, or the name of a
 * mapping of the kernel's ([vdso], [vvar]), or [heap], [stack], or for a
 * shared anonymous region the file Linux gives it.
 */
static void show_vma_name(struct seq_file *m, struct vm_area_struct *vma, char *buf,
			  size_t pad_until)
{
	struct mm_struct *mm = vma->vm_mm;
	const char *name = NULL;
	int len;

	if (vma->vm_file) {
		len = proc_path_name(&vma->vm_file->f_path, buf, PATH_MAX);
		name = len > 0 ? buf : NULL;
	} else if (vma->vm_ops && vma->vm_ops->name) {
		name = vma->vm_ops->name(vma);
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk &&
		   !vma->vm_ops) {
		name = "[heap]";
	} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
		name = "[stack]";
	} else if (vma->vm_ops && (vma->vm_flags & VM_SHARED)) {
		name = "/dev/zero (deleted)";	/* shmem_zero_setup's file, in Linux */
	}
	if (!name)
		return;
	/* the name starts in column 73 (a full buffer is retried bigger) */
	seq_printf(m, "%*s ", m->count < pad_until ? (int)(pad_until - m->count) : 0, "");
	for (; *name; name++)
		if (*name == '\n')
			seq_puts(m, "\\012");
		else
			seq_putc(m, *name);
}

/* One line of maps (Linux's show_map_vma): range, perms, offset, dev, inode, name. */
static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma, char *buf)
{
	struct inode *inode = vma->vm_file ? vma->vm_file->f_inode : NULL;
	dev_t dev = inode ? inode->i_sb->s_dev : 0;
	unsigned long flags = vma->vm_flags;
	size_t pad_until = m->count + 25 + sizeof(void *) * 6 - 1;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_SHARED ? 's' : 'p',
		   inode ? vma->vm_pgoff << PAGE_SHIFT : 0, MAJOR(dev), MINOR(dev),
		   inode ? inode->i_ino : 0);
	show_vma_name(m, vma, buf, pad_until);
	seq_putc(m, '\n');
}

/* The VmFlags line: Linux's two-letter names of the flags this kernel has, in bit order. */
static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	static const struct {
		unsigned long flag;
		char name[3];
	} names[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" },
		{ VM_GROWSDOWN, "gd" }, { VM_PFNMAP, "pf" }, { VM_LOCKED, "lo" }, { VM_IO, "io" },
		{ VM_DONTCOPY, "dc" }, { VM_DONTEXPAND, "de" }, { VM_LOCKONFAULT, "lf" },
		{ VM_WIPEONFORK, "wf" }, { VM_DONTDUMP, "dd" },
	};
	unsigned int i;

	seq_puts(m, "VmFlags: ");
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (vma->vm_flags & names[i].flag)
			seq_printf(m, "%s ", names[i].name);
	seq_putc(m, '\n');
}

/* "Name:" padded to 16 columns, then kB in 8 (Linux's SEQ_PUT_DEC). */
static void smap_line(struct seq_file *m, const char *name, unsigned long bytes)
{
	int pad = 15 - (int)strlen(name);

	seq_printf(m, "%s:%*s%8lu kB\n", name, pad > 0 ? pad : 0, "", bytes >> 10);
}

/* The sizes (Linux's __show_smap); smaps_rollup splits the Pss by kind of page. */
static void __show_smap(struct seq_file *m, const struct mem_size_stats *mss, bool rollup)
{
	static const char *const none[] = {	/* no THP, hugetlb or swap here */
		"LazyFree", "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped",
		"Shared_Hugetlb", "Private_Hugetlb", "Swap", "SwapPss",
	};
	unsigned int i;

	smap_line(m, "Rss", mss->resident);
	smap_line(m, "Pss", (unsigned long)(mss->pss >> PSS_SHIFT));
	smap_line(m, "Pss_Dirty", (unsigned long)(mss->pss_dirty >> PSS_SHIFT));
	if (rollup) {
		smap_line(m, "Pss_Anon", (unsigned long)(mss->pss_anon >> PSS_SHIFT));
		smap_line(m, "Pss_File", (unsigned long)(mss->pss_file >> PSS_SHIFT));
		smap_line(m, "Pss_Shmem", (unsigned long)(mss->pss_shmem >> PSS_SHIFT));
	}
	smap_line(m, "Shared_Clean", mss->shared_clean);
	smap_line(m, "Shared_Dirty", mss->shared_dirty);
	smap_line(m, "Private_Clean", mss->private_clean);
	smap_line(m, "Private_Dirty", mss->private_dirty);
	smap_line(m, "Referenced", mss->referenced);
	smap_line(m, "Anonymous", mss->anonymous);
	for (i = 0; i < ARRAY_SIZE(none); i++)
		smap_line(m, none[i], 0UL);
	/* Linux's pss_locked: the Pss of VM_LOCKED VMAs */
	smap_line(m, "Locked", (unsigned long)(mss->pss_locked >> PSS_SHIFT));
}

/* One VMA of smaps (Linux's show_smap): its maps line, then the sizes. */
static void show_smap(struct seq_file *m, struct vm_area_struct *vma, char *buf)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma, buf);
	smap_line(m, "Size", vma->vm_end - vma->vm_start);
	smap_line(m, "KernelPageSize", PAGE_SIZE);
	smap_line(m, "MMUPageSize", PAGE_SIZE);
	__show_smap(m, &mss, false);
	seq_puts(m, "THPeligible:    0\n");
	show_smap_vma_flags(m, vma);
}

/*
 * smaps_rollup (Linux's show_smaps_rollup): one header line, from the
 * first VMA's start to the last one's end, named [rollup], then the sizes
 * summed over every VMA.
 */
static int proc_pid_smaps_rollup_show(struct seq_file *m, void *arg)
{
	struct mm_struct *mm = get_task_mm(arg);
	struct mem_size_stats mss = { 0 };
	unsigned long start = 0, end = 0;
	struct vm_area_struct *vma;
	size_t pad_until = m->count + 25 + sizeof(void *) * 6 - 1;

	if (!mm)
		return 0;
	down_read(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (!start && !end)
			start = vma->vm_start;
		end = vma->vm_end;
		smap_gather_stats(vma, &mss);
	}
	up_read(&mm->mmap_lock);
	mmput(mm);
	seq_printf(m, "%08lx-%08lx ---p 00000000 00:00 0 ", start, end);
	seq_printf(m, "%*s [rollup]\n", m->count < pad_until ? (int)(pad_until - m->count) : 0, "");
	__show_smap(m, &mss, true);
	return 0;
}

/* The whole maps or smaps text of @task, under its mmap_lock. */
static int show_maps(struct seq_file *m, void *arg, bool smaps)
{
	struct mm_struct *mm = get_task_mm(arg);
	struct vm_area_struct *vma;
	char *buf;

	if (!mm)
		return 0;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (buf) {
		down_read(&mm->mmap_lock);
		list_for_each_entry(vma, &mm->mmap, vm_list) {
			if (smaps)
				show_smap(m, vma, buf);
			else
				show_map_vma(m, vma, buf);
		}
		up_read(&mm->mmap_lock);
		kfree(buf);
	}
	mmput(mm);
	return buf ? 0 : -ENOMEM;
}

static int proc_pid_maps_show(struct seq_file *m, void *arg)
{
	return show_maps(m, arg, false);
}

static int proc_pid_smaps_show(struct seq_file *m, void *arg)
{
	return show_maps(m, arg, true);
}

/* Another process's layout only for those who may inspect it (Linux's mm_access). */
static int maps_open(struct inode *inode, struct file *f, int (*show)(struct seq_file *, void *))
{
	struct task_struct *task = get_proc_task(inode);
	int err = -EACCES;

	if (!task)
		return -ESRCH;
	if (ptrace_may_access(task))
		err = proc_seq_open(f, show, task, NULL);
	put_task_struct(task);
	return err;
}

static int proc_maps_open(struct inode *inode, struct file *f)
{
	return maps_open(inode, f, proc_pid_maps_show);
}

static int proc_smaps_open(struct inode *inode, struct file *f)
{
	return maps_open(inode, f, proc_pid_smaps_show);
}

static int proc_smaps_rollup_open(struct inode *inode, struct file *f)
{
	return maps_open(inode, f, proc_pid_smaps_rollup_show);
}

const struct file_operations proc_pid_maps_operations = {
	.open		= proc_maps_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

const struct file_operations proc_pid_smaps_operations = {
	.open		= proc_smaps_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

const struct file_operations proc_pid_smaps_rollup_operations = {
	.open		= proc_smaps_rollup_open,
	.read		= proc_seq_read,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};
