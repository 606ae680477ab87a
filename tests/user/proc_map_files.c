/*
 * proc_map_files: /proc/PID/map_files, one link per file mapping.
 *
 * A file mapping's entry is named "start-end" in hex without leading
 * zeros: readlink gives the file's path, the link's mode shows how the
 * file is open (0400 read-only, 0600 read-write), and readdir lists it.
 * An anonymous mapping has none, nor has part of a mapping or a name
 * with a space or a leading zero (ENOENT).  Following the link needs
 * CAP_SYS_ADMIN in the initial user namespace: from a new user namespace
 * it is EPERM, while readlink still works (Linux's proc-self-map-files
 * selftests check the names the same way).
 */
#include "ns_util.h"
#include "child.h"
#include <dirent.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE	4096

/* /proc/self/map_files/ + the range of [@p, @p + @len) in @fmt's shape. */
static char *entry(char *buf, const char *fmt, void *p, size_t len)
{
	char name[64];

	snprintf(name, sizeof(name), fmt, (unsigned long)p, (unsigned long)p + len);
	snprintf(buf, 128, "/proc/self/map_files/%s", name);
	return buf;
}

/* Maps a new file "map_files.data" (two pages) open with @flags; its path in @path. */
static void *map_file(int flags, int prot, char *path)
{
	int fd = open("map_files.data", O_RDWR | O_CREAT, 0600);
	void *p;

	if (fd < 0 || ftruncate(fd, 2 * PAGE) || close(fd) || !realpath("map_files.data", path))
		return MAP_FAILED;
	fd = open(path, flags);
	if (fd < 0)
		return MAP_FAILED;
	p = mmap(NULL, 2 * PAGE, prot, MAP_SHARED, fd, 0);
	close(fd);
	return p;
}

static void t_a_file_mapping_links_to_its_file(void)
{
	char path[PATH_MAX], link[128], target[PATH_MAX];
	void *p = map_file(O_RDONLY, PROT_READ, path);
	struct stat st;
	ssize_t n;

	ASSERT_TRUE(p != MAP_FAILED);
	n = readlink(entry(link, "%lx-%lx", p, 2 * PAGE), target, sizeof(target) - 1);
	ASSERT_GT(n, 0);
	target[n] = '\0';
	EXPECT_STREQ(target, path);
	ASSERT_EQ(lstat(link, &st), 0);
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0400);
	munmap(p, 2 * PAGE);
	EXPECT_ERRNO(readlink(link, target, sizeof(target)), ENOENT);	/* gone with it */
	p = map_file(O_RDWR, PROT_READ | PROT_WRITE, path);
	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(lstat(entry(link, "%lx-%lx", p, 2 * PAGE), &st), 0);
	EXPECT_EQ(st.st_mode & 07777, 0600);
	munmap(p, 2 * PAGE);
	unlink(path);
}

static void t_only_exact_names_of_file_mappings(void)
{
	char path[PATH_MAX], link[128], target[PATH_MAX];
	void *p = map_file(O_RDONLY, PROT_READ, path);
	void *anon = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static const char *const bad[] = {
		" %lx-%lx", "%lx -%lx", "%lx- %lx", "%lx-%lx ", "0%lx-%lx", "%lx-0%lx",
		"10000000000000000%lx-%lx", "%lx-10000000000000000%lx",
	};

	ASSERT_TRUE(p != MAP_FAILED && anon != MAP_FAILED);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_ERRNO(readlink(entry(link, bad[i], p, 2 * PAGE), target, sizeof(target)),
			     ENOENT);
	EXPECT_ERRNO(readlink(entry(link, "%lx-%lx", p, PAGE), target, sizeof(target)), ENOENT);
	EXPECT_ERRNO(readlink(entry(link, "%lx-%lx", anon, PAGE), target, sizeof(target)),
		     ENOENT);
	munmap(anon, PAGE);
	munmap(p, 2 * PAGE);
	unlink(path);
}

/* Does /proc/self/map_files list @name? */
static int listed(const char *name)
{
	DIR *d = opendir("/proc/self/map_files");
	struct dirent *de;
	int found = 0;

	while (d && (de = readdir(d)))
		found |= !strcmp(de->d_name, name) && de->d_type == DT_LNK;
	if (d)
		closedir(d);
	return found;
}

static void t_readdir_lists_the_file_mappings(void)
{
	char path[PATH_MAX], name[64];
	void *p = map_file(O_RDONLY, PROT_READ, path);
	void *anon = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED && anon != MAP_FAILED);
	snprintf(name, sizeof(name), "%lx-%lx", (unsigned long)p, (unsigned long)p + 2 * PAGE);
	EXPECT_TRUE(listed(name));
	snprintf(name, sizeof(name), "%lx-%lx", (unsigned long)anon, (unsigned long)anon + PAGE);
	EXPECT_TRUE(!listed(name));
	munmap(anon, PAGE);
	munmap(p, 2 * PAGE);
	unlink(path);
}

static void t_following_needs_cap_sys_admin(void)
{
	char path[PATH_MAX], link[128], target[PATH_MAX];
	void *p = map_file(O_RDONLY, PROT_READ, path);
	pid_t pid;
	int fd;

	ASSERT_TRUE(p != MAP_FAILED);
	entry(link, "%lx-%lx", p, 2 * PAGE);
	if (geteuid() == 0) {
		fd = open(link, O_RDONLY);
		EXPECT_GE(fd, 0);
		close(fd);
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWUSER))
			_exit(2);
		errno = 0;
		if (open(link, O_RDONLY) != -1 || errno != EPERM)
			_exit(3);
		_exit(readlink(link, target, sizeof(target)) > 0 ? 0 : 4);
	}
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 0);
	munmap(p, 2 * PAGE);
	unlink(path);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_a_file_mapping_links_to_its_file,
				   t_only_exact_names_of_file_mappings,
				   t_readdir_lists_the_file_mappings,
				   t_following_needs_cap_sys_admin));
}
