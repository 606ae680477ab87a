/* include/linux/hexdump.h: print_hex_dump (lib/hexdump.c). */
#ifndef _LINUX_HEXDUMP_H
#define _LINUX_HEXDUMP_H

#include <linux/types.h>

/* Rows of 16 bytes, each after @prefix and its address; @level is a KERN_* string. */
void print_hex_dump(const char *level, const char *prefix, const void *buf, size_t len,
		    bool ascii);

#endif
