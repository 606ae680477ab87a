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

void unpack_to_rootfs(struct dentry *root, const char *buf, size_t size,
		      struct unpack_result *r);

#endif
