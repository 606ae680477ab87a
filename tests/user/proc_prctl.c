/*
 * proc_prctl: prctl(2)'s process options and Linux's errno for their bad
 * arguments: the parent-death signal (who gets it and when it is
 * forgotten), no_new_privs, the child subreaper (also one set above a
 * deep chain of existing descendants), the name, PR_GET/SET_TIMING,
 * PR_GET_TID_ADDRESS and unknown options.  The capability options and
 * the securebits are in userns_caps.c.
 *
 * Runs as root; every case runs in a child, so that what it sets (ids,
 * no_new_privs, a subreaper) stays out of the next case.  Cases about
 * execve re-execute the test (/proc/self/exe) with a REPORT_* argument;
 * that run answers in its exit status.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <grp.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

#define USER	1000

#define REPORT_PDEATHSIG	"--report-pdeathsig"
#define REPORT_NNP		"--report-no-new-privs"
#define REPORT_EUID		"--report-euid"
#define REPORT_SECURE		"--report-at-secure"
#define REPORT_KILL		"--report-cap-kill"

#define CAP_KILL_BIT	5

/* ---- the re-executed runs ------------------------------------------------------------ */

/* Exit code: the parent-death signal, 99 if it cannot be read. */
static int report_pdeathsig(void)
{
	int sig = -1;

	return prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) ? 99 : sig;
}

/* The permitted and effective sets of the caller, through capget(2). */
static int caps_now(uint64_t *permitted, uint64_t *effective)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	*permitted = data[0].permitted | (uint64_t)data[1].permitted << 32;
	*effective = data[0].effective | (uint64_t)data[1].effective << 32;
	return 0;
}

/* Exit code: 1 if CAP_KILL is permitted, 0 if not, 99 if capget failed. */
static int report_cap_kill(void)
{
	uint64_t p, e;

	return caps_now(&p, &e) ? 99 : (int)(p >> CAP_KILL_BIT & 1);
}

/* execve()s the test with @what; returns only if that failed: 100 + errno. */
static int reexec(const char *what)
{
	execl("/proc/self/exe", "proc_prctl", what, (char *)NULL);
	return 100 + errno;
}

/* Forks a child that runs @setup (which must return 0) and then reexec(@what); its exit code. */
static int exec_report(int (*setup)(void), const char *what)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(setup() ? 98 : reexec(what));
	status = wait_status(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- signals ------------------------------------------------------------------------- */

/* Waits up to 10 s for the blocked @sig: 0 once it came, with its siginfo in @si. */
static int await_signal(int sig, siginfo_t *si)
{
	struct timespec limit = { 10, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, si, &limit) == sig ? 0 : -1;
}

/* Reaps every child there is: how many exited with 0 (-1 if one did not). */
static int reap_all(void)
{
	int status, n = 0, bad = 0;

	while (wait(&status) > 0) {
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad = 1;
		n++;
	}
	return bad ? -1 : n;
}

/* ---- PR_SET_PDEATHSIG ---------------------------------------------------------------- */

static void pdeathsig_values(void)
{
	int sig = -1;

	EXPECT_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	EXPECT_EQ(sig, 0);
	EXPECT_EQ(prctl(PR_SET_PDEATHSIG, 64, 0, 0, 0), 0);	/* _NSIG is valid */
	EXPECT_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	EXPECT_EQ(sig, 64);
	EXPECT_ERRNO(prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(PR_SET_PDEATHSIG, -1L, 0, 0, 0), EINVAL);
	EXPECT_EQ(prctl(PR_SET_PDEATHSIG, SIGUSR1, 1, 2, 3), 0);	/* the rest unread */
	EXPECT_ERRNO(prctl(PR_GET_PDEATHSIG, (int *)8, 0, 0, 0), EFAULT);
	EXPECT_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	EXPECT_EQ(sig, SIGUSR1);
	EXPECT_EQ(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0), 0);
	EXPECT_EQ(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0), 0);
	EXPECT_EQ(sig, 0);
}

static void t_pdeathsig_takes_a_signal_number(void)
{
	EXPECT_CHILD_OK(pdeathsig_values);
}

static void pdeathsig_fork(void)
{
	pid_t pid;

	ASSERT_EQ(prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(report_pdeathsig());
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(report_pdeathsig(), SIGUSR1);
}

/* It is the parent's wish about one child: a child of the child does not inherit it. */
static void t_pdeathsig_is_not_inherited(void)
{
	EXPECT_CHILD_OK(pdeathsig_fork);
}

/* A grandchild that asks for SIGUSR1 on its parent's death and reports what came. */
static void armed_grandchild(int ready, int report)
{
	siginfo_t si;
	long got[3];

	block_signal(SIGUSR1);
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) || write(ready, "r", 1) != 1)
		_exit(1);
	if (await_signal(SIGUSR1, &si))
		_exit(2);
	got[0] = si.si_pid;
	got[1] = si.si_code;
	got[2] = getppid();		/* the signal comes after the adoption */
	_exit(write(report, got, sizeof(got)) == sizeof(got) ? 0 : 3);
}

static void pdeathsig_parent_dies(void)
{
	int ready[2], report[2];
	long got[3] = { 0, 0, 0 };
	pid_t mid;
	char b;

	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);	/* to reap the orphan */
	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(report), 0);
	fflush(stdout);
	mid = fork();
	if (mid == 0) {
		if (fork() == 0)
			armed_grandchild(ready[1], report[1]);
		_exit(read(ready[0], &b, 1) == 1 ? 0 : 1);
	}
	EXPECT_EXIT(wait_status(mid), 0);
	ASSERT_EQ(read(report[0], got, sizeof(got)), (long)sizeof(got));
	EXPECT_EQ(got[0], mid);				/* sent as by the dying parent */
	EXPECT_EQ(got[1], SI_USER);
	EXPECT_EQ(got[2], getpid());
	EXPECT_EQ(reap_all(), 1);
}

static void t_pdeathsig_comes_when_the_parent_dies(void)
{
	EXPECT_CHILD_OK(pdeathsig_parent_dies);
}

struct thread_fork {
	pid_t parent;		/* the process */
	pid_t child;		/* what the thread forked */
	int ready[2];
};

/* A thread that forks an armed child and ends: the child's "parent" is this thread. */
static void *fork_and_end(void *arg)
{
	struct thread_fork *tf = arg;
	siginfo_t si;
	char b;

	tf->child = fork();
	if (tf->child == 0) {
		block_signal(SIGUSR1);
		if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) || write(tf->ready[1], "r", 1) != 1)
			_exit(1);
		if (await_signal(SIGUSR1, &si))
			_exit(2);
		_exit(getppid() == tf->parent ? 0 : 3);	/* still the same process's */
	}
	if (tf->child > 0 && read(tf->ready[0], &b, 1) != 1)
		tf->child = -1;
	return NULL;
}

static void pdeathsig_parent_thread_ends(void)
{
	struct thread_fork tf = { getpid(), -1, { -1, -1 } };
	pthread_t thread;

	ASSERT_EQ(pipe(tf.ready), 0);
	fflush(stdout);
	ASSERT_EQ(pthread_create(&thread, NULL, fork_and_end, &tf), 0);
	ASSERT_EQ(pthread_join(thread, NULL), 0);
	ASSERT_GT(tf.child, 0);
	EXPECT_EXIT(wait_status(tf.child), 0);
}

/* "Parent" means the thread that forked: its end sends the signal while the process lives. */
static void t_pdeathsig_comes_when_the_parent_thread_ends(void)
{
	EXPECT_CHILD_OK(pdeathsig_parent_thread_ends);
}

static int thread_ready_fd;

/* The second thread of the grandchild: only it asks for a signal. */
static void *arm_and_wait(void *arg)
{
	(void)arg;
	if (prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0) || write(thread_ready_fd, "r", 1) != 1)
		_exit(1);
	for (;;)
		pause();
	return NULL;
}

static void pdeathsig_of_a_thread(void)
{
	int ready[2];
	pthread_t thread;
	siginfo_t si;
	pid_t mid;
	char b;

	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	ASSERT_EQ(pipe(ready), 0);
	fflush(stdout);
	mid = fork();
	if (mid == 0) {
		if (fork() == 0) {
			block_signal(SIGUSR2);		/* in both threads */
			thread_ready_fd = ready[1];
			if (pthread_create(&thread, NULL, arm_and_wait, NULL))
				_exit(1);
			_exit(await_signal(SIGUSR2, &si) ? 2 : 0);
		}
		_exit(read(ready[0], &b, 1) == 1 ? 0 : 1);
	}
	EXPECT_EXIT(wait_status(mid), 0);
	EXPECT_EQ(reap_all(), 1);		/* the grandchild, once SIGUSR2 came */
}

/* Each thread's own wish is honoured, not only the group leader's. */
static void t_pdeathsig_of_a_non_leader_thread(void)
{
	EXPECT_CHILD_OK(pdeathsig_of_a_thread);
}

static int arm_usr1(void)
{
	return prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
}

/* Takes an effective uid that is not the real one (which forgets the signal), then arms SIGUSR1. */
static int setid_then_arm(void)
{
	return setresuid(-1, USER, -1) || prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
}

static void pdeathsig_and_ids(void)
{
	EXPECT_EQ(arm_usr1(), 0);
	EXPECT_EQ(setresuid(-1, -1, USER), 0);		/* the saved uid alone: kept */
	EXPECT_EQ(report_pdeathsig(), SIGUSR1);
	EXPECT_EQ(setresuid(-1, USER, -1), 0);		/* a new euid: forgotten */
	EXPECT_EQ(report_pdeathsig(), 0);
}

/*
 * A plain execve keeps the signal.  A change of effective id forgets it
 * (commit_creds), and so does an execve whose effective uid is not the
 * real one (a set-id exec, AT_SECURE), lest a parent signal a program
 * more privileged than itself.
 */
static void t_pdeathsig_kept_by_execve_forgotten_on_id_change(void)
{
	EXPECT_EQ(exec_report(arm_usr1, REPORT_PDEATHSIG), SIGUSR1);
	EXPECT_CHILD_OK(pdeathsig_and_ids);
	EXPECT_EQ(exec_report(setid_then_arm, REPORT_PDEATHSIG), 0);
}

/* ---- PR_SET_NO_NEW_PRIVS ------------------------------------------------------------ */

/* The NoNewPrivs line of /proc/self/status, -1 if there is none. */
static int status_no_new_privs(void)
{
	char buf[4096], *line;

	if (read_text("/proc/self/status", buf, sizeof(buf)) <= 0)
		return -1;
	line = strstr(buf, "NoNewPrivs:");
	return line ? atoi(line + strlen("NoNewPrivs:")) : -1;
}

static int set_nnp(void)
{
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static void no_new_privs_one_way(void)
{
	pid_t pid;

	EXPECT_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	EXPECT_ERRNO(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 1), EINVAL);
	EXPECT_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 1), EINVAL);
	EXPECT_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	EXPECT_EQ(status_no_new_privs(), 0);
	EXPECT_EQ(set_nnp(), 0);
	EXPECT_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
	EXPECT_EQ(set_nnp(), 0);				/* again: no change, no error */
	EXPECT_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);	/* no way back */
	EXPECT_EQ(status_no_new_privs(), 1);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	EXPECT_EXIT(wait_status(pid), 1);
}

/* Set once, for good: fork and execve keep it. */
static void t_no_new_privs_is_one_way_and_inherited(void)
{
	EXPECT_CHILD_OK(no_new_privs_one_way);
	EXPECT_EQ(exec_report(set_nnp, REPORT_NNP), 1);
}

/* Takes CAP_KILL out of the permitted and effective sets. */
static int drop_cap_kill(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];
	uint64_t p, e;

	if (caps_now(&p, &e))
		return -1;
	p &= ~(1ULL << CAP_KILL_BIT);
	data[0].effective = data[0].permitted = p;
	data[1].effective = data[1].permitted = p >> 32;
	data[0].inheritable = data[1].inheritable = 0;
	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

static int nnp_and_drop_cap_kill(void)
{
	return set_nnp() || drop_cap_kill();
}

static int euid_user(void)
{
	return setresuid(-1, USER, -1);
}

static int nnp_and_euid_user(void)
{
	return set_nnp() || setresuid(-1, USER, -1);
}

/* An fsgid outside one's groups: the exec's egid then counts as a new id. */
static int fsgid_other(void)
{
	return setgroups(0, NULL) || setfsgid(USER) != 0;
}

/*
 * Root's execve fills the permitted set from the bounding set, which
 * gives back what capset() dropped; under no_new_privs it may gain
 * nothing, and the new set stays within the old one.
 */
static void t_no_new_privs_execve_gains_no_capability(void)
{
	EXPECT_EQ(exec_report(drop_cap_kill, REPORT_KILL), 1);
	EXPECT_EQ(exec_report(nnp_and_drop_cap_kill, REPORT_KILL), 0);
}

/*
 * Since Linux 6.16 an exec changes the ids only if the effective uid
 * changes or the egid is not one of the caller's groups (fsgid or
 * supplementary), not whenever the effective ids differ from the real
 * ones.  So euid 1000 with uid 0 goes through no_new_privs unchanged
 * (before, it fell back to 0); it still makes the exec AT_SECURE.  An
 * fsgid moved away from the egid does count: AT_SECURE too.
 */
static void t_no_new_privs_and_the_ids_at_execve(void)
{
	EXPECT_EQ(exec_report(euid_user, REPORT_EUID), USER & 0xff);
	EXPECT_EQ(exec_report(nnp_and_euid_user, REPORT_EUID), USER & 0xff);
	EXPECT_EQ(exec_report(nnp_and_euid_user, REPORT_SECURE), 1);
	EXPECT_EQ(exec_report(set_nnp, REPORT_SECURE), 0);
	EXPECT_EQ(exec_report(fsgid_other, REPORT_SECURE), 1);
}

/* ---- PR_SET_CHILD_SUBREAPER --------------------------------------------------------- */

static void subreaper_values(void)
{
	int on = -1;
	pid_t pid;

	EXPECT_EQ(prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0), 0);
	EXPECT_EQ(on, 0);
	EXPECT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 2, 1, 1, 1), 0);	/* any non-zero; rest unread */
	EXPECT_EQ(prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0), 0);
	EXPECT_EQ(on, 1);
	EXPECT_ERRNO(prctl(PR_GET_CHILD_SUBREAPER, (int *)8, 0, 0, 0), EFAULT);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {			/* the child has one above it, but is not one */
		on = -1;
		prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0);
		_exit(on);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0), 0);
	EXPECT_EQ(prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0), 0);
	EXPECT_EQ(on, 0);
}

static void t_subreaper_set_and_get(void)
{
	EXPECT_CHILD_OK(subreaper_values);
}

/* A chain of processes, each the child of the one before. */
struct chain {
	int depth;
	int ready[2];	/* the deepest says it is armed ("r"), or a fork failed ("f") */
	int hold[2];	/* all but the last two wait for its end of file */
	int cut[2];	/* a byte here ends the last but one */
	int report[2];	/* the deepest's new parent */
};

/* Becomes node 1 of @c, forks node 2, ...: each node then waits for its turn. */
static void chain_node(struct chain *c)
{
	siginfo_t si;
	long ppid;
	int i;
	char b;

	close(c->hold[1]);
	close(c->cut[1]);
	for (i = 1; i < c->depth; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			(void)!write(c->ready[1], "f", 1);
			_exit(1);
		}
		if (pid > 0)
			break;		/* we are node i; the child goes on as node i + 1 */
	}
	if (i == c->depth) {
		block_signal(SIGUSR1);	/* to know when the parent is gone */
		if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) || write(c->ready[1], "r", 1) != 1)
			_exit(1);
		if (await_signal(SIGUSR1, &si))
			_exit(2);
		ppid = getppid();
		_exit(write(c->report[1], &ppid, sizeof(ppid)) == sizeof(ppid) ? 0 : 3);
	}
	(void)!read(i == c->depth - 1 ? c->cut[0] : c->hold[0], &b, 1);
	_exit(0);
}

static struct chain the_chain;

/*
 * Builds the chain below us, then becomes a subreaper: the descendants
 * that already exist must learn it (a walk of the whole tree).  The last
 * but one node then exits, and its child must come to us, not to init.
 */
static void adopt_from_existing_chain(void)
{
	struct chain *c = &the_chain;
	long ppid = 0;
	pid_t first;
	char b = 0;

	ASSERT_EQ(pipe(c->ready), 0);
	ASSERT_EQ(pipe(c->hold), 0);
	ASSERT_EQ(pipe(c->cut), 0);
	ASSERT_EQ(pipe(c->report), 0);
	fflush(stdout);
	first = fork();
	if (first == 0)
		chain_node(c);
	ASSERT_GT(first, 0);
	close(c->ready[1]);
	close(c->report[1]);
	EXPECT_EQ(read(c->ready[0], &b, 1), 1);
	EXPECT_EQ(b, 'r');
	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	EXPECT_EQ(write(c->cut[1], "c", 1), 1);
	EXPECT_EQ(read(c->report[0], &ppid, sizeof(ppid)), (long)sizeof(ppid));
	EXPECT_EQ(ppid, getpid());
	close(c->hold[1]);		/* the rest end, and come to us too */
	EXPECT_EQ(reap_all(), c->depth);
}

static void t_subreaper_adopts_from_existing_descendants(void)
{
	the_chain.depth = 3;
	EXPECT_CHILD_OK(adopt_from_existing_chain);
}

/* The same below a chain deeper than a kernel stack would allow a recursion. */
static void t_subreaper_adopts_from_a_deep_chain(void)
{
	the_chain.depth = 600;
	EXPECT_CHILD_OK(adopt_from_existing_chain);
}

/* ---- PR_SET_NAME -------------------------------------------------------------------- */

static void name_is(const char *want)
{
	char name[17], comm[32] = "", expect[32];
	int fd;

	memset(name, 0x7f, sizeof(name));
	EXPECT_EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
	EXPECT_STREQ(name, want);
	for (size_t i = strlen(want); i < 16; i++)	/* zeros after it: nothing stale */
		EXPECT_EQ(name[i], 0);
	EXPECT_EQ(name[16], 0x7f);			/* and exactly 16 bytes */
	fd = open("/proc/self/comm", O_RDONLY);
	EXPECT_GT(read(fd, comm, sizeof(comm) - 1), 0);
	close(fd);
	snprintf(expect, sizeof(expect), "%s\n", want);
	EXPECT_STREQ(comm, expect);
}

static void name_values(void)
{
	char *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	EXPECT_EQ(prctl(PR_SET_NAME, "0123456789abcdefghij", 0, 0, 0), 0);
	name_is("0123456789abcde");			/* 15 bytes and the NUL */
	EXPECT_EQ(prctl(PR_SET_NAME, "ab", 0, 0, 0), 0);
	name_is("ab");
	EXPECT_EQ(prctl(PR_SET_NAME, "", 0, 0, 0), 0);
	name_is("");
	EXPECT_ERRNO(prctl(PR_SET_NAME, (char *)8, 0, 0, 0), EFAULT);
	EXPECT_ERRNO(prctl(PR_GET_NAME, (char *)8, 0, 0, 0), EFAULT);
	ASSERT_TRUE(page != MAP_FAILED);
	ASSERT_EQ(munmap(page + 4096, 4096), 0);
	/* 15 bytes without a NUL just before a hole: only 15 are read */
	memcpy(page + 4096 - 15, "fifteen-letters", 15);
	EXPECT_EQ(prctl(PR_SET_NAME, page + 4096 - 15, 0, 0, 0), 0);
	name_is("fifteen-letters");
	/* 14: the 15th byte is in the hole */
	EXPECT_ERRNO(prctl(PR_SET_NAME, page + 4096 - 14, 0, 0, 0), EFAULT);
	name_is("fifteen-letters");
}

/* The name is cut to 15 bytes, read back as 16, and is /proc/PID/comm. */
static void t_name_set_and_get(void)
{
	EXPECT_CHILD_OK(name_values);
}

/* ---- the small ones ----------------------------------------------------------------- */

static void t_timing_is_statistical(void)
{
	EXPECT_EQ(prctl(PR_GET_TIMING, 0, 0, 0, 0), PR_TIMING_STATISTICAL);
	EXPECT_EQ(prctl(PR_SET_TIMING, PR_TIMING_STATISTICAL, 0, 0, 0), 0);
	EXPECT_ERRNO(prctl(PR_SET_TIMING, PR_TIMING_TIMESTAMP, 0, 0, 0), EINVAL);
}

static int tid_word;

static void tid_address(void)
{
	int *addr = NULL;

	syscall(SYS_set_tid_address, &tid_word);
	EXPECT_EQ(prctl(PR_GET_TID_ADDRESS, &addr, 0, 0, 0), 0);
	EXPECT_EQ((uintptr_t)addr, (uintptr_t)&tid_word);
	EXPECT_ERRNO(prctl(PR_GET_TID_ADDRESS, (int **)8, 0, 0, 0), EFAULT);
	syscall(SYS_set_tid_address, NULL);
	EXPECT_EQ(prctl(PR_GET_TID_ADDRESS, &addr, 0, 0, 0), 0);
	EXPECT_EQ((uintptr_t)addr, 0);
}

/* What set_tid_address() (or CLONE_CHILD_CLEARTID) left. */
static void t_tid_address_reads_back(void)
{
	EXPECT_CHILD_OK(tid_address);
}

static void t_unknown_options_are_einval(void)
{
	EXPECT_ERRNO(prctl(0, 0, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(12345, 0, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(-1, 0, 0, 0, 0), EINVAL);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], REPORT_PDEATHSIG))
		return report_pdeathsig();
	if (argc == 2 && !strcmp(argv[1], REPORT_NNP))
		return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	if (argc == 2 && !strcmp(argv[1], REPORT_EUID))
		return geteuid() & 0xff;
	if (argc == 2 && !strcmp(argv[1], REPORT_SECURE))
		return !!getauxval(AT_SECURE);
	if (argc == 2 && !strcmp(argv[1], REPORT_KILL))
		return report_cap_kill();
	if (geteuid() != 0) {
		printf("# proc_prctl: needs root\n");
		return 1;
	}
	return ktap_run(KTAP_CASES(t_pdeathsig_takes_a_signal_number,
				   t_pdeathsig_is_not_inherited,
				   t_pdeathsig_comes_when_the_parent_dies,
				   t_pdeathsig_comes_when_the_parent_thread_ends,
				   t_pdeathsig_of_a_non_leader_thread,
				   t_pdeathsig_kept_by_execve_forgotten_on_id_change,
				   t_no_new_privs_is_one_way_and_inherited,
				   t_no_new_privs_execve_gains_no_capability,
				   t_no_new_privs_and_the_ids_at_execve,
				   t_subreaper_set_and_get,
				   t_subreaper_adopts_from_existing_descendants,
				   t_subreaper_adopts_from_a_deep_chain,
				   t_name_set_and_get,
				   t_timing_is_statistical,
				   t_tid_address_reads_back,
				   t_unknown_options_are_einval));
}
