/*
 * ipc/mq_sysctl.c: fs.mqueue.{queues_max,msg_max,msgsize_max,msg_default,
 * msgsize_default}, per IPC namespace (C19), with Linux's bounds.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mqueue.h>
#include "util.h"
#include "ipc_sysctl.h"

static struct ipc_sysctl mq_sysctls[] = {
	IPC_SYSCTL("sys/fs/mqueue/queues_max", mq_queues_max, 0, INT_MAX),
	IPC_SYSCTL("sys/fs/mqueue/msg_max", mq_msg_max, MIN_MSGMAX, HARD_MSGMAX),
	IPC_SYSCTL("sys/fs/mqueue/msgsize_max", mq_msgsize_max, MIN_MSGSIZEMAX, HARD_MSGSIZEMAX),
	IPC_SYSCTL("sys/fs/mqueue/msg_default", mq_msg_default, MIN_MSGMAX, HARD_MSGMAX),
	IPC_SYSCTL("sys/fs/mqueue/msgsize_default", mq_msgsize_default, MIN_MSGSIZEMAX,
		   HARD_MSGSIZEMAX),
};

void __init mq_register_sysctl_table(void)
{
	ipc_register_sysctls(mq_sysctls, ARRAY_SIZE(mq_sysctls));
}
