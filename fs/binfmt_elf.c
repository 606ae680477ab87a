/*
 * fs/binfmt_elf.c: loading ELF64 x86_64 programs (Linux's load_elf_binary).
 *
 * Each PT_LOAD segment is a private mapping of the program's file, as
 * mmap(2) makes one: the pages of the file itself, copied only when
 * written (mm/memory.c), so every process running a program or a
 * shared library shares the file's pages.  A segment's bss is the zeroed
 * tail of its last file page and anonymous memory after it.
 *
 * A program with PT_INTERP (a dynamic one) names its interpreter, the
 * dynamic loader (/lib64/ld-linux-x86-64.so.2): it is mapped too, in the
 * mmap area, and the new image starts at its entry with AT_BASE saying
 * where it is; the loader then maps the program's libraries itself.  A
 * position-independent program (ET_DYN) with an interpreter goes at
 * ELF_ET_DYN_BASE, one without (a static PIE, or the loader run as a
 * program) in the mmap area, both moved by a random offset when the
 * process randomizes its layout (mm/util.c).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/binfmts.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/elf.h>
#include <linux/mman.h>
#include <linux/err.h>

#define ELF_MIN_ALIGN		PAGE_SIZE
#define ELF_PAGESTART(v)	((v) & ~(unsigned long)(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(v)	((v) & (ELF_MIN_ALIGN - 1))
#define ELF_PAGEALIGN(v)	(((v) + ELF_MIN_ALIGN - 1) & ~(ELF_MIN_ALIGN - 1))
#define BAD_ADDR(x)		((unsigned long)(x) >= TASK_SIZE)

/* An x86_64 ELF file for this machine (Linux's elf_check_arch). */
static bool elf_check_arch(const struct elf64_hdr *eh)
{
	return eh->e_machine == EM_X86_64 && eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB;
}

static int elf_read(struct file *file, void *buf, size_t len, loff_t pos)
{
	ssize_t rv = kernel_read(file, buf, len, &pos);

	if (rv != (ssize_t)len)
		return rv < 0 ? (int)rv : -EIO;
	return 0;
}

/* The program headers, or NULL if they are not sane (Linux's load_elf_phdrs). */
static struct elf64_phdr *load_elf_phdrs(const struct elf64_hdr *eh, struct file *file)
{
	unsigned int size = sizeof(struct elf64_phdr) * eh->e_phnum;
	struct elf64_phdr *phdrs;

	if (eh->e_phentsize != sizeof(struct elf64_phdr) || size == 0 || size > ELF_MIN_ALIGN)
		return NULL;
	phdrs = kmalloc(size, GFP_KERNEL);
	if (phdrs && elf_read(file, phdrs, size, eh->e_phoff)) {
		kfree(phdrs);
		phdrs = NULL;
	}
	return phdrs;
}

static int make_prot(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

/* From the lowest PT_LOAD page to the end of the highest segment; 0 if none. */
static unsigned long total_mapping_size(const struct elf64_phdr *ph, int nr)
{
	unsigned long min_addr = ~0UL, max_addr = 0;
	int i;

	for (i = 0; i < nr; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		min_addr = min(min_addr, ELF_PAGESTART(ph[i].p_vaddr));
		max_addr = max(max_addr, ph[i].p_vaddr + ph[i].p_memsz);
	}
	return max_addr ? max_addr - min_addr : 0;
}

/* The largest power-of-two p_align of the PT_LOADs, at least a page. */
static unsigned long maximum_alignment(const struct elf64_phdr *ph, int nr)
{
	unsigned long alignment = 0;
	int i;

	for (i = 0; i < nr; i++)
		if (ph[i].p_type == PT_LOAD && is_power_of_2(ph[i].p_align))
			alignment = max_t(unsigned long, alignment, ph[i].p_align);
	return ELF_PAGEALIGN(alignment);
}

/*
 * Maps a segment's file pages at @addr (Linux's elf_map).  The first
 * mapping of an image reserves its whole @total_size, so nothing else
 * lands between its segments, and gives back what lies past the segment.
 */
static unsigned long elf_map(struct file *file, unsigned long addr, const struct elf64_phdr *ph,
			     int prot, int type, unsigned long total_size)
{
	unsigned long size = ELF_PAGEALIGN(ph->p_filesz + ELF_PAGEOFFSET(ph->p_vaddr));
	unsigned long off = ph->p_offset - ELF_PAGEOFFSET(ph->p_vaddr);
	unsigned long map_addr;

	addr = ELF_PAGESTART(addr);
	if (!size)
		return addr;
	if (total_size) {
		total_size = ELF_PAGEALIGN(total_size);
		map_addr = vm_mmap(file, addr, total_size, prot, type, off);
		if (!BAD_ADDR(map_addr) && total_size > size)
			vm_munmap(map_addr + size, total_size - size);
	} else {
		map_addr = vm_mmap(file, addr, size, prot, type, off);
	}
	if ((type & MAP_FIXED_NOREPLACE) && map_addr == (unsigned long)-EEXIST)
		pr_info("%d (%s): Uhuuh, elf segment at %px requested but the memory is mapped already\n",
			task_pid_nr(current), current->comm, (void *)addr);
	return map_addr;
}

/* Zeroes from @address to the end of its page: the file bytes past a segment's end. */
static void padzero(unsigned long address)
{
	unsigned long nbyte = ELF_PAGEOFFSET(address);

	if (nbyte)
		(void)clear_user((void *)address, ELF_MIN_ALIGN - nbyte);	/* a read-only page stays */
}

/*
 * A whole segment (Linux's elf_load): its file pages, then its bss, the
 * zeroed rest of the last file page and anonymous pages up to p_memsz.
 */
static unsigned long elf_load(struct file *file, unsigned long addr, const struct elf64_phdr *ph,
			      int prot, int type, unsigned long total_size)
{
	unsigned long zero_start, zero_end, map_addr;
	int err;

	if (ph->p_filesz) {
		map_addr = elf_map(file, addr, ph, prot, type, total_size);
		if (BAD_ADDR(map_addr))
			return map_addr;
		zero_start = map_addr + ELF_PAGEOFFSET(ph->p_vaddr) + ph->p_filesz;
		zero_end = map_addr + ELF_PAGEOFFSET(ph->p_vaddr) + ph->p_memsz;
		if (ph->p_memsz > ph->p_filesz)
			padzero(zero_start);
	} else {
		map_addr = zero_start = ELF_PAGESTART(addr);
		zero_end = zero_start + ELF_PAGEOFFSET(ph->p_vaddr) + ph->p_memsz;
	}
	if (ph->p_memsz > ph->p_filesz) {
		zero_start = ELF_PAGEALIGN(zero_start);
		zero_end = ELF_PAGEALIGN(zero_end);
		err = vm_brk_flags(zero_start, zero_end - zero_start, prot & PROT_EXEC ? VM_EXEC : 0);
		if (err)
			map_addr = err;
	}
	return map_addr;
}

/* Does the segment lie in user space, unwrapped, no more file than memory? */
static bool segment_fits(const struct elf64_phdr *ph, unsigned long k)
{
	return !BAD_ADDR(k) && ph->p_filesz <= ph->p_memsz && ph->p_memsz <= TASK_SIZE &&
	       TASK_SIZE - ph->p_memsz >= k;
}

/*
 * Maps the interpreter (Linux's load_elf_interp): an ET_DYN one wherever
 * the mmap area has room, its segments at their distances from the first.
 * Where it was loaded (its bias), or an error.
 */
static unsigned long load_elf_interp(struct elf64_hdr *ieh, struct file *interpreter,
				     unsigned long no_base, struct elf64_phdr *iph)
{
	unsigned long load_addr = 0, total_size, map_addr, k, elf_bss = 0, last_bss = 0;
	bool load_addr_set = false;
	int i, bss_prot = 0, type, prot;

	if ((ieh->e_type != ET_EXEC && ieh->e_type != ET_DYN) || !interpreter->f_op->mmap)
		return -ENOEXEC;
	total_size = total_mapping_size(iph, ieh->e_phnum);
	if (!total_size)
		return -EINVAL;
	for (i = 0; i < ieh->e_phnum; i++) {
		if (iph[i].p_type != PT_LOAD)
			continue;
		type = MAP_PRIVATE;
		prot = make_prot(iph[i].p_flags);
		if (ieh->e_type == ET_EXEC || load_addr_set)
			type |= MAP_FIXED;
		else if (no_base && ieh->e_type == ET_DYN)
			load_addr = -iph[i].p_vaddr;
		map_addr = elf_map(interpreter, load_addr + iph[i].p_vaddr, &iph[i], prot, type,
				   total_size);
		total_size = 0;
		if (BAD_ADDR(map_addr))
			return map_addr;
		if (!load_addr_set && ieh->e_type == ET_DYN) {
			load_addr = map_addr - ELF_PAGESTART(iph[i].p_vaddr);
			load_addr_set = true;
		}
		if (!segment_fits(&iph[i], load_addr + iph[i].p_vaddr))
			return -ENOMEM;
		elf_bss = max(elf_bss, load_addr + iph[i].p_vaddr + iph[i].p_filesz);
		k = load_addr + iph[i].p_vaddr + iph[i].p_memsz;
		if (k > last_bss) {
			last_bss = k;
			bss_prot = prot;
		}
	}
	padzero(elf_bss);
	elf_bss = ELF_PAGEALIGN(elf_bss);
	last_bss = ELF_PAGEALIGN(last_bss);
	if (last_bss > elf_bss) {
		int err = vm_brk_flags(elf_bss, last_bss - elf_bss,
				       bss_prot & PROT_EXEC ? VM_EXEC : 0);
		if (err)
			return err;
	}
	return load_addr;
}

/* The interpreter PT_INTERP names, opened: ENOEXEC for a malformed name. */
static struct file *open_interpreter(struct linux_binprm *bprm, const struct elf64_phdr *ph)
{
	struct file *interpreter;
	char *name;
	int err;

	if (ph->p_filesz > PATH_MAX || ph->p_filesz < 2)
		return ERR_PTR(-ENOEXEC);
	name = kmalloc(ph->p_filesz, GFP_KERNEL);
	if (!name)
		return ERR_PTR(-ENOMEM);
	err = elf_read(bprm->file, name, ph->p_filesz, ph->p_offset);
	if (!err && name[ph->p_filesz - 1] != '\0')
		err = -ENOEXEC;			/* the name must end in its NUL */
	interpreter = err ? ERR_PTR(err) : open_exec(name);
	kfree(name);
	return interpreter;
}

/* What load_elf_binary reads before the point of no return. */
struct elf_load_info {
	struct elf64_hdr *eh;
	struct elf64_phdr *phdrs;
	struct file *interpreter;		/* NULL for a static program */
	struct elf64_hdr ieh;
	struct elf64_phdr *iphdrs;
};

/*
 * The interpreter's file, headers and program headers: ELIBBAD if it is
 * not an x86_64 ELF file with sane program headers.
 */
static int read_interpreter(struct linux_binprm *bprm, const struct elf64_phdr *ph,
			    struct elf_load_info *li)
{
	int err;

	li->interpreter = open_interpreter(bprm, ph);
	if (IS_ERR(li->interpreter)) {
		err = PTR_ERR(li->interpreter);
		li->interpreter = NULL;
		return err;
	}
	err = elf_read(li->interpreter, &li->ieh, sizeof(li->ieh), 0);
	if (err)
		return err;
	if (memcmp(li->ieh.e_ident, ELFMAG, SELFMAG) || !elf_check_arch(&li->ieh))
		return -ELIBBAD;
	li->iphdrs = load_elf_phdrs(&li->ieh, li->interpreter);
	return li->iphdrs ? 0 : -ELIBBAD;
}

/* Reads the program's headers and its interpreter's; the stack's PF_X. */
static int elf_read_headers(struct linux_binprm *bprm, struct elf_load_info *li)
{
	int i, err;

	li->eh = (struct elf64_hdr *)bprm->buf;
	if (memcmp(li->eh->e_ident, ELFMAG, SELFMAG) ||
	    (li->eh->e_type != ET_EXEC && li->eh->e_type != ET_DYN) ||
	    !elf_check_arch(li->eh) || !bprm->file->f_op->mmap)
		return -ENOEXEC;
	li->phdrs = load_elf_phdrs(li->eh, bprm->file);
	if (!li->phdrs)
		return -ENOEXEC;
	for (i = 0; i < li->eh->e_phnum; i++) {
		if (li->phdrs[i].p_type == PT_GNU_STACK)
			bprm->executable_stack = li->phdrs[i].p_flags & PF_X;
		if (li->phdrs[i].p_type == PT_INTERP && !li->interpreter) {
			err = read_interpreter(bprm, &li->phdrs[i], li);
			if (err)
				return err;
		}
	}
	return 0;
}

/*
 * Where a PIE's first segment goes (Linux's load_elf_binary, "PIE
 * handling"): a program with an interpreter at ELF_ET_DYN_BASE, moved by
 * the mmap randomization; one without (a loader) in the mmap area, found
 * by a first mapping when it asks for more than page alignment.  Sets
 * the MAP_FIXED_NOREPLACE the placement needs; the bias before the
 * first segment's vaddr is taken off.
 */
static int pie_load_bias(struct linux_binprm *bprm, struct elf_load_info *li,
			 const struct elf64_phdr *ph, int prot, int *flags,
			 unsigned long total_size, unsigned long *bias)
{
	unsigned long alignment = maximum_alignment(li->phdrs, li->eh->e_phnum);
	unsigned long load_bias = 0;

	if (li->interpreter) {
		load_bias = ELF_ET_DYN_BASE;
		if (current->flags & PF_RANDOMIZE)
			load_bias += arch_mmap_rnd();
		load_bias &= ~(alignment - 1);
		*flags |= MAP_FIXED_NOREPLACE;
	} else if (alignment > ELF_MIN_ALIGN) {
		load_bias = elf_load(bprm->file, 0, ph, prot, *flags, total_size);
		if (BAD_ADDR(load_bias))
			return IS_ERR_VALUE(load_bias) ? (int)load_bias : -EINVAL;
		vm_munmap(load_bias, total_size);
		load_bias &= ~(alignment - 1);
		*flags |= MAP_FIXED_NOREPLACE;
	}
	*bias = ELF_PAGESTART(load_bias - ph->p_vaddr);
	return 0;
}

/* The program's segments, and mm's code, data and brk marks. */
static int map_program(struct linux_binprm *bprm, struct elf_load_info *li,
		       unsigned long *load_bias_out)
{
	unsigned long load_bias = 0, total_size, error, k, elf_brk = 0, phdr_addr = 0;
	unsigned long start_code = ~0UL, end_code = 0, start_data = 0, end_data = 0;
	struct mm_struct *mm = current->mm;
	const struct elf64_phdr *ph;
	bool first = true;
	int i, prot, flags, err;

	for (i = 0; i < li->eh->e_phnum; i++) {
		ph = &li->phdrs[i];
		if (ph->p_type != PT_LOAD)
			continue;
		prot = make_prot(ph->p_flags);
		flags = MAP_PRIVATE;
		total_size = 0;
		if (!first) {
			flags |= MAP_FIXED;
		} else if (li->eh->e_type == ET_EXEC) {
			flags |= MAP_FIXED_NOREPLACE;
		} else {
			total_size = total_mapping_size(li->phdrs, li->eh->e_phnum);
			if (!total_size)
				return -EINVAL;
			err = pie_load_bias(bprm, li, ph, prot, &flags, total_size, &load_bias);
			if (err)
				return err;
		}
		error = elf_load(bprm->file, load_bias + ph->p_vaddr, ph, prot, flags, total_size);
		if (BAD_ADDR(error))
			return IS_ERR_VALUE(error) ? (int)error : -EINVAL;
		if (first && li->eh->e_type == ET_DYN)
			load_bias += error - ELF_PAGESTART(load_bias + ph->p_vaddr);
		first = false;
		if (ph->p_offset <= li->eh->e_phoff && li->eh->e_phoff < ph->p_offset + ph->p_filesz)
			phdr_addr = li->eh->e_phoff - ph->p_offset + ph->p_vaddr;
		k = ph->p_vaddr;
		if ((ph->p_flags & PF_X) && k < start_code)
			start_code = k;
		start_data = max(start_data, k);
		if (!segment_fits(ph, k))
			return -EINVAL;		/* set_brk could never work */
		k = ph->p_vaddr + ph->p_filesz;
		if ((ph->p_flags & PF_X) && end_code < k)
			end_code = k;
		end_data = max(end_data, k);
		elf_brk = max_t(unsigned long, elf_brk, ph->p_vaddr + ph->p_memsz);
	}
	mm->start_code = start_code + load_bias;
	mm->end_code = end_code + load_bias;
	mm->start_data = start_data + load_bias;
	mm->end_data = end_data + load_bias;
	mm->start_brk = mm->brk = ELF_PAGEALIGN(elf_brk + load_bias);
	bprm->phdr_addr = phdr_addr + load_bias;
	*load_bias_out = load_bias;
	return 0;
}

/*
 * Where the heap starts (Linux's "brk" handling): after the program, a
 * loader's at ELF_ET_DYN_BASE (out of the mmap area it was put in), and
 * a random distance further when randomize_va_space is 2.
 */
static void set_brk(struct linux_binprm *bprm, struct elf_load_info *li)
{
	struct mm_struct *mm = current->mm;
	bool brk_moved = false;

	if (li->eh->e_type == ET_DYN && !li->interpreter) {
		mm->start_brk = mm->brk = ELF_ET_DYN_BASE;
		brk_moved = true;
	}
	if ((current->flags & PF_RANDOMIZE) && randomize_va_space > 1) {
		if (!brk_moved)
			mm->brk = mm->start_brk = mm->brk + PAGE_SIZE;
		mm->brk = mm->start_brk = arch_randomize_brk(mm);
	}
	(void)bprm;
}

/* After the point of no return: the image, the interpreter, the stack. */
static int load_image(struct linux_binprm *bprm, struct elf_load_info *li)
{
	unsigned long load_bias, elf_entry;
	int err;

	err = map_program(bprm, li, &load_bias);
	if (err)
		return err;
	bprm->e_entry = li->eh->e_entry + load_bias;
	bprm->phnum = li->eh->e_phnum;
	elf_entry = bprm->e_entry;
	if (li->interpreter) {
		elf_entry = load_elf_interp(&li->ieh, li->interpreter, load_bias, li->iphdrs);
		if (!IS_ERR_VALUE(elf_entry)) {
			bprm->interp_load_addr = elf_entry;
			elf_entry += li->ieh.e_entry;
		}
	}
	if (BAD_ADDR(elf_entry))
		return IS_ERR_VALUE(elf_entry) ? (int)elf_entry : -EINVAL;
	bprm->entry = elf_entry;
	set_brk(bprm, li);
	return setup_arg_pages(bprm);
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf_load_info li = { 0 };
	int err;

	err = elf_read_headers(bprm, &li);
	if (!err)
		err = begin_new_exec(bprm);	/* the point of no return */
	if (!err) {
		if (exec_randomizes())
			current->flags |= PF_RANDOMIZE;
		arch_pick_mmap_layout(current->mm);	/* Linux's setup_new_exec */
		err = load_image(bprm, &li);
	}
	if (li.interpreter)
		fput(li.interpreter);
	kfree(li.iphdrs);
	kfree(li.phdrs);
	return err;
}
