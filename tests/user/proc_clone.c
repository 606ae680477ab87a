/*
 * proc_clone: the clone system call beyond plain fork: clone(SIGCHLD) as a
 * fork, a non-SIGCHLD exit signal, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID woken through a futex, CLONE_VM with and without
 * CLONE_VFORK, musl's posix_spawn (CLONE_VM|CLONE_VFORK on a new stack),
 * the flag combinations Linux rejects with EINVAL, and a CLONE_FILES
 * child sharing our descriptors until it unshares them.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define STACK_SIZE (64 * 1024)
#define FUTEX_WAIT 0		/* <linux/futex.h>; musl has no kernel headers */

static int fork_copy_marker;

/* The raw system call: musl's clone() wrapper wants a function and stack. */
static long raw_clone(unsigned long flags, int *ptid, int *ctid)
{
	return syscall(SYS_clone, flags, NULL, ptid, ctid, 0);
}

/*
 * clone() for a child that shares our memory: the child runs no C code (it
 * would share our stack frames), only two system calls: it stores its
 * gettid() in *@store and exits with status 0.  Returns the raw result in
 * the parent: the child's pid or -errno.
 */
static long clone_store_tid(unsigned long flags, void *stack, int *ptid, int *ctid,
			    int *store)
{
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = 0;
	register long r9 __asm__("r9") = (long)store;
	long ret;

	__asm__ volatile(
		"syscall\n\t"
		"test %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"mov %[gettid], %%eax\n\t"
		"syscall\n\t"
		"mov %%eax, (%%r9)\n\t"
		"mov %[exit], %%eax\n\t"
		"xor %%edi, %%edi\n\t"
		"syscall\n\t"
		"1:"
		: "=a"(ret)
		: "0"((long)SYS_clone), "D"(flags), "S"(stack), "d"(ptid),
		  "r"(r10), "r"(r8), "r"(r9),
		  [gettid] "i"(SYS_gettid), [exit] "i"(SYS_exit)
		: "rcx", "r11", "memory");
	return ret;
}

/* The top of a fresh stack for a CLONE_VM child (the stack grows down). */
static void *new_stack_top(void)
{
	char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return stack == MAP_FAILED ? NULL : stack + STACK_SIZE;
}

static void free_stack(void *top)
{
	munmap((char *)top - STACK_SIZE, STACK_SIZE);
}

static void t_clone_sigchld_is_fork(void)
{
	long pid;

	fork_copy_marker = 1;
	pid = raw_clone(SIGCHLD, NULL, NULL);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		fork_copy_marker = 2;	/* our own copy of the memory */
		_exit(getppid() == getpid() ? 1 : 0);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(fork_copy_marker, 1);
}

static void t_clone_no_exit_signal_needs_wall(void)
{
	int status;
	long pid = raw_clone(0, NULL, NULL);

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(6);
	/* A child whose exit signal is not SIGCHLD is a "clone" child:
	 * plain waitpid does not see it, __WALL (or __WCLONE) does. */
	EXPECT_ERRNO(waitpid(pid, &status, 0), ECHILD);
	ASSERT_EQ(waitpid(pid, &status, __WALL), pid);
	EXPECT_EXIT(status, 6);
}

static void t_clone_parent_settid(void)
{
	int ptid = 0;
	long pid = raw_clone(SIGCHLD | CLONE_PARENT_SETTID, &ptid, NULL);

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(0);
	EXPECT_EQ(ptid, pid);		/* written in the parent's memory */
	EXPECT_EXIT(wait_status(pid), 0);
}

static void t_clone_child_settid(void)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long pid;

	ASSERT_TRUE(shared != MAP_FAILED);
	/* The tid is written in the child's memory, before it runs. */
	pid = raw_clone(SIGCHLD | CLONE_CHILD_SETTID, NULL, shared);
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(*shared == syscall(SYS_gettid) ? 0 : 1);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(*shared, pid);	/* a shared page: we see it too */
	munmap(shared, 4096);
}

static void t_clone_child_settid_private_copy(void)
{
	static int tid_word;
	long pid;

	tid_word = 0;
	pid = raw_clone(SIGCHLD | CLONE_CHILD_SETTID, NULL, &tid_word);
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(tid_word == syscall(SYS_gettid) ? 0 : 1);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(tid_word, 0);	/* only the child's copy was written */
}

static void t_clone_vm_vfork_shares_memory(void)
{
	static int stored;
	void *stack = new_stack_top();
	long pid;

	ASSERT_TRUE(stack != NULL);
	stored = 0;
	pid = clone_store_tid(CLONE_VM | CLONE_VFORK | SIGCHLD, stack, NULL, NULL, &stored);
	ASSERT_GT(pid, 0);
	/* CLONE_VFORK: we resume only after the child has exited. */
	EXPECT_EQ(stored, pid);
	EXPECT_EXIT(wait_status(pid), 0);
	free_stack(stack);
}

static long futex_wait(int *word, int val, const struct timespec *timeout)
{
	/* Not FUTEX_PRIVATE_FLAG: the kernel's CLEARTID wake is a shared one. */
	return syscall(SYS_futex, word, FUTEX_WAIT, val, timeout, NULL, 0);
}

static void t_clone_child_cleartid_wakes_futex(void)
{
	static int tid_word, stored;
	struct timespec limit = { 5, 0 };	/* a hang guard, never hit */
	void *stack = new_stack_top();
	int val;
	long pid;

	ASSERT_TRUE(stack != NULL);
	tid_word = -1;
	pid = clone_store_tid(CLONE_VM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			      stack, NULL, &tid_word, &stored);
	ASSERT_GT(pid, 0);
	/* As a thread library's join: sleep until the exit clears the word. */
	while ((val = __atomic_load_n(&tid_word, __ATOMIC_SEQ_CST)) != 0)
		if (futex_wait(&tid_word, val, &limit) == -1 && errno == ETIMEDOUT)
			break;
	EXPECT_EQ(tid_word, 0);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(stored, pid);
	free_stack(stack);
}

/* Expects @flags to be refused; reaps a child if one was made anyway. */
static void expect_clone_einval(unsigned long flags)
{
	long pid;

	errno = 0;
	pid = raw_clone(flags, NULL, NULL);
	if (pid == 0)
		_exit(99);
	if (pid > 0) {
		KTAP_FAIL("clone(0x%lx) made a child", flags);
		waitpid(pid, NULL, __WALL);
		return;
	}
	EXPECT_EQ(errno, EINVAL);
}

static void t_clone_sighand_without_vm(void)
{
	expect_clone_einval(CLONE_SIGHAND | SIGCHLD);
}

static void t_clone_thread_without_sighand(void)
{
	expect_clone_einval(CLONE_THREAD | SIGCHLD);
	expect_clone_einval(CLONE_THREAD | CLONE_VM | SIGCHLD);
}

static void t_posix_spawn_runs_program(void)
{
	char *argv[] = { self_exe(), "--exit", "42", NULL };
	char *envp[] = { NULL };
	pid_t pid;

	/* musl spawns with clone(CLONE_VM|CLONE_VFORK) on a separate stack. */
	ASSERT_EQ(posix_spawn(&pid, self_exe(), NULL, NULL, argv, envp), 0);
	EXPECT_EXIT(wait_status(pid), 42);
}

static void t_posix_spawn_missing_program(void)
{
	char *argv[] = { "missing", NULL };
	pid_t pid;

	/* The child's execve error comes back as posix_spawn's result. */
	EXPECT_EQ(posix_spawn(&pid, "/nonexistent/program", NULL, NULL, argv, argv + 1),
		  ENOENT);
	EXPECT_ERRNO(wait(NULL), ECHILD);	/* the failed child was reaped */
}

/*
 * A CLONE_FILES child opens a file: the descriptor is in our table too,
 * unless the child first made its table private with unshare(CLONE_FILES).
 * The child exits with the descriptor's number.
 */
static int files_child_opens(int unshare_first)
{
	long pid = raw_clone(CLONE_FILES | SIGCHLD, NULL, NULL);
	int status;

	if (pid == 0) {
		if (unshare_first && unshare(CLONE_FILES))
			_exit(255);
		_exit(open("/dev/null", O_RDONLY));
	}
	if (pid < 0)
		return -1;
	status = wait_status(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void t_clone_files_and_unshare_files(void)
{
	int fd = files_child_opens(0);

	ASSERT_GE(fd, 0);
	ASSERT_TRUE(fd != 255);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);		/* shared: it is ours too */
	close(fd);
	fd = files_child_opens(1);
	ASSERT_GE(fd, 0);
	ASSERT_TRUE(fd != 255);
	EXPECT_ERRNO(fcntl(fd, F_GETFD), EBADF);	/* private: only the child's */
}

int main(int argc, char **argv)
{
	/* Re-executed by t_posix_spawn_runs_program. */
	if (argc == 3 && !strcmp(argv[1], "--exit"))
		return atoi(argv[2]);
	self_exe_init(argv[0]);
	return ktap_run(KTAP_CASES(t_clone_sigchld_is_fork,
		t_clone_no_exit_signal_needs_wall, t_clone_parent_settid,
		t_clone_child_settid, t_clone_child_settid_private_copy,
		t_clone_vm_vfork_shares_memory, t_clone_child_cleartid_wakes_futex,
		t_clone_sighand_without_vm, t_clone_thread_without_sighand,
		t_posix_spawn_runs_program, t_posix_spawn_missing_program,
		t_clone_files_and_unshare_files));
}
