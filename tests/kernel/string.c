/*
 * tests/kernel/string.c: the string, memory and number-parsing helpers.
 */
#include <linux/ktest.h>

static void memory_functions(struct ktest *t)
{
	char a[16] = "abcdefghijklmno", b[16];

	memcpy(b, a, 16);
	KTEST_EXPECT_EQ(t, memcmp(a, b, 16), 0);
	memmove(a + 2, a, 10);				/* overlapping, forwards */
	KTEST_EXPECT_EQ(t, memcmp(a, "ababcdefghijmno", 15), 0);
	memmove(a, a + 2, 10);				/* overlapping, backwards */
	KTEST_EXPECT_EQ(t, memcmp(a, "abcdefghijijmno", 15), 0);
	memset(b, '*', 4);
	KTEST_EXPECT_EQ(t, memcmp(b, "****efgh", 8), 0);
	KTEST_EXPECT_LT(t, memcmp("abc", "abd", 3), 0);
	KTEST_EXPECT_PTR_EQ(t, memchr(a, 'j', 16), a + 9);
}

static void string_functions(struct ktest *t)
{
	char d[8];

	KTEST_EXPECT_EQ(t, strlen("matryoshka"), 10);
	KTEST_EXPECT_EQ(t, strnlen("matryoshka", 4), 4);
	KTEST_EXPECT_EQ(t, strcmp("a", "a"), 0);
	KTEST_EXPECT_LT(t, strcmp("a", "b"), 0);
	KTEST_EXPECT_GT(t, strcmp("b", "a"), 0);
	KTEST_EXPECT_EQ(t, strncmp("abcx", "abcy", 3), 0);
	KTEST_EXPECT_EQ(t, strlcpy(d, "0123456789", sizeof(d)), 10);
	KTEST_EXPECT_STREQ(t, d, "0123456");
	strlcpy(d, "ab", sizeof(d));
	KTEST_EXPECT_EQ(t, strlcat(d, "cdefghij", sizeof(d)), 10);
	KTEST_EXPECT_STREQ(t, d, "abcdefg");
	KTEST_EXPECT_STREQ(t, strchr("a/b/c", '/'), "/b/c");
	KTEST_EXPECT_STREQ(t, strrchr("a/b/c", '/'), "/c");
	KTEST_EXPECT_STREQ(t, strstr("namespace", "spa"), "space");
	KTEST_EXPECT_NULL(t, strstr("namespace", "pid"));
}

static void number_parsing(struct ktest *t)
{
	unsigned long ul;
	int i;

	KTEST_EXPECT_EQ(t, kstrtoul("4096", 10, &ul), 0);
	KTEST_EXPECT_EQ(t, ul, 4096);
	KTEST_EXPECT_EQ(t, kstrtoul("0x1f", 0, &ul), 0);
	KTEST_EXPECT_EQ(t, ul, 31);
	KTEST_EXPECT_EQ(t, kstrtoul("017", 0, &ul), 0);
	KTEST_EXPECT_EQ(t, ul, 15);
	KTEST_EXPECT_EQ(t, kstrtoul("12\n", 10, &ul), 0);	/* a trailing newline is allowed */
	KTEST_EXPECT_EQ(t, kstrtoul("12x", 10, &ul), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("", 10, &ul), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("99999999999999999999", 10, &ul), -ERANGE);
	KTEST_EXPECT_EQ(t, kstrtoint("-2147483648", 10, &i), 0);
	KTEST_EXPECT_EQ(t, i, INT_MIN);
	KTEST_EXPECT_EQ(t, kstrtoint("2147483648", 10, &i), -ERANGE);
}

static void glob_patterns(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match("*", "anything"));
	KTEST_EXPECT_TRUE(t, glob_match("buddy.*", "buddy.split_and_merge"));
	KTEST_EXPECT_TRUE(t, glob_match("b?ddy.*merge", "buddy.split_and_merge"));
	KTEST_EXPECT_FALSE(t, glob_match("slab.*", "buddy.split"));
	KTEST_EXPECT_FALSE(t, glob_match("a*b", "acbd"));
}

static void separators(struct ktest *t)
{
	char s[] = "one,two,,three", *p = s;

	KTEST_EXPECT_STREQ(t, strsep(&p, ","), "one");
	KTEST_EXPECT_STREQ(t, strsep(&p, ","), "two");
	KTEST_EXPECT_STREQ(t, strsep(&p, ","), "");
	KTEST_EXPECT_STREQ(t, strsep(&p, ","), "three");
	KTEST_EXPECT_NULL(t, strsep(&p, ","));
	KTEST_EXPECT_STREQ(t, skip_spaces("  \t x"), "x");
}

static struct ktest_case string_cases[] = {
	KTEST_CASE(memory_functions),
	KTEST_CASE(string_functions),
	KTEST_CASE(number_parsing),
	KTEST_CASE(glob_patterns),
	KTEST_CASE(separators),
	KTEST_END,
};

static struct ktest_suite string_suite = { .name = "string", .cases = string_cases };
KTEST_SUITE(string_suite);
