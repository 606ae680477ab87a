/*
 * time_vdso: the vDSO, as Linux's x86_64 one: AT_SYSINFO_EHDR points at an
 * ELF shared object mapped as [vdso] just above a read-only [vvar]; it exports
 * __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time, __vdso_getcpu
 * and __vdso_clock_getres in version LINUX_2.6; each answers what the
 * system call answers (a vDSO read taken between two system call reads
 * lies between them, for every clock), hands what it cannot answer to the
 * system call (a bad clock id is its raw -EINVAL), and libc's
 * clock_gettime uses it: given a read-only timespec it dies of SIGSEGV in
 * user mode, where the system call would have returned EFAULT.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NSEC_PER_SEC 1000000000LL
#define ROUNDS 1000

typedef int (*vdso_clock_fn)(clockid_t, struct timespec *);
typedef int (*vdso_tod_fn)(struct timeval *, struct timezone *);
typedef long (*vdso_time_fn)(long *);
typedef long (*vdso_getcpu_fn)(unsigned int *, unsigned int *, void *);

/* ---- finding a symbol, as a libc does (musl's vdso.c, glibc's dl-vdso) -------- */

struct vdso {
	uintptr_t base, bias;
	const Elf64_Sym *syms;
	const char *strs;
	const Elf64_Word *hash;
	const Elf64_Half *versym;
	const Elf64_Verdef *verdef;
};

static struct vdso vdso;

static int vdso_parse(void)
{
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	int i;

	vdso.base = getauxval(AT_SYSINFO_EHDR);
	if (!vdso.base)
		return -1;
	eh = (const Elf64_Ehdr *)vdso.base;
	ph = (const Elf64_Phdr *)(vdso.base + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !vdso.bias)
			vdso.bias = vdso.base + ph[i].p_offset - ph[i].p_vaddr;
		else if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)(vdso.base + ph[i].p_offset);
	}
	if (!dyn || !vdso.bias)
		return -1;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		void *p = (void *)(vdso.bias + dyn->d_un.d_ptr);

		switch (dyn->d_tag) {
		case DT_SYMTAB: vdso.syms = p; break;
		case DT_STRTAB: vdso.strs = p; break;
		case DT_HASH: vdso.hash = p; break;
		case DT_VERSYM: vdso.versym = p; break;
		case DT_VERDEF: vdso.verdef = p; break;
		}
	}
	return vdso.syms && vdso.strs && vdso.hash ? 0 : -1;
}

/* The name of the version symbol @i is defined in, or NULL. */
static const char *version_of(unsigned int i)
{
	const Elf64_Verdef *d = vdso.verdef;
	Elf64_Half ndx;

	if (!vdso.versym || !d)
		return NULL;
	ndx = vdso.versym[i] & 0x7fff;
	for (;; d = (const Elf64_Verdef *)((const char *)d + d->vd_next)) {
		if (!(d->vd_flags & VER_FLG_BASE) && d->vd_ndx == ndx) {
			const Elf64_Verdaux *aux = (const void *)((const char *)d + d->vd_aux);

			return vdso.strs + aux->vda_name;
		}
		if (!d->vd_next)
			return NULL;
	}
}

/* @name's address if the vDSO defines it as a function of version LINUX_2.6. */
static void *vdso_sym(const char *name)
{
	unsigned int i, nsyms = vdso.hash ? vdso.hash[1] : 0;
	const char *ver;

	for (i = 0; i < nsyms; i++) {
		const Elf64_Sym *s = &vdso.syms[i];

		if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_shndx == SHN_UNDEF ||
		    strcmp(vdso.strs + s->st_name, name))
			continue;
		ver = version_of(i);
		if (ver && !strcmp(ver, "LINUX_2.6"))
			return (void *)(vdso.bias + s->st_value);
	}
	return NULL;
}

static vdso_clock_fn v_clock_gettime, v_clock_getres;
static vdso_tod_fn v_gettimeofday;
static vdso_time_fn v_time;
static vdso_getcpu_fn v_getcpu;

static int64_t ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static int64_t sys_clock_ns(clockid_t clock)
{
	struct timespec ts;

	return syscall(SYS_clock_gettime, clock, &ts) ? -1 : ns(&ts);
}

/* ---- the cases -------------------------------------------------------------------- */

/* The start and end of the /proc/self/maps line named @name; 0 if none. */
static int map_of(const char *name, uintptr_t *start, uintptr_t *end, char perms[5])
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[256];
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		if (strstr(line, name) && sscanf(line, "%lx-%lx %4s", start, end, perms) == 3)
			found = 1;
	fclose(f);
	return found;
}

static void t_auxv_points_at_the_mapped_vdso(void)
{
	uintptr_t start, end, vstart, vend;
	char perms[5];

	ASSERT_EQ(vdso_parse(), 0);
	EXPECT_EQ(memcmp((void *)vdso.base, ELFMAG, SELFMAG), 0);
	EXPECT_EQ(((Elf64_Ehdr *)vdso.base)->e_type, ET_DYN);
	ASSERT_TRUE(map_of("[vdso]", &start, &end, perms));
	EXPECT_EQ(start, vdso.base);
	EXPECT_STREQ(perms, "r-xp");
	ASSERT_TRUE(map_of("[vvar]", &vstart, &vend, perms));
	/* the data page is below (Linux 6.12 and later put [vvar_vclock] between) */
	EXPECT_LE(vend, start);
	EXPECT_LE(start - vend, 4 * 4096);
	EXPECT_STREQ(perms, "r--p");
}

static void t_functions_in_version_linux_2_6(void)
{
	v_clock_gettime = (vdso_clock_fn)vdso_sym("__vdso_clock_gettime");
	v_clock_getres = (vdso_clock_fn)vdso_sym("__vdso_clock_getres");
	v_gettimeofday = (vdso_tod_fn)vdso_sym("__vdso_gettimeofday");
	v_time = (vdso_time_fn)vdso_sym("__vdso_time");
	v_getcpu = (vdso_getcpu_fn)vdso_sym("__vdso_getcpu");
	ASSERT_TRUE(v_clock_gettime && v_clock_getres && v_gettimeofday && v_time && v_getcpu);
	/* the names without the prefix are the same functions */
	EXPECT_TRUE(vdso_sym("clock_gettime") == (void *)v_clock_gettime);
	EXPECT_TRUE(vdso_sym("time") == (void *)v_time);
	EXPECT_TRUE(vdso_sym("no_such_function") == NULL);
}

/* A vDSO read between two system call reads lies between them, every time. */
static void between(clockid_t clock)
{
	struct timespec ts;
	int64_t before, after;
	int i, bad = 0;

	for (i = 0; i < ROUNDS; i++) {
		before = sys_clock_ns(clock);
		if (v_clock_gettime(clock, &ts) != 0)
			bad++;
		after = sys_clock_ns(clock);
		if (before < 0 || ns(&ts) < before || ns(&ts) > after ||
		    ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			bad++;
	}
	if (bad)
		printf("# clock %d: %d of %d vDSO reads out of order\n", clock, bad, ROUNDS);
	EXPECT_EQ(bad, 0);
}

static void t_clock_gettime_agrees_with_the_syscall(void)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
					    CLOCK_MONOTONIC_RAW, CLOCK_TAI,
					    CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE };
	unsigned int i;

	ASSERT_TRUE(v_clock_gettime);
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++)
		between(clocks[i]);
}

/* The clocks move: a sleep of 20 ms shows on the fine clock and on the coarse one. */
static void t_clocks_move_on(void)
{
	struct timespec a, b, ca, cb, ms20 = { 0, 20 * 1000 * 1000 };

	ASSERT_TRUE(v_clock_gettime);
	ASSERT_EQ(v_clock_gettime(CLOCK_MONOTONIC_COARSE, &ca), 0);
	ASSERT_EQ(v_clock_gettime(CLOCK_MONOTONIC, &a), 0);
	ASSERT_EQ(nanosleep(&ms20, NULL), 0);
	ASSERT_EQ(v_clock_gettime(CLOCK_MONOTONIC, &b), 0);
	ASSERT_EQ(v_clock_gettime(CLOCK_MONOTONIC_COARSE, &cb), 0);
	EXPECT_GE(ns(&b) - ns(&a), 20 * 1000 * 1000);
	EXPECT_GT(ns(&cb), ns(&ca));
	EXPECT_LE(ns(&ca), ns(&a));		/* the coarse clock is never ahead */
}

static void t_gettimeofday_agrees_with_the_syscall(void)
{
	struct timeval tv;
	struct timezone tz = { -1, -1 }, ktz = { -2, -2 };
	int64_t before, after, us;
	int i, bad = 0;

	ASSERT_TRUE(v_gettimeofday);
	for (i = 0; i < ROUNDS; i++) {
		before = sys_clock_ns(CLOCK_REALTIME);
		if (v_gettimeofday(&tv, NULL) != 0)
			bad++;
		after = sys_clock_ns(CLOCK_REALTIME);
		us = tv.tv_sec * 1000000LL + tv.tv_usec;
		if (us < before / 1000 || us > after / 1000 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			bad++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(v_gettimeofday(NULL, NULL), 0);		/* both optional */
	EXPECT_EQ(v_gettimeofday(NULL, &tz), 0);
	ASSERT_EQ(syscall(SYS_gettimeofday, NULL, &ktz), 0);
	EXPECT_EQ(tz.tz_minuteswest, ktz.tz_minuteswest);
	EXPECT_EQ(tz.tz_dsttime, ktz.tz_dsttime);
}

/* time is the last tick's seconds on both sides: never out of order. */
static void t_time_agrees_with_the_syscall(void)
{
	long before, now, after, stored = -1;
	int i, bad = 0;

	ASSERT_TRUE(v_time);
	for (i = 0; i < ROUNDS; i++) {
		before = syscall(SYS_time, NULL);
		now = v_time(NULL);
		after = syscall(SYS_time, NULL);
		bad += now < before || now > after;
	}
	EXPECT_EQ(bad, 0);
	now = v_time(&stored);
	EXPECT_EQ(stored, now);
	EXPECT_LE(now, sys_clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC);
}

static void t_getcpu_agrees_with_the_syscall(void)
{
	unsigned int cpu = ~0U, node = ~0U, kcpu = ~1U, knode = ~1U;
	int i;

	ASSERT_TRUE(v_getcpu);
	/* a move to another CPU between the two calls is retried */
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(v_getcpu(&cpu, &node, NULL), 0);
		ASSERT_EQ(syscall(SYS_getcpu, &kcpu, &knode, NULL), 0);
		if (cpu == kcpu)
			break;
	}
	EXPECT_EQ(cpu, kcpu);
	EXPECT_EQ(node, knode);
	EXPECT_LT(cpu, 4096);
	EXPECT_EQ(v_getcpu(NULL, NULL, NULL), 0);
	EXPECT_ERRNO(syscall(SYS_getcpu, (void *)8, NULL, NULL), EFAULT);
}

static void t_clock_getres_agrees_with_the_syscall(void)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
					    CLOCK_MONOTONIC_RAW, CLOCK_TAI, CLOCK_REALTIME_COARSE,
					    CLOCK_MONOTONIC_COARSE, CLOCK_PROCESS_CPUTIME_ID };
	struct timespec res, kres;
	unsigned int i;

	ASSERT_TRUE(v_clock_getres);
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		memset(&res, 0xff, sizeof(res));
		ASSERT_EQ(v_clock_getres(clocks[i], &res), 0);
		ASSERT_EQ(syscall(SYS_clock_getres, clocks[i], &kres), 0);
		EXPECT_EQ(res.tv_sec, kres.tv_sec);
		EXPECT_EQ(res.tv_nsec, kres.tv_nsec);
		EXPECT_EQ(v_clock_getres(clocks[i], NULL), 0);
	}
}

/* What the data page cannot answer goes to the system call, its errno as -errno. */
static void t_other_clocks_go_to_the_syscall(void)
{
	struct timespec ts = { -1, -1 }, res;

	ASSERT_TRUE(v_clock_gettime && v_clock_getres);
	EXPECT_EQ(v_clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	EXPECT_TRUE(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < NSEC_PER_SEC);
	EXPECT_EQ(v_clock_gettime(100, &ts), -EINVAL);
	EXPECT_EQ(v_clock_getres(100, &res), -EINVAL);
}

static struct timespec *read_only;

/* libc's clock_gettime writes the result itself: a read-only page kills it. */
static void libc_clock_gettime_into_read_only(void)
{
	int ret = clock_gettime(CLOCK_MONOTONIC, read_only);

	printf("# clock_gettime returned %d (errno %d): it made the system call\n", ret, errno);
}

static void t_libc_clock_gettime_makes_no_syscall(void)
{
	int status;

	read_only = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(read_only != MAP_FAILED);
	status = run_in_child(libc_clock_gettime_into_read_only);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	munmap(read_only, 4096);
}

static void write_vvar(void)
{
	uintptr_t start, end;
	char perms[5];

	if (map_of("[vvar]", &start, &end, perms))
		*(volatile int *)start = 1;
}

/* The data page is the kernel's: read only, and mprotect cannot change that. */
static void t_vvar_is_read_only(void)
{
	uintptr_t start, end;
	char perms[5];
	int status;

	ASSERT_TRUE(map_of("[vvar]", &start, &end, perms));
	EXPECT_ERRNO(mprotect((void *)start, 4096, PROT_READ | PROT_WRITE), EACCES);
	status = run_in_child(write_vvar);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

static void use_vdso_in_child(void)
{
	struct timespec ts;

	ASSERT_EQ(getauxval(AT_SYSINFO_EHDR), vdso.base);
	EXPECT_EQ(v_clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	EXPECT_GT(ns(&ts), 0);
}

static void t_fork_child_keeps_it(void)
{
	ASSERT_TRUE(v_clock_gettime);
	EXPECT_EQ(run_in_child(use_vdso_in_child), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_auxv_points_at_the_mapped_vdso,
		t_functions_in_version_linux_2_6, t_clock_gettime_agrees_with_the_syscall,
		t_clocks_move_on, t_gettimeofday_agrees_with_the_syscall,
		t_time_agrees_with_the_syscall, t_getcpu_agrees_with_the_syscall,
		t_clock_getres_agrees_with_the_syscall, t_other_clocks_go_to_the_syscall,
		t_libc_clock_gettime_makes_no_syscall, t_vvar_is_read_only,
		t_fork_child_keeps_it));
}
