/*
 * ipc/msg.c: System V message queues (msgget, msgctl), their removal, the
 * namespace's limits and /proc/sysvipc/msg.
 *
 * A queue is a struct msg_queue: its messages in arrival order and the
 * tasks sleeping on it.  Sending and receiving are in msgop.c; the two
 * share ipc/msg.h.  Behaviour: linux-semantics.md C4-C10.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/proc_fs.h>
#include "msg.h"

void msg_rcu_free(struct kern_ipc_perm *p)
{
	kfree(to_msq(p));
}

/* ipcget's getnew for messages: a new, empty queue.  Called with the ids written. */
static int newque(struct ipc_namespace *ns, struct ipc_params *params)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);
	int retval;

	if (!msq)
		return -ENOMEM;
	msq->q_perm.mode = params->flg & S_IRWXUGO;
	msq->q_perm.key = params->key;
	msq->q_ctime = ipc_seconds();
	msq->q_qbytes = ns->msg_ctlmnb;
	INIT_LIST_HEAD(&msq->q_messages);
	INIT_LIST_HEAD(&msq->q_receivers);
	INIT_LIST_HEAD(&msq->q_senders);

	retval = ipc_addid(&msg_ids(ns), &msq->q_perm, ns->msg_ctlmni);
	if (retval < 0) {
		ipc_rcu_putref(&msq->q_perm, msg_rcu_free);
		return retval;
	}
	ipc_unlock_object(&msq->q_perm);
	return msq->q_perm.id;
}

/*
 * freeque() wakes all waiters with -EIDRM, takes the queue out of the
 * namespace and frees its messages.  Called with the ids written and the
 * queue locked; unlocks it.
 */
static void freeque(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp)
{
	struct msg_queue *msq = to_msq(ipcp);
	struct msg_msg *msg, *t;

	expunge_all(msq, -EIDRM);
	ss_wakeup(msq, true);
	ipc_rmid(&msg_ids(ns), &msq->q_perm);
	ipc_unlock_object(&msq->q_perm);

	list_for_each_entry_safe(msg, t, &msq->q_messages, m_list) {
		atomic_dec(&ns->msg_hdrs);
		free_msg(msg);
	}
	atomic_sub(msq->q_cbytes, &ns->msg_bytes);
	ipc_update_pid(&msq->q_lspid, NULL);
	ipc_update_pid(&msq->q_lrpid, NULL);
	ipc_rcu_putref(&msq->q_perm, msg_rcu_free);
}

static const struct ipc_ops msg_ops = {
	.getnew = newque,
};

long ksys_msgget(key_t key, int msgflg)
{
	struct ipc_params msg_params = { .key = key, .flg = msgflg };
	struct ipc_namespace *ns = current_ipc_ns();

	return ipcget(ns, &msg_ids(ns), &msg_ops, &msg_params);
}

SYSCALL_DEFINE2(msgget, key_t, key, int, msgflg)
{
	return ksys_msgget(key, msgflg);
}

/* ---- msgctl ------------------------------------------------------------------ */

/* IPC_SET and IPC_RMID, with the ids written: ownership checked first (C8). */
static int msgctl_down(struct ipc_namespace *ns, int msqid, int cmd, struct msqid64_ds *msqid64)
{
	struct kern_ipc_perm *ipcp;
	struct msg_queue *msq;
	int err = 0;

	down_write(&msg_ids(ns).rwsem);
	ipcp = ipcctl_obtain_check(ns, &msg_ids(ns), msqid, cmd, &msqid64->msg_perm);
	if (IS_ERR(ipcp)) {
		err = PTR_ERR(ipcp);
		goto out_up;
	}
	msq = to_msq(ipcp);
	if (cmd == IPC_RMID) {
		ipc_lock_object(ipcp);
		freeque(ns, ipcp);	/* unlocks */
		goto out_up;
	}
	if (msqid64->msg_qbytes > ns->msg_ctlmnb && !capable(CAP_SYS_RESOURCE)) {
		err = -EPERM;
		goto out_up;
	}
	ipc_lock_object(ipcp);
	err = ipc_update_perm(&msqid64->msg_perm, ipcp);
	if (!err) {
		msq->q_qbytes = msqid64->msg_qbytes;
		msq->q_ctime = ipc_seconds();
		expunge_all(msq, -EAGAIN);	/* receivers may have lost permission */
		ss_wakeup(msq, false);		/* senders may fit in the larger queue */
	}
	ipc_unlock_object(ipcp);
out_up:
	up_write(&msg_ids(ns).rwsem);
	return err;
}

/* IPC_INFO and MSG_INFO: the limits, or the usage; the highest idx in use. */
static int msgctl_info(struct ipc_namespace *ns, int cmd, struct msginfo *msginfo)
{
	int max_idx;

	memset(msginfo, 0, sizeof(*msginfo));
	msginfo->msgmni = ns->msg_ctlmni;
	msginfo->msgmax = ns->msg_ctlmax;
	msginfo->msgmnb = ns->msg_ctlmnb;
	msginfo->msgssz = MSGSSZ;
	msginfo->msgseg = MSGSEG;
	down_read(&msg_ids(ns).rwsem);
	if (cmd == MSG_INFO) {
		msginfo->msgpool = msg_ids(ns).in_use;
		msginfo->msgmap = atomic_read(&ns->msg_hdrs);
		msginfo->msgtql = atomic_read(&ns->msg_bytes);
	} else {
		msginfo->msgmap = MSGMAP;
		msginfo->msgpool = MSGPOOL;
		msginfo->msgtql = MSGTQL;
	}
	max_idx = ipc_get_maxidx(&msg_ids(ns));
	up_read(&msg_ids(ns).rwsem);
	return max_idx < 0 ? 0 : max_idx;
}

/* IPC_STAT (by id), MSG_STAT and MSG_STAT_ANY (by idx: they return the id). */
static int msgctl_stat(struct ipc_namespace *ns, int msqid, int cmd, struct msqid64_ds *p)
{
	struct kern_ipc_perm *ipcp;
	struct msg_queue *msq;
	int err;

	memset(p, 0, sizeof(*p));
	ipcp = ipc_lock_stat(ns, &msg_ids(ns), msqid, cmd == IPC_STAT, cmd == MSG_STAT_ANY);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	msq = to_msq(ipcp);
	kernel_to_ipc64_perm(ipcp, &p->msg_perm);
	p->msg_stime = msq->q_stime;
	p->msg_rtime = msq->q_rtime;
	p->msg_ctime = msq->q_ctime;
	p->msg_cbytes = msq->q_cbytes;
	p->msg_qnum = msq->q_qnum;
	p->msg_qbytes = msq->q_qbytes;
	p->msg_lspid = pid_vnr(msq->q_lspid);	/* in the caller's pid namespace */
	p->msg_lrpid = pid_vnr(msq->q_lrpid);
	err = cmd == IPC_STAT ? 0 : ipcp->id;
	ipc_unlock_object(ipcp);
	return err;
}

long ksys_msgctl(int msqid, int cmd, struct msqid64_ds *buf)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct msqid64_ds msqid64;
	struct msginfo msginfo;
	int err;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		err = msgctl_info(ns, cmd, &msginfo);
		if (copy_to_user(buf, &msginfo, sizeof(msginfo)))
			return -EFAULT;
		return err;
	case MSG_STAT:
	case MSG_STAT_ANY:
	case IPC_STAT:
		err = msgctl_stat(ns, msqid, cmd, &msqid64);
		if (err >= 0 && copy_to_user(buf, &msqid64, sizeof(msqid64)))
			return -EFAULT;
		return err;
	case IPC_SET:
		if (copy_from_user(&msqid64, buf, sizeof(msqid64)))
			return -EFAULT;
		return msgctl_down(ns, msqid, cmd, &msqid64);
	case IPC_RMID:
		return msgctl_down(ns, msqid, cmd, &msqid64);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, struct msqid64_ds *, buf)
{
	return ksys_msgctl(msqid, cmd, buf);
}

/* ---- the namespace and /proc ------------------------------------------------------ */

void msg_init_ns(struct ipc_namespace *ns)
{
	ns->msg_ctlmax = MSGMAX;
	ns->msg_ctlmnb = MSGMNB;
	ns->msg_ctlmni = MSGMNI;
	atomic_set(&ns->msg_bytes, 0);
	atomic_set(&ns->msg_hdrs, 0);
	ipc_init_ids(&ns->ids[IPC_MSG_IDS]);
}

void msg_exit_ns(struct ipc_namespace *ns)
{
	free_ipcs(ns, &msg_ids(ns), freeque);
}

static int sysvipc_msg_proc_show(struct seq_file *s, void *it)
{
	struct pid_namespace *pid_ns = ipc_seq_pid_ns(s);
	struct user_namespace *user_ns = ipc_seq_user_ns(s);
	struct kern_ipc_perm *ipcp = it;
	struct msg_queue *msq = to_msq(ipcp);

	seq_printf(s, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10llu %10llu %10llu\n",
		   msq->q_perm.key, msq->q_perm.id, msq->q_perm.mode,
		   msq->q_cbytes, msq->q_qnum, pid_nr_ns(msq->q_lspid, pid_ns),
		   pid_nr_ns(msq->q_lrpid, pid_ns),
		   from_kuid_munged(user_ns, msq->q_perm.uid),
		   from_kgid_munged(user_ns, msq->q_perm.gid),
		   from_kuid_munged(user_ns, msq->q_perm.cuid),
		   from_kgid_munged(user_ns, msq->q_perm.cgid),
		   (unsigned long long)msq->q_stime, (unsigned long long)msq->q_rtime,
		   (unsigned long long)msq->q_ctime);
	return 0;
}

void __init msg_init(void)
{
	msg_init_ns(&init_ipc_ns);
	ipc_init_proc_interface("sysvipc/msg",
		"       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n",
		IPC_MSG_IDS, sysvipc_msg_proc_show);
}
