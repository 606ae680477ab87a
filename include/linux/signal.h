/*
 * include/linux/signal.h: signals, the Linux x86_64 ABI and the kernel's records.
 *
 * sighand_struct holds the handlers (shared by CLONE_SIGHAND threads);
 * signal_struct is the thread group's shared state: group-wide pending
 * signals, exit and stop bookkeeping, rlimits, the controlling tty, and
 * whether this process is a namespace init (SIGNAL_UNKILLABLE).
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>
#include <linux/signal_types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/posix-timers.h>

struct pt_regs;

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define SIGRTMAX	_NSIG

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SIG_DFL		((void *)0)
#define SIG_IGN		((void *)1)

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)	/* the stack is disarmed while a handler runs on it */
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048
unsigned long get_sigframe_size(void);

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	-1
#define SI_TIMER	-2		/* a POSIX timer expired */
#define SI_MESGQ	-3
#define SI_SIGIO	-5		/* a queued SIGIO whose signal has codes of its own */
#define SI_TKILL	-6
#define POLL_IN		1		/* SIGIO (F_SETSIG): data to read */
#define POLL_OUT	2		/* room to write */
#define POLL_MSG	3
#define POLL_ERR	4
#define POLL_PRI	5
#define POLL_HUP	6
#define NSIGPOLL	6
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define ILL_ILLOPN	2
#define ILL_PRVOPC	5
#define FPE_INTDIV	1
#define TRAP_BRKPT	1

/* stack_t, for sigaltstack and ucontext. */
struct user_stack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
};

/* The user ABI of struct sigaction for rt_sigaction (kernel layout). */
struct sigaction {
	void *sa_handler;
	unsigned long sa_flags;
	void *sa_restorer;
	sigset_t sa_mask;
};

struct k_sigaction {
	struct sigaction sa;
};

typedef union sigval {
	int sival_int;
	void *sival_ptr;
} sigval_t;

/* struct sigevent as x86_64 user space passes it (64 bytes). */
#define SIGEV_SIGNAL	0		/* a signal */
#define SIGEV_NONE	1		/* nothing */
#define SIGEV_THREAD	2		/* libc runs a thread: the kernel sends a signal */
#define SIGEV_THREAD_ID	4		/* the signal goes to one thread (with SIGEV_SIGNAL) */

struct sigevent {
	sigval_t sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int _pad[12];
		int _tid;		/* SIGEV_THREAD_ID */
	} _sigev_un;
};
#define sigev_notify_thread_id	_sigev_un._tid

/* siginfo_t as x86_64 user space sees it: 128 bytes. */
typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct {		/* kill, sigqueue */
			pid_t pid;
			uid_t uid;
			sigval_t value;
		} kill;
		struct {		/* SI_TIMER */
			int tid;	/* the timer's id */
			int overrun;	/* expiries missed before this one was taken */
			sigval_t value;
			int sys_private;	/* the kernel's: which arming queued it */
		} timer;
		struct {		/* SIGIO, F_SETSIG */
			long band;	/* the POLL* bits of the event */
			int fd;
		} sigpoll;
		struct {		/* SIGCHLD */
			pid_t pid;
			uid_t uid;
			int status;
			long utime, stime;
		} chld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *addr;
		} fault;
		char __pad[128 - 16];
	} u;
} kernel_siginfo_t;

#define si_pid		u.kill.pid
#define si_uid		u.kill.uid
#define si_tid		u.timer.tid
#define si_overrun	u.timer.overrun
#define si_sys_private	u.timer.sys_private

/* A queued signal. */
struct sigqueue {
	struct list_head list;
	int flags;			/* SIGQUEUE_PREALLOC */
	kernel_siginfo_t info;
	struct user_struct *user;	/* charged to its sigpending count */
};

/*
 * A POSIX timer's own sigqueue, allocated once with the timer: queued
 * again and again, never freed by dequeueing while the timer lives.
 */
#define SIGQUEUE_PREALLOC	1

struct sighand_struct {
	atomic_t count;
	spinlock_t siglock;		/* protects pending, blocked and action, process-wide */
	struct k_sigaction action[_NSIG];
	wait_queue_head_t signalfd_wqh;	/* signalfd readers and pollers (fs/signalfd.c) */
};

/* signal_struct->flags */
#define SIGNAL_STOP_STOPPED	0x00000001	/* the job is stopped */
#define SIGNAL_STOP_CONTINUED	0x00000002
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group or a fatal signal */
#define SIGNAL_CLD_STOPPED	0x00000010
#define SIGNAL_CLD_CONTINUED	0x00000020
#define SIGNAL_UNKILLABLE	0x00000040	/* a namespace init */

struct tty_struct;

struct signal_struct {
	atomic_t sigcnt;
	atomic_t live;			/* threads not yet exited */
	int nr_threads;
	struct list_head thread_head;
	wait_queue_head_t wait_chldexit;	/* wait4 sleepers */
	struct task_struct *curr_target;
	struct sigpending shared_pending;	/* process-wide pending */
	int group_exit_code;
	int notify_count;
	struct task_struct *group_exit_task;
	int group_stop_count;
	unsigned int flags;		/* SIGNAL_* */
	unsigned int is_child_subreaper:1;
	unsigned int has_child_subreaper:1;
	int leader;			/* a session leader */
	struct tty_struct *tty;		/* the controlling terminal, or NULL */
	/* CPU time of the threads already released, and of the children reaped */
	u64 utime, stime, cutime, cstime;
	u64 sum_sched_runtime;
	struct prev_cputime prev_cputime;	/* the last split the process reported */
	struct rlimit rlim[RLIM_NLIMITS];
	/* the OOM killer (mm/oom_kill.c); oom_score_adj* under oom_adj_mutex */
	short oom_score_adj;		/* -1000..1000: /proc/PID/oom_score_adj */
	short oom_score_adj_min;	/* set with CAP_SYS_RESOURCE: the floor without it */
	struct mm_struct *oom_mm;	/* chosen as a victim: its mm (mmgrab), else NULL */

	/* ITIMER_REAL: SIGALRM to leader_pid; re-armed when it is dequeued (under siglock) */
	struct hrtimer real_timer;
	s64 it_real_incr;
	struct pid *leader_pid;		/* the thread group's id */
	/* ITIMER_PROF, ITIMER_VIRTUAL (under tasklist_lock, as the tick checks them) */
	struct cpu_itimer it[2];
	/* POSIX timers: every one of this process (siglock), and CPU ones on its time */
	struct list_head posix_timers;
	int next_posix_timer_id;
	struct list_head cpu_timers;	/* armed on this process's CPU time; tasklist_lock */
};

extern struct sighand_struct init_sighand;
extern struct signal_struct init_signals;

static inline int sigismember(const sigset_t *set, int sig)
{
	return (set->sig[0] >> (sig - 1)) & 1;
}

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[0] |= 1UL << (sig - 1);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[0] &= ~(1UL << (sig - 1));
}

static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
}

static inline bool sigisemptyset(const sigset_t *set)
{
	return set->sig[0] == 0;
}

#define sigmask(sig)	(1UL << ((sig) - 1))

/* 0 (no signal, a probe) and 1.._NSIG are signals. */
static inline bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

static inline bool __fatal_signal_pending(struct task_struct *p)
{
	return sigismember(&p->pending.signal, SIGKILL);
}

static inline bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && __fatal_signal_pending(p);
}

struct sigqueue *sigqueue_alloc(void);
void sigqueue_free(struct sigqueue *q);
int send_sigqueue(struct sigqueue *q, struct pid *pid, bool group);
void flush_itimer_signals(void);
int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, bool group);
int send_sig(int sig, struct task_struct *p, int priv);
int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
int force_sig(int sig);
void force_fatal_sig(int sig);
void force_sigsegv(int sig);
void force_sig_fault(int sig, int code, void *addr);
bool unhandled_signal(struct task_struct *tsk, int sig);
int kill_pid(struct pid *pid, int sig, int priv);
void prepare_kill_siginfo(int sig, kernel_siginfo_t *info, int code);

/* Which of siginfo's union members a signal carries (Linux's siginfo_layout). */
enum siginfo_layout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };
enum siginfo_layout siginfo_layout(int sig, int si_code);
int kill_pid_info(int sig, kernel_siginfo_t *info, struct pid *pid);
int kill_pid_thread_info(int sig, kernel_siginfo_t *info, struct pid *pid);
int kill_pgrp(struct pid *pid, int sig, int priv);
int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
/* From the kernel, no permission check; @group: the whole process. */
int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, bool group);
void recalc_sigpending(void);
int dequeue_signal(struct task_struct *t, sigset_t *mask, kernel_siginfo_t *info);	/* siglock held */
void signal_wake_up(struct task_struct *t, bool resume);
void flush_signals(struct task_struct *t);
void flush_signal_handlers(struct task_struct *t, int force_default);
void zap_other_threads(struct task_struct *p);
bool do_notify_parent(struct task_struct *tsk, int sig);
void exit_signals(struct task_struct *tsk);
void signals_init(void);
void arch_do_signal_or_restart(struct pt_regs *regs);
int sigprocmask(int how, sigset_t *set, sigset_t *oldset);
void set_current_blocked(sigset_t *newset);
long set_user_sigmask(const sigset_t *usigmask, size_t sigsetsize, sigset_t *old);
void restore_saved_sigmask_unless(long changed, sigset_t *old, bool interrupted);
bool is_current_pgrp_orphaned(void);
int __kill_pgrp_info(int sig, kernel_siginfo_t *info, struct pid *pgrp);

/* Is @sp inside current's alternate stack? (x86 stacks grow down: the top counts.) */
static inline bool __on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* As Linux: with SS_AUTODISARM a handler is never taken to be on the stack. */
static inline bool on_sig_stack(unsigned long sp)
{
	return !(current->sas_ss_flags & SS_AUTODISARM) && __on_sig_stack(sp);
}

static inline int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

static inline void sas_ss_reset(struct task_struct *p)
{
	p->sas_ss_sp = 0;
	p->sas_ss_size = 0;
	p->sas_ss_flags = SS_DISABLE;
}

#define SEND_SIG_NOINFO	((kernel_siginfo_t *)0)
#define SEND_SIG_PRIV	((kernel_siginfo_t *)1)

#endif
