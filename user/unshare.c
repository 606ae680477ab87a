/*
 * user/unshare.c: unshare [options] [PROGRAM [ARG]...]: run a program in new namespaces.
 *
 *	-i, --ipc		new IPC namespace (its own SysV objects and limits)
 *	-m, --mount		new mount namespace
 *	-u, --uts		new UTS namespace (its own host and domain name)
 *	-p, --pid		new PID namespace, for the children (so use -f)
 *	-U, --user		new user namespace
 *	-f, --fork		fork: the child runs PROGRAM, the parent waits for it
 *	--mount-proc[=DIR]	mount a proc for the new namespaces on DIR (/proc); implies -m
 *	-r, --map-root-user	be root in the new user namespace; implies -U
 *
 * The options, their order of work and the error messages are util-linux's.
 * unshare(2) moves the caller itself into the new IPC, mount, UTS and
 * user namespaces, but a new PID namespace only receives the caller's future
 * children, whose first becomes its pid 1: hence -f.
 */
#define _GNU_SOURCE
#include <err.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include "exec_shell.h"
#include "forkwait.h"

struct unshare_opts {
	int flags;		/* CLONE_NEW* */
	int fork;
	const char *proc_dir;	/* --mount-proc */
	int map_root;
};

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		err(1, "cannot open %s", path);
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err(1, "write failed %s", path);
	close(fd);
}

/*
 * -r: map root in the new user namespace to the ids we had outside.  An
 * unprivileged process may write one such line for itself, and for
 * gid_map only once setgroups(2) is switched off ("deny") for good.
 */
static void map_root_user(uid_t uid, gid_t gid)
{
	char line[64];

	snprintf(line, sizeof(line), "0 %u 1", (unsigned)uid);
	write_file("/proc/self/uid_map", line);
	write_file("/proc/self/setgroups", "deny");
	snprintf(line, sizeof(line), "0 %u 1", (unsigned)gid);
	write_file("/proc/self/gid_map", line);
}

/*
 * A proc of our own, which shows the new PID namespace's numbering.  The
 * mount tree was copied from the parent's namespace; making it private
 * first keeps this mount (and all later ones) from propagating back.
 */
static void mount_proc(const char *dir)
{
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		err(1, "cannot change root filesystem propagation");
	if (mount("proc", dir, "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL) < 0)
		err(1, "mount %s failed", dir);
}

static void parse_options(int argc, char **argv, struct unshare_opts *o)
{
	enum { OPT_MOUNT_PROC = 256 };
	static const struct option longopts[] = {
		{ "ipc", no_argument, NULL, 'i' },
		{ "mount", no_argument, NULL, 'm' },
		{ "uts", no_argument, NULL, 'u' },
		{ "pid", no_argument, NULL, 'p' },
		{ "user", no_argument, NULL, 'U' },
		{ "fork", no_argument, NULL, 'f' },
		{ "map-root-user", no_argument, NULL, 'r' },
		{ "mount-proc", optional_argument, NULL, OPT_MOUNT_PROC },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+imupUfr", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i': o->flags |= CLONE_NEWIPC; break;
		case 'm': o->flags |= CLONE_NEWNS; break;
		case 'u': o->flags |= CLONE_NEWUTS; break;
		case 'p': o->flags |= CLONE_NEWPID; break;
		case 'U': o->flags |= CLONE_NEWUSER; break;
		case 'f': o->fork = 1; break;
		case 'r': o->flags |= CLONE_NEWUSER; o->map_root = 1; break;
		case OPT_MOUNT_PROC:
			o->flags |= CLONE_NEWNS;
			o->proc_dir = optarg ? optarg : "/proc";
			break;
		default:
			errx(1, "usage: unshare [-imupUfr] [--mount-proc[=DIR]] [PROGRAM [ARG]...]");
		}
	}
}

int main(int argc, char **argv)
{
	struct unshare_opts o = { 0, 0, NULL, 0 };
	uid_t uid = geteuid();	/* the ids -r maps to: ours before unshare */
	gid_t gid = getegid();

	parse_options(argc, argv, &o);
	if (unshare(o.flags) < 0)
		err(1, "unshare failed");
	if (o.fork)
		continue_as_child();
	if (o.map_root)
		map_root_user(uid, gid);
	if (o.proc_dir)
		mount_proc(o.proc_dir);
	else if (o.flags & CLONE_NEWNS && mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		err(1, "cannot change root filesystem propagation");
	exec_command(argv + optind);
}
