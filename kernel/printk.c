/*
 * kernel/printk.c: printk, the log buffer and the console.
 *
 * Every message goes to a ring buffer (read back by dmesg and by tests)
 * and, when its level is below console_loglevel, to the serial console,
 * each line stamped with the time since boot as Linux prints it:
 * "[    0.004211] ...".  loglevel=N and quiet set console_loglevel.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/serial.h>
#include <linux/init.h>
#include <linux/time.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/setup.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

#define LOG_BUF_LEN	(1 << 16)
/* The longest message: the whole kernel command line fits in one ("Kernel command line: ..."). */
#define PRINTK_LINE_MAX	(COMMAND_LINE_SIZE + 64)

/* The log ring and its cursor; protected by logbuf_lock. */
static struct {
	char buf[LOG_BUF_LEN];
	size_t head;		/* total bytes ever written; buf[head % LEN] is next */
	bool line_open;		/* the last message did not end its line */
} log;
static DEFINE_SPINLOCK(logbuf_lock);

static void log_store(const char *s, size_t n)
{
	for (; n; n--)
		log.buf[log.head++ % LOG_BUF_LEN] = *s++;
}

/* Writes to the console directly, bypassing levels (panic, the tty). */
void console_write(const char *s, size_t n)
{
	serial_write(s, n);
}

static int parse_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == KERN_SOH[0] && f[1]) {
		*fmt = f + 2;
		return f[1] == 'c' ? -2 : f[1] - '0';
	}
	return -1;
}

static size_t stamp(char *buf, size_t size)
{
	u64 ns = local_clock();

	return scnprintf(buf, size, "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000),
			 (unsigned long)(ns % 1000000000) / 1000);
}

int vprintk(const char *fmt, va_list args)
{
	char text[PRINTK_LINE_MAX], prefix[32];
	size_t plen = 0, tlen;
	unsigned long flags;
	int level = parse_level(&fmt);
	bool locked;

	tlen = vsnprintf(text, sizeof(text), fmt, args);
	if (tlen >= sizeof(text)) {		/* cut, but never in silence */
		tlen = sizeof(text) - 1;
		memcpy(text + tlen - 5, " ...\n", 5);
	}
	local_irq_save(flags);
	locked = spin_trylock(&logbuf_lock);
	if (!locked && !in_nmi())
		spin_lock_contended(&logbuf_lock);	/* printk within printk: reported */
	/* else an NMI stopped a printk halfway: the log takes our line anyway */
	if (level != -2 && log.line_open) {	/* a new message ends an open line */
		log_store("\n", 1);
		if (level < console_loglevel)
			console_write("\n", 1);
	}
	if (level != -2 || !log.line_open)
		plen = stamp(prefix, sizeof(prefix));
	if (level < 0)
		level = LOGLEVEL_DEFAULT;
	log_store(prefix, plen);
	log_store(text, tlen);
	if (level < console_loglevel) {
		console_write(prefix, plen);
		console_write(text, tlen);
	}
	log.line_open = tlen && text[tlen - 1] != '\n';
	if (locked)
		spin_unlock_irqrestore(&logbuf_lock, flags);
	else
		local_irq_restore(flags);
	return tlen;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

size_t log_buf_len(void)
{
	return log.head;
}

/* Copies the log from byte @from (as counted by log_buf_len) into @dst. */
size_t log_buf_copy(char *dst, size_t size, size_t from)
{
	size_t n = 0;
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	if (log.head > LOG_BUF_LEN && from < log.head - LOG_BUF_LEN)
		from = log.head - LOG_BUF_LEN;
	for (; from < log.head && n + 1 < size; from++)
		dst[n++] = log.buf[from % LOG_BUF_LEN];
	if (size)
		dst[n] = '\0';
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

/*
 * Panic and oops call this: the holder (the code that faulted, inside
 * printk) will never release the lock.  Neither caller returns, so the
 * preemption count the holder took does not matter.
 */
void printk_bust_locks(void)
{
	arch_spin_unlock(&logbuf_lock);
}

static int __init loglevel_setup(char *s)
{
	int v;

	if (!s || kstrtoint(s, 10, &v))
		return -EINVAL;
	console_loglevel = v;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_setup(char *s)
{
	(void)s;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
early_param("quiet", quiet_setup);

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

/* syslog(2), for dmesg: the whole log (from its oldest kept byte) or its sizes. */
SYSCALL_DEFINE3(syslog, int, type, char *, ubuf, int, len)
{
	char *k;
	size_t n, start;

	switch (type) {
	case SYSLOG_ACTION_READ_ALL:
		if (len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		k = kmalloc(min(len, LOG_BUF_LEN) + 1, GFP_KERNEL);
		if (!k)
			return -ENOMEM;
		start = log.head > (size_t)min(len, LOG_BUF_LEN) ? log.head - min(len, LOG_BUF_LEN) : 0;
		n = log_buf_copy(k, min(len, LOG_BUF_LEN) + 1, start);
		n = copy_to_user(ubuf, k, n) ? (size_t)-EFAULT : n;
		kfree(k);
		return n;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return min(log.head, (size_t)LOG_BUF_LEN);
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}
