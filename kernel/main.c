/*
 * kernel/main.c: start_kernel and the road to init (Linux's init/main.c).
 *
 * The order is Linux's: architecture set-up and memory first, then traps,
 * the allocators, the scheduler, interrupts and time, and finally
 * rest_init(), which starts kernel_init (pid 1) to run the initcalls and
 * exec the first user program.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/serial.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/ktest.h>
#include <linux/reboot.h>
#include <linux/uaccess.h>
#include <asm/setup.h>
#include <asm/desc.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/cred.h>
#include <linux/signal.h>
#include <linux/nsproxy.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/fdtable.h>
#include <linux/binfmts.h>
#include <linux/tty.h>
#include <linux/err.h>
#include <linux/uts.h>
#include <linux/utsname.h>
#include <linux/smp.h>

/* Where the boot is (Linux's): the sleep checks start at SYSTEM_SCHEDULING. */
enum system_states system_state = SYSTEM_BOOTING;

const char linux_banner[] =
	"Matryoshka version " UTS_RELEASE " (gcc " __VERSION__ ") #1 SMP " __DATE__ "\n";

void pgtable_switch_to_buddy(void);
void syscall_init(void);
extern const char *argv_init[];
extern const char *envp_init[];
extern const char *panic_later, *panic_param;
void run_kbenches(void);

static void mm_init(void)
{
	mem_init();
	pgtable_switch_to_buddy();
	kmem_cache_init();
}

/* Runs the tests ktest= selected, then powers off: the harness reads the KTAP. */
static void run_ktests(void)
{
	int failed;

	if (!ktest_glob)
		return;
	failed = ktest_run_selected(ktest_glob);
	pr_info("ktest: done, %d suite(s) failed\n", failed);
	machine_power_off();
}

static DECLARE_COMPLETION(kthreadd_done);

static void do_basic_setup(void)
{
	do_initcalls();
}

static void kernel_init_freeable(void)
{
	wait_for_completion(&kthreadd_done);	/* kthread_create needs kthreadd */
	do_pre_smp_initcalls();
	smp_init();
	do_basic_setup();
	run_ktests();
	run_kbenches();
}

static char *execute_command;		/* init= */

static int init_setup(char *s)
{
	execute_command = s;
	return 0;
}
__setup("init", init_setup);

/* fds 0, 1 and 2 of init: the console (Linux's console_on_rootfs). */
static void console_on_rootfs(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	fd_install(get_unused_fd_flags(0), get_file(f));
	fd_install(get_unused_fd_flags(0), get_file(f));
	fd_install(get_unused_fd_flags(0), f);
}

static int run_init_process(const char *filename)
{
	argv_init[0] = filename;
	pr_info("Run %s as init process\n", filename);
	return kernel_execve(filename, argv_init, envp_init);
}

/* A default init that exists but cannot run is named, as Linux does. */
static int try_to_run_init_process(const char *filename)
{
	int ret = run_init_process(filename);

	if (ret && ret != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %d)\n",
		       filename, ret);
	return ret;
}

/* pid 1: runs the initcalls, then becomes the first user program. */
static int kernel_init(void *unused)
{
	static const char *const defaults[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };
	unsigned int i;
	int ret;

	(void)unused;
	kernel_init_freeable();
	system_state = SYSTEM_RUNNING;
	console_on_rootfs();
	if (execute_command) {
		ret = run_init_process(execute_command);
		if (!ret)
			return 0;
		panic("Requested init %s failed (error %d).", execute_command, ret);
	}
	for (i = 0; i < ARRAY_SIZE(defaults); i++)
		if (!try_to_run_init_process(defaults[i]))
			return 0;	/* returns to user mode, as the new program */
	panic("No working init found.  Try passing init= option to kernel.");
}

/*
 * kernel_thread() for a thread the boot cannot do without.  If it cannot
 * be made (alloc_pid fails, say), every boot would sit in the idle loop
 * with nothing to run until some time limit: panic, naming the failure.
 */
pid_t rest_init_thread(int (*fn)(void *), const char *name, unsigned long flags)
{
	pid_t pid = kernel_thread(fn, NULL, flags);

	if (pid < 0)
		panic("rest_init: kernel_thread(%s) failed (error %d)", name, pid);
	return pid;
}

/*
 * As Linux: the boot task forks kernel_init (pid 1) and kthreadd (pid 2),
 * then becomes the idle task.
 */
static void rest_init(void)
{
	pid_t init_pid, kthreadd_pid;

	init_pid = rest_init_thread(kernel_init, "kernel_init", CLONE_FS);
	kthreadd_pid = rest_init_thread(kthreadd, "kthreadd", CLONE_FS | CLONE_FILES);
	kthreadd_task = find_task_by_pid_ns(kthreadd_pid, &init_pid_ns);
	pr_debug("rest_init: kernel_init is pid %d, kthreadd is pid %d\n", init_pid,
		 kthreadd_pid);
	system_state = SYSTEM_SCHEDULING;
	complete(&kthreadd_done);
	cpu_startup_entry();
}

void start_kernel(void)
{
	boot_tsc_start_kernel = rdtsc();	/* the TSC counts from power-on */
	local_irq_disable();
	tsc_early_calibrate();		/* tsc_init ends it: see there */
	pr_notice("%s", linux_banner);
	setup_arch();
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_args_unknown();
	pidhash_init();
	trap_init();
	mm_init();
	lockdep_init();
	smap_init();
	sched_init();
	init_IRQ();
	time_init();
	local_irq_enable();
	pidmap_init();
	cred_init();
	fork_init();
	proc_caches_init();
	nsproxy_cache_init();
	uts_ns_init();
	vfs_caches_init();
	proc_root_init();
	signals_init();
	console_init();
	if (panic_later)
		panic("Too many boot %s vars at `%s'", panic_later, panic_param);
	syscall_init();
	rest_init();
}

/* The first C code: the loader's information is read before anything overwrites it. */
void x86_64_start_kernel(u32 magic, unsigned long info)
{
	wrmsr(MSR_GS_BASE, (u64)&boot_pcpu);	/* per-CPU data, for spinlocks */
	serial_init();
	if (parse_multiboot(magic, info, &boot_params))
		panic("not loaded by a multiboot loader (magic %#x)", magic);
	start_kernel();
}
