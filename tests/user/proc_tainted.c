/*
 * proc_tainted: /proc/sys/kernel/tainted, the kernel's taint mask.  It
 * reads as one decimal number; writing needs CAP_SYS_ADMIN beyond the
 * file's mode (EPERM for root without it, as Linux's proc_taint), and a
 * write only adds bits: writing 0 leaves the mask as it was.  Nothing
 * here sets a bit, so the machine the test runs on is left untainted.
 */
#include "ns_util.h"
#include <ctype.h>

#define TAINTED	"/proc/sys/kernel/tainted"

/* The mask, or -1 if the file does not read as a number and a newline. */
static long long tainted(void)
{
	char buf[32], *end;
	long long v;

	if (read_text(TAINTED, buf, sizeof(buf)) <= 0 || !isdigit((unsigned char)buf[0]))
		return -1;
	v = strtoll(buf, &end, 10);
	return strcmp(end, "\n") ? -1 : v;
}

static void t_reads_as_a_number(void)
{
	EXPECT_GE(tainted(), 0);
}

static void t_writing_zero_adds_nothing(void)
{
	long long before = tainted();

	ASSERT_GE(before, 0);
	EXPECT_EQ(write_text(TAINTED, "0"), 0);
	EXPECT_EQ(tainted(), before);
	EXPECT_EQ(write_text(TAINTED, "x"), -EINVAL);
}

/* Root without CAP_SYS_ADMIN opens it (mode 0644) but may not write. */
static int write_without_cap_sys_admin(void)
{
	struct cap_sets caps;
	int fd = open(TAINTED, O_WRONLY), err;

	if (fd < 0)
		return 100;
	if (cap_get(0, &caps))
		return 101;
	caps.effective &= ~(1ULL << CAP_SYS_ADMIN);
	if (cap_set(&caps))
		return 102;
	err = write(fd, "0", 1) < 0 ? errno : 0;
	close(fd);
	return err;
}

static void t_writing_needs_cap_sys_admin(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(write_without_cap_sys_admin());
	EXPECT_EQ(wait_exit(pid), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(open(TAINTED, O_WRONLY))), EACCES);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_reads_as_a_number, t_writing_zero_adds_nothing,
				   t_writing_needs_cap_sys_admin));
}
