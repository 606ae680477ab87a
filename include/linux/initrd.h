/* include/linux/initrd.h: unpacking the initramfs (fs/initramfs.c). */
#ifndef _LINUX_INITRD_H
#define _LINUX_INITRD_H

#include <linux/types.h>

struct dentry;

/* What one archive came to. */
struct unpack_result {
	int done;		/* entries made */
	int failed;		/* entries that could not be made, each named in the log */
	const char *message;	/* Linux's words for the first problem, or NULL */
};

/*
 * @in_place: [buf, buf + size) is boot memory, still reserved, that is
 * freed after: whole pages of file data that start on a page boundary
 * become the files' pages instead of being copied.
 */
void unpack_to_rootfs(struct dentry *root, const char *buf, size_t size, bool in_place,
		      struct unpack_result *r);

/* Decodes the compressed modules into reserved boot memory (setup_arch, before mem_init). */
void decompress_initrd(void);

#endif
