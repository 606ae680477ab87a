/*
 * include/linux/msg.h: System V message queues, the user ABI and the
 * kernel's message.
 *
 * The structures are x86_64 Linux's (uapi/linux/msg.h, asm-generic/msgbuf.h).
 * A message in the kernel is a struct msg_msg followed by its text, chained
 * over further pieces when it is longer than a page, as Linux's.
 */
#ifndef _LINUX_MSG_H
#define _LINUX_MSG_H

#include <linux/ipc.h>
#include <linux/list.h>

/* msgrcv flags */
#define MSG_NOERROR	010000	/* truncate a message too long for the buffer */
#define MSG_EXCEPT	020000	/* any type but msgtyp */
#define MSG_COPY	040000	/* copy, do not remove (checkpoint/restore) */

/* msgctl commands */
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

/* defaults of a new namespace (C3) */
#define MSGMNI	32000	/* queues */
#define MSGMAX	8192	/* bytes in a message */
#define MSGMNB	16384	/* bytes in a queue */
#define MSGPOOL	(MSGMNI * MSGMNB / 1024)	/* "KiB of messages", as reported */
#define MSGTQL	MSGMNB
#define MSGMAP	MSGMNB
#define MSGSSZ	16
#define MSGSEG	0xffff

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	long msg_stime;
	long msg_rtime;
	long msg_ctime;
	unsigned long msg_cbytes;
	unsigned long msg_qnum;
	unsigned long msg_qbytes;
	int msg_lspid;
	int msg_lrpid;
	unsigned long __unused4, __unused5;
};

struct msginfo {
	int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	unsigned short msgseg;
};

/* The text beyond the first piece: a chain of pages. */
struct msg_msgseg {
	struct msg_msgseg *next;
	/* the next part of the message follows */
};

struct msg_msg {
	struct list_head m_list;	/* in the queue's q_messages */
	long m_type;
	size_t m_ts;			/* text size */
	struct msg_msgseg *next;
	/* the first part of the message follows */
};

/* ipc/msgutil.c */
struct msg_msg *load_msg(const void *src, size_t len);
int store_msg(void *dest, struct msg_msg *msg, size_t len);
void free_msg(struct msg_msg *msg);
struct msg_msg *copy_msg(struct msg_msg *src, struct msg_msg *dst);

#endif
