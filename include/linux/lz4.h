/* include/linux/lz4.h: LZ4 decompression (lib/lz4_decompress.c, lib/decompress_unlz4.c). */
#ifndef _LINUX_LZ4_H
#define _LINUX_LZ4_H

#include <linux/types.h>

/*
 * Decodes the LZ4 block [source, source + compressed_size) into dest,
 * which has room for max_decompressed_size bytes: the bytes decoded, or
 * -1 if the block is malformed or would not fit (Linux's).
 */
int lz4_decompress_safe(const char *source, char *dest, int compressed_size,
			int max_decompressed_size);

#define LZ4_LEGACY_MAGIC	0x184c2102	/* Linux's ARCHIVE_MAGICNUMBER: `lz4 -l` */
#define LZ4_LEGACY_BLOCK	(8 << 20)	/* LZ4_DEFAULT_UNCOMPRESSED_CHUNK_SIZE */

bool is_lz4_legacy(const u8 *buf, size_t len);
long lz4_legacy_blocks(const u8 *buf, size_t len);
long unlz4(const u8 *in, size_t in_len, u8 *out, size_t out_size, const char **error);

#endif
