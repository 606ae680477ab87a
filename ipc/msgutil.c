/*
 * ipc/msgutil.c: the initial IPC namespace, and messages in kernel memory.
 *
 * init_ipc_ns is initialised statically with only what the seed text
 * shows (count, user_ns, ns.inum, ns.ops); its limits and ids are set by
 * ipc_ns_init (pure), ipc_init (device) and init_mqueue_fs (device).
 *
 * A message of System V or POSIX queues is a struct msg_msg and its text:
 * the first piece shares a page with the header, the rest follows in a
 * chain of struct msg_msgseg pieces of at most a page each, so no
 * allocation is larger than a page (Linux's load_msg, store_msg).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <linux/msg.h>
#include "util.h"

struct ipc_namespace init_ipc_ns = {
	.count		= ATOMIC_INIT(1),
	.user_ns	= &init_user_ns,
	.ns.inum	= PROC_IPC_INIT_INO,
	.ns.ops		= &ipcns_operations,
};

atomic_t nr_ipc_ns = ATOMIC_INIT(1);

#define DATALEN_MSG	((size_t)PAGE_SIZE - sizeof(struct msg_msg))
#define DATALEN_SEG	((size_t)PAGE_SIZE - sizeof(struct msg_msgseg))

static struct msg_msg *alloc_msg(size_t len)
{
	struct msg_msgseg **pseg;
	struct msg_msg *msg;
	size_t alen = min(len, DATALEN_MSG);

	msg = kmalloc(sizeof(*msg) + alen, GFP_KERNEL);
	if (msg == NULL)
		return NULL;
	msg->next = NULL;
	len -= alen;
	pseg = &msg->next;
	while (len > 0) {
		struct msg_msgseg *seg;

		alen = min(len, DATALEN_SEG);
		seg = kmalloc(sizeof(*seg) + alen, GFP_KERNEL);
		if (seg == NULL) {
			free_msg(msg);
			return NULL;
		}
		*pseg = seg;
		seg->next = NULL;
		pseg = &seg->next;
		len -= alen;
	}
	return msg;
}

/* A new message holding @len bytes copied from user @src; ERR_PTR on failure. */
struct msg_msg *load_msg(const void *src, size_t len)
{
	struct msg_msg *msg = alloc_msg(len);
	struct msg_msgseg *seg;
	size_t alen;

	if (msg == NULL)
		return ERR_PTR(-ENOMEM);
	alen = min(len, DATALEN_MSG);
	if (copy_from_user(msg + 1, src, alen))
		goto out_err;
	for (seg = msg->next; seg != NULL; seg = seg->next) {
		len -= alen;
		src = (const char *)src + alen;
		alen = min(len, DATALEN_SEG);
		if (copy_from_user(seg + 1, src, alen))
			goto out_err;
	}
	return msg;

out_err:
	free_msg(msg);
	return ERR_PTR(-EFAULT);
}

/* Copies the first @len bytes of @msg's text to user @dest: 0 or -1. */
int store_msg(void *dest, struct msg_msg *msg, size_t len)
{
	size_t alen = min(len, DATALEN_MSG);
	struct msg_msgseg *seg;

	if (copy_to_user(dest, msg + 1, alen))
		return -1;
	for (seg = msg->next; seg != NULL; seg = seg->next) {
		len -= alen;
		dest = (char *)dest + alen;
		alen = min(len, DATALEN_SEG);
		if (copy_to_user(dest, seg + 1, alen))
			return -1;
	}
	return 0;
}

void free_msg(struct msg_msg *msg)
{
	struct msg_msgseg *seg = msg->next;

	kfree(msg);
	while (seg != NULL) {
		struct msg_msgseg *tmp = seg->next;

		kfree(seg);
		seg = tmp;
	}
}

/* MSG_COPY: @src's text into @dst, allocated as large as the user's buffer. */
struct msg_msg *copy_msg(struct msg_msg *src, struct msg_msg *dst)
{
	struct msg_msgseg *dst_pseg, *src_pseg;
	size_t len = src->m_ts, alen;

	if (src->m_ts > dst->m_ts)
		return ERR_PTR(-EINVAL);
	alen = min(len, DATALEN_MSG);
	memcpy(dst + 1, src + 1, alen);
	for (dst_pseg = dst->next, src_pseg = src->next; src_pseg != NULL;
	     dst_pseg = dst_pseg->next, src_pseg = src_pseg->next) {
		len -= alen;
		alen = min(len, DATALEN_SEG);
		memcpy(dst_pseg + 1, src_pseg + 1, alen);
	}
	dst->m_type = src->m_type;
	dst->m_ts = src->m_ts;
	return dst;
}
