/*
 * drivers/tty/sysrq.c: the console's magic key (Linux's SysRq).
 *
 * Linux's serial console takes a BREAK and then a letter; ours takes
 * Ctrl-T as SysRq-T followed by SysRq-L: every task's state, then every
 * CPU's backtrace (by NMI, lib/nmi_backtrace.c: a CPU spinning with
 * interrupts off answers too).  The serial driver hands it here before the line
 * discipline sees it, whatever the termios say and whoever reads the
 * console (a shell, a test program in raw mode, or nobody): a hung
 * machine can always be asked what each task is doing, as long as
 * interrupts are on.  The test harness sends it to a boot that hits its
 * time limit and quotes the answer.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sysrq.h>
#include <linux/nmi.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>

struct sysrq_key_op {
	int key;
	void (*handler)(int key);
	const char *action_msg;		/* printed as "sysrq: MSG" first, as Linux */
};

static void sysrq_handle_showstate(int key)
{
	(void)key;
	show_state();
}

/* This CPU's registers where the key interrupted it, and every other CPU's by NMI. */
static void sysrq_handle_showallcpus(int key)
{
	(void)key;
	nmi_trigger_cpumask_backtrace(cpu_online_mask, get_irq_regs());
}

static const struct sysrq_key_op sysrq_ops[] = {
	{ 'l', sysrq_handle_showallcpus, "Show backtrace of all active CPUs" },
	{ 't', sysrq_handle_showstate, "Show State" },
};

/*
 * As Linux's __handle_sysrq, except that the console shows the whole
 * answer even under `quiet` (Linux lowers the level back before the
 * handler runs, leaving the task lines to dmesg).
 */
void handle_sysrq(int key)
{
	int orig_log_level = console_loglevel;
	unsigned int i;

	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	for (i = 0; i < ARRAY_SIZE(sysrq_ops); i++) {
		if (sysrq_ops[i].key == key) {
			pr_info("sysrq: %s\n", sysrq_ops[i].action_msg);
			sysrq_ops[i].handler(key);
			break;
		}
	}
	if (i == ARRAY_SIZE(sysrq_ops))
		pr_info("sysrq: HELP : show-backtrace-all-active-cpus(l) show-task-states(t)\n");
	console_loglevel = orig_log_level;
}

/* Linux's uart_handle_sysrq_char: true if @c was the magic key, consumed here. */
bool uart_handle_sysrq_char(char c)
{
	if (c != SYSRQ_CONSOLE_KEY)
		return false;
	handle_sysrq('t');
	handle_sysrq('l');
	return true;
}
