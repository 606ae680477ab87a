/*
 * pidns_kill: signals across PID namespace borders (linux-semantics.md B9,
 * B10; LTP pidns04, pidns06, pidns10, pidns12, pidns16, pidns17, pidns20).
 *
 * A pid without a number in the sender's namespace does not exist for it
 * (ESRCH), and kill(-1) reaches only the sender's namespace, never its
 * init.  A namespace init, like the global init, drops the signals it
 * leaves at SIG_DFL, whoever sends them, except SIGKILL and SIGSTOP from an
 * ancestor namespace; signals it handles or blocks arrive.  si_pid is the
 * sender's number in the receiver's namespace, 0 if it has none.
 */
#include "ns_util.h"

static volatile sig_atomic_t caught;

static void count_signal(int sig)
{
	(void)sig;
	caught++;
}

static void catch_signal(int sig)
{
	struct sigaction sa = { .sa_handler = count_signal, .sa_flags = SA_RESTART };

	sigaction(sig, &sa, NULL);
}

static void block_signal(int sig, int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

/*
 * A child that waits until the caller closes @pipe_fd[1], then exits 0.
 * The caller has SIGUSR1 at SIG_DFL, so that SIGUSR1 kills the child.
 */
static pid_t fork_waiter(const int pipe_fd[2])
{
	pid_t pid = fork();

	if (pid == 0) {
		close(pipe_fd[1]);
		sync_wait(pipe_fd[0]);
		_exit(0);
	}
	return pid;
}

static pid_t outside_pid;

static void kill_outside(void *out)
{
	long *r = out;

	r[0] = ERRNO_OF(kill(outside_pid, 0));
	r[1] = ERRNO_OF(kill(outside_pid, SIGUSR1));
}

/* LTP pidns06: the parent has no number inside. */
static void t_kill_of_a_pid_outside_is_esrch(void)
{
	long r[2];

	outside_pid = getpid();
	ASSERT_EQ(ns_run(CLONE_NEWPID, kill_outside, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], ESRCH);
	EXPECT_EQ(r[1], ESRCH);
}

static void kill_all_alone(void *out)
{
	*(long *)out = ERRNO_OF(kill(-1, SIGUSR1));
}

/* LTP pidns10: kill(-1) skips the caller and pid 1, leaving nobody. */
static void t_kill_minus_1_by_a_lone_init_is_esrch(void)
{
	long r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, kill_all_alone, &r, sizeof(r)), 0);
	EXPECT_EQ(r, ESRCH);
}

struct kill_all {
	long ret, killed;
};

static void init_kills_all(void *out)
{
	struct kill_all *r = out;
	pid_t child[3];
	int fd[2], i;

	if (pipe(fd))
		return;
	signal(SIGUSR1, SIG_DFL);
	for (i = 0; i < 3; i++)
		child[i] = fork_waiter(fd);
	r->ret = kill(-1, SIGUSR1);
	close(fd[1]);
	for (i = 0; i < 3; i++)
		r->killed += wait_exit(child[i]) == 128 + SIGUSR1;
}

/* LTP pidns17; and nothing outside the namespace (this test) is hit. */
static void t_kill_minus_1_by_init_reaches_its_namespace_only(void)
{
	struct kill_all r;

	caught = 0;
	catch_signal(SIGUSR1);
	ASSERT_EQ(ns_run(CLONE_NEWPID, init_kills_all, &r, sizeof(r)), 0);
	signal(SIGUSR1, SIG_DFL);
	EXPECT_EQ(r.ret, 0);
	EXPECT_EQ(r.killed, 3);
	EXPECT_EQ(caught, 0);
}

struct member_kill {
	long ret, sender_status, other_status, init_caught;
};

/* Init (1) forks a waiter (2) and a sender (3) that calls kill(-1). */
static void member_kills_all(void *out)
{
	struct member_kill *r = out;
	pid_t waiter, sender;
	int fd[2], res[2];

	if (pipe(fd) || pipe(res))
		return;
	signal(SIGUSR1, SIG_DFL);
	waiter = fork_waiter(fd);
	caught = 0;
	catch_signal(SIGUSR1);
	sender = fork();
	if (sender == 0) {
		signal(SIGUSR1, SIG_DFL);
		_exit(send_long(res[1], kill(-1, SIGUSR1)) ? 1 : 0);
	}
	r->ret = recv_long(res[0], -2);
	r->sender_status = wait_exit(sender);
	close(fd[1]);
	r->other_status = wait_exit(waiter);
	r->init_caught = caught;
}

static void t_kill_minus_1_by_a_member_spares_init_and_itself(void)
{
	struct member_kill r;

	ASSERT_EQ(ns_run(CLONE_NEWPID, member_kills_all, &r, sizeof(r)), 0);
	EXPECT_EQ(r.ret, 0);
	EXPECT_EQ(r.sender_status, 0);
	EXPECT_EQ(r.other_status, 128 + SIGUSR1);
	EXPECT_EQ(r.init_caught, 0);
}

/* Forks a child of init that sends @sig to pid 1: kill()'s result. */
static long child_kills_init(int sig)
{
	int fd[2];
	long ret;
	pid_t pid;

	if (pipe(fd))
		return -2;
	pid = fork();
	if (pid == 0)
		_exit(send_long(fd[1], kill(1, sig)) ? 1 : 0);
	close(fd[1]);
	ret = recv_long(fd[0], -2);
	close(fd[0]);
	wait_exit(pid);
	return ret;
}

static void default_signals_from_inside(void *out)
{
	long *r = out;

	r[0] = child_kills_init(SIGKILL);
	r[1] = child_kills_init(SIGTERM);
	r[2] = child_kills_init(SIGUSR1);
}

/* LTP pidns04: the calls succeed and init lives on to report them. */
static void t_init_drops_default_signals_from_inside(void)
{
	long r[3];

	ASSERT_EQ(ns_run(CLONE_NEWPID, default_signals_from_inside, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], 0);
	EXPECT_EQ(r[2], 0);
}

static int stop_from_inside(int in, int out, void *arg)
{
	(void)in;
	(void)out;
	(void)arg;
	return child_kills_init(SIGSTOP) == 0 ? 0 : 1;
}

/* If init did stop, waitpid(WUNTRACED) says so instead of hanging. */
static void t_init_drops_sigstop_from_inside(void)
{
	struct ns_child c;
	int status = 0;

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID, stop_from_inside, NULL), 0);
	EXPECT_EQ(waitpid(c.pid, &status, WUNTRACED), c.pid);
	EXPECT_TRUE(!WIFSTOPPED(status));
	if (WIFSTOPPED(status)) {
		kill(c.pid, SIGKILL);
		wait_exit(c.pid);
	} else {
		EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	}
	close(c.to);
	close(c.from);
}

static void handled_signal_from_inside(void *out)
{
	long *r = out;

	caught = 0;
	catch_signal(SIGUSR1);
	r[0] = child_kills_init(SIGUSR1);
	r[1] = caught;
}

static void t_init_gets_handled_signals_from_inside(void)
{
	long r[2];

	ASSERT_EQ(ns_run(CLONE_NEWPID, handled_signal_from_inside, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], 1);
}

/* From the parent's namespace a SIG_DFL signal is still dropped... */
static void t_init_drops_default_signals_from_parent(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWPID), 0);
	EXPECT_EQ(kill(c.pid, SIGTERM), 0);
	EXPECT_EQ(kill(c.pid, SIGUSR1), 0);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* ...but SIGKILL kills it... */
static void t_sigkill_from_parent_kills_init(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWPID), 0);
	EXPECT_EQ(kill(c.pid, SIGKILL), 0);
	EXPECT_EQ(ns_reap(&c), 128 + SIGKILL);
}

/* ...and SIGSTOP stops it, before it could see its pipe's end of file. */
static void t_sigstop_from_parent_stops_init(void)
{
	struct ns_child c;
	int status = 0;

	ASSERT_EQ(ns_hold(&c, CLONE_NEWPID), 0);
	EXPECT_EQ(kill(c.pid, SIGSTOP), 0);
	close(c.to);
	EXPECT_EQ(waitpid(c.pid, &status, WUNTRACED), c.pid);
	EXPECT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	if (WIFSTOPPED(status)) {
		kill(c.pid, SIGCONT);
		EXPECT_EQ(wait_exit(c.pid), 0);
	}
	close(c.from);
}

/* Init with SIGUSR1 blocked: sends back si_pid and si_code of the next one. */
static int wait_usr1_info(int in, int out, void *arg)
{
	siginfo_t info;
	sigset_t set;

	(void)in;
	(void)arg;
	block_signal(SIGUSR1, SIG_BLOCK);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sync_post(out);
	if (sigwaitinfo(&set, &info) != SIGUSR1)
		return 1;
	return send_long(out, info.si_pid) || send_long(out, info.si_code);
}

/* LTP pidns12: the sender, in an ancestor namespace, is shown as 0. */
static void t_si_pid_is_0_for_a_sender_outside(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID, wait_usr1_info, NULL), 0);
	EXPECT_EQ(sync_wait(c.from), 0);
	EXPECT_EQ(kill(c.pid, SIGUSR1), 0);
	EXPECT_EQ(recv_long(c.from, -1), 0);
	EXPECT_EQ(recv_long(c.from, -1), SI_USER);
	EXPECT_EQ(ns_reap(&c), 0);
}

/* With SIGUSR1 blocked: the si_pid of the next SIGUSR1. */
static long next_usr1_si_pid(void)
{
	siginfo_t info;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	return sigwaitinfo(&set, &info) == SIGUSR1 ? info.si_pid : -1;
}

static void senders_inside(void *out)
{
	long *r = out;

	block_signal(SIGUSR1, SIG_BLOCK);
	kill(getpid(), SIGUSR1);
	r[0] = next_usr1_si_pid();
	child_kills_init(SIGUSR1);
	r[1] = next_usr1_si_pid();
}

/* LTP pidns16: init signalling itself is 1; its first child is 2. */
static void t_si_pid_is_the_senders_number_inside(void)
{
	long r[2];

	ASSERT_EQ(ns_run(CLONE_NEWPID, senders_inside, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 1);
	EXPECT_EQ(r[1], 2);
}

/* Init with SIGUSR1 handled but blocked: pending, then caught once. */
static int blocked_then_unblocked(int in, int out, void *arg)
{
	sigset_t pending;

	(void)arg;
	caught = 0;
	catch_signal(SIGUSR1);
	block_signal(SIGUSR1, SIG_BLOCK);
	sync_post(out);
	sync_wait(in);
	sigpending(&pending);
	send_long(out, sigismember(&pending, SIGUSR1));
	send_long(out, caught);
	block_signal(SIGUSR1, SIG_UNBLOCK);
	send_long(out, caught);
	return 0;
}

/* LTP pidns20. */
static void t_blocked_signal_arrives_once_after_unblock(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID, blocked_then_unblocked, NULL), 0);
	EXPECT_EQ(sync_wait(c.from), 0);
	EXPECT_EQ(kill(c.pid, SIGUSR1), 0);
	sync_post(c.to);
	EXPECT_EQ(recv_long(c.from, -1), 1);
	EXPECT_EQ(recv_long(c.from, -1), 0);
	EXPECT_EQ(recv_long(c.from, -1), 1);
	EXPECT_EQ(ns_reap(&c), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_kill_of_a_pid_outside_is_esrch,
				   t_kill_minus_1_by_a_lone_init_is_esrch,
				   t_kill_minus_1_by_init_reaches_its_namespace_only,
				   t_kill_minus_1_by_a_member_spares_init_and_itself,
				   t_init_drops_default_signals_from_inside,
				   t_init_drops_sigstop_from_inside,
				   t_init_gets_handled_signals_from_inside,
				   t_init_drops_default_signals_from_parent,
				   t_sigkill_from_parent_kills_init,
				   t_sigstop_from_parent_stops_init,
				   t_si_pid_is_0_for_a_sender_outside,
				   t_si_pid_is_the_senders_number_inside,
				   t_blocked_signal_arrives_once_after_unblock));
}
