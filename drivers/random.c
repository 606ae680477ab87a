/*
 * drivers/random.c: random numbers for getrandom(2), /dev/urandom and
 * AT_RANDOM.
 *
 * A xorshift128+ generator, reseeded from RDRAND when the CPU has it and
 * otherwise stirred with the TSC on every call.  Good enough to make
 * stack canaries and hash seeds differ between runs; not a CSPRNG, and
 * documented as such.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/processor.h>

static struct {
	u64 s[2];			/* the generator state; under random_lock */
	bool has_rdrand;
	bool seeded;
} rng;
static DEFINE_SPINLOCK(random_lock);

static bool rdrand64(u64 *v)
{
	unsigned char ok;

	__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static void seed(void)
{
	u32 a, b, c, d;
	u64 r;

	cpuid(1, 0, &a, &b, &c, &d);
	rng.has_rdrand = c & (1 << 30);
	rng.s[0] = rdtsc() ^ 0x9e3779b97f4a7c15ULL;
	rng.s[1] = rdtsc() * 0xbf58476d1ce4e5b9ULL + 1;
	if (rng.has_rdrand && rdrand64(&r))
		rng.s[0] ^= r;
	rng.seeded = true;
}

u64 get_random_u64(void)
{
	unsigned long flags;
	u64 x, y, r;

	spin_lock_irqsave(&random_lock, flags);
	if (!rng.seeded)
		seed();
	x = rng.s[0] ^ rdtsc();
	y = rng.s[1];
	rng.s[0] = y;
	x ^= x << 23;
	rng.s[1] = x ^ y ^ (x >> 17) ^ (y >> 26);
	r = rng.s[1] + y;
	spin_unlock_irqrestore(&random_lock, flags);
	return r;
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;
	u64 r;

	while (n) {
		size_t k = min(n, sizeof(r));

		r = get_random_u64();
		memcpy(p, &r, k);
		p += k;
		n -= k;
	}
}

ssize_t get_random_bytes_user(char *ubuf, size_t n)
{
	char buf[64];
	size_t done = 0, k;

	while (done < n) {
		k = min(n - done, sizeof(buf));
		get_random_bytes(buf, k);
		if (copy_to_user(ubuf + done, buf, k))
			return done ? (ssize_t)done : -EFAULT;
		done += k;
		if (signal_pending(current))
			break;
	}
	return done;
}

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

SYSCALL_DEFINE3(getrandom, char *, ubuf, size_t, len, unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > INT_MAX)
		len = INT_MAX;
	if (!len)
		return 0;
	return get_random_bytes_user(ubuf, len);
}
