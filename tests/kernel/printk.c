/*
 * tests/kernel/printk.c: vsnprintf's formats, and printk's log lines.
 */
#include <linux/ktest.h>
#include <linux/kallsyms.h>
#include <asm/setup.h>
#include <linux/err.h>

static char buf[256];

#define CHECK_FMT(t, expect, ...) do { \
	int __n = snprintf(buf, sizeof(buf), __VA_ARGS__); \
	KTEST_EXPECT_STREQ(t, buf, expect); \
	KTEST_EXPECT_EQ(t, __n, (int)strlen(expect)); \
} while (0)

static void integers(struct ktest *t)
{
	CHECK_FMT(t, "42 -7 4294967295", "%d %i %u", 42, -7, 4294967295U);
	CHECK_FMT(t, "ff FF 0xff 0377", "%x %X %#x %#o", 255, 255, 255, 255);
	CHECK_FMT(t, "-9223372036854775808", "%lld", (long long)LLONG_MIN);
	CHECK_FMT(t, "18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT(t, "fffffffffffffffe", "%lx", -2L);
	CHECK_FMT(t, "ab -1 255", "%hhx %hd %hhu", 0x1ab, (short)-1, 255);
	CHECK_FMT(t, "12345 123", "%zu %zd", (size_t)12345, (ssize_t)123);
}

static void widths_and_flags(struct ktest *t)
{
	CHECK_FMT(t, "[   42]", "[%5d]", 42);
	CHECK_FMT(t, "[42   ]", "[%-5d]", 42);
	CHECK_FMT(t, "[00042]", "[%05d]", 42);
	CHECK_FMT(t, "[-0042]", "[%05d]", -42);
	CHECK_FMT(t, "[+42]", "[%+d]", 42);
	CHECK_FMT(t, "[ 42]", "[% d]", 42);
	CHECK_FMT(t, "[  007]", "[%5.3d]", 7);
	CHECK_FMT(t, "[0x0000000000000000]", "[%#018llx]", 0ULL);
	CHECK_FMT(t, "[   ab]", "[%*x]", 5, 0xab);
	CHECK_FMT(t, "[    0.004211] ", "[%5lu.%06lu] ", 0UL, 4211UL);
}

static void strings_and_chars(struct ktest *t)
{
	CHECK_FMT(t, "hello world", "%s %s", "hello", "world");
	CHECK_FMT(t, "[  abc]", "[%5s]", "abc");
	CHECK_FMT(t, "[abc  ]", "[%-5s]", "abc");
	CHECK_FMT(t, "[ab]", "[%.2s]", "abcdef");
	CHECK_FMT(t, "[abc]", "[%.*s]", 3, "abcdef");
	CHECK_FMT(t, "FZ for kmalloc-64,dentry", "%s%s%s%s for %.*s", "F", "Z", "", "", 17,
		  "kmalloc-64,dentry,");
	{
		const char *volatile null = NULL;	/* hidden from gcc's format check */

		CHECK_FMT(t, "(null)", "%s", null);
	}
	{
		const char *volatile poisoned = (const char *)0x6b6b6b6b6b6b6b6bUL;	/* freed */
		const char *volatile low = (const char *)16, *volatile err = ERR_PTR(-ENOENT);
		const char *volatile unmapped = (const char *)0xffffc8ffffff0000UL;

		CHECK_FMT(t, "[(efault)]", "[%s]", poisoned);
		CHECK_FMT(t, "(efault) (efault) (efault)", "%s %s %s", low, err, unmapped);
	}
	CHECK_FMT(t, "x%y", "%c%%%c", 'x', 'y');
}

static void pointers_and_symbols(struct ktest *t)
{
	CHECK_FMT(t, "00000000deadbeef", "%px", (void *)0xdeadbeefUL);
	snprintf(buf, sizeof(buf), "%pS", (void *)((unsigned long)kallsyms_lookup + 3));
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "kallsyms_lookup+0x3/0x", 22));
	snprintf(buf, sizeof(buf), "%ps", (void *)kallsyms_lookup);
	KTEST_EXPECT_STREQ(t, buf, "kallsyms_lookup");
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("kallsyms_lookup"), (unsigned long)kallsyms_lookup);
}

static void truncation_keeps_the_full_length(struct ktest *t)
{
	char small[8];
	int n = snprintf(small, sizeof(small), "%s", "0123456789");

	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_STREQ(t, small, "0123456");
	KTEST_EXPECT_EQ(t, scnprintf(small, sizeof(small), "%s", "0123456789"), 7);
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

/* printk stamps each line and stores it in the log, whatever the console level. */
/* In the ring a message is "<level>[time] text", as syslog(2) gives it. */
static void log_lines_are_stamped(struct ktest *t)
{
	size_t start = log_buf_len();
	char *line;

	printk(KERN_DEBUG "ktest-marker %d\n", 1234);
	log_buf_copy(buf, sizeof(buf), start);
	line = strstr(buf, "ktest-marker 1234\n");
	KTEST_ASSERT_TRUE(t, line != NULL);
	KTEST_EXPECT_EQ(t, strncmp(buf, "<7>[", 4), 0);
	KTEST_EXPECT_EQ(t, line - buf, 18);		/* "<7>" then "[%5lu.%06lu] ", 15 wide */
	KTEST_EXPECT_EQ(t, buf[9], '.');
	KTEST_EXPECT_EQ(t, buf[16], ']');
}

/* Each line of a message has the prefix, as Linux's record_print_text gives it. */
static void every_line_of_a_message_is_prefixed(struct ktest *t)
{
	size_t start = log_buf_len();
	char *second;

	printk(KERN_DEBUG "ktest-first\nktest-second\n");
	printk("ktest-default\n");
	log_buf_copy(buf, sizeof(buf), start);
	second = strstr(buf, "\n<7>[");
	KTEST_ASSERT_TRUE(t, second != NULL);
	KTEST_EXPECT_EQ(t, strncmp(second + 17, "] ktest-second\n", 15), 0);
	KTEST_EXPECT_EQ(t, strncmp(buf + 18, "ktest-first\n", 12), 0);
	/* no level: LOGLEVEL_DEFAULT, 4 (Linux's default_message_loglevel) */
	KTEST_EXPECT_TRUE(t, strstr(buf, "\n<4>[") != NULL);
}

/* A message too long for printk is cut, and the cut shows. */
static void a_cut_message_says_so(struct ktest *t)
{
	static char big[3000], out[2300];
	size_t start = log_buf_len(), n;

	memset(big, 'y', sizeof(big) - 1);
	printk(KERN_DEBUG "%s\n", big);		/* the log only, not the console */
	n = log_buf_copy(out, sizeof(out), start);
	KTEST_EXPECT_TRUE(t, n > COMMAND_LINE_SIZE);		/* a whole command line fits */
	KTEST_EXPECT_LT(t, n, sizeof(out) - 1);
	KTEST_EXPECT_STREQ(t, out + n - 6, "y ...\n");
}

static void continuation_lines_join(struct ktest *t)
{
	size_t start = log_buf_len();

	printk(KERN_INFO "ktest-cont a");
	pr_cont(" b");
	pr_cont(" c\n");
	log_buf_copy(buf, sizeof(buf), start);
	KTEST_EXPECT_TRUE(t, strstr(buf, "ktest-cont a b c\n") != NULL);
}

static struct ktest_case printk_cases[] = {
	KTEST_CASE(integers),
	KTEST_CASE(widths_and_flags),
	KTEST_CASE(strings_and_chars),
	KTEST_CASE(pointers_and_symbols),
	KTEST_CASE(truncation_keeps_the_full_length),
	KTEST_CASE(a_cut_message_says_so),
	KTEST_CASE(log_lines_are_stamped),
	KTEST_CASE(every_line_of_a_message_is_prefixed),
	KTEST_CASE(continuation_lines_join),
	KTEST_END,
};

static struct ktest_suite printk_suite = { .name = "printk", .cases = printk_cases };
KTEST_SUITE(printk_suite);
