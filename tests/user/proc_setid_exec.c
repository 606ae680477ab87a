/*
 * proc_setid_exec: set-user-ID and set-group-ID programs.  execve of a
 * set-user-ID root file gives euid and saved uid 0, root's capabilities
 * and AT_SECURE; a set-group-ID file with group execute gives its group,
 * one without is ignored; no_new_privs and a nosuid mount make both bits
 * do nothing.  And the bits do not outlive a change: chown takes them
 * off (even chown(-1, -1)), a write or truncate by someone without
 * CAP_FSETID takes them off, a chmod keeps set-group-ID only for a member
 * of the group.
 *
 * The program runs itself with --report to print what it got.  It works
 * in a tmpfs of its own, in a private mount namespace, so the host's
 * mount options (a nosuid /tmp) do not matter on Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define USER	1000
#define GROUP	1000
#define OTHER_GROUP	4242

static char dir[64], prog[96], data[96];

struct report {
	unsigned int ruid, euid, suid, rgid, egid, sgid;
	unsigned long secure;
	int caps;		/* CapEff non-zero */
};

/* The --report side: what this execve gave us, on stdout. */
static int report(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	char line[128];
	unsigned long long capeff = 0;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "CapEff: %llx", &capeff);
	if (f)
		fclose(f);
	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	printf("%u %u %u %u %u %u %lu %d\n", r, e, s, gr, ge, gs, getauxval(AT_SECURE),
	       capeff != 0);
	return 0;
}

/*
 * Runs prog --report as uid USER, gid GROUP (no supplementary groups),
 * with no_new_privs if @nnp; fills @out.  0 on success.
 */
static int run_prog(int nnp, struct report *out)
{
	int p[2], n, status;
	char buf[128];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		if (setgroups(0, NULL) || setresgid(GROUP, GROUP, GROUP) ||
		    setresuid(USER, USER, USER))
			_exit(126);
		if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(126);
		execl(prog, prog, "--report", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	if (waitpid(pid, &status, 0) != pid || status != 0 || n <= 0)
		return -1;
	buf[n] = 0;
	return sscanf(buf, "%u %u %u %u %u %u %lu %d", &out->ruid, &out->euid, &out->suid,
		      &out->rgid, &out->egid, &out->sgid, &out->secure, &out->caps) == 8 ? 0 : -1;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_mode & 07777;
}

/* prog owned by @uid:@gid with @mode (chown first: it takes the bits off). */
static int set_prog(uid_t uid, gid_t gid, mode_t mode)
{
	return chown(prog, uid, gid) || chmod(prog, mode) ? -1 : 0;
}

static void t_setuid_root_file_gives_root(void)
{
	struct report r;

	ASSERT_EQ(set_prog(0, 0, 04755), 0);
	ASSERT_EQ(run_prog(0, &r), 0);
	EXPECT_EQ(r.ruid, USER);
	EXPECT_EQ(r.euid, 0);
	EXPECT_EQ(r.suid, 0);
	EXPECT_EQ(r.egid, GROUP);
	EXPECT_EQ(r.secure, 1);
	EXPECT_EQ(r.caps, 1);
}

static void t_setgid_file_gives_its_group(void)
{
	struct report r;

	ASSERT_EQ(set_prog(0, OTHER_GROUP, 02755), 0);
	ASSERT_EQ(run_prog(0, &r), 0);
	EXPECT_EQ(r.euid, USER);
	EXPECT_EQ(r.rgid, GROUP);
	EXPECT_EQ(r.egid, OTHER_GROUP);
	EXPECT_EQ(r.sgid, OTHER_GROUP);
	EXPECT_EQ(r.secure, 1);
	EXPECT_EQ(r.caps, 0);
}

/* Without group execute the bit is not a set-group-ID program's. */
static void t_setgid_without_group_exec_is_ignored(void)
{
	struct report r;

	ASSERT_EQ(set_prog(0, OTHER_GROUP, 02745), 0);
	ASSERT_EQ(run_prog(0, &r), 0);
	EXPECT_EQ(r.egid, GROUP);
	EXPECT_EQ(r.secure, 0);
}

static void t_no_new_privs_ignores_setuid(void)
{
	struct report r;

	ASSERT_EQ(set_prog(0, 0, 04755), 0);
	ASSERT_EQ(run_prog(1, &r), 0);
	EXPECT_EQ(r.euid, USER);
	EXPECT_EQ(r.suid, USER);
	EXPECT_EQ(r.secure, 0);
	EXPECT_EQ(r.caps, 0);
}

static void t_nosuid_mount_ignores_setuid(void)
{
	struct report r;

	ASSERT_EQ(set_prog(0, 0, 04755), 0);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT | MS_NOSUID, NULL), 0);
	EXPECT_EQ(run_prog(0, &r), 0);
	EXPECT_EQ(r.euid, USER);
	EXPECT_EQ(r.secure, 0);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, NULL), 0);
	ASSERT_EQ(run_prog(0, &r), 0);
	EXPECT_EQ(r.euid, 0);			/* and back */
}

static void t_chown_takes_setid_bits_off(void)
{
	ASSERT_EQ(chmod(prog, 04755), 0);
	EXPECT_EQ(chown(prog, 0, 0), 0);
	EXPECT_EQ(mode_of(prog), 0755);
	ASSERT_EQ(chmod(prog, 06755), 0);
	EXPECT_EQ(chown(prog, -1, -1), 0);	/* even giving it to nobody new */
	EXPECT_EQ(mode_of(prog), 0755);
	/* set-group-ID without group execute stays for a caller with CAP_FSETID */
	ASSERT_EQ(chmod(prog, 02745), 0);
	EXPECT_EQ(chown(prog, 0, OTHER_GROUP), 0);
	EXPECT_EQ(mode_of(prog), 02745);
	/* a directory keeps them */
	ASSERT_EQ(chmod(dir, 02755), 0);
	EXPECT_EQ(chown(dir, 0, 0), 0);
	EXPECT_EQ(mode_of(dir), 02755);
	ASSERT_EQ(chmod(dir, 0755), 0);
}

/* As USER: write to, then truncate, root's world-writable set-id files. */
static void change_as_user(void)
{
	int fd;

	ASSERT_EQ(setresuid(USER, USER, USER), 0);
	fd = open(data, O_WRONLY | O_APPEND);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "x", 1), 1);
	close(fd);
	EXPECT_EQ(mode_of(data), 0777);
}

static void truncate_as_user(void)
{
	ASSERT_EQ(setresuid(USER, USER, USER), 0);
	EXPECT_EQ(truncate(data, 0), 0);
	EXPECT_EQ(mode_of(data), 0777);
}

static void t_write_or_truncate_takes_setid_bits_off(void)
{
	int fd = open(data, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(fchmod(fd, 06777), 0);
	EXPECT_EQ(write(fd, "r", 1), 1);	/* root has CAP_FSETID: they stay */
	close(fd);
	EXPECT_EQ(mode_of(data), 06777);
	EXPECT_EQ(run_in_child(change_as_user), 0);
	ASSERT_EQ(chmod(data, 06777), 0);
	EXPECT_EQ(run_in_child(truncate_as_user), 0);
	unlink(data);
}

/* As USER, owner of data but not in its group: chmod g+s does not stick. */
static void chmod_as_user(void)
{
	ASSERT_EQ(setgroups(0, NULL), 0);
	ASSERT_EQ(setresgid(GROUP, GROUP, GROUP), 0);
	ASSERT_EQ(setresuid(USER, USER, USER), 0);
	EXPECT_EQ(chmod(data, 02755), 0);
	EXPECT_EQ(mode_of(data), 0755);
	EXPECT_EQ(chmod(data, 04755), 0);
	EXPECT_EQ(mode_of(data), 04755);	/* set-user-ID to oneself is fine */
}

static void t_chmod_setgid_needs_the_group(void)
{
	int fd = open(data, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(chown(data, USER, OTHER_GROUP), 0);
	EXPECT_EQ(run_in_child(chmod_as_user), 0);
	unlink(data);
}

/* A copy of this program at @to, mode 0755. */
static int copy_self(const char *to)
{
	int in = open("/proc/self/exe", O_RDONLY), out, ok = 1;
	char buf[4096];
	ssize_t n;

	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ok &= write(out, buf, n) == n;
	close(in);
	close(out);
	return ok && n == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	int status;

	if (argc > 1 && !strcmp(argv[1], "--report"))
		return report();
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# proc_setid_exec: cannot make a private mount namespace: %s\n",
		       strerror(errno));
		return 1;
	}
	snprintf(dir, sizeof(dir), "/tmp/setid.%d", getpid());
	snprintf(prog, sizeof(prog), "%s/prog", dir);
	snprintf(data, sizeof(data), "%s/data", dir);
	if (mkdir(dir, 0755) || mount("none", dir, "tmpfs", 0, NULL) || chmod(dir, 0755) ||
	    copy_self(prog)) {
		printf("# proc_setid_exec: cannot set up %s: %s\n", dir, strerror(errno));
		return 1;
	}
	umask(0);
	status = ktap_run(KTAP_CASES(t_setuid_root_file_gives_root,
				     t_setgid_file_gives_its_group,
				     t_setgid_without_group_exec_is_ignored,
				     t_no_new_privs_ignores_setuid,
				     t_nosuid_mount_ignores_setuid,
				     t_chown_takes_setid_bits_off,
				     t_write_or_truncate_takes_setid_bits_off,
				     t_chmod_setgid_needs_the_group));
	unlink(prog);
	umount(dir);
	rmdir(dir);
	return status;
}
