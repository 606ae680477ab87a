/*
 * misc_uname_sysinfo: the small system-wide calls.  uname says "Linux" on
 * "x86_64" and agrees with /proc/version; sysinfo agrees with /proc/meminfo
 * and /proc/uptime; getrandom fills buffers with fresh bytes and rejects
 * bad flags; sched_yield succeeds; an unknown system call number gives
 * ENOSYS; reboot refuses a bad magic (EINVAL) and a non-root caller
 * (EPERM).  No reboot with a valid magic is ever attempted.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define REBOOT_MAGIC1	0xfee1deadUL
#define REBOOT_MAGIC2	672274793UL
#define REBOOT_CMD_CAD_OFF 0UL	/* the most harmless command, never reached */

/* Reads a small /proc file into @buf; returns its length or -1. */
static int read_text(const char *path, char *buf, int size)
{
	FILE *f = fopen(path, "r");
	int n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = 0;
	return n;
}

static void t_uname_fields(void)
{
	struct utsname u;

	memset(&u, 0xff, sizeof(u));
	ASSERT_EQ(uname(&u), 0);
	/* musl-based tools check these: Matryoshka says "Linux" too. */
	EXPECT_STREQ(u.sysname, "Linux");
	EXPECT_STREQ(u.machine, "x86_64");
	EXPECT_GT(strnlen(u.release, sizeof(u.release)), 0);
	EXPECT_LT(strnlen(u.release, sizeof(u.release)), sizeof(u.release));
	EXPECT_GT(strnlen(u.version, sizeof(u.version)), 0);
	EXPECT_LT(strnlen(u.version, sizeof(u.version)), sizeof(u.version));
	EXPECT_GT(strnlen(u.nodename, sizeof(u.nodename)), 0);
	EXPECT_LT(strnlen(u.nodename, sizeof(u.nodename)), sizeof(u.nodename));
}

static void t_uname_matches_proc_version(void)
{
	struct utsname u;
	char text[1024], want[128];

	ASSERT_EQ(uname(&u), 0);
	ASSERT_GT(read_text("/proc/version", text, sizeof(text)), 0);
	snprintf(want, sizeof(want), "Linux version %.64s ", u.release);
	EXPECT_EQ(strncmp(text, want, strlen(want)), 0);
}

static void t_sysinfo_values(void)
{
	struct sysinfo si;

	memset(&si, 0xff, sizeof(si));
	ASSERT_EQ(sysinfo(&si), 0);
	EXPECT_GE(si.uptime, 1);	/* Linux rounds a partial second up */
	EXPECT_GT(si.totalram, 0);
	EXPECT_GT(si.freeram, 0);
	EXPECT_LE(si.freeram, si.totalram);
	EXPECT_LE(si.bufferram, si.totalram);
	EXPECT_GE(si.mem_unit, 1);
	EXPECT_GE(si.procs, 1);
}

static void t_sysinfo_matches_meminfo(void)
{
	struct sysinfo si;
	char text[4096], *line;
	unsigned long kb = 0;

	ASSERT_EQ(sysinfo(&si), 0);
	ASSERT_GT(read_text("/proc/meminfo", text, sizeof(text)), 0);
	line = strstr(text, "MemTotal:");
	ASSERT_TRUE(line != NULL);
	ASSERT_EQ(sscanf(line, "MemTotal: %lu kB", &kb), 1);
	EXPECT_EQ((unsigned long long)si.totalram * si.mem_unit / 1024, kb);
}

static void t_sysinfo_uptime_matches_proc_uptime(void)
{
	struct sysinfo si;
	char text[128];
	unsigned long secs, hundredths, idle, idle_hundredths;

	ASSERT_GT(read_text("/proc/uptime", text, sizeof(text)), 0);
	ASSERT_EQ(sscanf(text, "%lu.%2lu %lu.%2lu", &secs, &hundredths, &idle,
			 &idle_hundredths), 4);
	ASSERT_EQ(sysinfo(&si), 0);
	/* Read later and rounded up: never behind /proc/uptime. */
	EXPECT_GE((unsigned long)si.uptime, secs + (hundredths > 0));
}

static void t_getrandom_fills_fresh_bytes(void)
{
	unsigned char a[32], b[32], zero[32] = { 0 };

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	EXPECT_EQ(getrandom(a, sizeof(a), 0), sizeof(a));
	EXPECT_EQ(getrandom(b, sizeof(b), 0), sizeof(b));
	EXPECT_TRUE(memcmp(a, zero, sizeof(a)) != 0);
	EXPECT_TRUE(memcmp(a, b, sizeof(a)) != 0);
}

static void t_getrandom_sizes_and_flags(void)
{
	static unsigned char big[8192];
	unsigned char buf[16];
	long r;

	EXPECT_EQ(getrandom(buf, 0, 0), 0);
	EXPECT_EQ(getrandom(big, sizeof(big), 0), sizeof(big));
	errno = 0;
	r = getrandom(buf, sizeof(buf), GRND_NONBLOCK);
	EXPECT_TRUE(r == sizeof(buf) || (r == -1 && errno == EAGAIN));
	EXPECT_ERRNO(getrandom(buf, sizeof(buf), 0x100), EINVAL);
}

static void t_sched_yield(void)
{
	int i;

	for (i = 0; i < 10; i++)
		EXPECT_EQ(sched_yield(), 0);
}

static void t_unknown_syscall_enosys(void)
{
	/* (Not a gap like 335: Linux 6.11 gave it to uretprobe, which
	 * answers a call from outside its trampoline with SIGILL.) */
	EXPECT_ERRNO(syscall(1000), ENOSYS);
	EXPECT_ERRNO(syscall(512), ENOSYS);	/* x32-only numbers */
	EXPECT_ERRNO(syscall(-1L), ENOSYS);
	EXPECT_EQ(syscall(SYS_getpid), getpid());	/* and we carry on */
}

static void t_reboot_bad_magic_einval(void)
{
	EXPECT_ERRNO(syscall(SYS_reboot, REBOOT_MAGIC1, 0UL, REBOOT_CMD_CAD_OFF, NULL),
		     EINVAL);
	EXPECT_ERRNO(syscall(SYS_reboot, 0UL, REBOOT_MAGIC2, REBOOT_CMD_CAD_OFF, NULL),
		     EINVAL);
}

static void reboot_as_nobody(void)
{
	ASSERT_EQ(setuid(65534), 0);
	/* Linux checks CAP_SYS_BOOT before it even looks at the magic. */
	EXPECT_ERRNO(syscall(SYS_reboot, REBOOT_MAGIC1, 0UL, REBOOT_CMD_CAD_OFF, NULL),
		     EPERM);
}

static void t_reboot_non_root_eperm(void)
{
	EXPECT_CHILD_OK(reboot_as_nobody);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_uname_fields, t_uname_matches_proc_version,
		t_sysinfo_values, t_sysinfo_matches_meminfo,
		t_sysinfo_uptime_matches_proc_uptime, t_getrandom_fills_fresh_bytes,
		t_getrandom_sizes_and_flags, t_sched_yield, t_unknown_syscall_enosys,
		t_reboot_bad_magic_einval, t_reboot_non_root_eperm));
}
