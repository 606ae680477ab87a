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
	unsigned int per_clear;		/* personality flags the exec clears (set-id) */
	bool point_of_no_return;	/* begin_new_exec started: a failure kills */
	unsigned long entry;		/* where the new image starts: the interpreter's entry if any */
	unsigned long e_entry;		/* the program's own entry: AT_ENTRY */
	unsigned long interp_load_addr;	/* where the interpreter was loaded: AT_BASE */
	unsigned long phdr_addr;	/* AT_PHDR */
	unsigned int phnum;
	bool executable_stack;		/* PT_GNU_STACK asked for PF_X */
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
struct file *open_exec(const char *name);
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

#endif
