/*
 * kernel/init_task.c: the first task, defined statically as Linux does.
 *
 * init_task (pid 0, "swapper") is the code that booted; it becomes the
 * idle task.  Its stack is the boot stack head.S switched to.
 */
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>
#include <linux/mm_types.h>
#include <linux/fdtable.h>

unsigned long init_stack[THREAD_SIZE / sizeof(unsigned long)]
	__aligned(PAGE_SIZE) __section(".bss..init_stack");	/* above its guard page */

struct sighand_struct init_sighand = {
	.count = ATOMIC_INIT(1),
	.siglock = __SPIN_LOCK_UNLOCKED(init_sighand.siglock),
	.signalfd_wqh = __WAIT_QUEUE_HEAD_INITIALIZER(init_sighand.signalfd_wqh),
};

struct signal_struct init_signals = {
	.sigcnt = ATOMIC_INIT(1),
	.live = ATOMIC_INIT(1),
	.nr_threads = 1,
	.thread_head = LIST_HEAD_INIT(init_signals.thread_head),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_signals.wait_chldexit),
	.shared_pending = {
		.list = LIST_HEAD_INIT(init_signals.shared_pending.list),
	},
	.prev_cputime.lock = __SPIN_LOCK_UNLOCKED(init_signals.prev_cputime.lock),
	.real_timer.node = LIST_HEAD_INIT(init_signals.real_timer.node),
	.posix_timers	= LIST_HEAD_INIT(init_signals.posix_timers),
	.cpu_timers	= LIST_HEAD_INIT(init_signals.cpu_timers),
	.rlim = {
		[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_STACK]		= { 8 * 1024 * 1024, RLIM_INFINITY },
		[RLIMIT_CORE]		= { 0, RLIM_INFINITY },
		[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_NPROC]		= { 0, 0 },	/* set from memory at fork_init */
		[RLIMIT_NOFILE]		= { 1024, 4096 },
		[RLIMIT_MEMLOCK]	= { 8 * 1024 * 1024, 8 * 1024 * 1024 },
		[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_SIGPENDING]	= { 0, 0 },	/* set with RLIMIT_NPROC */
		[RLIMIT_MSGQUEUE]	= { 819200, 819200 },
		[RLIMIT_NICE]		= { 0, 0 },
		[RLIMIT_RTPRIO]		= { 0, 0 },
		[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },
	},
};

struct task_struct init_task __aligned(64) = {
	.state		= TASK_RUNNING,
	.stack		= init_stack,
	.usage		= ATOMIC_INIT(2),
	.flags		= PF_KTHREAD,
	.prio		= DEFAULT_PRIO,
	.static_prio	= DEFAULT_PRIO,
	.normal_prio	= DEFAULT_PRIO,
	.policy		= SCHED_NORMAL,
	.pi_lock	= __SPIN_LOCK_UNLOCKED(init_task.pi_lock),
	.cpus_mask	= CPU_MASK_ALL,
	.se.load	= { NICE_0_LOAD, 0 },
	.rt.run_list	= LIST_HEAD_INIT(init_task.rt.run_list),
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.active_mm	= &init_mm,
	.exit_signal	= -1,
	.real_parent	= &init_task,
	.parent		= &init_task,
	.children	= LIST_HEAD_INIT(init_task.children),
	.sibling	= LIST_HEAD_INIT(init_task.sibling),
	.group_leader	= &init_task,
	.thread_group	= LIST_HEAD_INIT(init_task.thread_group),
	.pids = {
		[PIDTYPE_PID]	= { .pid = &init_struct_pid },
		[PIDTYPE_PGID]	= { .pid = &init_struct_pid },
		[PIDTYPE_SID]	= { .pid = &init_struct_pid },
	},
	.prev_cputime.lock = __SPIN_LOCK_UNLOCKED(init_task.prev_cputime.lock),
	.comm		= "swapper",
	.nsproxy	= &init_nsproxy,
	.files		= &init_files,
	.fs		= &init_fs,
	.signal		= &init_signals,
	.sighand	= &init_sighand,
	.pending = {
		.list = LIST_HEAD_INIT(init_task.pending.list),
	},
	.real_cred	= &init_cred,
	.cred		= &init_cred,
	.shm_clist	= LIST_HEAD_INIT(init_task.shm_clist),
	.cpu_timers	= LIST_HEAD_INIT(init_task.cpu_timers),
};

/* The boot CPU's per-CPU area: current is init_task from the first instruction. */
struct pcpu boot_pcpu = {
	.self = &boot_pcpu,
	.top_of_stack = (unsigned long)init_stack + THREAD_SIZE,
	.current_task = &init_task,
	.preempt_count = PREEMPT_ENABLED,
	.cpu_number = 0,
	.loaded_mm = &init_mm,
};
