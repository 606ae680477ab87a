/*
 * kernel/tsc.c: the nanosecond clock, from the TSC calibrated against the PIT.
 *
 * As Linux's quick_pit_calibrate(): PIT channel 2 counts down at 1.193182
 * MHz; the TSC is read around the moments its count changes, and the
 * measurement lasts until those moments are known well enough (Linux's
 * bound, 1/2048 of the interval: 488 ppm), at most 50 ms.  Conversion
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
#define CAL_MAX_MS	50	/* one measurement's longest (the count lasts 55 ms) */
#define CAL_MAX_TICKS	(PIT_TICK_RATE * CAL_MAX_MS / 1000)
#define CAL_TRIES	5	/* the first four may give up early; the last measures */
/*
 * A measurement ends when its two brackets add up to less than the
 * interval >> CAL_ERR_SHIFT: Linux's quick_pit_calibrate() bound (1/2048,
 * 488 ppm).  At 100 ppm a TCG boot, whose PIT reads take a few hundred
 * ns of host time, measured for 14 ms instead of 3.
 */
#define CAL_ERR_SHIFT	11

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
 * the latch happened between *before and *after.
 */
static u16 pit_read_ch2(u64 *before, u64 *after)
{
	u8 lo, hi;

	*before = rdtsc();
	outb(0x80, 0x43);			/* latch channel 2 */
	lo = inb(0x42);
	hi = inb(0x42);
	*after = rdtsc();
	return lo | (hi << 8);
}

/*
 * The next edge of the count, as Linux's pit_expect_msb() waits for one:
 * reads until the count changes.  It took the value returned between the
 * previous read's latch and this one's, so *tsc (the middle of [previous
 * read's before, this read's after]) is when it did, give or take *err/2:
 * the PIT's 838 ns quantum is inside the bracket, not an error unseen.
 * Returns 0 if the count reached zero (QEMU paused longer than the
 * counter's 55 ms; in mode 0 OUT2 stays high from then on).
 */
static u16 pit_next_edge(u64 *tsc, u64 *err)
{
	u64 prev_before, before, after;
	u16 prev, c;

	prev = pit_read_ch2(&prev_before, &after);
	while ((c = pit_read_ch2(&before, &after)) >= prev) {
		prev = c;		/* the same, or the count (re)loaded */
		prev_before = before;
	}
	if (inb(0x61) & 0x20)		/* OUT2 high: the count reached zero */
		return 0;
	*tsc = prev_before + (after - prev_before) / 2;
	*err = after - prev_before;
	return c;
}

/* Whether brackets adding up to @err cycles measure @interval cycles well enough. */
static bool cal_precise(u64 err, u64 interval)
{
	return err < interval >> CAL_ERR_SHIFT;
}

/* A measurement under way: the TSC at its first edge, that edge's bracket, the count then. */
struct pit_cal {
	u64 t0, e0;
	u16 c0;
};

/*
 * Starts a measurement: channel 2 counts down from 0xffff (mode 0) while
 * the TSC runs, and @m gets the first edge of the count.  False if the
 * count went past zero first.
 */
static bool pit_cal_begin(struct pit_cal *m)
{
	outb((inb(0x61) & ~0x02) | 0x01, 0x61);	/* gate high, speaker off */
	outb(0xb0, 0x43);			/* channel 2, lobyte/hibyte, mode 0 */
	outb(0xff, 0x42);
	outb(0xff, 0x42);
	m->c0 = pit_next_edge(&m->t0, &m->e0);
	return m->c0 != 0;
}

/*
 * Ends the measurement @m, as Linux's quick_pit_calibrate(): the TSC at
 * each later edge gives the rate, and the measurement ends at the first
 * edge where the two edges' brackets are precise enough (cal_precise), or
 * CAL_MAX_MS after the first edge.  So a boot whose reads are quick (a
 * few instructions under -icount) needs well under a millisecond, and one
 * on a loaded host (reads of a few microseconds, some interrupted) waits
 * as long as its accuracy needs.  As in Linux, a first edge whose bracket
 * is too wide for the bound to be met within CAL_MAX_MS (the host
 * interrupted that read) ends the measurement at the next edge, rather
 * than after 50 ms, unless @last (a rate known roughly beats none).  Time
 * the CPU loses between edges (QEMU's thread descheduled, or the boot's
 * own work: see tsc_early_calibrate) costs nothing, since both clocks run
 * on meanwhile.  Returns kHz, *err (the brackets, cycles) and *interval
 * (cycles); 0 if the count went past zero or the first edge was hopeless.
 */
static unsigned long pit_cal_end(struct pit_cal *m, u64 *err, u64 *interval, bool last)
{
	u64 t, e;
	u16 c = pit_next_edge(&t, &e);

	if (!c || t <= m->t0)
		return 0;
	if (!last && !cal_precise(m->e0 + e, (t - m->t0) * CAL_MAX_TICKS / (m->c0 - c)))
		return 0;
	while (!cal_precise(m->e0 + e, t - m->t0) && (unsigned long)(m->c0 - c) < CAL_MAX_TICKS) {
		c = pit_next_edge(&t, &e);
		if (!c || t <= m->t0)
			return 0;
	}
	*err = m->e0 + e;
	*interval = t - m->t0;
	return (t - m->t0) * PIT_TICK_RATE / (m->c0 - c) / 1000;
}

/*
 * The measurement start_kernel begins before setup_arch; tsc_init ends it.
 * Linux measures all of it in tsc_init, waiting; begun early, the set-up
 * between (memory, page tables, traps: 5 to 25 ms of a TCG boot) is time
 * measured rather than waited for, and tsc_init waits only for what the
 * bound still needs.  The PIT's count lasts 55 ms: a set-up longer than
 * that leaves nothing, and tsc_init measures from scratch.
 */
static struct pit_cal early_cal;

void tsc_early_calibrate(void)
{
	pit_cal_begin(&early_cal);	/* c0 stays 0 if it failed */
}

/* The better of two measurements: the smaller share of its interval in error. */
static void cal_keep_best(unsigned long khz, u64 err, u64 interval, unsigned long *best,
			  u64 *best_err, u64 *best_interval)
{
	/* err / interval < best_err / best_interval, without dividing */
	if (khz && err * *best_interval < *best_err * interval) {
		*best = khz;
		*best_err = err;
		*best_interval = interval;
	}
}

/*
 * The TSC's rate, against the PIT: the early measurement if it is precise
 * enough, else new ones.  A measurement whose first edge the host
 * interrupted cannot be precise within CAL_MAX_MS and is made again, up to
 * CAL_TRIES times (Linux falls back to a slower method instead); the one
 * whose brackets are the smallest share of its interval counts.  The old
 * way, timing the wait for the PIT's terminal count, took any pause of
 * QEMU's thread at its end for TSC cycles: under a loaded host it read up
 * to 27 times the TSC's true rate, and every wall-clock figure of that
 * boot was as much too small.
 */
static unsigned long pit_calibrate_tsc(void)
{
	unsigned long khz, best = 0;
	u64 err = 0, interval = 0, best_err = 1, best_interval = 0;
	struct pit_cal m;
	int i;

	if (early_cal.c0) {
		khz = pit_cal_end(&early_cal, &err, &interval, false);
		cal_keep_best(khz, err, interval, &best, &best_err, &best_interval);
	}
	for (i = 0; i < CAL_TRIES && !cal_precise(best_err, best_interval); i++) {
		khz = pit_cal_begin(&m) ? pit_cal_end(&m, &err, &interval, i == CAL_TRIES - 1) : 0;
		cal_keep_best(khz, err, interval, &best, &best_err, &best_interval);
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
