/*
 * kernel/tsc.c: the nanosecond clock, from the TSC calibrated against the PIT.
 *
 * As Linux's quick_pit_calibrate(): PIT channel 2 counts down at 1.193182
 * MHz; its count is read twice, 10 ms apart, each read bracketed by two
 * rdtsc, and the TSC cycles between the reads give the rate.  Conversion
 * uses a 32.32 fixed-point multiplier so a read is one rdtsc and one
 * multiply.
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <vdso/datapage.h>

#define PIT_TICK_RATE	1193182UL
#define CAL_MS		10	/* one measurement's length */
#define CAL_TRIES	10
#define CAL_MAX_ERR_PPM	200	/* brackets this narrow end the tries */

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

/*
 * Channel 2's count, latched, and the TSC just before and just after:
 * the moment of the latch lies between the two.  Returns the bracket's
 * width; the TSC at the latch is taken as its middle.
 */
static u64 pit_read_ch2(u16 *count, u64 *tsc)
{
	u64 before, after;
	u8 lo, hi;

	before = rdtsc();
	outb(0x80, 0x43);			/* latch channel 2 */
	lo = inb(0x42);
	hi = inb(0x42);
	after = rdtsc();
	*count = lo | (hi << 8);
	*tsc = before + (after - before) / 2;
	return after - before;
}

/*
 * One measurement: channel 2 counts down from 0xffff (mode 0) while the
 * TSC runs; the counts read at the start and after CAL_MS, each with
 * the TSC bracketing the read, give the rate.  Time the CPU loses between
 * the two reads (QEMU's thread descheduled by a busy host) costs nothing,
 * since both clocks run on meanwhile; time lost within a read shows as a
 * wide bracket, which the caller weighs.  Returns kHz and *err, the two
 * brackets' share of the interval in parts per million; 0 if the counter
 * went past zero (a pause longer than its 55 ms).
 */
static unsigned long pit_calibrate_once(u64 *err)
{
	u16 c0, c1, ticks = PIT_TICK_RATE / (1000 / CAL_MS);
	u64 t0, t1, e0, e1;

	outb((inb(0x61) & ~0x02) | 0x01, 0x61);	/* gate high, speaker off */
	outb(0xb0, 0x43);			/* channel 2, lobyte/hibyte, mode 0 */
	outb(0xff, 0x42);
	outb(0xff, 0x42);
	e0 = pit_read_ch2(&c0, &t0);
	do
		e1 = pit_read_ch2(&c1, &t1);
	while ((u16)(c0 - c1) < ticks);
	if ((inb(0x61) & 0x20) || t1 <= t0)	/* OUT2 high: the count went past zero */
		return 0;
	*err = (e0 + e1) * 1000000 / (t1 - t0);
	return (t1 - t0) * PIT_TICK_RATE / (u16)(c0 - c1) / 1000;
}

/*
 * The TSC's rate, against the PIT (Linux's quick_pit_calibrate, whose
 * reads are bracketed the same way).  A read the host interrupted is
 * seen and the measurement made again, up to CAL_TRIES times; the one
 * with the narrowest brackets counts.  The old way, timing the wait for
 * the PIT's terminal count, took any pause of QEMU's thread at its end
 * for TSC cycles: under a loaded host it read up to 27 times the TSC's
 * true rate, and every wall-clock figure of that boot was as much too
 * small.
 */
static unsigned long pit_calibrate_tsc(void)
{
	unsigned long khz, best = 0;
	u64 err, best_err = ~0ULL;
	int i;

	for (i = 0; i < CAL_TRIES && best_err > CAL_MAX_ERR_PPM; i++) {
		khz = pit_calibrate_once(&err);
		if (khz && err < best_err) {
			best = khz;
			best_err = err;
		}
	}
	return best;
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
