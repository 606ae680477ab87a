/*
 * user/lsns.c: lsns [-t TYPE]: list namespaces, as util-linux's lsns does.
 *
 *	        NS TYPE NPROCS PID USER COMMAND
 *	4026531839 ipc       3   1 root /sbin/init
 *
 * A namespace has no name, only the inode number its /proc/PID/ns/TYPE
 * link shows ("ipc:[4026531839]"); two processes share a namespace when
 * the numbers match.  So lsns reads every process's links and counts.
 * NPROCS is how many processes are in the namespace, PID the lowest of
 * them, USER and COMMAND that process's user and command line.  Types
 * this kernel does not have simply have no link.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "procfs.h"
#include "userdb.h"

static const char *const ns_types[] = {
	"mnt", "net", "time", "cgroup", "pid", "user", "uts", "ipc",
};
#define NTYPES (sizeof(ns_types) / sizeof(ns_types[0]))

struct ns {
	unsigned long ino;
	const char *type;
	int nprocs;
	int pid;		/* the lowest pid in it */
};

struct ns_table {
	struct ns *v;
	int n, cap;
};

/* The inode number of /proc/PID/ns/TYPE, or 0 if it cannot be read. */
static unsigned long ns_inode(int pid, const char *type)
{
	char path[64], link[64];
	ssize_t len;
	const char *bracket;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, type);
	len = readlink(path, link, sizeof(link) - 1);
	if (len < 0)
		return 0;
	link[len] = '\0';
	bracket = strchr(link, '[');
	return bracket ? strtoul(bracket + 1, NULL, 10) : 0;
}

/* Counts pid in namespace ino; pids come in increasing order, so the first is the lowest. */
static void count_process(struct ns_table *t, unsigned long ino, const char *type, int pid)
{
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].ino == ino && t->v[i].type == type) {
			t->v[i].nprocs++;
			return;
		}
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = realloc(t->v, t->cap * sizeof(*t->v));
		if (!t->v)
			err(1, "realloc");
	}
	t->v[t->n++] = (struct ns){ ino, type, 1, pid };
}

static int compare_ns(const void *a, const void *b)
{
	const struct ns *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* The effective uid of a process, from the Uid: line of its status file. */
static unsigned process_uid(int pid)
{
	char path[64], status[4096];
	const char *line;
	unsigned ruid, euid;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, status, sizeof(status)) < 0 || !(line = strstr(status, "\nUid:")))
		return 0;
	return sscanf(line, "\nUid: %u %u", &ruid, &euid) == 2 ? euid : 0;
}

/* One row's cells, formatted. */
struct cells {
	char ns[24], nprocs[16], pid[16], user[64], command[256];
};

static void fill_cells(const struct ns *ns, struct cells *c)
{
	struct proc_stat st;

	snprintf(c->ns, sizeof(c->ns), "%lu", ns->ino);
	snprintf(c->nprocs, sizeof(c->nprocs), "%d", ns->nprocs);
	snprintf(c->pid, sizeof(c->pid), "%d", ns->pid);
	user_name_or_id(process_uid(ns->pid), c->user, sizeof(c->user));
	if (proc_cmdline(ns->pid, c->command, sizeof(c->command)) == 0 &&
	    proc_read_stat(ns->pid, &st) == 0)
		snprintf(c->command, sizeof(c->command), "%s", st.comm);
}

static int max(int a, int b)
{
	return a > b ? a : b;
}

/* Prints the table with util-linux's layout: each column as wide as its widest cell. */
static void print_table(const struct ns_table *t)
{
	struct cells *c = calloc(t->n + 1, sizeof(*c));
	int w_ns = 2, w_type = 4, w_nprocs = 6, w_pid = 3, w_user = 4;

	if (!c)
		err(1, "calloc");
	for (int i = 0; i < t->n; i++) {
		fill_cells(&t->v[i], &c[i]);
		w_ns = max(w_ns, strlen(c[i].ns));
		w_type = max(w_type, strlen(t->v[i].type));
		w_nprocs = max(w_nprocs, strlen(c[i].nprocs));
		w_pid = max(w_pid, strlen(c[i].pid));
		w_user = max(w_user, strlen(c[i].user));
	}
	printf("%*s %-*s %*s %*s %-*s COMMAND\n", w_ns, "NS", w_type, "TYPE",
	       w_nprocs, "NPROCS", w_pid, "PID", w_user, "USER");
	for (int i = 0; i < t->n; i++)
		printf("%*s %-*s %*s %*s %-*s %s\n", w_ns, c[i].ns, w_type, t->v[i].type,
		       w_nprocs, c[i].nprocs, w_pid, c[i].pid, w_user, c[i].user, c[i].command);
	free(c);
}

/* The type named by -t, from ns_types so that entries can compare types by pointer. */
static const char *parse_type(const char *name)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (!strcmp(name, ns_types[i]))
			return ns_types[i];
	errx(1, "unknown namespace type: %s", name);
}

int main(int argc, char **argv)
{
	const char *only = NULL;
	struct ns_table t = { NULL, 0, 0 };
	int opt, *pids, npids;

	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't')
			errx(1, "usage: lsns [-t TYPE]");
		only = parse_type(optarg);
	}
	npids = proc_list_pids(&pids);
	if (npids < 0)
		err(1, "/proc");
	for (int i = 0; i < npids; i++) {
		for (size_t k = 0; k < NTYPES; k++) {
			unsigned long ino;

			if (only && only != ns_types[k])
				continue;
			ino = ns_inode(pids[i], ns_types[k]);
			if (ino)
				count_process(&t, ino, ns_types[k], pids[i]);
		}
	}
	if (t.n > 1)
		qsort(t.v, t.n, sizeof(*t.v), compare_ns);
	print_table(&t);
	return 0;
}
