/* include/linux/elf.h: the ELF64 structures and constants exec needs. */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H

#include <linux/types.h>

#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define ET_CORE		4
#define EV_CURRENT	1
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551	/* its PF_X: an executable stack */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4
/* Where x86_64 Linux loads a PIE: 2/3 of the address space (TASK_SIZE). */
#define ELF_ET_DYN_BASE	(0x7ffffffff000UL / 3 * 2)

/* auxiliary vector types */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_EXECFN	31
#define AT_SYSINFO_EHDR	33		/* the vDSO's ELF header */
#define AT_MINSIGSTKSZ	51		/* the largest signal frame the kernel writes */
/* saved_auxv's size, pairs included: Linux's AT_VECTOR_SIZE on x86_64 */
#define AT_VECTOR_SIZE	(2 * (3 + 22 + 1))

struct elf64_hdr {
	unsigned char e_ident[16];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u64 e_entry;
	u64 e_phoff;
	u64 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
};

struct elf64_phdr {
	u32 p_type;
	u32 p_flags;
	u64 p_offset;
	u64 p_vaddr;
	u64 p_paddr;
	u64 p_filesz;
	u64 p_memsz;
	u64 p_align;
};

/* Core file notes (name "CORE"), x86_64 layouts as in Linux's elfcore.h. */
#define NT_PRSTATUS	1
#define NT_PRFPREG	2		/* the fxsave image */
#define NT_PRPSINFO	3
#define NT_AUXV		6
#define NT_SIGINFO	0x53494749
#define NT_FILE		0x46494c45
#define ELF_PRARGSZ	80

struct elf64_note {
	u32 n_namesz;
	u32 n_descsz;
	u32 n_type;
};

struct elf_siginfo {
	int si_signo, si_code, si_errno;
};

struct elf_timeval {
	long tv_sec, tv_usec;
};

#define ELF_NGREG	27		/* struct user_regs_struct: pt_regs, fs/gs bases, segments */

struct elf_prstatus {
	struct elf_siginfo pr_info;
	short pr_cursig;
	unsigned long pr_sigpend, pr_sighold;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	struct elf_timeval pr_utime, pr_stime, pr_cutime, pr_cstime;
	unsigned long pr_reg[ELF_NGREG];
	int pr_fpvalid;
};

struct elf_prpsinfo {
	char pr_state, pr_sname, pr_zomb, pr_nice;
	unsigned long pr_flag;
	unsigned int pr_uid, pr_gid;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	char pr_fname[16];
	char pr_psargs[ELF_PRARGSZ];
};

#endif
