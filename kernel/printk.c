/*
 * kernel/printk.c: printk, the log buffer and the console.
 *
 * Every message goes to a ring buffer (read back by dmesg and by tests)
 * and, when its level is below console_loglevel, to the serial console,
 * each line stamped with the time since boot as Linux prints it:
 * "[    0.004211] ...".  loglevel=N and quiet set console_loglevel.  The
 * ring holds each message as syslog(2) gives it on Linux, its level first:
 * "<6>[    0.004211] ..." (record_print_text's syslog prefix), which is
 * how dmesg tells one message from the next.
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
#include <linux/ratelimit.h>
#include <linux/smp.h>
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
static int logbuf_cpu = -1;	/* logbuf_lock's holder, or -1; written under it, read by NMIs */

#define NMI_PRINTK_WAIT_NS	(20 * NSEC_PER_MSEC)	/* an NMI's wait for another CPU's record */

static void log_store(const char *s, size_t n)
{
	for (; n; n--)
		log.buf[log.head++ % LOG_BUF_LEN] = *s++;
}

/*
 * The tty's output: written whole between two printk records, never
 * inside one, when CPUs print at once (Linux serializes both on the
 * console's port lock).  printk writes under the same lock.
 */
void console_write(const char *s, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	WRITE_ONCE(logbuf_cpu, raw_smp_processor_id());
	serial_write(s, n);
	WRITE_ONCE(logbuf_cpu, -1);
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

/*
 * The log's lock, found taken.  Outside an NMI: wait (another CPU
 * prints; on one CPU, a bug the lock reports).  In an NMI the holder may
 * be the code the NMI stopped on this CPU, which cannot go on before the
 * NMI returns: wait only for another CPU's holder, and not for ever (it
 * may itself be stopped by an NMI that waits for us, lib/nmi_backtrace.c).
 * False: the caller prints without the lock.
 */
static bool logbuf_lock_contended(void)
{
	u64 deadline;

	if (!in_nmi()) {
		spin_lock(&logbuf_lock);
		return true;
	}
	if (READ_ONCE(logbuf_cpu) == raw_smp_processor_id())
		return false;
	deadline = local_clock() + NMI_PRINTK_WAIT_NS;
	while (local_clock() < deadline) {
		if (spin_trylock(&logbuf_lock))
			return true;
		cpu_relax();
	}
	return false;
}

static int parse_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == KERN_SOH[0] && f[1]) {
		*fmt = f + 2;
		if (f[1] == 'c')
			return -2;
		return f[1] >= '0' && f[1] <= '7' ? f[1] - '0' : -1;
	}
	return -1;
}

static size_t stamp(char *buf, size_t size)
{
	u64 ns = local_clock();

	return scnprintf(buf, size, "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000),
			 (unsigned long)(ns % 1000000000) / 1000);
}

/*
 * Stores and prints @text line by line: every line but the continuation
 * of an open one starts with @stamp (and, in the ring, @level's syslog
 * prefix), as Linux's record_print_text prefixes each line of a record.
 */
static void log_lines(const char *text, size_t tlen, int level, bool cont,
		      const char *stamp, size_t slen)
{
	char syslog_prefix[3] = { '<', '0' + level, '>' };
	bool console = level < console_loglevel;
	const char *end = text + tlen, *nl;
	size_t n;

	for (; text < end; text += n, cont = false) {
		nl = memchr(text, '\n', end - text);
		n = nl ? (size_t)(nl - text) + 1 : (size_t)(end - text);
		if (!cont) {
			log_store(syslog_prefix, sizeof(syslog_prefix));
			log_store(stamp, slen);
			if (console)
				serial_write(stamp, slen);
		}
		log_store(text, n);
		if (console)
			serial_write(text, n);
	}
}

int vprintk(const char *fmt, va_list args)
{
	char text[PRINTK_LINE_MAX], prefix[32];
	size_t tlen;
	unsigned long flags;
	int level = parse_level(&fmt);
	bool locked, cont;

	tlen = vsnprintf(text, sizeof(text), fmt, args);
	if (tlen >= sizeof(text)) {		/* cut, but never in silence */
		tlen = sizeof(text) - 1;
		memcpy(text + tlen - 5, " ...\n", 5);
	}
	local_irq_save(flags);
	locked = spin_trylock(&logbuf_lock) || logbuf_lock_contended();
	if (locked)
		WRITE_ONCE(logbuf_cpu, raw_smp_processor_id());
	/* else an NMI stopped a printk halfway: the log takes our line anyway */
	if (level != -2 && log.line_open) {	/* a new message ends an open line */
		log_store("\n", 1);
		if (level < console_loglevel)
			serial_write("\n", 1);
	}
	cont = level == -2 && log.line_open;
	if (level < 0)
		level = LOGLEVEL_DEFAULT;
	log_lines(text, tlen, level, cont, prefix, stamp(prefix, sizeof(prefix)));
	log.line_open = tlen && text[tlen - 1] != '\n';
	if (locked) {
		WRITE_ONCE(logbuf_cpu, -1);
		spin_unlock_irqrestore(&logbuf_lock, flags);
	}
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
	/* the holder may never finish (we interrupted it): the lock starts afresh, free */
	WRITE_ONCE(logbuf_lock.locked, 0);
	WRITE_ONCE(logbuf_cpu, -1);
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

static DEFINE_RATELIMIT_STATE(printk_ratelimit_state, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);

/* May a message of @func's go out?  The limit shared by every printk_ratelimit() user. */
int __printk_ratelimit(const char *func)
{
	return ___ratelimit(&printk_ratelimit_state, func);
}

/*
 * SYSLOG_ACTION_READ_ALL: the newest whole messages that fit in @len
 * bytes, each "<level>[time] text" (Linux's syslog_print_all).  One byte
 * more than asked is read, the one before: when it is not a newline, the
 * copy began inside a message, which is left out.
 */
static int syslog_print_all(char *ubuf, int len)
{
	size_t want = min_t(size_t, len, LOG_BUF_LEN - 1), head = log_buf_len();
	size_t start = head > want ? head - want : 0, n, skip = 0;
	char *k, *nl;
	int ret;

	k = kmalloc(want + 2, GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	n = log_buf_copy(k, want + 2, start ? start - 1 : 0);
	if (start) {
		nl = memchr(k, '\n', n);
		skip = nl ? (size_t)(nl - k) + 1 : n;
	}
	ret = copy_to_user(ubuf, k + skip, n - skip) ? -EFAULT : (int)(n - skip);
	kfree(k);
	return ret;
}

/* syslog(2), for dmesg: the whole log (from its oldest kept message) or its sizes. */
SYSCALL_DEFINE3(syslog, int, type, char *, ubuf, int, len)
{
	switch (type) {
	case SYSLOG_ACTION_READ_ALL:
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		return syslog_print_all(ubuf, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return min(log.head, (size_t)LOG_BUF_LEN);
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}
