/*
 * user/init/leakcheck.c: after the tests, the kernel's memory is back to
 * what it was before them.
 *
 * Before the first test and after the last (every process of the tests
 * killed and reaped), init reads the kernel's own counters: MemFree and
 * Slab in /proc/meminfo, and each cache's active objects in
 * /proc/slabinfo.  A slab object still allocated is a leak, and so is a
 * page.  Pages are compared as MemFree + Slab + init's own (RssAnon and
 * VmPTE in /proc/self/status): slab pages are accounted by their objects
 * (the same objects may end up spread over more slabs than before, which
 * is not a leak), and init may have touched a page of its own stack or
 * heap for the first time since the baseline, which is not the kernel's;
 * the pages of init's binary it maps for the first time (RssFile) are
 * not counted: they were in the page cache, not free, before it did;
 * likewise init's own VMAs (the lines of /proc/self/maps: musl's malloc
 * maps memory as init's list of results grows) are not counted among the
 * vm_area_struct objects.
 * No other user process exists at either point.  The verdict is one line
 * for the harness:
 *
 *	# matryoshka-leak-check: ok (507400 kB free, in slabs or init's, 623 slab objects, 0 new caches)
 *	# matryoshka-leak-check: LEAK: 8 kB of pages; kmalloc-64 +2, dentry +1
 *
 * The one inode every eventfd, epoll set, signalfd and timerfd shares gets
 * its flock context before the baseline: it keeps it for good, as Linux's.
 *
 * One growth is not a leak: a cache made during the tests and kept, as
 * Linux keeps it (the pid cache of a deeper pid namespace, pid_N), costs
 * the kernel one kmem_cache object for good.  The check expects exactly
 * one more kmem_cache object per new cache, and names the new caches.
 *
 * With slub_debug=U, /proc/slab_allocators counts each cache's live
 * objects by the call site that allocated them: a leak report then lists
 * the call sites that hold more objects than at the baseline, as
 * "#   kmalloc-64: +2 foo+0x1c/0x80".
 *
 * The files are read with read(2) into static buffers, and once before
 * the baseline, so that reading them costs init no memory it did not
 * have at the first reading.  A task reaped by init may not have made its
 * last context switch yet (which frees its stack and task_struct), so
 * both readings are retried after sched_yield(), which lets such a task
 * run, a bounded number of times: the baseline until it is steady, the
 * final one until it matches.  Some releases wait on a timer (the OOM
 * reaper holds its victim for OOM_REAPER_DELAY, 2 s), so the final reading
 * is then retried every 100 ms for 5 s more: only what stays allocated
 * after that is a leak.
 */
#define _GNU_SOURCE	/* cpu_set_t */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/msg.h>
#include <unistd.h>
#include "init.h"

#define MAX_CACHES	128
#define MAX_SITES	2048

struct mem_snapshot {
	long kb;			/* MemFree + Slab + init's RssAnon + VmPTE */
	long own_vmas;			/* init's VMAs: the lines of /proc/self/maps */
	int ncaches;
	struct {
		char name[32];
		long active;
	} cache[MAX_CACHES];
};

/* Live objects per "cache: call site", from /proc/slab_allocators. */
struct site_count {
	char key[112];
	long count;
};

static struct mem_snapshot before, after;
static struct site_count sites[MAX_SITES];
static int nsites;
static char buf[262144], report[1024];	/* static: no deeper stack at the end than at the start */

/* @path's contents in buf (NUL-terminated); its length, or -1. */
static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return r < 0 ? -1 : n;
}

static long meminfo_kb(const char *field)
{
	char *p = strstr(buf, field);

	return p ? strtol(p + strlen(field), NULL, 10) : -1;
}

/*
 * A CPU that goes idle keeps the last process's mm loaded and referenced
 * (lazy TLB, as Linux's), until it runs another process: after the tests
 * an idle CPU may still hold a dead test's mm_struct and its page table,
 * which is no leak.  Init runs once on each of its CPUs before a reading,
 * so that what each CPU keeps is init's own mm.
 */
static void visit_every_cpu(void)
{
	cpu_set_t all, one;

	if (sched_getaffinity(0, sizeof(all), &all) || CPU_COUNT(&all) < 2)
		return;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (!sched_setaffinity(0, sizeof(one), &one))
			sched_yield();
	}
	sched_setaffinity(0, sizeof(all), &all);
}

static int take_snapshot(struct mem_snapshot *s)
{
	char *line, *save = NULL;

	visit_every_cpu();

	if (read_file("/proc/self/status") < 0)
		return -1;
	s->kb = meminfo_kb("\nRssAnon:") + meminfo_kb("\nVmPTE:");
	if (read_file("/proc/self/maps") < 0)
		return -1;
	s->own_vmas = 0;
	for (char *p = buf; (p = strchr(p, '\n')); p++)
		s->own_vmas++;
	if (read_file("/proc/meminfo") < 0)
		return -1;
	s->kb += meminfo_kb("\nMemFree:") + meminfo_kb("\nSlab:");
	if (read_file("/proc/slabinfo") < 0)
		return -1;
	s->ncaches = 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || !strncmp(line, "slabinfo", 8) || s->ncaches == MAX_CACHES)
			continue;
		if (sscanf(line, "%31s %ld", s->cache[s->ncaches].name,
			   &s->cache[s->ncaches].active) == 2)
			s->ncaches++;
	}
	return 0;
}

static bool same_as_before(void);

/* Splits "cache: 3 caller+0x1/0x2" into the key "cache: caller+0x1/0x2" and 3. */
static int parse_site(char *line, char *key, size_t size, long *count)
{
	char *colon = strchr(line, ':'), *end;

	if (!colon)
		return -1;
	*count = strtol(colon + 1, &end, 10);
	if (end == colon + 1)
		return -1;
	snprintf(key, size, "%.*s:%s", (int)(colon - line), line, end);
	return 0;
}

/* Records (@baseline) or compares with the record each call site's count. */
static void read_sites(bool baseline)
{
	char *line, *save = NULL, key[sizeof(sites[0].key)];
	long count;
	int i;

	if (read_file("/proc/slab_allocators") <= 0)
		return;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (parse_site(line, key, sizeof(key), &count) < 0)
			continue;
		if (baseline) {
			if (nsites < MAX_SITES) {
				strcpy(sites[nsites].key, key);
				sites[nsites++].count = count;
			}
			continue;
		}
		for (i = 0; i < nsites && strcmp(sites[i].key, key); i++)
			;
		if (count > (i < nsites ? sites[i].count : 0))
			printf("#   %.*s: %+ld%s\n", (int)(strchr(key, ':') - key), key,
			       count - (i < nsites ? sites[i].count : 0), strchr(key, ':') + 1);
	}
}

/*
 * Every eventfd, epoll set, signalfd and timerfd is a file on one inode
 * that lives as long as the kernel, the anonymous inode (Linux's
 * anon_inode_inode).  The first flock(2) on any of them gives that inode
 * its lock context (a file_lock_ctx object), which then lives as long as
 * the inode, on Linux too: the state of a live inode, made once, not a
 * leak.  Made here, before the baseline (trinity's flock on an eventfd
 * under make stress was counted as one).
 */
static void give_the_anon_inode_its_lock_context(void)
{
	int fd = eventfd(0, EFD_CLOEXEC);

	if (fd < 0)
		return;
	flock(fd, LOCK_SH);
	close(fd);
}

/*
 * Before the first test: readings until two in a row agree (the helpers
 * init just reaped may still be making their last switch), then the
 * baseline of the call sites.
 */
void leak_check_begin(void)
{
	int tries = 0;

	give_the_anon_inode_its_lock_context();
	take_snapshot(&before);
	read_sites(true);
	do {
		sched_yield();
		take_snapshot(&after);
		take_snapshot(&before);
	} while (++tries < 100 && !same_as_before());
	nsites = 0;
	read_sites(true);
}

static long active_before(const char *name)
{
	for (int i = 0; i < before.ncaches; i++)
		if (!strcmp(before.cache[i].name, name))
			return before.cache[i].active;
	return 0;		/* a cache made during the tests */
}

/* Caches that exist now and did not at the baseline. */
static int new_caches(void)
{
	int n = 0;

	for (int i = 0; i < after.ncaches; i++) {
		int j;

		for (j = 0; j < before.ncaches && strcmp(before.cache[j].name, after.cache[i].name); j++)
			;
		n += j == before.ncaches;
	}
	return n;
}

/*
 * How many more objects cache @i has than at the baseline, beyond what
 * new caches and init's own new VMAs explain.
 */
static long grown(int i)
{
	long d = after.cache[i].active - active_before(after.cache[i].name);

	if (!strcmp(after.cache[i].name, "vm_area_struct"))
		return d - (after.own_vmas - before.own_vmas);
	return strcmp(after.cache[i].name, "kmem_cache") ? d : d - new_caches();
}

static bool same_as_before(void)
{
	if (after.kb != before.kb)
		return false;
	for (int i = 0; i < after.ncaches; i++)
		if (grown(i))
			return false;
	return true;
}

/*
 * leakcheck=selftest on the kernel command line: the harness's check that
 * the check fires.  Init leaves a System V message queue behind (state a
 * test should have removed: the check cannot tell it from a leak), so the
 * verdict must be a LEAK that names what holds it.
 */
static void leave_a_queue_for_the_selftest(void)
{
	const char *mode = getenv("leakcheck");

	if (mode && !strcmp(mode, "selftest") && msgget(IPC_PRIVATE, IPC_CREAT | 0600) < 0)
		perror("init: leakcheck=selftest: msgget");
}

/* After the last test: prints the verdict line; returns 0 if nothing leaked. */
int leak_check_end(void)
{
	size_t len = 0;
	long objects = 0, d;
	int tries = 0, ok;

	leave_a_queue_for_the_selftest();
	while ((ok = take_snapshot(&after)) == 0 && !same_as_before() && ++tries < 150) {
		if (tries < 100)
			sched_yield();	/* a dying task's last switch frees its stack */
		else
			nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
	}
	if (ok < 0 || before.ncaches == 0) {
		printf("# matryoshka-leak-check: LEAK: cannot read /proc/meminfo or /proc/slabinfo\n");
		return 1;
	}
	if (after.kb != before.kb)
		len += snprintf(report + len, sizeof(report) - len, "; %ld kB of pages",
				before.kb - after.kb);
	for (int i = 0; i < after.ncaches; i++) {
		objects += after.cache[i].active;
		d = grown(i);
		if (d && len < sizeof(report))
			len += snprintf(report + len, sizeof(report) - len, "%s %s %+ld",
					len ? "," : ";", after.cache[i].name, d);
	}
	if (!len) {
		printf("# matryoshka-leak-check: ok (%ld kB free, in slabs or init's, %ld slab objects, "
		       "%d new caches)\n", after.kb, objects, new_caches());
		return 0;
	}
	printf("# matryoshka-leak-check: LEAK:%s\n", report + 1);
	read_sites(false);
	return 1;
}
