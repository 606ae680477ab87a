/*
 * kernel/nmi.c: non-maskable interrupts (Linux's arch/x86/kernel/nmi.c, in brief).
 *
 * An NMI comes for one of three reasons, asked in Linux's order:
 * another CPU wants this one's backtrace (lib/nmi_backtrace.c); a
 * panicking CPU wants this one stopped (smp_send_stop, kernel/smp.c); or
 * it came from outside (QEMU's `nmi` monitor command, a machine's NMI
 * button), through the boot CPU's LINT1, the only one unmasked, as
 * Linux's: "unknown", as Linux says.  Linux then prints two lines and
 * carries on.  The boot CPU also prints every CPU's backtrace and every
 * task's state, because the usual sender is the test harness asking a
 * boot that hangs with interrupts off, where Ctrl-T (an ordinary
 * interrupt) cannot reach, what it is doing.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/nmi.h>
#include <asm/io.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/apic.h>

#define NMI_REASON_PORT		0x61	/* system control port B: why an NMI came */

unsigned long nmi_count[NR_CPUS];	/* per CPU, each written by its CPU only */

/*
 * Linux's unknown_nmi_error, then the dump the harness asks for (above),
 * at the console's default level even under `quiet`, as SysRq's.  The
 * other CPUs print while this one waits for them, so the level covers
 * their lines too; only this CPU changes it.
 */
static void unknown_nmi_error(unsigned char reason, struct pt_regs *regs)
{
	int cpu = smp_processor_id(), orig_log_level = console_loglevel;

	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	pr_emerg("Uhhuh. NMI received for unknown reason %02x on CPU %d.\n", reason, cpu);
	pr_emerg("Dazed and confused, but trying to continue\n");
	if (cpu) {		/* not from outside: a late backtrace request, say */
		pr_warn("NMI backtrace for cpu %d\n", cpu);
		show_regs(regs);
	} else {
		nmi_trigger_cpumask_backtrace(cpu_online_mask, regs);
		show_state();
	}
	console_loglevel = orig_log_level;
}

/*
 * Runs on its own stack (IST_NMI) with interrupts off, whatever it
 * stopped; printk and show_state cope with locks the stopped code holds,
 * and entry.S returns from an NMI without any exit work.
 */
void exc_nmi(struct pt_regs *regs)
{
	nmi_enter();
	nmi_count[smp_processor_id()]++;
	if (!nmi_cpu_backtrace(regs) && !smp_stop_nmi_callback())
		unknown_nmi_error(inb(NMI_REASON_PORT), regs);
	nmi_exit();
}
