/*
 * kernel/fork.c: creating tasks.
 *
 * copy_process() builds the child in the order Linux does: check the
 * flags, duplicate the task_struct and its kernel stack, then copy or
 * share each piece (credentials, signal handlers, signal state, address
 * space, namespaces, ...), allocate its pid in every namespace it is
 * visible in, and link it into the task list.  Each failure unwinds what
 * was set up, in reverse, through the goto labels at the end.
 *
 * fork, vfork, clone and clone3 are its system calls.  clone3 (v5.3)
 * takes a struct clone_args, which also carries what clone(2) has no
 * room for: a separate pidfd pointer, the stack's size, 64-bit flags and
 * set_tid (the pids to take).  CLONE_PIDFD hands the parent a pidfd for
 * the child (kernel/pidfd.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/signal.h>
#include <linux/signalfd.h>
#include <linux/cred.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/ipc_namespace.h>
#include <linux/completion.h>
#include <linux/time.h>
#include <linux/uaccess.h>
#include <linux/futex.h>
#include <linux/user_namespace.h>
#include <linux/syscalls.h>
#include <linux/fdtable.h>
#include <linux/pidfd.h>
#include <asm/vmap_stack.h>

DEFINE_SPINLOCK(tasklist_lock);
int nr_threads;				/* tasks alive; under tasklist_lock */
int max_threads;			/* copy_process refuses more: kernel.threads-max */
unsigned long total_forks;		/* tasks ever made (/proc/stat "processes"); tasklist_lock */
static struct kmem_cache *task_struct_cachep;
static struct kmem_cache *signal_cachep;
static struct kmem_cache *sighand_cachep;

/*
 * As many tasks as an eighth of memory holds stacks for, and half that as
 * the first processes' RLIMIT_NPROC and RLIMIT_SIGPENDING (Linux's
 * set_max_threads and fork_init).
 */
void fork_init(void)
{
	u64 threads = (u64)zone_normal.managed_pages * PAGE_SIZE / (8 * THREAD_SIZE);
	struct rlimit half;

	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       64, SLAB_PANIC, NULL);
	max_threads = clamp_t(u64, threads, MIN_THREADS, MAX_THREADS);
	half.rlim_cur = half.rlim_max = max_threads / 2;
	init_task.signal->rlim[RLIMIT_NPROC] = half;
	init_task.signal->rlim[RLIMIT_SIGPENDING] = half;
}

void proc_caches_init(void)
{
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct),
					   0, SLAB_PANIC, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct),
					  0, SLAB_PANIC, NULL);
	files_cachep = kmem_cache_create("files_cache", sizeof(struct files_struct),
					 0, SLAB_PANIC, NULL);
	fs_cachep = kmem_cache_create("fs_cache", sizeof(struct fs_struct), 0, SLAB_PANIC, NULL);
}

void free_task(struct task_struct *t)
{
	if (t->flags & PF_KTHREAD)
		kfree(t->worker_private);	/* struct kthread */
	free_vmap_stack(t->stack);
	kmem_cache_free(task_struct_cachep, t);
}

static void __put_task_struct(struct task_struct *t)
{
	WARN_ON(!t->exit_state && t->state != TASK_NEW);
	exit_creds(t);
	free_task(t);
}

void put_task_struct(struct task_struct *t)
{
	if (atomic_dec_and_test(&t->usage))
		__put_task_struct(t);
}

static struct task_struct *dup_task_struct(struct task_struct *orig)
{
	const size_t fpu_start = offsetof(struct task_struct, thread.fpu),
		     fpu_end = fpu_start + sizeof(orig->thread.fpu),
		     copy_end = offsetof(struct task_struct, lockdep_depth);
	struct task_struct *tsk = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	void *stack;

	if (!tsk)
		return NULL;
	stack = alloc_vmap_stack();		/* with a guard below: overflows fault */
	if (!stack) {
		kmem_cache_free(task_struct_cachep, tsk);
		return NULL;
	}
	/*
	 * All but the fxsave image, which copy_thread fills from the live
	 * registers (fpu__copy), and the validator's fields at the end (a
	 * child starts holding nothing).
	 */
	memcpy(tsk, orig, fpu_start);
	if (copy_end > fpu_end)		/* nothing between them today: no call is compiled */
		memcpy((char *)tsk + fpu_end, (char *)orig + fpu_end, copy_end - fpu_end);
	lockdep_init_task(tsk);
	tsk->stack = stack;
	*end_of_stack(tsk) = STACK_END_MAGIC;	/* overflow detection */
	/* one for the task itself (dropped by release_task), one for the scheduler */
	atomic_set(&tsk->usage, 2);
	tsk->thread_flags = 0;
	tsk->nvcsw = tsk->nivcsw = 0;
	tsk->last_switch_count = tsk->last_switch_time = 0;
	return tsk;
}

static int copy_sighand(unsigned long clone_flags, struct task_struct *tsk)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		atomic_inc(&current->sighand->count);
		return 0;
	}
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	tsk->sighand = sig;
	if (!sig)
		return -ENOMEM;
	atomic_set(&sig->count, 1);
	spin_lock_init(&sig->siglock);
	init_waitqueue_head(&sig->signalfd_wqh);
	spin_lock_irq(&current->sighand->siglock);
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	spin_unlock_irq(&current->sighand->siglock);
	if (clone_flags & CLONE_CLEAR_SIGHAND)
		flush_signal_handlers(tsk, 0);	/* all but ignored ones back to SIG_DFL */
	return 0;
}

void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (atomic_dec_and_test(&sighand->count)) {
		signalfd_cleanup(sighand);	/* epoll sets watching a signalfd unhook */
		kmem_cache_free(sighand_cachep, sighand);
	}
}

static int copy_signal(unsigned long clone_flags, struct task_struct *tsk)
{
	struct signal_struct *sig, *cur = current->signal;

	if (clone_flags & CLONE_THREAD)
		return 0;
	sig = kmem_cache_zalloc(signal_cachep, GFP_KERNEL);
	tsk->signal = sig;
	if (!sig)
		return -ENOMEM;
	atomic_set(&sig->sigcnt, 1);
	atomic_set(&sig->live, 1);
	sig->nr_threads = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	init_waitqueue_head(&sig->wait_chldexit);
	sig->curr_target = tsk;
	INIT_LIST_HEAD(&sig->shared_pending.list);
	prev_cputime_init(&sig->prev_cputime);
	memcpy(sig->rlim, cur->rlim, sizeof(sig->rlim));
	sig->leader = 0;		/* the session leader is only the setsid() caller */
	sig->tty = cur->tty;
	sig->has_child_subreaper = cur->has_child_subreaper || cur->is_child_subreaper;
	sig->oom_score_adj = cur->oom_score_adj;
	sig->oom_score_adj_min = cur->oom_score_adj_min;
	/* the child inherits no timer: all three itimers and the POSIX ones start disarmed */
	hrtimer_init(&sig->real_timer, CLOCK_MONOTONIC);
	sig->real_timer.function = it_real_fn;
	INIT_LIST_HEAD(&sig->posix_timers);
	INIT_LIST_HEAD(&sig->cpu_timers);
	return 0;
}

void free_signal_struct(struct signal_struct *sig)
{
	if (sig->oom_mm)
		mmdrop(sig->oom_mm);	/* an OOM victim's hold on its address space */
	put_pid(sig->leader_pid);
	kmem_cache_free(signal_cachep, sig);
}

static void init_task_lists(struct task_struct *p)
{
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_group);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->pending.list);
	sigemptyset(&p->pending.signal);
	INIT_LIST_HEAD(&p->shm_clist);
	INIT_LIST_HEAD(&p->cpu_timers);
	INIT_HLIST_NODE(&p->pids[PIDTYPE_PID].node);
	INIT_HLIST_NODE(&p->pids[PIDTYPE_PGID].node);
	INIT_HLIST_NODE(&p->pids[PIDTYPE_SID].node);
}

/*
 * The idle task of an AP (Linux's fork_idle): a copy of the boot task,
 * "swapper/N", pid 0 like it, in no task list, borrowing init_mm.  It
 * is never woken or reaped: it runs when its CPU has nothing else.
 */
struct task_struct *fork_idle(int cpu)
{
	struct task_struct *p = dup_task_struct(&init_task);

	if (!p)
		return NULL;
	init_task_lists(p);
	spin_lock_init(&p->pi_lock);
	cpumask_clear(&p->cpus_mask);
	cpumask_set_cpu(cpu, &p->cpus_mask);	/* an idle task never leaves its CPU */
	snprintf(p->comm, sizeof(p->comm), "swapper/%d", cpu);
	p->se.sum_exec_runtime = 0;
	p->se.exec_start = 0;
	p->utime = p->stime = 0;
	mmgrab(&init_mm);		/* its active_mm, as the boot task's */
	p->active_mm = &init_mm;
	get_cred(p->cred);		/* exit_creds would drop them, were it ever freed */
	get_cred(p->real_cred);
	init_idle(p, cpu);
	return p;
}

/* Flag rules of copy_process (Linux's, part B4 and D3 of the semantics). */
static int check_clone_flags(unsigned long clone_flags)
{
	if ((clone_flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((clone_flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return -EINVAL;
	if ((clone_flags & CLONE_PARENT) &&
	    (current->signal->flags & SIGNAL_UNKILLABLE))
		return -EINVAL;		/* an init cannot make siblings */
	if (clone_flags & CLONE_THREAD) {
		if (clone_flags & (CLONE_NEWUSER | CLONE_NEWPID))
			return -EINVAL;
		if (task_active_pid_ns(current) != current->nsproxy->pid_ns_for_children)
			return -EINVAL;
	}
	/* CLONE_DETACHED is kept for later use (a thread may have a pidfd since v6.9) */
	if ((clone_flags & CLONE_PIDFD) && (clone_flags & CLONE_DETACHED))
		return -EINVAL;
	if ((clone_flags & CLONE_NEWIPC) && (clone_flags & CLONE_SYSVSEM))
		return -EINVAL;
	return 0;
}

/* Sets the new task's parent, thread group and place in the task list. */
static void link_task(struct task_struct *p, unsigned long clone_flags, int exit_signal)
{
	if (clone_flags & (CLONE_PARENT | CLONE_THREAD)) {
		p->real_parent = current->real_parent;
		p->exit_signal = (clone_flags & CLONE_THREAD) ? -1 : current->group_leader->exit_signal;
	} else {
		p->real_parent = current;
		p->exit_signal = exit_signal;
	}
	p->parent = p->real_parent;
	if (clone_flags & CLONE_THREAD) {
		p->group_leader = current->group_leader;
		p->tgid = current->tgid;
		list_add_tail(&p->thread_group, &p->group_leader->thread_group);
		list_add_tail(&p->tasks, &init_task.tasks);
		current->signal->nr_threads++;
		atomic_inc(&current->signal->live);
		atomic_inc(&current->signal->sigcnt);
		attach_pid(p, PIDTYPE_PID);
	} else {
		p->group_leader = p;
		p->tgid = p->pid;
		list_add_tail(&p->sibling, &p->real_parent->children);
		list_add_tail(&p->tasks, &init_task.tasks);
		p->pids[PIDTYPE_PGID].pid = current->group_leader->pids[PIDTYPE_PGID].pid;
		p->pids[PIDTYPE_SID].pid = current->group_leader->pids[PIDTYPE_SID].pid;
		attach_pid(p, PIDTYPE_PGID);
		attach_pid(p, PIDTYPE_SID);
		attach_pid(p, PIDTYPE_PID);
		p->signal->leader_pid = get_pid(task_pid(p));	/* where SIGALRM goes */
	}
	nr_threads++;
	total_forks++;
}

void set_task_comm(struct task_struct *t, const char *name)
{
	strlcpy(t->comm, name, sizeof(t->comm));
}

char *get_task_comm(char *buf, size_t n, struct task_struct *t)
{
	strlcpy(buf, t->comm, n);
	return buf;
}

/*
 * A task lets go of its address space (exit or exec): the robust futexes
 * it holds are marked as their owner's death (futex_exit_release), a
 * vfork parent waiting on it is released, and a CLONE_CHILD_CLEARTID
 * word is zeroed and its futex woken, which is how pthread_join learns a
 * thread ended.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exit_release(tsk);
	if (tsk->clear_child_tid) {
		if (atomic_read(&mm->mm_users) > 1 && !put_user(0, tsk->clear_child_tid))
			do_futex((u32 *)tsk->clear_child_tid, FUTEX_WAKE, 1, NULL, NULL, 0, 0);
		tsk->clear_child_tid = NULL;
	}
	/* Linux's complete_vfork_done: under the lock a killed parent takes to stop waiting */
	spin_lock_irq(&tasklist_lock);
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
	spin_unlock_irq(&tasklist_lock);
}

/*
 * The child of a vfork holds its parent until it execs or exits, or the
 * parent gets SIGKILL (Linux's killable wait: an OOM victim must be able
 * to die).  A killed parent unhooks its completion, which lives on its
 * stack, under the lock the child's mm_release completes it under.
 */
static void wait_for_vfork_done(struct task_struct *child, struct completion *vfork)
{
	if (!wait_for_completion_killable(vfork))
		return;
	spin_lock_irq(&tasklist_lock);
	child->vfork_done = NULL;
	spin_unlock_irq(&tasklist_lock);
}

/* Shares the address space (CLONE_VM, threads) or copies it (fork). */
static int copy_mm(unsigned long clone_flags, struct task_struct *tsk)
{
	struct mm_struct *oldmm = current->mm;

	tsk->mm = NULL;
	tsk->active_mm = NULL;
	if (!oldmm)			/* a kernel thread */
		return 0;
	if (clone_flags & CLONE_VM) {
		mmget(oldmm);
		tsk->mm = oldmm;
	} else {
		tsk->mm = dup_mm(tsk, oldmm);
		if (!tsk->mm)
			return -ENOMEM;
	}
	tsk->active_mm = tsk->mm;
	return 0;
}

/*
 * RLIMIT_NPROC, as Linux before 5.14 checked it: the real uid's
 * user_struct counts its processes, and one more than the limit allows
 * is EAGAIN, except for root of the initial namespace (root_user) and a
 * task with CAP_SYS_RESOURCE or CAP_SYS_ADMIN there.  @p still has its
 * parent's credentials and limits.
 */
static int check_nproc(struct task_struct *p)
{
	const struct cred *cred = p->real_cred;

	if ((unsigned long)atomic_read(&cred->user->processes) >=
	    p->signal->rlim[RLIMIT_NPROC].rlim_cur && cred->user != &root_user &&
	    !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN))
		return -EAGAIN;
	current->flags &= ~PF_NPROC_EXCEEDED;	/* under the limit again: execve may go on */
	return 0;
}

/* A copy of current with the per-task state of a newborn (the start of copy_process). */
static struct task_struct *new_task(struct kernel_clone_args *args)
{
	struct task_struct *p = dup_task_struct(current);

	if (!p)
		return NULL;
	init_task_lists(p);
	p->flags &= ~(PF_SUPERPRIV | PF_IDLE | PF_EXITING | PF_SIGNALED);
	p->flags |= PF_FORKNOEXEC;
	if (args->fn)
		p->flags |= PF_KTHREAD;
	p->vfork_done = NULL;
	p->utime = p->stime = 0;
	prev_cputime_init(&p->prev_cputime);
	p->start_time = ktime_get_ns();
	p->exit_state = 0;
	p->exit_code = 0;
	p->pdeath_signal = 0;		/* the parent's wish, not the child's */
	if ((args->flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		sas_ss_reset(p);	/* a thread must not run handlers on its creator's stack */
	p->worker_private = NULL;
	return p;
}

/*
 * The last step of copy_process: under tasklist_lock, the child takes
 * its new pid, joins its parent and becomes a new namespace's reaper if
 * it is its pid 1.  If a fatal signal reached the parent meanwhile, the
 * child must not survive it: -ERESTARTNOINTR, and the caller frees @pid.
 */
static int attach_new_pid(struct task_struct *p, struct pid *pid,
			  struct kernel_clone_args *args)
{
	unsigned long clone_flags = args->flags;

	p->pid = pid_nr(pid);
	p->pids[PIDTYPE_PID].pid = pid;
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? args->child_tid : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? args->child_tid : NULL;
	p->robust_list = NULL;		/* each thread registers its own */

	/*
	 * siglock too, as Linux's copy_process: a new thread joins the thread
	 * list under both locks, so zap_other_threads (siglock alone, on another
	 * CPU) either sees it or has already made this clone fatal, below.
	 */
	spin_lock_irq(&tasklist_lock);
	spin_lock(&current->sighand->siglock);
	if (fatal_signal_pending(current)) {	/* let kill end a clone in the middle */
		spin_unlock(&current->sighand->siglock);
		spin_unlock_irq(&tasklist_lock);
		return -EINTR;
	}
	if (is_child_reaper(pid)) {		/* pid 1 of its namespace, the first one's too */
		ns_of_pid(pid)->child_reaper = p;
		p->signal->flags |= SIGNAL_UNKILLABLE;
	}
	link_task(p, clone_flags, args->exit_signal);
	spin_unlock(&current->sighand->siglock);
	spin_unlock_irq(&tasklist_lock);
	return 0;
}

/* A pid that no task took is freed under tasklist_lock, as release_task frees pids. */
static void free_new_pid(struct pid *pid)
{
	spin_lock_irq(&tasklist_lock);
	free_pid(pid);
	spin_unlock_irq(&tasklist_lock);
}

/*
 * CLONE_PIDFD: a pidfd for the child, its number written to *args->pidfd
 * (EFAULT undoes it).  It is installed only once the child is linked, so
 * a failed fork leaves no descriptor behind.  Made after copy_files, so
 * a child that does not share our table never has it.  A new thread's
 * pidfd is a PIDFD_THREAD one.
 */
static int copy_pidfd(struct pid *pid, struct kernel_clone_args *args, struct file **pidfile)
{
	unsigned int flags = (args->flags & CLONE_THREAD) ? PIDFD_THREAD : 0;
	int pidfd = pidfd_prepare(pid, flags, pidfile);

	if (pidfd < 0)
		return pidfd;
	if (put_user(pidfd, args->pidfd)) {
		fput(*pidfile);
		put_unused_fd(pidfd);
		*pidfile = NULL;
		return -EFAULT;
	}
	return pidfd;
}

struct task_struct *copy_process(struct kernel_clone_args *args)
{
	unsigned long clone_flags = args->flags;
	struct file *pidfile = NULL;
	struct task_struct *p;
	int retval, pidfd = -1;
	struct pid *pid;

	retval = check_clone_flags(clone_flags);
	if (retval)
		return ERR_PTR(retval);
	retval = -ENOMEM;
	p = new_task(args);
	if (!p)
		goto fork_out;
	retval = check_nproc(p);
	if (retval)
		goto bad_fork_free;
	retval = copy_creds(p, clone_flags);
	if (retval < 0)
		goto bad_fork_free;
	retval = -EAGAIN;
	if (nr_threads >= max_threads)
		goto bad_fork_cleanup_count;
	sched_fork(p);
	retval = copy_files(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_count;
	retval = copy_fs(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_files;
	retval = copy_sighand(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_fs;
	retval = copy_signal(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_sighand;
	retval = copy_mm(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_signal;
	retval = copy_namespaces(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_mm;
	retval = copy_semundo(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_namespaces;
	retval = copy_thread(p, args);
	if (retval)
		goto bad_fork_cleanup_semundo;
	pid = alloc_pid(p->nsproxy->pid_ns_for_children, args->set_tid, args->set_tid_size);
	retval = PTR_ERR(pid);
	if (IS_ERR(pid))
		goto bad_fork_cleanup_semundo;
	if (clone_flags & CLONE_PIDFD) {
		retval = pidfd = copy_pidfd(pid, args, &pidfile);
		if (retval < 0)
			goto bad_fork_free_pid;
	}
	retval = attach_new_pid(p, pid, args);
	if (retval)
		goto bad_fork_put_pidfd;
	if (pidfile)
		fd_install(pidfd, pidfile);
	return p;

bad_fork_put_pidfd:
	if (pidfile) {
		fput(pidfile);
		put_unused_fd(pidfd);
	}
bad_fork_free_pid:
	free_new_pid(pid);
bad_fork_cleanup_semundo:
	exit_sem(p);
bad_fork_cleanup_namespaces:
	exit_task_namespaces(p);
bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (!(clone_flags & CLONE_THREAD))
		free_signal_struct(p->signal);
bad_fork_cleanup_sighand:
	__cleanup_sighand(p->sighand);
bad_fork_cleanup_fs:
	exit_fs(p);
bad_fork_cleanup_files:
	exit_files(p);
bad_fork_cleanup_count:
	atomic_dec(&p->cred->user->processes);
	exit_creds(p);
bad_fork_free:
	p->state = TASK_DEAD;
	free_task(p);
fork_out:
	return ERR_PTR(retval);
}

pid_t kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	struct pid *pid;
	pid_t nr;

	/*
	 * clone(2) returns the pidfd through parent_tid; clone3 has its own
	 * field, but the two may still not be the same word.
	 */
	if ((args->flags & CLONE_PIDFD) && (args->flags & CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid)
		return -EINVAL;
	p = copy_process(args);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = get_task_pid(p, PIDTYPE_PID);
	nr = pid_vnr(pid);
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(nr, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		p->vfork_done = &vfork;
		init_completion(&vfork);
		get_task_struct(p);
	}
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK) {
		wait_for_vfork_done(p, &vfork);
		put_task_struct(p);
	}
	put_pid(pid);
	return nr;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct kernel_clone_args args = {
		.flags = (flags | CLONE_VM | CLONE_UNTRACED) & ~CSIGNAL,
		.exit_signal = flags & CSIGNAL,
		.fn = fn,
		.fn_arg = arg,
	};

	return kernel_clone(&args);
}

/*
 * clone(2): the x86_64 argument order is flags, stack, parent_tid,
 * child_tid, tls.  Only the low 32 bits are flags (the rest are clone3's);
 * with CLONE_PIDFD the pidfd goes to *parent_tid.
 */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp, int *, parent_tidptr,
		int *, child_tidptr, unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = lower_32_bits(clone_flags) & ~CSIGNAL,
		.pidfd = parent_tidptr,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.exit_signal = lower_32_bits(clone_flags) & CSIGNAL,
		.stack = newsp,
		.tls = tls,
	};

	if (args.exit_signal > _NSIG)
		return -EINVAL;
	return kernel_clone(&args);
}

/*
 * clone3's argument, with Linux's copy_struct_from_user rules (a size
 * under CLONE_ARGS_SIZE_VER0 is EINVAL, over a page E2BIG, non-zero bytes
 * past the fields we know E2BIG) and copy_clone_args_from_user's checks,
 * in its order.  The set_tid array is copied into @kargs->set_tid.
 */
static int copy_clone_args_from_user(struct kernel_clone_args *kargs,
				     struct clone_args *uargs, size_t usize)
{
	pid_t *kset_tid = kargs->set_tid;
	struct clone_args args;
	int err;

	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	err = copy_struct_from_user(&args, sizeof(args), uargs, usize);
	if (err)
		return err;
	if (args.set_tid_size > MAX_PID_NS_LEVEL)
		return -EINVAL;
	if ((!args.set_tid && args.set_tid_size) || (args.set_tid && !args.set_tid_size))
		return -EINVAL;
	if ((args.exit_signal & ~(u64)CSIGNAL) || !valid_signal(args.exit_signal))
		return -EINVAL;
	if ((args.flags & CLONE_INTO_CGROUP) &&
	    (args.cgroup > INT_MAX || usize < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	*kargs = (struct kernel_clone_args){
		.flags = args.flags,
		.pidfd = u64_to_user_ptr(args.pidfd),
		.child_tid = u64_to_user_ptr(args.child_tid),
		.parent_tid = u64_to_user_ptr(args.parent_tid),
		.exit_signal = args.exit_signal,
		.stack = args.stack,
		.stack_size = args.stack_size,
		.tls = args.tls,
		.set_tid = kset_tid,
		.set_tid_size = args.set_tid_size,
		.cgroup = args.cgroup,
	};
	if (args.set_tid && copy_from_user(kset_tid, u64_to_user_ptr(args.set_tid),
					   args.set_tid_size * sizeof(pid_t)))
		return -EFAULT;
	return 0;
}

/*
 * A stack is its lowest address and its size, both or neither, and must
 * lie in user memory.  The child starts at its top: the x86 stack grows
 * down (Linux's clone3_stack_valid).
 */
static bool clone3_stack_valid(struct kernel_clone_args *kargs)
{
	if (!kargs->stack)
		return !kargs->stack_size;
	if (!kargs->stack_size)
		return false;
	if (!access_ok((void *)kargs->stack, kargs->stack_size))
		return false;
	kargs->stack += kargs->stack_size;
	return true;
}

/*
 * Linux's clone3_args_valid: no unknown flag; neither CLONE_DETACHED nor
 * the CSIGNAL bits, which clone3 keeps for new uses (CLONE_NEWTIME is
 * one already); not CLONE_SIGHAND with CLONE_CLEAR_SIGHAND; no exit
 * signal for a thread or a CLONE_PARENT child; a valid stack.
 *
 * CLONE_INTO_CGROUP passes and its descriptor is not looked at: that is
 * what Linux built without CONFIG_CGROUPS answers (cgroup_can_fork() does
 * nothing there).  Matryoshka has no cgroups, so it answers the same; a
 * kernel with cgroups would check the descriptor (EBADF) and place the
 * child.  Cgroups are open work.
 */
static bool clone3_args_valid(struct kernel_clone_args *kargs)
{
	if (kargs->flags & ~(CLONE_LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return false;
	if (kargs->flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((kargs->flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return false;
	if ((kargs->flags & (CLONE_THREAD | CLONE_PARENT)) && kargs->exit_signal)
		return false;
	return clone3_stack_valid(kargs);
}

/* clone3(2): clone with a struct clone_args of @size bytes. */
SYSCALL_DEFINE2(clone3, struct clone_args *, uargs, size_t, size)
{
	struct kernel_clone_args kargs;
	pid_t set_tid[MAX_PID_NS_LEVEL];
	int err;

	kargs.set_tid = set_tid;
	err = copy_clone_args_from_user(&kargs, uargs, size);
	if (err)
		return err;
	if (!clone3_args_valid(&kargs))
		return -EINVAL;
	return kernel_clone(&kargs);
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

/* set_tid_address(2): where to clear and wake at exit (musl's thread start). */
SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current->clear_child_tid = tidptr;
	return task_pid_vnr(current);
}
