/*
 * fs/binfmt_elf.c: loading static ELF64 x86_64 programs.
 *
 * Each PT_LOAD segment becomes a VMA with the segment's permissions (two
 * when it has a bss past its file bytes); its file bytes are copied in (our files are in memory already, so this is
 * simpler than mapping them and no slower) and the rest, the bss, is
 * zero.  The heap starts after the last segment.  A PT_INTERP (a dynamic
 * program) names an interpreter we then fail to find, as Linux would
 * without one installed.
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

static bool elf_check(const struct elf64_hdr *eh)
{
	return !memcmp(eh->e_ident, ELFMAG, SELFMAG) && eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB && eh->e_machine == EM_X86_64 &&
	       (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) &&
	       eh->e_phentsize == sizeof(struct elf64_phdr) && eh->e_phnum &&
	       eh->e_phnum <= 64;
}

static unsigned long elf_vm_flags(u32 p_flags)
{
	unsigned long f = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (p_flags & PF_R)
		f |= VM_READ;
	if (p_flags & PF_W)
		f |= VM_WRITE;
	if (p_flags & PF_X)
		f |= VM_EXEC;
	return f;
}

/* Copies @len file bytes at @off to user address @addr of the new mm (current by now). */
static int copy_segment(struct linux_binprm *bprm, unsigned long addr, loff_t off, size_t len)
{
	char *buf = (char *)__get_free_page(GFP_KERNEL);
	size_t done = 0, chunk;
	loff_t pos = off;
	int err = 0;

	if (!buf)
		return -ENOMEM;
	while (done < len && !err) {
		chunk = min_t(size_t, len - done, PAGE_SIZE);
		if (kernel_read(bprm->file, buf, chunk, &pos) != (ssize_t)chunk)
			err = -EIO;
		else if (copy_to_user((void *)(addr + done), buf, chunk))
			err = -EFAULT;
		done += chunk;
	}
	free_page((unsigned long)buf);
	return err;
}

/*
 * The VMA of [start, end) for a segment: writable while its bytes are
 * copied in.  The part holding file bytes names the program's file, so
 * /proc/PID/maps and a core file's NT_FILE show it, as Linux's mapping of
 * the file would; the bss beyond it is anonymous, as Linux's set_brk.
 */
static struct vm_area_struct *segment_vma(struct linux_binprm *bprm, unsigned long start,
					  unsigned long end, unsigned long flags, loff_t off)
{
	struct vm_area_struct *vma;

	if (start >= end)
		return NULL;
	vma = vma_alloc_insert(current->mm, start, end, flags | VM_WRITE);
	if (vma && off >= 0) {
		vma->vm_file = get_file(bprm->file);
		vma->vm_pgoff = off >> PAGE_SHIFT;
	}
	return vma;
}

static int map_segment(struct linux_binprm *bprm, const struct elf64_phdr *ph,
		       unsigned long bias, unsigned long *brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long k = ph->p_vaddr + bias;
	unsigned long start = k & PAGE_MASK, end = PAGE_ALIGN(k + ph->p_memsz);
	unsigned long file_end = PAGE_ALIGN(k + ph->p_filesz);
	unsigned long flags = elf_vm_flags(ph->p_flags);
	struct vm_area_struct *text, *bss;
	long err;

	/* Linux's load_elf_binary checks: the segment lies in user space, unwrapped */
	if (k < ph->p_vaddr || k >= TASK_SIZE || ph->p_filesz > ph->p_memsz ||
	    ph->p_memsz > TASK_SIZE || TASK_SIZE - ph->p_memsz < k || end <= start)
		return -EINVAL;
	if (ph->p_offset > LLONG_MAX - ph->p_filesz)
		return -EOVERFLOW;		/* past any file's end: Linux's file_mmap_ok */
	err = get_unmapped_area(mm, start, end - start, MAP_FIXED);
	if (IS_ERR_VALUE(err))
		return err;			/* below mmap_min_addr: EPERM, as elf_map */
	text = segment_vma(bprm, start, file_end, flags, ph->p_offset & PAGE_MASK);
	bss = segment_vma(bprm, max(start, file_end), end, flags, -1);
	if ((!text && file_end > start) || (!bss && end > file_end))
		return -ENOMEM;
	err = copy_segment(bprm, ph->p_vaddr + bias, ph->p_offset, ph->p_filesz);
	if (text)
		change_protection(text, flags);
	if (bss)
		change_protection(bss, flags);
	if (end > *brk)
		*brk = end;
	if (!(ph->p_flags & PF_X) && mm->end_code == 0)
		mm->start_data = start;
	if (ph->p_flags & PF_X) {
		mm->start_code = start;
		mm->end_code = ph->p_vaddr + bias + ph->p_filesz;
	} else {
		mm->end_data = ph->p_vaddr + bias + ph->p_filesz;
	}
	return err;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf64_hdr *eh = (struct elf64_hdr *)bprm->buf;
	struct elf64_phdr *phdrs;
	unsigned long brk = 0, bias = 0, first_vaddr = ~0UL;
	size_t size;
	loff_t pos;
	int i, err;

	if (!elf_check(eh))
		return -ENOEXEC;
	size = eh->e_phnum * sizeof(*phdrs);
	phdrs = kmalloc(size, GFP_KERNEL);
	if (!phdrs)
		return -ENOMEM;
	pos = eh->e_phoff;
	err = kernel_read(bprm->file, phdrs, size, &pos) == (ssize_t)size ? 0 : -EIO;
	for (i = 0; !err && i < eh->e_phnum; i++)
		if (phdrs[i].p_type == PT_INTERP)
			err = -ENOENT;		/* no dynamic loader here */
	if (err)
		goto out;
	if (eh->e_type == ET_DYN)
		bias = ELF_ET_DYN_BASE;		/* a static PIE: put it where Linux would */
	err = begin_new_exec(bprm);		/* the point of no return */
	if (err)
		goto out;
	for (i = 0; !err && i < eh->e_phnum; i++) {
		if (phdrs[i].p_type != PT_LOAD)
			continue;
		if (first_vaddr == ~0UL)
			first_vaddr = phdrs[i].p_vaddr - phdrs[i].p_offset;
		err = map_segment(bprm, &phdrs[i], bias, &brk);
	}
	if (err)
		goto out;
	current->mm->start_brk = current->mm->brk = brk;
	bprm->entry = eh->e_entry + bias;
	bprm->phdr_addr = first_vaddr + bias + eh->e_phoff;
	bprm->phnum = eh->e_phnum;
	err = setup_arg_pages(bprm);
out:
	kfree(phdrs);
	return err;
}
