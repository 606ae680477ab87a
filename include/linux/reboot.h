/* include/linux/reboot.h: stopping the machine. */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

/*
 * Values written to QEMU's isa-debug-exit port; QEMU exits with status
 * (value << 1) | 1, so a clean power-off is status 1 and a panic 3.
 */
#define MACHINE_EXIT_POWER_OFF	0
#define MACHINE_EXIT_PANIC	1

void machine_exit(int code) __noreturn;
void machine_power_off(void) __noreturn;
void machine_restart(void) __noreturn;

#endif
