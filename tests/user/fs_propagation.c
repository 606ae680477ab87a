/*
 * fs_propagation: mount propagation (Linux's shared subtrees,
 * Documentation/filesystems/sharedsubtree.rst; LTP mountns01-04).
 *
 * The test works in a private mount namespace of its own, on a tmpfs of
 * its own, with directories A and B (B holds a file "b"): A is bound on
 * itself and made shared, private, slave or unbindable, then a child in
 * a new mount namespace (whose copy of A is a peer of A when A is
 * shared) and the test bind B onto A in turn and look for A/b.
 *
 *  - shared: a mount or unmount on either side shows on the other;
 *  - slave: the master's mounts and unmounts reach the slave, the
 *    slave's do not go back;
 *  - private: nothing crosses;
 *  - unbindable: binding it is EINVAL; a recursive bind leaves it out;
 *  - a copy for a less privileged user namespace is a slave;
 *  - /proc/self/mountinfo shows shared:N, master:N and unbindable, and
 *    the options, type and source; after a chroot that hides a slave's
 *    master group, propagate_from:N names the group it really receives
 *    from;
 *  - a propagated copy in use makes umount EBUSY, umount -l takes it;
 *  - binding a shared mount below itself doubles it each time, until
 *    fs.mount-max says ENOSPC (checked on Matryoshka only, where the
 *    test may lower that global limit).
 */
#include "ns_util.h"
#include "child.h"

static char base[64];

/* "BASE/NAME" in a static buffer of the caller's choosing. */
static char *at(char *buf, const char *name)
{
	snprintf(buf, 128, "%s/%s", base, name);
	return buf;
}

static int bind_b_on_a(void)
{
	char a[128], b[128];

	return mount(at(b, "B"), at(a, "A"), NULL, MS_BIND, NULL);
}

static int umount_a(void)
{
	char a[128];

	return umount(at(a, "A"));
}

static int sees_b(void)
{
	char p[128];

	return access(at(p, "A/b"), F_OK) == 0;
}

/*
 * The child's side: it answers the parent's commands, one byte each:
 * 'm' binds B on A, 'u' unmounts A, 'c' says whether A/b is there,
 * 's' makes A a slave, 'p' private; the reply is 0 or the errno.
 */
static int obey(int in, int out, void *arg)
{
	char cmd, a[128];
	long r;

	(void)arg;
	while (read(in, &cmd, 1) == 1) {
		switch (cmd) {
		case 'm':
			r = ERRNO_OF(bind_b_on_a());
			break;
		case 'u':
			r = ERRNO_OF(umount_a());
			break;
		case 'c':
			r = sees_b();
			break;
		case 's':
			r = ERRNO_OF(mount(NULL, at(a, "A"), NULL, MS_SLAVE, NULL));
			break;
		default:
			r = -1;
		}
		if (send_long(out, r))
			return 1;
	}
	return 0;
}

static long ask(struct ns_child *c, char cmd)
{
	return write(c->to, &cmd, 1) == 1 ? recv_long(c->from, -2) : -2;
}

/* A bound on itself with propagation @type (MS_SHARED, ...), and a child in a new namespace. */
static int set_up(struct ns_child *c, unsigned long type)
{
	char a[128];

	if (mount(at(a, "A"), a, NULL, MS_BIND, NULL) || mount(NULL, a, NULL, type, NULL))
		return -1;
	return ns_spawn(c, CLONE_NEWNS, obey, NULL);
}

static void tear_down(struct ns_child *c)
{
	EXPECT_EQ(ns_reap(c), 0);
	while (umount_a() == 0)
		;
}

/* LTP mountns01: peers in two namespaces see each other's mounts and unmounts. */
static void t_shared_propagates_both_ways(void)
{
	struct ns_child c;

	ASSERT_EQ(set_up(&c, MS_SHARED), 0);
	EXPECT_EQ(bind_b_on_a(), 0);
	EXPECT_EQ(ask(&c, 'c'), 1);
	EXPECT_EQ(umount_a(), 0);
	EXPECT_EQ(ask(&c, 'c'), 0);
	EXPECT_EQ(ask(&c, 'm'), 0);
	EXPECT_TRUE(sees_b());
	EXPECT_EQ(ask(&c, 'u'), 0);
	EXPECT_TRUE(!sees_b());
	tear_down(&c);
}

/* LTP mountns02: a slave receives, and sends nothing back. */
static void t_slave_receives_only(void)
{
	struct ns_child c;

	ASSERT_EQ(set_up(&c, MS_SHARED), 0);
	EXPECT_EQ(ask(&c, 's'), 0);
	EXPECT_EQ(bind_b_on_a(), 0);
	EXPECT_EQ(ask(&c, 'c'), 1);
	EXPECT_EQ(umount_a(), 0);
	EXPECT_EQ(ask(&c, 'c'), 0);
	EXPECT_EQ(ask(&c, 'm'), 0);
	EXPECT_TRUE(!sees_b());
	EXPECT_EQ(ask(&c, 'u'), 0);
	tear_down(&c);
}

/* LTP mountns03: private mounts keep to themselves. */
static void t_private_propagates_nothing(void)
{
	struct ns_child c;

	ASSERT_EQ(set_up(&c, MS_PRIVATE), 0);
	EXPECT_EQ(bind_b_on_a(), 0);
	EXPECT_EQ(ask(&c, 'c'), 0);
	EXPECT_EQ(ask(&c, 'm'), 0);
	EXPECT_EQ(ask(&c, 'c'), 1);
	EXPECT_EQ(umount_a(), 0);
	EXPECT_TRUE(!sees_b());
	EXPECT_EQ(ask(&c, 'c'), 1);
	tear_down(&c);
}

/* LTP mountns04: an unbindable mount is not bound, and a recursive bind skips it. */
static void t_unbindable_is_not_bound(void)
{
	char a[128], b[128], sub[128];

	ASSERT_EQ(mount(at(a, "A"), a, NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, a, NULL, MS_UNBINDABLE, NULL), 0);
	EXPECT_EQ(ERRNO_OF(mount(a, at(b, "B"), NULL, MS_BIND, NULL)), EINVAL);
	EXPECT_EQ(ERRNO_OF(mount(a, b, NULL, MS_BIND | MS_REC, NULL)), EINVAL);
	EXPECT_EQ(umount(a), 0);
	/* C holds an unbindable mount on C/sub: a recursive bind of C leaves it out */
	ASSERT_EQ(mkdir(at(sub, "C/sub"), 0755), 0);
	ASSERT_EQ(mount("none", sub, "tmpfs", 0, NULL), 0);
	ASSERT_EQ(mknod(at(a, "C/sub/x"), S_IFREG | 0600, 0), 0);
	ASSERT_EQ(mount(NULL, sub, NULL, MS_UNBINDABLE, NULL), 0);
	EXPECT_EQ(mount(at(a, "C"), at(b, "B"), NULL, MS_BIND | MS_REC, NULL), 0);
	EXPECT_EQ(ERRNO_OF(access(at(a, "B/sub/x"), F_OK)), ENOENT);
	EXPECT_EQ(access(at(a, "C/sub/x"), F_OK), 0);
	EXPECT_EQ(umount(b), 0);
	EXPECT_EQ(umount(sub), 0);
	EXPECT_EQ(rmdir(sub), 0);
}

/* Exactly one propagation type, at a mount root. */
static void t_change_type_arguments(void)
{
	char a[128];

	ASSERT_EQ(mount(at(a, "A"), a, NULL, MS_BIND, NULL), 0);
	EXPECT_EQ(ERRNO_OF(mount(NULL, a, NULL, MS_SHARED | MS_PRIVATE, NULL)), EINVAL);
	EXPECT_EQ(ERRNO_OF(mount(NULL, at(a, "B"), NULL, MS_SHARED, NULL)), EINVAL);
	EXPECT_EQ(mount(NULL, at(a, "A"), NULL, MS_SHARED | MS_REC | MS_SILENT, NULL), 0);
	EXPECT_EQ(mount(NULL, a, NULL, MS_PRIVATE, NULL), 0);
	EXPECT_EQ(umount(a), 0);
}

/* The optional fields and the rest of the mountinfo line of the mount on BASE/@name. */
static int mountinfo_of(const char *name, char *opt, size_t n, char *rest, size_t rn)
{
	char path[128], line[512], mp[256], *dash;
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int id, parent, maj, min, found = -1, pos;

	at(path, name);
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%d %d %d:%d %*s %255s %*s%n", &id, &parent, &maj, &min, mp,
			   &pos) != 5 || strcmp(mp, path))
			continue;
		dash = strstr(line, " - ");
		if (!dash)
			continue;
		snprintf(opt, n, "%.*s", (int)(dash - line - pos), line + pos);
		snprintf(rest, rn, "%s", dash + 3);
		found = 0;	/* the last one: mounts stack */
	}
	if (f)
		fclose(f);
	return found;
}

static int group_of(const char *opt, const char *tag)
{
	const char *p = strstr(opt, tag);

	return p ? atoi(p + strlen(tag)) : -1;
}

static void t_mountinfo_optional_fields(void)
{
	char a[128], opt[128], rest[128];
	struct ns_child c;
	int group;

	ASSERT_EQ(set_up(&c, MS_SHARED), 0);
	ASSERT_EQ(mountinfo_of("A", opt, sizeof(opt), rest, sizeof(rest)), 0);
	group = group_of(opt, "shared:");
	EXPECT_GT(group, 0);
	EXPECT_TRUE(strstr(rest, "tmpfs ") == rest);
	/* made a slave: its master is the group it was in */
	ASSERT_EQ(mount(NULL, at(a, "A"), NULL, MS_SLAVE, NULL), 0);
	ASSERT_EQ(mountinfo_of("A", opt, sizeof(opt), rest, sizeof(rest)), 0);
	EXPECT_EQ(group_of(opt, "master:"), group);
	EXPECT_EQ(group_of(opt, "shared:"), -1);
	/* shared and slave at once */
	ASSERT_EQ(mount(NULL, a, NULL, MS_SHARED, NULL), 0);
	ASSERT_EQ(mountinfo_of("A", opt, sizeof(opt), rest, sizeof(rest)), 0);
	EXPECT_GT(group_of(opt, "shared:"), 0);
	EXPECT_NE(group_of(opt, "shared:"), group);
	EXPECT_EQ(group_of(opt, "master:"), group);
	ASSERT_EQ(mount(NULL, a, NULL, MS_UNBINDABLE, NULL), 0);
	ASSERT_EQ(mountinfo_of("A", opt, sizeof(opt), rest, sizeof(rest)), 0);
	EXPECT_TRUE(strstr(opt, " unbindable") != NULL);
	EXPECT_TRUE(strstr(opt, "shared:") == NULL && strstr(opt, "master:") == NULL);
	tear_down(&c);
}

/*
 * In V: A (shared, group g1) and D; in H: B, a shared slave of A (group
 * g2), and C, B's peer; D is a slave of g2.  Chrooted in V, g2 is out
 * of sight: D shows master:g2 and propagate_from:g1.
 */
static void propagate_from_in_chroot(void)
{
	char opt[128], rest[128], line[512];
	FILE *f;
	int found = 0;

	if (chroot(at(line, "V")) || chdir("/"))
		_exit(100);
	f = fopen("/proc/self/mountinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*d %*d %*s %*s %127s", opt) == 1 && !strcmp(opt, "/D")) {
			found = 1;
			snprintf(rest, sizeof(rest), "%s", strstr(line, " rw") ? strstr(line, " rw") : "");
			EXPECT_TRUE(strstr(rest, " master:") != NULL);
			EXPECT_TRUE(strstr(rest, " propagate_from:") != NULL);
			EXPECT_NE(group_of(rest, "master:"), group_of(rest, "propagate_from:"));
		}
	}
	EXPECT_TRUE(found);
}

static void t_mountinfo_propagate_from(void)
{
	char src[128], a[128], b[128], c[128], d[128];
	static const char *const dirs[] = { "V", "V/A", "V/D", "V/proc", "H", "H/B", "H/C" };
	unsigned int i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		ASSERT_EQ(mkdir(at(a, dirs[i]), 0755), 0);
	ASSERT_EQ(mount(at(src, "A"), at(a, "V/A"), NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, a, NULL, MS_SHARED, NULL), 0);
	ASSERT_EQ(mount(a, at(b, "H/B"), NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, b, NULL, MS_SLAVE, NULL), 0);
	ASSERT_EQ(mount(NULL, b, NULL, MS_SHARED, NULL), 0);
	ASSERT_EQ(mount(b, at(c, "H/C"), NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(c, at(d, "V/D"), NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, d, NULL, MS_SLAVE, NULL), 0);
	ASSERT_EQ(mount("/proc", at(src, "V/proc"), NULL, MS_BIND, NULL), 0);
	EXPECT_EQ(run_in_child(propagate_from_in_chroot), 0);
	EXPECT_EQ(umount(src), 0);
	EXPECT_EQ(umount(d), 0);
	EXPECT_EQ(umount(c), 0);
	EXPECT_EQ(umount(b), 0);
	EXPECT_EQ(umount(a), 0);
	for (i = sizeof(dirs) / sizeof(dirs[0]); i-- > 0;)
		EXPECT_EQ(rmdir(at(a, dirs[i])), 0);
}

/* A copy for a new user namespace is a slave: it receives, and its own mounts stay. */
static int userns_side(int in, int out, void *arg)
{
	char a[128], cmd;

	(void)arg;
	if (drop_privs(TEST_UID) || unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return 1;
	while (read(in, &cmd, 1) == 1) {
		long r = cmd == 'c' ? sees_b() :
			 cmd == 't' ? ERRNO_OF(mount("none", at(a, "A"), "tmpfs", 0, NULL)) :
			 cmd == 'u' ? ERRNO_OF(umount_a()) : -1;

		if (send_long(out, r))
			return 1;
	}
	return 0;
}

static void t_less_privileged_copy_is_a_slave(void)
{
	char a[128];
	struct ns_child c;

	ASSERT_EQ(mount(at(a, "A"), a, NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, a, NULL, MS_SHARED, NULL), 0);
	ASSERT_EQ(ns_spawn(&c, 0, userns_side, NULL), 0);
	EXPECT_EQ(ask(&c, 'c'), 0);	/* also: its namespace exists by now */
	EXPECT_EQ(bind_b_on_a(), 0);
	EXPECT_EQ(ask(&c, 'c'), 1);
	EXPECT_EQ(ask(&c, 't'), 0);	/* its tmpfs on A stays its own */
	EXPECT_TRUE(sees_b());
	EXPECT_EQ(ask(&c, 'u'), 0);
	EXPECT_EQ(umount_a(), 0);
	tear_down(&c);
}

/* The child sits in its copy of A/sub: the test's umount of A's mount is EBUSY, -l works. */
static int sit_in_copy(int in, int out, void *arg)
{
	char p[128];

	(void)arg;
	if (chdir(at(p, "A")))
		return 1;
	sync_post(out);
	sync_wait(in);
	return 0;
}

static void t_copy_in_use_makes_umount_busy(void)
{
	char a[128];
	struct ns_child c;

	ASSERT_EQ(mount(at(a, "A"), a, NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, a, NULL, MS_SHARED, NULL), 0);
	ASSERT_EQ(bind_b_on_a(), 0);	/* the mount the child will sit in */
	ASSERT_EQ(ns_spawn(&c, CLONE_NEWNS, sit_in_copy, NULL), 0);
	ASSERT_EQ(sync_wait(c.from), 0);
	EXPECT_EQ(ERRNO_OF(umount(a)), EBUSY);
	EXPECT_EQ(umount2(a, MNT_DETACH), 0);
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_EQ(umount(a), 0);
}

static int count_mounts(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

static void t_mount_max_stops_doubling(void)
{
	char a[128], sub[128], max[32];
	long long old = read_number("/proc/sys/fs/mount-max");
	int i, err = 0;

	if (!on_matryoshka())
		KTAP_SKIP("would change the host's fs.mount-max");
	ASSERT_EQ(mkdir(at(sub, "A/sub"), 0755), 0);
	ASSERT_EQ(mount(at(a, "A"), a, NULL, MS_BIND, NULL), 0);
	ASSERT_EQ(mount(NULL, a, NULL, MS_SHARED, NULL), 0);
	snprintf(max, sizeof(max), "%d", count_mounts() + 20);
	ASSERT_EQ(write_text("/proc/sys/fs/mount-max", max), 0);
	for (i = 0; i < 10 && !err; i++)
		err = ERRNO_OF(mount(a, sub, NULL, MS_BIND, NULL));
	EXPECT_EQ(err, ENOSPC);
	EXPECT_LE(count_mounts(), atoi(max));
	snprintf(max, sizeof(max), "%lld", old);
	EXPECT_EQ(write_text("/proc/sys/fs/mount-max", max), 0);
	EXPECT_EQ(umount2(a, MNT_DETACH), 0);
	while (umount2(a, MNT_DETACH) == 0)	/* copies were stacked on A too */
		;
	EXPECT_EQ(rmdir(sub), 0);
}

int main(void)
{
	char p[128];
	int status;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# fs_propagation: no private mount namespace: %s\n", strerror(errno));
		return 1;
	}
	snprintf(base, sizeof(base), "/tmp/fs_propagation.%d", getpid());
	if (mkdir(base, 0755) || mount("none", base, "tmpfs", 0, NULL) || chmod(base, 0755) ||
	    mkdir(at(p, "A"), 0755) || mkdir(at(p, "B"), 0755) || mkdir(at(p, "C"), 0755) ||
	    mknod(at(p, "B/b"), S_IFREG | 0644, 0))
		return 1;
	status = ktap_run(KTAP_CASES(t_shared_propagates_both_ways, t_slave_receives_only,
				     t_private_propagates_nothing, t_unbindable_is_not_bound,
				     t_change_type_arguments, t_mountinfo_optional_fields,
				     t_mountinfo_propagate_from,
				     t_less_privileged_copy_is_a_slave,
				     t_copy_in_use_makes_umount_busy, t_mount_max_stops_doubling));
	umount2(base, MNT_DETACH);
	rmdir(base);
	return status;
}
