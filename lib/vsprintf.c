/*
 * lib/vsprintf.c: the kernel's printf formatting.
 *
 * C99 conversions (d i u o x X c s p %) with flags, width, precision and
 * the hh/h/l/ll/z/t length modifiers, plus Linux's pointer extensions
 * %pS / %ps (symbol+offset/size, from kallsyms), %pB (the same for a
 * return address), %px (raw pointer) and %pGg (a gfp_t's flag names, given its
 * address, as "GFP_KERNEL|__GFP_ZERO").  A %s whose pointer cannot be read
 * prints "(efault)", as Linux's does, instead of faulting.
 * The output is always NUL-terminated and the return value is the length
 * that would have been written, as C's vsnprintf.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/kallsyms.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <asm/page.h>

#define ZEROPAD	1
#define SIGN	2
#define PLUS	4
#define SPACE	8
#define LEFT	16
#define SPECIAL	32
#define UPPER	64

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	int flags, width, precision;
	unsigned int base;
};

static void number(struct out *o, unsigned long long v, bool neg, struct spec *s)
{
	const char *digits = (s->flags & UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0, zeros, width = s->width;

	if (neg)
		sign = '-';
	else if (s->flags & PLUS)
		sign = '+';
	else if (s->flags & SPACE)
		sign = ' ';
	if (s->flags & SPECIAL) {		/* Linux prints 0x even for zero */
		if (s->base == 16)
			prefix = (s->flags & UPPER) ? "0X" : "0x";
		else if (s->base == 8 && v)
			prefix = "0";
	}
	do {
		tmp[n++] = digits[v % s->base];
		v /= s->base;
	} while (v);
	if (s->precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	zeros = s->precision > n ? s->precision - n : 0;
	width -= n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
	if ((s->flags & ZEROPAD) && !(s->flags & LEFT) && s->precision < 0) {
		zeros += width > 0 ? width : 0;
		width = 0;
	}
	if (!(s->flags & LEFT))
		pad(o, ' ', width);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->flags & LEFT)
		pad(o, ' ', width);
}

/*
 * strnlen that stops, instead of faulting, where the memory stops being
 * readable: a panic printing a freed object's name (0x6b6b...) must still
 * print.  Each page is probed once, the bytes in it are read directly.
 */
static size_t strnlen_nofault(const char *str, size_t max)
{
	size_t n = 0;
	char c;

	for (; n < max; n++) {
		if ((n == 0 || !((unsigned long)(str + n) & (PAGE_SIZE - 1))) &&
		    copy_from_kernel_nofault(&c, str + n, 1))
			break;
		if (!str[n])
			break;
	}
	return n;
}

/* As Linux's check_pointer_msg, and also for any pointer that cannot be read. */
static const char *check_pointer_msg(const char *str)
{
	char c;

	if (!str)
		return "(null)";
	if ((unsigned long)str < PAGE_SIZE || IS_ERR_VALUE(str) ||
	    copy_from_kernel_nofault(&c, str, 1))
		return "(efault)";
	return NULL;
}

static void string(struct out *o, const char *str, struct spec *s)
{
	const char *msg = check_pointer_msg(str);
	int len, i;

	if (msg)
		str = msg;
	len = strnlen_nofault(str, s->precision < 0 ? (size_t)-1 : (size_t)s->precision);
	if (!(s->flags & LEFT))
		pad(o, ' ', s->width - len);
	for (i = 0; i < len; i++)
		put(o, str[i]);
	if (s->flags & LEFT)
		pad(o, ' ', s->width - len);
}

static void puts_out(struct out *o, const char *str)
{
	while (*str)
		put(o, *str++);
}

/* The names of the bits of @flags, "|"-separated, what no name covers in hex (flags_string). */
static void flags_string(struct out *o, unsigned long flags, const struct trace_print_flags *names)
{
	struct spec hex = { .flags = SPECIAL, .width = -1, .precision = -1, .base = 16 };
	const char *sep = "";

	if (!flags) {
		puts_out(o, "none");
		return;
	}
	for (; flags && names->name; names++) {
		if ((flags & names->mask) != names->mask)
			continue;
		flags &= ~names->mask;
		puts_out(o, sep);
		puts_out(o, names->name);
		sep = "|";
	}
	if (flags) {
		puts_out(o, sep);
		number(o, flags, false, &hex);
	}
}

static const char *pointer(struct out *o, const char *fmt, void *p, struct spec *s)
{
	char sym[KSYM_NAME_LEN + 40];

	if (fmt[0] == 'G' && fmt[1] == 'g') {
		flags_string(o, *(gfp_t *)p, gfpflag_names);
		return fmt + 2;
	}

	if (*fmt == 'S' || *fmt == 's') {
		sprint_symbol(sym, sizeof(sym), (unsigned long)p, *fmt == 'S');
		string(o, sym, s);
		return fmt + 1;
	}
	if (*fmt == 'B') {			/* a return address: look up the call itself */
		sprint_backtrace(sym, sizeof(sym), (unsigned long)p);
		string(o, sym, s);
		return fmt + 1;
	}
	if (*fmt == 'x')
		fmt++;
	s->base = 16;
	s->flags |= ZEROPAD;
	if (s->width < 0)
		s->width = 16;
	number(o, (unsigned long)p, false, s);
	return fmt;
}

static const char *parse_flags(const char *fmt, struct spec *s)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': s->flags |= LEFT; break;
		case '+': s->flags |= PLUS; break;
		case ' ': s->flags |= SPACE; break;
		case '#': s->flags |= SPECIAL; break;
		case '0': s->flags |= ZEROPAD; break;
		default: return fmt;
		}
	}
}

/* A width or precision: digits or '*'; *v is left alone (-1, "none") if absent. */
static const char *parse_int(const char *fmt, int *v, va_list *ap)
{
	if (*fmt == '*') {
		*v = va_arg(*ap, int);
		return fmt + 1;
	}
	if (isdigit(*fmt))
		*v = 0;
	while (isdigit(*fmt))
		*v = *v * 10 + (*fmt++ - '0');
	return fmt;
}

/*
 * Reads the argument for an integer conversion with length @qual: 'H' hh,
 * 'h', 0 (int), 'l', 'L' ll.  Narrow types are read as int (C's default
 * promotions) and cut back to their width.
 */
static unsigned long long int_arg(int qual, bool is_signed, va_list *ap, bool *neg)
{
	long long sv;

	*neg = false;
	if (!is_signed) {
		if (qual == 'L')
			return va_arg(*ap, unsigned long long);
		if (qual == 'l')
			return va_arg(*ap, unsigned long);
		if (qual == 'h')
			return (unsigned short)va_arg(*ap, unsigned int);
		if (qual == 'H')
			return (unsigned char)va_arg(*ap, unsigned int);
		return va_arg(*ap, unsigned int);
	}
	if (qual == 'L')
		sv = va_arg(*ap, long long);
	else if (qual == 'l')
		sv = va_arg(*ap, long);
	else if (qual == 'h')
		sv = (short)va_arg(*ap, int);
	else if (qual == 'H')
		sv = (signed char)va_arg(*ap, int);
	else
		sv = va_arg(*ap, int);
	if (sv < 0) {
		*neg = true;
		return -(unsigned long long)sv;
	}
	return sv;
}

static const char *parse_qualifier(const char *fmt, int *qual)
{
	*qual = 0;
	if (*fmt == 'h') {
		*qual = fmt[1] == 'h' ? (fmt++, 'H') : 'h';
		fmt++;
	} else if (*fmt == 'l') {
		*qual = fmt[1] == 'l' ? (fmt++, 'L') : 'l';
		fmt++;
	} else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') {
		*qual = 'l';
		fmt++;
	}
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	va_list ap;
	int qual;
	bool neg;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		struct spec s = { 0, -1, -1, 10 };
		unsigned long long v;
		char c;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_flags(fmt + 1, &s);
		if (*fmt == '*') {
			s.width = va_arg(ap, int);
			fmt++;
			if (s.width < 0) {	/* "%*d" with a negative width left-justifies */
				s.flags |= LEFT;
				s.width = -s.width;
			}
		} else {
			fmt = parse_int(fmt, &s.width, &ap);
		}
		if (*fmt == '.') {
			s.precision = 0;		/* "%.d" means precision 0 */
			fmt = parse_int(fmt + 1, &s.precision, &ap);
		}
		fmt = parse_qualifier(fmt, &qual);
		switch ((c = *fmt)) {
		case 'c':
			pad(&o, ' ', (s.flags & LEFT) ? 0 : s.width - 1);
			put(&o, (char)va_arg(ap, int));
			pad(&o, ' ', (s.flags & LEFT) ? s.width - 1 : 0);
			break;
		case 's':
			string(&o, va_arg(ap, const char *), &s);
			break;
		case 'p':
			fmt = pointer(&o, fmt + 1, va_arg(ap, void *), &s) - 1;
			break;
		case '%':
			put(&o, '%');
			break;
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			s.base = c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10;
			if (c == 'X')
				s.flags |= UPPER;
			v = int_arg(qual, c == 'd' || c == 'i', &ap, &neg);
			number(&o, v, neg, &s);
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, c);
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Like snprintf, but returns what was actually written (Linux's scnprintf). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (size_t)n < size ? n : (int)size - 1;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}
