/*
 * user/pstree/main.c: pstree [-acglnpsStTuAUG] [-N TYPE] [--ns-pids] [PID]: the
 * processes as a tree, in psmisc's output format.
 *
 *	init-+-kthreadd---oom_reaper
 *	     `-sh---unshare---sh-+-sleep
 *	                         `-2*[sleep]
 *
 * A process's children follow it on its line ("---" for one, "-+-" for
 * the first of several) and under it ("|-", "`-"), sorted by name (-n: by
 * pid); identical sibling subtrees are shown once as "N*[name]" unless -c
 * or -p; threads are "{name}" children of their process.  -p adds each
 * pid as /proc shows it, and --ns-pids (Matryoshka's, psmisc has none)
 * every pid the process has, from the reader's pid namespace to its own,
 * as NSpid in /proc/PID/status: sh(6/1).  -S adds the namespaces in which a
 * process differs from its parent: unshare(5,ipc,mnt,user,uts)---sh(6,pid).
 * -N TYPE prints one tree per namespace of TYPE, each after its "[inode]".
 * -a shows command lines, -g process groups, -u uid changes, -s the
 * parents of PID, -t threads' own names, -T no threads, -l no cutting of
 * lines at the terminal's width ($COLUMNS, else the tty's, else 132).
 * Lines are drawn in UTF-8 on a terminal with a UTF-8 locale (-U), else in
 * ASCII (-A); -G is VT100's line graphics.
 */
#include <err.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pstree.h"

const char *const ns_types[NTYPES] = {
	"cgroup", "ipc", "mnt", "net", "pid", "user", "uts", "time",
};

struct options o = { .compact = 1, .trunc = 1, .width = 132 };

struct ns_group {
	unsigned long ino;
	struct proc **roots;
	int n;
};

static void detach(struct proc *p)
{
	struct proc *parent = p->parent;

	for (int i = 0; parent && i < parent->nkids; i++) {
		if (parent->kids[i] == p) {
			memmove(parent->kids + i, parent->kids + i + 1,
				(parent->nkids - i - 1) * sizeof(*parent->kids));
			parent->nkids--;
			break;
		}
	}
	p->parent = NULL;
}

/* -N: each process whose namespace of type @k is not its parent's starts a tree in its group. */
static void group_by_ns(struct proc *p, size_t k, struct ns_group **groups, int *ngroups)
{
	struct proc **kids;
	int n = p->nkids, g;

	if (!p->parent || p->parent->ns[k] != p->ns[k]) {
		for (g = 0; g < *ngroups && (*groups)[g].ino != p->ns[k]; g++)
			;
		if (g == *ngroups) {
			*groups = realloc(*groups, (g + 1) * sizeof(**groups));
			if (!*groups)
				err(1, "realloc");
			(*groups)[(*ngroups)++] = (struct ns_group){ p->ns[k], NULL, 0 };
		}
		(*groups)[g].roots = realloc((*groups)[g].roots,
					     ((*groups)[g].n + 1) * sizeof(struct proc *));
		if (!(*groups)[g].roots)
			err(1, "realloc");
		(*groups)[g].roots[(*groups)[g].n++] = p;
		detach(p);
	}
	kids = malloc((n + 1) * sizeof(*kids));
	if (!kids)
		err(1, "malloc");
	memcpy(kids, p->kids, n * sizeof(*kids));	/* the walk detaches some */
	for (int i = 0; i < n; i++)
		group_by_ns(kids[i], k, groups, ngroups);
	free(kids);
}

static void dump_by_namespace(size_t k)
{
	struct ns_group *groups = NULL;
	int ngroups = 0;

	if (find_proc(1))
		group_by_ns(find_proc(1), k, &groups, &ngroups);
	for (int g = 0; g < ngroups; g++) {
		printf("[%lu]\n", groups[g].ino);
		for (int i = 0; i < groups[g].n; i++)
			dump_tree(groups[g].roots[i], 0, 1, 1, 1, 0, 0);
	}
}

/* -s PID: PID's ancestors keep only the child on the way to it. */
static void keep_path(struct proc *p)
{
	for (; p && p->parent; p = p->parent) {
		p->parent->kids[0] = p;
		p->parent->nkids = 1;
	}
}

/* $COLUMNS, else the terminal's width, else 132 (psmisc's rule). */
static int output_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (env && *env) {
		n = strtol(env, &end, 0);
		if (!*end && n > 0 && n < 0x7fffffff)
			return n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	return 132;
}

static void usage(void)
{
	fprintf(stderr, "Usage: pstree [-acglnpsStTuZ] [-A | -G | -U] [-N TYPE] [--ns-pids] [PID]\n");
	exit(1);
}

static size_t parse_ns_type(const char *name)
{
	struct stat st;
	char path[64];

	for (size_t k = 0; k < NTYPES; k++) {
		if (strcmp(name, ns_types[k]))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", getpid(), name);
		if (stat(path, &st) < 0) {
			fprintf(stderr, "procfs file for %s namespace not available\n", name);
			exit(1);
		}
		return k;
	}
	usage();
	return 0;
}

static const struct option long_opts[] = {
	{ "arguments", no_argument, NULL, 'a' }, { "ascii", no_argument, NULL, 'A' },
	{ "compact-not", no_argument, NULL, 'c' }, { "vt100", no_argument, NULL, 'G' },
	{ "show-pgids", no_argument, NULL, 'g' }, { "long", no_argument, NULL, 'l' },
	{ "numeric-sort", no_argument, NULL, 'n' }, { "ns-sort", required_argument, NULL, 'N' },
	{ "show-pids", no_argument, NULL, 'p' }, { "show-parents", no_argument, NULL, 's' },
	{ "ns-changes", no_argument, NULL, 'S' }, { "thread-names", no_argument, NULL, 't' },
	{ "hide-threads", no_argument, NULL, 'T' }, { "uid-changes", no_argument, NULL, 'u' },
	{ "unicode", no_argument, NULL, 'U' }, { "ns-pids", no_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

/* The options; returns the -N type's index, or -1. */
static int parse_options(int argc, char **argv)
{
	int c, ns_sort = -1;

	while ((c = getopt_long(argc, argv, "aAcGglnN:psStTuU", long_opts, NULL)) != -1) {
		switch (c) {
		case 'a': o.args = 1; break;
		case 'A': o.sym = &sym_ascii; break;
		case 'c': o.compact = 0; break;
		case 'G': o.sym = &sym_vt100; break;
		case 'g': o.pgids = 1; break;
		case 'l': o.trunc = 0; break;
		case 'n': o.by_pid = 1; break;
		case 'N': ns_sort = parse_ns_type(optarg); break;
		case 'P': o.ns_pids = 1; o.pids = 1; o.compact = 0; break;
		case 'p': o.pids = 1; o.compact = 0; break;
		case 's': o.show_parents = 1; break;
		case 'S': o.ns_change = 1; break;
		case 't': o.thread_names = 1; break;
		case 'T': o.hide_threads = 1; break;
		case 'u': o.uid_change = 1; break;
		case 'U': o.sym = &sym_utf8; break;
		default: usage();
		}
	}
	return ns_sort;
}

int main(int argc, char **argv)
{
	int pid = 1, pid_set = 0, ns_sort;
	char *end;

	setlocale(LC_ALL, "");
	o.width = output_width();
	o.sym = isatty(STDOUT_FILENO) && !strcmp(nl_langinfo(CODESET), "UTF-8") ?
		&sym_utf8 : &sym_ascii;
	o.cur_x = 1;
	ns_sort = parse_options(argc, argv);
	if (optind == argc - 1) {
		pid = strtol(argv[optind++], &end, 10);
		if (*end || pid < 0)
			usage();
		pid_set = 1;
	}
	if (optind != argc)
		usage();
	read_processes();
	sort_tree();
	if (o.show_parents && pid_set) {
		if (!find_proc(pid)) {
			fprintf(stderr, "Process %d not found.\n", pid);
			return 1;
		}
		keep_path(find_proc(pid));
		pid = 1;
	}
	if (ns_sort >= 0)
		dump_by_namespace(ns_sort);
	else
		dump_tree(find_proc(pid), 0, 1, 1, 1, 0, 0);
	return 0;
}
