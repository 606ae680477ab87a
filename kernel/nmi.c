/*
 * kernel/nmi.c: non-maskable interrupts (Linux's arch/x86/kernel/nmi.c, in brief).
 *
 * Nothing here raises NMIs for itself (there is no NMI watchdog), so one
 * that arrives comes from outside (QEMU's `nmi` monitor command, a
 * machine's NMI button) and is "unknown", as Linux says.  Linux then
 * prints two lines and carries on.  We also print where the CPU was and
 * every task's state, because the usual sender is the test harness
 * asking a boot that hangs with interrupts off, where Ctrl-T (an
 * ordinary interrupt) cannot reach, what it is doing.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/io.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/apic.h>
#include <linux/smp.h>

#define NMI_REASON_PORT		0x61	/* system control port B: why an NMI came */

unsigned long nmi_count[NR_CPUS];	/* per CPU, each written by its CPU only */

/*
 * Runs on its own stack (IST_NMI) with interrupts off, whatever it
 * stopped; printk and show_state cope with locks the stopped code holds,
 * and entry.S returns from an NMI without any exit work.
 */
void exc_nmi(struct pt_regs *regs)
{
	unsigned char reason = inb(NMI_REASON_PORT);
	int orig_log_level = console_loglevel;

	nmi_enter();
	nmi_count[smp_processor_id()]++;
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	pr_emerg("Uhhuh. NMI received for unknown reason %02x on CPU %d.\n", reason, 0);
	pr_emerg("Dazed and confused, but trying to continue\n");
	pr_warn("NMI backtrace for cpu %d\n", 0);
	show_regs(regs);
	show_state();
	console_loglevel = orig_log_level;
	nmi_exit();
}
