/*
 * tools/fuzz/main.c: the fuzzer's processes, options and report.
 *
 *	fuzz [--seeds=A[-B]] [--calls=N] [--from=I] [--batch=N] [--only=LIST]
 *	     [--rounds=N] [--stall-ms=MS] [--kill-ms=MS]
 *	fuzz --print-c --seeds=S (--only=LIST | --calls=N [--from=I])
 *
 * Run as root (init starts it for `runfuzz=`), it makes a user namespace
 * whose uid 0 is uid 100000 outside and whose uid 65534 is 165534, and
 * becomes its root: from then on nothing it does reaches outside.  Each
 * seed runs in a process of its own, in new pid, ipc, uts and mount
 * namespaces (a fresh tmpfs on /tmp, a fresh /proc), as that pid
 * namespace's init; it runs the seed's calls in batches, each batch in a
 * child (run.c) that drops to uid 65534 under no_new_privs.  A batch that
 * makes no progress is poked with SIGALRM (to end a blocking call), then
 * killed; then everything left in the namespace is killed and reaped, and
 * the next batch starts.  The report is KTAP, one result per seed, and
 * the kernel's free memory and slab objects (/proc/slabinfo) before and
 * after; --rounds=N runs it all N times, to tell a leak (counters that
 * drift round after round) from what the first round leaves for good.
 *
 * --print-c prints the calls as a C program (the reproducer) and runs
 * nothing, so it works on any Linux machine.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "fuzz.h"

#define LIST_BASE	0x38000000UL	/* --only's indices, where no call aims */
#define LIST_MAX	(1UL << 20)

struct options {
	uint64_t seed_lo, seed_hi, from, calls, batch;
	uint64_t *list;
	unsigned long nlist;
	long stall_ms, kill_ms;
	uint64_t rounds;		/* the whole run again, to see memory settle */
	int print_c;
};

/* What a seed's process reports to the fuzzer's root (in the SHARED page). */
struct seed_stats {
	unsigned long calls, batches, died, stalled, killed;
};

static struct seed_stats *stats_page(void)
{
	return (struct seed_stats *)(SHARED + PAGE / 2);
}

/* ---- options -------------------------------------------------------------------------- */

/* "1,5,7-9" into @o->list (at LIST_BASE). */
static int parse_list(struct options *o, const char *text)
{
	char *end;

	o->list = mmap((void *)LIST_BASE, LIST_MAX * 8, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	if (o->list == MAP_FAILED)
		return -1;
	while (*text) {
		uint64_t a = strtoull(text, &end, 10), b = a;

		if (end == text)
			return -1;
		if (*end == '-')
			b = strtoull(end + 1, &end, 10);
		for (; a <= b && o->nlist < LIST_MAX; a++)
			o->list[o->nlist++] = a;
		text = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return -1;
	}
	return 0;
}

static int parse_options(struct options *o, int argc, char **argv)
{
	int i;

	*o = (struct options){ .seed_lo = 1, .seed_hi = 1, .calls = 5000, .batch = 100,
			       .stall_ms = 200, .kill_ms = 5000, .rounds = 1 };
	for (i = 1; i < argc; i++) {
		char *a = argv[i], *v = strchr(a, '='), *end;

		v = v ? v + 1 : "";
		if (!strncmp(a, "--seeds=", 8)) {
			o->seed_lo = o->seed_hi = strtoull(v, &end, 10);
			if (*end == '-')
				o->seed_hi = strtoull(end + 1, NULL, 10);
		} else if (!strncmp(a, "--calls=", 8)) {
			o->calls = strtoull(v, NULL, 10);
		} else if (!strncmp(a, "--from=", 7)) {
			o->from = strtoull(v, NULL, 10);
		} else if (!strncmp(a, "--batch=", 8)) {
			o->batch = strtoull(v, NULL, 10) ? strtoull(v, NULL, 10) : 1;
		} else if (!strncmp(a, "--only=", 7)) {
			if (parse_list(o, v))
				return -1;
		} else if (!strncmp(a, "--stall-ms=", 11)) {
			o->stall_ms = atol(v);
		} else if (!strncmp(a, "--kill-ms=", 10)) {
			o->kill_ms = atol(v);
		} else if (!strncmp(a, "--rounds=", 9)) {
			o->rounds = strtoull(v, NULL, 10) ? strtoull(v, NULL, 10) : 1;
		} else if (!strcmp(a, "--print-c")) {
			o->print_c = 1;
		} else {
			return -1;
		}
	}
	return o->seed_hi < o->seed_lo ? -1 : 0;
}

/* ---- --print-c: the reproducer -------------------------------------------------------- */

static void print_call_c(uint64_t seed, uint64_t index)
{
	char buf[32];
	struct call c;
	int i, j;

	make_call(seed, index, &c);
	printf("\t/* call %llu: %s */\n", (unsigned long long)index, call_name(&c, buf, sizeof(buf)));
	for (i = 0; i < c.nfill; i++) {
		printf("\tfill(0x%lxUL, \"", c.fill[i].addr);
		for (j = 0; j < (int)c.fill[i].len; j++)
			printf("\\x%02x", c.fill[i].bytes[j]);
		printf("\", %u);\n", c.fill[i].len);
	}
	printf("\t%s(%ld", c.special == SP_FORK ? "fork_call" : c.special == SP_SKIP ?
	       "/* skipped */ (void)" : "call", c.nr);
	for (i = 0; i < 6; i++)
		printf(", 0x%lxUL", c.a[i]);
	printf(");\n");
}

/* A C program that sets up as a batch does, then makes the calls (build it with run.c and gen.c). */
static void print_c(const struct options *o)
{
	uint64_t i;

	printf("/* Reproducer: seed %llu. Build: musl-gcc -static -Itools/fuzz -Ibuild/gen "
	       "repro.c tools/fuzz/repro_main.c tools/fuzz/run.c tools/fuzz/gen.c */\n",
	       (unsigned long long)o->seed_lo);
	printf("#include \"repro.h\"\n\nREPRO_SEED(%lluULL)\n\nvoid repro_calls(void)\n{\n",
	       (unsigned long long)o->seed_lo);
	if (o->list)
		for (i = 0; i < o->nlist; i++)
			print_call_c(o->seed_lo, o->list[i]);
	else
		for (i = o->from; i < o->from + o->calls; i++)
			print_call_c(o->seed_lo, i);
	printf("}\n");
}

/* ---- one batch, supervised -------------------------------------------------------------- */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* Waits for the batch child, poking it when it stalls and killing it when it stays stuck. */
static void supervise(pid_t pid, const struct options *o, struct seed_stats *st)
{
	struct shared *sh = (struct shared *)SHARED;
	unsigned long last = sh->progress;
	long since = now_ms(), killed_at = 0;
	int status, poked = 0;

	while (waitpid(pid, &status, WNOHANG) != pid) {
		sleep_ms(20);
		if (sh->progress != last) {
			last = sh->progress;
			since = now_ms();
			poked = 0;
		} else if (!poked && now_ms() - since > o->stall_ms) {
			kill(pid, SIGALRM);
			poked = 1;
			st->stalled++;
		} else if (!killed_at && now_ms() - since > o->kill_ms) {
			kill(pid, SIGKILL);
			killed_at = now_ms();
			st->killed++;
		} else if (killed_at && now_ms() - killed_at > 30000) {
			printf("# BUG? batch child %d unkillable in system call %ld\n", pid,
			       sh->last_nr);
			killed_at = now_ms();
		}
	}
	st->calls += sh->progress;
	st->batches++;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return;
	st->died++;
	if (WIFSIGNALED(status))
		printf("#   ended early by signal %d at call %lu (number %ld)\n", WTERMSIG(status),
		       sh->progress, sh->last_nr);
	else
		printf("#   ended early with status %d at call %lu (number %ld)\n",
		       WEXITSTATUS(status), sh->progress, sh->last_nr);
}

/* Kills and reaps whatever the batch left in our pid namespace. */
static void reap_all(void)
{
	kill(-1, SIGKILL);
	while (waitpid(-1, NULL, __WALL) > 0 || errno == EINTR)
		;
}

static void run_one_batch(const struct options *o, struct batch *b, struct seed_stats *st)
{
	struct shared *sh = (struct shared *)SHARED;
	pid_t pid;

	sh->progress = 0;
	sh->last_nr = -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		run_batch(b);
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
		st->died++;
		return;
	}
	supervise(pid, o, st);
	reap_all();
}

/* ---- one seed, in its own namespaces ---------------------------------------------------- */

static int seed_setup(void)
{
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("tmpfs", "/tmp", "tmpfs", 0, "") ||
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		return -1;
	umask(0);
	if (mkdir("/tmp/fuzz", 0777) || mkdir("/tmp/fuzz/dir", 0777) ||
	    mkdir("/tmp/fuzz/mnt", 0777))
		return -1;
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

/*
 * --only: the listed calls, each in the batch process it had in the full
 * run (the calls of one batch, index / batch size, in one child), so a
 * shrunk list keeps the processes a crash may depend on.
 */
static void run_listed(const struct options *o, struct batch *b, struct seed_stats *st)
{
	unsigned long i = 0, j;

	while (i < o->nlist) {
		for (j = i; j < o->nlist && o->list[j] / o->batch == o->list[i] / o->batch; j++)
			;
		b->list = o->list + i;
		b->n = j - i;
		printf("# seed %llu calls %llu-%llu (%lu listed)\n", (unsigned long long)b->seed,
		       (unsigned long long)o->list[i], (unsigned long long)o->list[j - 1], j - i);
		run_one_batch(o, b, st);
		i = j;
	}
}

static void __attribute__((noreturn)) seed_init(const struct options *o, uint64_t seed)
{
	struct seed_stats *st = stats_page();
	struct batch b = { .seed = seed };
	uint64_t at;

	if (seed_setup()) {
		printf("# seed %llu: setting up its namespaces failed: %s\n",
		       (unsigned long long)seed, strerror(errno));
		_exit(1);
	}
	if (o->list) {
		run_listed(o, &b, st);
		_exit(0);
	}
	for (at = o->from; at < o->from + o->calls; at += o->batch) {
		b.from = at;
		b.to = at + o->batch < o->from + o->calls ? at + o->batch : o->from + o->calls;
		printf("# seed %llu calls %llu-%llu\n", (unsigned long long)seed,
		       (unsigned long long)b.from, (unsigned long long)b.to - 1);
		run_one_batch(o, &b, st);
	}
	_exit(0);
}

/* Runs @seed in a new pid, ipc, uts and mount namespace; 0 if its process ended well. */
static int run_seed(const struct options *o, uint64_t seed, struct seed_stats *st)
{
	long flags = CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS | SIGCHLD;
	pid_t pid;
	int status;

	memset(stats_page(), 0, sizeof(*st));
	fflush(stdout);
	pid = syscall(SYS_clone, flags, 0, NULL, NULL, 0);
	if (pid == 0)
		seed_init(o, seed);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	*st = *stats_page();
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- the fuzzer's root: a user namespace of its own ---------------------------------------- */

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/* Maps uid/gid 0 to 100000 and 65534 to 165534 for @pid (written from outside, as root). */
static int map_ids(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	if (write_file(path, "0 100000 1\n65534 165534 1\n"))
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	return write_file(path, "0 100000 1\n65534 165534 1\n");
}

/* The kernel's free memory, from /proc/meminfo (kB), or -1. */
static long mem_free_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* Each slab cache's objects in use, from /proc/slabinfo. */
struct slab_count {
	char name[32];
	long active;
};
#define MAX_CACHES	128

/* Reads /proc/slabinfo into @c; the number of caches, or -1 without the file. */
static int read_slabinfo(struct slab_count *c)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (n < MAX_CACHES && fgets(line, sizeof(line), f))
		if (line[0] != '#' && strncmp(line, "slabinfo", 8) &&
		    sscanf(line, "%31s %ld", c[n].name, &c[n].active) == 2)
			n++;
	fclose(f);
	return n;
}

static long total_objects(const struct slab_count *c, int n)
{
	long sum = 0;

	while (n-- > 0)
		sum += c[n].active;
	return sum;
}

/*
 * The last processes' memory goes after their parent reaped them (a task
 * is freed once the scheduler has switched away from it, and its
 * credentials and namespaces with it): give that up to 3 s.
 */
static void settle(long objects_before)
{
	struct slab_count now[MAX_CACHES];
	int i;

	for (i = 0; i < 30; i++) {
		int n = read_slabinfo(now);

		if (n < 0 || total_objects(now, n) <= objects_before)
			return;
		sleep_ms(100);
	}
}

/* Any process left besides init and us: a task the run could not end is a kernel bug. */
static void report_tasks_left(void)
{
	DIR *d = opendir("/proc");
	char path[300], line[128];
	struct dirent *e;
	FILE *f;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9' || atoi(e->d_name) == 1 ||
		    atoi(e->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f) && !strstr(line, ") S 2 ") &&
		    !strstr(line, ") S 0 "))		/* not a kernel thread */
			printf("#   a task is left: %s", line);
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
}

/*
 * The counters after the run against before: the totals, and each cache
 * that changed.  A task_struct still held once every task the run made is
 * reaped and freed is a leaked reference: a "BUG:" line, which fails the
 * boot (tools/harness.py, tools/fuzz.py).
 */
static void report_memory(long free_before, const struct slab_count *before, int nb)
{
	struct slab_count after[MAX_CACHES];
	int na = read_slabinfo(after), i, j;

	printf("# memory: MemFree %ld kB before, %ld kB after; slab objects %ld before, "
	       "%ld after\n", free_before, mem_free_kb(), nb < 0 ? -1 : total_objects(before, nb),
	       na < 0 ? -1 : total_objects(after, na));
	for (i = 0; i < na; i++) {
		long was = 0;

		for (j = 0; j < nb; j++)
			if (!strcmp(before[j].name, after[i].name))
				was = before[j].active;
		if (was != after[i].active)
			printf("#   %s: %ld objects before, %ld after\n", after[i].name, was,
			       after[i].active);
		if (!strcmp(after[i].name, "task_struct") && after[i].active > was)
			printf("BUG: fuzz: %ld task_struct objects still held with every task gone\n",
			       after[i].active - was);
	}
}

static int fuzz_root(const struct options *o)
{
	struct seed_stats st = { 0 }, total = { 0 };
	unsigned long failed = 0, n = 0;
	uint64_t seed;

	if (setresgid(0, 0, 0) || setresuid(0, 0, 0)) {
		printf("# cannot become root of the fuzzer's user namespace: %s\n", strerror(errno));
		return 1;
	}
	for (seed = o->seed_lo; seed <= o->seed_hi; seed++) {
		int bad = run_seed(o, seed, &st);

		failed += bad != 0;
		printf("%s %lu seed-%llu # calls %lu, batches %lu, ended early %lu, stalled %lu, "
		       "killed %lu\n", bad ? "not ok" : "ok", ++n, (unsigned long long)seed,
		       st.calls, st.batches, st.died, st.stalled, st.killed);
		total.calls += st.calls;
		total.batches += st.batches;
	}
	printf("# matryoshka-fuzz: %lu seeds, %lu calls, %lu batches, %lu failed\n", n,
	       total.calls, total.batches, failed);
	return failed ? 1 : 0;
}

/* One run of every seed under a new fuzzer root (a user namespace); its exit status. */
static int run_round(const struct options *o)
{
	int sync[2], status;
	pid_t pid;
	char go;

	if (pipe(sync))
		return 1;
	pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, NULL, NULL, 0);
	if (pid == 0) {
		close(sync[1]);
		if (read(sync[0], &go, 1) != 1)
			_exit(1);
		_exit(fuzz_root(o));
	}
	close(sync[0]);
	if (pid < 0 || map_ids(pid) || write(sync[1], "g", 1) != 1) {
		printf("# cannot make the fuzzer's user namespace: %s\n", strerror(errno));
		return 1;
	}
	close(sync[1]);
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv)
{
	struct slab_count slab_before[MAX_CACHES];
	struct options o;
	long free_before;
	int nslab, status = 0;
	uint64_t round;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse_options(&o, argc, argv)) {
		fprintf(stderr, "usage: fuzz [--seeds=A[-B]] [--calls=N] [--from=I] [--batch=N] "
			"[--only=LIST] [--rounds=N] [--stall-ms=MS] [--kill-ms=MS] [--print-c]\n");
		return 2;
	}
	if (o.print_c) {
		print_c(&o);
		return 0;
	}
	printf("KTAP version 1\n1..%llu\n",
	       (unsigned long long)(o.seed_hi - o.seed_lo + 1) * o.rounds);
	if (mmap((void *)SHARED, PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
		printf("# setting up: %s\n", strerror(errno));
		return 1;
	}
	free_before = mem_free_kb();
	nslab = read_slabinfo(slab_before);
	for (round = 1; round <= o.rounds; round++) {
		status |= run_round(&o);
		settle(total_objects(slab_before, nslab));
		printf("# after round %llu of %llu:\n", (unsigned long long)round,
		       (unsigned long long)o.rounds);
		report_memory(free_before, slab_before, nslab);
		report_tasks_left();
	}
	return status;
}
