/*
 * kernel/panic.c: panic, warnings and backtraces.
 *
 * panic() prints "Kernel panic - not syncing: REASON", the registers and
 * a call trace symbolized from the kernel's own table, then stops the
 * machine with a failure status through QEMU's isa-debug-exit device, so
 * a test harness sees a panic as a failure at once, never as a hang.  A
 * fault while panicking still ends with that line (see panic()).  On
 * several CPUs one panics and stops the others (smp_send_stop); a second
 * CPU that panics meanwhile stops itself and leaves the report to the
 * first, as Linux's panic_cpu.
 *
 * Every report of a kernel bug taints the kernel (kernel/taint.c), and
 * every trace says so ("Tainted: G    B").
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/string.h>
#include <linux/reboot.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/page.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <asm/segment.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/uts.h>
#include <linux/smp.h>

static int panic_cpu = -1;		/* the CPU that panics; set once (cmpxchg) */
static int panic_in_progress;		/* panic()s entered on panic_cpu: 2 is a fault in the first */
static const char *panic_fmt;		/* the first panic's, for a recursive one */
static bool panic_line_printed;
unsigned long warn_count;		/* WARN_ON hits, for tests */

/* The line Linux's dump_stack_print_info puts before registers and traces. */
static void print_cpu_info(void)
{
	struct task_struct *tsk = current;

	printk(KERN_EMERG "CPU: %d PID: %d Comm: %.20s %s %s #1\n", raw_smp_processor_id(),
	       tsk ? tsk->pid : 0,
	       tsk ? tsk->comm : "?", print_tainted(), UTS_RELEASE);
}

/* Reads a kernel word that may not be mapped; false if it is not. */
bool read_kernel_word(unsigned long addr, unsigned long *val);

/*
 * One step up the frame-pointer chain: the return address of frame *@bp
 * in *@ret, and *@bp moved to the caller's frame (0 where the chain
 * ends).  False if frame *@bp cannot be trusted: every read may fault, and
 * a corrupt chain ends a trace, not the machine.
 */
bool unwind_frame(unsigned long *bp, unsigned long *ret)
{
	unsigned long next, b = *bp;

	if (!b || b & 7 || b < PAGE_OFFSET)
		return false;
	if (!read_kernel_word(b, &next) || !read_kernel_word(b + 8, ret))
		return false;
	if (*ret < (unsigned long)_text || *ret >= (unsigned long)_etext)
		return false;
	*bp = next > b ? next : 0;
	return true;
}

/* "Call Trace:", then @ip (if not 0) and each return address up the chain from @bp. */
static void show_trace(unsigned long ip, unsigned long bp)
{
	unsigned long ret;
	int depth;

	printk(KERN_EMERG "Call Trace:\n");
	if (ip)
		printk(KERN_EMERG " %pB\n", (void *)ip);
	for (depth = 0; depth < 32 && unwind_frame(&bp, &ret); depth++)
		printk(KERN_EMERG " %pB\n", (void *)ret);
}

void show_regs(const struct pt_regs *r)
{
	print_cpu_info();
	printk(KERN_EMERG "RIP: %04lx:%pS\n", r->cs, (void *)r->ip);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", r->ss, r->sp, r->flags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR2: %016lx CR3: %016lx CR4: %016lx\n", read_cr2(), read_cr3(),
	       read_cr4());
	if (!user_mode(r)) {
		printk(KERN_EMERG "Code starts at %pS\n", (void *)r->ip);
		show_trace(0, r->bp);
	}
}

/* The registers of the caller of the caller, as a pt_regs for show_regs. */
static noinline void capture_regs(struct pt_regs *r)
{
	unsigned long bp;

	memset(r, 0, sizeof(*r));
	__asm__ __volatile__("movq %%rbp, %0" : "=r"(bp));
	r->bp = bp;
	r->ip = (unsigned long)__builtin_return_address(0);
	__asm__ __volatile__("movq %%rsp, %0\n\tmovq %%rbx, %1\n\tmovq %%r12, %2\n\t"
			     "movq %%r13, %3\n\tmovq %%r14, %4\n\tmovq %%r15, %5"
			     : "=m"(r->sp), "=m"(r->bx), "=m"(r->r12), "=m"(r->r13),
			       "=m"(r->r14), "=m"(r->r15));
	r->cs = __KERNEL_CS;
	r->ss = __KERNEL_DS;
	r->flags = arch_local_save_flags();
}

void dump_stack(void)
{
	unsigned long bp;

	__asm__ __volatile__("movq %%rbp, %0" : "=r"(bp));
	print_cpu_info();
	show_trace(0, bp);
}

/*
 * The stack of @tsk: the caller's own (dump_stack), or where a task that
 * is switched out sleeps, from the frame __switch_to_asm left on its
 * stack (r15 r14 r13 r12 rbx rbp, then the return address).
 */
void show_stack(struct task_struct *tsk)
{
	unsigned long bp, ip;

	if (!tsk || tsk == current) {
		dump_stack();
		return;
	}
	if (!read_kernel_word(tsk->thread.sp + 5 * 8, &bp) ||
	    !read_kernel_word(tsk->thread.sp + 6 * 8, &ip))
		bp = ip = 0;
	show_trace(ip, bp);
}

/* A fault while panicking: say so in the line a harness looks for, and stop. */
static void __noreturn panic_recursive(const char *fmt)
{
	if (panic_in_progress == 2) {
		printk_bust_locks();
		if (!panic_line_printed)
			printk(KERN_EMERG "Kernel panic - not syncing: %s\n", panic_fmt);
		printk(KERN_EMERG "---[ end Kernel panic - not syncing: "
		       "a fault while panicking (%s) ]---\n", fmt);
	}
	machine_exit(MACHINE_EXIT_PANIC);
}

/* Another CPU panics: it will report, and stop this one anyway (Linux's panic_smp_self_stop). */
static void __noreturn panic_smp_self_stop(void)
{
	for (;;)
		halt();
}

void panic(const char *fmt, ...)
{
	char buf[256];
	struct pt_regs regs;
	va_list ap;
	int this_cpu, old_cpu = -1;

	local_irq_disable();
	this_cpu = raw_smp_processor_id();
	if (!__atomic_compare_exchange_n(&panic_cpu, &old_cpu, this_cpu, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST) && old_cpu != this_cpu)
		panic_smp_self_stop();
	if (panic_in_progress++)
		panic_recursive(fmt);
	panic_fmt = fmt;
	printk_bust_locks();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	panic_line_printed = true;
	capture_regs(&regs);
	show_regs(&regs);
	smp_send_stop();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_exit(MACHINE_EXIT_PANIC);
}

/* WARN()'s message comes first, after Linux's "cut here" line. */
void __warn_printk(const char *fmt, ...)
{
	va_list ap;

	printk(KERN_WARNING "------------[ cut here ]------------\n");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

/* As Linux's __warn: where, the stack, the end marker, and TAINT_WARN. */
noinline void __warn(const char *file, int line)
{
	warn_count++;
	printk(KERN_WARNING "WARNING: CPU: %d PID: %d at %s:%d %pS\n", raw_smp_processor_id(),
	       current ? current->pid : 0, file, line, __builtin_return_address(0));
	dump_stack();
	printk(KERN_WARNING "---[ end trace %016llx ]---\n", 0ULL);
	add_taint(TAINT_WARN);
}
