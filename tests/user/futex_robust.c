/*
 * futex_robust: set_robust_list, get_robust_list, and what the kernel does
 * with the list when its thread dies.  A list of the right size is taken
 * and read back (EINVAL otherwise); another process's list is readable
 * with the right to look into it (EPERM for another user or a process that
 * is not dumpable, ESRCH for none).  When a thread exits, a process exits
 * or is killed, or a process execs, every lock word on its list that still
 * holds its thread id becomes FUTEX_OWNER_DIED (FUTEX_WAITERS kept) and a
 * waiter on it is woken; words held by others stay as they are; the
 * pending entry counts too.  A robust pthread mutex in shared memory
 * whose owner process died gives EOWNERDEAD.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

/* uapi/linux/futex.h */
#define FUTEX_WAIT		0
#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000

struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};

/* A lock as glibc lays one out: the list entry, then the word. */
struct lock {
	struct robust_list next;
	uint32_t word;
};

struct shared {
	struct robust_list_head head;
	struct lock lock[4];
	volatile int stage;
};

static struct shared *sh;

static long set_list(struct robust_list_head *head, size_t len)
{
	return syscall(SYS_set_robust_list, head, len);
}

/* Links lock[0..n-1] into @s's list, each held by @tid (waiters on the second). */
static void hold_locks(struct shared *s, int n, uint32_t tid)
{
	int i;

	s->head.futex_offset = offsetof(struct lock, word) - offsetof(struct lock, next);
	s->head.list_op_pending = NULL;
	s->head.list.next = &s->head.list;
	for (i = n - 1; i >= 0; i--) {
		s->lock[i].word = tid | (i == 1 ? FUTEX_WAITERS : 0);
		s->lock[i].next.next = s->head.list.next;
		s->head.list.next = &s->lock[i].next;
	}
}

static void expect_dead(uint32_t word, uint32_t waiters)
{
	EXPECT_EQ(word, FUTEX_OWNER_DIED | waiters);
}

static void t_set_and_get_own_list(void)
{
	struct robust_list_head head, *got = NULL;
	size_t len = 0;

	EXPECT_ERRNO(set_list(&head, sizeof(head) - 1), EINVAL);
	EXPECT_ERRNO(set_list(&head, sizeof(head) + 8), EINVAL);
	ASSERT_EQ(set_list(&head, sizeof(head)), 0);
	ASSERT_EQ(syscall(SYS_get_robust_list, 0, &got, &len), 0);
	EXPECT_TRUE(got == &head);
	EXPECT_EQ(len, sizeof(head));
	ASSERT_EQ(syscall(SYS_get_robust_list, gettid(), &got, &len), 0);
	EXPECT_TRUE(got == &head);
	EXPECT_ERRNO(syscall(SYS_get_robust_list, 0, (void *)8, &len), EFAULT);
	EXPECT_ERRNO(syscall(SYS_get_robust_list, 0, &got, (void *)8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_get_robust_list, 0x3fffff, &got, &len), ESRCH);
	set_list(NULL, sizeof(head));	/* nothing to walk when this test exits */
}

static struct robust_list_head parked_head;

static void park_with_list(void)
{
	set_list(&parked_head, sizeof(parked_head));
}

/* The parked target: an unprivileged user, dumpable or not. */
static void park_as(uid_t id, int dumpable)
{
	park_with_list();
	setresgid(id, id, id);
	setresuid(id, id, id);
	prctl(PR_SET_DUMPABLE, dumpable);	/* the id change made it 0 */
}

static void park_nobody_dumpable(void) { park_as(65534, 1); }
static void park_nobody_not_dumpable(void) { park_as(65534, 0); }
static void park_other_user(void) { park_as(65533, 1); }

static pid_t target;

/* As the unprivileged user 65534: @target's list is readable, or EPERM. */
static void read_as_nobody(int expected_errno)
{
	struct robust_list_head *got = NULL;
	size_t len;

	setresgid(65534, 65534, 65534);
	setresuid(65534, 65534, 65534);
	if (!expected_errno) {
		EXPECT_EQ(syscall(SYS_get_robust_list, target, &got, &len), 0);
		EXPECT_TRUE(got == &parked_head);	/* the same address in the fork child */
	} else {
		EXPECT_ERRNO(syscall(SYS_get_robust_list, target, &got, &len), expected_errno);
	}
}

static void read_allowed(void) { read_as_nobody(0); }
static void read_denied(void) { read_as_nobody(EPERM); }

/* Reads the list of a child parked by @setup, as nobody; 0 if it went as @allowed says. */
static int read_parked(void (*setup)(void), bool allowed)
{
	struct parked_child c;
	int status;

	if (park_child(&c, setup))
		return -1;
	target = c.pid;
	status = run_in_child(allowed ? read_allowed : read_denied);
	release_child(&c);
	return status;
}

static void t_get_another_process_list(void)
{
	struct robust_list_head *got = NULL;
	struct parked_child c;
	size_t len;

	ASSERT_EQ(park_child(&c, park_with_list), 0);
	ASSERT_EQ(syscall(SYS_get_robust_list, c.pid, &got, &len), 0);	/* root may */
	EXPECT_TRUE(got == &parked_head);
	release_child(&c);
	EXPECT_EQ(read_parked(park_nobody_dumpable, true), 0);
	EXPECT_EQ(read_parked(park_nobody_not_dumpable, false), 0);
	EXPECT_EQ(read_parked(park_other_user, false), 0);
	EXPECT_EQ(read_parked(park_with_list, false), 0);	/* root's process */
}

/* The holder's kinds of death; each leaves the locks it held marked. */
static void die_by_exit(void)
{
	hold_locks(sh, 3, gettid());
	sh->lock[2].word = 12345;		/* someone else's: untouched */
	set_list(&sh->head, sizeof(sh->head));
	_exit(0);
}

static void die_by_sigkill(void)
{
	hold_locks(sh, 2, gettid());
	set_list(&sh->head, sizeof(sh->head));
	raise(SIGKILL);
}

static void t_process_exit_marks_its_locks(void)
{
	int status = run_in_child(die_by_exit);

	EXPECT_TRUE(WIFEXITED(status));
	expect_dead(sh->lock[0].word, 0);
	expect_dead(sh->lock[1].word, FUTEX_WAITERS);
	EXPECT_EQ(sh->lock[2].word, 12345);
	status = run_in_child(die_by_sigkill);
	EXPECT_TRUE(WIFSIGNALED(status));
	expect_dead(sh->lock[0].word, 0);
	expect_dead(sh->lock[1].word, FUTEX_WAITERS);
}

/* The entry being taken (list_op_pending) counts, even off the list. */
static void die_with_pending(void)
{
	hold_locks(sh, 1, gettid());
	sh->lock[3].word = gettid();
	sh->head.list_op_pending = &sh->lock[3].next;
	set_list(&sh->head, sizeof(sh->head));
	_exit(0);
}

static void t_pending_entry_is_marked(void)
{
	EXPECT_EQ(run_in_child(die_with_pending), 0);
	expect_dead(sh->lock[0].word, 0);
	expect_dead(sh->lock[3].word, 0);
}

static int after_exec(void)
{
	return 0;
}

static void die_by_exec(void)
{
	char *argv[] = { self_exe(), "--after-exec", NULL };

	hold_locks(sh, 2, gettid());
	set_list(&sh->head, sizeof(sh->head));
	execv(self_exe(), argv);
	_exit(4);
}

static void t_exec_marks_the_locks(void)
{
	EXPECT_EQ(run_in_child(die_by_exec), 0);
	expect_dead(sh->lock[0].word, 0);
	expect_dead(sh->lock[1].word, FUTEX_WAITERS);
}

/* A thread that leaves with exit(2) itself, not through libc's pthread_exit. */
static volatile pid_t dying_tid;

static void *thread_dies_holding(void *arg)
{
	(void)arg;
	hold_locks(sh, 2, gettid());
	set_list(&sh->head, sizeof(sh->head));
	dying_tid = gettid();
	syscall(SYS_exit, 0);
	return NULL;
}

/*
 * In a child of its own: libc never learns its thread ended, so it is
 * not joined; the thread is gone once tgkill finds no such thread.
 */
static void thread_exit_case(void)
{
	pthread_t th;

	dying_tid = 0;
	ASSERT_EQ(pthread_create(&th, NULL, thread_dies_holding, NULL), 0);
	while (!dying_tid)
		sched_yield();
	while (syscall(SYS_tgkill, getpid(), dying_tid, 0) == 0)
		sched_yield();
	EXPECT_EQ(errno, ESRCH);
	expect_dead(sh->lock[0].word, 0);
	expect_dead(sh->lock[1].word, FUTEX_WAITERS);
}

static void t_thread_exit_marks_its_locks(void)
{
	EXPECT_EQ(run_in_child(thread_exit_case), 0);
}

/* Is thread @tid asleep (state S in its stat)? */
static int sleeping(pid_t pid, pid_t tid)
{
	char path[64], buf[256], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	buf[0] = 0;
	fgets(buf, sizeof(buf), f);
	fclose(f);
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

static pid_t waiter_pid, waiter_tid;

/* Holds lock[1] (with waiters) until we sleep on it, then exits. */
static void hold_until_waiter_sleeps(void)
{
	hold_locks(sh, 2, gettid());
	set_list(&sh->head, sizeof(sh->head));
	sh->stage = 1;
	while (!sleeping(waiter_pid, waiter_tid))
		;
	_exit(0);
}

static void t_death_wakes_a_waiter(void)
{
	uint32_t seen;
	pid_t child;
	long r;

	waiter_pid = getpid();
	waiter_tid = gettid();
	sh->stage = 0;
	child = fork();
	if (child == 0)
		hold_until_waiter_sleeps();
	ASSERT_GT(child, 0);
	while (!sh->stage)
		;
	seen = sh->lock[1].word;
	r = syscall(SYS_futex, &sh->lock[1].word, FUTEX_WAIT, seen, NULL, NULL, 0);
	EXPECT_TRUE(r == 0 || errno == EAGAIN);	/* woken, or it had died already */
	expect_dead(sh->lock[1].word, FUTEX_WAITERS);
	EXPECT_EQ(wait_status(child), 0);
}

/* What libc makes of it: the next locker of a robust mutex is told the owner died. */
static void t_robust_mutex_owner_death_is_eownerdead(void)
{
	pthread_mutex_t *m = (pthread_mutex_t *)&sh->lock[0];
	pthread_mutexattr_t a;
	pid_t child;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	ASSERT_EQ(pthread_mutex_init(m, &a), 0);
	child = fork();
	if (child == 0) {
		pthread_mutex_lock(m);
		_exit(0);
	}
	ASSERT_GT(child, 0);
	EXPECT_EQ(wait_status(child), 0);
	EXPECT_EQ(pthread_mutex_lock(m), EOWNERDEAD);
	EXPECT_EQ(pthread_mutex_consistent(m), 0);
	EXPECT_EQ(pthread_mutex_unlock(m), 0);
}

/* task_struct's active objects in /proc/slabinfo, or -1 where it cannot be read. */
static long task_structs(void)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[256];
	long n = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "task_struct %ld", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

/*
 * get_robust_list naming the caller's own pid once kept a reference on
 * the caller's task, so no such process was ever freed (found by the
 * fuzzer's leak check, tools/fuzz).  64 children do it; after they are
 * reaped the task_struct count comes back within one slab or two.
 */
static void t_own_pid_lookup_frees_the_task(void)
{
	long before = task_structs(), after = before;
	int i, tries;

	if (before < 0)
		KTAP_SKIP("no /proc/slabinfo to count tasks with");
	for (i = 0; i < 64; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			struct robust_list_head *got;
			size_t len;

			_exit(syscall(SYS_get_robust_list, getpid(), &got, &len) ? 1 : 0);
		}
		ASSERT_GT(pid, 0);
		EXPECT_EQ(wait_status(pid), 0);
	}
	for (tries = 0; tries < 30 && (after = task_structs()) - before >= 32; tries++)
		usleep(100000);		/* a reaped task goes once nothing runs on it */
	EXPECT_LT(after - before, 32);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--after-exec"))
		return after_exec();
	self_exe_init(argv[0]);
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	return ktap_run(KTAP_CASES(t_set_and_get_own_list, t_get_another_process_list,
				   t_process_exit_marks_its_locks, t_pending_entry_is_marked,
				   t_exec_marks_the_locks, t_thread_exit_marks_its_locks,
				   t_death_wakes_a_waiter,
				   t_robust_mutex_owner_death_is_eownerdead,
				   t_own_pid_lookup_frees_the_task));
}
