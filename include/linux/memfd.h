/*
 * include/linux/memfd.h: memfd_create's files and their seals (mm/memfd.c).
 *
 * A seal forbids a kind of change to a memory file for good: F_SEAL_SEAL
 * more seals, F_SEAL_SHRINK and F_SEAL_GROW size changes, F_SEAL_WRITE
 * writes and writable shared mappings (none may exist when it is added),
 * F_SEAL_FUTURE_WRITE new ones only.  Every tmpfs file has seals, set to
 * F_SEAL_SEAL unless memfd_create was given MFD_ALLOW_SEALING.
 */
#ifndef _LINUX_MEMFD_H
#define _LINUX_MEMFD_H

struct file;

#define F_LINUX_SPECIFIC_BASE	1024
#define F_ADD_SEALS	(F_LINUX_SPECIFIC_BASE + 9)
#define F_GET_SEALS	(F_LINUX_SPECIFIC_BASE + 10)

#define F_SEAL_SEAL		0x0001
#define F_SEAL_SHRINK		0x0002
#define F_SEAL_GROW		0x0004
#define F_SEAL_WRITE		0x0008
#define F_SEAL_FUTURE_WRITE	0x0010

static inline bool is_write_sealed(unsigned int seals)
{
	return seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE);
}

unsigned int *memfd_file_seals_ptr(struct file *file);
long memfd_fcntl(struct file *file, unsigned int cmd, unsigned long arg);

#endif
