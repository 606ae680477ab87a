/*
 * lib/ratelimit.c: ___ratelimit, Linux's rate limit of an event (most
 * often a log line): @burst events per @interval, the rest refused and
 * counted, and the count reported when the next interval begins:
 *
 *	show_signal_msg: 42 callbacks suppressed
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/time.h>
#include <asm/processor.h>

/*
 * Mirrors Linux's ___ratelimit: returns 1 if the event may go ahead, 0 if
 * it is over the limit.  A caller that finds the state busy (another CPU
 * or an interrupt inside it) is refused rather than made to wait, so it
 * is safe from any context.
 */
int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	unsigned long flags;
	int ret;

	if (!rs->interval)
		return 1;
	local_irq_save(flags);
	if (!spin_trylock(&rs->lock)) {
		local_irq_restore(flags);
		return 0;
	}
	if (!rs->begin)
		rs->begin = jiffies;
	if (time_after(jiffies, rs->begin + rs->interval)) {
		if (rs->missed)
			pr_warn("%s: %d callbacks suppressed\n", func, rs->missed);
		rs->begin = jiffies;
		rs->printed = 0;
		rs->missed = 0;
	}
	if (rs->burst && rs->burst > rs->printed) {
		rs->printed++;
		ret = 1;
	} else {
		rs->missed++;
		ret = 0;
	}
	spin_unlock(&rs->lock);
	local_irq_restore(flags);
	return ret;
}
