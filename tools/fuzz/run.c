/*
 * tools/fuzz/run.c: a batch child, which makes the calls.
 *
 * It drops to uid 65534 with no capabilities, opens the fixed set of
 * descriptors (3 to LAST_FD: files, a directory, pipes, /dev/zero, /proc
 * files, a namespace file, a pidfd, a message queue, an eventfd, a
 * ticking timerfd, a signalfd, an epoll set watching some of them, a
 * memfd), maps the arena at
 * its fixed address, grows the heap by 16 pages, writes the seed's ELF
 * file and "#!" script (for execve), moves to its own stack (so that a call unmapping the
 * normal stack does not end the batch) and makes each call with a raw
 * system call: from here on no libc function runs, since a call may have
 * changed anything libc relies on (the FS base, the signal mask...).
 *
 * A call's buffers are written into the arena through a pipe, by the
 * kernel, so that an arena the calls have unmapped or made read-only
 * costs an EFAULT, not the batch.  fork, vfork, clone and clone3 are made
 * from assembly whose child exits at once, whatever stack it was given.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include "fuzz.h"

#define FILL_PIPE	1020		/* the fill pipe's ends: out of the calls' fd range */

long raw_syscall(long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		 unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 __asm__("r10") = a3;
	register unsigned long r8 __asm__("r8") = a4;
	register unsigned long r9 __asm__("r9") = a5;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* A call that makes a process: in the child, exit(0) before touching any memory. */
long raw_fork_call(long nr, const unsigned long *a)
{
	register unsigned long r10 __asm__("r10") = a[3];
	register unsigned long r8 __asm__("r8") = a[4];
	register unsigned long r9 __asm__("r9") = a[5];
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Puts @f's bytes into the arena by way of the kernel: EFAULT, not SIGSEGV, if it is gone. */
void write_fill(const struct fill *f)
{
	if (raw_syscall(SYS_write, FILL_PIPE + 1, (unsigned long)f->bytes, f->len, 0, 0, 0) ==
	    (long)f->len &&
	    raw_syscall(SYS_read, FILL_PIPE, f->addr, f->len, 0, 0, 0) != (long)f->len)
		raw_syscall(SYS_read, FILL_PIPE, (unsigned long)f->bytes, f->len, 0, 0, 0);
}

static void do_call(uint64_t seed, uint64_t index)
{
	struct shared *sh = (struct shared *)SHARED;
	struct call c;
	int i;

	make_call(seed, index, &c);
	for (i = 0; i < c.nfill; i++)
		write_fill(&c.fill[i]);
	sh->last_nr = c.nr;
	if (c.special == SP_FORK)
		raw_fork_call(c.nr, c.a);
	else if (c.special != SP_SKIP)
		raw_syscall(c.nr, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4], c.a[5]);
	sh->progress++;
}

static struct batch the_batch;		/* a copy: the caller's stack may go */

static void __attribute__((noreturn)) batch_loop(void)
{
	const struct batch *b = &the_batch;
	uint64_t i;

	if (b->list)
		for (i = 0; i < b->n; i++)
			do_call(b->seed, b->list[i]);
	else
		for (i = b->from; i < b->to; i++)
			do_call(b->seed, i);
	raw_syscall(SYS_exit_group, 0, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

/* Opens @path as descriptor @fd (closed if it cannot be opened). */
static void open_as(int fd, const char *path, int flags)
{
	int got = open(path, flags, 0666);

	if (got >= 0 && got != fd) {
		dup2(got, fd);
		close(got);
	}
}

static void pipe_as(int fd, int flags)
{
	int p[2];

	if (pipe2(p, flags))
		return;
	dup2(p[0], fd);
	dup2(p[1], fd + 1);
	if (p[0] != fd && p[0] != fd + 1)
		close(p[0]);
	if (p[1] != fd && p[1] != fd + 1)
		close(p[1]);
}

/* Moves descriptor @got to @fd (closed if @got is an error). */
static void move_fd(int got, int fd)
{
	if (got >= 0 && got != fd) {
		dup2(got, fd);
		close(got);
	}
}

/* 20 to 24: an eventfd, a timerfd ticking every 10 ms, a signalfd, an epoll set, a memfd. */
static void open_new_kinds(void)
{
	struct itimerspec tick = { { 0, 10000000 }, { 0, 10000000 } };
	struct epoll_event ev = { .events = EPOLLIN };
	sigset_t usr;

	move_fd(eventfd(1, EFD_NONBLOCK), 20);
	move_fd(timerfd_create(CLOCK_MONOTONIC, 0), 21);
	timerfd_settime(21, 0, &tick, NULL);
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigaddset(&usr, SIGUSR2);
	move_fd(signalfd(-1, &usr, 0), 22);
	move_fd(epoll_create1(0), 23);
	epoll_ctl(23, EPOLL_CTL_ADD, 20, &ev);
	epoll_ctl(23, EPOLL_CTL_ADD, 21, &ev);
	epoll_ctl(23, EPOLL_CTL_ADD, 6, &ev);
	move_fd(syscall(SYS_memfd_create, "fuzz", 2), 24);	/* MFD_ALLOW_SEALING */
}

/* The descriptors 0 to LAST_FD, the same numbers in every batch. */
static void open_fds(void)
{
	int fd;

	for (fd = 0; fd < 1024; fd++)
		close(fd);
	open_as(0, "/dev/null", O_RDWR);
	dup2(0, 1);
	dup2(0, 2);
	open_as(3, "/tmp/fuzz/file0", O_RDWR | O_CREAT);
	open_as(4, "/tmp/fuzz/file1", O_RDONLY | O_CREAT);
	open_as(5, "/tmp/fuzz", O_RDONLY | O_DIRECTORY);
	pipe_as(6, O_NONBLOCK);
	pipe_as(8, 0);
	open_as(10, "/dev/zero", O_RDWR);
	open_as(11, "/dev/null", O_RDWR);
	open_as(12, "/proc/self/status", O_RDONLY);
	open_as(13, "/proc/self/ns/uts", O_RDONLY);
	fd = syscall(SYS_pidfd_open, getpid(), 0);
	if (fd >= 0 && fd != 14) {
		dup2(fd, 14);
		close(fd);
	}
	fd = syscall(SYS_mq_open, "fuzzq", O_RDWR | O_CREAT | O_NONBLOCK, 0600, NULL);
	if (fd >= 0 && fd != 15) {
		dup2(fd, 15);
		close(fd);
	}
	open_as(16, "/proc/self/maps", O_RDONLY);
	open_as(17, "/", O_PATH);
	open_as(18, "/tmp/fuzz/dir", O_RDONLY | O_DIRECTORY);
	open_as(19, "/proc/sys/kernel/hostname", O_RDONLY);
	open_new_kinds();
	pipe_as(FILL_PIPE, O_NONBLOCK);
}

/* An executable file @path holding @len bytes of @buf (empty if it cannot be written). */
static void write_exec_file(const char *path, const void *buf, unsigned long len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	if (fd < 0)
		return;
	if (write(fd, buf, len) != (ssize_t)len)
		ftruncate(fd, 0);
	close(fd);
}

/* The seed's ELF file and "#!" script for execve (gen.c's make_elf and make_script). */
static void write_exec_files(uint64_t seed)
{
	unsigned char elf[1024];
	char script[512];

	write_exec_file("/tmp/fuzz/elf", elf, make_elf(seed, elf, sizeof(elf)));
	write_exec_file("/tmp/fuzz/script", script, make_script(seed, script, sizeof(script)));
}

/* The arena: the strings, seeded bytes, a read-only page, a PROT_NONE page. */
static int map_arena(uint64_t seed)
{
	void *p = mmap((void *)ARENA, (ARENA_PAGES + 2) * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	fill_arena(seed, p, ARENA_PAGES * PAGE);
	fill_strings(p);
	memset((char *)ARENA_RO, 'A', PAGE);		/* a string with no end */
	if (mprotect((void *)ARENA_RO, PAGE, PROT_READ) ||
	    mprotect((void *)ARENA_NONE, PAGE, PROT_NONE))
		return -1;
	p = mmap((void *)STACK_BASE, STACK_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return p == MAP_FAILED ? -1 : 0;
}

/*
 * A heap of 16 pages past wherever the break was: a batch child and a
 * reproducer (which never called malloc) then both have a heap VMA for
 * brk to grow or shrink.
 */
static void grow_heap(void)
{
	unsigned long cur = raw_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);

	raw_syscall(SYS_brk, ((cur + PAGE - 1) & ~(PAGE - 1)) + 16 * PAGE, 0, 0, 0, 0, 0);
}

static void on_poke(int sig)
{
	(void)sig;			/* only to end a blocking call with EINTR */
}

/* Makes this process a batch child of @seed: unprivileged, its descriptors, its arena. */
void batch_setup(uint64_t seed)
{
	struct sigaction sa;

	if (setgroups(0, NULL) || setresgid(FUZZ_UID, FUZZ_UID, FUZZ_UID) ||
	    setresuid(FUZZ_UID, FUZZ_UID, FUZZ_UID) || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		_exit(120);
	if (chdir("/tmp/fuzz"))
		_exit(121);
	write_exec_files(seed);
	open_fds();
	if (map_arena(seed))
		_exit(122);
	grow_heap();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_poke;	/* no SA_RESTART: the poke interrupts */
	sigaction(SIGALRM, &sa, NULL);
}

/* Calls @fn on the batch's own stack; @fn must end the process. */
void run_on_stack(void (*fn)(void))
{
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "call *%1"
			 : : "r"(STACK_BASE + STACK_SIZE - 64), "r"(fn) : "memory");
	__builtin_unreachable();
}

/* The batch child: set up, then the calls. */
void run_batch(const struct batch *b)
{
	batch_setup(b->seed);
	the_batch = *b;
	run_on_stack(batch_loop);
}
