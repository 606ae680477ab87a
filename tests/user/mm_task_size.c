/*
 * mm_task_size: no call places or grows a user mapping past the top of
 * user space (TASK_SIZE, 0x7ffffffff000 on x86_64) or below
 * vm.mmap_min_addr, and a length that wraps is refused, with Linux's
 * errno for each.  A mapping that ended above TASK_SIZE (a 1 MiB shmat at
 * 0x7ffffffff000 once succeeded) made the next fork copy the kernel's own
 * page tables and panic; brk(~0) once unmapped the program.  A huge
 * sparse mapping (1 TiB, one page touched) is mprotected, forked and
 * unmapped in a few steps, as Linux's page-table walkers skip the empty
 * parts: page by page it was minutes of work under emulation.
 *
 * The mmap_min_addr cases run in a child without CAP_SYS_RAWIO (uid
 * 65534), which Linux needs to map low pages, just below the limit that
 * /proc/sys/vm/mmap_min_addr gives (64 KiB, Linux's default, unless
 * root changed it); they are skipped where it is 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE		4096UL
#define TASK_SIZE	0x7ffffffff000UL
#define MIB		(1UL << 20)
#ifndef PROT_SEM
#define PROT_SEM	0x8	/* Linux's, not in musl's headers */
#endif

static void *map_at(unsigned long addr, unsigned long len, int flags)
{
	return mmap((void *)addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags,
		    -1, 0);
}

static void t_mmap_fixed_past_task_size(void)
{
	errno = 0;
	EXPECT_TRUE(map_at(TASK_SIZE, PAGE, MAP_FIXED) == MAP_FAILED && errno == ENOMEM);
	errno = 0;
	EXPECT_TRUE(map_at(TASK_SIZE - PAGE, 2 * PAGE, MAP_FIXED) == MAP_FAILED &&
		    errno == ENOMEM);
	errno = 0;
	EXPECT_TRUE(map_at(0x800000000000UL, PAGE, MAP_FIXED_NOREPLACE) == MAP_FAILED &&
		    errno == ENOMEM);
	errno = 0;
	EXPECT_TRUE(map_at(0xffff888000000000UL, PAGE, MAP_FIXED) == MAP_FAILED &&
		    errno == ENOMEM);
}

/* A hint or a length the kernel cannot honour still gives a user address, or ENOMEM. */
static void t_mmap_anywhere_stays_below(void)
{
	static const unsigned long lens[] = { PAGE, 0x7f0000000000UL, 0x7fff00000000UL,
					      TASK_SIZE };
	unsigned int i;
	char *p;

	p = map_at(TASK_SIZE - PAGE, 4 * PAGE, 0);	/* a hint that does not fit */
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_TRUE((unsigned long)p + 4 * PAGE <= TASK_SIZE);
	munmap(p, 4 * PAGE);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		errno = 0;
		p = mmap(NULL, lens[i], PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			EXPECT_EQ(errno, ENOMEM);
			continue;
		}
		EXPECT_TRUE((unsigned long)p >= 65536 && (unsigned long)p + lens[i] <= TASK_SIZE);
		munmap(p, lens[i]);
	}
	errno = 0;
	EXPECT_TRUE(map_at(0, -PAGE + 1, 0) == MAP_FAILED && errno == ENOMEM);	/* wraps */
}

static void t_shmat_past_task_size(void)
{
	int id = shmget(IPC_PRIVATE, MIB, IPC_CREAT | 0600);

	ASSERT_GE(id, 0);
	EXPECT_ERRNO(shmat(id, (void *)TASK_SIZE, 0), ENOMEM);	/* the case */
	EXPECT_ERRNO(shmat(id, (void *)(TASK_SIZE - PAGE), SHM_REMAP), ENOMEM);
	EXPECT_ERRNO(shmat(id, (void *)0x800000000000UL, 0), ENOMEM);
	EXPECT_ERRNO(shmat(id, (void *)0xffff888000000000UL, SHM_RDONLY), ENOMEM);
	EXPECT_ERRNO(shmat(id, (void *)-PAGE, 0), EINVAL);		/* wraps */
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

/* The fork that used to copy the kernel's tables: still fine after the refusals. */
static void t_fork_after_refused_maps(void)
{
	int id = shmget(IPC_PRIVATE, MIB, IPC_CREAT | 0600);
	pid_t pid;

	ASSERT_GE(id, 0);
	shmat(id, (void *)TASK_SIZE, 0);
	pid = fork();
	if (pid == 0)
		_exit(0);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

static char *sys_brk(unsigned long addr)
{
	return (char *)syscall(SYS_brk, addr);
}

static void t_brk_past_task_size(void)
{
	char *cur = sys_brk(0);
	static const unsigned long asks[] = { TASK_SIZE + PAGE, 0x800000000000UL,
					      0xffff888000000000UL, ~0UL, ~0UL - PAGE, -PAGE };
	unsigned int i;

	for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++)
		EXPECT_TRUE(sys_brk(asks[i]) == cur);
	EXPECT_TRUE(sys_brk(0) == cur);
	EXPECT_EQ(getpid() > 0, 1);		/* still running: nothing was unmapped */
}

static void t_munmap_mprotect_wrap(void)
{
	char *p = map_at(0, 2 * PAGE, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_ERRNO(munmap(p, ~0UL), EINVAL);
	EXPECT_ERRNO(munmap(p, -PAGE), EINVAL);
	EXPECT_ERRNO(munmap((void *)TASK_SIZE, PAGE), EINVAL);
	/* raw: musl's mprotect rounds the range itself, and the wrap vanishes */
	EXPECT_ERRNO(syscall(SYS_mprotect, p, ~0UL, PROT_READ), ENOMEM);
	EXPECT_ERRNO(syscall(SYS_mprotect, p, -(unsigned long)p, PROT_READ), ENOMEM);
	EXPECT_EQ(mprotect(p, PAGE, PROT_READ | PROT_SEM), 0);		/* accepted on x86 */
	EXPECT_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_GROWSUP), EINVAL);
	EXPECT_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), EINVAL);
	EXPECT_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_GROWSDOWN), EINVAL);	/* not a stack */
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
}

#define TIB	(1UL << 40)

static void t_huge_sparse_mapping(void)
{
	char *p = mmap(NULL, TIB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *mid;
	pid_t pid;

	ASSERT_TRUE(p != MAP_FAILED);
	mid = p + TIB / 2;
	ASSERT_EQ(mprotect(mid, PAGE, PROT_READ | PROT_WRITE), 0);
	mid[0] = 42;
	EXPECT_EQ(mprotect(p, TIB, PROT_READ), 0);
	EXPECT_EQ(mid[0], 42);
	pid = fork();
	if (pid == 0)
		_exit(mid[0] == 42 ? 0 : 1);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(madvise(p, TIB, MADV_DONTNEED), 0);
	EXPECT_EQ(mid[0], 0);
	EXPECT_EQ(munmap(p, TIB), 0);
}

/* vm.mmap_min_addr, as the kernel says (Linux's default if the file cannot be read). */
static unsigned long mmap_min_addr(void)
{
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
	unsigned long min = 65536;

	if (f) {
		if (fscanf(f, "%lu", &min) != 1)
			min = 65536;
		fclose(f);
	}
	return (min + PAGE - 1) & ~(PAGE - 1);
}

static long raw_mmap(unsigned long addr, unsigned long len, int flags)
{
	return syscall(SYS_mmap, addr, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

/* Raw calls: musl turns mmap's EPERM at address 0 into ENOMEM. */
static void low_maps_child(void)
{
	unsigned long low = mmap_min_addr() - PAGE;
	int id;

	ASSERT_EQ(setresuid(65534, 65534, 65534), 0);		/* no CAP_SYS_RAWIO */
	EXPECT_ERRNO(raw_mmap(low, PAGE, MAP_FIXED), EPERM);
	EXPECT_ERRNO(raw_mmap(0, PAGE, MAP_FIXED_NOREPLACE), EPERM);
	EXPECT_ERRNO(raw_mmap(low, 2 * PAGE, MAP_FIXED), EPERM);
	id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	if (low)
		EXPECT_ERRNO(shmat(id, (void *)low, 0), EPERM);
	EXPECT_ERRNO(shmat(id, (void *)0x100, SHM_RND), EPERM);	/* rounds to a fixed 0 */
	shmctl(id, IPC_RMID, NULL);
}

static void t_mmap_min_addr(void)
{
	EXPECT_EQ(access("/proc/sys/vm/mmap_min_addr", R_OK), 0);
	if (!mmap_min_addr())
		KTAP_SKIP("this kernel lets page 0 be mapped");
	EXPECT_EQ(run_in_child(low_maps_child), 0);
}

#define CAP_SYS_RAWIO_BIT	17

/* Even root may not set vm.mmap_min_addr without CAP_SYS_RAWIO: EPERM at the write. */
static void write_min_addr_without_rawio(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };	/* _LINUX_CAPABILITY_VERSION_3 */
	struct { uint32_t effective, permitted, inheritable; } data[2];
	int fd;

	ASSERT_EQ(syscall(SYS_capget, &hdr, data), 0);
	data[0].effective &= ~(1u << CAP_SYS_RAWIO_BIT);
	ASSERT_EQ(syscall(SYS_capset, &hdr, data), 0);
	fd = open("/proc/sys/vm/mmap_min_addr", O_WRONLY);
	ASSERT_GE(fd, 0);				/* root's, by its mode */
	EXPECT_ERRNO(write(fd, "4096", 4), EPERM);
	close(fd);
}

/* Writes @value to vm.mmap_min_addr: 0 on success. */
static int set_min_addr(const char *value)
{
	int fd = open("/proc/sys/vm/mmap_min_addr", O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, value, strlen(value)) == (ssize_t)strlen(value);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * The sysctl: CAP_SYS_RAWIO to write it; on Matryoshka (the host's limit is
 * not the test's to change) a new value is read back and is the limit
 * mmap applies, then the default comes back.
 */
static void t_mmap_min_addr_sysctl(void)
{
	if (getuid() != 0)
		KTAP_SKIP("needs root");
	EXPECT_EQ(run_in_child(write_min_addr_without_rawio), 0);
	if (!on_matryoshka())
		return;
	ASSERT_EQ(set_min_addr("131072\n"), 0);
	EXPECT_EQ(mmap_min_addr(), 131072UL);
	EXPECT_EQ(run_in_child(low_maps_child), 0);	/* 128 KiB - 4 KiB is refused now */
	EXPECT_ERRNO(set_min_addr("-1"), EINVAL);
	EXPECT_EQ(set_min_addr("65536"), 0);
	EXPECT_EQ(mmap_min_addr(), 65536UL);
}

/* A stack mapping does not grow below mmap_min_addr: the touch is SIGSEGV. */
static void growsdown_child(void)
{
	unsigned long min = mmap_min_addr();
	char *p = map_at(min + PAGE, PAGE, MAP_FIXED | MAP_GROWSDOWN);

	if (p == MAP_FAILED)
		_exit(2);
	p[-PAGE] = 1;			/* grows to mmap_min_addr */
	p[-2 * PAGE] = 1;		/* below it */
	_exit(3);
}

static void t_growsdown_stops_at_min_addr(void)
{
	int status;

	if (!mmap_min_addr())
		KTAP_SKIP("this kernel lets page 0 be mapped");
	status = run_in_child(growsdown_child);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_mmap_fixed_past_task_size, t_mmap_anywhere_stays_below,
				   t_shmat_past_task_size, t_fork_after_refused_maps,
				   t_brk_past_task_size, t_munmap_mprotect_wrap, t_mmap_min_addr,
				   t_growsdown_stops_at_min_addr, t_huge_sparse_mapping,
				   t_mmap_min_addr_sysctl));
}
