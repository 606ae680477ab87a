/*
 * lib/hexdump.c: memory as hex, for the debug checks' reports.
 *
 * Linux's print_hex_dump with DUMP_PREFIX_ADDRESS, 16 bytes a row, one
 * byte a group, and (when @ascii) the printable characters after:
 *
 *	Object   ffff888003a1b2c0: 6b 6b 6b 6b 00 6b ...  kkkk.k...
 */
#include <linux/kernel.h>
#include <linux/hexdump.h>

void print_hex_dump(const char *level, const char *prefix, const void *buf, size_t len,
		    bool ascii)
{
	const unsigned char *p = buf;
	char line[16 * 3 + 2 + 16 + 1], fmt[16];
	size_t row, i, n;

	snprintf(fmt, sizeof(fmt), "%s%%s%%px: %%s\n", level);	/* the level leads the format */
	for (row = 0; row < len; row += 16) {
		n = min(len - row, (size_t)16);
		for (i = 0; i < 16; i++)
			snprintf(line + i * 3, 4, i < n ? "%02x " : "   ", i < n ? p[row + i] : 0);
		line[16 * 3 - 1] = '\0';
		if (ascii) {
			strlcat(line, "  ", sizeof(line));
			for (i = 0; i < n; i++)
				line[16 * 3 + 1 + i] = isprint(p[row + i]) ? p[row + i] : '.';
			line[16 * 3 + 1 + n] = '\0';
		}
		printk(fmt, prefix, p + row, line);
	}
}
