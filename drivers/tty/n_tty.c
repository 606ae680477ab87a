/*
 * drivers/tty/n_tty.c: the line discipline (Linux's N_TTY, in brief).
 *
 * Input arrives a character at a time from the serial interrupt.  In
 * canonical mode (ICANON) it is edited here (erase, kill, end of file)
 * and readers get whole lines; otherwise every byte is readable at once.
 * ISIG turns the interrupt, quit and suspend characters into signals to
 * the foreground process group; ECHO shows what was typed.  (^T never
 * comes here: the serial driver takes it as SysRq-T, drivers/tty/sysrq.c.)
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>

static unsigned int ring(unsigned int i)
{
	return i % N_TTY_BUF_SIZE;
}

static bool L(struct tty_struct *tty, u32 flag)
{
	return tty->termios.c_lflag & flag;
}

/* Echo and program output both pass here: ONLCR, and the column for erasing. */
void tty_write_out(struct tty_struct *tty, const char *buf, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		if (buf[i] == '\n' && (tty->termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR)) {
			tty->write(buf + start, i - start);
			tty->write("\r\n", 2);
			start = i + 1;
			tty->column = 0;
		} else if (buf[i] == '\r' || buf[i] == '\n') {
			tty->column = 0;
		} else if (buf[i] == '\b') {
			if (tty->column)
				tty->column--;
		} else if ((unsigned char)buf[i] >= ' ') {
			tty->column++;
		}
	}
	tty->write(buf + start, n - start);
}

static void echo_char(struct tty_struct *tty, char c)
{
	char ctl[2] = { '^', (char)(c ^ 0x40) };

	if (!L(tty, ECHO)) {
		if (c == '\n' && L(tty, ECHONL))
			tty_write_out(tty, "\n", 1);
		return;
	}
	if (L(tty, ECHOCTL) && (unsigned char)c < ' ' && c != '\n' && c != '\t')
		tty_write_out(tty, ctl, 2);
	else
		tty_write_out(tty, &c, 1);
}

/* Removes the last character of the line being typed; false if there is none. */
static bool erase_one(struct tty_struct *tty)
{
	char c;

	if (tty->head == tty->canon_head)
		return false;
	tty->head--;
	c = tty->buf[ring(tty->head)];
	if (L(tty, ECHO) && L(tty, ECHOE)) {
		tty_write_out(tty, "\b \b", 3);
		if (L(tty, ECHOCTL) && (unsigned char)c < ' ' && c != '\t')
			tty_write_out(tty, "\b \b", 3);	/* it was shown as ^X */
	}
	return true;
}

static void put_char(struct tty_struct *tty, char c)
{
	if (tty->head - tty->tail >= N_TTY_BUF_SIZE - 1)
		return;			/* full: drop, as Linux does past 4095 */
	tty->buf[ring(tty->head++)] = c;
}

/* Input can be read now: wake readers, and SIGIO for O_ASYNC files (POLL_IN). */
static void line_done(struct tty_struct *tty)
{
	tty->canon_head = tty->head;
	kill_fasync(&tty->fasync, SIGIO, POLL_IN);
	wake_up_interruptible(&tty->read_wait);
}

void n_tty_flush_input(struct tty_struct *tty)
{
	tty->head = tty->tail = tty->canon_head = 0;
	tty->eof_lines = 0;
}

/* ^C, ^\, ^Z: a signal to the foreground group; the pending input goes. */
static bool isig(struct tty_struct *tty, char c)
{
	const u8 *cc = tty->termios.c_cc;
	int sig = c == cc[VINTR] ? SIGINT : c == cc[VQUIT] ? SIGQUIT :
		  c == cc[VSUSP] ? SIGTSTP : 0;

	if (!sig || !L(tty, ISIG))
		return false;
	if (!L(tty, NOFLSH))
		n_tty_flush_input(tty);
	echo_char(tty, c);
	if (tty->pgrp)
		kill_pgrp(tty->pgrp, sig, 1);
	return true;
}

/* The canonical-mode editing characters; true if @c was one of them. */
static bool canon_edit(struct tty_struct *tty, char c)
{
	const u8 *cc = tty->termios.c_cc;

	if (c == cc[VERASE] || c == '\b') {
		erase_one(tty);
		return true;
	}
	if (c == cc[VKILL]) {
		while (erase_one(tty))
			;
		return true;
	}
	if (c == cc[VEOF]) {		/* end the line without a newline; empty: end of file */
		if (tty->head == tty->canon_head)
			tty->eof_lines++;
		line_done(tty);
		return true;
	}
	return false;
}

/* Called from the serial interrupt for every byte typed. */
void tty_receive_char(struct tty_struct *tty, char c)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	if (c == '\r' && (tty->termios.c_iflag & IGNCR))
		goto out;
	if (c == '\r' && (tty->termios.c_iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (tty->termios.c_iflag & INLCR))
		c = '\r';
	if (isig(tty, c))
		goto out;
	if (L(tty, ICANON) && canon_edit(tty, c))
		goto out;
	put_char(tty, c);
	echo_char(tty, c);
	if (!L(tty, ICANON) || c == '\n' || c == tty->termios.c_cc[VEOL])
		line_done(tty);
out:
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* Bytes a read could take now (FIONREAD, poll). */
unsigned int n_tty_readable(struct tty_struct *tty)
{
	return L(tty, ICANON) ? tty->canon_head - tty->tail + tty->eof_lines
			      : tty->head - tty->tail;
}

/* Takes up to @n bytes into @kbuf: in canonical mode at most one line. */
static size_t take(struct tty_struct *tty, char *kbuf, size_t n)
{
	unsigned int end = L(tty, ICANON) ? tty->canon_head : tty->head;
	size_t done = 0;
	char c;

	while (done < n && tty->tail != end) {
		c = tty->buf[ring(tty->tail++)];
		kbuf[done++] = c;
		if (L(tty, ICANON) && c == '\n')
			break;
	}
	return done;
}

ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char *ubuf, size_t n)
{
	char kbuf[512];		/* copied out after the lock: the copy may fault */
	unsigned long flags;
	size_t k;

	for (;;) {
		spin_lock_irqsave(&tty->lock, flags);
		if (L(tty, ICANON) && tty->tail == tty->canon_head && tty->eof_lines) {
			tty->eof_lines--;	/* an empty line ended by ^D: end of file */
			spin_unlock_irqrestore(&tty->lock, flags);
			return 0;
		}
		if (n_tty_readable(tty)) {
			k = take(tty, kbuf, min(n, sizeof(kbuf)));
			spin_unlock_irqrestore(&tty->lock, flags);
			return copy_to_user(ubuf, kbuf, k) ? -EFAULT : (ssize_t)k;
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		if (!L(tty, ICANON) && !tty->termios.c_cc[VMIN])
			return 0;	/* VMIN 0, VTIME 0: a poll */
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(tty->read_wait, n_tty_readable(tty)))
			return -ERESTARTSYS;
	}
}
