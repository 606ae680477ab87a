/*
 * pidns_exit: the end of a PID namespace (linux-semantics.md B12; LTP
 * pidns05, selftest pid_namespace/regression_enomem).
 *
 * When the init of a namespace dies, every other task of the namespace,
 * nested namespaces included, is killed and reaped before the init itself
 * is reaped; from then on the namespace takes no new task (fork into it is
 * ENOMEM, also after setns).  reboot(2) inside a namespace ends its init
 * with SIGHUP (restart) or SIGINT (halt, power off) instead of the machine.
 * An init whose main thread exits while another thread lives is not dead:
 * that thread becomes the namespace's reaper.
 *
 * Every task of a namespace here holds the write end of one pipe; when the
 * init has been reaped, the read end must be at end of file at once.
 */
#include "ns_util.h"
#include <sys/reboot.h>

#define FUTEX_WAIT 0		/* <linux/futex.h>, which musl does not ship */

/* Nothing holds the write end of @fd any more (read gives 0, not EAGAIN). */
static int write_end_closed(int fd)
{
	char c;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	return read(fd, &c, 1) == 0;
}

/* A task that says it exists on @ready, then waits for the test to let it go. */
static pid_t fork_sleeper(int in, int ready)
{
	pid_t pid = fork();

	if (pid == 0) {
		sync_post(ready);
		sync_wait(in);
		_exit(0);
	}
	return pid;
}

/*
 * The init: two sleepers and a nested namespace with a third; it returns
 * (exits) once all three run.  All of them inherit @out, never written.
 */
static int init_with_tasks(int in, int out, void *arg)
{
	int ready[2], i;
	pid_t pid;

	(void)out;
	(void)arg;
	if (pipe(ready) || fork_sleeper(in, ready[1]) < 0 || fork_sleeper(in, ready[1]) < 0)
		return 1;
	pid = ns_clone(CLONE_NEWPID);
	if (pid == 0) {
		fork_sleeper(in, ready[1]);
		sync_wait(in);
		_exit(0);
	}
	if (pid < 0)
		return 1;
	for (i = 0; i < 3; i++)
		if (sync_wait(ready[0]))
			return 1;
	return 0;
}

static void t_init_exit_kills_every_task(void)
{
	struct ns_child c;

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID, init_with_tasks, NULL), 0);
	EXPECT_EQ(wait_exit(c.pid), 0);
	EXPECT_TRUE(write_end_closed(c.from));
	close(c.to);
	close(c.from);
}

/*
 * A nest of @arg levels: each init says "x" once it runs, then waits.  A
 * level that cannot make the next says "F" for each level missing, so the
 * test never waits for them.
 */
static int nest_level(int in, int out, void *arg)
{
	long left = (long)arg, i;
	pid_t pid = left > 1 ? ns_clone(CLONE_NEWPID) : 1;

	if (pid == 0)
		_exit(nest_level(in, out, (void *)(left - 1)));
	for (i = 1; pid < 0 && i < left; i++)
		if (write(out, "F", 1) != 1)
			return 1;
	sync_post(out);
	sync_wait(in);
	return 0;
}

/* LTP pidns05: SIGKILL to the outer init of a 5-deep nest ends all five. */
static void t_sigkill_to_outer_init_ends_a_nest(void)
{
	char said[6] = "";
	struct ns_child c;

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWPID, nest_level, (void *)5L), 0);
	EXPECT_EQ(read_full(c.from, said, 5), 5);
	EXPECT_STREQ(said, "xxxxx");
	EXPECT_EQ(kill(c.pid, SIGKILL), 0);
	EXPECT_EQ(wait_exit(c.pid), 128 + SIGKILL);
	EXPECT_TRUE(write_end_closed(c.from));
	close(c.to);
	close(c.from);
}

/* Makes this task's pid_for_children a namespace whose init has died. */
static int kill_namespace_for_children(void)
{
	pid_t init;

	if (unshare(CLONE_NEWPID))
		return -1;
	init = fork();
	if (init == 0)
		_exit(0);
	return init > 0 && wait_exit(init) == 0 ? 0 : -1;
}

static void fork_into_dead_namespace(void *out)
{
	long *r = out;

	r[0] = kill_namespace_for_children();
	r[1] = child_errno(fork());
}

/* regression_enomem. */
static void t_fork_after_init_died_is_enomem(void)
{
	long r[2];

	ASSERT_EQ(ns_run(0, fork_into_dead_namespace, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], ENOMEM);
}

/* A sibling joins the dead namespace through /proc/PID/ns/pid_for_children. */
static long join_and_fork(pid_t owner, int go)
{
	char path[64];
	int fd;

	if (sync_wait(go))
		return -1;
	fd = open(ns_path(path, sizeof(path), owner, "pid_for_children"), O_RDONLY);
	if (fd < 0 || setns(fd, CLONE_NEWPID))
		return -2;
	close(fd);
	return child_errno(fork());
}

static void setns_into_dead_namespace(void *out)
{
	long *r = out;
	int go[2], res[2];
	pid_t owner = getpid(), joiner;

	if (pipe(go) || pipe(res))
		return;
	joiner = fork();
	if (joiner == 0)
		_exit(send_long(res[1], join_and_fork(owner, go[0])));
	r[0] = kill_namespace_for_children();
	sync_post(go[1]);
	r[1] = recv_long(res[0], -3);
	wait_exit(joiner);
}

static void t_fork_after_setns_into_dead_namespace_is_enomem(void)
{
	long r[2];

	ASSERT_EQ(ns_run(0, setns_into_dead_namespace, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], ENOMEM);
}

static unsigned long outer_pid_ns;

/*
 * The init's first child calls reboot(@cmd), but only once it is sure to be
 * inside a new namespace: on the machine's own namespace it would reboot.
 */
static int init_whose_child_reboots(int in, int out, void *arg)
{
	pid_t pid;

	(void)in;
	(void)out;
	pid = fork();
	if (pid == 0) {
		if (getpid() != 2 || ns_ino("/proc/self/ns/pid") == outer_pid_ns ||
		    !outer_pid_ns)
			_exit(99);
		reboot((int)(long)arg);
		_exit(100);
	}
	wait_exit(pid);
	return 0;
}

static int reboot_status(int cmd)
{
	struct ns_child c;

	outer_pid_ns = ns_ino("/proc/self/ns/pid");
	if (ns_spawn(&c, CLONE_NEWPID, init_whose_child_reboots, (void *)(long)cmd))
		return -1;
	return ns_reap(&c);
}

static void t_reboot_inside_ends_init_not_machine(void)
{
	EXPECT_EQ(reboot_status(RB_AUTOBOOT), 128 + SIGHUP);
	EXPECT_EQ(reboot_status(RB_POWER_OFF), 128 + SIGINT);
	EXPECT_EQ(reboot_status(RB_HALT_SYSTEM), 128 + SIGINT);
}

/*
 * The init's second thread, after the main thread is gone (raw system
 * calls only: musl's state belongs to the thread that left).  The
 * namespace must still take a new task, and an orphan must come to this
 * thread.  Its exit status says which check failed, or 42.
 */
static volatile int leader_alive = 1;	/* the main thread's clear_child_tid word */
static int orphan_hold[2];		/* the orphan waits until its write end closes */
static char second_stack[64 * 1024] __attribute__((aligned(16)));

static long raw_fork(void)
{
	return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

static int second_thread(void *arg)
{
	long child, orphan = -1, got;
	int status, fail = 0;
	char c;

	(void)arg;
	while (leader_alive)
		syscall(SYS_futex, &leader_alive, FUTEX_WAIT, 1, NULL, NULL, 0);
	child = raw_fork();
	if (child == 0) {
		orphan = raw_fork();
		if (orphan == 0) {
			syscall(SYS_close, orphan_hold[1]);
			syscall(SYS_read, orphan_hold[0], &c, 1);
			syscall(SYS_exit_group, 0);
		}
		syscall(SYS_exit_group, orphan > 0 ? 0 : 1);
	}
	if (child < 0)
		fail |= 2;		/* the namespace died with the main thread */
	else if (syscall(SYS_wait4, child, &status, __WALL, NULL) != child || status)
		fail |= 4;
	syscall(SYS_close, orphan_hold[1]);
	got = syscall(SYS_wait4, -1, &status, __WALL, NULL);
	if (got <= 0)
		fail |= 8;		/* the orphan went to someone else */
	syscall(SYS_exit_group, fail ? fail : 42);
	return 0;
}

static void t_a_thread_of_init_takes_over_as_reaper(void)
{
	pid_t pid;

	fflush(stdout);
	pid = ns_clone(CLONE_NEWPID);
	if (pid == 0) {
		if (pipe(orphan_hold) || clone(second_thread, second_stack + sizeof(second_stack),
					      CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
					      CLONE_THREAD | CLONE_SYSVSEM, NULL) < 0)
			_exit(1);
		syscall(SYS_set_tid_address, &leader_alive);
		syscall(SYS_exit, 0);		/* the main thread alone */
	}
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_exit(pid), 42);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_init_exit_kills_every_task,
				   t_sigkill_to_outer_init_ends_a_nest,
				   t_fork_after_init_died_is_enomem,
				   t_fork_after_setns_into_dead_namespace_is_enomem,
				   t_reboot_inside_ends_init_not_machine,
				   t_a_thread_of_init_takes_over_as_reaper));
}
