/*
 * include/linux/mqueue.h: POSIX message queues, the user ABI and limits.
 *
 * struct mq_attr is x86_64 Linux's; the limits are the defaults a new IPC
 * namespace starts with and the hard ceilings of its sysctls (C3).
 */
#ifndef _LINUX_MQUEUE_H
#define _LINUX_MQUEUE_H

#include <linux/types.h>

#define MQ_PRIO_MAX	32768
#define MQ_BYTES_MAX	819200		/* RLIMIT_MSGQUEUE's default */

#define DFLT_QUEUESMAX	256
#define MIN_MSGMAX	1
#define DFLT_MSG	10U
#define DFLT_MSGMAX	10
#define HARD_MSGMAX	65536
#define MIN_MSGSIZEMAX	128
#define DFLT_MSGSIZE	8192U
#define DFLT_MSGSIZEMAX	8192
#define HARD_MSGSIZEMAX	(16 * 1024 * 1024)
#define HARD_QUEUESMAX	1024

struct mq_attr {
	long mq_flags;		/* O_NONBLOCK or 0 */
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	long __reserved[4];
};

#endif
