/*
 * user/lsns.c: lsns [-t TYPE]... [-T[owner|parent]]: list namespaces, as
 * util-linux's lsns does.
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
 *
 * -T (--tree) draws them as a tree, as util-linux 2.38 does:
 *
 *	NS             TYPE NPROCS PID USER COMMAND
 *	4026531837     user      4   1 root /sbin/init
 *	├─4026531836   pid       4   1 root /sbin/init
 *	└─4026531841   user      2   5 root unshare -U -r -p -f sh
 *	  └─4026531844 pid       1   6 root sh
 *
 * owner (the default) puts each namespace under the user namespace that
 * owns it, parent a pid or user namespace under its parent.  Both come from
 * the namespace files' ioctls, NS_GET_USERNS and NS_GET_PARENT
 * (ioctl_ns(2)).  A namespace in the tree that no listed process is in (an
 * owner of another type than -t asked for, a parent left by all its
 * processes) gets a row with NPROCS 0 and no PID or COMMAND.  As
 * util-linux does, a namespace's owner is placed before it in both kinds
 * of tree, so with `parent` the user namespaces' tree comes first.
 */
#include <err.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "procfs.h"
#include "userdb.h"

/* ioctl_ns(2): linux/nsfs.h, which musl does not have. */
#define NS_GET_USERNS		_IO(0xb7, 0x1)
#define NS_GET_PARENT		_IO(0xb7, 0x2)
#define NS_GET_OWNER_UID	_IO(0xb7, 0x4)

static const char *const ns_types[] = {
	"mnt", "net", "time", "cgroup", "pid", "user", "uts", "ipc",
};
#define NTYPES (sizeof(ns_types) / sizeof(ns_types[0]))
#define USER_TYPE (ns_types[5])

enum tree { TREE_NONE, TREE_OWNER, TREE_PARENT };

struct ns {
	unsigned long ino;
	const char *type;
	int nprocs;
	int pid;		/* the lowest pid in it; 0 if no listed process is */
	int fd;			/* its namespace file, once opened; -1 before */
	int up;			/* the row it hangs under in the tree, -1 at the top */
	int placed;		/* 1 + its place among its siblings, 0 until placed */
};

struct ns_table {
	struct ns *v;
	int n, cap;
	int nplaced;
};

static int find_ns(const struct ns_table *t, unsigned long ino)
{
	for (int i = 0; i < t->n; i++)
		if (t->v[i].ino == ino)
			return i;
	return -1;
}

static int add_ns(struct ns_table *t, unsigned long ino, const char *type, int pid)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = realloc(t->v, t->cap * sizeof(*t->v));
		if (!t->v)
			err(1, "realloc");
	}
	t->v[t->n] = (struct ns){ ino, type, 0, pid, -1, -1, 0 };
	return t->n++;
}

/* Counts pid in namespace ino; pids come in increasing order, so the first is the lowest. */
static void count_process(struct ns_table *t, unsigned long ino, const char *type, int pid)
{
	int i = find_ns(t, ino);

	if (i < 0)
		i = add_ns(t, ino, type, pid);
	t->v[i].nprocs++;
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

/* ---- the tree ---------------------------------------------------------- */

/* The namespace file of row @i: its lowest process's, or one an ioctl gave. */
static int ns_fd(struct ns_table *t, int i)
{
	char path[64];

	if (t->v[i].fd < 0 && t->v[i].pid) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", t->v[i].pid, t->v[i].type);
		t->v[i].fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	return t->v[i].fd;
}

/*
 * The row of the namespace ioctl @request (NS_GET_USERNS, NS_GET_PARENT)
 * names for row @i, of @type, added with no process if it is not listed;
 * -1 if there is none or it is out of our sight (EPERM).
 */
static int related_ns(struct ns_table *t, int i, unsigned long request, const char *type)
{
	struct stat st;
	int fd = ns_fd(t, i), other, j;

	if (fd < 0 || (other = ioctl(fd, request)) < 0)
		return -1;
	if (fstat(other, &st) < 0) {
		close(other);
		return -1;
	}
	j = find_ns(t, st.st_ino);
	if (j >= 0) {
		close(other);
		return j;
	}
	j = add_ns(t, st.st_ino, type, 0);
	t->v[j].fd = other;
	return j;
}

/* Places row @i in the tree, after its owner (util-linux's order) and under @kind's parent. */
static void place(struct ns_table *t, int i, enum tree kind)
{
	int owner, up;

	if (t->v[i].placed)
		return;
	owner = related_ns(t, i, NS_GET_USERNS, USER_TYPE);
	if (owner >= 0)
		place(t, owner, kind);
	up = owner;
	if (kind == TREE_PARENT)
		up = strcmp(t->v[i].type, "pid") && t->v[i].type != USER_TYPE ? -1 :
		     related_ns(t, i, NS_GET_PARENT, t->v[i].type);
	if (up >= 0)
		place(t, up, kind);
	t->v[i].up = up;
	t->v[i].placed = ++t->nplaced;
}

/* ---- printing ---------------------------------------------------------- */

/* One row's cells, formatted. */
struct cells {
	char ns[160], nprocs[16], pid[16], user[64], command[256];
	int ns_width;		/* display columns of ns[]: tree glyphs are wider in bytes */
};

static void fill_cells(const struct ns *ns, const char *prefix, int prefix_width,
		       struct cells *c)
{
	struct proc_stat st;

	snprintf(c->ns, sizeof(c->ns), "%s%lu", prefix, ns->ino);
	c->ns_width = prefix_width + snprintf(NULL, 0, "%lu", ns->ino);
	snprintf(c->nprocs, sizeof(c->nprocs), "%d", ns->nprocs);
	c->pid[0] = c->user[0] = c->command[0] = '\0';
	if (ns->pid) {
		snprintf(c->pid, sizeof(c->pid), "%d", ns->pid);
		user_name_or_id(process_uid(ns->pid), c->user, sizeof(c->user));
		if (proc_cmdline(ns->pid, c->command, sizeof(c->command)) == 0 &&
		    proc_read_stat(ns->pid, &st) == 0)
			snprintf(c->command, sizeof(c->command), "%s", st.comm);
	} else if (ns->type == USER_TYPE && ns->fd >= 0) {
		uid_t uid;

		if (ioctl(ns->fd, NS_GET_OWNER_UID, &uid) == 0)
			user_name_or_id(uid, c->user, sizeof(c->user));
	}
}

/* The tree's glyphs: UTF-8 box drawing, or ASCII in another character set. */
struct glyphs {
	const char *branch, *last, *vert, *space;
};

static const struct glyphs utf8 = { "\u251c\u2500", "\u2514\u2500", "\u2502 ", "  " };
static const struct glyphs ascii = { "|-", "`-", "| ", "  " };

/* Fills cells for row @i and, depth first, its subtree, in tree order. */
static int tree_cells(const struct ns_table *t, int i, const char *prefix, int depth,
		      int last, const struct glyphs *g, struct cells *c, const struct ns **order,
		      int n)
{
	char mine[160], below[160];
	int kids = 0, seen = 0;

	snprintf(mine, sizeof(mine), "%s%s", prefix, depth ? (last ? g->last : g->branch) : "");
	snprintf(below, sizeof(below), "%s%s", prefix, depth ? (last ? g->space : g->vert) : "");
	order[n] = &t->v[i];
	fill_cells(&t->v[i], mine, 2 * depth, &c[n++]);
	for (int j = 0; j < t->n; j++)
		kids += t->v[j].up == i;
	for (int p = 1; seen < kids; p++)
		for (int j = 0; j < t->n; j++)
			if (t->v[j].up == i && t->v[j].placed == p)
				n = tree_cells(t, j, below, depth + 1, ++seen == kids, g, c, order, n);
	return n;
}

static int max(int a, int b)
{
	return a > b ? a : b;
}

/* Prints the rows with util-linux's layout: each column as wide as its widest cell. */
static void print_table(const struct ns *const *rows, struct cells *c, int n, int tree)
{
	/* util-linux's TYPE is at least 5 wide in a tree, 4 in a list (libsmartcols' hints) */
	int w_ns = 2, w_type = tree ? 5 : 4, w_nprocs = 6, w_pid = 3, w_user = 4;

	for (int i = 0; i < n; i++) {
		w_ns = max(w_ns, c[i].ns_width);
		w_type = max(w_type, strlen(rows[i]->type));
		w_nprocs = max(w_nprocs, strlen(c[i].nprocs));
		w_pid = max(w_pid, strlen(c[i].pid));
		w_user = max(w_user, strlen(c[i].user));
	}
	printf(tree ? "%-*s" : "%*s", w_ns, "NS");
	printf(" %-*s %*s %*s %-*s COMMAND\n", w_type, "TYPE", w_nprocs, "NPROCS", w_pid, "PID",
	       w_user, "USER");
	for (int i = 0; i < n; i++) {
		int pad = w_ns - c[i].ns_width;

		/* the tree's column is left-aligned, the list's right-aligned */
		printf("%s%*s%s", tree ? c[i].ns : "", pad, "", tree ? "" : c[i].ns);
		printf(" %-*s %*s %*s %-*s %s\n", w_type, rows[i]->type, w_nprocs, c[i].nprocs,
		       w_pid, c[i].pid, w_user, c[i].user, c[i].command);
	}
}

static void print_namespaces(struct ns_table *t, enum tree kind)
{
	const struct glyphs *g = strcmp(nl_langinfo(CODESET), "UTF-8") ? &ascii : &utf8;
	const struct ns **order;
	struct cells *c;
	int n = 0, listed = t->n;

	for (int i = 0; kind != TREE_NONE && i < listed; i++)
		place(t, i, kind);
	order = calloc(t->n + 1, sizeof(*order));
	c = calloc(t->n + 1, sizeof(*c));
	if (!order || !c)
		err(1, "calloc");
	for (int p = 1; kind != TREE_NONE && p <= t->nplaced; p++)
		for (int i = 0; i < t->n; i++)
			if (t->v[i].placed == p && t->v[i].up < 0)
				n = tree_cells(t, i, "", 0, 1, g, c, order, n);
	for (int i = 0; kind == TREE_NONE && i < t->n; i++) {
		order[n] = &t->v[i];
		fill_cells(&t->v[i], "", 0, &c[n++]);
	}
	print_table(order, c, n, kind != TREE_NONE);
	free(order);
	free(c);
}

/* ---- options ----------------------------------------------------------- */

/* The type named by -t, from ns_types so that entries can compare types by pointer. */
static const char *parse_type(const char *name)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (!strcmp(name, ns_types[i]))
			return ns_types[i];
	errx(1, "unknown namespace type: %s", name);
}

/* -T's optional argument: -Towner, -T=parent, --tree=owner (util-linux takes all three). */
static enum tree parse_tree(const char *arg)
{
	if (arg && *arg == '=')
		arg++;
	if (!arg || !strcmp(arg, "owner"))
		return TREE_OWNER;
	if (!strcmp(arg, "parent"))
		return TREE_PARENT;
	errx(1, "unknown tree relationship: %s (owner or parent)", arg);
}

/* Turns --tree[=REL] into -T[REL]: musl's getopt has no long options. */
static void long_options(int argc, char **argv)
{
	static char buf[64];

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--tree"))
			argv[i] = "-T";
		else if (!strncmp(argv[i], "--tree=", 7) && strlen(argv[i]) < sizeof(buf) - 2) {
			snprintf(buf, sizeof(buf), "-T%s", argv[i] + 7);
			argv[i] = buf;
		}
	}
}

int main(int argc, char **argv)
{
	int only[NTYPES] = { 0 }, any = 0, opt, *pids, npids;
	enum tree kind = TREE_NONE;
	struct ns_table t = { NULL, 0, 0, 0 };

	setlocale(LC_ALL, "");
	long_options(argc, argv);
	while ((opt = getopt(argc, argv, "t:T::")) != -1) {
		if (opt == 't') {
			const char *type = parse_type(optarg);

			for (size_t k = 0; k < NTYPES; k++)
				only[k] |= ns_types[k] == type;
			any = 1;
		} else if (opt == 'T') {
			kind = parse_tree(optarg);
		} else {
			errx(1, "usage: lsns [-t TYPE]... [-T[owner|parent]]");
		}
	}
	npids = proc_list_pids(&pids);
	if (npids < 0)
		err(1, "/proc");
	for (int i = 0; i < npids; i++) {
		for (size_t k = 0; k < NTYPES; k++) {
			unsigned long ino;

			if (any && !only[k])
				continue;
			ino = proc_ns_inode(pids[i], ns_types[k]);
			if (ino)
				count_process(&t, ino, ns_types[k], pids[i]);
		}
	}
	if (t.n > 1)
		qsort(t.v, t.n, sizeof(*t.v), compare_ns);
	print_namespaces(&t, kind);
	return 0;
}
