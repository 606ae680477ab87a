/*
 * drivers/serial.c: the 16550 UART on COM1, the kernel's console.
 *
 * Output is polled (it must work in a panic, with interrupts off).  Input
 * raises IRQ 4; the byte is handed to the tty layer's receive hook.
 */
#include <linux/kernel.h>
#include <linux/serial.h>
#include <asm/io.h>

#define COM1		0x3f8
#define UART_RX		0	/* receive buffer (DLAB 0) */
#define UART_TX		0	/* transmit holding (DLAB 0) */
#define UART_DLL	0	/* divisor low (DLAB 1) */
#define UART_IER	1	/* interrupt enable (DLAB 0) */
#define UART_DLM	1	/* divisor high (DLAB 1) */
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

static bool serial_ready;

void serial_init(void)
{
	outb(0x00, COM1 + UART_IER);
	outb(0x80, COM1 + UART_LCR);	/* DLAB on */
	outb(0x01, COM1 + UART_DLL);	/* 115200 baud: divisor 1 */
	outb(0x00, COM1 + UART_DLM);
	outb(0x03, COM1 + UART_LCR);	/* 8N1, DLAB off */
	outb(0xc7, COM1 + UART_FCR);	/* FIFOs on, cleared, 14-byte threshold */
	outb(0x0b, COM1 + UART_MCR);	/* DTR, RTS, OUT2 (routes the IRQ) */
	serial_ready = true;
}

void serial_putc(char c)
{
	if (!serial_ready)
		return;
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(c, COM1 + UART_TX);
}

void serial_write(const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

/* Reads one byte if one is waiting, else -1. */
int serial_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1 + UART_RX);
}

void serial_enable_rx_irq(void)
{
	outb(0x01, COM1 + UART_IER);	/* received data available */
}
