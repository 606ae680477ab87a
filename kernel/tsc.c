/*
 * kernel/tsc.c: the nanosecond clock, from the TSC calibrated against the PIT.
 *
 * As Linux's pit_calibrate_tsc(): gate PIT channel 2 for a known number of
 * its 1.193182 MHz ticks and count TSC cycles meanwhile.  Conversion uses
 * a 32.32 fixed-point multiplier so a read is one rdtsc and one multiply.
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <vdso/datapage.h>

#define PIT_TICK_RATE	1193182UL
#define CAL_MS		10

unsigned long tsc_khz;
u64 boot_tsc_start_kernel;		/* rdtsc() at start_kernel's first line */
u64 tsc_mult;			/* ns per cycle, << 32: the vDSO's data page has it too */

/* The vDSO converts with the same function, so its clocks agree with the kernel's. */
u64 tsc_to_ns(u64 cycles)
{
	return vdso_cycles_to_ns(cycles, tsc_mult);
}

u64 local_clock(void)
{
	if (!tsc_mult)
		return 0;
	return tsc_to_ns(rdtsc());	/* QEMU resets the TSC to 0: time since power-on */
}

static unsigned long pit_calibrate_tsc(void)
{
	u32 latch = PIT_TICK_RATE / (1000 / CAL_MS);
	u64 t0, t1;

	outb((inb(0x61) & ~0x02) | 0x01, 0x61);	/* gate high, speaker off */
	outb(0xb0, 0x43);			/* channel 2, lobyte/hibyte, mode 0 */
	outb(latch & 0xff, 0x42);
	outb(latch >> 8, 0x42);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20))		/* OUT2 goes high at terminal count */
		;
	t1 = rdtsc();
	return (t1 - t0) / CAL_MS;
}

void tsc_init(void)
{
	tsc_khz = pit_calibrate_tsc();
	if (!tsc_khz)
		tsc_khz = 1000000;	/* a broken PIT: assume 1 GHz rather than divide by 0 */
	tsc_mult = (1000000ULL << 32) / tsc_khz;
	pr_info("tsc: Detected %lu.%03lu MHz processor\n", tsc_khz / 1000, tsc_khz % 1000);
	pr_info("start_kernel was entered %llu us after power-on\n",
		(unsigned long long)tsc_to_ns(boot_tsc_start_kernel) / 1000);
}
