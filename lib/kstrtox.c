/* lib/kstrtox.c: string to integer conversion with Linux's kstrto* rules. */
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/kernel.h>

static unsigned int guess_base(const char **s, unsigned int base)
{
	const char *p = *s;

	if (base == 0) {
		if (p[0] == '0' && tolower(p[1]) == 'x' && isxdigit(p[2]))
			base = 16;
		else if (p[0] == '0')
			base = 8;
		else
			base = 10;
	}
	if (base == 16 && p[0] == '0' && tolower(p[1]) == 'x')
		*s = p + 2;
	return base;
}

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return 99;
}

/* Parses digits; returns the number consumed, or -ERANGE on overflow. */
static int parse_ull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	int n = 0, d;

	for (; (d = digit_value(s[n])) < (int)base; n++) {
		if (v > (ULLONG_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*res = v;
	return n;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int n;

	if (*s == '+')
		s++;
	base = guess_base(&s, base);
	n = parse_ull(s, base, &v);
	if (n < 0)
		return n;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int neg = (*s == '-'), err;

	err = kstrtoul(s + neg, base, &v);
	if (err)
		return err;
	if (neg ? v > (unsigned long)LONG_MAX + 1 : v > (unsigned long)LONG_MAX)
		return -ERANGE;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long v;
	int err = kstrtoul(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long v;
	int err = kstrtol(s, base, &v);

	if (err)
		return err;
	if (v > INT_MAX || v < INT_MIN)
		return -ERANGE;
	*res = v;
	return 0;
}

/* "1", "y", "on" are true; "0", "n", "off" false (Linux's kstrtobool: the first letters decide). */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (tolower(s[0])) {
	case 'y': case '1':
		*res = true;
		return 0;
	case 'n': case '0':
		*res = false;
		return 0;
	case 'o':
		if (tolower(s[1]) == 'n' || tolower(s[1]) == 'f') {
			*res = tolower(s[1]) == 'n';
			return 0;
		}
	}
	return -EINVAL;
}

/* Lenient: stops at the first non-digit and tells where (deprecated in Linux, handy for parsers). */
unsigned long simple_strtoul(const char *s, char **end, unsigned int base)
{
	unsigned long long v = 0;
	int n;

	base = guess_base(&s, base);
	n = parse_ull(s, base, &v);
	if (n < 0)
		n = 0;
	if (end)
		*end = (char *)s + n;
	return v;
}
