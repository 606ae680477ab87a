/*
 * fs/coredump.c: the core file a fatal signal leaves (Linux's do_coredump).
 *
 * A signal whose default action is "core" (SIGQUIT, SIGILL, SIGABRT,
 * SIGSEGV, ...) first stops the process's other threads, then, if the
 * process is dumpable and RLIMIT_CORE allows at least a page, writes an
 * ELF core file (binfmt_elf_core.c) named by kernel.core_pattern:
 * "core" in the current directory by default, with Linux's %
 * specifiers, and ".PID" appended when kernel.core_uses_pid is set and
 * the pattern has no %p.  A dump that was written whole sets 0x80 in
 * the exit status (WCOREDUMP).  A pattern starting with "|" asks Linux
 * to pipe the dump to a helper program; there are no kernel-started
 * helpers here, so such a pattern writes nothing.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/utsname.h>
#include <linux/resource.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/coredump.h>
#include <linux/fdtable.h>
#include <linux/err.h>
#include <linux/user_namespace.h>
#include <linux/sched/task.h>

#define CORENAME_MAX_SIZE	128

static char core_pattern[CORENAME_MAX_SIZE] = "core";	/* under core_pattern_lock */
static DEFINE_SPINLOCK(core_pattern_lock);
static int core_uses_pid;

/* The name being built, truncated at CORENAME_MAX_SIZE - 1 as Linux's cn_printf would fail. */
struct core_name {
	char buf[CORENAME_MAX_SIZE];
	size_t used;
};

static void cn_printf(struct core_name *cn, const char *fmt, ...) __printf(2, 3);

static void cn_printf(struct core_name *cn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cn->used += vsnprintf(cn->buf + cn->used, sizeof(cn->buf) - cn->used, fmt, ap);
	va_end(ap);
	cn->used = min(cn->used, sizeof(cn->buf) - 1);
}

/* A name part that may not add directories: '/' becomes '!' (Linux's cn_esc_printf). */
static void cn_esc_printf(struct core_name *cn, const char *s)
{
	size_t start = cn->used, i;

	cn_printf(cn, "%s", s);
	for (i = start; i < cn->used; i++)
		if (cn->buf[i] == '/')
			cn->buf[i] = '!';
	if (!strcmp(cn->buf + start, ".") || !strcmp(cn->buf + start, ".."))
		cn->buf[start] = '!';
}

/* %E: the executable's path, '/' escaped. */
static void cn_print_exe(struct core_name *cn)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path root;
	int start;

	if (!buf || !current->mm->exe_file) {
		kfree(buf);
		return;
	}
	get_fs_root(current->fs, &root);
	start = d_path(&current->mm->exe_file->f_path, &root, buf, PATH_MAX);
	path_put(&root);
	if (start >= 0)
		cn_esc_printf(cn, buf + start);
	kfree(buf);
}

/* One %-specifier (Linux's format_corename); an unknown one adds nothing. */
static void cn_specifier(struct core_name *cn, char c, int signr, bool *pid_in_pattern)
{
	const struct cred *cred = current_cred();

	switch (c) {
	case '%':
		cn_printf(cn, "%%");
		break;
	case 'p':
		*pid_in_pattern = true;
		cn_printf(cn, "%d", task_tgid_vnr(current));
		break;
	case 'P':
		cn_printf(cn, "%d", task_tgid_nr(current));
		break;
	case 'i':
		cn_printf(cn, "%d", task_pid_vnr(current));
		break;
	case 'I':
		cn_printf(cn, "%d", task_pid_nr(current));
		break;
	case 'u':
		cn_printf(cn, "%u", from_kuid(&init_user_ns, cred->uid));
		break;
	case 'g':
		cn_printf(cn, "%u", from_kgid(&init_user_ns, cred->gid));
		break;
	case 'd':
		cn_printf(cn, "%d", get_dumpable(current->mm));
		break;
	case 's':
		cn_printf(cn, "%d", signr);
		break;
	case 't':
		cn_printf(cn, "%llu", ktime_get_real_ns() / NSEC_PER_SEC);
		break;
	case 'h':
		down_read(&uts_sem);
		cn_esc_printf(cn, utsname()->nodename);
		up_read(&uts_sem);
		break;
	case 'e':
		cn_esc_printf(cn, current->comm);
		break;
	case 'E':
		cn_print_exe(cn);
		break;
	case 'c':
		cn_printf(cn, "%lu", current->signal->rlim[RLIMIT_CORE].rlim_cur);
		break;
	}
}

/* The file name for this dump from kernel.core_pattern; false for a "|" pattern. */
static bool format_corename(struct core_name *cn, int signr)
{
	char pattern[CORENAME_MAX_SIZE];
	bool pid_in_pattern = false;
	const char *p;

	spin_lock(&core_pattern_lock);
	memcpy(pattern, core_pattern, sizeof(pattern));
	spin_unlock(&core_pattern_lock);
	cn->used = 0;
	cn->buf[0] = '\0';
	if (pattern[0] == '|')
		return false;
	for (p = pattern; *p; p++) {
		if (*p != '%')
			cn_printf(cn, "%c", *p);
		else if (*++p)
			cn_specifier(cn, *p, signr, &pid_in_pattern);
		else
			break;
	}
	if (!pid_in_pattern && READ_ONCE(core_uses_pid))
		cn_printf(cn, ".%d", task_tgid_vnr(current));
	return cn->used > 0;
}

/* ---- writing --------------------------------------------------------------------- */

/* Appends @nr bytes of kernel memory; false past RLIMIT_CORE or on a write error. */
bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr)
{
	loff_t pos = cprm->written;

	if (cprm->written + nr > cprm->limit)
		return false;
	if (kernel_write(cprm->file, addr, nr, &pos) != (ssize_t)nr)
		return false;
	cprm->written = pos;
	return true;
}

/*
 * @nr zero bytes, as a hole: a page the process never touched costs the
 * file nothing (Linux's dump_skip); dump_end makes the size cover it.
 */
bool dump_skip(struct coredump_params *cprm, size_t nr)
{
	if (cprm->written + nr > cprm->limit)
		return false;
	cprm->written += nr;
	return true;
}

bool dump_align(struct coredump_params *cprm, size_t align)
{
	size_t mod = cprm->written & (align - 1);

	return !mod || dump_skip(cprm, align - mod);
}

/* A hole at the very end still counts: its last byte is written (as Linux does). */
bool dump_end(struct coredump_params *cprm)
{
	static const char zero;

	if (cprm->written <= cprm->file->f_inode->i_size)
		return true;
	cprm->written--;
	return dump_emit(cprm, &zero, 1);
}

/*
 * Opens the core file: created 0600 if missing, never through a symbolic
 * link, and only a regular file of the dumper's own with one link is
 * written (Linux unlinks an old one first and creates afresh; here an old
 * one that passes those checks is truncated).
 */
static struct file *open_core_file(const char *name)
{
	struct file *file = filp_open(name, O_CREAT | O_WRONLY | O_NOFOLLOW | O_TRUNC, 0600);
	struct inode *inode;

	if (IS_ERR(file))
		return NULL;
	inode = file->f_inode;
	if (!S_ISREG(inode->i_mode) || inode->i_nlink != 1 ||
	    !uid_eq(inode->i_uid, current_fsuid()) || !inode->i_data) {
		filp_close(file);
		return NULL;
	}
	return file;
}

/*
 * Waits until @t, told to die, has entered the kernel for good
 * (PF_EXITING: its user registers are saved at the top of its stack and
 * nothing rewrites them) and is off every CPU (its FPU registers were
 * saved by the switch).  Linux parks such threads in coredump_task_exit
 * and waits on a completion; ticks of polling do here.
 */
static void wait_task_stopped_for_dump(struct task_struct *t)
{
	while (!(READ_ONCE(t->flags) & PF_EXITING) ||
	       __atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		schedule_timeout_uninterruptible(1);
}

/*
 * Takes every thread of the group as it is now (the dumping one first,
 * as Linux lists them) with its ids and times, tells the others to die,
 * and waits until each is in the kernel and off its CPU, so the
 * registers read are the ones it had in user mode (Linux's
 * coredump_wait): another CPU may be running one of them right now.
 * Unlike Linux's, a thread may go on through exit meanwhile (so what
 * needs it alive is read first; a CLONE_CHILD_CLEARTID word reads 0).
 */
static int coredump_wait(struct coredump_params *cprm, int signr)
{
	struct signal_struct *sig = current->signal;
	int i, max = sig->nr_threads + 1;
	struct task_struct *t;
	bool busy;

	cprm->threads = kcalloc(max, sizeof(*cprm->threads), GFP_KERNEL);
	if (!cprm->threads)
		return -ENOMEM;
	__asm__ __volatile__("fxsave64 %0" : "=m"(current->thread.fpu));	/* the live state */
	spin_lock_irq(&tasklist_lock);
	cprm->threads[cprm->nr_threads++].task = current;
	for_each_thread(current, t)
		if (t != current && cprm->nr_threads < max)
			cprm->threads[cprm->nr_threads++].task = t;
	for (i = 0; i < cprm->nr_threads; i++)
		get_task_struct(cprm->threads[i].task);
	spin_unlock_irq(&tasklist_lock);
	for (i = 0; i < cprm->nr_threads; i++)	/* ids and times while all are alive */
		fill_prstatus(&cprm->threads[i], signr);
	spin_lock_irq(&current->sighand->siglock);
	busy = sig->flags & SIGNAL_GROUP_EXIT;
	if (!busy) {
		sig->group_exit_code = signr;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	spin_unlock_irq(&current->sighand->siglock);
	if (busy)	/* another thread dumps (it would wait for us) or the group exits */
		return -EAGAIN;		/* as Linux's zap_threads; coredump_finish cleans up */
	for (i = 1; i < cprm->nr_threads; i++) {	/* their registers once final */
		wait_task_stopped_for_dump(cprm->threads[i].task);
		fill_prstatus_regs(&cprm->threads[i]);
	}
	return 0;
}

static void coredump_finish(struct coredump_params *cprm)
{
	int i;

	for (i = 0; i < cprm->nr_threads; i++)
		put_task_struct(cprm->threads[i].task);
	kfree(cprm->threads);
}

/*
 * A fatal signal with a core action: dump if we may.  Returns whether a
 * whole core file was written, so the exit status carries 0x80.
 */
bool do_coredump(const kernel_siginfo_t *siginfo)
{
	struct coredump_params cprm = { .siginfo = siginfo };
	struct mm_struct *mm = current->mm;
	struct core_name *cn = NULL;
	bool dumped = false;

	cprm.limit = current->signal->rlim[RLIMIT_CORE].rlim_cur;
	if (!mm || get_dumpable(mm) != SUID_DUMP_USER || cprm.limit < PAGE_SIZE ||
	    coredump_wait(&cprm, siginfo->si_signo))	/* Linux's min_coredump is a page */
		goto out;
	cn = kmalloc(sizeof(*cn), GFP_KERNEL);
	if (cn && format_corename(cn, siginfo->si_signo)) {
		cprm.file = open_core_file(cn->buf);
		if (cprm.file) {
			dumped = elf_core_dump(&cprm);
			filp_close(cprm.file);
		}
	}
out:
	kfree(cn);
	coredump_finish(&cprm);
	if (dumped) {
		spin_lock_irq(&current->sighand->siglock);
		current->signal->group_exit_code |= 0x80;
		spin_unlock_irq(&current->sighand->siglock);
	}
	return dumped;
}

/* ---- kernel.core_pattern, kernel.core_uses_pid ----------------------------------- */

static int core_pattern_show(struct seq_file *m, void *v)
{
	(void)v;
	spin_lock(&core_pattern_lock);
	seq_printf(m, "%s\n", core_pattern);
	spin_unlock(&core_pattern_lock);
	return 0;
}

/* A string sysctl (proc_dostring): up to the first newline, cut at 127 bytes. */
static ssize_t core_pattern_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	char buf[CORENAME_MAX_SIZE];
	size_t len = min(n, sizeof(buf) - 1);

	(void)f;
	(void)pos;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (strchr(buf, '\n'))
		*strchr(buf, '\n') = '\0';
	spin_lock(&core_pattern_lock);
	strlcpy(core_pattern, buf, sizeof(core_pattern));
	spin_unlock(&core_pattern_lock);
	return n;
}

static const struct int_sysctl core_uses_pid_sysctl = {
	.value = &core_uses_pid, .min = INT_MIN, .max = INT_MAX,
};

static int __init coredump_sysctl_init(void)
{
	proc_create_rw("sys/kernel/core_pattern", 0644, core_pattern_show, core_pattern_write,
		       NULL);
	proc_create_int("sys/kernel/core_uses_pid", 0644, &core_uses_pid_sysctl);
	return 0;
}
fs_initcall(coredump_sysctl_init);
