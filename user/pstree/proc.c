/*
 * user/pstree/proc.c: the processes and threads of /proc, as a tree.
 *
 * As psmisc reads them: every process and its threads (as "{name}"
 * children), each under its parent, a parent /proc does not show made up
 * as "?", and processes left without one put under pid 1 (fix_orphans).
 * Children are sorted by name, then uid, then the order they were read
 * in (-n: by pid).
 */
#include <dirent.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "procfs.h"
#include "pstree.h"

struct proc *procs;
static long nread;

struct proc *find_proc(int pid)
{
	for (struct proc *p = procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

static struct proc *new_proc(const char *comm, int pid)
{
	struct proc *p = calloc(1, sizeof(*p));

	if (!p)
		err(1, "calloc");
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	p->pid = pid;
	p->argc = -1;
	p->next = procs;
	return procs = p;
}

static void add_child(struct proc *parent, struct proc *child)
{
	if (parent->nkids == parent->cap) {
		parent->cap = parent->cap ? 2 * parent->cap : 4;
		parent->kids = realloc(parent->kids, parent->cap * sizeof(*parent->kids));
		if (!parent->kids)
			err(1, "realloc");
	}
	parent->kids[parent->nkids++] = child;
	child->parent = parent;
}

/*
 * The arguments after the first of @pid's command line, read as psmisc
 * reads it: at most a line's width of it (-l: 8 KiB), with a NUL added.
 * Each argument is later printed after a space, but for the last of
 * argc: a line cut by that limit shows its cut argument glued to the one
 * before ("-cimport threading,..."), as psmisc's does.
 */
static void read_args(struct proc *p, int pid)
{
	static char line[8192 + 2];
	size_t limit = o.trunc && o.width < 8192 ? (size_t)o.width + 1 : 8192 + 1, size;
	char path[64], *arg;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_file(path, line, limit + 1);
	size = n > 0 ? (size_t)n : 0;
	if (size && size >= limit)	/* cut at the limit: the cut argument stays */
		size--;
	if (size)
		line[size++] = '\0';
	p->argc = size ? 0 : -1;
	for (size_t i = 0; i + 1 < size; i++)
		if (!line[i]) {
			p->argc++;
			while (i + 1 < size && !line[i + 1])
				i++;
		}
	p->argv = calloc(p->argc + 1, sizeof(*p->argv));
	if (!p->argv)
		err(1, "calloc");
	arg = line;
	for (int i = 0; i < p->argc; i++) {
		arg = strchr(arg, '\0') + 1;
		p->argv[i] = strdup(arg);
	}
}

/* Reads process or thread @pid (parent @ppid) into the list, as psmisc's add_proc. */
static struct proc *add_proc(const char *comm, int pid, int ppid, int pgid, unsigned uid)
{
	struct proc *p = find_proc(pid), *parent;

	if (!p)
		p = new_proc(comm, pid);
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	p->pgid = pgid;
	p->uid = uid;
	p->seq = ++nread;
	if (pid == ppid)
		ppid = 0;
	parent = find_proc(ppid);
	if (!parent)
		parent = new_proc("?", ppid);
	if (pid)
		add_child(parent, p);
	return p;
}

/* The namespaces and pids of @p, which /proc/@pid describes. */
static void read_ids(struct proc *p, int pid)
{
	for (size_t k = 0; k < NTYPES; k++)
		p->ns[k] = proc_ns_inode(pid, ns_types[k]);
	proc_nspid(pid, p->nspid, sizeof(p->nspid));
}

/* The threads of @pid other than itself, as "{comm}" children. */
static void read_threads(int pid, const char *comm, int pgid, unsigned uid)
{
	char path[64], name[80];
	struct dirent *de;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	if (!(dir = opendir(path)))
		return;
	while ((de = readdir(dir))) {
		int tid = atoi(de->d_name);
		struct proc_stat st;
		struct proc *t;

		if (tid <= 0 || tid == pid)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
		snprintf(name, sizeof(name), "{%.15s}", o.thread_names &&
			 proc_read_stat_path(path, &st) == 0 ? st.comm : comm);
		t = add_proc(name, tid, pid, pgid, uid);
		t->thread = 1;
		t->argc = 0;
		read_ids(t, tid);
	}
	closedir(dir);
}

static void read_process(int pid)
{
	char path[64];
	struct proc_stat st;
	struct stat dir;
	struct proc *p;

	snprintf(path, sizeof(path), "/proc/%d", pid);
	if (stat(path, &dir) < 0 || proc_read_stat(pid, &st) < 0)
		return;
	if (!o.hide_threads)
		read_threads(pid, st.comm, st.pgrp, dir.st_uid);
	p = add_proc(st.comm, pid, st.ppid, st.pgrp, dir.st_uid);
	read_ids(p, pid);
	if (o.args)
		read_args(p, pid);
}

/* Processes whose parent /proc does not show hang under pid 1, as psmisc's fix_orphans. */
void read_processes(void)
{
	int *pids, n = proc_list_pids(&pids);
	struct proc *root;

	if (n <= 0)
		errx(1, "/proc is empty (not mounted ?)");
	for (int i = 0; i < n; i++)
		read_process(pids[i]);
	free(pids);
	if (!(root = find_proc(1)))
		root = new_proc("?", 1);
	for (struct proc *p = procs; p; p = p->next)
		if (p->pid > 1 && !p->parent)
			add_child(root, p);
}

static int compare_kids(const void *a, const void *b)
{
	const struct proc *x = *(struct proc *const *)a, *y = *(struct proc *const *)b;
	int c = o.by_pid ? (x->pid > y->pid) - (x->pid < y->pid) : strcmp(x->comm, y->comm);

	if (!c && !o.by_pid)
		c = (x->uid > y->uid) - (x->uid < y->uid);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

void sort_tree(void)
{
	for (struct proc *p = procs; p; p = p->next)
		if (p->nkids > 1)
			qsort(p->kids, p->nkids, sizeof(*p->kids), compare_kids);
}
