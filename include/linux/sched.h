/*
 * include/linux/sched.h: the task and the scheduler's interface.
 *
 * struct task_struct keeps Linux's field names, so a student can read
 * this file beside Linux's.  Only the fields Matryoshka uses are here.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/preempt.h>
#include <linux/pid.h>
#include <linux/signal_types.h>
#include <linux/sched/debug.h>
#include <linux/timer.h>
#include <asm/percpu.h>
#include <linux/cpumask.h>
#include <asm/processor.h>
#include <asm/page.h>

/* task->state, as Linux's */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define __TASK_STOPPED		0x0004
#define __TASK_TRACED		0x0008
#define TASK_DEAD		0x0080
#define TASK_WAKEKILL		0x0100
#define TASK_NEW		0x0800
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->exit_state */
#define EXIT_DEAD		0x0010
#define EXIT_ZOMBIE		0x0020

/* task->flags */
#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_FORKNOEXEC		0x00000040
#define PF_SUPERPRIV		0x00000100
#define PF_SIGNALED		0x00000400
#define PF_NPROC_EXCEEDED	0x00001000	/* set_user found RLIMIT_NPROC exceeded */
#define PF_KTHREAD		0x00200000
#define PF_NO_SETAFFINITY	0x04000000	/* bound to its CPU (kthread_bind): sched_setaffinity is EINVAL */
#define PF_RANDOMIZE		0x00400000	/* exec randomized this program's layout (mm/util.c) */

/* Scheduling policies, as the sched_setscheduler ABI numbers them. */
#define SCHED_NORMAL		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5

#define MAX_NICE		19
#define MIN_NICE		-20
#define NICE_WIDTH		40
#define MAX_RT_PRIO		100
#define MAX_PRIO		(MAX_RT_PRIO + NICE_WIDTH)
#define DEFAULT_PRIO		(MAX_RT_PRIO + NICE_WIDTH / 2)
#define NICE_TO_PRIO(n)		((n) + DEFAULT_PRIO)
#define PRIO_TO_NICE(p)		((p) - DEFAULT_PRIO)
#define NICE_0_LOAD		1024

#define TASK_COMM_LEN		16
#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)
#define STACK_END_MAGIC		0x57AC6E9DUL

struct mm_struct;
struct nsproxy;
struct cred;
struct signal_struct;
struct sighand_struct;
struct files_struct;
struct fs_struct;
struct completion;
struct rq;

/* What restart_syscall(2) resumes after a signal without a handler. */
struct restart_block {
	long (*fn)(struct restart_block *);
	u64 expires;			/* nanosleep: the absolute end on the clock */
	void *rmtp;			/* nanosleep: where the remaining time goes */
	int clock;			/* clock_nanosleep on a CPU clock: which */
	struct {			/* futex_wait_restart: the wait, expires its deadline */
		u32 *uaddr;
		u32 val, bitset;
		unsigned int flags;
	} futex;
};

struct load_weight {
	unsigned long weight;
	u32 inv_weight;			/* 2^32 / weight, to divide by multiplying */
};

/* What the fair class schedules (Linux's struct sched_entity). */
struct sched_entity {
	struct load_weight load;
	struct rb_node run_node;	/* in cfs_rq.tasks_timeline, by vruntime */
	unsigned int on_rq;
	u64 exec_start;			/* clock when it last started running */
	u64 sum_exec_runtime;		/* total ns on the CPU */
	u64 prev_sum_exec_runtime;	/* sum_exec_runtime when last picked */
	u64 vruntime;			/* runtime weighted by nice: the tree key */
};

/* What the real-time class schedules. */
struct sched_rt_entity {
	struct list_head run_list;
	unsigned int time_slice;	/* SCHED_RR: ticks left */
	unsigned int on_rq;
};

/*
 * The last user/system split reported for a task or a process, so the
 * next one never shows either part going back (kernel/sched/cputime.c).
 */
struct prev_cputime {
	u64 utime;
	u64 stime;
	spinlock_t lock;
};

/* A task's or a process's CPU time: the sampled split and the precise total, in ns. */
struct task_cputime {
	u64 utime;
	u64 stime;
	u64 sum_exec_runtime;
};

/* x86 register state kept across a context switch. */
struct thread_struct {
	unsigned long sp;		/* kernel stack pointer while switched out */
	unsigned long fsbase;		/* user TLS base (arch_prctl ARCH_SET_FS) */
	unsigned long gsbase;		/* user GS base (ARCH_SET_GS): in MSR_KERNEL_GS_BASE
					 * while the task is in the kernel, swapgs swaps it in */
	/* the last fault or trap that signalled the task: its sigcontext's trapno, err, cr2 */
	unsigned long trap_nr, error_code, cr2;
	u8 fpu[512] __aligned(16);	/* fxsave image: x87, MMX, SSE */
};

/* thread_flags bits */
#define TIF_SIGPENDING		2
#define TIF_NEED_RESCHED	3
#define TIF_NOTIFY_RESUME	1
#define TIF_RESTORE_SIGMASK	4	/* sigsuspend: put saved_sigmask back */

struct task_struct {
	volatile long state;		/* TASK_* above */
	void *stack;			/* THREAD_SIZE bytes; pt_regs at the top for user tasks */
	atomic_t usage;
	unsigned int flags;		/* PF_* */
	unsigned int personality;	/* personality(2): ADDR_NO_RANDOMIZE ... */
	int pagefault_disabled;		/* pagefault_disable() depth: user faults fail */
	unsigned long thread_flags;	/* TIF_*, set from interrupts: atomic ops */

	int on_rq;			/* 0, TASK_ON_RQ_QUEUED or _MIGRATING (kernel/sched/sched.h) */
	int on_cpu;			/* 1 from being picked until switched away from (finish_task_switch) */
	int cpu;			/* the run queue it is on or last ran on (task_cpu): changes under
					   pi_lock and, if it is queued, that queue's lock */
	spinlock_t pi_lock;		/* serializes wake-ups and affinity changes of this task; before rq->lock */
	struct cpumask cpus_mask;	/* the CPUs it may run on: sched_setaffinity */
	int prio, static_prio, normal_prio;
	unsigned int rt_priority;
	unsigned int policy;
	const struct sched_class *sched_class;
	struct sched_entity se;
	struct sched_rt_entity rt;
	unsigned long nvcsw, nivcsw;	/* switches out: by sleeping, by preemption */
	unsigned long last_switch_count; /* the hung-task detector's last look: nvcsw + nivcsw */
	unsigned long last_switch_time;	/* and when it saw it change, in jiffies */

	struct list_head tasks;		/* every task, from init_task.tasks */
	struct list_head ptrace_entry;	/* on exit_notify's list of tasks to release */
	struct mm_struct *mm;		/* NULL for kernel threads; mm, fs, files, creds and
					 * nsproxy change under tasklist_lock (Linux: task_lock
					 * and RCU): another task reads them under it */
	struct mm_struct *active_mm;	/* the page tables in use (a kthread borrows one) */

	int exit_state;			/* EXIT_ZOMBIE, EXIT_DEAD */
	int exit_code;
	int exit_signal;		/* sent to the parent at exit; -1: reap at once */
	int pdeath_signal;

	pid_t pid;			/* in the initial pid namespace */
	pid_t tgid;
	struct task_struct *real_parent;	/* who forked us (or the reaper after) */
	struct task_struct *parent;	/* who gets SIGCHLD and wait()s */
	struct list_head children;
	struct list_head sibling;	/* in the parent's children */
	struct task_struct *group_leader;
	struct list_head thread_group;	/* the other threads of our group */

	struct pid_link pids[PIDTYPE_MAX];	/* PGID and SID: used on the group leader */

	struct completion *vfork_done;
	int *set_child_tid;		/* CLONE_CHILD_SETTID */
	int *clear_child_tid;		/* CLONE_CHILD_CLEARTID: futex-woken at exit */
	struct robust_list_head *robust_list;	/* set_robust_list: held locks, walked at exit */

	u64 utime, stime;		/* ns: whole ticks, sampled in user or kernel mode */
	struct prev_cputime prev_cputime;
	u64 start_time;			/* ns since boot */
	char comm[TASK_COMM_LEN];

	struct fs_struct *fs;
	struct files_struct *files;
	struct nsproxy *nsproxy;
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	sigset_t blocked;
	sigset_t real_blocked;
	sigset_t saved_sigmask;		/* restored after sigsuspend */
	struct sigpending pending;	/* signals for this thread */
	unsigned long sas_ss_sp;	/* sigaltstack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	const struct cred *real_cred;	/* objective credentials */
	const struct cred *cred;	/* subjective credentials */

	struct restart_block restart_block;
	void *worker_private;		/* struct kthread, for kthreads */
	unsigned int no_new_privs:1;	/* prctl(PR_SET_NO_NEW_PRIVS) */
	void *sysvsem;			/* struct sem_undo_list, shared with CLONE_SYSVSEM */
	struct list_head shm_clist;	/* shm segments this task created (shm_rmid_forced) */
	struct task_struct *oom_reaper_list;	/* next on the OOM reaper's list */
	struct timer_list oom_reaper_timer;	/* queues it there, OOM_REAPER_DELAY after the kill */
	struct list_head cpu_timers;	/* POSIX timers armed on this thread's CPU time; tasklist_lock */

	struct thread_struct thread;	/* its fpu area is big */

	/*
	 * The lock validator's (kernel/locking/lockdep.c), after everything
	 * dup_task_struct copies: a child starts holding nothing.  Only the
	 * task itself changes them, with interrupts off.
	 */
	int lockdep_depth;		/* entries in held_locks */
	int lockdep_recursion;		/* inside the validator: do not validate */
	unsigned int hardirq_context;	/* interrupt handlers running on this task */
	struct held_lock held_locks[MAX_LOCK_DEPTH];
};

/* The running task: the per-CPU area holds it, as Linux's current_task. */
static inline struct task_struct *get_current(void)
{
	struct task_struct *t;

	__asm__ __volatile__("movq %%gs:%c1, %0" : "=r"(t) : "i"(PCPU_CURRENT));
	return t;
}
#define current get_current()

/*
 * A user access the kernel makes with a lock held must not sleep in the
 * fault handler: between these, a fault on a user address fails with
 * -EFAULT at once, and the caller faults the page in unlocked (Linux's
 * pagefault_disable, include/linux/uaccess.h).
 */
static inline void pagefault_disable(void)
{
	get_current()->pagefault_disabled++;
	barrier();
}

static inline void pagefault_enable(void)
{
	barrier();
	get_current()->pagefault_disabled--;
}

static inline bool pagefault_disabled(void)
{
	return get_current()->pagefault_disabled != 0;
}

extern struct task_struct init_task;

static inline bool test_tsk_thread_flag(struct task_struct *t, int flag)
{
	return (READ_ONCE(t->thread_flags) >> flag) & 1;
}

static inline void set_tsk_thread_flag(struct task_struct *t, int flag)
{
	__atomic_or_fetch(&t->thread_flags, 1UL << flag, __ATOMIC_SEQ_CST);
}

static inline void clear_tsk_thread_flag(struct task_struct *t, int flag)
{
	__atomic_and_fetch(&t->thread_flags, ~(1UL << flag), __ATOMIC_SEQ_CST);
}

static inline void set_tsk_need_resched(struct task_struct *t)
{
	set_tsk_thread_flag(t, TIF_NEED_RESCHED);
}

static inline bool need_resched(void)
{
	return test_tsk_thread_flag(current, TIF_NEED_RESCHED);
}

static inline bool signal_pending(struct task_struct *t)
{
	return test_tsk_thread_flag(t, TIF_SIGPENDING);
}

/*
 * A full barrier after the store (Linux's smp_store_mb): the sleeper's
 * next load, of the condition it waits for, must not pass it, or a waker
 * on another CPU could set the condition, still see TASK_RUNNING and not
 * wake it: a lost wake-up.  xchg is the barrier on x86.
 */
#define set_current_state(s)	((void)__atomic_exchange_n(&current->state, (long)(s), __ATOMIC_SEQ_CST))
#define __set_current_state(s)	WRITE_ONCE(current->state, (s))

/*
 * For the states a task enters without a condition to look at again
 * (TASK_DEAD, TASK_STOPPED): the store is made under pi_lock, as Linux's
 * set_special_state.  A waker that matched an earlier sleeping state
 * holds pi_lock until it has written TASK_RUNNING, so that store lands
 * before this one instead of over it: a dead task put back on a run
 * queue (and freed there), a stop lost.
 */
#define set_special_state(s) do {					\
	unsigned long __flags;						\
									\
	spin_lock_irqsave(&current->pi_lock, __flags);			\
	WRITE_ONCE(current->state, (s));				\
	spin_unlock_irqrestore(&current->pi_lock, __flags);		\
} while (0)

static inline bool is_idle_task(const struct task_struct *p)
{
	return p->flags & PF_IDLE;
}

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
	return t;
}
void put_task_struct(struct task_struct *t);

static inline unsigned long *end_of_stack(const struct task_struct *p)
{
	return p->stack;
}

#define task_stack_page(t)	((t)->stack)
#define task_pt_regs(t)	((struct pt_regs *)((char *)(t)->stack + THREAD_SIZE) - 1)

/* A task's pids, and their numbers as a given namespace sees them. */
static inline struct pid *task_pid(struct task_struct *t)
{
	return t->pids[PIDTYPE_PID].pid;
}

static inline struct pid *task_tgid(struct task_struct *t)
{
	return t->group_leader->pids[PIDTYPE_PID].pid;
}

static inline struct pid *task_pgrp(struct task_struct *t)
{
	return t->group_leader->pids[PIDTYPE_PGID].pid;
}

static inline struct pid *task_session(struct task_struct *t)
{
	return t->group_leader->pids[PIDTYPE_SID].pid;
}

static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
static inline pid_t task_tgid_nr(struct task_struct *t) { return t->tgid; }
static inline pid_t task_pid_nr_ns(struct task_struct *t, struct pid_namespace *ns)
{
	return pid_nr_ns(task_pid(t), ns);
}
static inline pid_t task_tgid_nr_ns(struct task_struct *t, struct pid_namespace *ns)
{
	return pid_nr_ns(task_tgid(t), ns);
}
static inline pid_t task_pid_vnr(struct task_struct *t) { return pid_vnr(task_pid(t)); }
static inline pid_t task_tgid_vnr(struct task_struct *t) { return pid_vnr(task_tgid(t)); }
static inline pid_t task_pgrp_vnr(struct task_struct *t) { return pid_vnr(task_pgrp(t)); }
static inline pid_t task_session_vnr(struct task_struct *t) { return pid_vnr(task_session(t)); }
pid_t task_ppid_nr_ns(struct task_struct *t, struct pid_namespace *ns);

/* Pid 1 of the initial namespace, the one process the OOM killer never picks. */
static inline bool is_global_init(struct task_struct *t)
{
	return task_tgid_nr(t) == 1;
}

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* Is @p the only thread left in its group? */
static inline bool thread_group_empty(const struct task_struct *p)
{
	return list_empty(&p->group_leader->thread_group);
}

/* A leader that has exited but must wait for its threads before it is reported. */
static inline bool delay_group_leader(const struct task_struct *p)
{
	return thread_group_leader(p) && !thread_group_empty(p);
}

static inline bool same_thread_group(const struct task_struct *a, const struct task_struct *b)
{
	return a->group_leader == b->group_leader;
}

static inline struct task_struct *__next_thread(struct task_struct *leader,
					       struct task_struct *t)
{
	struct list_head *next = t->thread_group.next;

	if (t == leader)
		next = leader->thread_group.next;
	return next == &leader->thread_group ? NULL :
	       list_entry(next, struct task_struct, thread_group);
}

/* Every thread of @p's group, the leader first.  Hold tasklist_lock or siglock. */
#define for_each_thread(p, t) \
	for (t = (p)->group_leader; t; t = __next_thread((p)->group_leader, t))

static inline void prev_cputime_init(struct prev_cputime *prev)
{
	prev->utime = prev->stime = 0;
	spin_lock_init(&prev->lock);
}

/* The scheduler (kernel/sched/). */
#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

void sched_init(void);
void schedule(void);
void schedule_debug(void);	/* kernel/sched/might_sleep.c */
void preempt_schedule_irq(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void scheduler_tick(void);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
void wake_up_new_task(struct task_struct *p);
void sched_fork(struct task_struct *p);
void set_user_nice(struct task_struct *p, long nice);
int task_nice(const struct task_struct *p);
int sched_setscheduler_nocheck(struct task_struct *p, int policy, int prio);
int do_sched_yield(void);
void init_idle(struct task_struct *idle, int cpu);
void sched_set_pcpu_rq(struct pcpu *pcpu, int cpu);
struct task_struct *fork_idle(int cpu);
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask);
void kthread_bind(struct task_struct *p, unsigned int cpu);
void cpu_startup_entry(void) __attribute__((noreturn));
unsigned long nr_running(void);
unsigned long nr_context_switches(void);

#define preemptible()		(preempt_count() == 0 && !irqs_disabled())

/* Task creation and exit (kernel/fork.c, kernel/exit.c). */
pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void do_exit(long code) __attribute__((noreturn));
void do_group_exit(int exit_code) __attribute__((noreturn));
void do_task_dead(void) __attribute__((noreturn));
void exit_mm(void);
void kthread_exit_notify(struct task_struct *tsk, long code);
void free_signal_struct(struct signal_struct *sig);
void __cleanup_sighand(struct sighand_struct *sighand);
void flush_sigqueue(struct sigpending *queue);
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent);
void msleep(unsigned int msecs);
void release_task(struct task_struct *p);
void set_task_comm(struct task_struct *t, const char *name);
char *get_task_comm(char *buf, size_t n, struct task_struct *t);
void fork_init(void);

/* copy_process's cap on tasks (Linux's kernel/fork.c): kernel.threads-max */
#define MIN_THREADS	20
#define MAX_THREADS	0x3fffffff	/* FUTEX_TID_MASK */
extern int nr_threads, max_threads;
extern unsigned long total_forks;
void proc_caches_init(void);

#define for_each_process(p) \
	list_for_each_entry(p, &init_task.tasks, tasks)

extern spinlock_t tasklist_lock;	/* protects the task list and parent/child links */

#endif
