/*
 * kernel/vdso.c: the vDSO's kernel side: the data page the tick keeps
 * current, and mapping the vDSO into each new program (Linux's
 * kernel/time/vsyscall.c and arch/x86/entry/vdso/vma.c).
 *
 * The vDSO (vdso/) is a small shared object every program gets, so that
 * clock_gettime, gettimeofday, time and getcpu need no system call: libc
 * finds it through AT_SYSINFO_EHDR and calls its functions, which read
 * the TSC and the data page.  Its bytes are part of the kernel's
 * read-only data (vdso/vdso-image.S); the data page is a page of the
 * kernel's data.  Both are mapped into user space as they are, never
 * copied, so every process reads the same page the tick writes.  The
 * kernel holds a reference on each of these pages, so the mappings'
 * references never bring one back to the page allocator.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/time.h>
#include <vdso/datapage.h>

extern const char vdso_image_start[], vdso_image_end[];

/* The data page, [vvar]: only update_vsyscall writes it, from the tick. */
static union {
	struct vdso_data data;
	u8 page[PAGE_SIZE];
} vvar __aligned(PAGE_SIZE);

static bool vdso64_enabled = true;	/* vdso=0 on the command line: none */

/*
 * [vvar] is four pages, as Linux's: the data page, then those of the
 * paravirtual clocks and of time namespaces, which nothing backs here
 * (SIGBUS, as on a Linux without them).  vdso.lds puts vvar_page four
 * pages below the image to match.
 */
#define VVAR_PAGES	4

static int __init vdso_setup(char *s)
{
	return s ? kstrtobool(s, &vdso64_enabled) : -EINVAL;
}
__setup("vdso", vdso_setup);

static void timestamp(struct vdso_timestamp *t, u64 ns)
{
	t->sec = ns / NSEC_PER_SEC;
	t->nsec = ns % NSEC_PER_SEC;
}

/*
 * The tick's time @now (CLOCK_MONOTONIC), the TSC's scale and the offset
 * of CLOCK_REALTIME, for the vDSO to read (Linux's update_vsyscall).  The
 * seqcount is odd while the page is half written: a reader that saw it
 * so, or saw it move, reads again.
 */
void update_vsyscall(u64 now, u64 mult, u64 realtime_offset)
{
	struct vdso_data *vd = &vvar.data;

	WRITE_ONCE(vd->seq, vd->seq + 1);
	barrier();		/* x86 keeps stores in order: a compiler barrier is smp_wmb */
	vd->mult = mult;
	vd->realtime_offset = realtime_offset;
	vd->hrtimer_res = 1;
	timestamp(&vd->coarse_monotonic, now);
	timestamp(&vd->coarse_realtime, now + realtime_offset);
	barrier();
	WRITE_ONCE(vd->seq, vd->seq + 1);
}

static unsigned long vdso_size(void)
{
	return PAGE_ALIGN(vdso_image_end - vdso_image_start);
}

/* The page of the image at @addr, with a reference for the pte (Linux's vdso_fault). */
static struct page *vdso_fault(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long off = addr - vma->vm_start + (vma->vm_pgoff << PAGE_SHIFT);
	struct page *page;

	if (off >= vdso_size())
		return NULL;		/* a mremap made it bigger: SIGBUS, as Linux */
	page = virt_to_page(vdso_image_start + off);
	get_page(page);
	return page;
}

static struct page *vvar_fault(struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page;

	if (addr - vma->vm_start + (vma->vm_pgoff << PAGE_SHIFT) >= PAGE_SIZE)
		return NULL;		/* a page of what is not here: SIGBUS */
	page = virt_to_page(&vvar);
	get_page(page);
	return page;
}

static const char *vdso_name(struct vm_area_struct *vma)
{
	(void)vma;
	return "[vdso]";
}

static const char *vvar_name(struct vm_area_struct *vma)
{
	(void)vma;
	return "[vvar]";
}

static const struct vm_operations_struct vdso_ops = { .fault = vdso_fault, .name = vdso_name };
static const struct vm_operations_struct vvar_ops = { .fault = vvar_fault, .name = vvar_name };

/* The kernel's own references: a user mapping's last put_page must not free these pages. */
static int __init init_vdso(void)
{
	unsigned long off;

	for (off = 0; off < vdso_size(); off += PAGE_SIZE)
		get_page(virt_to_page(vdso_image_start + off));
	get_page(virt_to_page(&vvar));
	return 0;
}
core_initcall(init_vdso);

static int insert_special_mapping(struct mm_struct *mm, unsigned long start, unsigned long len,
				  unsigned long flags, const struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma = vma_alloc(mm, start, start + len, flags);
	int err;

	if (!vma)
		return -ENOMEM;
	vma->vm_ops = ops;
	vma->vm_flags |= VM_DONTEXPAND;		/* as Linux's _install_special_mapping */
	err = insert_vma(mm, vma);
	if (err)
		vma_free(vma);
	return err;
}

/*
 * Maps [vvar] and, the page above it, [vdso] into the new program's
 * address space; AT_SYSINFO_EHDR will give the vDSO's address (Linux's
 * arch_setup_additional_pages and map_vdso).  The hint is the stack's
 * top, as Linux's vdso_addr: with a randomized stack they land just above
 * it; without, there is no room above it, so they land at the top of the
 * mmap area, where Linux puts them without randomization.
 * The vDSO may be made writable (a debugger's breakpoint: its pages are
 * then copied), the data page never.
 */
int arch_setup_additional_pages(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = VVAR_PAGES * PAGE_SIZE + vdso_size(), addr;
	int err;

	(void)bprm;
	if (!vdso64_enabled)
		return 0;
	addr = get_unmapped_area(mm, PAGE_ALIGN(mm->start_stack), len, 0);
	if (IS_ERR_VALUE(addr))
		return addr;
	err = insert_special_mapping(mm, addr + VVAR_PAGES * PAGE_SIZE, vdso_size(),
				     VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
				     &vdso_ops);
	if (!err)
		err = insert_special_mapping(mm, addr, VVAR_PAGES * PAGE_SIZE,
					     VM_READ | VM_MAYREAD | VM_IO | VM_PFNMAP | VM_DONTDUMP,
					     &vvar_ops);
	if (!err)
		mm->vdso = addr + VVAR_PAGES * PAGE_SIZE;
	return err;
}
