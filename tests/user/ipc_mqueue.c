/*
 * ipc_mqueue: POSIX message queues of an IPC namespace (linux-semantics.md
 * C3, C19, C20).
 *
 * Messages come out highest priority first, oldest first among equals;
 * O_NONBLOCK turns waiting into EAGAIN; mq_getsetattr reports the queue and
 * changes only O_NONBLOCK; mq_notify signals the one registered process when
 * a message reaches an empty queue.  A new namespace starts with the default
 * sizes and its fs.mqueue limits apply to it.  Each case runs in a fresh IPC
 * namespace, whose queues vanish with it.
 */
#include "ns_util.h"
#include <limits.h>
#include <mqueue.h>

#define QUEUE		"/ktap-mq"
#define DFLT_MSG	10	/* the defaults of a new namespace */
#define DFLT_MSGSIZE	8192
#define HARD_MSGMAX	65536
#define HARD_MSGSIZEMAX	(16 * 1024 * 1024)

static mqd_t open_queue(const char *name, int flags, long maxmsg, long msgsize)
{
	struct mq_attr attr = { .mq_maxmsg = maxmsg, .mq_msgsize = msgsize };

	return mq_open(name, O_CREAT | O_RDWR | flags, 0600, &attr);
}

static struct mq_attr attr_of(mqd_t q)
{
	struct mq_attr attr;

	memset(&attr, 0xff, sizeof(attr));
	mq_getattr(q, &attr);
	return attr;
}

/* Receives one message: its text ("" on error) and priority. */
static const char *receive(mqd_t q, unsigned *prio)
{
	static char buf[DFLT_MSGSIZE + 1];
	ssize_t n = mq_receive(q, buf, sizeof(buf) - 1, prio);

	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

NS_CASE(highest_priority_first_then_oldest, CLONE_NEWIPC)
{
	mqd_t q = open_queue(QUEUE, 0, 8, 16);
	unsigned prio = 0;

	ASSERT_TRUE(q != (mqd_t)-1);
	EXPECT_EQ(mq_send(q, "a", 1, 1), 0);
	EXPECT_EQ(mq_send(q, "b", 1, 5), 0);
	EXPECT_EQ(mq_send(q, "c", 1, 5), 0);
	EXPECT_EQ(mq_send(q, "d", 1, 3), 0);
	EXPECT_STREQ(receive(q, &prio), "b");
	EXPECT_EQ(prio, 5);
	EXPECT_STREQ(receive(q, &prio), "c");
	EXPECT_EQ(prio, 5);
	EXPECT_STREQ(receive(q, &prio), "d");
	EXPECT_EQ(prio, 3);
	EXPECT_STREQ(receive(q, &prio), "a");
	EXPECT_EQ(prio, 1);
}

NS_CASE(nonblocking_receive_from_empty_or_send_to_full_is_eagain, CLONE_NEWIPC)
{
	mqd_t q = open_queue(QUEUE, O_NONBLOCK, 2, 16);
	char buf[16];

	ASSERT_TRUE(q != (mqd_t)-1);
	EXPECT_ERRNO(mq_receive(q, buf, sizeof(buf), NULL), EAGAIN);
	EXPECT_EQ(mq_send(q, "1", 1, 0), 0);
	EXPECT_EQ(mq_send(q, "2", 1, 0), 0);
	EXPECT_ERRNO(mq_send(q, "3", 1, 0), EAGAIN);
	EXPECT_EQ(attr_of(q).mq_curmsgs, 2);
}

NS_CASE(a_new_queue_gets_the_namespace_defaults, CLONE_NEWIPC)
{
	mqd_t q = mq_open(QUEUE, O_CREAT | O_RDWR, 0600, NULL);
	struct mq_attr attr;

	ASSERT_TRUE(q != (mqd_t)-1);
	attr = attr_of(q);
	EXPECT_EQ(attr.mq_maxmsg, DFLT_MSG);
	EXPECT_EQ(attr.mq_msgsize, DFLT_MSGSIZE);
	EXPECT_EQ(attr.mq_curmsgs, 0);
	EXPECT_EQ(attr.mq_flags, 0);
}

/* The defaults come from fs.mqueue.msg_default and msgsize_default. */
NS_CASE(default_sizes_follow_the_namespace_sysctls, CLONE_NEWIPC)
{
	struct mq_attr attr;
	mqd_t q;

	ASSERT_EQ(write_text("/proc/sys/fs/mqueue/msg_default", "3"), 0);
	ASSERT_EQ(write_text("/proc/sys/fs/mqueue/msgsize_default", "256"), 0);
	q = mq_open(QUEUE, O_CREAT | O_RDWR, 0600, NULL);
	ASSERT_TRUE(q != (mqd_t)-1);
	attr = attr_of(q);
	EXPECT_EQ(attr.mq_maxmsg, 3);
	EXPECT_EQ(attr.mq_msgsize, 256);
}

NS_CASE(getsetattr_reports_and_changes_only_o_nonblock, CLONE_NEWIPC)
{
	struct mq_attr want = { .mq_flags = O_NONBLOCK, .mq_maxmsg = 99, .mq_msgsize = 99 };
	struct mq_attr old, now;
	mqd_t q = open_queue(QUEUE, 0, 4, 32);

	ASSERT_TRUE(q != (mqd_t)-1);
	EXPECT_EQ(mq_send(q, "x", 1, 0), 0);
	EXPECT_EQ(mq_setattr(q, &want, &old), 0);
	EXPECT_EQ(old.mq_flags, 0);
	EXPECT_EQ(old.mq_maxmsg, 4);
	EXPECT_EQ(old.mq_msgsize, 32);
	EXPECT_EQ(old.mq_curmsgs, 1);
	now = attr_of(q);
	EXPECT_EQ(now.mq_flags, O_NONBLOCK);
	EXPECT_EQ(now.mq_maxmsg, 4);
	EXPECT_EQ(now.mq_msgsize, 32);
}

NS_CASE(message_larger_than_msgsize_is_emsgsize, CLONE_NEWIPC)
{
	mqd_t q = open_queue(QUEUE, O_NONBLOCK, 4, 8);
	char buf[8];

	ASSERT_TRUE(q != (mqd_t)-1);
	EXPECT_ERRNO(mq_send(q, "123456789", 9, 0), EMSGSIZE);
	EXPECT_EQ(mq_send(q, "12345678", 8, 0), 0);
	EXPECT_ERRNO(mq_receive(q, buf, 7, NULL), EMSGSIZE);
	EXPECT_EQ(mq_receive(q, buf, 8, NULL), 8);
}

NS_CASE(open_and_unlink_rules, CLONE_NEWIPC)
{
	mqd_t q;

	EXPECT_ERRNO(mq_open(QUEUE, O_RDWR), ENOENT);
	EXPECT_ERRNO(open_queue(QUEUE, 0, 0, 16), EINVAL);
	EXPECT_ERRNO(open_queue(QUEUE, 0, HARD_MSGMAX + 1, 16), EINVAL);
	EXPECT_ERRNO(open_queue(QUEUE, 0, 2, HARD_MSGSIZEMAX + 1), EINVAL);
	q = open_queue(QUEUE, 0, 2, 16);
	ASSERT_TRUE(q != (mqd_t)-1);
	EXPECT_ERRNO(open_queue(QUEUE, O_EXCL, 2, 16), EEXIST);
	EXPECT_EQ(mq_unlink(QUEUE), 0);
	EXPECT_ERRNO(mq_unlink(QUEUE), ENOENT);
	EXPECT_ERRNO(mq_open(QUEUE, O_RDWR), ENOENT);
	/* An unlinked queue lives on for its descriptors. */
	EXPECT_EQ(mq_send(q, "still", 5, 0), 0);
	EXPECT_STREQ(receive(q, NULL), "still");
}

/* A name is a file name: longer than NAME_MAX is ENAMETOOLONG, open or unlink. */
NS_CASE(name_longer_than_name_max_is_enametoolong, CLONE_NEWIPC)
{
	char name[NAME_MAX + 3];

	name[0] = '/';
	memset(name + 1, 'q', NAME_MAX + 1);
	name[NAME_MAX + 2] = '\0';
	EXPECT_ERRNO(open_queue(name, 0, 2, 16), ENAMETOOLONG);
	EXPECT_ERRNO(mq_open(name, O_RDWR), ENAMETOOLONG);
	EXPECT_ERRNO(mq_unlink(name), ENAMETOOLONG);
	name[NAME_MAX + 1] = '\0';	/* exactly NAME_MAX */
	EXPECT_TRUE(open_queue(name, 0, 2, 16) != (mqd_t)-1);
	EXPECT_EQ(mq_unlink(name), 0);
}

/* Past queues_max only CAP_SYS_RESOURCE may create. */
NS_CASE(queues_max_limit_is_enospc, CLONE_NEWIPC)
{
	ASSERT_EQ(write_text("/proc/sys/fs/mqueue/queues_max", "1"), 0);
	EXPECT_TRUE(open_queue(QUEUE, 0, 2, 16) != (mqd_t)-1);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(open_queue("/ktap-mq-user", 0, 2, 16))), ENOSPC);
	EXPECT_EQ(ERRNO_OF(open_queue("/ktap-mq-root", 0, 2, 16)),
		  has_cap(CAP_SYS_RESOURCE) ? 0 : ENOSPC);
}

/* Another process's mq_notify(): its errno. */
static int notify_from_child(mqd_t q, const struct sigevent *ev)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(ERRNO_OF(mq_notify(q, ev)));
	return wait_exit(pid);
}

NS_CASE(notify_signals_the_registered_process_once, CLONE_NEWIPC)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1,
			       .sigev_value.sival_int = 77 };
	mqd_t q = open_queue(QUEUE, 0, 4, 16);
	siginfo_t info;
	sigset_t set;

	ASSERT_TRUE(q != (mqd_t)-1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	EXPECT_EQ(mq_notify(q, &ev), 0);
	EXPECT_EQ(notify_from_child(q, &ev), EBUSY);
	EXPECT_EQ(mq_send(q, "n", 1, 0), 0);
	EXPECT_EQ(sigwaitinfo(&set, &info), SIGUSR1);
	EXPECT_EQ(info.si_code, SI_MESGQ);
	EXPECT_EQ(info.si_value.sival_int, 77);
	EXPECT_EQ(info.si_pid, getpid());
	/* The registration is used up: someone else may register now. */
	EXPECT_EQ(notify_from_child(q, &ev), 0);
}

/*
 * The registrant is in a user namespace where the sender's uid is 5.
 * Linux tells the sender's uid in the registrant's namespace (5, its
 * notify_user_ns), and then, as the signal crosses from the sender's
 * namespace into the registrant's, takes that 5 for a uid of the
 * sender's namespace and translates it again: unmapped, so si_uid is the
 * overflow uid.  si_pid is the sender's pid in the registrant's pid
 * namespace.
 */
NS_CASE(notify_tells_the_sender_uid_in_the_registrant_user_ns, CLONE_NEWIPC)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	mqd_t q = open_queue(QUEUE, 0, 4, 16);
	int ready[2], parent = getpid();
	char map[32];
	siginfo_t info;
	sigset_t set;
	pid_t pid;

	snprintf(map, sizeof(map), "5 %d 1", (int)getuid());
	ASSERT_TRUE(q != (mqd_t)-1);
	ASSERT_EQ(pipe(ready), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_BLOCK, &set, NULL);
		if (unshare(CLONE_NEWUSER) || write_proc_file(getpid(), "uid_map", map) ||
		    mq_notify(q, &ev))
			_exit(2);
		sync_post(ready[1]);
		if (sigwaitinfo(&set, &info) != SIGUSR1 || info.si_code != SI_MESGQ)
			_exit(3);
		_exit(info.si_uid == OVERFLOW_ID && info.si_pid == parent ? 0 : 4);
	}
	ASSERT_GT(pid, 0);
	EXPECT_EQ(sync_wait(ready[0]), 0);
	EXPECT_EQ(mq_send(q, "u", 1, 0), 0);
	EXPECT_EQ(wait_exit(pid), 0);
	close(ready[0]);
	close(ready[1]);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_highest_priority_first_then_oldest,
				   t_nonblocking_receive_from_empty_or_send_to_full_is_eagain,
				   t_a_new_queue_gets_the_namespace_defaults,
				   t_default_sizes_follow_the_namespace_sysctls,
				   t_getsetattr_reports_and_changes_only_o_nonblock,
				   t_message_larger_than_msgsize_is_emsgsize,
				   t_open_and_unlink_rules,
				   t_name_longer_than_name_max_is_enametoolong,
				   t_queues_max_limit_is_enospc,
				   t_notify_signals_the_registered_process_once,
				   t_notify_tells_the_sender_uid_in_the_registrant_user_ns));
}
