/*
 * include/linux/tty.h: the console terminal.
 *
 * One tty, on the serial port: a line discipline (drivers/tty/n_tty.c)
 * that edits input lines, echoes, and turns ^C, ^\ and ^Z into signals
 * for the foreground process group; and the terminal's job-control state
 * (drivers/tty/tty_io.c): its session and foreground group.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/wait.h>
#include <linux/spinlock.h>

#define NCCS		19
#define N_TTY_BUF_SIZE	4096

/* c_cc indexes (Linux's) */
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VSTART	8
#define VSTOP	9
#define VSUSP	10
#define VEOL	11
#define VREPRINT 12
#define VWERASE	14
#define VLNEXT	15
#define VEOL2	16

/* c_iflag */
#define IGNBRK	0000001
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000
#define IUTF8	0040000
/* c_oflag */
#define OPOST	0000001
#define ONLCR	0000004
/* c_cflag */
#define B115200	0010002
#define CS8	0000060
#define CREAD	0000200
#define HUPCL	0002000
#define CLOCAL	0004000
/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define TOSTOP	0000400
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

struct termios_user {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

struct pid;
struct file;
struct fasync_struct;

struct tty_struct {
	spinlock_t lock;		/* protects everything below; taken from the IRQ */
	struct termios_user termios;
	struct winsize winsize;
	struct pid *pgrp;		/* the foreground process group */
	struct pid *session;		/* the session it controls, or NULL */
	char buf[N_TTY_BUF_SIZE];	/* input ring */
	unsigned int head, tail;	/* data in [tail, head) */
	unsigned int canon_head;	/* end of the last complete line (ICANON) */
	unsigned int eof_lines;		/* ^D marks not yet read */
	unsigned int column;		/* output column, for erasing tabs */
	wait_queue_head_t read_wait;
	struct fasync_struct *fasync;	/* O_ASYNC files: SIGIO when input is ready */
	void (*write)(const char *buf, size_t n);	/* the driver's output */
};

extern struct tty_struct console_tty;

void tty_receive_char(struct tty_struct *tty, char c);
void serial_receive_char(char c);
void tty_write_out(struct tty_struct *tty, const char *buf, size_t n);
ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char *ubuf, size_t n);
unsigned int n_tty_readable(struct tty_struct *tty);
void n_tty_flush_input(struct tty_struct *tty);
void disassociate_ctty(int on_exit);
struct pid *tty_get_pgrp(struct tty_struct *tty);
int tty_check_change(struct tty_struct *tty);
void console_init(void);

#endif
