/*
 * fs_empty_path: AT_EMPTY_PATH names the descriptor's own file in every
 * *at() call that accepts it: faccessat2, fchownat and linkat (root's: it
 * needs CAP_DAC_READ_SEARCH, Linux 6.1's do_linkat).  Without the flag
 * the empty name is ENOENT.  These calls took the flag and then looked
 * the empty name up as a path, which failed with ENOENT.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

static char path[64], link_path[64];

/* A new file under /tmp, open for reading: its descriptor. */
static int new_file(void)
{
	snprintf(path, sizeof(path), "/tmp/fs_empty_path.%d", getpid());
	snprintf(link_path, sizeof(link_path), "/tmp/fs_empty_path.%d.link", getpid());
	unlink(link_path);
	return open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
}

static void t_faccessat2_empty_path(void)
{
	int fd = new_file();

	ASSERT_GE(fd, 0);
	EXPECT_EQ(syscall(SYS_faccessat2, fd, "", R_OK | W_OK, AT_EMPTY_PATH), 0);
	EXPECT_ERRNO(syscall(SYS_faccessat2, fd, "", R_OK, 0), ENOENT);
	close(fd);
	unlink(path);
}

static void t_fchownat_empty_path(void)
{
	int fd = new_file();
	struct stat st;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fchownat(fd, "", getuid(), getgid(), AT_EMPTY_PATH), 0);
	EXPECT_ERRNO(fchownat(fd, "", getuid(), getgid(), 0), ENOENT);
	if (geteuid() == 0) {
		EXPECT_EQ(fchownat(fd, "", 1234, 5678, AT_EMPTY_PATH), 0);
		EXPECT_EQ(fstat(fd, &st), 0);
		EXPECT_EQ(st.st_uid, 1234);
		EXPECT_EQ(st.st_gid, 5678);
	}
	close(fd);
	unlink(path);
}

static void t_linkat_empty_path(void)
{
	struct stat st, lst;
	int fd;

	if (geteuid() != 0)
		KTAP_SKIP("needs CAP_DAC_READ_SEARCH");
	fd = new_file();
	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(linkat(fd, "", AT_FDCWD, link_path, 0), ENOENT);
	EXPECT_EQ(linkat(fd, "", AT_FDCWD, link_path, AT_EMPTY_PATH), 0);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_nlink, 2);
	EXPECT_EQ(stat(link_path, &lst), 0);
	EXPECT_EQ(lst.st_ino, st.st_ino);
	close(fd);
	unlink(link_path);
	unlink(path);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_faccessat2_empty_path, t_fchownat_empty_path,
				   t_linkat_empty_path));
}
