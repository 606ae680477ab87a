/*
 * fs/exec.c: execve(2).
 *
 * The argument and environment strings are copied in while the old
 * program's memory still exists; the file is opened and its first bytes
 * read; a binary format (ELF, or a #! script) claims it.  The format
 * calls begin_new_exec() once it is sure the program can be loaded:
 * from there on the old program is gone (new address space, fresh signal
 * handlers, close-on-exec descriptors closed, new credentials) and a
 * failure can only kill the process, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/binfmts.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/random.h>
#include <linux/elf.h>
#include <linux/err.h>
#include <linux/syscalls.h>
#include <linux/pid_namespace.h>
#include <linux/nsproxy.h>
#include <linux/personality.h>
#include <asm/processor.h>

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);
void fpu__clear_user_state(struct task_struct *t);

#define STACK_INITIAL	(128 * 1024)

/* Appends one string (from user or kernel memory) to bprm->strings. */
static int copy_one_string(struct linux_binprm *bprm, const char *s, bool from_kernel)
{
	size_t room = MAX_ARG_BYTES - bprm->strings_len;
	long n;

	if (from_kernel) {
		n = strnlen(s, room);
		memcpy(bprm->strings + bprm->strings_len, s, min_t(size_t, n + 1, room));
	} else {
		n = strncpy_from_user(bprm->strings + bprm->strings_len, s, room);
		if (n < 0)
			return -EFAULT;
	}
	if ((size_t)n >= room)
		return -E2BIG;
	bprm->strings_len += n + 1;
	return 0;
}

/* Copies a NULL-terminated array of strings; returns how many. */
static int copy_strings(struct linux_binprm *bprm, const char *const *argv, bool from_kernel)
{
	const char *s;
	int n, err;

	if (!argv)
		return 0;		/* Linux takes a NULL argv or envp as empty */
	for (n = 0; ; n++) {
		if (from_kernel)
			s = argv[n];
		else if (get_user(s, argv + n))
			return -EFAULT;
		if (!s)
			return n;
		if (n >= 0x7fff)
			return -E2BIG;
		err = copy_one_string(bprm, s, from_kernel);
		if (err)
			return err;
	}
}

/*
 * An empty argv gets "" as argv[0], so that a program that starts at
 * argv[1] finds the NULL there, not envp (Linux 5.18's
 * do_execveat_common, which warns once).  Returns 0 (argc is then 1).
 */
static int add_empty_argv0(struct linux_binprm *bprm)
{
	pr_warn_once("process '%s' launched '%s' with NULL argv: empty string added\n",
		     current->comm, bprm->filename);
	bprm->argc = 1;
	return copy_one_string(bprm, "", true);
}

/* #! scripts put the interpreter (and its argument) in front of argv. */
int prepend_arg(struct linux_binprm *bprm, const char *arg)
{
	size_t len = strlen(arg) + 1;

	if (bprm->strings_len + len > MAX_ARG_BYTES)
		return -E2BIG;
	memmove(bprm->strings + len, bprm->strings, bprm->strings_len);
	memcpy(bprm->strings, arg, len);
	bprm->strings_len += len;
	bprm->argc++;
	return 0;
}

int drop_first_arg(struct linux_binprm *bprm)
{
	size_t len;

	if (!bprm->argc)
		return 0;
	len = strlen(bprm->strings) + 1;
	memmove(bprm->strings, bprm->strings + len, bprm->strings_len - len);
	bprm->strings_len -= len;
	bprm->argc--;
	return 0;
}

/*
 * Opens @name (from @dfd, with @lookup's flags) for running it (Linux's
 * do_open_execat): a regular file, on a mount that allows exec, that the
 * caller may execute.  Opened for reading whatever its read permission:
 * the kernel reads and maps it.
 */
static struct file *do_open_execat(int dfd, const char *name, unsigned int lookup)
{
	struct path path;
	struct file *f;
	int err;

	err = filename_lookup(dfd, name, lookup, &path);
	if (err)
		return ERR_PTR(err);
	if (S_ISLNK(path.dentry->d_inode->i_mode))
		err = -ELOOP;		/* AT_SYMLINK_NOFOLLOW met a link (may_open's) */
	else if (!S_ISREG(path.dentry->d_inode->i_mode) || (path.mnt->mnt_flags & MNT_NOEXEC))
		err = -EACCES;
	else
		err = inode_permission(path.dentry->d_inode, MAY_EXEC);
	f = err ? ERR_PTR(err) : dentry_open(&path, O_RDONLY, current_cred());
	path_put(&path);
	return f;
}

struct file *open_exec(const char *name)
{
	return do_open_execat(AT_FDCWD, name, LOOKUP_FOLLOW);
}

/* The program @name (from @dfd) becomes bprm's file; its first bytes are read. */
static int open_exec_file_at(struct linux_binprm *bprm, int dfd, const char *name,
			     unsigned int lookup)
{
	struct file *f = do_open_execat(dfd, name, lookup);
	loff_t pos = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (bprm->file)
		fput(bprm->file);
	bprm->file = f;
	memset(bprm->buf, 0, sizeof(bprm->buf));
	return kernel_read(f, bprm->buf, sizeof(bprm->buf), &pos) < 0 ? -EIO : 0;
}

/* A script's interpreter becomes bprm's file. */
int open_exec_file(struct linux_binprm *bprm, const char *name)
{
	return open_exec_file_at(bprm, AT_FDCWD, name, LOOKUP_FOLLOW);
}

/* Swaps the PIDTYPE_PID links (and numbers) of @a and @b (Linux's exchange_tids). */
static void exchange_tids(struct task_struct *a, struct task_struct *b)
{
	struct pid *pa = a->pids[PIDTYPE_PID].pid, *pb = b->pids[PIDTYPE_PID].pid;
	pid_t nr = a->pid;

	hlist_del_init(&a->pids[PIDTYPE_PID].node);
	hlist_del_init(&b->pids[PIDTYPE_PID].node);
	a->pids[PIDTYPE_PID].pid = pb;
	b->pids[PIDTYPE_PID].pid = pa;
	attach_pid(a, PIDTYPE_PID);
	attach_pid(b, PIDTYPE_PID);
	a->pid = b->pid;
	b->pid = nr;
}

/*
 * exec from a thread other than the leader: once the old leader is a
 * zombie, @tsk takes its pid, its process group and session, its place
 * among its parent's children, and the old leader is released with @tsk's
 * old thread id, as Linux's de_thread does.  Called with tasklist_lock.
 */
static void take_leadership(struct task_struct *tsk, struct task_struct *leader)
{
	struct pid_namespace *ns = task_active_pid_ns(leader);

	tsk->start_time = leader->start_time;
	exchange_tids(tsk, leader);
	transfer_pid(leader, tsk, PIDTYPE_PGID);
	transfer_pid(leader, tsk, PIDTYPE_SID);
	list_replace_init(&leader->sibling, &tsk->sibling);
	tsk->real_parent = leader->real_parent;
	tsk->parent = leader->parent;
	tsk->group_leader = tsk;
	leader->group_leader = tsk;
	tsk->exit_signal = SIGCHLD;
	leader->exit_signal = -1;
	leader->exit_state = EXIT_DEAD;
	if (ns->child_reaper == leader)
		ns->child_reaper = tsk;
}

/* Waits for the old leader to become a zombie, then takes its place. */
static int wait_for_leader(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	for (;;) {
		set_current_state(TASK_KILLABLE);
		spin_lock_irq(&tasklist_lock);
		if (leader->exit_state)
			break;
		spin_unlock_irq(&tasklist_lock);
		schedule();
		if (fatal_signal_pending(tsk)) {
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
	}
	__set_current_state(TASK_RUNNING);
	take_leadership(tsk, leader);
	spin_unlock_irq(&tasklist_lock);
	release_task(leader);
	return 0;
}

/*
 * Kills the other threads of the group and waits until they are released
 * (release_task wakes us), so the new image starts with one thread.  An
 * old leader stays behind as a zombie until we take its place.
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	int keep = thread_group_leader(tsk) ? 1 : 2, err = 0;

	if (sig->nr_threads == 1)
		return 0;
	spin_lock_irq(&tsk->sighand->siglock);
	sig->group_exit_task = tsk;
	sig->notify_count = -1;
	zap_other_threads(tsk);
	spin_unlock_irq(&tsk->sighand->siglock);
	for (;;) {
		set_current_state(TASK_KILLABLE);
		if (READ_ONCE(sig->nr_threads) <= keep)
			break;
		schedule();
		if (fatal_signal_pending(tsk)) {
			err = -EINTR;
			break;
		}
	}
	__set_current_state(TASK_RUNNING);
	if (!err && keep == 2)
		err = wait_for_leader(tsk);
	sig->group_exit_task = NULL;
	sig->notify_count = 0;
	return err;
}

/* The new address space replaces the old one (Linux's exec_mmap). */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active = tsk->active_mm;

	if (old_mm)
		mm_release(tsk, old_mm);
	spin_lock_irq(&tasklist_lock);	/* get_task_mm on another CPU sees old or new, alive */
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm(active, mm);
	spin_unlock_irq(&tasklist_lock);
	if (old_mm)
		mmput(old_mm);
	else
		mmdrop(active);		/* a kernel thread's borrowed address space */
}

static void set_comm_from(const char *filename)
{
	const char *base = strrchr(filename, '/');

	set_task_comm(current, base ? base + 1 : filename);
}

/*
 * A set-user-ID file runs with its owner as the effective uid, a
 * set-group-ID one with its group as the effective gid (Linux's
 * bprm_fill_uid).  Not from a nosuid mount, one of another mount
 * namespace or one mounted by a user namespace not ours or above it
 * (mnt_may_suid); not under no_new_privs; not when the owner or group has
 * no mapping in our user namespace.  Set-group-ID counts only with group
 * execute: without it the bit meant mandatory locking.  The file is the
 * program itself, never a #! script.
 */
static void bprm_fill_uid(struct linux_binprm *bprm)
{
	struct vfsmount *mnt = bprm->file->f_path.mnt;
	struct inode *inode = bprm->file->f_inode;
	struct cred *new = bprm->cred;
	umode_t mode = inode->i_mode;

	if ((mnt->mnt_flags & MNT_NOSUID) || mnt->mnt_ns != current->nsproxy->mnt_ns ||
	    !current_in_userns(mnt->mnt_sb->s_user_ns) || current->no_new_privs)
		return;
	if (!(mode & (S_ISUID | S_ISGID)))
		return;
	if (!kuid_has_mapping(new->user_ns, inode->i_uid) ||
	    !kgid_has_mapping(new->user_ns, inode->i_gid))
		return;
	if (mode & S_ISUID) {
		bprm->per_clear |= PER_CLEAR_ON_SETID;
		new->euid = inode->i_uid;
	}
	if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) {
		bprm->per_clear |= PER_CLEAR_ON_SETID;
		new->egid = inode->i_gid;
	}
}

int begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	int err;

	bprm_fill_uid(bprm);
	err = cap_bprm_creds_from_file(bprm);	/* the new credentials' capabilities */
	if (err)
		return err;
	bprm->point_of_no_return = true;	/* every later error is fatal */
	err = de_thread(tsk);
	if (err)
		return err;
	err = unshare_files();
	if (err)
		return err;
	bprm->mm->exe_file = get_file(bprm->file);	/* Linux's set_mm_exe_file */
	exec_mmap(bprm->mm);
	bprm->mm = NULL;
	tsk->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC | PF_RANDOMIZE);
	tsk->personality &= ~bprm->per_clear;
	tsk->sas_ss_sp = tsk->sas_ss_size = 0;
	set_comm_from(bprm->filename);
	flush_signal_handlers(tsk, 0);
	exit_itimers(tsk);		/* POSIX timers go; the itimers and alarm stay */
	flush_itimer_signals();
	do_close_on_exec(tsk->files);
	if (bprm->secureexec)
		tsk->pdeath_signal = 0;		/* a parent cannot signal a privileged program */
	/* Linux's rule: dumpable unless the effective ids are not the real ones */
	if (uid_eq(current_euid(), current_uid()) && gid_eq(current_egid(), current_gid()))
		set_dumpable(tsk->mm, SUID_DUMP_USER);
	else
		set_dumpable(tsk->mm, suid_dumpable);
	commit_creds(bprm->cred);
	bprm->cred = NULL;
	fpu__clear_user_state(tsk);
	return 0;
}

/* Writes @len bytes at *sp - len (moving *sp down); the address written to. */
static unsigned long push_bytes(unsigned long *sp, const void *data, size_t len, int *err)
{
	*sp -= len;
	if (copy_to_user((void *)*sp, data, len))
		*err = -EFAULT;
	return *sp;
}

#define NR_AUXV	(AT_VECTOR_SIZE / 2)

static int fill_auxv(struct linux_binprm *bprm, unsigned long *auxv, unsigned long random,
		     unsigned long platform, unsigned long execfn)
{
	const struct cred *c = current_cred();
	struct user_namespace *ns = c->user_ns;
	u32 a, b, cx, d;
	int n = 0;

	cpuid(1, 0, &a, &b, &cx, &d);
#define AUX(type, val) do { auxv[n++] = (type); auxv[n++] = (val); } while (0)
	if (current->mm->vdso)		/* x86's ARCH_DLINFO comes first */
		AUX(AT_SYSINFO_EHDR, current->mm->vdso);
	AUX(AT_MINSIGSTKSZ, get_sigframe_size());
	AUX(AT_HWCAP, d);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, bprm->phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, bprm->phnum);
	AUX(AT_BASE, bprm->interp_load_addr);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, bprm->e_entry);
	AUX(AT_UID, from_kuid_munged(ns, c->uid));
	AUX(AT_EUID, from_kuid_munged(ns, c->euid));
	AUX(AT_GID, from_kgid_munged(ns, c->gid));
	AUX(AT_EGID, from_kgid_munged(ns, c->egid));
	AUX(AT_SECURE, bprm->secureexec);
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP2, 0);		/* no FSGSBASE for user space, no ring-3 MWAIT */
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/* Pointers to each NUL-terminated string starting at @base, in user memory. */
static void push_string_pointers(unsigned long *table, unsigned long base,
				 const char *strings, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		table[i] = base;
		base += strlen(strings) + 1;
		strings += strlen(strings) + 1;
	}
	table[count] = 0;
}

/*
 * The stack VMA: its top is STACK_TOP less the random offset, it may grow
 * down, and it is executable when PT_GNU_STACK asked (Linux's
 * setup_arg_pages).
 */
static unsigned long stack_vma(struct linux_binprm *bprm)
{
	unsigned long top = randomize_stack_top(STACK_TOP);
	unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			      VM_GROWSDOWN | (bprm->executable_stack ? VM_EXEC : 0);

	return vma_alloc_insert(current->mm, top - STACK_INITIAL, top, flags) ? top : 0;
}

/* The argument and environment strings and AT_EXECFN's name, under @sp. */
static int push_strings(struct linux_binprm *bprm, unsigned long *sp, unsigned long *execfn)
{
	struct mm_struct *mm = current->mm;
	size_t argv_len;
	int err = 0, i;

	*execfn = push_bytes(sp, bprm->filename, strlen(bprm->filename) + 1, &err);
	mm->arg_start = push_bytes(sp, bprm->strings, bprm->strings_len, &err);
	for (argv_len = 0, i = 0; i < bprm->argc; i++)
		argv_len += strlen(bprm->strings + argv_len) + 1;
	mm->arg_end = mm->env_start = mm->arg_start + argv_len;
	mm->env_end = mm->arg_start + bprm->strings_len;
	return err;
}

/*
 * The initial stack, as Linux's create_elf_tables builds it: from the
 * top, the program's name, the argument and environment strings, the
 * platform string and 16 random bytes; then, from the stack pointer up:
 * argc, argv[], NULL, envp[], NULL, the auxiliary vector.
 */
int setup_arg_pages(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	size_t words = 1 + bprm->argc + 1 + bprm->envc + 1 + 2 * NR_AUXV;
	unsigned long sp, execfn, random, platform, *tab;
	u8 rnd[16];
	int err, n;

	sp = stack_vma(bprm);
	if (!sp)
		return -ENOMEM;
	mm->start_stack = sp;
	err = arch_setup_additional_pages(bprm);	/* the vDSO, above the stack if it fits */
	if (err)
		return err;
	sp -= sizeof(void *);			/* a NULL word at the very top */
	err = push_strings(bprm, &sp, &execfn);
	sp = arch_align_stack(sp);
	platform = push_bytes(&sp, "x86_64", 7, &err);
	get_random_bytes(rnd, sizeof(rnd));
	random = push_bytes(&sp, rnd, sizeof(rnd), &err);
	sp = ALIGN_DOWN(sp - words * sizeof(long), 16);
	tab = kcalloc(words, sizeof(long), GFP_KERNEL);
	if (!tab)
		return -ENOMEM;
	tab[0] = bprm->argc;
	push_string_pointers(tab + 1, mm->arg_start, bprm->strings, bprm->argc);
	push_string_pointers(tab + 2 + bprm->argc, mm->env_start,
			     bprm->strings + (mm->env_start - mm->arg_start), bprm->envc);
	n = fill_auxv(bprm, tab + 3 + bprm->argc + bprm->envc, random, platform, execfn);
	/* kept for core dumps' NT_AUXV, as Linux's create_elf_tables keeps it */
	memcpy(mm->saved_auxv, tab + 3 + bprm->argc + bprm->envc,
	       min_t(size_t, n, ARRAY_SIZE(mm->saved_auxv)) * sizeof(long));
	if (copy_to_user((void *)sp, tab, (3 + bprm->argc + bprm->envc + n) * sizeof(long)))
		err = -EFAULT;
	kfree(tab);
	bprm->stack_top = mm->start_stack = sp;
	return err;
}

/* #!interpreter [one argument]: run the interpreter with the script as its argument. */
int load_script(struct linux_binprm *bprm)
{
	char *cp, *interp, *arg = NULL, *end = bprm->buf + BINPRM_BUF_SIZE - 1;
	int err;

	if (bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return -ENOEXEC;
	if (++bprm->depth > MAX_INTERP_DEPTH)
		return -ELOOP;
	*end = '\0';
	cp = strchr(bprm->buf, '\n');
	if (cp)
		*cp = '\0';
	for (interp = bprm->buf + 2; *interp == ' ' || *interp == '\t'; interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (cp = interp; *cp && *cp != ' ' && *cp != '\t'; cp++)
		;
	if (*cp) {
		*cp++ = '\0';
		arg = skip_spaces(cp);
		if (!*arg)
			arg = NULL;
	}
	/* argv[0] (the script's own) becomes: interp [arg] script-path */
	err = drop_first_arg(bprm);
	if (!err)
		err = prepend_arg(bprm, bprm->filename);
	if (!err && arg)
		err = prepend_arg(bprm, arg);
	if (!err)
		err = prepend_arg(bprm, interp);
	if (!err)
		err = open_exec_file(bprm, interp);
	return err;
}

static int exec_binprm(struct linux_binprm *bprm)
{
	int err;

	for (;;) {
		err = load_script(bprm);
		if (err != -ENOEXEC && err)
			return err;
		if (err == -ENOEXEC)
			return load_elf_binary(bprm);
	}
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->mm)
		mmput(bprm->mm);
	if (bprm->cred)
		abort_creds(bprm->cred);
	if (bprm->file)
		fput(bprm->file);
	if (bprm->strings)
		free_pages((unsigned long)bprm->strings, get_order(MAX_ARG_BYTES));
	putname(bprm->filename);
	kfree(bprm);
}

/*
 * The name the new program is known by (comm, AT_EXECFN, a script's
 * interpreter's argument): @filename, or for execveat from a descriptor
 * "/dev/fd/FD" and "/dev/fd/FD/NAME" (Linux's alloc_bprm).  Takes @filename.
 */
static char *bprm_name(int fd, char *filename)
{
	char *name;

	if (fd == AT_FDCWD || filename[0] == '/')
		return filename;
	name = kmalloc(PATH_MAX, GFP_KERNEL);
	if (name && filename[0])
		snprintf(name, PATH_MAX, "/dev/fd/%d/%s", fd, filename);
	else if (name)
		snprintf(name, PATH_MAX, "/dev/fd/%d", fd);
	putname(filename);
	return name ? name : ERR_PTR(-ENOMEM);
}

static int do_execve_common(int fd, char *filename, const char *const *argv,
			    const char *const *envp, unsigned int lookup, bool from_kernel)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	int err = -ENOMEM;

	if (!bprm) {
		putname(filename);
		return err;
	}
	bprm->filename = filename;
	/* a setuid() went over RLIMIT_NPROC: fail here, where programs look (Linux's) */
	if ((current->flags & PF_NPROC_EXCEEDED) &&
	    (unsigned long)atomic_read(&current_cred()->user->processes) >
	    current->signal->rlim[RLIMIT_NPROC].rlim_cur) {
		err = -EAGAIN;
		goto out;
	}
	current->flags &= ~PF_NPROC_EXCEEDED;
	bprm->strings = (char *)__get_free_pages(GFP_KERNEL, get_order(MAX_ARG_BYTES));
	bprm->mm = mm_alloc();
	bprm->cred = prepare_creds();
	if (!bprm->strings || !bprm->mm || !bprm->cred)
		goto out;
	err = bprm->argc = copy_strings(bprm, argv, from_kernel);
	if (!err)
		err = add_empty_argv0(bprm);
	if (err >= 0)
		err = bprm->envc = copy_strings(bprm, envp, from_kernel);
	if (err < 0)
		goto out;
	err = open_exec_file_at(bprm, fd, filename, lookup);
	if (!err) {
		bprm->filename = bprm_name(fd, filename);
		err = PTR_ERR_OR_ZERO(bprm->filename);
	}
	if (!err)
		err = exec_binprm(bprm);
	if (!err) {
		start_thread(task_pt_regs(current), bprm->entry, bprm->stack_top);
		current->restart_block.fn = NULL;
	} else if (bprm->point_of_no_return && !fatal_signal_pending(current)) {
		force_fatal_sig(SIGSEGV);	/* the old program may be gone: whatever its handler */
	}
out:
	free_bprm(bprm);
	return err;
}

SYSCALL_DEFINE3(execve, const char *, filename, const char *const *, argv,
		const char *const *, envp)
{
	char *name = getname(filename);

	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!*name) {
		putname(name);
		return -ENOENT;
	}
	return do_execve_common(AT_FDCWD, name, argv, envp, LOOKUP_FOLLOW, false);
}

/*
 * execveat(2): the program @filename names from @fd, or with
 * AT_EMPTY_PATH and "" the file @fd is open on (fexecve); with
 * AT_SYMLINK_NOFOLLOW a final link is ELOOP.
 */
SYSCALL_DEFINE5(execveat, int, fd, const char *, filename, const char *const *, argv,
		const char *const *, envp, int, flags)
{
	char *name;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!*name && !(flags & AT_EMPTY_PATH)) {
		putname(name);
		return -ENOENT;
	}
	return do_execve_common(fd, name, argv, envp, at_lookup_flags(flags), false);
}

/* The kernel running a program (init), with kernel-memory arguments. */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	char *name = kstrdup(filename, GFP_KERNEL);

	if (!name)
		return -ENOMEM;
	return do_execve_common(AT_FDCWD, name, argv, envp, LOOKUP_FOLLOW, true);
}
