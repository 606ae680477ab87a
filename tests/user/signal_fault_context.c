/*
 * signal_fault_context: what the signal frame tells a handler about the
 * fault that raised the signal, as Linux's sigcontext does (trapno, err,
 * cr2): a page fault is trap 14 with the faulting address in cr2 and the
 * error code's bits (write, user, instruction fetch, protection); a
 * kernel address always says protection; a #GP (hlt in user mode) is
 * trap 13, int3 is trap 3, a division by zero trap 0.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "ktap.h"

#define PF_PROT		0x1
#define PF_WRITE	0x2
#define PF_USER		0x4
#define PF_INSTR	0x10

static sigjmp_buf back;
static volatile unsigned long seen_trapno, seen_err, seen_cr2;
static volatile int seen_sig;

static void handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)si;
	seen_sig = sig;
	seen_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	seen_err = uc->uc_mcontext.gregs[REG_ERR];
	seen_cr2 = uc->uc_mcontext.gregs[REG_CR2];
	siglongjmp(back, 1);
}

/* Runs @fn(@arg), which must fault; 0 once the handler has recorded what it saw. */
static int fault(void (*fn)(void *), void *arg)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_NODEFER };

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	seen_sig = 0;
	if (sigsetjmp(back, 1) == 0) {
		fn(arg);
		return -1;			/* it did not fault */
	}
	return 0;
}

static void do_read(void *p)
{
	(void)*(volatile char *)p;
}

static void do_write(void *p)
{
	*(volatile char *)p = 1;
}

static void do_call(void *p)
{
	((void (*)(void))p)();
}

static void do_hlt(void *p)
{
	(void)p;
	__asm__ volatile("hlt");
}

static void do_int3(void *p)
{
	(void)p;
	__asm__ volatile("int3");
}

static void do_divide(void *p)
{
	unsigned int zero = (unsigned int)(uintptr_t)p;

	/* a real div: the compiler turns 1 / x into compares */
	__asm__ volatile("xorl %%edx, %%edx; movl $1, %%eax; divl %0" : : "r"(zero) : "eax", "edx");
}

static void t_page_fault_read_write_and_fetch(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	munmap(p + 4096, 4096);				/* a hole */
	ASSERT_EQ(fault(do_read, p + 4096 + 8), 0);
	EXPECT_EQ(seen_sig, SIGSEGV);
	EXPECT_EQ(seen_trapno, 14UL);
	EXPECT_EQ(seen_cr2, (unsigned long)(p + 4096 + 8));
	EXPECT_EQ(seen_err & (PF_WRITE | PF_USER | PF_INSTR | PF_PROT), (unsigned long)PF_USER);
	(void)*(volatile char *)p;			/* present now, read-only */
	ASSERT_EQ(fault(do_write, p + 16), 0);
	EXPECT_EQ(seen_cr2, (unsigned long)(p + 16));
	EXPECT_EQ(seen_err & (PF_WRITE | PF_USER | PF_PROT),
		  (unsigned long)(PF_WRITE | PF_USER | PF_PROT));
	ASSERT_EQ(fault(do_call, p + 2 * 4096), 0);	/* not executable */
	EXPECT_EQ(seen_cr2, (unsigned long)(p + 2 * 4096));
	EXPECT_EQ(seen_err & (PF_INSTR | PF_USER), (unsigned long)(PF_INSTR | PF_USER));
	munmap(p, 3 * 4096);
}

static void t_kernel_address_says_protection(void)
{
	void *k = (void *)0xffffffff81000000UL;

	ASSERT_EQ(fault(do_read, k), 0);
	EXPECT_EQ(seen_trapno, 14UL);
	EXPECT_EQ(seen_cr2, (unsigned long)k);
	EXPECT_EQ(seen_err & (PF_PROT | PF_USER | PF_WRITE), (unsigned long)(PF_PROT | PF_USER));
}

static void t_other_traps(void)
{
	ASSERT_EQ(fault(do_hlt, NULL), 0);
	EXPECT_EQ(seen_sig, SIGSEGV);
	EXPECT_EQ(seen_trapno, 13UL);
	EXPECT_EQ(seen_err, 0UL);
	ASSERT_EQ(fault(do_int3, NULL), 0);
	EXPECT_EQ(seen_sig, SIGTRAP);
	EXPECT_EQ(seen_trapno, 3UL);
	ASSERT_EQ(fault(do_divide, NULL), 0);
	EXPECT_EQ(seen_sig, SIGFPE);
	EXPECT_EQ(seen_trapno, 0UL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_page_fault_read_write_and_fetch,
				   t_kernel_address_says_protection,
				   t_other_traps));
}
