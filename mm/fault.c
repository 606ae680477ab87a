/*
 * mm/fault.c: the page-fault handler.
 *
 * A kernel-mode fault is either a user-memory access that the exception
 * table lets fail with -EFAULT, or a kernel bug (an oops).  A user-mode
 * fault is resolved against the faulting process's VMAs (mm/memory.c),
 * or kills it with SIGSEGV/SIGBUS and Linux's log line.  Running out of
 * memory is not the faulting process's fault: the page allocator has run
 * the OOM killer already, and the access is simply retried.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <linux/mm.h>
#include <linux/time.h>

/*
 * Linux's show_signal_msg: the log line of a fault that kills, at most 10
 * every 5 s (printk_ratelimit).  A fault the program handles is its own
 * business, and is not logged.
 */
static void show_signal_msg(struct pt_regs *regs, unsigned long err, unsigned long addr)
{
	if (!unhandled_signal(current, SIGSEGV) || !printk_ratelimit())
		return;
	pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n", current->comm,
		task_pid_nr(current), addr, regs->ip, regs->sp, err);
}

/*
 * What the signal frame will say of this fault (Linux's
 * set_signal_archinfo): #PF, the error code with the user bit, and the
 * address.  An access to a kernel address always says "protection", so
 * that it tells nothing of the kernel's page tables.
 */
static void set_signal_archinfo(unsigned long addr, unsigned long err)
{
	if (addr >= TASK_SIZE)
		err |= X86_PF_PROT;
	current->thread.trap_nr = X86_TRAP_PF;
	current->thread.error_code = err | X86_PF_USER;
	current->thread.cr2 = addr;
}

static void bad_area(struct pt_regs *regs, unsigned long err, unsigned long addr, int code)
{
	show_signal_msg(regs, err, addr);
	set_signal_archinfo(addr, err);
	force_sig_fault(SIGSEGV, code, (void *)addr);
}

/*
 * A fault that found no memory even after the OOM killer (Linux's
 * pagefault_out_of_memory): either this task is the victim, and dies on
 * the way out, or the access is retried.
 */
void pagefault_out_of_memory(void)
{
	static unsigned long last;

	if (fatal_signal_pending(current))
		return;
	if (!last || jiffies - last > 5 * HZ) {	/* rate-limited, as Linux's */
		last = jiffies;
		pr_warn("Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
	}
}

void do_page_fault(struct pt_regs *regs, unsigned long err)
{
	unsigned long cr2 = read_cr2();
	int ret;

	if (user_mode(regs)) {
		local_irq_enable();
		ret = handle_user_fault(regs, err, cr2);
		if (ret == VM_FAULT_OOM) {
			pagefault_out_of_memory();
		} else if (ret == VM_FAULT_SIGBUS) {
			if (unhandled_signal(current, SIGBUS) && printk_ratelimit())
				pr_info("%s[%d]: bus error at %lx ip %016lx\n", current->comm,
					task_pid_nr(current), cr2, regs->ip);
			set_signal_archinfo(cr2, err);
			force_sig_fault(SIGBUS, BUS_ADRERR, (void *)cr2);
		} else if (ret) {
			bad_area(regs, err, cr2, ret == VM_FAULT_MAPERR ? SEGV_MAPERR : SEGV_ACCERR);
		}
		return;
	}
	/*
	 * The kernel touching user memory (a copy_to_user into a page not yet
	 * faulted in) is served like a user fault, unless the access broke
	 * SMEP/SMAP, which is a kernel bug that would otherwise fault forever.
	 * Interrupts come back on for a user address if the interrupted code
	 * had them: the allocation may sleep (the OOM killer), as Linux's
	 * do_user_addr_fault allows.  Under pagefault_disable() (a futex word
	 * read with its bucket locked) the access goes straight to its fix-up.
	 */
	if (cr2 < TASK_SIZE && (regs->flags & X86_EFLAGS_IF))
		local_irq_enable();
	if (cr2 < TASK_SIZE && current->mm && !pagefault_disabled() &&
	    !(err & (X86_PF_RSVD | X86_PF_INSTR)) &&
	    !((err & X86_PF_PROT) && !(regs->flags & X86_EFLAGS_AC) && cpu_has_smap) &&
	    handle_user_fault(regs, err, cr2) == 0)
		return;
	if (fixup_exception(regs))
		return;
	page_fault_oops(regs, err, cr2);
}
