/*
 * proc_mount_options: proc's mount options, on instances mounted in a
 * private mount namespace.  subset=pid leaves only self, thread-self and
 * the processes (cpuinfo is ENOENT).  hidepid=noaccess lists another
 * user's process but entering it is EPERM; hidepid=invisible hides it
 * (readdir, stat and open: ENOENT) unless the reader is in the group
 * gid= names; hidepid=ptraceable hides it from lookup too.  Names work as
 * numbers do, a remount changes an instance's options, /proc/self/mounts
 * shows them, and a bad value or an unknown option is EINVAL.
 */
#include "ns_util.h"
#include "child.h"
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define NOBODY	65534

static char dir[64];

/* Is /DIR/@name listed? */
static int listed(const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	while (d && (de = readdir(d)))
		found |= !strcmp(de->d_name, name);
	if (d)
		closedir(d);
	return found;
}

/* The options field of /proc/self/mounts for the mount on DIR ("" if none). */
static const char *mount_opts(char *opts, size_t n)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char src[64], mp[128], type[32], o[256];

	opts[0] = '\0';
	while (f && fscanf(f, "%63s %127s %31s %255s %*d %*d", src, mp, type, o) == 4)
		if (!strcmp(mp, dir))
			snprintf(opts, n, "%s", o);
	if (f)
		fclose(f);
	return opts;
}

static void t_subset_pid_leaves_only_the_processes(void)
{
	char path[128], self[16], opts[256];
	struct dirent *de;
	struct stat st;
	DIR *d;

	ASSERT_EQ(mount("proc", dir, "proc", 0, "subset=pid"), 0);
	d = opendir(dir);
	ASSERT_TRUE(d != NULL);
	while ((de = readdir(d)))
		EXPECT_TRUE(!strcmp(de->d_name, "self") || !strcmp(de->d_name, "thread-self") ||
			    strspn(de->d_name, "0123456789") == strlen(de->d_name));
	closedir(d);
	snprintf(path, sizeof(path), "%s/cpuinfo", dir);
	EXPECT_ERRNO(open(path, O_RDONLY), ENOENT);
	snprintf(path, sizeof(path), "%s/self", dir);
	EXPECT_GT(readlink(path, self, sizeof(self)), 0);
	snprintf(path, sizeof(path), "%s/self/status", dir);
	EXPECT_EQ(stat(path, &st), 0);
	EXPECT_TRUE(strstr(mount_opts(opts, sizeof(opts)), ",subset=pid") != NULL);
	EXPECT_EQ(umount(dir), 0);
}

/*
 * What a child running as nobody (group @gid) finds of its parent, a
 * root process: bit 0 listed, bit 1 stat works, bit 2 status opens;
 * bits 8.. the errno of the failed open.
 */
static int seen_by_nobody(gid_t gid)
{
	char name[16], path[128];
	pid_t parent = getpid(), pid;
	struct stat st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int seen = 0, fd;

		if (setgroups(0, NULL) || setgid(gid) || setuid(NOBODY))
			_exit(255);
		snprintf(name, sizeof(name), "%d", parent);
		seen |= listed(name);
		snprintf(path, sizeof(path), "%s/%d", dir, parent);
		seen |= (stat(path, &st) == 0) << 1;
		snprintf(path, sizeof(path), "%s/%d/status", dir, parent);
		fd = open(path, O_RDONLY);
		seen |= fd >= 0 ? 4 : errno << 3;
		_exit(seen);
	}
	return pid > 0 ? WEXITSTATUS(wait_status(pid)) : -1;
}

static void t_hidepid_hides_others_processes(void)
{
	char opts[256];

	ASSERT_EQ(mount("proc", dir, "proc", 0, NULL), 0);
	EXPECT_EQ(seen_by_nobody(NOBODY), 1 | 2 | 4);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, "hidepid=1"), 0);
	EXPECT_TRUE(strstr(mount_opts(opts, sizeof(opts)), ",hidepid=noaccess") != NULL);
	EXPECT_EQ(seen_by_nobody(NOBODY), 1 | 2 | EPERM << 3);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, "hidepid=invisible"), 0);
	EXPECT_TRUE(strstr(mount_opts(opts, sizeof(opts)), ",hidepid=invisible") != NULL);
	EXPECT_EQ(seen_by_nobody(NOBODY), ENOENT << 3);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, "gid=4242"), 0);
	EXPECT_TRUE(strstr(mount_opts(opts, sizeof(opts)), ",gid=4242") != NULL);
	EXPECT_EQ(seen_by_nobody(4242), 1 | 2 | 4);
	EXPECT_EQ(seen_by_nobody(NOBODY), ENOENT << 3);
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, "hidepid=ptraceable"), 0);
	EXPECT_EQ(seen_by_nobody(4242), ENOENT << 3);	/* gid= does not count here */
	ASSERT_EQ(mount(NULL, dir, NULL, MS_REMOUNT, "hidepid=off"), 0);
	EXPECT_EQ(seen_by_nobody(NOBODY), 1 | 2 | 4);
	EXPECT_EQ(umount(dir), 0);
}

static void t_bad_options_are_einval(void)
{
	static const char *const bad[] = {
		"hidepid=3", "hidepid=5", "hidepid=secret", "hidepid", "subset=sys", "gid=x",
		"nosuchoption", "nosuch=1",
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_ERRNO(mount("proc", dir, "proc", 0, bad[i]), EINVAL);
	ASSERT_EQ(mount("proc", dir, "proc", 0, "hidepid=2,gid=0"), 0);
	EXPECT_ERRNO(mount(NULL, dir, NULL, MS_REMOUNT, "hidepid=9"), EINVAL);
	EXPECT_EQ(umount(dir), 0);
}

int main(void)
{
	int status;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("# proc_mount_options: cannot make a private mount namespace: %s\n",
		       strerror(errno));
		return 1;
	}
	snprintf(dir, sizeof(dir), "/tmp/proc_mount_options.%d", getpid());
	if (mkdir(dir, 0755))
		return 1;
	status = ktap_run(KTAP_CASES(t_subset_pid_leaves_only_the_processes,
				     t_hidepid_hides_others_processes,
				     t_bad_options_are_einval));
	rmdir(dir);
	return status;
}
