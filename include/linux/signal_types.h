/* include/linux/signal_types.h: signal sets and queues (the types only). */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H

#include <linux/types.h>
#include <linux/list.h>

#define _NSIG		64

typedef struct {
	unsigned long sig[1];		/* bit (n - 1) for signal n */
} sigset_t;

/* Signals waiting for delivery, with their siginfo. */
struct sigpending {
	struct list_head list;		/* of struct sigqueue */
	sigset_t signal;
};

#endif
