/*
 * drivers/tty/tty_io.c: the console tty's file interface and job control.
 *
 * /dev/console (5:1), /dev/ttyS0 (4:64) and /dev/tty (5:0, the caller's
 * controlling terminal) all lead to the one serial tty.  The ioctls are
 * the ones a shell and libc use: termios, window size, the foreground
 * process group (TIOCGPGRP/TIOCSPGRP) and the controlling terminal
 * (TIOCSCTTY, TIOCNOTTY).  A background job that reads gets SIGTTIN, as
 * POSIX job control requires.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/uio.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/serial.h>
#include <linux/sysrq.h>
#include <linux/init.h>
#include <asm/traps.h>

#define TTY_MAJOR	4
#define TTYAUX_MAJOR	5

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

static void serial_out(const char *buf, size_t n)
{
	console_write(buf, n);
}

struct tty_struct console_tty = {
	.lock = __SPIN_LOCK_UNLOCKED(console_tty.lock),
	.termios = {
		.c_iflag = ICRNL | IXON | IUTF8,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL,
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
		.c_cc = { [VINTR] = 3, [VQUIT] = 0x1c, [VERASE] = 0x7f, [VKILL] = 0x15,
			  [VEOF] = 4, [VMIN] = 1, [VSTART] = 0x11, [VSTOP] = 0x13,
			  [VSUSP] = 0x1a, [VREPRINT] = 0x12, [VWERASE] = 0x17, [VLNEXT] = 0x16 },
	},
	.winsize = { 24, 80, 0, 0 },
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
	.write = serial_out,
};

static bool is_ctty(struct tty_struct *tty)
{
	return current->signal->tty == tty;
}

/*
 * A background process touching its terminal: SIGTTIN/SIGTTOU to its
 * group, unless it ignores or blocks the signal (then it may go ahead,
 * or for reads gets EIO) or its group is orphaned (EIO).  As Linux's
 * __tty_check_change.
 */
static int tty_job_check(struct tty_struct *tty, int sig)
{
	struct pid *pgrp = task_pgrp(current);
	void *handler;

	if (!is_ctty(tty) || !tty->pgrp || pgrp == tty->pgrp)
		return 0;
	handler = current->sighand->action[sig - 1].sa.sa_handler;
	if (handler == SIG_IGN || sigismember(&current->blocked, sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(pgrp, sig, 1);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return tty_job_check(tty, SIGTTOU);
}

static ssize_t tty_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	struct tty_struct *tty = f->private_data;
	int err = tty_job_check(tty, SIGTTIN);

	(void)pos;
	if (err)
		return err;
	return n_tty_read(tty, f, ubuf, n);
}

static ssize_t tty_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct tty_struct *tty = iocb->ki_filp->private_data;
	size_t done = 0, k, want;
	char kbuf[256];
	int err;

	if (tty->termios.c_lflag & TOSTOP) {
		err = tty_job_check(tty, SIGTTOU);
		if (err)
			return err;
	}
	while (iov_iter_count(from)) {
		want = min(iov_iter_count(from), sizeof(kbuf));
		k = copy_from_iter(kbuf, want, from);
		tty_write_out(tty, kbuf, k);
		done += k;
		if (k < want)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static unsigned int tty_poll(struct file *f, poll_table *pt)
{
	struct tty_struct *tty = f->private_data;
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &tty->read_wait, pt);
	if (n_tty_readable(tty))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static int set_termios(struct tty_struct *tty, unsigned long arg, bool flush)
{
	struct termios_user t;
	unsigned long flags;
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (copy_from_user(&t, (void *)arg, sizeof(t)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	if (flush)
		n_tty_flush_input(tty);
	if ((tty->termios.c_lflag ^ t.c_lflag) & ICANON)
		tty->canon_head = tty->head;	/* what was typed becomes readable */
	tty->termios = t;
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up_interruptible(&tty->read_wait);
	return 0;
}

/*
 * Installs @pgrp (and, if @session_too, @session) in @tty under its lock,
 * taking over the caller's references and dropping the old ones.  Never
 * under tasklist_lock: the serial interrupt holds tty->lock when it sends
 * SIGINT or SIGIO, which takes tasklist_lock (the lock validator found
 * the reverse order in /proc/PID/stat: a deadlock on two CPUs).
 */
static void tty_set_pgrp(struct tty_struct *tty, struct pid *session, bool session_too,
			 struct pid *pgrp)
{
	struct pid *old_session = NULL, *old_pgrp;
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	old_pgrp = tty->pgrp;
	tty->pgrp = pgrp;
	if (session_too) {
		old_session = tty->session;
		tty->session = session;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	put_pid(old_pgrp);
	put_pid(old_session);
}

/* The foreground process group, with a reference (Linux's tty_get_pgrp). */
struct pid *tty_get_pgrp(struct tty_struct *tty)
{
	unsigned long flags;
	struct pid *pgrp;

	spin_lock_irqsave(&tty->lock, flags);
	pgrp = get_pid(tty->pgrp);
	spin_unlock_irqrestore(&tty->lock, flags);
	return pgrp;
}

/* TIOCSPGRP: to a group of our own session, on our controlling tty. */
static int tiocspgrp(struct tty_struct *tty, pid_t __user_pgrp)
{
	struct pid *pgrp;
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (!is_ctty(tty) || tty->session != task_session(current))
		return -ENOTTY;
	if (__user_pgrp < 0)
		return -EINVAL;
	spin_lock_irq(&tasklist_lock);
	pgrp = find_vpid(__user_pgrp);
	err = -ESRCH;
	if (pgrp && pid_task(pgrp, PIDTYPE_PGID)) {
		err = -EPERM;
		if (task_session(pid_task(pgrp, PIDTYPE_PGID)) == task_session(current)) {
			pgrp = get_pid(pgrp);
			err = 0;
		}
	}
	spin_unlock_irq(&tasklist_lock);
	if (!err)
		tty_set_pgrp(tty, NULL, false, pgrp);
	return err;
}

/* TIOCSCTTY: a session leader without a terminal takes this one. */
static int tiocsctty(struct tty_struct *tty, unsigned long steal)
{
	struct signal_struct *sig = current->signal;

	if (sig->leader && is_ctty(tty))
		return 0;
	if (!sig->leader || sig->tty)
		return -EPERM;
	if (tty->session && tty->session != task_session(current)) {
		if (steal != 1 || !capable(CAP_SYS_ADMIN))
			return -EPERM;
	}
	struct pid *session, *pgrp;

	spin_lock_irq(&tasklist_lock);
	session = get_pid(task_session(current));
	pgrp = get_pid(task_pgrp(current));
	sig->tty = tty;
	spin_unlock_irq(&tasklist_lock);
	tty_set_pgrp(tty, session, true, pgrp);
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = f->private_data;
	void *uarg = (void *)arg;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(uarg, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
		return set_termios(tty, arg, false);
	case TCSETSF:
		return set_termios(tty, arg, true);
	case TIOCGWINSZ:
		return copy_to_user(uarg, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, uarg, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		if (!is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->pgrp ? pid_vnr(tty->pgrp) : 0, (int *)uarg);
	case TIOCSPGRP: {
		int pgrp;

		if (get_user(pgrp, (int *)uarg))
			return -EFAULT;
		return tiocspgrp(tty, pgrp);
	}
	case TIOCGSID:
		if (!is_ctty(tty) || !tty->session)
			return -ENOTTY;
		return put_user(pid_vnr(tty->session), (int *)uarg);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCNOTTY:
		if (!is_ctty(tty))
			return -ENOTTY;
		disassociate_ctty(0);
		return 0;
	case FIONREAD:
		return put_user((int)n_tty_readable(tty), (int *)uarg);
	case TIOCOUTQ:
		return put_user(0, (int *)uarg);
	case TCFLSH:
		if (arg == 0 || arg == 2)
			n_tty_flush_input(tty);
		return 0;
	case TCSBRK:
	case TCXONC:
		return 0;		/* output is synchronous: nothing to drain or stop */
	}
	return -ENOTTY;
}

static int tty_open(struct inode *inode, struct file *f)
{
	if (MAJOR(inode->i_rdev) == TTYAUX_MAJOR && MINOR(inode->i_rdev) == 0 &&
	    current->signal->tty != &console_tty)
		return -ENXIO;		/* /dev/tty with no controlling terminal */
	f->private_data = &console_tty;
	return 0;
}

/*
 * O_ASYNC on the terminal: with no owner set yet, the owner becomes the
 * foreground process group, or the caller's process (Linux's __tty_fasync).
 */
static int tty_fasync(int fd, struct file *filp, int on)
{
	struct tty_struct *tty = filp->private_data;
	int ret = fasync_helper(fd, filp, on, &tty->fasync), type;
	struct pid *pid;

	if (ret <= 0 || !on)
		return ret;
	spin_lock_irq(&tasklist_lock);
	pid = get_pid(tty->pgrp ? tty->pgrp : task_pid(current));
	type = tty->pgrp ? F_OWNER_PGRP : F_OWNER_PID;
	spin_unlock_irq(&tasklist_lock);
	__f_setown(filp, pid, type, 0);
	put_pid(pid);
	return 0;
}

static const struct file_operations tty_fops = {
	.open	= tty_open,
	.read	= tty_read,
	.write_iter = tty_write_iter,
	.llseek	= no_llseek,
	.poll	= tty_poll,
	.ioctl	= tty_ioctl,
	.fasync	= tty_fasync,
	.fop_flags = FOP_ITER_READ,
};

/*
 * The session leader's exit (or TIOCNOTTY) lets go of the terminal: its
 * foreground group gets SIGHUP and SIGCONT, as Linux's disassociate_ctty.
 */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = current->signal->tty;
	struct pid *pgrp = NULL;
	struct task_struct *p;
	unsigned long flags;
	bool leader;

	if (!tty)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	leader = on_exit && current->signal->leader && tty->session == task_session(current);
	if (leader)
		for_each_process(p)
			if (task_session(p) == task_session(current))
				p->signal->tty = NULL;
	current->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (leader) {		/* not under tasklist_lock: see tty_set_pgrp */
		pgrp = tty_get_pgrp(tty);
		tty_set_pgrp(tty, NULL, true, NULL);
	}
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP, 1);
		kill_pgrp(pgrp, SIGCONT, 1);
		put_pid(pgrp);
	}
}

/* A byte from the serial port: the magic SysRq key, else input for the tty. */
void serial_receive_char(char c)
{
	if (!uart_handle_sysrq_char(c))
		tty_receive_char(&console_tty, c);
}

static void serial_interrupt(struct pt_regs *regs, int irq)
{
	int c;

	(void)regs;
	(void)irq;
	while ((c = serial_getc()) >= 0)
		serial_receive_char(c);
}

/* Linux's console_init: the serial port's input now goes to the tty. */
void console_init(void)
{
	register_chrdev(TTY_MAJOR, "ttyS", &tty_fops);
	register_chrdev(TTYAUX_MAJOR, "console", &tty_fops);
	request_irq(4, serial_interrupt, "ttyS0");
	serial_enable_rx_irq();
}
