/*
 * userns_caps: capabilities: capget(2), capset(2), prctl's capability
 * options, the securebits, and what setuid() and execve() do to them
 * (linux-semantics.md D2, D10).
 *
 * Every case runs in a new user namespace, where its creator holds every
 * capability whatever the test's own capabilities outside are.  Cases that
 * change uids run in one whose ids 0..1999 are the same ids outside (the
 * test writes that map from outside, as root).  Cases about execve
 * re-execute the test (/proc/self/exe) with a REPORT_* argument; that run
 * answers in its exit status.
 */
#include "ns_util.h"
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/resource.h>

#define CAP_CHOWN	0
#define CAP_KILL	5
#define CAP_SETPCAP	8
#define CAP_MKNOD	27
#define BIT(cap)	(1ULL << (cap))

#define CAP_VERSION_1	0x19980330
#define CAP_VERSION_2	0x20071026

/* uapi/linux/securebits.h: each setting with its lock just above it */
#define SECBIT_NOROOT				0x001
#define SECBIT_NOROOT_LOCKED			0x002
#define SECBIT_NO_SETUID_FIXUP			0x004
#define SECBIT_KEEP_CAPS			0x010
#define SECBIT_KEEP_CAPS_LOCKED			0x020
#define SECBIT_NO_CAP_AMBIENT_RAISE		0x040
#define SECBIT_EXEC_RESTRICT_FILE		0x100
#define SECBIT_EXEC_RESTRICT_FILE_LOCKED	0x200
#define SECBIT_EXEC_DENY_INTERACTIVE		0x400

#define REPORT_CAPS	"--report-caps"
#define REPORT_DUMP	"--report-dumpable"
#define REPORT_SECBITS	"--report-securebits"

/* ---- the re-executed runs ------------------------------------------------------------ */

/* Exit codes: 20 when P = E = {CAP_KILL}, 21 when both are empty, 22 otherwise; +10 if keepcaps. */
static int report_caps(void)
{
	struct cap_sets s;
	int code;

	if (cap_get(0, &s))
		return 30;
	if (s.permitted == BIT(CAP_KILL) && s.effective == BIT(CAP_KILL))
		code = 20;
	else if (!s.permitted && !s.effective)
		code = 21;
	else
		code = 22;
	return code + (prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0) ? 10 : 0);
}

/* Exit code: PR_GET_DUMPABLE, +2 if AT_SECURE. */
static int report_dumpable(void)
{
	return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) + (getauxval(AT_SECURE) ? 2 : 0);
}

/* Exit code: the securebits (those the tests set fit in 8 bits). */
static int report_securebits(void)
{
	return prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
}

/* execve()s the test with @what; returns only if that failed: 100 + errno. */
static int reexec(const char *what)
{
	execl("/proc/self/exe", "userns_caps", what, (char *)NULL);
	return 100 + errno;
}

/* ---- helpers ------------------------------------------------------------------------- */

static int capset_raw(uint32_t version, pid_t pid, uint64_t e, uint64_t p, uint64_t i)
{
	struct cap_header hdr = { version, pid };
	struct cap_data data[2] = {
		{ (uint32_t)e, (uint32_t)p, (uint32_t)i },
		{ e >> 32, p >> 32, i >> 32 },
	};

	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

static int set_caps(uint64_t e, uint64_t p, uint64_t i)
{
	return capset_raw(CAP_VERSION_3, 0, e, p, i);
}

static struct cap_sets caps_now(void)
{
	struct cap_sets s = { 0, 0, 0 };

	cap_get(0, &s);
	return s;
}

static long ambient(int op, unsigned long cap, unsigned long a4)
{
	return prctl(PR_CAP_AMBIENT, op, cap, a4, 0);
}

static long securebits(void)
{
	return prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
}

static long set_securebits(unsigned long bits)
{
	return prctl(PR_SET_SECUREBITS, bits, 0, 0, 0);
}

/* Runs a case body in a child: exit status 1 if one of its checks failed. */
static int run_body(int in, int out, void *arg)
{
	void (*body)(void) = (void (*)(void))arg;

	(void)out;
	if (sync_wait(in))
		return 1;
	ktap_failed = 0;
	if (!setjmp(ktap_abort))
		body();
	fflush(stdout);
	return ktap_failed ? 1 : 0;
}

/* Runs @body in a new user namespace mapping ids 0..1999 to the same ids outside. */
static int in_mapped_userns(void (*body)(void))
{
	struct ns_child c;

	if (ns_spawn(&c, CLONE_NEWUSER, run_body, (void *)body))
		return -1;
	if (write_proc_file(c.pid, "uid_map", "0 0 2000\n") ||
	    write_proc_file(c.pid, "gid_map", "0 0 2000\n"))
		KTAP_FAIL("cannot write the maps of %d", (int)c.pid);
	sync_post(c.to);
	return ns_reap(&c);
}

#define MAPPED_CASE(name) \
	static void name##_body(void); \
	static void t_##name(void) { EXPECT_EQ(in_mapped_userns(name##_body), 0); } \
	static void name##_body(void)

/* ---- capget ---------------------------------------------------------------------------- */

NS_CASE(capget_speaks_versions_1_to_3, CLONE_NEWUSER | CLONE_NEWPID)
{
	uint64_t all = all_caps();
	struct cap_header hdr = { CAP_VERSION_3, 0 };
	struct cap_data data[2];

	EXPECT_EQ(syscall(SYS_capget, &hdr, data), 0);
	EXPECT_EQ(data[0].effective | (uint64_t)data[1].effective << 32, all);
	hdr.version = CAP_VERSION_2;
	memset(data, 0, sizeof(data));
	EXPECT_EQ(syscall(SYS_capget, &hdr, data), 0);
	EXPECT_EQ(data[0].permitted | (uint64_t)data[1].permitted << 32, all);
	hdr.version = CAP_VERSION_1;		/* 32 capabilities, one struct */
	memset(data, 0xaa, sizeof(data));
	EXPECT_EQ(syscall(SYS_capget, &hdr, data), 0);
	EXPECT_EQ(data[0].effective, (uint32_t)all);
	EXPECT_EQ(data[1].effective, 0xaaaaaaaa);
	hdr.version = 0x12345678;		/* unknown: EINVAL, and the preferred one back */
	EXPECT_ERRNO(syscall(SYS_capget, &hdr, data), EINVAL);
	EXPECT_EQ(hdr.version, CAP_VERSION_3);
	hdr.version = 0;			/* a library's probe: no data, no error */
	EXPECT_EQ(syscall(SYS_capget, &hdr, NULL), 0);
	EXPECT_EQ(hdr.version, CAP_VERSION_3);
	hdr.pid = -1;
	EXPECT_ERRNO(syscall(SYS_capget, &hdr, data), EINVAL);
	hdr.pid = 1;				/* ourselves: pid 1 of the new pid namespace */
	EXPECT_EQ(syscall(SYS_capget, &hdr, data), 0);
	hdr.pid = 2;				/* nobody here */
	EXPECT_ERRNO(syscall(SYS_capget, &hdr, data), ESRCH);
	hdr.pid = 0;
	EXPECT_ERRNO(syscall(SYS_capget, (void *)8, data), EFAULT);
	EXPECT_ERRNO(syscall(SYS_capget, &hdr, (void *)8), EFAULT);
}

static int hold_with_kill_only(int in, int out, void *arg)
{
	(void)arg;
	if (set_caps(BIT(CAP_KILL), all_caps(), 0) || sync_post(out))
		return 1;
	sync_wait(in);
	return 0;
}

/* capget of another process reads its sets, by its pid in the caller's namespace. */
static void t_capget_reads_another_process(void)
{
	struct ns_child c;
	struct cap_sets s = { 0, 0, 0 };

	ASSERT_EQ(ns_spawn(&c, CLONE_NEWUSER, hold_with_kill_only, NULL), 0);
	if (!sync_wait(c.from)) {
		EXPECT_EQ(cap_get(c.pid, &s), 0);
		EXPECT_EQ(s.effective, BIT(CAP_KILL));
		EXPECT_EQ(s.permitted, all_caps());
		EXPECT_EQ(s.inheritable, 0);
	} else {
		KTAP_FAIL("the child could not set its capabilities");
	}
	EXPECT_EQ(ns_reap(&c), 0);
}

/* ---- capset ---------------------------------------------------------------------------- */

NS_CASE(capset_only_on_the_caller, CLONE_NEWUSER)
{
	uint64_t all = all_caps();
	struct cap_header hdr = { 0x1, 0 };

	EXPECT_ERRNO(capset_raw(CAP_VERSION_3, getppid(), all, all, 0), EPERM);
	EXPECT_EQ(capset_raw(CAP_VERSION_3, getpid(), all, all, 0), 0);
	EXPECT_ERRNO(syscall(SYS_capset, &hdr, NULL), EINVAL);
	EXPECT_EQ(hdr.version, CAP_VERSION_3);
	hdr.version = CAP_VERSION_3;
	EXPECT_ERRNO(syscall(SYS_capset, &hdr, (void *)8), EFAULT);
	/* version 1 sets only the low 32 capabilities: the others are dropped */
	EXPECT_EQ(capset_raw(CAP_VERSION_1, 0, all, all, 0), 0);
	EXPECT_EQ(caps_now().permitted, all & 0xffffffff);
}

/* Nothing can be gained: each rule of Linux's cap_capset, one at a time. */
NS_CASE(capset_cannot_gain, CLONE_NEWUSER)
{
	uint64_t all = all_caps(), p = all & ~BIT(CAP_KILL), e;

	EXPECT_ERRNO(set_caps(all, p, 0), EPERM);		/* E not within P */
	EXPECT_EQ(set_caps(p, p, 0), 0);
	EXPECT_ERRNO(set_caps(p, all, 0), EPERM);		/* P grows */
	EXPECT_EQ(caps_now().permitted, p);
	/* with CAP_SETPCAP, I may take what P no longer has (it is in the bounding set) */
	EXPECT_EQ(set_caps(p, p, BIT(CAP_KILL)), 0);
	/* without it, I stays within the old I and P */
	p &= ~BIT(CAP_CHOWN);
	e = p & ~BIT(CAP_SETPCAP);
	EXPECT_EQ(set_caps(e, p, BIT(CAP_KILL)), 0);
	EXPECT_ERRNO(set_caps(e, p, BIT(CAP_KILL) | BIT(CAP_CHOWN)), EPERM);
	/* and even with it, never beyond the bounding set */
	EXPECT_EQ(set_caps(p, p, BIT(CAP_KILL)), 0);
	EXPECT_EQ(prctl(PR_CAPBSET_DROP, CAP_MKNOD, 0, 0, 0), 0);
	EXPECT_ERRNO(set_caps(p, p, BIT(CAP_KILL) | BIT(CAP_MKNOD)), EPERM);
	EXPECT_EQ(caps_now().inheritable, BIT(CAP_KILL));
}

/* ---- prctl ----------------------------------------------------------------------------- */

NS_CASE(capbset_read_and_drop, CLONE_NEWUSER)
{
	uint64_t all = all_caps();

	EXPECT_EQ(prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0), 1);
	EXPECT_ERRNO(prctl(PR_CAPBSET_READ, 64, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(prctl(PR_CAPBSET_READ, -1L, 0, 0, 0), EINVAL);
	EXPECT_EQ(prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0), 0);
	EXPECT_EQ(prctl(PR_CAPBSET_READ, CAP_KILL, 0, 0, 0), 0);
	EXPECT_EQ(caps_now().effective, all);			/* the bounding set only */
	EXPECT_ERRNO(prctl(PR_CAPBSET_DROP, 64, 0, 0, 0), EINVAL);
	EXPECT_EQ(set_caps(all & ~BIT(CAP_SETPCAP), all, 0), 0);
	EXPECT_ERRNO(prctl(PR_CAPBSET_DROP, CAP_CHOWN, 0, 0, 0), EPERM);
	EXPECT_ERRNO(prctl(PR_CAPBSET_DROP, 64, 0, 0, 0), EPERM);	/* privilege first */
	EXPECT_EQ(prctl(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0), 1);
}

NS_CASE(ambient_needs_permitted_and_inheritable, CLONE_NEWUSER)
{
	uint64_t all = all_caps();

	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0), 0);
	EXPECT_ERRNO(ambient(PR_CAP_AMBIENT_IS_SET, 64, 0), EINVAL);
	EXPECT_ERRNO(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 1), EINVAL);
	EXPECT_ERRNO(ambient(99, CAP_KILL, 0), EINVAL);
	EXPECT_ERRNO(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), EPERM);	/* not inheritable */
	EXPECT_EQ(set_caps(all, all, BIT(CAP_KILL)), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0), 1);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_LOWER, CAP_KILL, 0), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), 0);
	EXPECT_EQ(set_caps(all, all, 0), 0);			/* no longer inheritable */
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0), 0);
	EXPECT_EQ(set_caps(all, all, BIT(CAP_KILL)), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), 0);
	EXPECT_ERRNO(ambient(PR_CAP_AMBIENT_CLEAR_ALL, 1, 0), EINVAL);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_CLEAR_ALL, 0, 0), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0), 0);
}

/* ---- securebits -------------------------------------------------------------------------- */

/* Every refusal is EPERM: a locked bit changed, a lock released, an unknown bit. */
NS_CASE(securebits_locks_and_unknown_bits, CLONE_NEWUSER)
{
	long locked_noroot = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED;

	EXPECT_EQ(securebits(), 0);
	EXPECT_ERRNO(set_securebits(1 << 12), EPERM);
	EXPECT_ERRNO(set_securebits(1UL << 40), EPERM);
	EXPECT_EQ(set_securebits(0), 0);		/* with CAP_SETPCAP a no-op is fine */
	EXPECT_EQ(set_securebits(locked_noroot), 0);
	EXPECT_EQ(securebits(), locked_noroot);
	EXPECT_ERRNO(set_securebits(SECBIT_NOROOT_LOCKED), EPERM);	/* the locked bit */
	EXPECT_ERRNO(set_securebits(SECBIT_NOROOT), EPERM);		/* the lock */
	EXPECT_EQ(set_securebits(locked_noroot | SECBIT_NO_SETUID_FIXUP), 0);	/* others free */
	EXPECT_EQ(set_securebits(locked_noroot), 0);
	EXPECT_EQ(prctl(PR_GET_SECUREBITS, 1, 2, 3, 4), locked_noroot);	/* the rest unread */
	EXPECT_EQ(prctl(PR_SET_SECUREBITS, locked_noroot, 1, 2, 3), 0);
}

/* SECBIT_KEEP_CAPS is what PR_SET_KEEPCAPS sets, and its lock binds both. */
NS_CASE(securebits_keep_caps_is_keepcaps, CLONE_NEWUSER)
{
	EXPECT_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0);
	EXPECT_EQ(securebits(), SECBIT_KEEP_CAPS);
	EXPECT_EQ(set_securebits(0), 0);
	EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
	EXPECT_EQ(set_securebits(SECBIT_KEEP_CAPS | SECBIT_KEEP_CAPS_LOCKED), 0);
	EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
	EXPECT_ERRNO(prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), EPERM);
	EXPECT_ERRNO(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), EPERM);	/* even to the same */
	EXPECT_ERRNO(prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);	/* the argument first */
	EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
}

/*
 * Changing them takes CAP_SETPCAP (even a change to the same value),
 * except for the bits user space enforces on itself (Linux 6.14).
 * PR_SET_KEEPCAPS takes nothing.
 */
NS_CASE(securebits_need_cap_setpcap, CLONE_NEWUSER)
{
	uint64_t all = all_caps();
	long user_bits = SECBIT_EXEC_RESTRICT_FILE | SECBIT_EXEC_RESTRICT_FILE_LOCKED |
		SECBIT_EXEC_DENY_INTERACTIVE;

	ASSERT_EQ(set_securebits(SECBIT_NOROOT), 0);
	ASSERT_EQ(set_caps(all & ~BIT(CAP_SETPCAP), all, 0), 0);
	EXPECT_ERRNO(set_securebits(0), EPERM);
	EXPECT_ERRNO(set_securebits(SECBIT_NOROOT), EPERM);
	EXPECT_ERRNO(set_securebits(SECBIT_NOROOT | SECBIT_NO_SETUID_FIXUP), EPERM);
	EXPECT_EQ(set_securebits(SECBIT_NOROOT | SECBIT_EXEC_RESTRICT_FILE), 0);
	EXPECT_EQ(set_securebits(SECBIT_NOROOT | user_bits), 0);
	EXPECT_ERRNO(set_securebits(SECBIT_NOROOT | user_bits), EPERM);	/* no change */
	EXPECT_ERRNO(set_securebits(SECBIT_NOROOT | SECBIT_EXEC_RESTRICT_FILE_LOCKED |
				    SECBIT_EXEC_DENY_INTERACTIVE), EPERM);	/* locked */
	EXPECT_EQ(set_securebits(SECBIT_NOROOT | SECBIT_EXEC_RESTRICT_FILE |
				 SECBIT_EXEC_RESTRICT_FILE_LOCKED), 0);
	EXPECT_EQ(securebits(), SECBIT_NOROOT | SECBIT_EXEC_RESTRICT_FILE |
		  SECBIT_EXEC_RESTRICT_FILE_LOCKED);
	EXPECT_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0);
	EXPECT_EQ(securebits() & SECBIT_KEEP_CAPS, SECBIT_KEEP_CAPS);
}

/* A fork keeps them; a new user namespace starts with none. */
MAPPED_CASE(securebits_pass_to_a_fork_not_to_a_new_userns)
{
	long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_KEEP_CAPS;
	pid_t pid;

	ASSERT_EQ(set_securebits(bits), 0);
	pid = fork();
	if (pid == 0)
		_exit(securebits());
	EXPECT_EQ(wait_exit(pid), bits);
	pid = fork();
	if (pid == 0)
		_exit(unshare(CLONE_NEWUSER) ? 100 + errno : securebits());
	EXPECT_EQ(wait_exit(pid), 0);
}

/* With SECBIT_NO_SETUID_FIXUP, neither setuid() nor setfsuid() touches the sets. */
MAPPED_CASE(no_setuid_fixup_leaves_the_sets_alone)
{
	uint64_t all = all_caps();

	ASSERT_EQ(set_caps(all, all, BIT(CAP_KILL)), 0);
	ASSERT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), 0);
	ASSERT_EQ(set_securebits(SECBIT_NO_SETUID_FIXUP), 0);
	EXPECT_EQ(setfsuid(1000), 0);
	EXPECT_EQ(caps_now().effective, all);
	EXPECT_EQ(setresuid(1000, 1000, 1000), 0);
	EXPECT_EQ(caps_now().permitted, all);
	EXPECT_EQ(caps_now().effective, all);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0), 1);
}

/* Under SECBIT_NOROOT root's execve is anyone's: P' = E' = the ambient set. */
MAPPED_CASE(noroot_gives_root_nothing_at_execve)
{
	uint64_t all = all_caps();
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(reexec(REPORT_CAPS));
	EXPECT_EQ(wait_exit(pid), 22);			/* root: everything */
	pid = fork();
	if (pid == 0)
		_exit(set_securebits(SECBIT_NOROOT) ? 1 : reexec(REPORT_CAPS));
	EXPECT_EQ(wait_exit(pid), 21);			/* nothing */
	pid = fork();
	if (pid == 0) {
		if (set_caps(all, all, BIT(CAP_KILL)) ||
		    ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0) ||
		    set_securebits(SECBIT_NOROOT))
			_exit(1);
		_exit(reexec(REPORT_CAPS));
	}
	EXPECT_EQ(wait_exit(pid), 20);			/* the ambient CAP_KILL */
}

/* execve keeps the securebits but SECBIT_KEEP_CAPS, which goes even if locked. */
MAPPED_CASE(execve_clears_only_keep_caps)
{
	long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_KEEP_CAPS |
		SECBIT_KEEP_CAPS_LOCKED;
	pid_t pid = fork();

	if (pid == 0)
		_exit(set_securebits(bits) ? 1 : reexec(REPORT_SECBITS));
	EXPECT_EQ(wait_exit(pid), bits & ~SECBIT_KEEP_CAPS);
}

/* SECBIT_NO_CAP_AMBIENT_RAISE refuses raising, not lowering or what is there. */
NS_CASE(no_cap_ambient_raise, CLONE_NEWUSER)
{
	uint64_t all = all_caps();

	ASSERT_EQ(set_caps(all, all, BIT(CAP_KILL) | BIT(CAP_CHOWN)), 0);
	ASSERT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0), 0);
	ASSERT_EQ(set_securebits(SECBIT_NO_CAP_AMBIENT_RAISE), 0);
	EXPECT_ERRNO(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), EPERM);
	EXPECT_ERRNO(ambient(PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0), EPERM);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0), 1);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_LOWER, CAP_CHOWN, 0), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0), 0);
	EXPECT_EQ(set_securebits(0), 0);
	EXPECT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), 0);
}

/* ---- setuid and execve ------------------------------------------------------------------- */

/* With keepcaps, setuid() away from root keeps P (E goes); without, both go. */
MAPPED_CASE(keepcaps_keeps_the_permitted_set)
{
	uint64_t all = all_caps();
	pid_t pid;

	EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
	EXPECT_ERRNO(prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);
	pid = fork();
	if (pid == 0)
		_exit(setresuid(1000, 1000, 1000) || caps_now().permitted ? 1 : 0);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0);
	EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
	ASSERT_EQ(setresuid(1000, 1000, 1000), 0);
	EXPECT_EQ(caps_now().permitted, all);
	EXPECT_EQ(caps_now().effective, 0);
}

/* A non-root program keeps its ambient capabilities across execve, and only those. */
MAPPED_CASE(ambient_caps_survive_execve_as_non_root)
{
	pid_t pid = fork();

	if (pid == 0) {		/* no ambient set: nothing survives */
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) || setresuid(1000, 1000, 1000))
			_exit(1);
		_exit(reexec(REPORT_CAPS));
	}
	EXPECT_EQ(wait_exit(pid), 21);
	ASSERT_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0);
	ASSERT_EQ(setresuid(1000, 1000, 1000), 0);
	ASSERT_EQ(set_caps(BIT(CAP_KILL), caps_now().permitted, BIT(CAP_KILL)), 0);
	ASSERT_EQ(ambient(PR_CAP_AMBIENT_RAISE, CAP_KILL, 0), 0);
	pid = fork();
	if (pid == 0)
		_exit(reexec(REPORT_CAPS));
	EXPECT_EQ(wait_exit(pid), 20);		/* P = E = ambient, keepcaps cleared */
}

/* setfsuid() away from root takes the file-system capabilities out of E, and back. */
MAPPED_CASE(setfsuid_moves_the_file_system_capabilities)
{
	uint64_t all = all_caps(), fs = BIT(CAP_CHOWN) | BIT(1) | BIT(2) | BIT(3) | BIT(4) |
		BIT(9) | BIT(CAP_MKNOD) | BIT(32);

	EXPECT_EQ(setfsuid(1000), 0);
	EXPECT_EQ(caps_now().effective, all & ~fs);
	EXPECT_EQ(caps_now().permitted, all);
	EXPECT_EQ(setfsuid(0), 1000);
	EXPECT_EQ(caps_now().effective, all);
}

/*
 * Dumpable: set by prctl, inherited by fork, cleared by a change of
 * effective id, and set again by execve unless the effective ids are not
 * the real ones (which is also when AT_SECURE is set).
 */
MAPPED_CASE(dumpable_follows_prctl_setuid_and_execve)
{
	pid_t pid;

	EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	EXPECT_ERRNO(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
	EXPECT_EQ(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), 0);
	EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	pid = fork();
	if (pid == 0)
		_exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
	EXPECT_EQ(wait_exit(pid), 0);
	pid = fork();
	if (pid == 0)
		_exit(reexec(REPORT_DUMP));
	EXPECT_EQ(wait_exit(pid), 1);			/* dumpable, not secure */
	EXPECT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	EXPECT_EQ(setresuid(-1, 1000, -1), 0);
	EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	pid = fork();
	if (pid == 0)
		_exit(reexec(REPORT_DUMP));
	EXPECT_EQ(wait_exit(pid), 2);			/* euid != uid: secure, not dumpable */
}

/* A process of @uid until the write end of @hold is closed: its pid, once it is @uid's. */
static pid_t hold_as(uid_t uid, const int hold[2])
{
	int ready[2];
	pid_t pid;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(hold[1]);
		close(ready[0]);
		if (setresuid(uid, uid, uid))
			_exit(1);
		sync_post(ready[1]);
		sync_wait(hold[0]);
		_exit(0);
	}
	close(ready[1]);
	if (pid > 0 && sync_wait(ready[0]))
		KTAP_FAIL("holder %d did not become uid %u", (int)pid, (unsigned)uid);
	close(ready[0]);
	return pid;
}

/*
 * A setuid() to a user already over RLIMIT_NPROC succeeds (programs run
 * as root seldom check it); the execve after it is EAGAIN.
 */
MAPPED_CASE(setuid_over_rlimit_nproc_fails_the_next_execve)
{
	struct rlimit rl = { 1, 1 };
	pid_t holders[2], pid;
	int hold[2];

	ASSERT_EQ(pipe(hold), 0);
	holders[0] = hold_as(1500, hold);
	holders[1] = hold_as(1500, hold);
	close(hold[0]);
	pid = fork();
	if (pid == 0) {
		if (setrlimit(RLIMIT_NPROC, &rl) || setresuid(1500, 1500, 1500))
			_exit(1);
		_exit(reexec(REPORT_DUMP));
	}
	EXPECT_EQ(wait_exit(pid), 100 + EAGAIN);
	close(hold[1]);
	EXPECT_EQ(wait_exit(holders[0]), 0);
	EXPECT_EQ(wait_exit(holders[1]), 0);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], REPORT_CAPS))
		return report_caps();
	if (argc == 2 && !strcmp(argv[1], REPORT_DUMP))
		return report_dumpable();
	if (argc == 2 && !strcmp(argv[1], REPORT_SECBITS))
		return report_securebits();
	return ktap_run(KTAP_CASES(t_capget_speaks_versions_1_to_3,
				   t_capget_reads_another_process,
				   t_capset_only_on_the_caller,
				   t_capset_cannot_gain,
				   t_capbset_read_and_drop,
				   t_ambient_needs_permitted_and_inheritable,
				   t_securebits_locks_and_unknown_bits,
				   t_securebits_keep_caps_is_keepcaps,
				   t_securebits_need_cap_setpcap,
				   t_securebits_pass_to_a_fork_not_to_a_new_userns,
				   t_no_setuid_fixup_leaves_the_sets_alone,
				   t_noroot_gives_root_nothing_at_execve,
				   t_execve_clears_only_keep_caps,
				   t_no_cap_ambient_raise,
				   t_keepcaps_keeps_the_permitted_set,
				   t_ambient_caps_survive_execve_as_non_root,
				   t_setfsuid_moves_the_file_system_capabilities,
				   t_dumpable_follows_prctl_setuid_and_execve,
				   t_setuid_over_rlimit_nproc_fails_the_next_execve));
}
