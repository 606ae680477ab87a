/*
 * include/linux/poll.h: poll(2) support.
 *
 * A file's poll method reports which events are ready now and, through
 * poll_wait(), adds the poller to the wait queues that will announce a
 * change; do_poll sleeps until one of them fires.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/wait.h>
#include <linux/fs.h>

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

#define POLL_TABLE_MAX	32

struct poll_table_entry {
	struct file *filp;		/* held while queued: its queue lives as long as it */
	wait_queue_head_t *wq;
	wait_queue_entry_t wait;
};

typedef struct poll_table_struct {
	bool want_queue;		/* false once we only want the answer */
	int nr;
	bool error;			/* ran out of entries */
	struct poll_table_entry entries[POLL_TABLE_MAX];
} poll_table;

void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *pt);

#endif
