/*
 * syslog_read_all: syslog(2)'s SYSLOG_ACTION_READ_ALL, the call dmesg
 * makes, gives the log as Linux's syslog_print_all does: one line per
 * message, each starting with its level in angle brackets ("<6>[ ...]
 * text"), which is how util-linux's dmesg tells messages apart; a buffer
 * smaller than the log gets the newest whole messages that fit, never
 * part of one; and Linux's errors (EINVAL for a NULL buffer, a negative
 * length or an unknown action).  SIZE_BUFFER is at least what READ_ALL
 * returns.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <sys/klog.h>
#include "ktap.h"

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_BUFFER	10

static char buf[1 << 22];

/* True if @line (up to a newline) starts "<digits>". */
static int has_level(const char *line)
{
	const char *p = line + 1;

	if (line[0] != '<' || !isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '>';
}

static void t_every_line_has_its_level(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n, lines = 0, bad = 0;
	char *line, *end;

	ASSERT_GT(size, 0);
	ASSERT_TRUE(size < (int)sizeof(buf));
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	ASSERT_GT(n, 0);
	EXPECT_LE(n, size);
	EXPECT_EQ(buf[n - 1], '\n');
	for (line = buf; line < buf + n; line = end + 1) {
		end = memchr(line, '\n', buf + n - line);
		if (!end)
			break;
		lines++;
		bad += !has_level(line);
	}
	EXPECT_GT(lines, 1);
	EXPECT_EQ(bad, 0);
}

/* A short buffer: the newest messages that fit whole, from a line's start. */
static void t_short_buffer_gets_whole_messages(void)
{
	char small[300];
	int n;

	n = klogctl(SYSLOG_ACTION_READ_ALL, small, sizeof(small));
	ASSERT_GE(n, 0);
	EXPECT_LE(n, (int)sizeof(small));
	if (n > 0) {
		EXPECT_TRUE(has_level(small));
		EXPECT_EQ(small[n - 1], '\n');
	}
}

static void t_errors(void)
{
	EXPECT_ERRNO(klogctl(SYSLOG_ACTION_READ_ALL, NULL, 100), EINVAL);
	EXPECT_ERRNO(klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL);
	EXPECT_EQ(klogctl(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
	EXPECT_ERRNO(klogctl(99, buf, 10), EINVAL);
	EXPECT_ERRNO(klogctl(SYSLOG_ACTION_READ_ALL, (char *)8, 1 << 16), EFAULT);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_every_line_has_its_level, t_short_buffer_gets_whole_messages,
				   t_errors));
}
