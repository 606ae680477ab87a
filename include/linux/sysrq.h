/* include/linux/sysrq.h: the console's magic keys (drivers/tty/sysrq.c). */
#ifndef _LINUX_SYSRQ_H
#define _LINUX_SYSRQ_H

#include <linux/types.h>

#define SYSRQ_CONSOLE_KEY	0x14	/* Ctrl-T: SysRq-T on the serial console */

void handle_sysrq(int key);
bool uart_handle_sysrq_char(char c);

#endif
