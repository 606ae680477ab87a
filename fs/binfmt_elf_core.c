/*
 * fs/binfmt_elf_core.c: the ELF core file (Linux's elf_core_dump).
 *
 * The file is an ET_CORE ELF image: a PT_NOTE segment, then a PT_LOAD
 * per VMA holding the memory worth keeping.  The notes are Linux's, in
 * its order: each thread's NT_PRSTATUS (signal, ids, times, registers)
 * and NT_PRFPREG (the fxsave image), and after the dumping thread's
 * NT_PRSTATUS the process's NT_PRPSINFO, NT_SIGINFO, NT_AUXV and NT_FILE
 * (the file mappings).  gdb reads it: "gdb PROGRAM core".
 *
 * Which memory (Linux's vma_dump_size with the default coredump_filter,
 * 0x33): anonymous memory the process has touched, shared anonymous
 * memory, private file mappings that may have been written, and of a
 * read-only file mapping only a first page holding an ELF header, and
 * always the [vdso]; never a VM_DONTDUMP mapping (MADV_DONTDUMP, [vvar]),
 * whose PT_LOAD has no file bytes.  Pages never touched are holes in the
 * file, and read as zeros.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/cputime.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/elf.h>
#include <linux/coredump.h>
#include <linux/fdtable.h>
#include <asm/ptrace.h>

/* A VMA as it was when the dump began, and how much of it is written. */
struct core_vma {
	unsigned long start, end, flags, pgoff, dump_size;
	struct file *file;		/* a reference, or NULL */
};

struct core_info {
	const struct core_thread *threads;	/* the coredump_params' */
	int nr_threads;
	struct core_vma *vmas;
	int nr_vmas;
	struct elf_prpsinfo psinfo;
	unsigned long *auxv;
	size_t auxv_size;
	void *files;			/* the NT_FILE descriptor */
	size_t files_size;
};

/* The page mapped at @addr, with a reference, or NULL (Linux's get_dump_page). */
static struct page *get_dump_page(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = NULL;
	pte_t *pte;

	spin_lock(&mm->page_table_lock);
	pte = pte_offset(mm->pgd, addr);
	if (pte && (*pte & _PAGE_PRESENT)) {
		page = pfn_to_page(pte_pfn(*pte));
		get_page(page);
	}
	spin_unlock(&mm->page_table_lock);
	return page;
}

static bool has_present_page(struct mm_struct *mm, const struct core_vma *v)
{
	unsigned long addr;
	struct page *page;

	for (addr = v->start; addr < v->end; addr += PAGE_SIZE) {
		page = get_dump_page(mm, addr);
		if (page) {
			put_page(page);
			return true;
		}
	}
	return false;
}

/* Does the VMA start with an ELF header (a mapped program or library)? */
static bool starts_with_elf_header(struct mm_struct *mm, const struct core_vma *v)
{
	struct page *page = get_dump_page(mm, v->start);
	bool elf = page && !memcmp(page_address(page), ELFMAG, SELFMAG);

	if (page)
		put_page(page);
	return elf;
}

/*
 * A special mapping with a name ([vdso]) is always dumped, as Linux's
 * always_dump_vma: gdb reads the vDSO's symbols from the core.  Its pages
 * are faulted in first (a read fault maps the image's page), so a page
 * the process never touched is written too, not left a hole.
 */
static bool always_dump_vma(struct vm_area_struct *vma)
{
	unsigned long addr;

	if (!vma->vm_ops || !vma->vm_ops->name)
		return false;
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE)
		handle_mm_fault(vma, addr, 0);	/* a failure leaves a hole, read as zeros */
	return true;
}

/* Linux's vma_dump_size under the default filter (see the top of the file). */
static unsigned long vma_dump_size(struct mm_struct *mm, const struct core_vma *v)
{
	unsigned long whole = v->end - v->start;

	if (v->flags & VM_DONTDUMP)
		return 0;
	if (v->flags & VM_SHARED)
		return !v->file || !v->file->f_inode->i_nlink ? whole : 0;
	if (!v->file)
		return has_present_page(mm, v) ? whole : 0;
	if (v->flags & VM_WRITE)
		return whole;
	if (v->pgoff == 0 && (v->flags & VM_READ) && starts_with_elf_header(mm, v))
		return PAGE_SIZE;
	return 0;
}

/* Takes the VMAs as they are now (mmap_lock held by the caller). */
static int collect_vmas(struct mm_struct *mm, struct core_info *info)
{
	struct vm_area_struct *vma;
	struct core_vma *v;

	info->vmas = kcalloc(mm->map_count, sizeof(*info->vmas), GFP_KERNEL);
	if (!info->vmas)
		return -ENOMEM;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (info->nr_vmas == mm->map_count)
			break;
		v = &info->vmas[info->nr_vmas++];
		v->start = vma->vm_start;
		v->end = vma->vm_end;
		v->flags = vma->vm_flags;
		v->pgoff = vma->vm_pgoff;
		v->file = vma->vm_file ? get_file(vma->vm_file) : NULL;
		if (!(vma->vm_flags & VM_DONTDUMP) && always_dump_vma(vma))
			v->dump_size = v->end - v->start;
		else
			v->dump_size = vma_dump_size(mm, v);
	}
	return 0;
}

static struct elf_timeval ns_to_elf_timeval(u64 ns)
{
	struct elf_timeval tv = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 };

	return tv;
}

/* Linux's fill_prstatus and the regset: @t's ids, times and user registers. */
void fill_prstatus(struct core_thread *ct, int signr)
{
	struct task_struct *t = ct->task;
	struct elf_prstatus *s = &ct->prstatus;
	u64 utime, stime;

	s->pr_info.si_signo = s->pr_cursig = signr;
	s->pr_sigpend = t->pending.signal.sig[0];
	s->pr_sighold = t->blocked.sig[0];
	s->pr_pid = task_pid_vnr(t);
	s->pr_ppid = task_tgid_vnr(t->real_parent);
	s->pr_pgrp = task_pgrp_vnr(t);
	s->pr_sid = task_session_vnr(t);
	if (thread_group_leader(t))
		thread_group_cputime_adjusted(t, &utime, &stime);
	else
		task_cputime_adjusted(t, &utime, &stime);
	s->pr_utime = ns_to_elf_timeval(utime);
	s->pr_stime = ns_to_elf_timeval(stime);
	s->pr_cutime = ns_to_elf_timeval(t->signal->cutime);
	s->pr_cstime = ns_to_elf_timeval(t->signal->cstime);
	fill_prstatus_regs(ct);
}

/*
 * @t's user registers and FPU image: final once it is in the kernel for
 * good and off its CPU (coredump_wait); its stack stays while referenced.
 */
void fill_prstatus_regs(struct core_thread *ct)
{
	struct task_struct *t = ct->task;
	struct elf_prstatus *s = &ct->prstatus;

	memcpy(s->pr_reg, task_pt_regs(t), sizeof(struct pt_regs));	/* r15 .. ss */
	s->pr_reg[21] = t->thread.fsbase;
	s->pr_reg[22] = t->thread.gsbase;
	s->pr_fpvalid = 1;
	memcpy(ct->fpu, t->thread.fpu, 512);
}

/* Linux's fill_psinfo: the process's state, ids, name and first arguments. */
static void fill_psinfo(struct elf_prpsinfo *p, struct mm_struct *mm)
{
	const struct cred *cred = current_cred();
	size_t len = min(mm->arg_end - mm->arg_start, (unsigned long)ELF_PRARGSZ - 1), i;

	if (mm->arg_end > mm->arg_start && copy_from_user(p->pr_psargs, (void *)mm->arg_start, len))
		len = 0;
	for (i = 0; i < len; i++)
		if (!p->pr_psargs[i])
			p->pr_psargs[i] = ' ';
	p->pr_psargs[len] = '\0';
	p->pr_sname = 'R';			/* pr_state 0: it is running, dumping */
	p->pr_nice = task_nice(current);
	p->pr_flag = current->flags;
	p->pr_uid = from_kuid_munged(cred->user_ns, cred->uid);
	p->pr_gid = from_kgid_munged(cred->user_ns, cred->gid);
	p->pr_pid = task_tgid_vnr(current);
	p->pr_ppid = task_tgid_vnr(current->real_parent);
	p->pr_pgrp = task_pgrp_vnr(current);
	p->pr_sid = task_session_vnr(current);
	memcpy(p->pr_fname, current->comm, sizeof(p->pr_fname));
}

/*
 * NT_FILE (Linux's fill_files_note): the count, the page size, a
 * (start, end, page offset) triple per file mapping, then their paths.
 */
static int fill_files_note(struct core_info *info)
{
	size_t size = 2 * sizeof(long), used;
	unsigned long *data, count = 0;
	char *names, *buf;
	struct path root;
	int i, start;

	for (i = 0; i < info->nr_vmas; i++)
		if (info->vmas[i].file) {
			count++;
			size += 3 * sizeof(long) + PATH_MAX;
		}
	if (!count)
		return 0;
	data = kmalloc(size, GFP_KERNEL);
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!data || !buf) {
		kfree(data);
		kfree(buf);
		return -ENOMEM;
	}
	data[0] = count;
	data[1] = PAGE_SIZE;
	names = (char *)(data + 2 + 3 * count);
	used = 0;
	get_fs_root(current->fs, &root);
	for (i = 0, count = 0; i < info->nr_vmas; i++) {
		struct core_vma *v = &info->vmas[i];

		if (!v->file)
			continue;
		data[2 + 3 * count] = v->start;
		data[3 + 3 * count] = v->end;
		data[4 + 3 * count++] = v->pgoff;
		start = d_path(&v->file->f_path, &root, buf, PATH_MAX);
		strlcpy(names + used, start < 0 ? "" : buf + start, PATH_MAX);
		used += strlen(names + used) + 1;
	}
	path_put(&root);
	kfree(buf);
	info->files = data;
	info->files_size = (names - (char *)data) + used;
	return 0;
}

static size_t note_size(size_t descsz)
{
	return sizeof(struct elf64_note) + 8 + ALIGN(descsz, 4);	/* "CORE\0" padded */
}

static bool write_note(struct coredump_params *cprm, u32 type, const void *desc, size_t sz)
{
	struct elf64_note n = { .n_namesz = 5, .n_descsz = sz, .n_type = type };
	static const char name[8] = "CORE";

	return dump_emit(cprm, &n, sizeof(n)) && dump_emit(cprm, name, sizeof(name)) &&
	       dump_emit(cprm, desc, sz) && dump_align(cprm, 4);
}

static size_t notes_size(const struct core_info *info)
{
	size_t size = info->nr_threads * (note_size(sizeof(struct elf_prstatus)) + note_size(512));

	size += note_size(sizeof(struct elf_prpsinfo)) + note_size(sizeof(kernel_siginfo_t));
	size += note_size(info->auxv_size);
	if (info->files)
		size += note_size(info->files_size);
	return size;
}

/* Linux's write_note_info: per thread, with the process's notes after the first NT_PRSTATUS. */
static bool write_notes(struct coredump_params *cprm, const struct core_info *info)
{
	int i;

	for (i = 0; i < info->nr_threads; i++) {
		if (!write_note(cprm, NT_PRSTATUS, &info->threads[i].prstatus,
				sizeof(struct elf_prstatus)))
			return false;
		if (i == 0 &&
		    (!write_note(cprm, NT_PRPSINFO, &info->psinfo, sizeof(info->psinfo)) ||
		     !write_note(cprm, NT_SIGINFO, cprm->siginfo, sizeof(kernel_siginfo_t)) ||
		     !write_note(cprm, NT_AUXV, info->auxv, info->auxv_size) ||
		     (info->files &&
		      !write_note(cprm, NT_FILE, info->files, info->files_size))))
			return false;
		if (!write_note(cprm, NT_PRFPREG, info->threads[i].fpu, 512))
			return false;
	}
	return true;
}

/* The ELF header and the program headers: PT_NOTE, then a PT_LOAD per VMA. */
static bool write_headers(struct coredump_params *cprm, const struct core_info *info)
{
	struct elf64_hdr eh = { .e_type = ET_CORE, .e_machine = EM_X86_64 };
	size_t phnum = 1 + info->nr_vmas, offset = sizeof(eh) + phnum * sizeof(struct elf64_phdr);
	struct elf64_phdr ph = { .p_type = PT_NOTE, .p_offset = offset, .p_align = 4 };
	int i;

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[6] = EV_CURRENT;			/* EI_VERSION */
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(struct elf64_phdr);
	eh.e_phnum = phnum;
	ph.p_filesz = notes_size(info);
	if (!dump_emit(cprm, &eh, sizeof(eh)) || !dump_emit(cprm, &ph, sizeof(ph)))
		return false;
	offset = ALIGN(offset + ph.p_filesz, PAGE_SIZE);
	for (i = 0; i < info->nr_vmas; i++) {
		const struct core_vma *v = &info->vmas[i];

		memset(&ph, 0, sizeof(ph));
		ph.p_type = PT_LOAD;
		ph.p_offset = offset;
		ph.p_vaddr = v->start;
		ph.p_filesz = v->dump_size;
		ph.p_memsz = v->end - v->start;
		ph.p_flags = (v->flags & VM_READ ? PF_R : 0) | (v->flags & VM_WRITE ? PF_W : 0) |
			     (v->flags & VM_EXEC ? PF_X : 0);
		ph.p_align = PAGE_SIZE;
		offset += v->dump_size;
		if (!dump_emit(cprm, &ph, sizeof(ph)))
			return false;
	}
	return true;
}

/* The memory: each page present as it is, a page never touched as zeros. */
static bool write_memory(struct coredump_params *cprm, struct mm_struct *mm,
			 const struct core_info *info)
{
	unsigned long addr;
	struct page *page;
	bool ok = true;
	int i;

	for (i = 0; ok && i < info->nr_vmas; i++) {
		const struct core_vma *v = &info->vmas[i];

		for (addr = v->start; ok && addr < v->start + v->dump_size; addr += PAGE_SIZE) {
			down_read(&mm->mmap_lock);	/* a page at a time, as Linux's */
			page = get_dump_page(mm, addr);
			up_read(&mm->mmap_lock);
			ok = page ? dump_emit(cprm, page_address(page), PAGE_SIZE) :
				    dump_skip(cprm, PAGE_SIZE);
			if (page)
				put_page(page);
		}
	}
	return ok;
}

static void free_core_info(struct core_info *info)
{
	int i;

	for (i = 0; i < info->nr_vmas; i++)
		if (info->vmas[i].file)
			fput(info->vmas[i].file);
	kfree(info->vmas);
	kfree(info->files);
}

/* Writes the whole core; false if any of it could not be (RLIMIT_CORE, no space). */
bool elf_core_dump(struct coredump_params *cprm)
{
	struct mm_struct *mm = current->mm;
	struct core_info info = { .threads = cprm->threads, .nr_threads = cprm->nr_threads };
	bool ok = false;
	size_t n = 0;

	down_read(&mm->mmap_lock);
	if (collect_vmas(mm, &info) || fill_files_note(&info)) {
		up_read(&mm->mmap_lock);
		goto out;
	}
	fill_psinfo(&info.psinfo, mm);
	while (n + 2 <= ARRAY_SIZE(mm->saved_auxv) && mm->saved_auxv[n] != AT_NULL)
		n += 2;
	info.auxv = mm->saved_auxv;
	info.auxv_size = min(n + 2, ARRAY_SIZE(mm->saved_auxv)) * sizeof(long);
	/*
	 * The file is written from the snapshot without mmap_lock, as Linux's
	 * dump_vma_snapshot: a write to the file takes its i_mutex, and a
	 * write(2) faults on user memory with i_mutex held, so i_mutex must
	 * never be taken under mmap_lock (a lock-order inversion the lock
	 * validator reported).
	 */
	up_read(&mm->mmap_lock);
	ok = write_headers(cprm, &info) && write_notes(cprm, &info) &&
	     dump_align(cprm, PAGE_SIZE) && write_memory(cprm, mm, &info) && dump_end(cprm);
out:
	free_core_info(&info);
	return ok;
}
