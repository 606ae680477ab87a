/*
 * mm/unmapped_area.c: where a new mapping goes (Linux's get_unmapped_area
 * in mm/mmap.c and x86's arch_get_unmapped_area_topdown and find_start_end
 * in arch/x86/kernel/sys_x86_64.c): the caller's hint if that range is
 * free, else the highest gap below mmap_base, or with MAP_32BIT the
 * lowest in [1 GiB, 2 GiB).  mmap, shmat, brk and the ELF loader ask it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/capability.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/*
 * vm.mmap_min_addr: nothing is mapped below it unless the mapper has
 * CAP_SYS_RAWIO, so that a kernel NULL dereference cannot reach a user's
 * page.  64 KiB, as Debian's; /proc/sys/vm/mmap_min_addr changes it.
 */
unsigned long mmap_min_addr = 65536;

/* The lowest address a mapping the kernel places may start at: never page 0. */
static unsigned long mmap_floor(void)
{
	return max(PAGE_ALIGN(READ_ONCE(mmap_min_addr)), PAGE_SIZE);
}

/* Is [addr, addr + len) free, inside user space and above mmap_min_addr? */
static bool range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return addr >= mmap_floor() && len <= TASK_SIZE && addr <= TASK_SIZE - len &&
	       (!vma || addr + len <= vma->vm_start);
}

/* The highest free gap of @len bytes below mmap_base and above mmap_min_addr, or 0. */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len)
{
	unsigned long top = mm->mmap_base, floor = mmap_floor();
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= top)
			continue;
		if (top < floor + len)
			return 0;		/* no room left above mmap_min_addr */
		if (vma->vm_end <= top - len)
			return top - len;
		top = vma->vm_start;
	}
	return top >= floor + len ? top - len : 0;
}

/* The lowest free gap of @len bytes in [low, high), or 0 (a bottom-up vm_unmapped_area). */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len, unsigned long low,
				   unsigned long high)
{
	struct vm_area_struct *vma;
	unsigned long start = low;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= start)
			continue;
		if (vma->vm_start >= start + len)
			break;
		start = vma->vm_end;
	}
	return start + len <= high ? start : 0;
}

/*
 * MAP_32BIT's place (x86's find_start_end and its bottom-up
 * arch_get_unmapped_area): the hint @addr if free and below 2 GiB, else
 * the lowest gap in [1 GiB, 2 GiB), its start moved up by a random 0 to
 * 32 MiB under address randomization; 0 if none.
 */
static unsigned long unmapped_area_32bit(struct mm_struct *mm, unsigned long addr,
					 unsigned long len)
{
	unsigned long begin = 0x40000000, end = 0x80000000;

	if (len > end)
		return 0;
	if (addr && addr <= end - len && range_free(mm, addr, len))
		return addr;
	if (current->flags & PF_RANDOMIZE)
		begin = randomize_page(begin, 0x02000000);
	return unmapped_area(mm, len, begin, end);
}

/*
 * Where a mapping of @len bytes goes (Linux's get_unmapped_area with x86's
 * arch_get_unmapped_area_topdown): with MAP_FIXED exactly @addr, else the
 * hint @addr if that range is free, else the highest gap below mmap_base;
 * with MAP_32BIT below 2 GiB instead (unmapped_area_32bit).
 * The address, or -ENOMEM when the range would not fit below TASK_SIZE
 * (nothing may ever be mapped above it: the page tables there are the
 * kernel's), or -EPERM below vm.mmap_min_addr without CAP_SYS_RAWIO.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags)
{
	unsigned long min_addr = READ_ONCE(mmap_min_addr);	/* one value throughout */

	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
		addr &= PAGE_MASK;
		if (addr && addr < min_addr)
			addr = PAGE_ALIGN(min_addr);	/* Linux's round_hint_to_min */
		if (flags & MAP_32BIT)
			addr = unmapped_area_32bit(mm, addr, len);
		else if (!addr || !range_free(mm, addr, len))
			addr = unmapped_area_topdown(mm, len);
		return addr ? addr : (unsigned long)-ENOMEM;
	}
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (addr < min_addr && !capable(CAP_SYS_RAWIO))
		return -EPERM;			/* Linux's cap_mmap_addr */
	return addr;
}

static int mmap_min_addr_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "%lu\n", READ_ONCE(mmap_min_addr));
	return 0;
}

/* Setting it needs CAP_SYS_RAWIO (Linux's mmap_min_addr_handler); any value is taken. */
static ssize_t mmap_min_addr_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	unsigned long v;
	int ret;

	(void)f;
	(void)pos;
	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	ret = proc_write_ulong(ubuf, n, &v);
	if (ret >= 0)
		WRITE_ONCE(mmap_min_addr, v);
	return ret;
}

static int __init mmap_min_addr_init(void)
{
	proc_create_rw("sys/vm/mmap_min_addr", 0644, mmap_min_addr_show, mmap_min_addr_write, NULL);
	return 0;
}
device_initcall(mmap_min_addr_init);
