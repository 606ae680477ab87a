/*
 * user/nsenter.c: nsenter -t PID [-U] [-i] [-u] [-p] [-m] [PROGRAM [ARG]...]
 *
 * Runs a program in namespaces of another process, by setns(2) on the
 * files /proc/PID/ns/{user,ipc,uts,pid,mnt}.  The user namespace is entered
 * first, as util-linux does when gaining privilege: its capabilities are
 * what allow entering the others.  Entering a PID namespace, like
 * creating one, only affects children, so -p forks.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "exec_shell.h"
#include "forkwait.h"

/* In the order they are entered. */
static const struct {
	int type;
	const char *name;
} namespaces[] = {
	{ CLONE_NEWUSER, "user" },
	{ CLONE_NEWIPC, "ipc" },
	{ CLONE_NEWUTS, "uts" },
	{ CLONE_NEWPID, "pid" },
	{ CLONE_NEWNS, "mnt" },
};
#define NNAMESPACES (sizeof(namespaces) / sizeof(namespaces[0]))

static void enter(pid_t target, int type, const char *name)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)target, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		err(1, "cannot open %s", path);
	if (setns(fd, type) < 0)
		err(1, "reassociate to namespace 'ns/%s' failed", name);
	close(fd);
}

/*
 * In the target's user namespace, become its root, as util-linux does
 * unless told otherwise.  setgroups(2) may be denied there; with no
 * supplementary groups left that does not matter.
 */
static void become_root(void)
{
	if (setgroups(0, NULL) < 0 && !(errno == EPERM && getgroups(0, NULL) == 0))
		err(1, "setgroups failed");
	if (setgid(0) < 0)
		err(1, "setgid() failed");
	if (setuid(0) < 0)
		err(1, "setuid() failed");
}

static int parse_options(int argc, char **argv, pid_t *target)
{
	static const struct option longopts[] = {
		{ "target", required_argument, NULL, 't' },
		{ "user", no_argument, NULL, 'U' },
		{ "ipc", no_argument, NULL, 'i' },
		{ "uts", no_argument, NULL, 'u' },
		{ "pid", no_argument, NULL, 'p' },
		{ "mount", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, types = 0;

	while ((opt = getopt_long(argc, argv, "+t:Uiupm", longopts, NULL)) != -1) {
		switch (opt) {
		case 't': *target = atoi(optarg); break;
		case 'U': types |= CLONE_NEWUSER; break;
		case 'i': types |= CLONE_NEWIPC; break;
		case 'u': types |= CLONE_NEWUTS; break;
		case 'p': types |= CLONE_NEWPID; break;
		case 'm': types |= CLONE_NEWNS; break;
		default: errx(1, "usage: nsenter -t PID [-U] [-i] [-u] [-p] [-m] [PROGRAM [ARG]...]");
		}
	}
	return types;
}

int main(int argc, char **argv)
{
	pid_t target = 0;
	int types = parse_options(argc, argv, &target);

	if (!types)
		errx(1, "no namespace specified");
	if (target <= 0)
		errx(1, "no target PID specified (-t)");
	for (size_t i = 0; i < NNAMESPACES; i++)
		if (types & namespaces[i].type)
			enter(target, namespaces[i].type, namespaces[i].name);
	if (types & CLONE_NEWUSER)
		become_root();
	if (types & CLONE_NEWPID)
		continue_as_child();
	exec_command(argv + optind);
}
