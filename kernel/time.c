/*
 * kernel/time.c: the periodic tick (PIT channel 0 at HZ) and the clocks.
 *
 * Every tick advances jiffies, is charged to the task it interrupted (as
 * user or system time, by the mode it found), and lets the scheduler and
 * the timers do their work.  CLOCK_MONOTONIC is the TSC clock;
 * CLOCK_REALTIME adds the wall-clock time read from the CMOS RTC at boot.
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/init.h>
#include <linux/seqlock.h>
#include <asm/io.h>
#include <asm/traps.h>

#define PIT_TICK_RATE	1193182UL

volatile unsigned long jiffies;
static u64 boot_realtime_ns;	/* CMOS time at boot, minus the clock then */
static u64 tick_mono_ns;	/* CLOCK_MONOTONIC at the last tick (Linux's tk->xtime) */
/*
 * Written around both tick_mono_ns and the vDSO's data page (Linux's
 * tk_core.seq): a coarse read by system call that sees the new tick
 * comes after the page has it too, and one that comes while the page is
 * being changed waits, so a vDSO read between two system call reads lies
 * between them on any CPU.  With the two written one after the other
 * and read separately, a reader on another CPU could see the new tick
 * by system call and the old one in the page (1 in 1,000 at SMP=2).
 */
static seqcount_t timekeeper_seq = SEQCNT_ZERO(timekeeper_seq);

u64 ktime_get_ns(void)
{
	return local_clock();
}

u64 ktime_get_real_ns(void)
{
	return boot_realtime_ns + local_clock();
}

/* CLOCK_REALTIME at CLOCK_MONOTONIC time @mono (Linux's ktime_mono_to_real); 0: the offset. */
s64 ktime_mono_to_real(s64 mono)
{
	return boot_realtime_ns + mono;
}

/* TAI is UTC plus the leap seconds adjtimex(ADJ_TAI) sets; nothing sets them here. */
u64 ktime_get_clocktai_ns(void)
{
	return ktime_get_real_ns();
}

/* The coarse clocks: the last tick's time, as Linux's ktime_get_coarse*. */
u64 ktime_get_coarse_ns(void)
{
	unsigned int seq;
	u64 ns;

	do {
		seq = read_seqcount_begin(&timekeeper_seq);
		ns = READ_ONCE(tick_mono_ns);
	} while (read_seqcount_retry(&timekeeper_seq, seq));
	return ns;
}

u64 ktime_get_coarse_real_ns(void)
{
	return boot_realtime_ns + ktime_get_coarse_ns();
}

/*
 * The tick's time keeping (Linux's update_wall_time): the coarse clocks
 * move on, and the vDSO's data page with them.
 */
void update_wall_time(void)
{
	u64 now = local_clock();

	write_seqcount_begin(&timekeeper_seq);	/* only the boot CPU's tick writes */
	WRITE_ONCE(tick_mono_ns, now);
	update_vsyscall(now, tsc_mult, boot_realtime_ns);
	write_seqcount_end(&timekeeper_seq);
}

static unsigned int cmos_read(u8 reg)
{
	outb(reg, 0x70);
	return inb(0x71);
}

static unsigned int bcd(unsigned int v, bool binary)
{
	return binary ? v : (v & 15) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (the civil-from-days algorithm, inverted). */
static long days_from_civil(long y, unsigned int m, unsigned int d)
{
	long era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static u64 read_rtc_seconds(void)
{
	unsigned int s, min, h, d, mo, y;
	bool binary;

	while (cmos_read(0x0a) & 0x80)	/* update in progress */
		;
	binary = cmos_read(0x0b) & 0x04;
	s = bcd(cmos_read(0x00), binary);
	min = bcd(cmos_read(0x02), binary);
	h = bcd(cmos_read(0x04), binary);
	d = bcd(cmos_read(0x07), binary);
	mo = bcd(cmos_read(0x08), binary);
	y = bcd(cmos_read(0x09), binary) + 2000;
	return (u64)days_from_civil(y, mo, d) * 86400 + h * 3600 + min * 60 + s;
}

/* @regs are the interrupted context's: whether the tick found user mode. */
static void pit_interrupt(struct pt_regs *regs, int irq)
{
	(void)irq;
	timer_interrupt(regs);
}

void time_init(void)
{
	u32 latch = (PIT_TICK_RATE + HZ / 2) / HZ;

	tsc_init();
	boot_realtime_ns = read_rtc_seconds() * NSEC_PER_SEC - local_clock();
	outb(0x34, 0x43);		/* channel 0, lobyte/hibyte, rate generator */
	outb(latch & 0xff, 0x40);
	outb(latch >> 8, 0x40);
	update_wall_time();		/* the clocks before the first tick */
	request_irq(0, pit_interrupt, "timer");
}
