/*
 * proc_clone3: clone3(2) and its struct clone_args: a plain fork, the size
 * rules of an extensible struct (too small, too large, unknown non-zero
 * tail), the argument checks Linux makes (flags, exit_signal, stack,
 * set_tid), EFAULT, CLONE_CLEAR_SIGHAND, a child on its own stack, and
 * set_tid choosing the child's pid, also as pid 1 of a new pid namespace,
 * with its EEXIST, EINVAL and EPERM cases.
 *
 * Children are raw clone3 children: musl still holds the parent's thread
 * id for them, so they leave with _exit() and never raise().
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define CLONE_PIDFD_		0x00001000ULL
#define CLONE_DETACHED_		0x00400000ULL
#define CLONE_CLEAR_SIGHAND_	0x100000000ULL
#define SIZE_VER0		64
#define SIZE_VER2		88

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static long clone3(struct clone_args *args, size_t size)
{
	return syscall(SYS_clone3, args, size);
}

/* A clone3 fork whose child exits at once with @code; returns the child's pid. */
static long clone3_exit(struct clone_args *args, size_t size, int code)
{
	long pid = clone3(args, size);

	if (pid == 0)
		_exit(code);
	return pid;
}

/* Forks with clone3 and checks that the child ran and exited with 7. */
static void expect_clone3_forks(struct clone_args *args, size_t size)
{
	long pid = clone3_exit(args, size, 7);

	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 7 << 8);
}

static void t_clone3_plain_fork(void)
{
	struct clone_args args = { .exit_signal = SIGCHLD };

	expect_clone3_forks(&args, SIZE_VER0);
	expect_clone3_forks(&args, sizeof(args));
}

/* A non-SIGCHLD exit signal: waitpid needs __WALL to see the child. */
static void t_clone3_exit_signal_other_than_sigchld(void)
{
	struct clone_args args = { .exit_signal = SIGUSR1 };
	int status;
	long pid;

	signal(SIGUSR1, SIG_IGN);
	pid = clone3_exit(&args, sizeof(args), 3);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(waitpid(pid, &status, __WALL), pid);
	EXPECT_EQ(status, 3 << 8);
	signal(SIGUSR1, SIG_DFL);
}

static void t_clone3_size_rules(void)
{
	struct {
		struct clone_args args;
		uint64_t tail[4];
	} big = { .args = { .exit_signal = SIGCHLD } };
	static char page_plus[4097];

	EXPECT_ERRNO(clone3(&big.args, SIZE_VER0 - 8), EINVAL);
	EXPECT_ERRNO(clone3(&big.args, 0), EINVAL);
	EXPECT_ERRNO(clone3((struct clone_args *)page_plus, sizeof(page_plus)), E2BIG);
	/* a larger struct is fine while what we do not know is zero */
	expect_clone3_forks(&big.args, sizeof(big));
	big.tail[3] = 1;
	EXPECT_ERRNO(clone3(&big.args, sizeof(big)), E2BIG);
}

static void t_clone3_rejects_bad_arguments(void)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	pid_t tid = 1000;

	args.exit_signal = 65;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.exit_signal = 0x100 | SIGCHLD;		/* beyond CSIGNAL */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.exit_signal = SIGCHLD;
	args.flags = 1ULL << 40;			/* no such flag */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.flags = CLONE_DETACHED_;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.flags = SIGCHLD;				/* the signal goes in exit_signal */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.flags = CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND_;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;	/* a thread has no exit signal */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.flags = 0;
	args.stack = (uint64_t)(uintptr_t)&tid;		/* a stack needs its size */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.stack = 0;
	args.stack_size = 4096;				/* and a size its stack */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.stack_size = 0;
	args.set_tid = (uint64_t)(uintptr_t)&tid;	/* set_tid needs its size */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.set_tid = 0;
	args.set_tid_size = 1;				/* and a size its array */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	args.set_tid = (uint64_t)(uintptr_t)&tid;
	args.set_tid_size = 33;				/* more than MAX_PID_NS_LEVEL */
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
}

static void t_clone3_wild_pointers_efault(void)
{
	struct clone_args args = { .exit_signal = SIGCHLD };

	EXPECT_ERRNO(clone3(NULL, sizeof(args)), EFAULT);
	EXPECT_ERRNO(clone3((struct clone_args *)0xffff800000000000ULL, sizeof(args)), EFAULT);
	args.set_tid = 8;
	args.set_tid_size = 1;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EFAULT);
	args.set_tid = 0;
	args.set_tid_size = 0;
	args.flags = CLONE_PIDFD_;
	args.pidfd = 8;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EFAULT);
}

static void on_usr1(int sig) { (void)sig; }

/* CLONE_CLEAR_SIGHAND: handlers go back to SIG_DFL, ignored signals stay ignored. */
static void t_clone3_clear_sighand(void)
{
	struct clone_args args = { .flags = CLONE_CLEAR_SIGHAND_, .exit_signal = SIGCHLD };
	struct sigaction usr1, usr2;
	long pid;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	pid = clone3(&args, sizeof(args));
	if (pid == 0) {
		sigaction(SIGUSR1, NULL, &usr1);
		sigaction(SIGUSR2, NULL, &usr2);
		_exit((usr1.sa_handler == SIG_DFL) | (usr2.sa_handler == SIG_IGN) << 1);
	}
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 3 << 8);
}

/*
 * The child starts on the stack it is given, at its top (stack +
 * stack_size): it exits with 1 if %rsp is there, without touching memory.
 */
static void t_clone3_child_runs_on_given_stack(void)
{
	struct clone_args args = { .exit_signal = SIGCHLD, .stack_size = 16384 };
	char *stack = mmap(NULL, 16384, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	register uint64_t top __asm__("r12");
	long pid;

	ASSERT_TRUE(stack != MAP_FAILED);
	args.stack = (uint64_t)(uintptr_t)stack;
	top = args.stack + args.stack_size;
	__asm__ volatile(
		"syscall\n\t"
		"test %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"xor %%edi, %%edi\n\t"
		"cmp %%r12, %%rsp\n\t"
		"sete %%dil\n\t"
		"mov %[exit], %%eax\n\t"
		"syscall\n\t"
		"1:"
		: "=a"(pid)
		: "0"((long)SYS_clone3), "D"(&args), "S"(sizeof(args)), "r"(top),
		  [exit] "i"(SYS_exit_group)
		: "rcx", "r11", "memory");
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 1 << 8);
	munmap(stack, 16384);
}

/* A pid that was just in use and is free now: a reaped child's. */
static pid_t free_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	wait_status(pid);
	return pid;
}

/* How deep our pid namespace is: the NSpid line has one number per level. */
static int pid_ns_level(void)
{
	char line[256];
	int level = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "NSpid:", 6))
			for (char *p = line + 6; *p; p++)
				level += *p == '\t';
	if (f)
		fclose(f);
	return level;
}

static void t_clone3_set_tid_chooses_the_pid(void)
{
	pid_t want = free_pid(), got = 0;
	struct clone_args args = { .exit_signal = SIGCHLD, .set_tid_size = 1 };
	long pid;

	args.set_tid = (uint64_t)(uintptr_t)&want;
	pid = clone3(&args, sizeof(args));
	if (pid == 0)
		_exit(getpid() == want ? 0 : 1);
	ASSERT_EQ(pid, want);
	EXPECT_EQ(wait_status(pid), 0);
	/* a pid in use is EEXIST, 0 and negative ones EINVAL */
	got = getpid();
	args.set_tid = (uint64_t)(uintptr_t)&got;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EEXIST);
	got = 0;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
	got = -5;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
}

/* More set_tid entries than our namespace has levels: EINVAL. */
static void t_clone3_set_tid_deeper_than_the_namespace(void)
{
	pid_t tids[33] = { 0 };
	struct clone_args args = { .exit_signal = SIGCHLD };
	int level = pid_ns_level();

	ASSERT_GE(level, 0);
	if (level + 2 > 32)
		KTAP_SKIP("pid namespace too deep");
	for (int i = 0; i <= level + 1; i++)
		tids[i] = free_pid();
	args.set_tid = (uint64_t)(uintptr_t)tids;
	args.set_tid_size = level + 2;
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
}

/* A new pid namespace: set_tid {1, P} makes the child its init, and P outside. */
static void t_clone3_set_tid_in_new_pid_namespace(void)
{
	pid_t tids[2] = { 1, free_pid() };
	struct clone_args args = { .flags = CLONE_NEWPID, .exit_signal = SIGCHLD,
				   .set_tid = (uint64_t)(uintptr_t)tids, .set_tid_size = 2 };
	long pid;

	pid = clone3(&args, sizeof(args));
	if (pid == 0)
		_exit(getpid() == 1 ? 0 : 1);
	ASSERT_EQ(pid, tids[1]);
	EXPECT_EQ(wait_status(pid), 0);
	/* a namespace with no init yet can only be given its pid 1 */
	tids[0] = 2;
	tids[1] = free_pid();
	EXPECT_ERRNO(clone3(&args, sizeof(args)), EINVAL);
}

/* Choosing pids takes CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE. */
static void unprivileged_set_tid(void)
{
	pid_t want = free_pid();
	struct clone_args args = { .exit_signal = SIGCHLD, .set_tid_size = 1,
				   .set_tid = (uint64_t)(uintptr_t)&want };

	ASSERT_EQ(setresuid(65534, 65534, 65534), 0);
	EXPECT_ERRNO(clone3_exit(&args, sizeof(args), 0), EPERM);
}

static void t_clone3_set_tid_needs_privilege(void)
{
	if (geteuid() != 0)
		KTAP_SKIP("needs root to drop privileges");
	EXPECT_EQ(run_in_child(unprivileged_set_tid), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_clone3_plain_fork,
				   t_clone3_exit_signal_other_than_sigchld,
				   t_clone3_size_rules,
				   t_clone3_rejects_bad_arguments,
				   t_clone3_wild_pointers_efault,
				   t_clone3_clear_sighand,
				   t_clone3_child_runs_on_given_stack,
				   t_clone3_set_tid_chooses_the_pid,
				   t_clone3_set_tid_deeper_than_the_namespace,
				   t_clone3_set_tid_in_new_pid_namespace,
				   t_clone3_set_tid_needs_privilege));
}
