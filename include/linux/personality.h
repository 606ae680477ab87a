/*
 * include/linux/personality.h: a process's personality, the flags that
 * change how exec lays out its memory (Linux's uapi/linux/personality.h).
 * Only ADDR_NO_RANDOMIZE means something here; the others are kept and
 * returned, as personality(2) takes any value.
 */
#ifndef _LINUX_PERSONALITY_H
#define _LINUX_PERSONALITY_H

#define UNAME26			0x0020000
#define ADDR_NO_RANDOMIZE	0x0040000	/* exec does not randomize the layout */
#define FDPIC_FUNCPTRS		0x0080000
#define MMAP_PAGE_ZERO		0x0100000
#define ADDR_COMPAT_LAYOUT	0x0200000
#define READ_IMPLIES_EXEC	0x0400000
#define ADDR_LIMIT_32BIT	0x0800000
#define SHORT_INODE		0x1000000
#define WHOLE_SECONDS		0x2000000
#define STICKY_TIMEOUTS		0x4000000
#define ADDR_LIMIT_3GB		0x8000000

/* What a set-id or capability-gaining exec clears (Linux's PER_CLEAR_ON_SETID). */
#define PER_CLEAR_ON_SETID	(READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE | ADDR_COMPAT_LAYOUT | \
				 MMAP_PAGE_ZERO)

#define PER_LINUX		0x0000

#endif
