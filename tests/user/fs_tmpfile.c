/*
 * fs_tmpfile: open(dir, O_TMPFILE): a regular file no directory lists,
 * with no link (st_nlink 0), which /proc/self/fd shows as "DIR/#INO
 * (deleted)".  O_TMPFILE needs write access and no O_CREAT (EINVAL), and
 * a directory (ENOTDIR).  Without O_EXCL linkat through /proc/self/fd
 * gives it a name; with O_EXCL it cannot, nor can an unlinked file (ENOENT).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ktap.h"

/* Does "." list a name starting with '#'? */
static int lists_a_hash_name(void)
{
	DIR *d = opendir(".");
	struct dirent *de;
	int found = 0;

	while (d && (de = readdir(d)))
		found |= de->d_name[0] == '#';
	if (d)
		closedir(d);
	return found;
}

static void t_a_tmpfile_has_no_name(void)
{
	char cwd[PATH_MAX], want[PATH_MAX + 64], link[PATH_MAX + 64], path[64], buf[8];
	int fd = open(".", O_TMPFILE | O_RDWR, 0640);
	struct stat st;
	ssize_t n;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "hello", 5), 5);
	EXPECT_EQ(pread(fd, buf, 5, 0), 5);
	EXPECT_EQ(memcmp(buf, "hello", 5), 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(st.st_size, 5);
	EXPECT_TRUE(!lists_a_hash_name());
	ASSERT_TRUE(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(want, sizeof(want), "%s/#%lu (deleted)", cwd, (unsigned long)st.st_ino);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	ASSERT_GT(n, 0);
	link[n] = '\0';
	EXPECT_STREQ(link, want);
	close(fd);
}

static void t_errors(void)
{
	int fd = open("file", O_WRONLY | O_CREAT, 0600);

	ASSERT_GE(fd, 0);
	close(fd);
	EXPECT_ERRNO(open(".", O_TMPFILE | O_RDONLY, 0600), EINVAL);
	EXPECT_ERRNO(open(".", O_TMPFILE | O_RDWR | O_CREAT, 0600), EINVAL);
	EXPECT_ERRNO(open("file", O_TMPFILE | O_RDWR, 0600), ENOTDIR);
	EXPECT_ERRNO(open("nosuchdir", O_TMPFILE | O_RDWR, 0600), ENOENT);
	unlink("file");
}

/* linkat(/proc/self/fd/@fd -> @name, AT_SYMLINK_FOLLOW): 0 or -errno. */
static int link_fd(int fd, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, path, AT_FDCWD, name, AT_SYMLINK_FOLLOW) ? -errno : 0;
}

static void t_linkat_names_it_unless_o_excl(void)
{
	int fd = open(".", O_TMPFILE | O_RDWR, 0600), excl, gone;
	struct stat st;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "x", 1), 1);
	EXPECT_EQ(link_fd(fd, "named"), 0);
	ASSERT_EQ(stat("named", &st), 0);
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_EQ(st.st_size, 1);
	close(fd);
	excl = open(".", O_TMPFILE | O_RDWR | O_EXCL, 0600);
	ASSERT_GE(excl, 0);
	EXPECT_EQ(link_fd(excl, "excl"), -ENOENT);
	close(excl);
	gone = open("named", O_RDWR);
	ASSERT_GE(gone, 0);
	ASSERT_EQ(unlink("named"), 0);
	EXPECT_EQ(link_fd(gone, "again"), -ENOENT);	/* an unlinked file stays so */
	close(gone);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_a_tmpfile_has_no_name, t_errors,
				   t_linkat_names_it_unless_o_excl));
}
