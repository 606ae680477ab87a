/*
 * include/linux/pidfd.h: process file descriptors (kernel/pidfd.c).
 *
 * A pidfd is an open file that names one process by its struct pid, not
 * by a number that may be reused: it can be polled for the process's exit,
 * waited for (waitid P_PIDFD) and signalled (pidfd_send_signal).  Made by
 * clone(CLONE_PIDFD), clone3 and pidfd_open.  A PIDFD_THREAD pidfd names
 * one thread rather than its whole process.  Linux declares these in
 * linux/pid.h and uapi/linux/pidfd.h.
 */
#ifndef _LINUX_PIDFD_H
#define _LINUX_PIDFD_H

#include <linux/types.h>
#include <linux/fs.h>

#define PIDFD_NONBLOCK	O_NONBLOCK	/* pidfd_open: waitid on it does not block */
#define PIDFD_THREAD	O_EXCL		/* pidfd_open: it names one thread (v6.9) */

/* pidfd_send_signal: who gets the signal, instead of what the pidfd names (v6.9) */
#define PIDFD_SIGNAL_THREAD		(1UL << 0)
#define PIDFD_SIGNAL_THREAD_GROUP	(1UL << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP	(1UL << 2)

struct pid;
struct file;
struct task_struct;

struct pid *pidfd_pid(const struct file *file);
struct pid *pidfd_get_pid(unsigned int fd, unsigned int *flags);
int pidfd_prepare(struct pid *pid, unsigned int flags, struct file **ret);
void do_notify_pidfd(struct task_struct *task);

#endif
