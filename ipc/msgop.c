/*
 * ipc/msgop.c: msgsnd and msgrcv, and the tasks sleeping in them.
 *
 * A queue (ipc/msg.h) has two lists of sleeping tasks: receivers waiting
 * for a message of their type, senders waiting for room.  A sender that
 * finds a matching receiver hands its message straight over
 * (pipelined_send) instead of queueing it.  Sleepers learn the outcome
 * from their own msg_receiver/msg_sender record, which the waker fills in
 * (r_msg: the message, -EIDRM on removal, -EAGAIN to look again), as
 * Linux's do_msgsnd and do_msgrcv.  Behaviour: linux-semantics.md C9, C10.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "msg.h"

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

	return IS_ERR(ipcp) ? ERR_CAST(ipcp) : to_msq(ipcp);
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
void ss_wakeup(struct msg_queue *msq, bool kill)
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

/*
 * Hands @msg (or an error) to the receiver @msr and wakes it.  The
 * receiver reads r_msg without the lock (msr_result) and may return, exit
 * and be freed as soon as it sees it, taking @msr (on its stack) with it:
 * the task is read and held first, as Linux's wake_q_add before its
 * smp_store_release, and @msr is not touched after the store.
 */
static void msr_wake(struct msg_receiver *msr, struct msg_msg *msg)
{
	struct task_struct *r_tsk = msr->r_tsk;

	get_task_struct(r_tsk);
	WRITE_ONCE(msr->r_msg, msg);
	wake_up_process(r_tsk);
	put_task_struct(r_tsk);
}

/* Every sleeping receiver gets @res: -EIDRM at removal, -EAGAIN to look again. */
void expunge_all(struct msg_queue *msq, int res)
{
	struct msg_receiver *msr, *t;

	list_for_each_entry_safe(msr, t, &msq->q_receivers, r_list)
		msr_wake(msr, ERR_PTR(res));
}

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
			msr_wake(msr, ERR_PTR(-E2BIG));	/* and try the next receiver */
			continue;
		}
		ipc_update_pid(&msq->q_lrpid, task_tgid(msr->r_tsk));
		msq->q_rtime = ipc_seconds();
		msr_wake(msr, msg);
		return true;
	}
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
		if (!ipc_relock_putref(&msq->q_perm, msg_rcu_free))
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
		ipc_update_pid(&msq->q_lspid, task_tgid(current));
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
	ipc_update_pid(&msq->q_lrpid, task_tgid(current));
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
	/* removed meanwhile: we were expunged, or handed a message first */
	if (!ipc_relock_putref(&msq->q_perm, msg_rcu_free))
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
