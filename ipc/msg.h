/*
 * ipc/msg.h: what msg.c and msgop.c share inside ipc/.
 *
 * msg.c owns the queues (msgget, msgctl, removal, the namespace, /proc),
 * msgop.c the messages going through them (msgsnd, msgrcv) and the tasks
 * sleeping there.  Linux keeps both in ipc/msg.c; the structure and the
 * names are its own.  The user ABI and struct msg_msg are <linux/msg.h>.
 */
#ifndef _IPC_MSG_H
#define _IPC_MSG_H

#include <linux/msg.h>
#include "util.h"

struct msg_queue {
	struct kern_ipc_perm q_perm;
	long q_stime;			/* last msgsnd time */
	long q_rtime;			/* last msgrcv time */
	long q_ctime;			/* last change time */
	unsigned long q_cbytes;		/* bytes queued */
	unsigned long q_qnum;		/* messages queued */
	unsigned long q_qbytes;		/* at most this many bytes */
	struct pid *q_lspid;		/* last sender, with a reference */
	struct pid *q_lrpid;		/* last receiver, with a reference */
	struct list_head q_messages;
	struct list_head q_receivers;
	struct list_head q_senders;
};

static inline struct msg_queue *to_msq(struct kern_ipc_perm *ipcp)
{
	return container_of(ipcp, struct msg_queue, q_perm);
}

/* msg.c */
void msg_rcu_free(struct kern_ipc_perm *p);

/* msgop.c */
void ss_wakeup(struct msg_queue *msq, bool kill);
void expunge_all(struct msg_queue *msq, int res);

#endif
