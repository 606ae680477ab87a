/*
 * fault_signals: CPU exceptions in user mode become signals, as on Linux.
 * Each fault happens in a child and the parent checks WIFSIGNALED and
 * WTERMSIG: a store to a kernel address, a NULL load, a jump to 0x10, and
 * the privileged cli, hlt and inb (#GP) give SIGSEGV; a division by zero
 * or overflow SIGFPE; ud2 SIGILL; int3 SIGTRAP.  A handled SIGSEGV sees
 * si_addr and si_code (SEGV_MAPERR, SEGV_ACCERR) and siglongjmps out; a
 * SIGILL handler that moves the saved RIP past ud2 resumes there; a fault
 * with SIGSEGV blocked, or with no stack for the handler's frame, kills,
 * and so does rt_sigreturn with an unreadable frame.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define PAGE 4096UL
#define KERNEL_ADDR 0xffffffff81000000UL

/* ---- faults that kill (each runs in a child) ---- */

static void store_to_kernel(void)
{
	*(volatile int *)KERNEL_ADDR = 1;
}

static void load_from_null(void)
{
	volatile int *null = NULL;

	(void)*null;
}

static void jump_to_0x10(void)
{
	void (*volatile fn)(void) = (void (*)(void))0x10;

	fn();
}

static void exec_cli(void)
{
	__asm__ volatile("cli");
}

static void exec_hlt(void)
{
	__asm__ volatile("hlt");
}

static void exec_inb(void)
{
	__asm__ volatile("inb $0x80, %%al" ::: "al");	/* no I/O permission */
}

static void exec_int_0x81(void)
{
	__asm__ volatile("int $0x81");	/* a gate user mode may not use */
}

static void divide_by_zero(void)
{
	__asm__ volatile("xor %%edx, %%edx\n\tmov $1, %%eax\n\txor %%ecx, %%ecx\n\tdiv %%ecx"
			 ::: "eax", "ecx", "edx");
}

static void divide_overflow(void)
{
	/* INT_MIN / -1 does not fit: the same #DE as a zero divisor. */
	__asm__ volatile("mov $0x80000000, %%eax\n\tcdq\n\tmov $-1, %%ecx\n\tidiv %%ecx"
			 ::: "eax", "ecx", "edx");
}

static void exec_ud2(void)
{
	__asm__ volatile("ud2");
}

static void exec_int3(void)
{
	__asm__ volatile("int3");
}

static void t_store_to_kernel_address(void)
{
	EXPECT_KILLED(run_in_child(store_to_kernel), SIGSEGV);
}

static void t_load_from_null(void)
{
	EXPECT_KILLED(run_in_child(load_from_null), SIGSEGV);
}

static void t_jump_to_0x10(void)
{
	EXPECT_KILLED(run_in_child(jump_to_0x10), SIGSEGV);
}

static void t_privileged_instructions(void)
{
	/* #GP in user mode is SIGSEGV on Linux. */
	EXPECT_KILLED(run_in_child(exec_cli), SIGSEGV);
	EXPECT_KILLED(run_in_child(exec_hlt), SIGSEGV);
	EXPECT_KILLED(run_in_child(exec_inb), SIGSEGV);
	EXPECT_KILLED(run_in_child(exec_int_0x81), SIGSEGV);
}

static void t_divide_errors(void)
{
	EXPECT_KILLED(run_in_child(divide_by_zero), SIGFPE);
	EXPECT_KILLED(run_in_child(divide_overflow), SIGFPE);
}

static void t_ud2(void)
{
	EXPECT_KILLED(run_in_child(exec_ud2), SIGILL);
}

static void t_int3(void)
{
	EXPECT_KILLED(run_in_child(exec_int3), SIGTRAP);
}

/* ---- faults that are handled ---- */

static sigjmp_buf escape;
static void *volatile seen_addr;
static volatile int seen_code, seen_count;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	seen_addr = si->si_addr;
	seen_code = si->si_code;
	seen_count++;
	siglongjmp(escape, sig);
}

static void catch_with(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Touches @addr (a write if @write) and returns the signal it raised. */
static int fault_at(volatile char *addr, int write)
{
	int sig = sigsetjmp(escape, 1);

	if (sig)
		return sig;
	if (write)
		*addr = 1;
	else
		(void)*addr;
	return 0;
}

static void handled_segv(void)
{
	char *page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *gone = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(page != MAP_FAILED && gone != MAP_FAILED);
	ASSERT_EQ(munmap(gone, PAGE), 0);
	catch_with(SIGSEGV, on_fault);
	/* Nothing mapped there: SEGV_MAPERR at the exact address. */
	EXPECT_EQ(fault_at(gone + 123, 0), SIGSEGV);
	EXPECT_TRUE(seen_addr == gone + 123);
	EXPECT_EQ(seen_code, SEGV_MAPERR);
	/* Mapped but read-only: SEGV_ACCERR.  That the handler runs again
	 * shows siglongjmp restored the mask that blocked SIGSEGV. */
	EXPECT_EQ(fault_at(page + 7, 1), SIGSEGV);
	EXPECT_TRUE(seen_addr == page + 7);
	EXPECT_EQ(seen_code, SEGV_ACCERR);
	EXPECT_EQ(fault_at((char *)KERNEL_ADDR, 0), SIGSEGV);
	EXPECT_EQ(seen_count, 3);
	munmap(page, PAGE);
}

static void t_handled_sigsegv_siginfo(void)
{
	EXPECT_CHILD_OK(handled_segv);
}

static volatile uintptr_t ill_addr, ill_rip;

static void on_ill_skip(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	ill_addr = (uintptr_t)si->si_addr;
	ill_rip = uc->uc_mcontext.gregs[REG_RIP];
	seen_code = si->si_code;
	uc->uc_mcontext.gregs[REG_RIP] += 2;	/* the length of ud2 */
}

static void skip_ud2(void)
{
	uintptr_t at = 0;

	catch_with(SIGILL, on_ill_skip);
	__asm__ volatile("lea 1f(%%rip), %0\n1:\tud2" : "=r"(at));
	/* Here only if rt_sigreturn took the edited RIP. */
	EXPECT_EQ(ill_rip, at);
	EXPECT_EQ(ill_addr, at);
	EXPECT_EQ(seen_code, ILL_ILLOPN);
}

static void t_sigill_handler_resumes_after_ud2(void)
{
	EXPECT_CHILD_OK(skip_ud2);
}

static void on_trap(int sig)
{
	(void)sig;
	seen_count++;
}

static void handled_int3(void)
{
	signal(SIGTRAP, on_trap);
	seen_count = 0;
	__asm__ volatile("int3");	/* a trap: resumes after it */
	__asm__ volatile("int3");
	EXPECT_EQ(seen_count, 2);
}

static void t_handled_sigtrap_continues(void)
{
	EXPECT_CHILD_OK(handled_int3);
}

static void fault_while_blocked(void)
{
	sigset_t segv;

	catch_with(SIGSEGV, on_fault);
	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	sigprocmask(SIG_BLOCK, &segv, NULL);
	/* A fault cannot wait for an unblock: the kernel kills. */
	store_to_kernel();
}

static void t_fault_with_sigsegv_blocked_kills(void)
{
	EXPECT_KILLED(run_in_child(fault_while_blocked), SIGSEGV);
}

static void fault_without_stack(void)
{
	catch_with(SIGILL, on_fault);
	/* No stack to write the handler's frame on: SIGSEGV instead. */
	__asm__ volatile("mov $0x10, %%rsp\n\tud2" ::: "memory");
}

static void t_fault_without_stack_for_handler(void)
{
	EXPECT_KILLED(run_in_child(fault_without_stack), SIGSEGV);
}

static void *sigreturn_sp;

static void sigreturn_bad_frame(void)
{
	/* rt_sigreturn reads its frame at the stack pointer. */
	__asm__ volatile("mov %0, %%rsp\n\tmov %1, %%eax\n\tsyscall"
			 :: "r"(sigreturn_sp), "i"(SYS_rt_sigreturn) : "memory");
}

static void t_sigreturn_with_bad_frame(void)
{
	char *gone = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(gone != MAP_FAILED);
	ASSERT_EQ(munmap(gone, PAGE), 0);
	sigreturn_sp = gone + PAGE / 2;
	EXPECT_KILLED(run_in_child(sigreturn_bad_frame), SIGSEGV);
	sigreturn_sp = (void *)KERNEL_ADDR;
	EXPECT_KILLED(run_in_child(sigreturn_bad_frame), SIGSEGV);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_store_to_kernel_address, t_load_from_null,
		t_jump_to_0x10, t_privileged_instructions, t_divide_errors, t_ud2,
		t_int3, t_handled_sigsegv_siginfo, t_sigill_handler_resumes_after_ud2,
		t_handled_sigtrap_continues, t_fault_with_sigsegv_blocked_kills,
		t_fault_without_stack_for_handler, t_sigreturn_with_bad_frame));
}
