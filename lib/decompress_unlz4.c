/*
 * lib/decompress_unlz4.c: the LZ4 "legacy" stream that `lz4 -l` writes
 * and Linux's initramfs decompressor reads (lib/decompress_unlz4.c): the
 * magic 0x184c2102, then blocks, each its compressed size (4 bytes, little
 * endian) and an LZ4 block that decodes to 8 MiB, the last to less.  A
 * size of 0, fewer than 4 bytes left, or the end ends the stream; the
 * magic again starts another, as when archives are concatenated.  The
 * messages are Linux's.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/lz4.h>

static u32 get_le32(const u8 *p)
{
	return p[0] | (p[1] << 8) | (p[2] << 16) | ((u32)p[3] << 24);
}

bool is_lz4_legacy(const u8 *buf, size_t len)
{
	return len >= 4 && get_le32(buf) == LZ4_LEGACY_MAGIC;
}

/*
 * The next block at *pos of [buf, buf + len): its compressed size (0 at
 * the end of the stream), or -1 if it runs past the end; *pos moves to
 * its data.
 */
static long next_block(const u8 *buf, size_t len, size_t *pos)
{
	u32 size;

	for (;;) {
		if (len - *pos < 4)
			return 0;
		size = get_le32(buf + *pos);
		*pos += 4;
		if (size != LZ4_LEGACY_MAGIC)
			break;
	}
	if (size > len - *pos)
		return -1;
	return size;
}

/* How many blocks the stream holds (each decodes to at most 8 MiB), or -1 if it is cut. */
long lz4_legacy_blocks(const u8 *buf, size_t len)
{
	size_t pos = 0;
	long n = 0, size;

	while ((size = next_block(buf, len, &pos)) > 0) {
		pos += size;
		n++;
	}
	return size < 0 ? -1 : n;
}

/*
 * Decodes the stream [in, in + in_len) into out (out_size bytes): the
 * bytes decoded, or -1 with *error set to Linux's words for what was wrong.
 */
long unlz4(const u8 *in, size_t in_len, u8 *out, size_t out_size, const char **error)
{
	size_t pos = 0, done = 0;
	long size;
	int n;

	if (!is_lz4_legacy(in, in_len)) {
		*error = "invalid header";
		return -1;
	}
	while ((size = next_block(in, in_len, &pos)) > 0) {
		n = lz4_decompress_safe((const char *)in + pos, (char *)out + done, size,
					min_t(size_t, out_size - done, LZ4_LEGACY_BLOCK));
		if (n < 0) {
			*error = "Decoding failed";
			return -1;
		}
		pos += size;
		done += n;
	}
	if (size < 0) {
		*error = "data corrupted";
		return -1;
	}
	return done;
}
