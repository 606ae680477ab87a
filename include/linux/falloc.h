/*
 * include/linux/falloc.h: fallocate(2)'s mode bits (Linux's
 * uapi/linux/falloc.h) and the set the VFS knows (FALLOC_FL_SUPPORTED_MASK).
 */
#ifndef _LINUX_FALLOC_H
#define _LINUX_FALLOC_H

#define FALLOC_FL_KEEP_SIZE	0x01	/* allocate, but leave the size alone */
#define FALLOC_FL_PUNCH_HOLE	0x02	/* free the range (with KEEP_SIZE only) */
#define FALLOC_FL_NO_HIDE_STALE	0x04	/* reserved: no file system takes it */
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE	0x10
#define FALLOC_FL_INSERT_RANGE	0x20
#define FALLOC_FL_UNSHARE_RANGE	0x40

#define FALLOC_FL_SUPPORTED_MASK (FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | \
				  FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
				  FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

#endif
