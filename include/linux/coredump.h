/*
 * include/linux/coredump.h: writing a core file when a signal kills a
 * process (fs/coredump.c decides and names it, fs/binfmt_elf_core.c
 * writes the ELF image).
 */
#ifndef _LINUX_COREDUMP_H
#define _LINUX_COREDUMP_H

#include <linux/types.h>
#include <linux/signal.h>
#include <linux/elf.h>

struct file;
struct task_struct;

/* A thread as the dump shows it, taken before the group is told to die. */
struct core_thread {
	struct task_struct *task;	/* a reference */
	struct elf_prstatus prstatus;
	u8 fpu[512] __aligned(16);
};

/* One dump in progress (Linux's struct coredump_params). */
struct coredump_params {
	const kernel_siginfo_t *siginfo;
	struct file *file;
	unsigned long limit;		/* RLIMIT_CORE: the file may not grow past it */
	loff_t written;
	struct core_thread *threads;	/* the dumping thread first */
	int nr_threads;
};

bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr);
bool dump_skip(struct coredump_params *cprm, size_t nr);
bool dump_align(struct coredump_params *cprm, size_t align);
bool dump_end(struct coredump_params *cprm);
bool elf_core_dump(struct coredump_params *cprm);
void fill_prstatus(struct core_thread *ct, int signr);
void fill_prstatus_regs(struct core_thread *ct);
bool do_coredump(const kernel_siginfo_t *siginfo);

#endif
