/*
 * vdso/note.c: the vDSO's ELF note naming the kernel version, as Linux's
 * vdso-note.S: an "Linux" note of type 0 holding LINUX_VERSION_CODE
 * (6.1.0, which uname reports too).  Old glibc read it to learn the
 * kernel's version without a system call.
 */
#include <linux/types.h>

#define LINUX_VERSION_CODE	((6 << 16) | (1 << 8) | 0)

struct elf_note_linux {
	u32 namesz, descsz, type;
	char name[8];			/* "Linux\0", padded to 4 bytes */
	u32 version;
};

static const struct elf_note_linux linux_version_note
	__attribute__((section(".note.Linux"), used, aligned(4))) = {
	.namesz = sizeof("Linux"), .descsz = sizeof(u32), .type = 0,
	.name = "Linux", .version = LINUX_VERSION_CODE,
};
