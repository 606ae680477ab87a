/*
 * tests/user/ns_trees.c: `lsns --tree` and `pstree -S` against what /proc says.
 *
 * The test makes three processes in nested namespaces:
 *
 *	this test
 *	 └─ nsta    new user (uid 0 mapped), pid, ipc and uts namespaces
 *	     ├─ nstb    new user, pid and ipc namespaces, inside nsta's
 *	     └─ nstc    nsta's namespaces
 *
 * runs the system's lsns and pstree, and checks each row and line against
 * /proc/PID/ns/TYPE (inode numbers), ioctl_ns(2) (each namespace's owner and
 * parent), /proc/PID/status and /proc/PID/cmdline.  On Matryoshka the
 * tools are user/lsns.c and user/pstree/; on Linux util-linux's lsns and
 * psmisc's pstree, so the same checks say that Matryoshka's print what
 * those print.  pstree --ns-pids is Matryoshka's only: psmisc's pstree
 * has no such option, and the case skips on Linux.  A tool that is not
 * installed on Linux skips its cases.
 */
#include "ns_util.h"
#include "child.h"
#include <dirent.h>
#include <pwd.h>

#define OUT_SIZE	(256 * 1024)
#define MAX_ROWS	512

static const char *const types[] = { "user", "pid", "ipc", "uts" };

/* The three processes, as this test's pid namespace numbers them. */
static struct ns_child nsta;
static pid_t pid_a, pid_b, pid_c;
static char out[OUT_SIZE];

/* ---- the processes ------------------------------------------------------- */

static int hold_named(int in, int out_fd, void *name)
{
	prctl(PR_SET_NAME, name);
	if (sync_post(out_fd))
		return 1;
	sync_wait(in);
	return 0;
}

/* nsta: maps itself, starts nstb and nstc, says so, and waits to be let go. */
static int nsta_main(int in, int out_fd, void *ids)
{
	struct ns_child b = { -1, -1, -1 }, c = { -1, -1, -1 };
	int rc = 1;

	prctl(PR_SET_NAME, "nsta");
	if (!map_self_as_root(((uid_t *)ids)[0], ((uid_t *)ids)[1]) &&
	    !ns_spawn(&b, CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWIPC, hold_named, "nstb") &&
	    !sync_wait(b.from) && !ns_spawn(&c, 0, hold_named, "nstc") && !sync_wait(c.from))
		rc = sync_post(out_fd);
	if (!rc)
		sync_wait(in);
	ns_reap(&c);	/* first: nstc holds a copy of nstb's pipe, which lets nstb go */
	ns_reap(&b);
	return rc;
}

/* The child of @parent called @name, or -1. */
static pid_t child_named(pid_t parent, const char *name)
{
	char path[300], stat[512], comm[32];
	pid_t found = -1;
	int ppid;
	DIR *dir = opendir("/proc");
	struct dirent *de;

	while (dir && (de = readdir(dir))) {
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if (atoi(de->d_name) <= 0 || read_text(path, stat, sizeof(stat)) < 0)
			continue;
		if (sscanf(stat, "%*d (%31[^)]) %*c %d", comm, &ppid) == 2 &&
		    ppid == parent && !strcmp(comm, name))
			found = atoi(de->d_name);
	}
	if (dir)
		closedir(dir);
	return found;
}

static int start_processes(void)
{
	uid_t ids[2] = { geteuid(), getegid() };

	if (ns_spawn(&nsta, CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS,
		     nsta_main, ids) || sync_wait(nsta.from))
		return -1;
	pid_a = nsta.pid;
	pid_b = child_named(pid_a, "nstb");
	pid_c = child_named(pid_a, "nstc");
	return pid_b > 0 && pid_c > 0 ? 0 : -1;
}

/* ---- what /proc says --------------------------------------------------- */

/* The inode number of the namespace ioctl @request gives for /proc/@pid/ns/@type, or 0. */
static unsigned long related_ino(pid_t pid, const char *type, unsigned long request)
{
	char path[64];
	struct stat st;
	int fd = open(ns_path(path, sizeof(path), pid, type), O_RDONLY), other;
	unsigned long ino = 0;

	other = fd < 0 ? -1 : ioctl(fd, request);
	if (other >= 0 && !fstat(other, &st))
		ino = st.st_ino;
	if (other >= 0)
		close(other);
	if (fd >= 0)
		close(fd);
	return ino;
}

/* How many processes are in namespace @ino of @type, and the lowest of them. */
static int count_in_ns(const char *type, unsigned long ino, pid_t *lowest)
{
	char path[64];
	struct dirent *de;
	DIR *dir = opendir("/proc");
	int n = 0;

	*lowest = 0;
	while (dir && (de = readdir(dir))) {
		pid_t pid = atoi(de->d_name);

		if (pid <= 0 || ns_ino(ns_path(path, sizeof(path), pid, type)) != ino)
			continue;
		n++;
		if (!*lowest || pid < *lowest)
			*lowest = pid;
	}
	if (dir)
		closedir(dir);
	return n;
}

/* /proc/PID/cmdline with spaces for its NULs, as lsns's COMMAND. */
static void cmdline_of(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_text(path, buf, size);
	while (n > 0 && !buf[n - 1])
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = ' ';
	buf[n > 0 ? n : 0] = '\0';
}

/* The name of the user lsns shows for the test's processes. */
static void user_name(char *buf, size_t size)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)geteuid());
}

/* ---- lsns ---------------------------------------------------------------- */

struct row {
	int depth;		/* tree level: the prefix's width / 2 */
	unsigned long ino;
	char type[16];
	int nprocs;
	int pid;		/* 0 when blank */
	char user[64], command[512];
	int up;			/* the row it hangs under, or -1 */
};

static struct row rows[MAX_ROWS];

/* Display columns of @s up to @end: UTF-8 continuation bytes take none. */
static int columns(const char *s, const char *end)
{
	int n = 0;

	for (; s < end; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The next blank-separated word of *@p, copied into @buf; *@p moves past it. */
static void next_word(char **p, char *buf, size_t size)
{
	char *start = *p + strspn(*p, " ");
	size_t len = strcspn(start, " ");

	snprintf(buf, size, "%.*s", (int)len, start);
	*p = start + len;
}

/*
 * One row of lsns's output: NS (after the tree's prefix), TYPE, NPROCS,
 * PID (blank for a namespace no process is in), USER, COMMAND; -1 if it
 * is not one.  A blank PID followed by a numeric USER would be misread;
 * the rows checked here have a user name.
 */
static int parse_row(char *line, struct row *r)
{
	char *p = line, *end, word[32];

	while (*p && !(*p >= '0' && *p <= '9'))
		p++;
	r->depth = columns(line, p) / 2;
	r->ino = strtoul(p, &end, 10);
	if (end == p)
		return -1;
	next_word(&end, r->type, sizeof(r->type));
	next_word(&end, word, sizeof(word));
	r->nprocs = strtol(word, &p, 10);
	if (!*word || *p)
		return -1;
	p = end + strspn(end, " ");
	r->pid = strtol(p, &end, 10);
	next_word(&end, r->user, sizeof(r->user));
	snprintf(r->command, sizeof(r->command), "%s", end + strspn(end, " "));
	return 0;
}

/* Runs lsns with @argv and parses its table: how many rows, or -1. */
static int run_lsns(char *const argv[])
{
	char *line, *save = NULL;
	int n = 0, status = run_output(argv, out, sizeof(out));

	if (status != 0)
		return status == 127 << 8 ? -127 : -1;
	line = strtok_r(out, "\n", &save);
	if (!line || strncmp(line + strspn(line, " "), "NS", 2))
		return -1;
	while ((line = strtok_r(NULL, "\n", &save)) && n < MAX_ROWS) {
		if (parse_row(line, &rows[n]))
			return -1;
		rows[n].up = -1;
		for (int i = n - 1; i >= 0; i--) {
			if (rows[i].depth == rows[n].depth - 1) {
				rows[n].up = i;
				break;
			}
		}
		n++;
	}
	return n;
}

static struct row *find_row(int n, unsigned long ino)
{
	for (int i = 0; i < n; i++)
		if (rows[i].ino == ino)
			return &rows[i];
	return NULL;
}

/* Runs lsns; skips the case if Linux has no lsns, fails it if lsns failed. */
#define RUN_LSNS(n, ...) do { \
	char *const __argv[] = { "lsns", __VA_ARGS__, NULL }; \
	(n) = run_lsns(__argv); \
	if ((n) == -127 && !on_matryoshka()) \
		KTAP_SKIP("lsns is not installed"); \
	ASSERT_GT(n, 0); \
} while (0)

/* The row of @pid's namespace of @type matches /proc: type, counts, pid, user, command. */
static struct row *check_row(int n, pid_t pid, const char *type, int listed)
{
	char path[64], command[512], user[64];
	unsigned long ino = ns_ino(ns_path(path, sizeof(path), pid, type));
	struct row *r = find_row(n, ino);
	pid_t lowest;
	int nprocs = count_in_ns(type, ino, &lowest);

	if (!r) {
		KTAP_FAIL("no row for %s:[%lu] of pid %d", type, ino, pid);
		return NULL;
	}
	EXPECT_STREQ(r->type, type);
	if (!listed) {		/* a namespace shown only as an owner or a parent */
		EXPECT_EQ(r->nprocs, 0);
		EXPECT_EQ(r->pid, 0);
		return r;
	}
	cmdline_of(lowest, command, sizeof(command));
	user_name(user, sizeof(user));
	EXPECT_EQ(r->nprocs, nprocs);
	EXPECT_EQ(r->pid, lowest);
	EXPECT_STREQ(r->user, user);
	EXPECT_STREQ(r->command, command);
	return r;
}

/* -T: each of the namespaces made here hangs under the user namespace that owns it. */
static void t_lsns_tree_owner(void)
{
	int n;

	RUN_LSNS(n, "-T");
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		pid_t owners_of[2] = { pid_a, pid_b };

		for (int k = 0; k < 2; k++) {
			struct row *r = check_row(n, owners_of[k], types[i], 1);
			unsigned long owner = related_ino(owners_of[k], types[i], NS_GET_USERNS);

			if (!r)
				continue;
			ASSERT_NE(owner, 0);
			EXPECT_GE(r->up, 0);
			EXPECT_EQ(r->up >= 0 ? rows[r->up].ino : 0, owner);
			EXPECT_STREQ(r->up >= 0 ? rows[r->up].type : "", "user");
		}
	}
	EXPECT_EQ(rows[0].depth, 0);
	EXPECT_STREQ(rows[0].type, "user");
}

/* --tree=parent -t pid: nstb's pid namespace under nsta's under ours; owners first, empty. */
static void t_lsns_tree_parent(void)
{
	pid_t chain[3] = { pid_b, pid_a, getpid() };
	int n;

	RUN_LSNS(n, "--tree=parent", "-t", "pid");
	for (int k = 0; k < 2; k++) {
		struct row *r = check_row(n, chain[k], "pid", 1);
		char path[64];
		unsigned long parent = ns_ino(ns_path(path, sizeof(path), chain[k + 1], "pid"));

		EXPECT_EQ(related_ino(chain[k], "pid", NS_GET_PARENT), parent);
		if (r)
			EXPECT_EQ(r->up >= 0 ? rows[r->up].ino : 0, parent);
		check_row(n, chain[k], "user", 0);
	}
	EXPECT_STREQ(rows[0].type, "user");
}

/* ---- pstree -------------------------------------------------------------- */

/* psmisc's order of the namespaces -S names. */
static const char *const pstree_types[] = {
	"cgroup", "ipc", "mnt", "net", "pid", "user", "uts", "time",
};

/* "name(PID,ns,...)": @id is the pid shown; the namespaces where @pid differs from @parent. */
static void node(char *buf, size_t size, const char *name, const char *id, pid_t pid,
		 pid_t parent)
{
	char path[64], other[64];
	size_t len = snprintf(buf, size, "%s(%s", name, id);

	for (size_t i = 0; i < sizeof(pstree_types) / sizeof(pstree_types[0]); i++) {
		unsigned long mine = ns_ino(ns_path(path, sizeof(path), pid, pstree_types[i]));
		unsigned long theirs = ns_ino(ns_path(other, sizeof(other), parent,
						      pstree_types[i]));

		if (mine && theirs && mine != theirs && len < size)
			len += snprintf(buf + len, size - len, ",%s", pstree_types[i]);
	}
	if (len < size)
		snprintf(buf + len, size - len, ")");
}

/* What pstree draws for nsta's subtree, its ids given by @id_of ("-p" or NSpid). */
static void expected_tree(char *buf, size_t size, void (*id_of)(pid_t, char *, size_t))
{
	char a[128], b[128], c[128], id[64];

	id_of(pid_a, id, sizeof(id));
	node(a, sizeof(a), "nsta", id, pid_a, getpid());
	id_of(pid_b, id, sizeof(id));
	node(b, sizeof(b), "nstb", id, pid_b, pid_a);
	id_of(pid_c, id, sizeof(id));
	node(c, sizeof(c), "nstc", id, pid_c, pid_a);
	/* the first child on the parent's line, the second under it, below the "+" */
	snprintf(buf, size, "%s-+-%s\n%*s`-%s\n", a, b, (int)strlen(a) + 1, "", c);
}

static void plain_pid(pid_t pid, char *buf, size_t size)
{
	snprintf(buf, size, "%d", pid);
}

/* NSpid of /proc/PID/status, "4107 1" made "4107/1". */
static void ns_pids(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (proc_field(path, "NSpid", buf, size))
		snprintf(buf, size, "?");
	for (char *p = buf; *p; p++)
		if (*p == '\t' || *p == ' ')
			*p = '/';
	memmove(buf, buf + strspn(buf, "/"), strlen(buf + strspn(buf, "/")) + 1);
}

/*
 * Runs `pstree OPTION -S nsta` and compares it with the tree /proc gives,
 * each pid as @id_of writes it.  On Linux, a pstree that is not installed,
 * or (@psmisc_has_it false) that rejects OPTION, skips the case.
 */
static void check_pstree(const char *option, void (*id_of)(pid_t, char *, size_t),
			 int psmisc_has_it)
{
	char pid[16], expected[512];
	char *const argv[] = { "pstree", (char *)option, "-S", pid, NULL };
	int status;

	snprintf(pid, sizeof(pid), "%d", pid_a);
	status = run_output(argv, out, sizeof(out));
	if (status == 127 << 8 && !on_matryoshka())
		KTAP_SKIP("pstree is not installed");
	if (status && !psmisc_has_it && !on_matryoshka())
		KTAP_SKIP("psmisc's pstree has no such option");
	EXPECT_EQ(status, 0);
	expected_tree(expected, sizeof(expected), id_of);
	EXPECT_STREQ(out, expected);
}

/* pstree -p -S: the pids, and the namespaces each process entered. */
static void t_pstree_ns_changes(void)
{
	check_pstree("-p", plain_pid, 1);
}

/* pstree --ns-pids -S: every pid of each process, from ours to its own namespace's. */
static void t_pstree_ns_pids(void)
{
	check_pstree("--ns-pids", ns_pids, 0);
}

int main(void)
{
	int rc;

	setenv("COLUMNS", "1000", 1);	/* no line is cut, whatever the terminal */
	if (start_processes()) {
		printf("# could not start the processes in new namespaces: %s\n", strerror(errno));
		ns_reap(&nsta);
		return 1;
	}
	rc = ktap_run(KTAP_CASES(t_lsns_tree_owner, t_lsns_tree_parent, t_pstree_ns_changes,
				 t_pstree_ns_pids));
	EXPECT_EQ(ns_reap(&nsta), 0);
	return rc;
}
