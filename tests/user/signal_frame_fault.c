/*
 * signal_frame_fault: a handler whose frame cannot be written is fatal,
 * as Linux's signal_setup_done -> force_sigsegv makes it.
 *
 * With a SIGSEGV handler and no usable stack (the stack pointer on
 * unmapped memory, a stack overflow, an unmapped or overflowed alternate
 * stack) the task dies of SIGSEGV; it must not loop forever retrying the
 * frame.  A frame for another signal that cannot be written raises
 * SIGSEGV, which a working SIGSEGV handler may catch.  A synchronous
 * SIGSEGV that is blocked or ignored still kills; so does rt_sigreturn
 * with an unreadable frame, handler or not.  SS_AUTODISARM disarms the
 * alternate stack while a handler runs on it and sigreturn re-arms it.
 *
 * Every child that could loop runs under a watchdog (run_in_child_watchdog):
 * a kernel that retries the frame forever fails the case with a message
 * rather than hanging the program.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE		4096UL
#define WATCHDOG_S	10
#define ALTSTACK_SIZE	(64 * 1024)

static char *volatile null_ptr;	/* volatile: the compiler cannot turn the fault into ud2 */

/* @fn, run in a child under the watchdog, must end in death by SIGSEGV. */
static void expect_segv_death(void (*fn)(void))
{
	EXPECT_KILLED(run_in_child_watchdog(fn, WATCHDOG_S), SIGSEGV);
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(42);		/* a handler that ran: the case's exit status says so */
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* An address with nothing mapped: a page we map and unmap again. */
static char *unmapped_page(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || munmap(p, PAGE))
		return NULL;
	return p;
}

static char *volatile bad_sp;

/* Points the stack at @bad_sp and faults: the handler's frame has nowhere to go. */
static void fault_on_bad_stack(void)
{
	__asm__ volatile("mov %0, %%rsp\n\tmovb $1, 0" :: "r"(bad_sp) : "memory");
}

static void segv_handler_without_stack(void)
{
	handle(SIGSEGV, on_segv, 0);
	bad_sp = unmapped_page() + PAGE / 2;
	fault_on_bad_stack();
}

static void t_segv_handler_without_stack_kills(void)
{
	expect_segv_death(segv_handler_without_stack);
}

static volatile int deeper = 1;	/* always 1: the compiler must not know the recursion never ends */

/* Recursion that cannot be a loop: each level keeps a live buffer. */
static int recurse(int depth)
{
	volatile char buf[512];

	buf[0] = (char)depth;
	return deeper ? recurse(depth + 1) + buf[0] : 0;
}

static void set_stack_limit(rlim_t bytes)
{
	struct rlimit rl;

	getrlimit(RLIMIT_STACK, &rl);
	rl.rlim_cur = bytes;
	setrlimit(RLIMIT_STACK, &rl);
}

static void overflow_with_handler(void)
{
	handle(SIGSEGV, on_segv, 0);
	set_stack_limit(1024 * 1024);	/* a quick overflow */
	recurse(0);
}

static void t_stack_overflow_with_handler_kills(void)
{
	expect_segv_death(overflow_with_handler);
}

/* An alternate stack at @sp, @size bytes. */
static int set_altstack(void *sp, size_t size, int flags)
{
	stack_t ss = { .ss_sp = sp, .ss_size = size, .ss_flags = flags };

	return sigaltstack(&ss, NULL);
}

/* A mapped alternate stack with an inaccessible page below it. */
static char *guarded_altstack(void)
{
	char *p = mmap(NULL, ALTSTACK_SIZE + PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p, PAGE, PROT_NONE))
		return NULL;
	return p + PAGE;
}

static void overflow_on_altstack(void)
{
	char *alt = guarded_altstack();

	ASSERT_TRUE(alt != NULL);
	ASSERT_EQ(set_altstack(alt, ALTSTACK_SIZE, 0), 0);
	handle(SIGSEGV, on_segv, SA_ONSTACK);
	set_stack_limit(1024 * 1024);
	recurse(0);
}

static void t_stack_overflow_handled_on_altstack(void)
{
	EXPECT_EXIT(run_in_child_watchdog(overflow_on_altstack, WATCHDOG_S), 42);
}

static void unmapped_altstack(void)
{
	char *alt = guarded_altstack();

	ASSERT_TRUE(alt != NULL);
	ASSERT_EQ(set_altstack(alt, ALTSTACK_SIZE, 0), 0);
	ASSERT_EQ(munmap(alt, ALTSTACK_SIZE), 0);
	handle(SIGSEGV, on_segv, SA_ONSTACK);
	*null_ptr = 1;
}

static void t_unmapped_altstack_kills(void)
{
	expect_segv_death(unmapped_altstack);
}

/* Faults again inside itself; with SA_NODEFER each fault nests one frame deeper. */
static void on_segv_fault_again(int sig)
{
	(void)sig;
	*null_ptr = 1;
}

static char *volatile altstack_bottom;

/*
 * On the alternate stack, faults again with the stack pointer 256 bytes
 * above its bottom: the nested frame (over 1 KiB on any kernel) cannot
 * fit.  (Only the frame itself is checked, as in Linux: a handler that
 * ran off the bottom would be taken back to the top of the stack.)
 */
static void on_segv_near_altstack_bottom(int sig)
{
	(void)sig;
	__asm__ volatile("mov %0, %%rsp\n\tmovb $1, 0" :: "r"(altstack_bottom + 256) : "memory");
}

static void nested_fault_overflows_altstack(void)
{
	char *alt = guarded_altstack();

	ASSERT_TRUE(alt != NULL);
	altstack_bottom = alt;
	ASSERT_EQ(set_altstack(alt, ALTSTACK_SIZE, 0), 0);
	handle(SIGSEGV, on_segv_near_altstack_bottom, SA_ONSTACK | SA_NODEFER);
	*null_ptr = 1;
}

static void t_altstack_overflow_kills(void)
{
	expect_segv_death(nested_fault_overflows_altstack);
}

static void fault_in_handler(void)
{
	handle(SIGSEGV, on_segv_fault_again, 0);
	*null_ptr = 1;
}

static void t_fault_in_segv_handler_kills(void)
{
	/* SIGSEGV is blocked while its handler runs: the second fault kills. */
	expect_segv_death(fault_in_handler);
}

static void nested_faults_on_stack(void)
{
	handle(SIGSEGV, on_segv_fault_again, SA_NODEFER);
	set_stack_limit(1024 * 1024);
	*null_ptr = 1;
}

static void t_nested_faults_exhaust_stack_and_kill(void)
{
	expect_segv_death(nested_faults_on_stack);
}

static void fault_with_segv_ignored(void)
{
	handle(SIGSEGV, SIG_IGN, 0);
	*null_ptr = 1;
}

static void t_ignored_segv_from_fault_kills(void)
{
	expect_segv_death(fault_with_segv_ignored);
}

static void on_usr1(int sig)
{
	(void)sig;
	_exit(43);
}

/* Sends SIGUSR1 to itself with the stack pointer on @bad_sp. */
static void raise_usr1_on_bad_stack(void)
{
	long ret;

	__asm__ volatile("mov %%rsp, %%r12\n\tmov %1, %%rsp\n\tsyscall\n\tmov %%r12, %%rsp"
			 : "=a"(ret)
			 : "r"(bad_sp), "a"((long)SYS_kill), "D"((long)getpid()), "S"((long)SIGUSR1)
			 : "rcx", "r11", "r12", "memory");
	(void)ret;
}

static void other_signal_without_stack(void)
{
	handle(SIGUSR1, on_usr1, 0);
	bad_sp = unmapped_page() + PAGE / 2;
	raise_usr1_on_bad_stack();
}

static void t_other_signal_without_stack_kills(void)
{
	expect_segv_death(other_signal_without_stack);
}

static void other_signal_without_stack_segv_handled(void)
{
	/* SIGSEGV's handler cannot run either: its frame fails too, and that kills. */
	handle(SIGSEGV, on_segv, 0);
	other_signal_without_stack();
}

static void t_other_signal_then_segv_handler_without_stack_kills(void)
{
	expect_segv_death(other_signal_without_stack_segv_handled);
}

static volatile int segv_code;

static void on_segv_record(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	segv_code = si->si_code;
}

/* rt_sigaction without SA_RESTORER: x86_64 has no frame to return through. */
static void handler_without_restorer(void)
{
	struct sigaction sa = { 0 };
	struct {
		void *handler;
		unsigned long flags;
		void *restorer;
		unsigned long mask;
	} raw = { (void *)on_usr1, 0, NULL, 0 };

	sa.sa_sigaction = on_segv_record;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	ASSERT_EQ(syscall(SYS_rt_sigaction, SIGUSR1, &raw, NULL, 8), 0);
	segv_code = -1;
	kill(getpid(), SIGUSR1);
	/* The SIGUSR1 frame failed; SIGSEGV's handler ran on a good stack instead. */
	EXPECT_EQ(segv_code, SI_KERNEL);
}

static void t_frame_failure_raises_catchable_segv(void)
{
	EXPECT_CHILD_OK(handler_without_restorer);
}

static void sigreturn_bad_frame_with_handler(void)
{
	handle(SIGSEGV, on_segv, 0);
	bad_sp = unmapped_page() + PAGE / 2;
	__asm__ volatile("mov %0, %%rsp\n\tmov %1, %%eax\n\tsyscall"
			 :: "r"(bad_sp), "i"(SYS_rt_sigreturn) : "memory");
}

static void t_sigreturn_bad_frame_with_segv_handler_kills(void)
{
	expect_segv_death(sigreturn_bad_frame_with_handler);
}

static char *autodisarm_stack;
static volatile int inside_flags, inside_frame_flags;
static void *volatile inside_frame_sp;

static void on_usr1_autodisarm(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	stack_t now;

	(void)sig;
	(void)si;
	sigaltstack(NULL, &now);
	inside_flags = now.ss_flags;
	inside_frame_flags = uc->uc_stack.ss_flags;
	inside_frame_sp = uc->uc_stack.ss_sp;
}

static void autodisarm(void)
{
	struct sigaction sa = { 0 };
	stack_t after;

	autodisarm_stack = guarded_altstack();
	ASSERT_TRUE(autodisarm_stack != NULL);
	ASSERT_EQ(set_altstack(autodisarm_stack, ALTSTACK_SIZE, SS_AUTODISARM), 0);
	sa.sa_sigaction = on_usr1_autodisarm;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	/* While the handler ran the stack was disarmed; the frame kept it. */
	EXPECT_EQ(inside_flags, SS_DISABLE);
	EXPECT_EQ((unsigned int)inside_frame_flags, SS_AUTODISARM);
	EXPECT_TRUE(inside_frame_sp == autodisarm_stack);
	/* sigreturn armed it again. */
	ASSERT_EQ(sigaltstack(NULL, &after), 0);
	EXPECT_TRUE(after.ss_sp == autodisarm_stack);
	EXPECT_EQ(after.ss_size, ALTSTACK_SIZE);
	EXPECT_EQ((unsigned int)after.ss_flags, SS_AUTODISARM);
}

static void t_autodisarm_altstack(void)
{
	EXPECT_CHILD_OK(autodisarm);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_segv_handler_without_stack_kills,
		t_stack_overflow_with_handler_kills, t_stack_overflow_handled_on_altstack,
		t_unmapped_altstack_kills, t_altstack_overflow_kills,
		t_fault_in_segv_handler_kills, t_nested_faults_exhaust_stack_and_kill,
		t_ignored_segv_from_fault_kills, t_other_signal_without_stack_kills,
		t_other_signal_then_segv_handler_without_stack_kills,
		t_frame_failure_raises_catchable_segv,
		t_sigreturn_bad_frame_with_segv_handler_kills, t_autodisarm_altstack));
}
