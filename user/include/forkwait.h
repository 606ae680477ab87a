/*
 * user/include/forkwait.h: continue_as_child(), shared by unshare -f and nsenter -p.
 *
 * A new PID namespace (unshare(CLONE_NEWPID) or setns into one) applies
 * only to the caller's future children, so these tools fork once: the
 * child goes on to exec the program, the parent waits and passes the
 * child's exit status on (util-linux's nsenter calls this the same name).
 */
#ifndef USER_FORKWAIT_H
#define USER_FORKWAIT_H

#include <err.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Returns in the child; the parent exits with the child's status, 128+N for signal N. */
static inline void continue_as_child(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		err(EXIT_FAILURE, "fork failed");
	if (pid == 0)
		return;
	/* Ctrl-C and kill are meant for the child; outlive it to report its end. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	if (waitpid(pid, &status, 0) < 0)
		err(EXIT_FAILURE, "waitpid failed");
	if (WIFSIGNALED(status))
		exit(128 + WTERMSIG(status));
	exit(WEXITSTATUS(status));
}

#endif
