/*
 * user/dmesg.c: dmesg: print the kernel log.
 *
 * The log is read in one piece with syslog(2) (SYSLOG_ACTION_READ_ALL),
 * which leaves it in place.  Each record starts with its level, "<6>";
 * like util-linux, dmesg shows only the text after it.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_BUFFER	10

/* Writes one record, without its "<level>" prefix. */
static void print_record(const char *line, size_t len)
{
	if (len > 2 && line[0] == '<') {
		const char *gt = memchr(line, '>', len);

		if (gt) {
			len -= gt + 1 - line;
			line = gt + 1;
		}
	}
	fwrite(line, 1, len, stdout);
	putchar('\n');
}

int main(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buf, *line, *nl;
	int len;

	if (size <= 0)
		size = 1 << 17;
	buf = malloc(size);
	if (!buf)
		err(1, "malloc");
	len = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	if (len < 0)
		err(1, "read kernel buffer failed");
	for (line = buf; line < buf + len; line = nl + 1) {
		nl = memchr(line, '\n', buf + len - line);
		if (!nl)
			nl = buf + len;
		print_record(line, nl - line);
	}
	return 0;
}
