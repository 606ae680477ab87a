/*
 * proc_coredump: core dumps (Linux's do_coredump and elf_core_dump).
 *
 * A signal whose default action is "core" (SIGSEGV, SIGQUIT, SIGABRT,
 * ...) kills a process that has RLIMIT_CORE of a page or more and is
 * dumpable, leaves an ELF core file named by kernel.core_pattern and
 * sets WCOREDUMP in its wait status.  The file is ET_CORE with a PT_NOTE
 * (NT_PRSTATUS with the signal, pid and registers, NT_PRPSINFO with the
 * command name, NT_SIGINFO with the fault address, NT_AUXV, NT_FILE with
 * the program's path, NT_PRFPREG) and PT_LOAD segments holding the
 * written memory: a marker the child wrote is found at its address.
 * With RLIMIT_CORE 0, or after PR_SET_DUMPABLE 0, there is neither file
 * nor bit; a signal without a core action (SIGTERM) never dumps.  The
 * [vdso] is always in the core, whole (Linux's always_dump_vma); a range
 * given MADV_DONTDUMP has a PT_LOAD with no bytes in the file.
 *
 * The cases run in a fresh directory under /tmp.  They need the default
 * pattern ("core", or "core.PID" under core_uses_pid) and skip
 * otherwise; the % specifiers are checked only on Matryoshka, where
 * the test may change kernel.core_pattern (on Linux it is the host's).
 */
#include "ns_util.h"
#include "child.h"
#include <elf.h>
#include <pthread.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>

#ifndef NT_SIGINFO
#define NT_SIGINFO	0x53494749
#endif
#ifndef NT_FILE
#define NT_FILE		0x46494c45
#endif

static char dir[64];
char marker[64] = "matryoshka-core-marker";	/* in the data segment */
static char *dontdump_page;			/* mapped before the fork */

/* What the test found in a core file. */
struct core {
	int ok;				/* an ET_CORE file for x86_64 */
	int prstatus_sig, prstatus_pid, siginfo_signo, siginfo_code;
	unsigned long siginfo_addr, rip, pagesz;
	char fname[16], file_names[512];
	int fpregs, has_marker, threads;
	int vdso_elf;			/* the [vdso]'s PT_LOAD holds its whole ELF image */
	long dontdump_filesz;		/* the dontdump_page's PT_LOAD's file bytes, or -1 */
};

/* The core's name for @pid under the default pattern, or NULL if the pattern is another. */
static const char *core_name(pid_t pid, char *buf, size_t n)
{
	char pattern[128];

	if (read_text("/proc/sys/kernel/core_pattern", pattern, sizeof(pattern)) <= 0 ||
	    strcmp(pattern, "core\n"))
		return NULL;
	if (read_number("/proc/sys/kernel/core_uses_pid") > 0)
		snprintf(buf, n, "%s/core.%d", dir, pid);
	else
		snprintf(buf, n, "%s/core", dir);
	return buf;
}

/* Runs @fn in a child in the test directory with RLIMIT_CORE @limit: its wait status. */
static int crash_child(void (*fn)(void), rlim_t limit, int dumpable, pid_t *pidp)
{
	struct rlimit rl;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		getrlimit(RLIMIT_CORE, &rl);
		rl.rlim_cur = limit == RLIM_INFINITY ? rl.rlim_max : limit;
		if (chdir(dir) || setrlimit(RLIMIT_CORE, &rl) ||
		    prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0))
			_exit(100);
		fn();
		_exit(101);
	}
	*pidp = pid;
	return wait_status(pid);
}

static void segv(void)
{
	strcpy(marker, "matryoshka-core-marker-written");
	__asm__ __volatile__("" ::: "memory");	/* the marker is in memory before the fault */
	*(volatile int *)0 = 1;
}

static void quit(void)
{
	kill(getpid(), SIGQUIT);
}

static void term(void)
{
	kill(getpid(), SIGTERM);
}

/* Each note of the PT_NOTE at @off (@size bytes) into @c. */
static void parse_notes(const char *img, size_t off, size_t size, struct core *c)
{
	size_t pos = off, desc;
	const Elf64_Nhdr *n;

	while (pos + sizeof(*n) <= off + size) {
		n = (const Elf64_Nhdr *)(img + pos);
		desc = pos + sizeof(*n) + ((n->n_namesz + 3) & ~3u);
		c->threads += n->n_type == NT_PRSTATUS;
		if (n->n_type == NT_PRSTATUS && !c->prstatus_pid) {
			c->prstatus_sig = *(const int *)(img + desc);
			c->prstatus_pid = *(const int *)(img + desc + 32);
			c->rip = *(const unsigned long *)(img + desc + 112 + 16 * 8);
		} else if (n->n_type == NT_PRPSINFO) {
			memcpy(c->fname, img + desc + 40, 15);
		} else if (n->n_type == NT_SIGINFO) {
			c->siginfo_signo = *(const int *)(img + desc);
			c->siginfo_code = *(const int *)(img + desc + 8);
			c->siginfo_addr = *(const unsigned long *)(img + desc + 16);
		} else if (n->n_type == NT_AUXV) {
			const unsigned long *a = (const unsigned long *)(img + desc);

			for (; a[0] != AT_NULL; a += 2)
				if (a[0] == AT_PAGESZ)
					c->pagesz = a[1];
		} else if (n->n_type == NT_FILE) {
			const unsigned long *f = (const unsigned long *)(img + desc);

			memcpy(c->file_names, f + 2 + 3 * f[0],
			       n->n_descsz - (2 + 3 * f[0]) * 8 < sizeof(c->file_names) ?
			       n->n_descsz - (2 + 3 * f[0]) * 8 : sizeof(c->file_names) - 1);
		} else if (n->n_type == NT_PRFPREG) {
			c->fpregs = n->n_descsz == 512;
		}
		pos = desc + ((n->n_descsz + 3) & ~3u);
	}
}

/*
 * Reads and checks the core file @path into @c; -1 if it cannot be read.
 * The file is mapped, not read into a buffer: a buffer in .bss would be
 * dumped into the next core, and make it bigger than itself.
 */
static int read_core(const char *path, struct core *c)
{
	unsigned long want = (unsigned long)marker, vdso = getauxval(AT_SYSINFO_EHDR);
	unsigned long dd = (unsigned long)dontdump_page;
	int fd = open(path, O_RDONLY), i;
	off_t n = fd < 0 ? -1 : lseek(fd, 0, SEEK_END);
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	char *img;

	memset(c, 0, sizeof(*c));
	c->dontdump_filesz = -1;
	img = n >= (off_t)sizeof(*eh) ? mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	if (fd >= 0)
		close(fd);
	if (img == MAP_FAILED)
		return -1;
	eh = (const Elf64_Ehdr *)img;
	c->ok = !memcmp(eh->e_ident, ELFMAG, SELFMAG) && eh->e_type == ET_CORE &&
		eh->e_machine == EM_X86_64;
	for (i = 0; c->ok && i < eh->e_phnum; i++) {
		ph = (const Elf64_Phdr *)(img + eh->e_phoff + i * sizeof(*ph));
		if (ph->p_offset + ph->p_filesz > (size_t)n)
			continue;
		if (ph->p_type == PT_NOTE)
			parse_notes(img, ph->p_offset, ph->p_filesz, c);
		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_vaddr <= want && want + 31 <= ph->p_vaddr + ph->p_filesz)
			c->has_marker = !strcmp(img + ph->p_offset + (want - ph->p_vaddr),
						"matryoshka-core-marker-written");
		if (vdso && ph->p_vaddr == vdso)
			c->vdso_elf = ph->p_filesz >= 4096 && ph->p_filesz == ph->p_memsz &&
				      !memcmp(img + ph->p_offset, ELFMAG, SELFMAG);
		if (dd && ph->p_vaddr == dd)
			c->dontdump_filesz = ph->p_filesz;
	}
	munmap(img, n);
	return 0;
}

static void setup_dir(void)
{
	strcpy(dir, "/tmp/ktap-core-XXXXXX");
	if (!mkdtemp(dir))
		dir[0] = '\0';
}

/*
 * Crashes a child with @fn, expects it killed by @sig with a core, and
 * reads the core into @c (then removes it and the directory).  Skips
 * when the pattern is not the default.
 */
static void dumped_core(void (*fn)(void), int sig, pid_t *pid, struct core *c)
{
	char path[128];
	int status;

	setup_dir();
	ASSERT_TRUE(dir[0]);
	status = crash_child(fn, RLIM_INFINITY, 1, pid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig);
	if (!core_name(*pid, path, sizeof(path)))
		KTAP_SKIP("kernel.core_pattern is not the default");
	EXPECT_TRUE(WCOREDUMP(status));
	EXPECT_EQ(read_core(path, c), 0);
	unlink(path);
	EXPECT_EQ(rmdir(dir), 0);
}

static void t_segv_dumps_an_elf_core(void)
{
	char exe[256];
	struct core c;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	pid_t pid;

	ASSERT_GT(len, 0);
	exe[len] = '\0';
	dumped_core(segv, SIGSEGV, &pid, &c);
	EXPECT_TRUE(c.ok);
	EXPECT_EQ(c.prstatus_sig, SIGSEGV);
	EXPECT_EQ(c.prstatus_pid, pid);
	EXPECT_EQ(c.siginfo_signo, SIGSEGV);
	EXPECT_EQ(c.siginfo_code, SEGV_MAPERR);
	EXPECT_EQ(c.siginfo_addr, 0);
	EXPECT_EQ(c.pagesz, 4096);
	EXPECT_STREQ(c.fname, "proc_coredump");
	EXPECT_TRUE(strstr(c.file_names, exe) != NULL);
	EXPECT_TRUE(c.fpregs);
	EXPECT_TRUE(c.has_marker);
	EXPECT_GE(c.rip, (unsigned long)segv);
	EXPECT_LT(c.rip, (unsigned long)segv + 256);
}

/* No dump, no bit: RLIMIT_CORE 0, not dumpable, or a signal without a core action. */
static void expect_no_core(void (*fn)(void), rlim_t limit, int dumpable, int sig)
{
	char path[128];
	pid_t pid;
	int status;

	setup_dir();
	ASSERT_TRUE(dir[0]);
	status = crash_child(fn, limit, dumpable, &pid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig);
	EXPECT_TRUE(!WCOREDUMP(status));
	if (core_name(pid, path, sizeof(path)))
		EXPECT_EQ(ERRNO_OF(access(path, F_OK)), ENOENT);
	unlink(path);
	EXPECT_EQ(rmdir(dir), 0);
}

static void t_rlimit_core_0_no_dump(void)
{
	expect_no_core(segv, 0, 1, SIGSEGV);
}

static void t_not_dumpable_no_dump(void)
{
	expect_no_core(segv, RLIM_INFINITY, 0, SIGSEGV);
}

static void t_sigterm_never_dumps(void)
{
	expect_no_core(term, RLIM_INFINITY, 1, SIGTERM);
}

static void t_sigquit_dumps(void)
{
	struct core c;
	pid_t pid;

	dumped_core(quit, SIGQUIT, &pid, &c);
	EXPECT_EQ(c.prstatus_sig, SIGQUIT);
	EXPECT_EQ(c.siginfo_code, SI_USER);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* A second thread is stopped first and shows as a second NT_PRSTATUS, after the faulting one. */
static void threaded_segv(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, sleeper, NULL))
		_exit(102);
	segv();
}

static void t_threads_each_have_a_prstatus(void)
{
	struct core c;
	pid_t pid;

	dumped_core(threaded_segv, SIGSEGV, &pid, &c);
	EXPECT_EQ(c.threads, 2);
	EXPECT_EQ(c.prstatus_pid, pid);
}

/* The child writes its dontdump_page, excludes it from the core, and faults. */
static void segv_after_dontdump(void)
{
	strcpy(dontdump_page, "written, then left out");
	if (madvise(dontdump_page, 4096, MADV_DONTDUMP))
		_exit(103);
	segv();
}

static void t_vdso_in_core_dontdump_left_out(void)
{
	struct core c;
	pid_t pid;

	dontdump_page = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			     -1, 0);
	ASSERT_TRUE(dontdump_page != MAP_FAILED);
	dontdump_page += 4096;			/* the middle page: the VMA is split around it */
	memset(dontdump_page - 4096, 1, 3 * 4096);
	dumped_core(segv_after_dontdump, SIGSEGV, &pid, &c);
	EXPECT_TRUE(c.ok);
	EXPECT_TRUE(c.has_marker);
	EXPECT_EQ(c.dontdump_filesz, 0);
	if (getauxval(AT_SYSINFO_EHDR))
		EXPECT_TRUE(c.vdso_elf);
	EXPECT_EQ(madvise(dontdump_page, 4096, MADV_DODUMP), 0);
	EXPECT_EQ(ERRNO_OF(madvise(dontdump_page, 4096, 99)), EINVAL);
	munmap(dontdump_page - 4096, 3 * 4096);
	dontdump_page = NULL;
}

/* %e %p %s %u %g %h %t %%, and core_uses_pid's ".PID" only without a %p. */
static void t_core_pattern_specifiers(void)
{
	char path[256], host[65];
	pid_t pid;
	int status;

	if (!on_matryoshka())
		KTAP_SKIP("would change the host's kernel.core_pattern");
	setup_dir();
	ASSERT_TRUE(dir[0]);
	gethostname(host, sizeof(host));
	ASSERT_EQ(write_text("/proc/sys/kernel/core_pattern", "c-%e-%p-%s-%u-%g-%h-%%\n"), 0);
	status = crash_child(segv, RLIM_INFINITY, 1, &pid);
	EXPECT_TRUE(WCOREDUMP(status));
	snprintf(path, sizeof(path), "%s/c-proc_coredump-%d-%d-%d-%d-%s-%%", dir, pid, SIGSEGV,
		 getuid(), getgid(), host);
	EXPECT_EQ(access(path, F_OK), 0);
	unlink(path);
	ASSERT_EQ(write_text("/proc/sys/kernel/core_pattern", "core"), 0);
	ASSERT_EQ(write_text("/proc/sys/kernel/core_uses_pid", "1"), 0);
	status = crash_child(segv, RLIM_INFINITY, 1, &pid);
	snprintf(path, sizeof(path), "%s/core.%d", dir, pid);
	EXPECT_EQ(access(path, F_OK), 0);
	unlink(path);
	EXPECT_EQ(write_text("/proc/sys/kernel/core_uses_pid", "0"), 0);
	EXPECT_EQ(rmdir(dir), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_segv_dumps_an_elf_core, t_rlimit_core_0_no_dump,
				   t_not_dumpable_no_dump, t_sigterm_never_dumps, t_sigquit_dumps,
				   t_threads_each_have_a_prstatus, t_vdso_in_core_dontdump_left_out,
				   t_core_pattern_specifiers));
}
