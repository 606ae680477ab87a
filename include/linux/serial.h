/* include/linux/serial.h: the COM1 console driver. */
#ifndef _LINUX_SERIAL_H
#define _LINUX_SERIAL_H

#include <linux/types.h>

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
int serial_getc(void);
void serial_enable_rx_irq(void);

#endif
