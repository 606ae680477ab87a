/*
 * kernel/locking/lockdep_enable.c: turning the lock validator on and off.
 *
 * Its tables come from the page allocator the first time it is turned on,
 * so a kernel booted without "lockdep" spends no memory on them.  Each
 * hook is an instruction its path runs anyway (include/linux/lockdep.h);
 * turning the validator on rewrites every one into a jump to its
 * trampoline, and off puts the instruction back (Linux patches its static
 * keys the same way, with text_poke_bp).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/stop_machine.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include "lockdep_internals.h"

static bool lockdep_requested;	/* "lockdep" on the command line */

static int __init lockdep_setup(char *s)
{
	return kstrtobool(s ? s : "1", &lockdep_requested);
}
early_param("lockdep", lockdep_setup);

static void *alloc_table(size_t size)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(size));

	return page ? page_address(page) : NULL;
}

/* A hook's instruction (include/linux/lockdep.h) and its trampoline. */
struct lockdep_fused_site {
	unsigned long code, on;
};
extern const struct lockdep_fused_site __start_lockdep_fused[], __stop_lockdep_fused[];

/* The 5 bytes each site's jump overwrote, by site: what lockdep_disable puts back. */
static u8 (*fused_saved)[5];

static void patch_jump(unsigned long code, unsigned long to)
{
	s32 rel = (s32)(to - (code + 5));
	u8 jmp[5] = { 0xe9 };

	memcpy(&jmp[1], &rel, 4);
	memcpy(__va(__pa((void *)code)), jmp, 5);
}

/*
 * Rewrites every hook's instruction into a jump to its trampoline, or back,
 * through the writable direct-map alias of the text.
 * Interrupts are off, so no site runs half-written here; cpuid then
 * serializes, as after any code change.  Other CPUs may be running the
 * very instructions rewritten: lockdep_patch_sites_stopped runs this
 * under stop_machine, every other CPU spinning with interrupts off
 * outside any site and serializing before it goes back (Linux patches
 * its static keys with text_poke_bp instead, without stopping anyone).
 */
static void lockdep_patch_sites(bool on)
{
	const struct lockdep_fused_site *f;
	unsigned long flags;
	u32 eax = 0, ebx, ecx = 0, edx;

	local_irq_save(flags);
	for (f = __start_lockdep_fused; f < __stop_lockdep_fused; f++) {
		u8 *saved = fused_saved[f - __start_lockdep_fused];

		if (on) {
			memcpy(saved, (void *)f->code, 5);
			patch_jump(f->code, f->on);
		} else {
			memcpy(__va(__pa((void *)f->code)), saved, 5);
		}
	}
	__asm__ __volatile__("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx) :: "memory");
	local_irq_restore(flags);
}

/* From stop_machine: the other CPUs spin, interrupts off.  @on: to the trampolines. */
static int lockdep_patch_sites_stopped(void *on)
{
	lockdep_patch_sites(on != NULL);
	return 0;
}

/*
 * Turns the validator on: its tables are allocated the first time, so a
 * kernel booted without "lockdep" spends no memory on them.  Locks held
 * meanwhile are not on any held-lock stack: their release is ignored.
 * 0, or -ENOMEM (and it stays off).
 */
int lockdep_enable(void)
{
	if (!lock_classes)
		lock_classes = alloc_table(MAX_LOCKDEP_KEYS * sizeof(struct lock_class));
	if (!list_entries)
		list_entries = alloc_table(MAX_LOCKDEP_ENTRIES * sizeof(struct lock_list));
	if (!fused_saved)
		fused_saved = alloc_table((__stop_lockdep_fused - __start_lockdep_fused) * 5);
	if (!lock_classes || !list_entries || !fused_saved)
		return -ENOMEM;
	if (!prove_locking)
		stop_machine(lockdep_patch_sites_stopped, (void *)1);
	WRITE_ONCE(prove_locking, true);
	return 0;
}

/* Turns it off again (a test that turned it on); the tables stay for next time. */
void lockdep_disable(void)
{
	if (prove_locking)
		stop_machine(lockdep_patch_sites_stopped, NULL);
	WRITE_ONCE(prove_locking, false);
}

/* From start_kernel, the page allocator being up: "lockdep" turns it on. */
void __init lockdep_init(void)
{
	if (lockdep_requested && lockdep_enable())
		pr_warn("lockdep: no memory for its tables: the lock validator stays off\n");
}

