/*
 * ipc/ipc_sysctl.h: a per-namespace IPC sysctl, as ipc_sysctl.c and
 * mq_sysctl.c describe theirs.
 *
 * Each file under /proc/sys reads and writes a field of the reader's
 * (writer's) IPC namespace, at @offset; @count integers (kernel.sem has
 * four), each in [@min, @max], as Linux's proc_dointvec_minmax and
 * proc_doulongvec_minmax.
 */
#ifndef _IPC_IPC_SYSCTL_H
#define _IPC_IPC_SYSCTL_H

#include <linux/types.h>
#include <linux/kernel.h>

struct ipc_namespace;

struct ipc_sysctl {
	const char *path;		/* under /proc */
	size_t offset;			/* of the field in struct ipc_namespace */
	int count;			/* how many values */
	bool is_ulong;			/* unsigned long (shmmax, shmall), else int */
	long min, max;
	void (*changed)(struct ipc_namespace *ns);	/* after a write */
};

#define IPC_SYSCTL(p, field, lo, hi) { .path = (p), \
	.offset = offsetof(struct ipc_namespace, field), .count = 1, .min = (lo), .max = (hi) }

void ipc_register_sysctls(struct ipc_sysctl *table, int n);

#endif
