/*
 * signal_handlers: user signal handlers, as rt_sigaction, rt_sigprocmask,
 * rt_sigreturn, rt_sigsuspend and pause give them on Linux: siginfo for
 * kill(), the old action, sa_mask and SA_NODEFER, SA_RESETHAND, blocking
 * and pending (standard signals merge, real-time ones queue), nesting,
 * the mask and registers restored by sigreturn (including a mask edited in
 * the ucontext), SA_RESTART against EINTR for a blocked pipe read, and
 * inheritance across fork.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define KSIGSET_SIZE 8	/* the kernel's sigset_t, not libc's 128 bytes */

static volatile sig_atomic_t hits, got_code, got_pid, got_uid;
static sigset_t mask_in_handler;
static char trace[16];
static volatile sig_atomic_t trace_len;

static void on_count(int sig)
{
	(void)sig;
	hits++;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
}

static void on_record_mask(int sig)
{
	(void)sig;
	hits++;
	sigprocmask(SIG_SETMASK, NULL, &mask_in_handler);
}

/* Installs @fn for @sig with @flags and an empty sa_mask plus @also. */
static int install(int sig, void (*fn)(int), int flags, int also)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (also)
		sigaddset(&sa.sa_mask, also);
	hits = 0;
	return sigaction(sig, &sa, NULL);
}

static void set_mask(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

static int is_blocked(int sig)
{
	sigset_t set;

	sigprocmask(SIG_SETMASK, NULL, &set);
	return sigismember(&set, sig);
}

static void t_handler_gets_siginfo(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	hits = 0;
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	/* Delivered on the way back from kill(), before it returns to us. */
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(got_code, SI_USER);
	EXPECT_EQ(got_pid, getpid());
	EXPECT_EQ(got_uid, getuid());
	signal(SIGUSR1, SIG_DFL);
}

static void t_sigaction_returns_old_action(void)
{
	struct sigaction sa = { 0 }, old = { 0 };

	ASSERT_EQ(install(SIGUSR2, on_count, SA_RESTART, SIGHUP), 0);
	sa.sa_handler = SIG_IGN;
	EXPECT_EQ(sigaction(SIGUSR2, &sa, &old), 0);
	EXPECT_TRUE(old.sa_handler == on_count);
	EXPECT_TRUE(old.sa_flags & SA_RESTART);
	EXPECT_EQ(sigismember(&old.sa_mask, SIGHUP), 1);
	EXPECT_EQ(sigaction(SIGUSR2, NULL, &old), 0);	/* a pure query */
	EXPECT_TRUE(old.sa_handler == SIG_IGN);
	signal(SIGUSR2, SIG_DFL);
}

static void t_sigaction_einval(void)
{
	struct sigaction sa = { 0 };
	char kact[32] = { 0 };	/* the kernel's struct sigaction: SIG_DFL */

	sa.sa_handler = on_count;
	EXPECT_ERRNO(sigaction(0, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(65, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	/* The raw call insists on the kernel's sigset size. */
	EXPECT_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, kact, NULL, 4), EINVAL);
	EXPECT_EQ(syscall(SYS_rt_sigaction, SIGUSR1, kact, NULL, KSIGSET_SIZE), 0);
}

static void t_handler_runs_with_sa_mask_blocked(void)
{
	ASSERT_EQ(install(SIGUSR1, on_record_mask, 0, SIGUSR2), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 1);
	/* Inside: the signal itself and sa_mask; after: neither. */
	EXPECT_EQ(sigismember(&mask_in_handler, SIGUSR1), 1);
	EXPECT_EQ(sigismember(&mask_in_handler, SIGUSR2), 1);
	EXPECT_EQ(is_blocked(SIGUSR1), 0);
	EXPECT_EQ(is_blocked(SIGUSR2), 0);
	signal(SIGUSR1, SIG_DFL);
}

static void t_sa_nodefer(void)
{
	ASSERT_EQ(install(SIGUSR1, on_record_mask, SA_NODEFER, 0), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(sigismember(&mask_in_handler, SIGUSR1), 0);
	signal(SIGUSR1, SIG_DFL);
}

static void t_sa_resethand(void)
{
	struct sigaction old;

	ASSERT_EQ(install(SIGUSR1, on_count, SA_RESETHAND, 0), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	EXPECT_TRUE(old.sa_handler == SIG_DFL);	/* one shot */
}

static void t_blocked_signal_stays_pending(void)
{
	ASSERT_EQ(install(SIGUSR1, on_count, 0, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR1);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_EQ(hits, 0);
	EXPECT_EQ(is_pending(SIGUSR1), 1);
	set_mask(SIG_UNBLOCK, SIGUSR1);
	EXPECT_EQ(hits, 1);		/* a standard signal does not queue */
	EXPECT_EQ(is_pending(SIGUSR1), 0);
	signal(SIGUSR1, SIG_DFL);
}

static void t_realtime_signals_queue(void)
{
	int sig = SIGRTMIN + 1;

	ASSERT_EQ(install(sig, on_count, 0, 0), 0);
	set_mask(SIG_BLOCK, sig);
	EXPECT_EQ(kill(getpid(), sig), 0);
	EXPECT_EQ(kill(getpid(), sig), 0);
	EXPECT_EQ(kill(getpid(), sig), 0);
	EXPECT_EQ(hits, 0);
	set_mask(SIG_UNBLOCK, sig);
	EXPECT_EQ(hits, 3);		/* one delivery per kill */
	signal(sig, SIG_DFL);
}

static void t_sigprocmask_operations(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	ASSERT_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	EXPECT_EQ(is_blocked(SIGUSR1), 1);
	/* SIGKILL and SIGSTOP are silently left out. */
	EXPECT_EQ(is_blocked(SIGKILL), 0);
	EXPECT_EQ(is_blocked(SIGSTOP), 0);
	set_mask(SIG_UNBLOCK, SIGUSR1);
	EXPECT_EQ(is_blocked(SIGUSR1), 0);
	set_mask(SIG_SETMASK, SIGUSR2);
	EXPECT_EQ(is_blocked(SIGUSR2), 1);
	EXPECT_ERRNO(sigprocmask(42, &set, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
	EXPECT_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	EXPECT_EQ(is_blocked(SIGUSR2), 0);
}

static void on_nest_inner(int sig)
{
	(void)sig;
	trace[trace_len++] = '2';
}

static void on_nest_outer(int sig)
{
	(void)sig;
	trace[trace_len++] = '1';
	raise(SIGUSR2);		/* not blocked here: runs inside this one */
	trace[trace_len++] = 'a';
}

static void t_handlers_nest(void)
{
	trace_len = 0;
	ASSERT_EQ(install(SIGUSR2, on_nest_inner, 0, 0), 0);
	ASSERT_EQ(install(SIGUSR1, on_nest_outer, 0, 0), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	trace[trace_len] = 0;
	EXPECT_STREQ(trace, "12a");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static void on_edit_mask(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	/* rt_sigreturn restores the mask from here, edits included. */
	sigaddset(&uc->uc_sigmask, SIGUSR2);
}

static void t_sigreturn_restores_mask_from_frame(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_edit_mask;
	sa.sa_flags = SA_SIGINFO;
	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	ASSERT_EQ(is_blocked(SIGUSR2), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(is_blocked(SIGUSR2), 1);
	EXPECT_EQ(is_blocked(SIGUSR1), 0);
	set_mask(SIG_UNBLOCK, SIGUSR2);
	signal(SIGUSR1, SIG_DFL);
}

static void on_clobber(int sig)
{
	(void)sig;
	hits++;
	/* Scratch registers a handler may freely change. */
	__asm__ volatile("mov $-1, %%r8\n\tmov $-1, %%r9\n\tmov $-1, %%r10\n\t"
			 "mov $-1, %%rdx\n\tpcmpeqd %%xmm0, %%xmm0"
			 ::: "r8", "r9", "r10", "rdx", "xmm0");
}

static void t_sigreturn_restores_registers(void)
{
	uint64_t out[6], xmm_in[2] = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL };
	uint64_t xmm_out[2];

	ASSERT_EQ(install(SIGUSR1, on_clobber, 0, 0), 0);
	/* kill() from inside the asm: the handler runs between two
	 * instructions of ours, and every register must survive it. */
	__asm__ volatile(
		"movdqu (%[xin]), %%xmm0\n\t"
		"mov $0x1111, %%r8\n\t"
		"mov $0x2222, %%r9\n\t"
		"mov $0x3333, %%r10\n\t"
		"mov $0x4444, %%rdx\n\t"
		"mov %[pid], %%rdi\n\t"
		"mov %[sig], %%rsi\n\t"
		"mov %[nr], %%eax\n\t"
		"syscall\n\t"
		"mov %%rax, 0(%[out])\n\t"
		"mov %%r8, 8(%[out])\n\t"
		"mov %%r9, 16(%[out])\n\t"
		"mov %%r10, 24(%[out])\n\t"
		"mov %%rdx, 32(%[out])\n\t"
		"mov %%rsi, 40(%[out])\n\t"
		"movdqu %%xmm0, (%[xout])\n\t"
		:
		: [xin] "r"(xmm_in), [xout] "r"(xmm_out), [out] "r"(out),
		  [pid] "r"((long)getpid()), [sig] "i"(SIGUSR1), [nr] "i"(SYS_kill)
		: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
		  "xmm0", "memory");
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(out[0], 0);		/* kill's result */
	EXPECT_EQ(out[1], 0x1111);
	EXPECT_EQ(out[2], 0x2222);
	EXPECT_EQ(out[3], 0x3333);
	EXPECT_EQ(out[4], 0x4444);
	EXPECT_EQ(out[5], SIGUSR1);
	EXPECT_EQ(xmm_out[0], xmm_in[0]);
	EXPECT_EQ(xmm_out[1], xmm_in[1]);
	signal(SIGUSR1, SIG_DFL);
}

/* A pipe read while a child keeps signalling us; returns read's result. */
static ssize_t read_while_signalled(char *byte, int *err)
{
	int p[2];
	pid_t sender;
	ssize_t r;

	if (pipe(p))
		return -2;
	sender = start_signaller(SIGUSR1);	/* holds p[1] open: no EOF */
	errno = 0;
	r = read(p[0], byte, 1);
	*err = errno;
	stop_signaller(sender);
	close(p[0]);
	close(p[1]);
	return r;
}

static void t_read_without_sa_restart_fails_eintr(void)
{
	char byte;
	int err = 0;

	ASSERT_EQ(install(SIGUSR1, on_count, 0, 0), 0);
	EXPECT_EQ(read_while_signalled(&byte, &err), -1);
	EXPECT_EQ(err, EINTR);
	EXPECT_GE(hits, 1);
	signal(SIGUSR1, SIG_DFL);
}

static void t_read_with_sa_restart_restarts(void)
{
	int p[2];
	pid_t parent = getpid(), pid;
	char byte = 0;

	ASSERT_EQ(install(SIGUSR1, on_count, SA_RESTART, 0), 0);
	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		struct timespec ms5 = { 0, 5 * 1000 * 1000 };
		int i;

		/* Interrupt the read a few times, then satisfy it. */
		for (i = 0; i < 10; i++) {
			nanosleep(&ms5, NULL);
			kill(parent, SIGUSR1);
		}
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	EXPECT_EQ(read(p[0], &byte, 1), 1);
	EXPECT_EQ(byte, 'x');
	EXPECT_GE(hits, 1);
	EXPECT_EXIT(wait_status(pid), 0);
	close(p[0]);
	signal(SIGUSR1, SIG_DFL);
}

static void t_sigsuspend_waits_and_restores_mask(void)
{
	sigset_t none;

	ASSERT_EQ(install(SIGUSR1, on_record_mask, 0, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR1);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);	/* pending, blocked */
	EXPECT_EQ(hits, 0);
	sigemptyset(&none);
	EXPECT_ERRNO(sigsuspend(&none), EINTR);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(is_blocked(SIGUSR1), 1);	/* the old mask is back */
	EXPECT_ERRNO(syscall(SYS_rt_sigsuspend, &none, 4), EINVAL);
	set_mask(SIG_UNBLOCK, SIGUSR1);
	signal(SIGUSR1, SIG_DFL);
}

static void t_pause_returns_eintr(void)
{
	pid_t sender;

	ASSERT_EQ(install(SIGUSR1, on_count, 0, 0), 0);
	sender = start_signaller(SIGUSR1);
	ASSERT_GT(sender, 0);
	EXPECT_ERRNO(pause(), EINTR);
	EXPECT_GE(hits, 1);
	stop_signaller(sender);
	signal(SIGUSR1, SIG_DFL);
}

static void inherited_handler(void)
{
	struct sigaction sa;

	EXPECT_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
	EXPECT_TRUE(sa.sa_handler == on_count);
	EXPECT_EQ(is_blocked(SIGUSR2), 1);
	hits = 0;
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 1);
}

static void t_fork_inherits_handlers_and_mask(void)
{
	ASSERT_EQ(install(SIGUSR1, on_count, 0, 0), 0);
	set_mask(SIG_BLOCK, SIGUSR2);
	EXPECT_CHILD_OK(inherited_handler);
	set_mask(SIG_UNBLOCK, SIGUSR2);
	signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_handler_gets_siginfo,
		t_sigaction_returns_old_action, t_sigaction_einval,
		t_handler_runs_with_sa_mask_blocked, t_sa_nodefer, t_sa_resethand,
		t_blocked_signal_stays_pending, t_realtime_signals_queue,
		t_sigprocmask_operations, t_handlers_nest,
		t_sigreturn_restores_mask_from_frame, t_sigreturn_restores_registers,
		t_read_without_sa_restart_fails_eintr, t_read_with_sa_restart_restarts,
		t_sigsuspend_waits_and_restores_mask, t_pause_returns_eintr,
		t_fork_inherits_handlers_and_mask));
}
