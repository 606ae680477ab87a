/*
 * include/linux/uio.h: a source of bytes for a write, in user or kernel
 * memory (Linux's struct iov_iter, with one segment).
 *
 * A file's ->write_iter copies from the iterator with copy_from_iter, so
 * the same code takes a user buffer (write(2)) and a kernel one
 * (sendfile's pages), as Linux's ITER_UBUF and ITER_KVEC.
 */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct iov_iter {
	bool kernel;			/* @base is kernel memory */
	const char *base;		/* the bytes not taken yet */
	size_t count;			/* how many */
};

static inline void iov_iter_ubuf(struct iov_iter *i, const char *ubuf, size_t n)
{
	*i = (struct iov_iter){ false, ubuf, n };
}

static inline void iov_iter_kvec(struct iov_iter *i, const void *kbuf, size_t n)
{
	*i = (struct iov_iter){ true, kbuf, n };
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Takes up to @bytes into @to; returns how many (fewer at a fault in user memory). */
static inline size_t copy_from_iter(void *to, size_t bytes, struct iov_iter *i)
{
	size_t n = min(bytes, i->count);

	if (i->kernel)
		memcpy(to, i->base, n);
	else
		n -= copy_from_user(to, i->base, n);
	i->base += n;
	i->count -= n;
	return n;
}

/* Offers no more than @count bytes (a limit cut the write short). */
static inline void iov_iter_truncate(struct iov_iter *i, size_t count)
{
	if (i->count > count)
		i->count = count;
}

/* Skips @bytes (a sink that takes everything). */
static inline void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	i->base += bytes;
	i->count -= bytes;
}

#endif
