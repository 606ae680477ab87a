/*
 * fault_log: a fault that a handler catches is not logged.  Linux prints
 * "COMM[PID]: segfault at ADDR ..." and "traps: COMM[PID] general
 * protection fault ..." only for a signal that will kill (show_signal_msg
 * and show_signal, through unhandled_signal), so a program that handles its
 * own faults, as trinity's children or a garbage collector do, cannot fill
 * the log.  Each fault happens in a child whose handler exits 0; the parent
 * then looks for the line in the kernel log (syslog(2), skipped where
 * reading it is not allowed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define SYSLOG_ACTION_READ_ALL 3

static char log_text[1 << 17];

/* The kernel log, or NULL if this process may not read it. */
static const char *kernel_log(void)
{
	int n = klogctl(SYSLOG_ACTION_READ_ALL, log_text, sizeof(log_text) - 1);

	if (n < 0)
		return NULL;
	log_text[n] = '\0';
	return log_text;
}

static void exit_ok(int sig)
{
	(void)sig;
	_exit(0);
}

static volatile char *unmapped;

static void read_unmapped(void)
{
	signal(SIGSEGV, exit_ok);
	(void)*unmapped;
	_exit(1);
}

static void exec_cli(void)
{
	signal(SIGSEGV, exit_ok);
	__asm__ volatile("cli");
	_exit(1);
}

/* Runs @fn in a child that must exit 0; its pid. */
static pid_t run_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		fn();
	ASSERT_GT(pid, 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return pid;
}

static void t_handled_page_fault_is_not_logged(void)
{
	char needle[64];
	char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *log;

	ASSERT_TRUE(page != MAP_FAILED);
	ASSERT_EQ(munmap(page, 4096), 0);
	unmapped = page + 0x5a5;
	run_child(read_unmapped);
	if (!(log = kernel_log()))
		KTAP_SKIP("syslog(2) is not allowed here");
	snprintf(needle, sizeof(needle), "segfault at %lx ", (unsigned long)unmapped);
	EXPECT_TRUE(strstr(log, needle) == NULL);
}

static void t_handled_general_protection_is_not_logged(void)
{
	char needle[64];
	pid_t pid = run_child(exec_cli);
	const char *log;

	if (!(log = kernel_log()))
		KTAP_SKIP("syslog(2) is not allowed here");
	snprintf(needle, sizeof(needle), "[%d] general protection", (int)pid);
	EXPECT_TRUE(strstr(log, needle) == NULL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_handled_page_fault_is_not_logged,
		t_handled_general_protection_is_not_logged));
}
