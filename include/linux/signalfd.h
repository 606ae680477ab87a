/*
 * include/linux/signalfd.h: what signal sending tells signalfd
 * (fs/signalfd.c): a signal queued for a task wakes the readers and
 * pollers of its process's signalfds, which then look at its pending
 * sets; a sighand freed unhooks the epoll sets still watching.
 */
#ifndef _LINUX_SIGNALFD_H
#define _LINUX_SIGNALFD_H

#include <linux/signal.h>
#include <linux/poll.h>

/* @sig is being queued for @tsk, siglock held. */
static inline void signalfd_notify(struct task_struct *tsk, int sig)
{
	(void)sig;
	if (waitqueue_active(&tsk->sighand->signalfd_wqh))
		wake_up(&tsk->sighand->signalfd_wqh);
}

/* @sighand is about to be freed. */
static inline void signalfd_cleanup(struct sighand_struct *sighand)
{
	wake_up_pollfree(&sighand->signalfd_wqh);
}

#endif
