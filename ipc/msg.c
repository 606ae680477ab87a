/*
 * ipc/msg.c: System V message queues (msgget, msgsnd, msgrcv, msgctl).
 *
 * A queue holds messages in arrival order, and two lists of sleeping
 * tasks: receivers waiting for a message of their type, senders waiting
 * for room.  A sender that finds a matching receiver hands its message
 * straight over (pipelined_send) instead of queueing it.  Sleepers learn
 * the outcome from their own msg_receiver/msg_sender record, which the
 * waker fills in (r_msg: the message, -EIDRM on removal, -EAGAIN to look
 * again), as Linux's.  Behaviour: linux-semantics.md C4-C10.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/proc_fs.h>
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
	pid_t q_lspid;			/* last sender */
	pid_t q_lrpid;			/* last receiver */
	struct list_head q_messages;
	struct list_head q_receivers;
	struct list_head q_senders;
};

/* A task sleeping in msgrcv. */
struct msg_receiver {
	struct list_head r_list;
	struct task_struct *r_tsk;
	int r_mode;
	long r_msgtype;
	long r_maxsize;
	struct msg_msg *r_msg;		/* ERR_PTR(-EAGAIN) while nothing came */
};

/* A task sleeping in msgsnd until its message fits. */
struct msg_sender {
	struct list_head list;
	struct task_struct *tsk;
	size_t msgsz;
};

#define SEARCH_ANY		1
#define SEARCH_EQUAL		2
#define SEARCH_NOTEQUAL		3
#define SEARCH_LESSEQUAL	4
#define SEARCH_NUMBER		5

static inline struct msg_queue *msq_lock_check(struct ipc_namespace *ns, int id)
{
	struct kern_ipc_perm *ipcp = ipc_lock_check(&msg_ids(ns), id);

	return IS_ERR(ipcp) ? ERR_CAST(ipcp) : container_of(ipcp, struct msg_queue, q_perm);
}

static void msg_rcu_free(struct kern_ipc_perm *p)
{
	kfree(container_of(p, struct msg_queue, q_perm));
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

/* C9: room for @msgsz more bytes and one more message (qnum counts against qbytes too). */
static inline bool msg_fits_inqueue(struct msg_queue *msq, size_t msgsz)
{
	return msgsz + msq->q_cbytes <= msq->q_qbytes && 1 + msq->q_qnum <= msq->q_qbytes;
}

static inline void ss_add(struct msg_queue *msq, struct msg_sender *mss, size_t msgsz)
{
	mss->tsk = current;
	mss->msgsz = msgsz;
	__set_current_state(TASK_INTERRUPTIBLE);
	list_add_tail(&mss->list, &msq->q_senders);
}

static inline void ss_del(struct msg_sender *mss)
{
	if (mss->list.next)
		list_del(&mss->list);
}

/* Wakes the senders whose message now fits; @kill: all of them, the queue is going. */
static void ss_wakeup(struct msg_queue *msq, bool kill)
{
	struct msg_sender *mss, *t;

	list_for_each_entry_safe(mss, t, &msq->q_senders, list) {
		if (kill)
			mss->list.next = NULL;		/* ss_del must not touch the dead list */
		else if (!msg_fits_inqueue(msq, mss->msgsz))
			continue;
		wake_up_process(mss->tsk);
	}
}

/* Every sleeping receiver gets @res: -EIDRM at removal, -EAGAIN to look again. */
static void expunge_all(struct msg_queue *msq, int res)
{
	struct msg_receiver *msr, *t;

	list_for_each_entry_safe(msr, t, &msq->q_receivers, r_list) {
		msr->r_msg = ERR_PTR(res);
		wake_up_process(msr->r_tsk);
	}
}

/*
 * freeque() wakes all waiters with -EIDRM, takes the queue out of the
 * namespace and frees its messages.  Called with the ids written and the
 * queue locked; unlocks it.
 */
static void freeque(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp)
{
	struct msg_queue *msq = container_of(ipcp, struct msg_queue, q_perm);
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
	msq = container_of(ipcp, struct msg_queue, q_perm);
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
	int err = 0;

	memset(p, 0, sizeof(*p));
	ipcp = cmd == IPC_STAT ? ipc_lock_check(&msg_ids(ns), msqid) : ipc_lock(&msg_ids(ns), msqid);
	if (IS_ERR(ipcp))
		return PTR_ERR(ipcp);
	msq = container_of(ipcp, struct msg_queue, q_perm);
	if (cmd != MSG_STAT_ANY && ipcperms(ns, ipcp, S_IRUGO)) {
		err = -EACCES;
	} else {
		kernel_to_ipc64_perm(ipcp, &p->msg_perm);
		p->msg_stime = msq->q_stime;
		p->msg_rtime = msq->q_rtime;
		p->msg_ctime = msq->q_ctime;
		p->msg_cbytes = msq->q_cbytes;
		p->msg_qnum = msq->q_qnum;
		p->msg_qbytes = msq->q_qbytes;
		p->msg_lspid = msq->q_lspid;
		p->msg_lrpid = msq->q_lrpid;
		err = cmd == IPC_STAT ? 0 : ipcp->id;
	}
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

/* ---- msgsnd and msgrcv ---------------------------------------------------------- */

static int testmsg(struct msg_msg *msg, long type, int mode)
{
	switch (mode) {
	case SEARCH_ANY:
	case SEARCH_NUMBER:
		return 1;
	case SEARCH_LESSEQUAL:
		return msg->m_type <= type;
	case SEARCH_EQUAL:
		return msg->m_type == type;
	case SEARCH_NOTEQUAL:
		return msg->m_type != type;
	}
	return 0;
}

/* Gives @msg to the first sleeping receiver that wants it: true if one took it. */
static bool pipelined_send(struct msg_queue *msq, struct msg_msg *msg)
{
	struct msg_receiver *msr, *t;

	list_for_each_entry_safe(msr, t, &msq->q_receivers, r_list) {
		if (!testmsg(msg, msr->r_msgtype, msr->r_mode))
			continue;
		list_del(&msr->r_list);
		if (msr->r_maxsize < (long)msg->m_ts) {
			msr->r_msg = ERR_PTR(-E2BIG);	/* and try the next receiver */
			wake_up_process(msr->r_tsk);
			continue;
		}
		msq->q_lrpid = task_tgid_vnr(msr->r_tsk);
		msq->q_rtime = ipc_seconds();
		WRITE_ONCE(msr->r_msg, msg);
		wake_up_process(msr->r_tsk);
		return true;
	}
	return false;
}

/*
 * After a sleep with a reference held: relocks @msq and drops the
 * reference.  False, with the queue unlocked (and maybe freed), if it was
 * removed meanwhile.
 */
static bool msq_relock(struct msg_queue *msq)
{
	ipc_lock_object(&msq->q_perm);
	if (ipc_valid_object(&msq->q_perm)) {
		atomic_dec(&msq->q_perm.refcount);	/* the ids hold another */
		return true;
	}
	ipc_unlock_object(&msq->q_perm);
	ipc_rcu_putref(&msq->q_perm, msg_rcu_free);
	return false;
}

/* Sleeps in msgsnd until @msg fits in @msq (locked, unlocked on error). */
static int msgsnd_wait(struct ipc_namespace *ns, struct msg_queue *msq, size_t msgsz, int msgflg)
{
	struct msg_sender s;

	for (;;) {
		if (ipcperms(ns, &msq->q_perm, S_IWUGO))
			return -EACCES;
		if (msg_fits_inqueue(msq, msgsz))
			return 0;
		if (msgflg & IPC_NOWAIT)
			return -EAGAIN;
		ss_add(msq, &s, msgsz);
		ipc_rcu_getref(&msq->q_perm);
		ipc_unlock_object(&msq->q_perm);
		schedule();
		if (!msq_relock(msq))
			return -EIDRM;
		ss_del(&s);
		if (signal_pending(current))
			return -ERESTARTNOHAND;	/* EINTR, as Linux's, for a handled signal */
	}
}

static long do_msgsnd(int msqid, long mtype, const void *mtext, size_t msgsz, int msgflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct msg_queue *msq;
	struct msg_msg *msg;
	int err;

	if (msgsz > ns->msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = load_msg(mtext, msgsz);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	msg->m_type = mtype;
	msg->m_ts = msgsz;

	msq = msq_lock_check(ns, msqid);
	if (IS_ERR(msq)) {
		free_msg(msg);
		return PTR_ERR(msq);
	}
	err = msgsnd_wait(ns, msq, msgsz, msgflg);
	if (err == -EIDRM) {
		free_msg(msg);
		return err;
	}
	if (!err) {
		msq->q_lspid = task_tgid_vnr(current);
		msq->q_stime = ipc_seconds();
		if (!pipelined_send(msq, msg)) {
			list_add_tail(&msg->m_list, &msq->q_messages);
			msq->q_cbytes += msgsz;
			msq->q_qnum++;
			atomic_add(msgsz, &ns->msg_bytes);
			atomic_inc(&ns->msg_hdrs);
		}
		msg = NULL;
	}
	ipc_unlock_object(&msq->q_perm);
	if (msg)
		free_msg(msg);
	return err;
}

struct msgbuf {
	long mtype;
	char mtext[];
};

SYSCALL_DEFINE4(msgsnd, int, msqid, struct msgbuf *, msgp, size_t, msgsz, int, msgflg)
{
	long mtype;

	if (get_user(mtype, &msgp->mtype))
		return -EFAULT;
	return do_msgsnd(msqid, mtype, msgp->mtext, msgsz, msgflg);
}

/* msgtyp 0: any; > 0: that type (or any other, MSG_EXCEPT); < 0: the lowest <= |msgtyp|. */
static int convert_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == LONG_MIN ? LONG_MAX : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	if (msgflg & MSG_EXCEPT)
		return SEARCH_NOTEQUAL;
	return SEARCH_EQUAL;
}

/* The message msgrcv wants (for SEARCH_LESSEQUAL: the first of the lowest type). */
static struct msg_msg *find_msg(struct msg_queue *msq, long *msgtyp, int mode)
{
	struct msg_msg *msg, *found = NULL;
	long count = 0;

	list_for_each_entry(msg, &msq->q_messages, m_list) {
		if (!testmsg(msg, *msgtyp, mode))
			continue;
		if (mode == SEARCH_LESSEQUAL && msg->m_type != 1) {
			*msgtyp = msg->m_type - 1;	/* only a lower type can win now */
			found = msg;
		} else if (mode == SEARCH_NUMBER) {
			if (*msgtyp == count)
				return msg;
		} else {
			return msg;
		}
		count++;
	}
	return found ? found : ERR_PTR(-EAGAIN);
}

/* Takes @msg off the queue for a receiver, and wakes the senders it made room for. */
static void msg_unlink(struct ipc_namespace *ns, struct msg_queue *msq, struct msg_msg *msg)
{
	list_del(&msg->m_list);
	msq->q_qnum--;
	msq->q_rtime = ipc_seconds();
	msq->q_lrpid = task_tgid_vnr(current);
	msq->q_cbytes -= msg->m_ts;
	atomic_sub(msg->m_ts, &ns->msg_bytes);
	atomic_dec(&ns->msg_hdrs);
	ss_wakeup(msq, false);
}

/* One look at the queue (locked): the message, or -EAGAIN to go on waiting. */
static struct msg_msg *msgrcv_take(struct ipc_namespace *ns, struct msg_queue *msq,
				   long *msgtyp, int mode, size_t bufsz, int msgflg,
				   struct msg_msg *copy)
{
	struct msg_msg *msg;

	if (ipcperms(ns, &msq->q_perm, S_IRUGO))
		return ERR_PTR(-EACCES);
	msg = find_msg(msq, msgtyp, mode);
	if (IS_ERR(msg))
		return (msgflg & IPC_NOWAIT) ? ERR_PTR(-ENOMSG) : msg;
	if (bufsz < msg->m_ts && !(msgflg & MSG_NOERROR))
		return ERR_PTR(-E2BIG);		/* the message stays queued */
	if (msgflg & MSG_COPY)
		return copy_msg(msg, copy);
	msg_unlink(ns, msq, msg);
	return msg;
}

/* After the sleep: what a sender or freeque left us, read once. */
static struct msg_msg *msr_result(struct msg_receiver *msr)
{
	struct msg_msg *msg = READ_ONCE(msr->r_msg);

	barrier();	/* x86 keeps loads in order: the text was written before r_msg */
	return msg;
}

/*
 * Sleeps as a receiver on @msq (locked).  Returns the message handed
 * over or an error with the queue unlocked, or ERR_PTR(-EAGAIN) with it
 * locked again when the caller should look at the queue once more.
 */
static struct msg_msg *msgrcv_sleep(struct msg_queue *msq, long msgtyp, int mode,
				    size_t bufsz, int msgflg)
{
	struct msg_receiver msr_d;
	struct msg_msg *msg;

	list_add_tail(&msr_d.r_list, &msq->q_receivers);
	msr_d.r_tsk = current;
	msr_d.r_msgtype = msgtyp;
	msr_d.r_mode = mode;
	msr_d.r_maxsize = (msgflg & MSG_NOERROR) ? INT_MAX : (long)bufsz;
	msr_d.r_msg = ERR_PTR(-EAGAIN);
	__set_current_state(TASK_INTERRUPTIBLE);
	ipc_rcu_getref(&msq->q_perm);
	ipc_unlock_object(&msq->q_perm);
	schedule();

	msg = msr_result(&msr_d);
	if (msg != ERR_PTR(-EAGAIN)) {
		ipc_rcu_putref(&msq->q_perm, msg_rcu_free);
		return msg;
	}
	if (!msq_relock(msq))		/* removed: we were expunged, or handed a message first */
		return msr_result(&msr_d);
	msg = msr_d.r_msg;
	if (msg != ERR_PTR(-EAGAIN)) {
		ipc_unlock_object(&msq->q_perm);
		return msg;
	}
	list_del(&msr_d.r_list);
	if (!signal_pending(current))
		return msg;		/* woken to look again, still locked */
	ipc_unlock_object(&msq->q_perm);
	return ERR_PTR(-ERESTARTNOHAND);
}

static long do_msgrcv(int msqid, void *buf, size_t bufsz, long msgtyp, int msgflg,
		      long (*msg_handler)(void *, struct msg_msg *, size_t))
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct msg_msg *msg, *copy = NULL;
	struct msg_queue *msq;
	int mode;

	if (msqid < 0 || (long)bufsz < 0)
		return -EINVAL;
	if (msgflg & MSG_COPY) {
		if ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT))
			return -EINVAL;
		copy = load_msg(buf, min_t(size_t, bufsz, ns->msg_ctlmax));
		if (IS_ERR(copy))
			return PTR_ERR(copy);
		copy->m_ts = min_t(size_t, bufsz, ns->msg_ctlmax);
	}
	mode = convert_mode(&msgtyp, msgflg);
	msq = msq_lock_check(ns, msqid);
	if (IS_ERR(msq)) {
		msg = ERR_CAST(msq);
		goto out;
	}
	for (;;) {
		msg = msgrcv_take(ns, msq, &msgtyp, mode, bufsz, msgflg, copy);
		if (msg != ERR_PTR(-EAGAIN))
			break;
		msg = msgrcv_sleep(msq, msgtyp, mode, bufsz, msgflg);
		if (msg != ERR_PTR(-EAGAIN))
			goto out;	/* the queue is unlocked */
	}
	ipc_unlock_object(&msq->q_perm);
out:
	if (IS_ERR(msg)) {
		if (copy)
			free_msg(copy);
		return PTR_ERR(msg);
	}
	bufsz = msg_handler(buf, msg, bufsz);
	free_msg(msg);
	return bufsz;
}

/* Copies a received message out as struct msgbuf: the bytes copied. */
static long do_msg_fill(void *dest, struct msg_msg *msg, size_t bufsz)
{
	struct msgbuf *msgp = dest;
	size_t msgsz;

	if (put_user(msg->m_type, &msgp->mtype))
		return -EFAULT;
	msgsz = bufsz > msg->m_ts ? msg->m_ts : bufsz;
	if (store_msg(msgp->mtext, msg, msgsz))
		return -EFAULT;
	return msgsz;
}

SYSCALL_DEFINE5(msgrcv, int, msqid, struct msgbuf *, msgp, size_t, msgsz, long, msgtyp,
		int, msgflg)
{
	return do_msgrcv(msqid, msgp, msgsz, msgtyp, msgflg, do_msg_fill);
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
	struct user_namespace *user_ns = current_user_ns();
	struct kern_ipc_perm *ipcp = it;
	struct msg_queue *msq = container_of(ipcp, struct msg_queue, q_perm);

	seq_printf(s, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10llu %10llu %10llu\n",
		   msq->q_perm.key, msq->q_perm.id, msq->q_perm.mode,
		   msq->q_cbytes, msq->q_qnum, msq->q_lspid, msq->q_lrpid,
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
