/*
 * fs_propagation_trace: one long mount propagation scenario, step by
 * step, against what Linux does.  Binds of one directory S sit on A, B,
 * C and D: A and B are peers, C is a shared slave of A, D a slave of C.
 * Mounts made on each propagate (or not) to the others; a mount already
 * standing where a copy lands goes over the copy ("tucking") and comes
 * back when the copy is unmounted; a private and an unbindable mount and
 * a child mount namespace take part; plain and lazy unmounts propagate.
 * After each step the test notes every mount under its directory with
 * its optional mountinfo fields (peer group numbers renumbered by first
 * appearance, as the real ones differ between kernels) and which places
 * show the file "m", and the whole trace must equal the one recorded on
 * Linux 6.18 (expected[] below).  It runs in a private mount namespace
 * on a tmpfs of its own.
 */
#include "ns_util.h"
#include <stdarg.h>

static char base[64];
static char trace[16384];
static size_t used;
static int groups[64], nr_groups;

/* Appends to the trace. */
static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	used += vsnprintf(trace + used, sizeof(trace) - used, fmt, ap);
	va_end(ap);
	if (used >= sizeof(trace))
		used = sizeof(trace) - 1;
}

/* "BASE/NAME", in one of a few rotating buffers. */
static const char *at(const char *name)
{
	static char bufs[4][128];
	static int i;

	if (!name)
		return NULL;
	i = (i + 1) % 4;
	snprintf(bufs[i], sizeof(bufs[i]), "%s/%s", base, name);
	return bufs[i];
}

static void do_mount(const char *src, const char *dst, unsigned long flags)
{
	int r = mount(at(src), at(dst), NULL, flags, NULL);

	note("mount %s %s %lx -> %d %s\n", src ? src : "-", dst, flags, r, r ? strerror(errno) : "");
}

static void do_umount(const char *dst, int flags)
{
	int r = umount2(at(dst), flags);

	note("umount %s -> %d %s\n", dst, r, r ? strerror(errno) : "");
}

/* A peer group's number in the trace: its rank of first appearance. */
static int group(int id)
{
	int i;

	for (i = 0; i < nr_groups; i++)
		if (groups[i] == id)
			return i + 1;
	if (nr_groups < (int)(sizeof(groups) / sizeof(groups[0])))
		groups[nr_groups++] = id;
	return nr_groups;
}

/* One mountinfo line's mount point (under BASE) and optional fields. */
static void note_mount(char *line)
{
	char mp[256], *rest, *t, *save;
	int pos = 0, g;

	if (sscanf(line, "%*d %*d %*s %*s %255s %*s%n", mp, &pos) != 1 || !pos ||
	    strncmp(mp, base, strlen(base)) || !strcmp(mp, base))
		return;
	note("%s", mp + strlen(base));
	rest = line + pos;
	for (t = strtok_r(rest, " \n", &save); t && strcmp(t, "-"); t = strtok_r(NULL, " \n", &save)) {
		if (sscanf(t, "shared:%d", &g) == 1)
			note(" shared:%d", group(g));
		else if (sscanf(t, "master:%d", &g) == 1)
			note(" master:%d", group(g));
		else if (sscanf(t, "propagate_from:%d", &g) == 1)
			note(" propagate_from:%d", group(g));
		else
			note(" %s", t);
	}
	note("\n");
}

/* The mounts under BASE, then which of the eight places show "m". */
static void show(const char *step)
{
	static const char *const places[] = {
		"A/a/m", "B/a/m", "C/a/m", "D/a/m", "A/x/m", "B/x/m", "C/x/m", "D/x/m",
	};
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[512];
	unsigned int i;

	note("--- %s\n", step);
	while (f && fgets(line, sizeof(line), f))
		note_mount(line);
	if (f)
		fclose(f);
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++)
		note("%s:%d ", places[i], access(at(places[i]), F_OK) == 0);
	note("\n");
}

static void set_up(void)
{
	static const char *const dirs[] = { "S", "S/a", "S/x", "A", "B", "C", "D", "T", "T/m" };
	unsigned int i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdir(at(dirs[i]), 0755);
	do_mount("S", "A", MS_BIND);
	do_mount(NULL, "A", MS_SHARED);
	do_mount("A", "B", MS_BIND);			/* B: a peer of A */
	do_mount("A", "C", MS_BIND);
	do_mount(NULL, "C", MS_SLAVE);			/* C: a slave of A ... */
	do_mount(NULL, "C", MS_SHARED);			/* ... and shared */
	do_mount("C", "D", MS_BIND);
	do_mount(NULL, "D", MS_SLAVE);			/* D: a slave of C */
	show("setup");
}

/* A child in a new mount namespace, whose copy of C is C's peer, mounts on its C/a. */
static void child_mounts(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(unshare(CLONE_NEWNS) || mount(at("T"), at("C/a"), NULL, MS_BIND, NULL));
	note("child: %d\n", wait_exit(pid));
	show("parent after child");
}

static void scenario(void)
{
	set_up();
	do_mount("T", "A/a", MS_BIND);			/* to B, C and D */
	show("bind T on A/a");
	do_mount("T", "C/x", MS_BIND);			/* to D only */
	show("bind T on C/x");
	do_mount("T", "D/x", MS_BIND);			/* nowhere */
	show("bind T on D/x");
	do_umount("B/a", 0);				/* from A, C and D too */
	show("umount B/a");
	do_mount("S", "A/x", MS_BIND | MS_REC);		/* C's and D's copies go under */
	show("rbind S on A/x");
	do_mount(NULL, "A", MS_PRIVATE);
	do_mount("T", "A/a", MS_BIND);
	show("A private, bind T on A/a");
	do_mount(NULL, "B", MS_UNBINDABLE);
	do_mount("B", "T/m", MS_BIND);
	show("B unbindable");
	child_mounts();
	do_umount("C/x", 0);
	show("umount C/x (the tucked-over top)");
	do_umount("B/x", 0);
	show("umount B/x (propagates to A, C, D)");
	do_mount(NULL, "B", MS_SHARED);
	do_mount("T", "B/a", MS_BIND);
	do_mount("S", "B/a", MS_BIND);
	show("two mounts stacked on B/a");
	do_umount("B/a", MNT_DETACH);
	show("umount -l B/a");
	do_umount("C/a", MNT_DETACH);
	show("umount -l C/a");
	do_umount("D/x", 0);
	do_umount("D/x", 0);
	do_umount("D/x", 0);
	show("umount D/x thrice");
}

static const char expected[] =
	"mount S A 1000 -> 0 \n"
	"mount - A 100000 -> 0 \n"
	"mount A B 1000 -> 0 \n"
	"mount A C 1000 -> 0 \n"
	"mount - C 80000 -> 0 \n"
	"mount - C 100000 -> 0 \n"
	"mount C D 1000 -> 0 \n"
	"mount - D 80000 -> 0 \n"
	"--- setup\n"
	"/A shared:1\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"A/a/m:0 B/a/m:0 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:0 \n"
	"mount T A/a 1000 -> 0 \n"
	"--- bind T on A/a\n"
	"/A shared:1\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"/A/a shared:3\n"
	"/B/a shared:3\n"
	"/C/a shared:4 master:3\n"
	"/D/a master:4\n"
	"A/a/m:1 B/a/m:1 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:0 \n"
	"mount T C/x 1000 -> 0 \n"
	"--- bind T on C/x\n"
	"/A shared:1\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"/A/a shared:3\n"
	"/B/a shared:3\n"
	"/C/a shared:4 master:3\n"
	"/D/a master:4\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"A/a/m:1 B/a/m:1 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"mount T D/x 1000 -> 0 \n"
	"--- bind T on D/x\n"
	"/A shared:1\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"/A/a shared:3\n"
	"/B/a shared:3\n"
	"/C/a shared:4 master:3\n"
	"/D/a master:4\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"/D/x\n"
	"A/a/m:1 B/a/m:1 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"umount B/a -> 0 \n"
	"--- umount B/a\n"
	"/A shared:1\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"/D/x\n"
	"A/a/m:0 B/a/m:0 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"mount S A/x 5000 -> 0 \n"
	"--- rbind S on A/x\n"
	"/A shared:1\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/B/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"A/a/m:0 B/a/m:0 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"mount - A 40000 -> 0 \n"
	"mount T A/a 1000 -> 0 \n"
	"--- A private, bind T on A/a\n"
	"/A\n"
	"/B shared:1\n"
	"/C shared:2 master:1\n"
	"/D master:2\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/B/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"A/a/m:1 B/a/m:0 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"mount - B 20000 -> 0 \n"
	"mount B T/m 1000 -> -1 Invalid argument\n"
	"--- B unbindable\n"
	"/A\n"
	"/B unbindable\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/B/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"A/a/m:1 B/a/m:0 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"child: 0\n"
	"--- parent after child\n"
	"/A\n"
	"/B unbindable\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/C/x shared:5\n"
	"/D/x master:5\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/B/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"/C/a shared:1\n"
	"/D/a master:1\n"
	"A/a/m:1 B/a/m:0 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:1 D/x/m:1 \n"
	"umount C/x -> 0 \n"
	"--- umount C/x (the tucked-over top)\n"
	"/A\n"
	"/B unbindable\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/B/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"/C/a shared:1\n"
	"/D/a master:1\n"
	"A/a/m:1 B/a/m:0 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:1 \n"
	"umount B/x -> 0 \n"
	"--- umount B/x (propagates to A, C, D)\n"
	"/A\n"
	"/B unbindable\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"/C/a shared:1\n"
	"/D/a master:1\n"
	"A/a/m:1 B/a/m:0 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:1 \n"
	"mount - B 100000 -> 0 \n"
	"mount T B/a 1000 -> 0 \n"
	"mount S B/a 1000 -> 0 \n"
	"--- two mounts stacked on B/a\n"
	"/A\n"
	"/B shared:5\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"/C/a shared:1\n"
	"/D/a master:1\n"
	"/B/a shared:6\n"
	"/B/a shared:7\n"
	"A/a/m:1 B/a/m:0 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:1 \n"
	"umount B/a -> 0 \n"
	"--- umount -l B/a\n"
	"/A\n"
	"/B shared:5\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"/C/a shared:1\n"
	"/D/a master:1\n"
	"/B/a shared:6\n"
	"A/a/m:1 B/a/m:1 C/a/m:1 D/a/m:1 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:1 \n"
	"umount C/a -> 0 \n"
	"--- umount -l C/a\n"
	"/A\n"
	"/B shared:5\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/D/x\n"
	"/A/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/D/x master:4\n"
	"/A/a\n"
	"/B/a shared:6\n"
	"A/a/m:1 B/a/m:1 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:1 \n"
	"umount D/x -> 0 \n"
	"umount D/x -> 0 \n"
	"umount D/x -> -1 Invalid argument\n"
	"--- umount D/x thrice\n"
	"/A\n"
	"/B shared:5\n"
	"/C shared:2\n"
	"/D master:2\n"
	"/A/x shared:3\n"
	"/C/x shared:4 master:3\n"
	"/A/a\n"
	"/B/a shared:6\n"
	"A/a/m:1 B/a/m:1 C/a/m:0 D/a/m:0 A/x/m:0 B/x/m:0 C/x/m:0 D/x/m:0 \n";

static void t_trace_matches_linux(void)
{
	const char *a = trace, *b = expected;

	scenario();
	while (*a && *a == *b) {
		a++;
		b++;
	}
	if (*a || *b)
		KTAP_FAIL("the trace differs at \"%.70s\" (Linux: \"%.70s\")", a, b);
}

int main(void)
{
	int status;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# fs_propagation_trace: no private mount namespace: %s\n", strerror(errno));
		return 1;
	}
	snprintf(base, sizeof(base), "/tmp/fs_propagation_trace.%d", getpid());
	if (mkdir(base, 0755) || mount("none", base, "tmpfs", 0, NULL))
		return 1;
	status = ktap_run(KTAP_CASES(t_trace_matches_linux));
	umount2(base, MNT_DETACH);
	rmdir(base);
	return status;
}
