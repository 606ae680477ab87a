/* lib/string.c: the freestanding memory and string functions the kernel needs. */
#include <linux/string.h>
#include <linux/slab.h>

/*
 * memset and memcpy move eight bytes a step, then the tail a byte at a
 * time: under QEMU's emulation each step of a rep instruction costs about
 * an instruction, so a page takes 512 steps rather than 4096.
 */
void *memset(void *s, int c, size_t n)
{
	unsigned long pattern = 0x0101010101010101UL * (unsigned char)c;
	size_t words = n >> 3, tail = n & 7;
	void *d = s;

	__asm__ __volatile__("rep stosq" : "+D"(d), "+c"(words) : "a"(pattern) : "memory");
	__asm__ __volatile__("rep stosb" : "+D"(d), "+c"(tail) : "a"(pattern) : "memory");
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	size_t words = n >> 3, tail = n & 7;
	void *d = dst;

	__asm__ __volatile__("rep movsq" : "+D"(d), "+S"(src), "+c"(words) :: "memory");
	__asm__ __volatile__("rep movsb" : "+D"(d), "+S"(src), "+c"(tail) :: "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/*
 * The first byte of [@s, @s + @n) that is not @c, or NULL (Linux's
 * memchr_inv).  Word at a time: the poison checks scan whole objects.
 */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned long word = 0x0101010101010101UL * (unsigned char)c;

	for (; n && ((unsigned long)p & 7); n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	for (; n >= 8 && *(const unsigned long *)p == word; n -= 8, p += 8)
		;
	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *h, const char *n)
{
	size_t ln = strlen(n);

	for (; *h; h++)
		if (!strncmp(h, n, ln))
			return (char *)h;
	return ln ? NULL : (char *)h;
}

/* Copy with truncation; returns strlen(src) so callers can detect it (BSD). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dl = strnlen(dst, size);

	if (dl == size)
		return dl + strlen(src);
	return dl + strlcpy(dst + dl, src, size - dl);
}

char *strsep(char **s, const char *delim)
{
	char *start = *s, *p;

	if (!start)
		return NULL;
	for (p = start; *p; p++) {
		if (strchr(delim, *p)) {
			*p = '\0';
			*s = p + 1;
			return start;
		}
	}
	*s = NULL;
	return start;
}

char *skip_spaces(const char *s)
{
	while (isspace(*s))
		s++;
	return (char *)s;
}

/* @s without its leading and trailing blanks, which are cut off in place (Linux's strim). */
char *strim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace(s[n - 1]))
		s[--n] = '\0';
	return skip_spaces(s);
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, gfp);

	if (d)
		memcpy(d, s, n);
	return d;
}

extern const char __start_rodata[], _erodata[];

static bool is_kernel_rodata(const void *p)
{
	return (const char *)p >= __start_rodata && (const char *)p < _erodata;
}

/*
 * kstrdup for strings that are usually constants (Linux's kstrdup_const):
 * a string in the kernel image's read-only data is returned as is, since
 * it can never change or go away; free the result with kfree_const.
 */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return is_kernel_rodata(s) ? s : kstrdup(s, gfp);
}

void kfree_const(const void *p)
{
	if (!is_kernel_rodata(p))
		kfree(p);
}

/* Shell-style glob with '*' and '?', as lib/glob.c (no character classes). */
bool glob_match(const char *pat, const char *str)
{
	const char *star_pat = NULL, *star_str = NULL;

	while (*str) {
		if (*pat == '*') {
			star_pat = ++pat;
			star_str = str;
		} else if (*pat == '?' || *pat == *str) {
			pat++;
			str++;
		} else if (star_pat) {
			pat = star_pat;
			str = ++star_str;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}
