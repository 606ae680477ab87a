/* include/linux/completion.h: "wait until that is done", counted. */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;		/* completions not yet consumed; under wait.lock */
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(w) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((w).wait) }
#define DECLARE_COMPLETION(w)	struct completion w = COMPLETION_INITIALIZER(w)

void init_completion(struct completion *x);
void reinit_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
long wait_for_completion_timeout(struct completion *x, long timeout);
int wait_for_completion_interruptible(struct completion *x);
int wait_for_completion_killable(struct completion *x);

#endif
