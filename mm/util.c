/*
 * mm/util.c: where a new program's address space puts things, and how
 * much of it is random (Linux's address-space layout randomization:
 * mm/util.c, arch/x86/mm/mmap.c, arch/x86/kernel/process.c).
 *
 * A program's memory has four moving parts: the stack below STACK_TOP,
 * the mmap area growing down from mm->mmap_base (shared libraries, the
 * dynamic loader, anonymous mappings), a PIE at ELF_ET_DYN_BASE, and the
 * heap after the program.  exec decides once whether the process
 * randomizes them (PF_RANDOMIZE): when kernel.randomize_va_space is not
 * 0 (the boot parameter norandmaps sets it to 0) and the process's
 * personality lacks ADDR_NO_RANDOMIZE (personality(2), setarch -R, gdb).
 * At 1 the stack, the mmap area and a PIE move; at 2, Linux's default,
 * the heap too.  The amounts are x86_64 Linux's: 28 bits of pages for
 * the mmap area and a PIE, 22 for the stack, 32 MiB for the heap.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/random.h>
#include <linux/init.h>
#include <linux/personality.h>
#include <linux/proc_fs.h>

int randomize_va_space = 2;		/* kernel.randomize_va_space: 0, 1 or 2 */

static int __init disable_randmaps(char *s)
{
	(void)s;
	randomize_va_space = 0;
	return 0;
}
__setup("norandmaps", disable_randmaps);

static const struct int_sysctl randomize_va_space_ctl = { &randomize_va_space, 0, 2 };

static int __init randomize_sysctl_init(void)
{
	proc_create_int("sys/kernel/randomize_va_space", 0644, &randomize_va_space_ctl);
	return 0;
}
device_initcall(randomize_sysctl_init);

#define MMAP_RND_BITS	28		/* CONFIG_ARCH_MMAP_RND_BITS on x86_64 */
#define STACK_RND_MASK	0x3fffffUL	/* 22 bits of pages: up to 16 GiB */
#define SIZE_128M	(128UL << 20)

/* Does exec randomize this process's layout (the test load_elf_binary makes)? */
bool exec_randomizes(void)
{
	return !(current->personality & ADDR_NO_RANDOMIZE) && READ_ONCE(randomize_va_space);
}

/* A random page-aligned offset of up to 2^28 pages: the mmap area's and a PIE's. */
unsigned long arch_mmap_rnd(void)
{
	return (get_random_u64() & ((1UL << MMAP_RND_BITS) - 1)) << PAGE_SHIFT;
}

/*
 * A random page in [start, start + range), @start rounded up to a page
 * (Linux's randomize_page); @start itself if the range holds no page.
 */
unsigned long randomize_page(unsigned long start, unsigned long range)
{
	if (start & ~PAGE_MASK) {
		range -= PAGE_ALIGN(start) - start;
		start = PAGE_ALIGN(start);
	}
	if (start > ULONG_MAX - range)
		range = ULONG_MAX - start;
	range >>= PAGE_SHIFT;
	if (range == 0)
		return start;
	return start + ((get_random_u64() % range) << PAGE_SHIFT);
}

/* The heap's start, up to 32 MiB past the program's end (x86's arch_randomize_brk). */
unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	return randomize_page(mm->brk, 0x02000000);
}

/* The top of the stack VMA, up to 16 GiB below @stack_top (Linux's randomize_stack_top). */
unsigned long randomize_stack_top(unsigned long stack_top)
{
	unsigned long random_variable = 0;

	if (current->flags & PF_RANDOMIZE)
		random_variable = (get_random_u64() & STACK_RND_MASK) << PAGE_SHIFT;
	return PAGE_ALIGN(stack_top) - random_variable;
}

/* The initial stack pointer, up to 8 KiB lower, 16-byte aligned (x86's arch_align_stack). */
unsigned long arch_align_stack(unsigned long sp)
{
	if (exec_randomizes())
		sp -= get_random_u64() % 8192;
	return sp & ~0xfUL;
}

/*
 * The top of the mmap area (x86's mmap_base): below the stack's
 * RLIMIT_STACK, its random offset and the guard gap, kept between 128 MiB
 * and 5/6 of the address space below TASK_SIZE, minus @rnd.
 */
static unsigned long mmap_base(unsigned long rnd, unsigned long stack_limit)
{
	unsigned long gap = stack_limit, pad = STACK_GUARD_GAP;

	if (current->flags & PF_RANDOMIZE)
		pad += STACK_RND_MASK << PAGE_SHIFT;
	if (gap + pad > gap)
		gap += pad;		/* values near RLIM_INFINITY would wrap */
	gap = clamp(gap, SIZE_128M, (TASK_SIZE / 6) * 5);
	return PAGE_ALIGN(TASK_SIZE - gap - rnd);
}

/*
 * Sets @mm's mmap_base for the program exec is loading (Linux's
 * arch_pick_mmap_layout, called from setup_new_exec).  Linux lays out
 * bottom-up for ADDR_COMPAT_LAYOUT or an unlimited stack; here the mmap
 * area always grows down.
 */
void arch_pick_mmap_layout(struct mm_struct *mm)
{
	unsigned long rnd = (current->flags & PF_RANDOMIZE) ? arch_mmap_rnd() : 0;

	mm->mmap_base = mmap_base(rnd, current->signal->rlim[RLIMIT_STACK].rlim_cur);
}
