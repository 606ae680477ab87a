/*
 * kernel/reboot.c: power off and restart.
 *
 * Under QEMU the isa-debug-exit device (port 0xf4) ends the emulator with
 * a status the harness reads: 1 for a clean power-off, 3 for a panic.
 * Without it, ACPI power-off through the PIIX4 PM port, then halt.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/capability.h>
#include <linux/pid_namespace.h>
#include <linux/syscalls.h>

#define DEBUG_EXIT_PORT	0xf4

void machine_exit(int code)
{
	local_irq_disable();
	outb(code, DEBUG_EXIT_PORT);
	if (code == MACHINE_EXIT_POWER_OFF)
		outw(0x2000, 0x604);	/* QEMU's ACPI PM1a_CNT: SLP_EN | S5 */
	for (;;)
		halt();
}

void machine_power_off(void)
{
	pr_emerg("reboot: Power down\n");
	machine_exit(MACHINE_EXIT_POWER_OFF);
}

/* Pulse the keyboard controller's reset line; a triple fault if that fails. */
void machine_restart(void)
{
	struct { u16 len; u64 base; } __packed null_idt = { 0, 0 };

	pr_emerg("reboot: Restarting system\n");
	local_irq_disable();
	outb(0xfe, 0x64);
	__asm__ __volatile__("lidt %0; int3" :: "m"(null_idt));
	for (;;)
		halt();
}

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define LINUX_REBOOT_CMD_RESTART2	0xA1B2C3D4

/*
 * Inside a child pid namespace, reboot(2) ends the namespace instead of
 * the machine: its init is killed with SIGHUP (restart) or SIGINT (halt,
 * power off), and the parent sees that signal (Linux's reboot_pid_ns).
 */
int reboot_pid_ns(struct pid_namespace *pid_ns, int cmd)
{
	if (pid_ns == &init_pid_ns)
		return 0;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART2:
	case LINUX_REBOOT_CMD_RESTART:
		pid_ns->reboot = SIGHUP;
		break;
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		pid_ns->reboot = SIGINT;
		break;
	default:
		return -EINVAL;
	}
	spin_lock_irq(&tasklist_lock);
	send_sig(SIGKILL, pid_ns->child_reaper, 1);
	spin_unlock_irq(&tasklist_lock);
	do_exit(0);
}

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void *, arg)
{
	struct pid_namespace *pid_ns = task_active_pid_ns(current);
	int ret;

	(void)arg;
	if (!ns_capable(pid_ns->user_ns, CAP_SYS_BOOT))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    ((unsigned int)magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	ret = reboot_pid_ns(pid_ns, cmd);
	if (ret)
		return ret;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		machine_restart();
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		machine_power_off();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
