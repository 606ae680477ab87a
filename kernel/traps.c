/*
 * kernel/traps.c: the IDT and the exception handlers.
 *
 * do_vector() is where every interrupt and exception arrives from
 * entry.S.  Exceptions from user mode become signals (kernel/signal.c);
 * from kernel mode, a fault with an exception-table entry (a user copy
 * that hit a bad pointer) resumes at its fix-up, and anything else is a
 * kernel bug: an oops, reported as Linux reports it, then a panic.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/traps.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/panic.h>
#include <asm/vmap_stack.h>

struct idt_gate {
	u16 offset_low, segment;
	u8 ist, type_attr;
	u16 offset_mid;
	u32 offset_high, zero;
} __packed;

static struct idt_gate idt_table[NR_VECTORS] __aligned(16);
extern char vector_stubs[];

static const char *const trap_names[] = {
	"divide error", "debug", "nmi", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "spurious",
	"coprocessor error", "alignment check", "machine check",
	"SIMD exception", "virtualization exception", "control protection",
};

static void set_gate(int vec, int ist, int dpl)
{
	unsigned long addr = (unsigned long)vector_stubs + vec * 16;
	struct idt_gate *g = &idt_table[vec];

	g->offset_low = addr & 0xffff;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e | (dpl << 5);	/* present, interrupt gate: IF cleared on entry */
	g->offset_mid = (addr >> 16) & 0xffff;
	g->offset_high = addr >> 32;
	g->zero = 0;
}

/* Every CPU uses the one IDT: the boot CPU fills it, an AP only loads it. */
void load_idt(void)
{
	struct {
		u16 size;
		u64 address;
	} __packed p = { sizeof(idt_table) - 1, (u64)idt_table };

	__asm__ __volatile__("lidt %0" :: "m"(p));
}

void idt_setup(void)
{
	int v;

	for (v = 0; v < NR_VECTORS; v++)
		set_gate(v, 0, 0);
	set_gate(X86_TRAP_DF, IST_DOUBLE_FAULT, 0);
	set_gate(X86_TRAP_NMI, IST_NMI, 0);
	set_gate(X86_TRAP_BP, 0, 3);		/* int3 allowed from user mode */
	set_gate(X86_TRAP_OF, 0, 3);
	load_idt();
}

void trap_init(void)
{
	cpu_init();
	idt_setup();
}

const char *trap_name(unsigned long vector)
{
	return vector < ARRAY_SIZE(trap_names) ? trap_names[vector] : "reserved";
}

static int die_nest_count;	/* oopses in progress: the oops path itself may fault */

/*
 * A kernel-mode exception nobody expected (Linux's oops_begin, __die,
 * oops_end).  A fault while reporting one (a second oops, [#2]) is still
 * reported, then ends in panic; a third does not try to print at all.
 */
void die(const char *msg, struct pt_regs *regs, unsigned long err)
{
	local_irq_disable();
	if (++die_nest_count > 2)
		panic("Fatal exception (recursive faults while oopsing)");
	if (die_nest_count > 1)
		pr_emerg("a fault while reporting an oops:\n");
	printk_bust_locks();
	pr_emerg("%s: %04lx [#%d] NOPTI\n", msg, err & 0xffff, die_nest_count);
	show_regs(regs);
	add_taint(TAINT_DIE);
	panic("Fatal exception");
}

/*
 * A fault in the guard below the running task's kernel stack: the stack
 * overflowed (mm/vmap_stack.c).  Linux 4.x's handle_stack_overflow.
 */
static void __noreturn handle_stack_overflow(const char *message, struct pt_regs *regs,
					     unsigned long fault_address)
{
	pr_emerg("BUG: stack guard page was hit at %px (stack is %px..%px)\n",
		 (void *)fault_address, current->stack,
		 (char *)current->stack + THREAD_SIZE - 1);
	die(message, regs, 0);
}

/*
 * A double fault is an abort: here on its own stack (IST), because the
 * usual cause is a kernel stack overflow, whose page fault could not push
 * its frame on the full stack.  Linux's exc_double_fault.
 */
static void __noreturn do_double_fault(struct pt_regs *regs, unsigned long err)
{
	unsigned long cr2 = read_cr2();

	if (!user_mode(regs) && stack_guard_hit(current, cr2))
		handle_stack_overflow("kernel stack overflow (double-fault)", regs, cr2);
	pr_emerg("PANIC: double fault, error_code: 0x%lx\n", err);
	die("double fault", regs, err);
}

/* An oops for a kernel-mode page fault without a fix-up, in Linux's words. */
void page_fault_oops(struct pt_regs *regs, unsigned long err, unsigned long cr2)
{
	if (stack_guard_hit(current, cr2))
		handle_stack_overflow("kernel stack overflow (page fault)", regs, cr2);
	pr_alert("BUG: unable to handle page fault for address: %016lx\n", cr2);
	pr_alert("#PF: %s %s access in %s mode\n",
		 (err & X86_PF_USER) ? "user" : "supervisor",
		 (err & X86_PF_INSTR) ? "instruction fetch" : (err & X86_PF_WRITE) ? "write" : "read",
		 (err & X86_PF_USER) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", err,
		 !(err & X86_PF_PROT) ? "not-present page" :
		 (err & X86_PF_RSVD) ? "reserved bit violation" : "permissions violation");
	die("Oops", regs, err);
}

void do_vector(struct pt_regs *regs, unsigned long vector)
{
	unsigned long err = regs->orig_ax;

	regs->orig_ax = -1;	/* not a system call: no restart on the way out */
	if (vector >= FIRST_EXTERNAL_VECTOR) {
		do_irq(regs, vector);
		return;
	}
	if (vector == X86_TRAP_PF) {
		do_page_fault(regs, err);
		return;
	}
	if (vector == X86_TRAP_NMI) {
		exc_nmi(regs);
		return;
	}
	if (vector == X86_TRAP_DF)
		do_double_fault(regs, err);
	if (user_mode(regs)) {
		local_irq_enable();
		force_sig_fault_trap(regs, vector, err);
		return;
	}
	if (fixup_exception(regs))	/* e.g. a #GP from a non-canonical user pointer */
		return;
	die(trap_name(vector), regs, err);
}

/* Which signal each user-mode exception raises, as Linux's traps.c decides. */
static const struct {
	int sig, code;
} trap_signals[] = {
	[X86_TRAP_DE] = { SIGFPE, FPE_INTDIV },
	[X86_TRAP_DB] = { SIGTRAP, TRAP_BRKPT },
	[X86_TRAP_BP] = { SIGTRAP, SI_KERNEL },
	[X86_TRAP_OF] = { SIGSEGV, SI_KERNEL },
	[X86_TRAP_BR] = { SIGSEGV, SI_KERNEL },
	[X86_TRAP_UD] = { SIGILL, ILL_ILLOPN },
	[X86_TRAP_NM] = { SIGSEGV, SI_KERNEL },
	[X86_TRAP_TS] = { SIGSEGV, SI_KERNEL },
	[X86_TRAP_NP] = { SIGBUS, SI_KERNEL },
	[X86_TRAP_SS] = { SIGBUS, SI_KERNEL },
	[X86_TRAP_GP] = { SIGSEGV, SI_KERNEL },
	[X86_TRAP_MF] = { SIGFPE, SI_KERNEL },
	[X86_TRAP_AC] = { SIGBUS, SI_KERNEL },
	[X86_TRAP_XF] = { SIGFPE, SI_KERNEL },
};

/*
 * A user-mode exception: log it as Linux's show_signal does (only when
 * the signal will kill, and rate-limited) and signal the task.
 */
void force_sig_fault_trap(struct pt_regs *regs, unsigned long vector, unsigned long err)
{
	int sig = SIGSEGV, code = SI_KERNEL;

	if (vector < ARRAY_SIZE(trap_signals) && trap_signals[vector].sig) {
		sig = trap_signals[vector].sig;
		code = trap_signals[vector].code;
	}
	if (unhandled_signal(current, sig) && printk_ratelimit())
		pr_info("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", current->comm,
			task_pid_nr(current), trap_name(vector), regs->ip, regs->sp, err);
	current->thread.trap_nr = vector;	/* for the signal frame, as Linux's do_trap */
	current->thread.error_code = err;
	force_sig_fault(sig, code, code == SI_KERNEL ? NULL : (void *)regs->ip);
}
