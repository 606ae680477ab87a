/*
 * rlimit: getrlimit, setrlimit and prlimit64.  Limits read back as set,
 * soft above hard is EINVAL, root may raise a hard limit (skipped where
 * root lacks CAP_SYS_RESOURCE, as in some containers) and nobody else
 * may, an unknown resource is EINVAL, prlimit64 works on another process
 * (ESRCH for one that does not exist), limits are inherited by fork, and
 * RLIMIT_NOFILE is enforced (EMFILE from open, EBADF from dup2), and
 * its hard limit cannot pass fs.nr_open (EPERM, even for root), whose
 * sysctl takes values from 64 to INT_MAX rounded down to 64 (EINVAL
 * outside); RLIMIT_AS is enforced too (ENOMEM from mmap and shmat, an
 * unmoved break from brk, counting what a MAP_FIXED replaces), and so is
 * RLIMIT_FSIZE (a write is cut to end at the limit, one starting at it
 * is EFBIG with SIGXFSZ, and so is ftruncate past it; pipes have no
 * limit); truncate and ftruncate check a negative length first.  Every
 * change is made in a child; fs.nr_open is only rewritten with the value
 * it has.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

/* The raw calls: musl's getrlimit/setrlimit go through prlimit64. */
static long sys_getrlimit(int res, struct rlimit *rl)
{
	return syscall(SYS_getrlimit, res, rl);
}

static long sys_setrlimit(int res, const struct rlimit *rl)
{
	return syscall(SYS_setrlimit, res, rl);
}

static long sys_prlimit(pid_t pid, int res, const struct rlimit *new, struct rlimit *old)
{
	return syscall(SYS_prlimit64, pid, res, new, old);
}

static void t_getrlimit_sane(void)
{
	struct rlimit rl;

	/* Unsigned: RLIM_INFINITY is the largest value. */
	ASSERT_EQ(sys_getrlimit(RLIMIT_NOFILE, &rl), 0);
	EXPECT_TRUE(rl.rlim_cur > 2);
	EXPECT_TRUE(rl.rlim_cur <= rl.rlim_max);
	ASSERT_EQ(sys_getrlimit(RLIMIT_STACK, &rl), 0);
	EXPECT_TRUE(rl.rlim_cur <= rl.rlim_max);
	EXPECT_TRUE(rl.rlim_cur >= 64 * 1024);
}

static void set_and_read_back(void)
{
	struct rlimit rl = { 100, 200 }, got;

	ASSERT_EQ(sys_setrlimit(RLIMIT_NOFILE, &rl), 0);
	ASSERT_EQ(sys_getrlimit(RLIMIT_NOFILE, &got), 0);
	EXPECT_EQ(got.rlim_cur, 100);
	EXPECT_EQ(got.rlim_max, 200);
	/* A soft limit may go up to the hard one, RLIM_INFINITY included
	 * (Linux's default hard limit for core files). */
	ASSERT_EQ(sys_getrlimit(RLIMIT_CORE, &got), 0);
	rl.rlim_cur = rl.rlim_max = got.rlim_max;
	ASSERT_EQ(sys_setrlimit(RLIMIT_CORE, &rl), 0);
	ASSERT_EQ(sys_getrlimit(RLIMIT_CORE, &got), 0);
	EXPECT_TRUE(got.rlim_cur == rl.rlim_max);
}

static void t_setrlimit_reads_back(void)
{
	EXPECT_CHILD_OK(set_and_read_back);
}

static void t_soft_above_hard_einval(void)
{
	struct rlimit rl = { 300, 200 };

	EXPECT_ERRNO(sys_setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	EXPECT_ERRNO(sys_prlimit(0, RLIMIT_NOFILE, &rl, NULL), EINVAL);
}

static void t_unknown_resource_einval(void)
{
	struct rlimit rl;

	EXPECT_ERRNO(sys_getrlimit(100, &rl), EINVAL);
	EXPECT_ERRNO(sys_setrlimit(100, &rl), EINVAL);
	EXPECT_ERRNO(sys_prlimit(0, 100, NULL, &rl), EINVAL);
	EXPECT_ERRNO(sys_getrlimit(-1, &rl), EINVAL);
}

static void raise_hard_limit(void)
{
	struct rlimit low = { 10, 100 }, high = { 10, 1000 }, got;

	ASSERT_EQ(sys_setrlimit(RLIMIT_CORE, &low), 0);
	EXPECT_EQ(sys_setrlimit(RLIMIT_CORE, &high), 0);
	ASSERT_EQ(sys_getrlimit(RLIMIT_CORE, &got), 0);
	EXPECT_EQ(got.rlim_max, 1000);
}

static void raise_hard_limit_as_nobody(void)
{
	struct rlimit low = { 10, 100 }, high = { 10, 1000 };

	ASSERT_EQ(sys_setrlimit(RLIMIT_CORE, &low), 0);
	ASSERT_EQ(setuid(1000), 0);
	EXPECT_ERRNO(sys_setrlimit(RLIMIT_CORE, &high), EPERM);
	high.rlim_max = 50;		/* lowering is allowed to anyone */
	EXPECT_EQ(sys_setrlimit(RLIMIT_CORE, &high), 0);
}

static void t_raise_hard_limit_non_root_eperm(void)
{
	EXPECT_CHILD_OK(raise_hard_limit_as_nobody);
}

/*
 * Whether we hold CAP_SYS_RESOURCE (bit 24 of CapEff), which raising a
 * hard limit needs.  Root normally does, but a container may drop it; a
 * kernel without capability sets in /proc gives root everything.
 */
static int have_cap_sys_resource(void)
{
	char line[256];
	unsigned long long caps = ~0ULL;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	if (f)
		fclose(f);
	return (caps >> 24) & 1;
}

static void t_raise_hard_limit_as_root(void)
{
	if (!have_cap_sys_resource())
		KTAP_SKIP("no CAP_SYS_RESOURCE here");
	EXPECT_CHILD_OK(raise_hard_limit);
}

static void prlimit_self(void)
{
	struct rlimit new = { 64, 128 }, old, got;

	ASSERT_EQ(sys_getrlimit(RLIMIT_NOFILE, &got), 0);
	/* Set and fetch the old value in one call. */
	ASSERT_EQ(sys_prlimit(0, RLIMIT_NOFILE, &new, &old), 0);
	EXPECT_EQ(old.rlim_cur, got.rlim_cur);
	EXPECT_EQ(old.rlim_max, got.rlim_max);
	ASSERT_EQ(sys_prlimit(getpid(), RLIMIT_NOFILE, NULL, &got), 0);
	EXPECT_EQ(got.rlim_cur, 64);
	EXPECT_EQ(got.rlim_max, 128);
	EXPECT_EQ(sys_prlimit(0, RLIMIT_NOFILE, NULL, NULL), 0);
}

static void t_prlimit64_self(void)
{
	EXPECT_CHILD_OK(prlimit_self);
}

static void lower_nofile(void)
{
	struct rlimit rl = { 33, 44 };

	sys_setrlimit(RLIMIT_NOFILE, &rl);
}

static void t_prlimit64_other_process(void)
{
	struct parked_child c;
	struct rlimit got, gone_rl;
	pid_t gone = reaped_pid();

	ASSERT_EQ(park_child(&c, lower_nofile), 0);
	EXPECT_EQ(sys_prlimit(c.pid, RLIMIT_NOFILE, NULL, &got), 0);
	EXPECT_EQ(got.rlim_cur, 33);
	EXPECT_EQ(got.rlim_max, 44);
	EXPECT_EXIT(release_child(&c), 0);
	ASSERT_GT(gone, 0);
	EXPECT_ERRNO(sys_prlimit(gone, RLIMIT_NOFILE, NULL, &gone_rl), ESRCH);
}

static void inherited_limit(void)
{
	struct rlimit got;

	ASSERT_EQ(sys_getrlimit(RLIMIT_NOFILE, &got), 0);
	EXPECT_EQ(got.rlim_cur, 33);
	EXPECT_EQ(got.rlim_max, 44);
}

static void set_then_fork(void)
{
	lower_nofile();
	EXPECT_CHILD_OK(inherited_limit);
}

static void t_limits_inherited_by_fork(void)
{
	EXPECT_CHILD_OK(set_then_fork);
}

static void nofile_enforced(void)
{
	struct rlimit rl = { 8, 8 };
	int fd, last = -1;

	for (fd = 3; fd < 8; fd++)
		close(fd);	/* whatever we inherited: 3..7 are free */
	ASSERT_EQ(sys_setrlimit(RLIMIT_NOFILE, &rl), 0);
	/* Descriptors 0..7 at most. */
	while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		EXPECT_LT(fd, 8);
		last = fd;
		if (fd >= 8)
			break;
	}
	EXPECT_EQ(errno, EMFILE);
	EXPECT_EQ(last, 7);
	EXPECT_ERRNO(dup(0), EMFILE);
	EXPECT_ERRNO(dup2(0, 8), EBADF);	/* a number past the limit */
	EXPECT_ERRNO(fcntl(0, F_DUPFD, 8), EINVAL);
}

static void t_rlimit_nofile_enforced(void)
{
	EXPECT_CHILD_OK(nofile_enforced);
}

static long nr_open(void)
{
	char buf[32];
	int fd = open("/proc/sys/fs/nr_open", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atol(buf);
}

/* Writes @text to fs.nr_open: 0 or the errno. */
static int write_nr_open(const char *text)
{
	int fd = open("/proc/sys/fs/nr_open", O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) < 0)
		err = errno;
	close(fd);
	return err;
}

static void nofile_capped_by_nr_open(void)
{
	long max = nr_open();
	struct rlimit rl = { max, max }, got;

	ASSERT_GT(max, 0);
	EXPECT_EQ(sys_setrlimit(RLIMIT_NOFILE, &rl), 0);
	ASSERT_EQ(sys_getrlimit(RLIMIT_NOFILE, &got), 0);
	EXPECT_EQ(got.rlim_max, max);
	rl.rlim_max = max + 1;
	EXPECT_ERRNO(sys_setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	EXPECT_ERRNO(sys_prlimit(0, RLIMIT_NOFILE, &rl, NULL), EPERM);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	EXPECT_ERRNO(sys_setrlimit(RLIMIT_NOFILE, &rl), EPERM);
}

static void t_rlimit_nofile_capped_by_nr_open(void)
{
	if (!have_cap_sys_resource())
		KTAP_SKIP("no CAP_SYS_RESOURCE here");
	EXPECT_CHILD_OK(nofile_capped_by_nr_open);
}

static void t_nr_open_sysctl_range(void)
{
	char same[32];
	long max = nr_open();

	ASSERT_GT(max, 63);
	EXPECT_EQ(write_nr_open("63"), EINVAL);
	EXPECT_EQ(write_nr_open("2147483585"), EINVAL);
	EXPECT_EQ(write_nr_open("-1"), EINVAL);
	snprintf(same, sizeof(same), "%ld", max);
	EXPECT_EQ(write_nr_open(same), 0);
	EXPECT_EQ(nr_open(), max);
}

/* The address space's size, VmSize of /proc/self/status, in bytes. */
static unsigned long vm_size(void)
{
	return proc_kb("/proc/self/status", "VmSize:") * 1024;
}

#define MIB (1024UL * 1024)

static void as_enforced(void)
{
	struct rlimit rl;
	char *p, *brk0;
	int id;

	ASSERT_EQ(getrlimit(RLIMIT_AS, &rl), 0);
	rl.rlim_cur = vm_size() + 4 * MIB;
	ASSERT_EQ(setrlimit(RLIMIT_AS, &rl), 0);
	errno = 0;
	EXPECT_TRUE(mmap(NULL, 8 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0) == MAP_FAILED && errno == ENOMEM);
	p = mmap(NULL, 2 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	/* over itself: nothing more is needed */
	EXPECT_TRUE(mmap(p, 2 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			 -1, 0) == p);
	brk0 = (char *)syscall(SYS_brk, 0);
	EXPECT_TRUE((char *)syscall(SYS_brk, brk0 + 8 * MIB) == brk0);
	id = shmget(IPC_PRIVATE, 8 * MIB, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_ERRNO((long)shmat(id, NULL, 0), ENOMEM);
	shmctl(id, IPC_RMID, NULL);
}

/*
 * -1 with EFBIG, and SIGXFSZ (blocked by the caller) sent for it as
 * Linux's send_sig(SIGXFSZ, current, 0) sends it: SI_USER, from itself.
 */
static void expect_efbig_sigxfsz(long ret)
{
	int err = errno;
	siginfo_t si;

	EXPECT_EQ(ret, -1);
	EXPECT_EQ(err, EFBIG);
	ASSERT_TRUE(is_pending(SIGXFSZ));
	si = wait_for_signal(SIGXFSZ);
	EXPECT_EQ(si.si_code, SI_USER);
	EXPECT_EQ(si.si_pid, getpid());
}

static void fsize_enforced(void)
{
	struct rlimit rl = { 10000, RLIM_INFINITY };
	char path[64], buf[4096] = { 0 };
	struct stat st;
	int fd, pfd[2];

	block_signal(SIGXFSZ);
	snprintf(path, sizeof(path), "/tmp/ktap-fsize-%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_GE(fd, 0);
	unlink(path);
	ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &rl), 0);
	EXPECT_EQ(write(fd, buf, 4096), 4096);
	EXPECT_EQ(pwrite(fd, buf, 4096, 8192), 1808);	/* cut to end at 10000 */
	EXPECT_TRUE(!is_pending(SIGXFSZ));
	ASSERT_EQ(lseek(fd, 10000, SEEK_SET), 10000);
	expect_efbig_sigxfsz(write(fd, buf, 1));		/* at the limit */
	expect_efbig_sigxfsz(pwrite(fd, buf, 1, 20000));
	EXPECT_EQ(ftruncate(fd, 10000), 0);
	expect_efbig_sigxfsz(ftruncate(fd, 10001));
	EXPECT_EQ(ftruncate(fd, 5000), 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 5000);
	rl.rlim_cur = 0;
	ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &rl), 0);
	ASSERT_EQ(pipe(pfd), 0);
	EXPECT_EQ(write(pfd[1], buf, 100), 100);		/* not a file with a size */
	EXPECT_ERRNO(ftruncate(-1, -1), EINVAL);
	EXPECT_ERRNO(truncate("/no/such/file", -1), EINVAL);
	close(fd);
	close(pfd[0]);
	close(pfd[1]);
}

static void t_rlimit_fsize_enforced(void)
{
	EXPECT_CHILD_OK(fsize_enforced);
}

static void t_rlimit_as_enforced(void)
{
	EXPECT_CHILD_OK(as_enforced);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_getrlimit_sane, t_setrlimit_reads_back,
		t_soft_above_hard_einval, t_unknown_resource_einval,
		t_raise_hard_limit_as_root, t_raise_hard_limit_non_root_eperm,
		t_prlimit64_self,
		t_prlimit64_other_process, t_limits_inherited_by_fork, t_rlimit_as_enforced,
		t_rlimit_nofile_enforced, t_rlimit_nofile_capped_by_nr_open,
		t_nr_open_sysctl_range, t_rlimit_fsize_enforced));
}
