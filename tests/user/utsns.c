/*
 * utsns: UTS namespaces, each with its own host and domain name
 * (CLONE_NEWUTS; linux-semantics.md E1, E2, E5; LTP utstest, uts_ns setns).
 *
 * A new namespace starts with a copy of its creator's names; a name set in
 * it is seen by the tasks sharing it and nowhere else.  sethostname and
 * setdomainname need CAP_SYS_ADMIN over the namespace's owning user
 * namespace (EPERM, checked before anything else), so an ordinary user may
 * rename a namespace made in a user namespace of its own, and nobody may
 * rename one that belongs to an ancestor.  A name is at most 64 bytes
 * (EINVAL).  /proc/sys/kernel/{hostname,domainname,...} and /proc/version
 * show the reader's namespace's names; writing the sysctls takes root of
 * the initial user namespace.  setns(fd, CLONE_NEWUTS) moves a task into
 * another namespace.
 *
 * Every name is set in a child in a new namespace, never in the one the
 * test starts in (on Linux, the machine's).
 */
#include "ns_util.h"
#include <sys/utsname.h>

#define PROC_UTS_INIT_INO	0xEFFFFFFEul
#define NS_FIRST_DYNAMIC_INO	0xF0000000ul
#define NEW_UTS_LEN		64

static long set_host(const char *name)
{
	return syscall(SYS_sethostname, name, strlen(name));
}

static long set_domain(const char *name)
{
	return syscall(SYS_setdomainname, name, strlen(name));
}

/* The caller's uname(2), which the tests take as a whole. */
static struct utsname my_uname(void)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	if (uname(&u))
		strcpy(u.nodename, "(uname failed)");
	return u;
}

/* The caller's host and domain names now, each in a buffer of its own. */
static const char *host_name(void)
{
	static char name[NEW_UTS_LEN + 1];

	strcpy(name, my_uname().nodename);
	return name;
}

static const char *domain_name(void)
{
	static char name[NEW_UTS_LEN + 1];

	strcpy(name, my_uname().domainname);
	return name;
}

/* @path holds exactly @value and a newline. */
static void expect_sysctl(const char *path, const char *value)
{
	char text[256], want[128];

	snprintf(want, sizeof(want), "%s\n", value);
	EXPECT_GT(read_text(path, text, sizeof(text)), 0);
	EXPECT_STREQ(text, want);
}

/* ---- isolation ------------------------------------------------------------------ */

/* Sets its namespace's names, reports, then keeps the namespace until reaped. */
static int set_names_and_hold(int in, int out, void *arg)
{
	long err = set_host(arg) ? errno : 0;

	if (!err && set_domain("utsns-held-domain"))
		err = errno;
	send_long(out, err);
	sync_wait(in);
	return 0;
}

static void t_names_set_in_a_new_namespace_are_invisible_outside(void)
{
	struct utsname before = my_uname(), after;
	struct ns_child c;
	char path[64];

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWUTS, set_names_and_hold, "utsns-held"), 0);
	EXPECT_EQ(recv_long(c.from, -1), 0);
	/* while the namespace lives, with its new names */
	after = my_uname();
	EXPECT_STREQ(after.nodename, before.nodename);
	EXPECT_STREQ(after.domainname, before.domainname);
	expect_sysctl("/proc/sys/kernel/hostname", before.nodename);
	EXPECT_NE(ns_ino(ns_path(path, sizeof(path), c.pid, "uts")), ns_ino("/proc/self/ns/uts"));
	EXPECT_EQ(ns_reap(&c), 0);
}

struct inherited {
	char first[NEW_UTS_LEN + 1], domain[NEW_UTS_LEN + 1];	/* at creation */
	long set;						/* its own sethostname */
	char own[NEW_UTS_LEN + 1];				/* then */
};

static void report_names_then_rename(void *out)
{
	struct inherited *r = out;
	struct utsname u = my_uname();

	strcpy(r->first, u.nodename);
	strcpy(r->domain, u.domainname);
	r->set = set_host("utsns-grandchild") ? errno : 0;
	u = my_uname();
	strcpy(r->own, u.nodename);
}

static void rename_shared(void *out)
{
	*(long *)out = set_host("utsns-shared") ? errno : 0;
}

/* The child copies the names as they are when it is made, then they part. */
NS_CASE(a_new_namespace_starts_with_its_creators_names, CLONE_NEWUTS)
{
	struct inherited r;
	long shared = -1;

	ASSERT_EQ(set_host("utsns-parent"), 0);
	ASSERT_EQ(set_domain("utsns-domain"), 0);
	EXPECT_EQ(ns_run(CLONE_NEWUTS, report_names_then_rename, &r, sizeof(r)), 0);
	EXPECT_STREQ(r.first, "utsns-parent");
	EXPECT_STREQ(r.domain, "utsns-domain");
	EXPECT_EQ(r.set, 0);
	EXPECT_STREQ(r.own, "utsns-grandchild");
	EXPECT_STREQ(host_name(), "utsns-parent");
	/* without CLONE_NEWUTS the namespace is shared: a rename is seen here */
	EXPECT_EQ(ns_run(0, rename_shared, &shared, sizeof(shared)), 0);
	EXPECT_EQ(shared, 0);
	EXPECT_STREQ(host_name(), "utsns-shared");
}

/* unshare(CLONE_NEWUTS) moves the caller, and the children it makes after. */
NS_CASE(unshare_gives_the_caller_a_namespace_of_its_own, 0)
{
	unsigned long old = ns_ino("/proc/self/ns/uts"), new;
	long shared = -1;

	ASSERT_EQ(unshare(CLONE_NEWUTS), 0);
	new = ns_ino("/proc/self/ns/uts");
	EXPECT_NE(new, old);
	EXPECT_GE(new, NS_FIRST_DYNAMIC_INO);
	EXPECT_EQ(set_host("utsns-unshared"), 0);
	EXPECT_EQ(ns_run(0, rename_shared, &shared, sizeof(shared)), 0);
	EXPECT_STREQ(host_name(), "utsns-shared");
}

/* ---- permissions ------------------------------------------------------------------ */

/* In a namespace of the initial user namespace, an ordinary user may not rename it. */
NS_CASE(an_unprivileged_rename_is_eperm, CLONE_NEWUTS)
{
	char long_name[NEW_UTS_LEN + 2];
	struct utsname before;

	ASSERT_EQ(set_host("utsns-fixed"), 0);
	ASSERT_EQ(drop_privs(TEST_UID), 0);
	memset(long_name, 'a', sizeof(long_name));
	EXPECT_ERRNO(set_host("utsns-changed"), EPERM);
	EXPECT_ERRNO(set_domain("utsns-changed"), EPERM);
	/* the permission comes first: a bad length or pointer is not looked at */
	EXPECT_ERRNO(syscall(SYS_sethostname, long_name, NEW_UTS_LEN + 1), EPERM);
	EXPECT_ERRNO(syscall(SYS_sethostname, (char *)1, 4), EPERM);
	before = my_uname();
	EXPECT_STREQ(before.nodename, "utsns-fixed");
	/* nor make a new namespace without a user namespace to own it */
	EXPECT_EQ(child_errno(ns_clone(CLONE_NEWUTS)), EPERM);
	EXPECT_ERRNO(unshare(CLONE_NEWUTS), EPERM);
}

static void rename_in_own_user_ns(void *out)
{
	struct utsname u;
	long *r = out;

	r[0] = set_host("utsns-userns") ? errno : 0;
	u = my_uname();
	r[1] = !strcmp(u.nodename, "utsns-userns");
}

/*
 * As an ordinary user: capabilities in a new user namespace do not reach
 * the UTS namespace it was made from, but a UTS namespace made inside it
 * (after unshare, or by the same clone) is its own to rename.
 */
NS_CASE(a_user_may_rename_a_namespace_of_its_own_user_namespace, CLONE_NEWUTS)
{
	long r[2] = { -1, 0 };
	int outer;

	ASSERT_EQ(set_host("utsns-outer"), 0);
	ASSERT_EQ(drop_privs(TEST_UID), 0);
	EXPECT_EQ(ns_run(CLONE_NEWUSER | CLONE_NEWUTS, rename_in_own_user_ns, r, sizeof(r)), 0);
	EXPECT_EQ(r[0], 0);
	EXPECT_EQ(r[1], 1);

	/* every capability, in the new user namespace only */
	ASSERT_EQ(unshare(CLONE_NEWUSER), 0);
	EXPECT_ERRNO(set_host("utsns-not-mine"), EPERM);
	outer = open("/proc/self/ns/uts", O_RDONLY);
	ASSERT_GE(outer, 0);
	ASSERT_EQ(unshare(CLONE_NEWUTS), 0);
	EXPECT_STREQ(host_name(), "utsns-outer");
	EXPECT_EQ(set_host("utsns-mine"), 0);
	EXPECT_STREQ(host_name(), "utsns-mine");
	/* and the way back to the outer one is shut (utsns_install) */
	EXPECT_ERRNO(setns(outer, CLONE_NEWUTS), EPERM);
	EXPECT_STREQ(host_name(), "utsns-mine");
	close(outer);
}

/* ---- lengths and pointers ------------------------------------------------------------ */

NS_CASE(names_longer_than_64_bytes_are_einval, CLONE_NEWUTS)
{
	char name[NEW_UTS_LEN + 2];
	struct utsname u;

	memset(name, 'x', sizeof(name));
	ASSERT_EQ(set_host("utsns-short"), 0);
	EXPECT_ERRNO(syscall(SYS_sethostname, name, NEW_UTS_LEN + 1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_sethostname, name, -1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_setdomainname, name, NEW_UTS_LEN + 1), EINVAL);
	EXPECT_STREQ(host_name(), "utsns-short");
	/* 64 bytes fill the field, its NUL after them */
	EXPECT_EQ(syscall(SYS_sethostname, name, NEW_UTS_LEN), 0);
	u = my_uname();
	EXPECT_EQ(strnlen(u.nodename, sizeof(u.nodename)), NEW_UTS_LEN);
	EXPECT_EQ(memcmp(u.nodename, name, NEW_UTS_LEN), 0);
	/* a shorter name leaves nothing of the longer one behind */
	EXPECT_EQ(syscall(SYS_sethostname, "ab", 2), 0);
	u = my_uname();
	EXPECT_EQ(memcmp(u.nodename, "ab\0\0\0", 5), 0);
	EXPECT_EQ(syscall(SYS_sethostname, name, 0), 0);
	EXPECT_STREQ(host_name(), "");
}

NS_CASE(bad_pointers_are_efault, CLONE_NEWUTS)
{
	ASSERT_EQ(set_host("utsns-kept"), 0);
	EXPECT_ERRNO(syscall(SYS_sethostname, (char *)1, 4), EFAULT);
	EXPECT_ERRNO(syscall(SYS_setdomainname, (char *)1, 4), EFAULT);
	EXPECT_ERRNO(syscall(SYS_uname, (void *)1), EFAULT);
	EXPECT_STREQ(host_name(), "utsns-kept");
}

/* ---- /proc ------------------------------------------------------------------------- */

static void t_proc_sys_kernel_names_match_uname(void)
{
	struct utsname u = my_uname();

	expect_sysctl("/proc/sys/kernel/ostype", u.sysname);
	expect_sysctl("/proc/sys/kernel/hostname", u.nodename);
	expect_sysctl("/proc/sys/kernel/osrelease", u.release);
	expect_sysctl("/proc/sys/kernel/version", u.version);
	expect_sysctl("/proc/sys/kernel/domainname", u.domainname);
}

/* "SYSNAME version RELEASE (...) VERSION\n", as Linux's linux_proc_banner. */
static void t_proc_version_is_the_banner_of_uname(void)
{
	struct utsname u = my_uname();
	char text[512], head[160], tail[80];
	size_t n, t;

	ASSERT_GT(read_text("/proc/version", text, sizeof(text)), 0);
	snprintf(head, sizeof(head), "%s version %s (", u.sysname, u.release);
	snprintf(tail, sizeof(tail), ") %s\n", u.version);
	n = strlen(text);
	t = strlen(tail);
	EXPECT_EQ(strncmp(text, head, strlen(head)), 0);
	EXPECT_TRUE(n > t && !strcmp(text + n - t, tail));
}

/* Reads and writes go to the namespace of the task making them. */
static void proc_names_body(void)
{
	char long_name[71];

	ASSERT_EQ(set_host("utsns-proc"), 0);
	expect_sysctl("/proc/sys/kernel/hostname", "utsns-proc");
	EXPECT_EQ(write_text("/proc/sys/kernel/hostname", "utsns-written\n"), 0);
	EXPECT_STREQ(host_name(), "utsns-written");
	EXPECT_EQ(write_text("/proc/sys/kernel/domainname", "utsns-dom"), 0);
	EXPECT_STREQ(domain_name(), "utsns-dom");
	expect_sysctl("/proc/sys/kernel/domainname", "utsns-dom");
	/* a longer write is taken whole and cut to 64 bytes (proc_dostring) */
	memset(long_name, 'q', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	EXPECT_EQ(write_text("/proc/sys/kernel/hostname", long_name), 0);
	EXPECT_EQ(strlen(my_uname().nodename), NEW_UTS_LEN);
	/* the other names are read-only */
	EXPECT_EQ(write_text("/proc/sys/kernel/ostype", "Plan9"), -EACCES);
	EXPECT_EQ(write_text("/proc/sys/kernel/osrelease", "1.0"), -EACCES);
}

static void t_proc_sys_kernel_hostname_is_per_namespace(void)
{
	struct utsname before = my_uname();

	EXPECT_EQ(ns_check_in_child(CLONE_NEWUTS, proc_names_body), 0);
	EXPECT_STREQ(host_name(), before.nodename);
	EXPECT_STREQ(domain_name(), before.domainname);
}

/*
 * Writing the sysctl takes root of the initial user namespace (sysctl's
 * test_perm): a user that may sethostname() in its own namespaces still
 * may not open it for writing.
 */
NS_CASE(proc_sys_kernel_hostname_is_root_only, CLONE_NEWUTS)
{
	ASSERT_EQ(drop_privs(TEST_UID), 0);
	ASSERT_EQ(unshare(CLONE_NEWUSER | CLONE_NEWUTS), 0);
	EXPECT_EQ(set_host("utsns-by-syscall"), 0);
	EXPECT_EQ(write_text("/proc/sys/kernel/hostname", "utsns-by-proc"), -EACCES);
	EXPECT_STREQ(host_name(), "utsns-by-syscall");
	expect_sysctl("/proc/sys/kernel/hostname", "utsns-by-syscall");
}

/* ---- namespace files and setns ------------------------------------------------------- */

static void t_the_initial_namespace_has_a_fixed_inode(void)
{
	char link[64];
	ssize_t n = readlink("/proc/self/ns/uts", link, sizeof(link) - 1);

	ASSERT_GT(n, 0);
	link[n] = '\0';
	EXPECT_STREQ(link, "uts:[4026531838]");
	EXPECT_EQ(ns_ino("/proc/self/ns/uts"), PROC_UTS_INIT_INO);
}

/* A new namespace's link names it by a new number, which is its file's inode. */
NS_CASE(a_new_namespace_has_a_new_inode, CLONE_NEWUTS)
{
	unsigned long ino = ns_ino("/proc/self/ns/uts"), got = 0;
	char link[64];
	ssize_t n = readlink("/proc/self/ns/uts", link, sizeof(link) - 1);
	int end = 0;

	ASSERT_GT(n, 0);
	link[n] = '\0';
	EXPECT_EQ(sscanf(link, "uts:[%lu]%n", &got, &end), 1);
	EXPECT_EQ(end, n);
	EXPECT_EQ(got, ino);
	EXPECT_GE(ino, NS_FIRST_DYNAMIC_INO);
}

static int target_fd = -1;

struct entered {
	long setns, ipc_type;
	unsigned long ino;
	char nodename[NEW_UTS_LEN + 1];
};

static void enter_target(void *out)
{
	struct entered *r = out;

	r->ipc_type = ERRNO_OF(setns(target_fd, CLONE_NEWIPC));
	r->setns = ERRNO_OF(setns(target_fd, CLONE_NEWUTS));
	r->ino = ns_ino("/proc/self/ns/uts");
	strcpy(r->nodename, my_uname().nodename);
}

static void t_setns_into_another_namespace_changes_uname(void)
{
	struct utsname before = my_uname();
	struct entered r;
	struct ns_child c;
	char path[64];

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWUTS, set_names_and_hold, "utsns-target"), 0);
	EXPECT_EQ(recv_long(c.from, -1), 0);
	target_fd = open(ns_path(path, sizeof(path), c.pid, "uts"), O_RDONLY);
	EXPECT_GE(target_fd, 0);
	EXPECT_EQ(ns_run(0, enter_target, &r, sizeof(r)), 0);
	EXPECT_EQ(r.ipc_type, EINVAL);
	EXPECT_EQ(r.setns, 0);
	EXPECT_EQ(r.ino, ns_ino(path));
	EXPECT_STREQ(r.nodename, "utsns-target");
	/* an ordinary user has no CAP_SYS_ADMIN to enter it with */
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(setns(target_fd, CLONE_NEWUTS))), EPERM);
	close(target_fd);
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_STREQ(host_name(), before.nodename);
	EXPECT_EQ(ns_ino("/proc/self/ns/uts"), PROC_UTS_INIT_INO);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_names_set_in_a_new_namespace_are_invisible_outside,
				   t_a_new_namespace_starts_with_its_creators_names,
				   t_unshare_gives_the_caller_a_namespace_of_its_own,
				   t_an_unprivileged_rename_is_eperm,
				   t_a_user_may_rename_a_namespace_of_its_own_user_namespace,
				   t_names_longer_than_64_bytes_are_einval,
				   t_bad_pointers_are_efault,
				   t_proc_sys_kernel_names_match_uname,
				   t_proc_version_is_the_banner_of_uname,
				   t_proc_sys_kernel_hostname_is_per_namespace,
				   t_proc_sys_kernel_hostname_is_root_only,
				   t_the_initial_namespace_has_a_fixed_inode,
				   t_a_new_namespace_has_a_new_inode,
				   t_setns_into_another_namespace_changes_uname));
}
