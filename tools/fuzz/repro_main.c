/*
 * tools/fuzz/repro_main.c: the main of a reproducer (see repro.h).
 *
 * Run as root, in the guest: new pid, mount, ipc and uts namespaces with
 * a fresh tmpfs on /tmp (so a kill(-1, ...) among the calls reaches only
 * the namespace), then a child that becomes a batch child of the
 * reproducer's seed and makes the calls on the batch stack.  The exit status is 0 when the
 * child's process ended at all: the kernel not crashing is the test.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "repro.h"

static void __attribute__((noreturn)) calls_then_exit(void)
{
	repro_calls();
	raw_syscall(SYS_exit_group, 0, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

/* Forks the batch child and waits for it: its wait status, or -1. */
static int run_calls(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		batch_setup(repro_seed);
		run_on_stack(calls_then_exit);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int main(void)
{
	int status;
	pid_t pid;

	if (unshare(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS) ||
	    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("tmpfs", "/tmp", "tmpfs", 0, "")) {
		perror("repro: namespaces");
		return 1;
	}
	umask(0);
	mkdir("/tmp/fuzz", 0777);
	mkdir("/tmp/fuzz/dir", 0777);
	mkdir("/tmp/fuzz/mnt", 0777);
	fflush(stdout);
	pid = fork();				/* the pid namespace's init */
	if (pid == 0) {
		mount("proc", "/proc", "proc", 0, NULL);
		printf("repro: the calls ran; the child's wait status is %#x\n", run_calls());
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? 0 : 1;
}
