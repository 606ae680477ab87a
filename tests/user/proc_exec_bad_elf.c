/*
 * proc_exec_bad_elf: execve of a static ELF file whose PT_LOAD segment
 * cannot be loaded (past TASK_SIZE, wrapping, a file size over the memory
 * size, a file offset of 2^63) fails after the point of no return, so the
 * process dies of SIGSEGV, as Linux's load_elf_binary makes it; the
 * kernel itself stays whole.  The offset of 2^63 once made exec read the
 * file at a negative position, and the read zeroed kernel pages until the
 * machine crashed (found by the fuzzer, tools/fuzz).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define TASK_SIZE	0x7ffffffff000UL

struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned char code[64];
};

/* Writes a one-segment executable with the given segment to @path. */
static int write_elf(const char *path, Elf64_Addr vaddr, Elf64_Off offset, Elf64_Xword filesz,
		     Elf64_Xword memsz)
{
	struct image im;
	int fd, ok;

	memset(&im, 0, sizeof(im));
	memcpy(im.eh.e_ident, ELFMAG, SELFMAG);
	im.eh.e_ident[EI_CLASS] = ELFCLASS64;
	im.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im.eh.e_ident[EI_VERSION] = EV_CURRENT;
	im.eh.e_type = ET_EXEC;
	im.eh.e_machine = EM_X86_64;
	im.eh.e_version = EV_CURRENT;
	im.eh.e_entry = vaddr + sizeof(im) - sizeof(im.code);
	im.eh.e_phoff = sizeof(im.eh);
	im.eh.e_ehsize = sizeof(im.eh);
	im.eh.e_phentsize = sizeof(im.ph);
	im.eh.e_phnum = 1;
	im.ph.p_type = PT_LOAD;
	im.ph.p_flags = PF_R | PF_X;
	im.ph.p_offset = offset;
	im.ph.p_vaddr = im.ph.p_paddr = vaddr;
	im.ph.p_filesz = filesz;
	im.ph.p_memsz = memsz;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	ok = write(fd, &im, sizeof(im)) == (ssize_t)sizeof(im);
	close(fd);
	return ok ? 0 : -1;
}

/* Runs @path in a child: its wait status. */
static int exec_status(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		no_core_dump();
		execve(path, argv, NULL);
		_exit(99);			/* refused before the point of no return */
	}
	return pid < 0 ? -1 : wait_status(pid);
}

static void expect_segv(Elf64_Addr vaddr, Elf64_Off offset, Elf64_Xword filesz, Elf64_Xword memsz)
{
	char path[64];
	int status;

	snprintf(path, sizeof(path), "/tmp/proc_exec_bad_elf.%d", getpid());
	ASSERT_EQ(write_elf(path, vaddr, offset, filesz, memsz), 0);
	status = exec_status(path);
	unlink(path);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
		KTAP_FAIL("segment at %#lx (offset %#lx, sizes %#lx/%#lx): wait status %#x, "
			  "not SIGSEGV", (unsigned long)vaddr, (unsigned long)offset,
			  (unsigned long)filesz, (unsigned long)memsz, status);
}

static void t_offset_past_2_63(void)
{
	expect_segv(0x400000, 0x8000000000000000UL, 0x40, 0x1000);
	expect_segv(0x400000, 0xfffffffffffff000UL, 0x40, 0x1000);
}

static void t_segment_past_task_size(void)
{
	expect_segv(TASK_SIZE, 0, sizeof(struct image), 0x1000);
	expect_segv(TASK_SIZE - 0x1000, 0, sizeof(struct image), 0x2000);
	expect_segv(0x800000000000UL, 0, sizeof(struct image), 0x1000);
	expect_segv(0xffff888000000000UL, 0, sizeof(struct image), 0x1000);
}

static void t_segment_that_wraps(void)
{
	expect_segv(0xfffffffffffff000UL, 0, sizeof(struct image), 0x2000);
	expect_segv(0x400000, 0, sizeof(struct image), ~0UL - 0x1000);
}

static void t_filesz_over_memsz(void)
{
	expect_segv(0x400000, 0, sizeof(struct image), 0x10);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_offset_past_2_63, t_segment_past_task_size,
				   t_segment_that_wraps, t_filesz_over_memsz));
}
