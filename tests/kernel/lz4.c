/*
 * tests/kernel/lz4.c: the LZ4 decoder of the compressed initramfs
 * (lib/lz4_decompress.c, lib/decompress_unlz4.c) decodes what `lz4 -l`
 * writes, and refuses, without reading or writing past its buffers, what
 * is malformed.
 */
#include <linux/ktest.h>
#include <linux/lz4.h>
#include <linux/string.h>

static const char text[] =
	"nested dolls, nested dolls, nested dolls: a doll in a doll in a doll in a doll.\n";

/* `printf '%s' "$text" | lz4 -l -9`: the magic, one block's size, the block. */
static const u8 stream[] = {
	0x02, 0x21, 0x4c, 0x18, 0x25, 0x00, 0x00, 0x00, 0xef, 0x6e, 0x65, 0x73,
	0x74, 0x65, 0x64, 0x20, 0x64, 0x6f, 0x6c, 0x6c, 0x73, 0x2c, 0x20, 0x0e,
	0x00, 0x07, 0x31, 0x3a, 0x20, 0x61, 0x09, 0x00, 0x3f, 0x20, 0x69, 0x6e,
	0x0a, 0x00, 0x05, 0x50, 0x6f, 0x6c, 0x6c, 0x2e, 0x0a
};
#define BLOCK		(stream + 8)
#define BLOCK_LEN	(int)(sizeof(stream) - 8)

static char out[512];

static void decodes_what_lz4_writes(struct ktest *t)
{
	int n = lz4_decompress_safe((const char *)BLOCK, out, BLOCK_LEN, sizeof(out));

	KTEST_EXPECT_EQ(t, n, (int)strlen(text));
	KTEST_EXPECT_TRUE(t, n > 0 && !memcmp(out, text, n));
}

/* A match shorter back than it is long repeats the bytes: "ab" then 8 more is "ababababab". */
static void an_overlapping_match_repeats(struct ktest *t)
{
	static const char block[] = { 0x24, 'a', 'b', 0x02, 0x00, 0x10, 'x' };
	int n = lz4_decompress_safe(block, out, sizeof(block), sizeof(out));

	KTEST_EXPECT_EQ(t, n, 11);
	KTEST_EXPECT_TRUE(t, n == 11 && !memcmp(out, "abababababx", 11));
}

/*
 * A long match closer than 8 bytes goes on the pattern's period: "abc" then
 * 40 more (a length byte of 21 after the token's 15, plus 4) is "abc" 14
 * times and an "a"; and a short one among enough input for the fast path
 * (45 literals after it) repeats as well.
 */
static void a_close_match_repeats_its_period(struct ktest *t)
{
	static const char close[] = { 0x3f, 'a', 'b', 'c', 0x03, 0x00, 21, 0x10, 'x' };
	static char fast[7 + 45];
	int n, i, bad = 0;

	n = lz4_decompress_safe(close, out, sizeof(close), sizeof(out));
	KTEST_EXPECT_EQ(t, n, 44);
	for (i = 0; i < 43; i++)
		bad += out[i] != "abc"[i % 3];
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, out[43], 'x');

	memcpy(fast, "\x24" "ab" "\x02\x00" "\xf0\x1e", 7);
	memset(fast + 7, 'z', 45);
	n = lz4_decompress_safe(fast, out, 7 + 45, sizeof(out));
	KTEST_EXPECT_EQ(t, n, 55);
	KTEST_EXPECT_TRUE(t, n == 55 && !memcmp(out, "ababababab" "zzzzz", 15) && out[54] == 'z');
}

/* 15 literals, then 255 and 5 more: 275, the length going on past the token. */
static void long_lengths_go_on_in_bytes(struct ktest *t)
{
	static char block[3 + 275];
	int n;

	block[0] = (char)0xf0;
	block[1] = (char)0xff;
	block[2] = 5;
	memset(block + 3, 'z', 275);
	n = lz4_decompress_safe(block, out, sizeof(block), sizeof(out));
	KTEST_EXPECT_EQ(t, n, 275);
	KTEST_EXPECT_EQ(t, out[274], 'z');
}

static void malformed_blocks_are_refused(struct ktest *t)
{
	static const char zero_offset[] = { 0x24, 'a', 'b', 0x00, 0x00, 0x10, 'x' };
	static const char too_far_back[] = { 0x24, 'a', 'b', 0x03, 0x00, 0x10, 'x' };
	static const char ends_in_a_match[] = { 0x24, 'a', 'b', 0x02, 0x00 };
	static const char literals_past_the_end[] = { 0x50, 'a', 'b' };
	static const char length_cut[] = { (char)0xf0, (char)0xff };

	KTEST_EXPECT_EQ(t, lz4_decompress_safe(zero_offset, out, sizeof(zero_offset), 64), -1);
	KTEST_EXPECT_EQ(t, lz4_decompress_safe(too_far_back, out, sizeof(too_far_back), 64), -1);
	KTEST_EXPECT_EQ(t, lz4_decompress_safe(ends_in_a_match, out, sizeof(ends_in_a_match),
					       64), -1);
	KTEST_EXPECT_EQ(t, lz4_decompress_safe(literals_past_the_end, out,
					       sizeof(literals_past_the_end), 64), -1);
	KTEST_EXPECT_EQ(t, lz4_decompress_safe(length_cut, out, sizeof(length_cut), 64), -1);
	/* the text needs 80 bytes: 79 of room is too few, and nothing past them is written */
	out[79] = '#';
	KTEST_EXPECT_EQ(t, lz4_decompress_safe((const char *)BLOCK, out, BLOCK_LEN, 79), -1);
	KTEST_EXPECT_EQ(t, out[79], '#');
}

static void a_stream_is_magic_and_blocks(struct ktest *t)
{
	static u8 twice[2 * sizeof(stream) + 4];
	const char *error = NULL;
	long n;

	/* two streams back to back, then a block size of 0: the end */
	memcpy(twice, stream, sizeof(stream));
	memcpy(twice + sizeof(stream), stream, sizeof(stream));
	memset(twice + 2 * sizeof(stream), 0, 4);
	KTEST_EXPECT_EQ(t, lz4_legacy_blocks(twice, sizeof(twice)), 2);
	n = unlz4(twice, sizeof(twice), (u8 *)out, sizeof(out), &error);
	KTEST_EXPECT_EQ(t, n, 2 * (long)strlen(text));
	KTEST_EXPECT_TRUE(t, error == NULL);
	KTEST_EXPECT_TRUE(t, n > 80 && !memcmp(out + 80, text, 80));
}

static void a_bad_stream_says_why(struct ktest *t)
{
	const char *error = NULL;

	KTEST_EXPECT_EQ(t, unlz4(stream + 1, sizeof(stream) - 1, (u8 *)out, sizeof(out), &error),
			-1);
	KTEST_EXPECT_STREQ(t, error, "invalid header");
	KTEST_EXPECT_EQ(t, lz4_legacy_blocks(stream, sizeof(stream) - 1), -1);
	KTEST_EXPECT_EQ(t, unlz4(stream, sizeof(stream) - 1, (u8 *)out, sizeof(out), &error), -1);
	KTEST_EXPECT_STREQ(t, error, "data corrupted");
	KTEST_EXPECT_EQ(t, unlz4(stream, sizeof(stream), (u8 *)out, 40, &error), -1);
	KTEST_EXPECT_STREQ(t, error, "Decoding failed");
}

static struct ktest_case lz4_cases[] = {
	KTEST_CASE(decodes_what_lz4_writes),
	KTEST_CASE(an_overlapping_match_repeats),
	KTEST_CASE(a_close_match_repeats_its_period),
	KTEST_CASE(long_lengths_go_on_in_bytes),
	KTEST_CASE(malformed_blocks_are_refused),
	KTEST_CASE(a_stream_is_magic_and_blocks),
	KTEST_CASE(a_bad_stream_says_why),
	KTEST_END,
};

static struct ktest_suite lz4_suite = { .name = "lz4", .cases = lz4_cases };
KTEST_SUITE(lz4_suite);
