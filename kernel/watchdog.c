/*
 * kernel/watchdog.c: the soft-lockup detector (Linux's watchdog.c, its
 * soft half).
 *
 * A CPU is soft-locked when it runs kernel code that cannot be preempted
 * (a spinlock held, preemption off) for so long that nothing else gets
 * to run.  Linux notices with a highest-priority thread that should run
 * every few seconds and a timer that checks it did.  The same question,
 * asked of every tick: could the scheduler have switched here (user mode,
 * the idle task, or kernel code with a preemption count of 0)?  Then the
 * CPU is fine and its timestamp is touched.  If not for more than twice
 * watchdog_thresh seconds, the tick reports, once per stall:
 *
 *	watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [comm:pid]
 *
 * with the registers and stack of the code it interrupted, and taints the
 * kernel (L).  A stall with interrupts off gets no ticks: it is reported
 * by the first tick after it, with the duration it lasted.
 *
 * watchdog_thresh=N (boot) or kernel.watchdog_thresh (1 to 60, 0 off;
 * Linux's default 10, so 20 s: far longer than any non-preemptible section
 * of a working kernel takes even under TCG), nowatchdog turns it off,
 * softlockup_panic=1 makes it panic, and kernel.softlockup_all_cpu_backtrace
 * adds every other CPU's backtrace, by NMI (lib/nmi_backtrace.c).
 */
#include <linux/smp.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/panic.h>
#include <linux/proc_fs.h>
#include <linux/preempt.h>
#include <linux/watchdog.h>
#include <linux/nmi.h>
#include <asm/ptrace.h>

int watchdog_thresh = 10;			/* kernel.watchdog_thresh: seconds, 0 is off */
static int softlockup_panic;			/* kernel.softlockup_panic */
static int softlockup_all_cpu_backtrace;	/* kernel.softlockup_all_cpu_backtrace */
/* Per CPU, each written only by its CPU's tick (or touch) with interrupts off. */
static unsigned long watchdog_touch_ts[NR_CPUS];	/* jiffies when the CPU last could schedule */
static bool soft_watchdog_warn[NR_CPUS];		/* this stall is reported already */

static int __init watchdog_thresh_setup(char *s)
{
	return s ? kstrtoint(s, 10, &watchdog_thresh) : -EINVAL;
}
__setup("watchdog_thresh", watchdog_thresh_setup);

static int __init nowatchdog_setup(char *s)
{
	(void)s;
	watchdog_thresh = 0;
	return 0;
}
__setup("nowatchdog", nowatchdog_setup);

static int __init softlockup_panic_setup(char *s)
{
	return s ? kstrtoint(s, 10, &softlockup_panic) : -EINVAL;
}
__setup("softlockup_panic", softlockup_panic_setup);

/* Code that is long on purpose and cannot schedule says it is alive (Linux's API). */
void touch_softlockup_watchdog(void)
{
	WRITE_ONCE(watchdog_touch_ts[raw_smp_processor_id()], jiffies);
}

/* Could the scheduler have run another task at the point the tick interrupted? */
static bool could_schedule(struct pt_regs *regs)
{
	return user_mode(regs) || current->pid == 0 || preempt_count() == 0;
}

/* From every CPU's tick, with the interrupted context's registers (Linux's watchdog_timer_fn). */
void watchdog_timer_fn(struct pt_regs *regs)
{
	unsigned long now = jiffies, duration;
	int thresh = READ_ONCE(watchdog_thresh), cpu = smp_processor_id();

	if (!thresh || could_schedule(regs)) {
		watchdog_touch_ts[cpu] = now;
		soft_watchdog_warn[cpu] = false;
		return;
	}
	if (!time_after(now, watchdog_touch_ts[cpu] + 2UL * thresh * HZ) || soft_watchdog_warn[cpu])
		return;
	soft_watchdog_warn[cpu] = true;
	duration = (now - watchdog_touch_ts[cpu]) / HZ;
	pr_emerg("watchdog: BUG: soft lockup - CPU#%d stuck for %lus! [%s:%d]\n", cpu, duration,
		 current->comm, task_pid_nr(current));
	show_regs(regs);
	if (softlockup_all_cpu_backtrace) {	/* Linux's trigger_allbutself_cpu_backtrace */
		struct cpumask others;

		cpumask_copy(&others, cpu_online_mask);
		cpumask_clear_cpu(cpu, &others);
		nmi_trigger_cpumask_backtrace(&others, NULL);
	}
	add_taint(TAINT_SOFTLOCKUP);
	if (softlockup_panic)
		panic("softlockup: hung tasks");
}

static const struct int_sysctl thresh_ctl = { &watchdog_thresh, 0, 60 };
static const struct int_sysctl panic_ctl = { &softlockup_panic, 0, 1 };
static const struct int_sysctl all_cpu_bt_ctl = { &softlockup_all_cpu_backtrace, 0, 1 };

static int __init watchdog_sysctl_init(void)
{
	proc_create_int("sys/kernel/watchdog_thresh", 0644, &thresh_ctl);
	proc_create_int("sys/kernel/softlockup_panic", 0644, &panic_ctl);
	proc_create_int("sys/kernel/softlockup_all_cpu_backtrace", 0644, &all_cpu_bt_ctl);
	return 0;
}
device_initcall(watchdog_sysctl_init);
