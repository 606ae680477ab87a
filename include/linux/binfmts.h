/*
 * include/linux/binfmts.h: what execve builds up while loading a program
 * (Linux's struct linux_binprm).
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>

#define BINPRM_BUF_SIZE	256
#define MAX_ARG_BYTES	(128 * 1024)	/* argv + envp strings, with their NULs */
#define MAX_INTERP_DEPTH 4		/* #! scripts running #! scripts */

struct file;
struct mm_struct;
struct cred;

struct linux_binprm {
	char buf[BINPRM_BUF_SIZE];	/* the first bytes of the file */
	struct file *file;
	struct mm_struct *mm;		/* the new address space, not yet in use */
	struct cred *cred;		/* the new credentials */
	char *strings;			/* argv then envp, NUL-separated, copied in */
	size_t strings_len;
	int argc, envc;
	char *filename;			/* as the caller named it: AT_EXECFN */
	int depth;
	bool secureexec;		/* a privilege-raising exec: AT_SECURE */
	bool point_of_no_return;	/* begin_new_exec started: a failure kills */
	unsigned long entry;		/* where the program starts */
	unsigned long phdr_addr;	/* AT_PHDR */
	unsigned int phnum;
	unsigned long stack_top;
};

int prepend_arg(struct linux_binprm *bprm, const char *arg);
int drop_first_arg(struct linux_binprm *bprm);
int load_elf_binary(struct linux_binprm *bprm);
int load_script(struct linux_binprm *bprm);
int begin_new_exec(struct linux_binprm *bprm);
int setup_arg_pages(struct linux_binprm *bprm);
int arch_setup_additional_pages(struct linux_binprm *bprm);	/* the vDSO: kernel/vdso.c */
int open_exec_file(struct linux_binprm *bprm, const char *name);
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

#endif
