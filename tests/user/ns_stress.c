/*
 * ns_stress: several processes at once hammer what namespaces share and
 * lock: pid allocation and release across nested pid namespaces (a new
 * namespace inside a new namespace, many children dying in each), System
 * V IPC objects made and removed (or left for the namespace's teardown)
 * across IPC namespaces, and setns/unshare, then check the counts are
 * exact: every pid number a fresh namespace hands out, every object each
 * /proc/sysvipc file lists, the processes left, and the objects of the
 * test's own IPC namespace.  The harness boots it with the lock
 * validator and the debug checks on (any report fails the boot) and the
 * leak check after the suite counts the namespaces' memory back.
 *
 * NS_STRESS_ROUNDS in the environment multiplies the rounds;
 * NS_STRESS_SECONDS=S keeps each case's workers going, round after round,
 * until S seconds have passed since the case began (make stress-ns's long
 * run: a load, not a timed test; the checks stay the same values).  The
 * default keeps it to seconds under TCG.  Each case says how many rounds
 * its workers made.
 */
#include "ns_util.h"

#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/mman.h>
#include <dirent.h>
#include <ctype.h>
#include <time.h>

#define WORKERS		4	/* processes hammering at once */
#define ROUNDS		40	/* per worker, times NS_STRESS_ROUNDS */
#define CHILDREN	8	/* forked (and dying) in each new pid namespace */
#define OBJECTS		3	/* of each IPC kind per namespace and round */

static long rounds(void)
{
	const char *s = getenv("NS_STRESS_ROUNDS");
	long n = s ? atol(s) : 1;

	return ROUNDS * (n > 0 ? n : 1);
}

static struct timespec case_began;	/* run_workers sets it before the workers fork */
static long *rounds_made;		/* shared with the workers: the rounds they made */

/* Another round after @r ones?  At least rounds(), then until NS_STRESS_SECONDS. */
static int more_rounds(long r)
{
	const char *s = getenv("NS_STRESS_SECONDS");
	struct timespec now;

	if (r < rounds())
		return 1;
	if (!s || atol(s) <= 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - case_began.tv_sec < atol(s);
}

/* A worker's round done: counted for the case's report. */
static void round_made(void)
{
	__atomic_add_fetch(rounds_made, 1, __ATOMIC_RELAXED);
}

/* Runs @fn(i) in WORKERS children at once: how many of them failed. */
static int run_workers(int (*fn)(int i))
{
	pid_t pid[WORKERS];
	struct timespec now;
	int i, failed = 0;

	if (!rounds_made) {
		rounds_made = mmap(NULL, sizeof(*rounds_made), PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (rounds_made == MAP_FAILED)
			return WORKERS;
	}
	*rounds_made = 0;
	clock_gettime(CLOCK_MONOTONIC, &case_began);
	fflush(stdout);
	for (i = 0; i < WORKERS; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			_exit(fn(i));
	}
	for (i = 0; i < WORKERS; i++)
		failed += pid[i] < 0 || wait_exit(pid[i]) != 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	printf("# %d workers made %ld rounds in %ld s\n", WORKERS, *rounds_made,
	       (long)(now.tv_sec - case_began.tv_sec));
	return failed;
}

/* Processes this pid namespace's /proc lists. */
static int count_processes(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += isdigit((unsigned char)e->d_name[0]) != 0;
	closedir(d);
	return n;
}

/*
 * In a new pid namespace (we are its init): CHILDREN children that die at
 * once must get pids 2, 3, ... in order, each reaped; 0 if they did.
 */
static int fork_and_reap_in_fresh_namespace(void)
{
	int i;

	if (getpid() != 1)
		return 1;
	for (i = 0; i < CHILDREN; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid != i + 2 || wait_exit(pid) != 0)
			return 1;
	}
	return 0;
}

/* One round: a pid namespace, and inside it (after its own children) another. */
static int nested_round(void)
{
	pid_t outer = ns_clone(CLONE_NEWPID);

	if (outer == 0) {
		pid_t inner;

		if (fork_and_reap_in_fresh_namespace())
			_exit(1);
		inner = ns_clone(CLONE_NEWPID);
		if (inner == 0)
			_exit(fork_and_reap_in_fresh_namespace());
		_exit(inner != CHILDREN + 2 || wait_exit(inner) != 0);
	}
	return outer < 0 || wait_exit(outer) != 0;
}

static int pid_worker(int i)
{
	long r;

	(void)i;
	for (r = 0; more_rounds(r); r++) {
		if (nested_round())
			return 1;
		round_made();
	}
	return 0;
}

/* As the init of a pid namespace of its own, with its /proc: every process is ours. */
NS_CASE(nested_pid_namespaces_in_parallel, CLONE_NEWPID | CLONE_NEWNS)
{
	ASSERT_EQ(mount_own_proc(), 0);
	EXPECT_EQ(count_processes(), 1);
	EXPECT_EQ(run_workers(pid_worker), 0);
	EXPECT_EQ(count_processes(), 1);	/* every pid freed, none left a zombie */
}

/* Lines of /proc/sysvipc/@name after its header. */
static int sysvipc_objects(const char *name)
{
	char path[64], buf[8192], *p;
	int lines = 0;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", name);
	if (read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; *p; p++)
		lines += *p == '\n';
	return lines - 1;
}

static int sysvipc_counts_are(int n)
{
	return sysvipc_objects("msg") == n && sysvipc_objects("sem") == n &&
	       sysvipc_objects("shm") == n;
}

/* A worker's failed step, said as a KTAP diagnostic line: 1. */
static int worker_failed(int i, long round, const char *step)
{
	printf("# worker %d, round %ld: %s (errno %d)\n", i, round, step, errno);
	fflush(stdout);
	return 1;
}

/*
 * In a new IPC namespace: OBJECTS of each kind, exactly those listed;
 * then removed (the listing empty again), or on odd rounds left for the
 * namespace's teardown (free_ipcs) when the last process leaves.
 */
static int ipc_round(int w, long round)
{
	int msg[OBJECTS], sem[OBJECTS], shm[OBJECTS], i, ok;

	if (!sysvipc_counts_are(0))
		return worker_failed(w, round, "a new IPC namespace is not empty");
	for (i = 0; i < OBJECTS; i++) {
		msg[i] = msgget(i ? IPC_PRIVATE : 0x5157, IPC_CREAT | 0600);
		sem[i] = semget(i ? IPC_PRIVATE : 0x5157, 2, IPC_CREAT | 0600);
		shm[i] = shmget(i ? IPC_PRIVATE : 0x5157, 4096, IPC_CREAT | 0600);
		if (msg[i] < 0 || sem[i] < 0 || shm[i] < 0)
			return worker_failed(w, round, "msgget, semget or shmget");
	}
	if (!sysvipc_counts_are(OBJECTS))
		return worker_failed(w, round, "the objects listed");
	if (round & 1)
		return 0;
	for (i = 0, ok = 1; i < OBJECTS; i++)
		ok &= !msgctl(msg[i], IPC_RMID, NULL) && !semctl(sem[i], 0, IPC_RMID) &&
		      !shmctl(shm[i], IPC_RMID, NULL);
	if (!ok)
		return worker_failed(w, round, "IPC_RMID");
	return sysvipc_counts_are(0) ? 0 : worker_failed(w, round, "objects listed after IPC_RMID");
}

static int ipc_worker(int i)
{
	long r;

	for (r = 0; more_rounds(r); r++) {
		pid_t pid = ns_clone(CLONE_NEWIPC);

		if (pid == 0)
			_exit(ipc_round(i, r));
		if (pid < 0)
			return worker_failed(i, r, "clone(CLONE_NEWIPC)");
		if (wait_exit(pid) != 0)
			return 1;
		round_made();
	}
	return 0;
}

static void t_ipc_objects_across_namespaces_in_parallel(void)
{
	int msg = sysvipc_objects("msg"), sem = sysvipc_objects("sem");
	int shm = sysvipc_objects("shm");

	EXPECT_EQ(run_workers(ipc_worker), 0);
	EXPECT_EQ(sysvipc_objects("msg"), msg);	/* the test's own namespace: untouched */
	EXPECT_EQ(sysvipc_objects("sem"), sem);
	EXPECT_EQ(sysvipc_objects("shm"), shm);
}

/* Holds a new IPC and UTS namespace with one message queue (key 0x5158) in it. */
static int holder(int in, int out, void *arg)
{
	int id = msgget(0x5158, IPC_CREAT | 0600);

	(void)arg;
	if (id < 0 || sethostname("stress-holder", 13) || sync_post(out))
		return 1;
	sync_wait(in);		/* until the parent closes its end */
	return msgctl(id, IPC_RMID, NULL) != 0;
}

static int holder_ipc_fd = -1, holder_uts_fd = -1;

/*
 * setns into the holder's namespaces and back, and unshare into new ones
 * in a child, round after round: what each namespace shows must be its
 * own (the holder's queue and hostname there, neither in ours nor in a
 * new one).
 */
static int setns_worker(int i)
{
	int own_ipc = open("/proc/self/ns/ipc", O_RDONLY);
	int own_uts = open("/proc/self/ns/uts", O_RDONLY);
	char host[64];
	long r;

	if (own_ipc < 0 || own_uts < 0)
		return worker_failed(i, 0, "open /proc/self/ns");
	for (r = 0; more_rounds(r); r++) {
		pid_t pid;

		if (setns(holder_ipc_fd, CLONE_NEWIPC) || setns(holder_uts_fd, CLONE_NEWUTS))
			return worker_failed(i, r, "setns into the holder's");
		if (msgget(0x5158, 0) < 0 || gethostname(host, sizeof(host)) ||
		    strcmp(host, "stress-holder"))
			return worker_failed(i, r, "the holder's queue or hostname");
		if (setns(own_ipc, CLONE_NEWIPC) || setns(own_uts, CLONE_NEWUTS))
			return worker_failed(i, r, "setns back");
		if (msgget(0x5158, 0) >= 0 || errno != ENOENT)
			return worker_failed(i, r, "the holder's queue seen from ours");
		pid = fork();
		if (pid == 0)
			_exit(unshare(CLONE_NEWIPC | CLONE_NEWUTS) ? 2 : msgget(0x5158, 0) >= 0 ? 3 :
			      sysvipc_objects("msg") != 0 ? 4 : 0);
		if (pid < 0 || (errno = wait_exit(pid)) != 0)
			return worker_failed(i, r, "unshare in a child (errno: its exit code)");
		round_made();
	}
	return 0;
}

static void t_setns_and_unshare_in_parallel(void)
{
	struct ns_child h;
	char path[64];

	ASSERT_EQ(ns_spawn(&h, CLONE_NEWIPC | CLONE_NEWUTS, holder, NULL), 0);
	ASSERT_EQ(sync_wait(h.from), 0);
	holder_ipc_fd = open(ns_path(path, sizeof(path), h.pid, "ipc"), O_RDONLY);
	holder_uts_fd = open(ns_path(path, sizeof(path), h.pid, "uts"), O_RDONLY);
	EXPECT_GE(holder_ipc_fd, 0);
	EXPECT_GE(holder_uts_fd, 0);
	if (holder_ipc_fd >= 0 && holder_uts_fd >= 0)
		EXPECT_EQ(run_workers(setns_worker), 0);
	close(holder_ipc_fd);
	close(holder_uts_fd);
	EXPECT_EQ(ns_reap(&h), 0);
	EXPECT_EQ(msgget(0x5158, 0), -1);	/* never in ours */
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_nested_pid_namespaces_in_parallel,
				   t_ipc_objects_across_namespaces_in_parallel,
				   t_setns_and_unshare_in_parallel));
}
