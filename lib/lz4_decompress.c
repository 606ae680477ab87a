/*
 * lib/lz4_decompress.c: decoding one LZ4 block (Linux's
 * LZ4_decompress_safe, lib/lz4/lz4_decompress.c), for the compressed
 * initramfs (lib/decompress_unlz4.c).
 *
 * A block is a run of sequences.  Each starts with a token byte: its high
 * four bits count the literals that follow, its low four the length of
 * the match after them, less 4 (the shortest match); a count of 15 goes on
 * in the next bytes, each adding its value, until one is not 255.  After
 * the literals come the match's offset, two bytes little-endian, the
 * distance back into what was already decoded, and the match's extra
 * length bytes.  The last sequence has literals only: the block ends
 * after them.  "Safe": a corrupt block is found out (-1), never read or
 * written past its buffers.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/lz4.h>

#define MINMATCH	4

/* A length that went on past the token's 15: 0 if the input ran out. */
static bool read_length(const u8 **ip, const u8 *iend, size_t *len)
{
	u8 b;

	do {
		if (*ip >= iend)
			return false;
		b = *(*ip)++;
		*len += b;
	} while (b == 255);
	return true;
}

/* Eight bytes from @src to @dst, either unaligned (x86 allows it). */
static inline void copy8(u8 *dst, const u8 *src)
{
	u64 v;

	__builtin_memcpy(&v, src, 8);
	__builtin_memcpy(dst, &v, 8);
}

/*
 * @len bytes from @src to @dst, eight at a time: up to 7 bytes past
 * dst + len are written too, so the caller leaves that much room.  Each
 * step reads only bytes written before it when the source is 8 or more
 * behind, which makes it right for an overlapping match too.  Under
 * QEMU's emulation a step costs a few instructions where memcpy's call and
 * its two rep instructions cost tens, and most copies here are short (a
 * sequence gives 16 bytes on average for the initramfs).
 */
static inline void wild_copy(u8 *dst, const u8 *src, size_t len)
{
	u8 *end = dst + len;

	do {
		copy8(dst, src);
		dst += 8;
		src += 8;
	} while (dst < end);
}

/*
 * A match of @len bytes from @offset back: the bytes @offset back repeat
 * (an offset of 1 repeats one byte @len times), as the format means.  A
 * long one closer than 8 bytes (a run of zeros, mostly) is a pattern of
 * period @offset: once 8 bytes are written, a multiple of the period at
 * least 8 back is the same pattern, and the copy goes on eight at a time.
 */
static void copy_match(u8 *op, u8 *oend, size_t offset, size_t len)
{
	const u8 *match = op - offset;
	size_t i;

	if (offset < 8 && len > 16) {
		for (i = 0; i < 8; i++)
			*op++ = *match++;
		len -= 8;
		offset = (8 + offset - 1) / offset * offset;
		match = op - offset;
	}
	if (offset >= 8 && len + 8 <= (size_t)(oend - op)) {
		wild_copy(op, match, len);
		return;
	}
	while (len--)
		*op++ = *match++;
}

/* The literals: fast when there is room for the overrun on both sides. */
static void copy_literals(u8 *op, u8 *oend, const u8 *ip, const u8 *iend, size_t len)
{
	if (!len)
		return;
	if (len + 8 <= (size_t)(oend - op) && len + 8 <= (size_t)(iend - ip))
		wild_copy(op, ip, len);
	else
		memcpy(op, ip, len);
}

/*
 * Most sequences have fewer than 15 literals and a match shorter than 19
 * (no length bytes) and lie far from either buffer's end (FAST_ROOM):
 * LZ4's own shortcut copies them with fixed 16- and 24-byte steps, no
 * loop and no length checks.  The new op, or NULL for an offset of 0 or
 * one before the start of @dest.
 */
#define FAST_ROOM	40	/* 14 literals, a 2-byte offset, 24 bytes of match copy */

static u8 *fast_sequence(u8 *op, const u8 **ipp, u8 token, u8 *dest)
{
	const u8 *ip = *ipp;
	size_t len = token >> 4, offset;

	copy8(op, ip);
	copy8(op + 8, ip + 8);
	op += len;
	ip += len;
	offset = ip[0] | (ip[1] << 8);
	*ipp = ip + 2;
	len = (token & 15) + MINMATCH;
	if (!offset || offset > (size_t)(op - dest))
		return NULL;
	if (offset < 8) {
		copy_match(op, op + len, offset, len);
		return op + len;
	}
	copy8(op, op - offset);
	copy8(op + 8, op - offset + 8);
	copy8(op + 16, op - offset + 16);
	return op + len;
}

int lz4_decompress_safe(const char *source, char *dest, int compressed_size,
			int max_decompressed_size)
{
	const u8 *ip = (const u8 *)source, *iend = ip + compressed_size;
	u8 *op = (u8 *)dest, *oend = op + max_decompressed_size;
	size_t len, offset;
	u8 token;

	if (compressed_size <= 0 || max_decompressed_size < 0)
		return -1;
	for (;;) {
		token = *ip++;
		len = token >> 4;
		if (len < 15 && (token & 15) < 15 && iend - ip >= FAST_ROOM &&
		    oend - op >= FAST_ROOM) {
			/* the common sequence: see fast_sequence */
			op = fast_sequence(op, &ip, token, (u8 *)dest);
			if (!op)
				return -1;
			continue;
		}
		if (len == 15 && !read_length(&ip, iend, &len))
			return -1;
		if (len > (size_t)(iend - ip) || len > (size_t)(oend - op))
			return -1;
		copy_literals(op, oend, ip, iend, len);
		op += len;
		ip += len;
		if (ip == iend)
			break;			/* the last sequence: literals only */
		if (iend - ip < 2)
			return -1;
		offset = ip[0] | (ip[1] << 8);
		ip += 2;
		if (!offset || offset > (size_t)(op - (u8 *)dest))
			return -1;
		len = token & 15;
		if (len == 15 && !read_length(&ip, iend, &len))
			return -1;
		len += MINMATCH;
		if (len > (size_t)(oend - op) || ip >= iend)
			return -1;		/* a match is never last */
		copy_match(op, oend, offset, len);
		op += len;
	}
	return op - (u8 *)dest;
}
