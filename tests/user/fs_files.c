/*
 * fs_files: regular files through the file system calls.  open/openat with
 * O_CREAT, O_EXCL (EEXIST), O_TRUNC, O_APPEND, O_DIRECTORY (ENOTDIR),
 * O_CLOEXEC, ENOENT and EISDIR; read, write, readv, writev, pread64 and
 * pwrite64; lseek with SEEK_SET/CUR/END, holes, EINVAL and ESPIPE; fstat,
 * stat, lstat and newfstatat (st_mode, st_size, st_nlink); access and the
 * root rules for it; umask applied to new files; /dev/null and /dev/zero.
 * Files live under /tmp and are removed by the case that made them.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define UMASK 022	/* set in main(), so modes are predictable */

/* "/tmp/fs_files.<pid>.<name>" in @buf. */
static char *tmp(char *buf, const char *name)
{
	snprintf(buf, 64, "/tmp/fs_files.%d.%s", getpid(), name);
	return buf;
}

/* Creates @path holding @text; returns 0 on success. */
static int make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Reads all of @path into @buf (at most @size - 1 bytes, NUL-ended). */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void t_open_creat_makes_empty_file(void)
{
	char path[64];
	struct stat st;
	int fd = open(tmp(path, "new"), O_WRONLY | O_CREAT, 0644);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0644);
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_EQ(st.st_uid, getuid());
	close(fd);
	EXPECT_EQ(unlink(path), 0);
}

static void t_open_excl_eexist(void)
{
	char path[64], link[64];

	ASSERT_EQ(make_file(tmp(path, "excl"), "x"), 0);
	EXPECT_ERRNO(open(path, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	/* O_EXCL does not follow a symlink, even a dangling one. */
	ASSERT_EQ(symlink("/nonexistent", tmp(link, "dangling")), 0);
	EXPECT_ERRNO(open(link, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	unlink(link);
	unlink(path);
}

static void t_open_trunc(void)
{
	char path[64];
	struct stat st;
	int fd;

	ASSERT_EQ(make_file(tmp(path, "trunc"), "0123456789"), 0);
	ASSERT_EQ(stat(path, &st), 0);
	EXPECT_EQ(st.st_size, 10);
	fd = open(path, O_WRONLY | O_TRUNC);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 0);
	close(fd);
	unlink(path);
}

/*
 * With no descriptor left (EMFILE), open() changes nothing: O_TRUNC does
 * not empty the file and O_CREAT makes none.  In a child, whose limit is
 * lowered to what it has open.
 */
static void t_open_emfile_truncates_and_creates_nothing(void)
{
	char path[64], fresh[64];
	struct rlimit rl = { 8, 8 };
	struct stat st;
	int status, fd;
	pid_t pid;

	ASSERT_EQ(make_file(tmp(path, "emfile"), "0123456789"), 0);
	tmp(fresh, "emfile-new");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (setrlimit(RLIMIT_NOFILE, &rl))
			_exit(2);
		while ((fd = open("/dev/null", O_RDONLY)) >= 0)
			;
		if (errno != EMFILE)
			_exit(3);
		if (open(path, O_WRONLY | O_TRUNC) != -1 || errno != EMFILE)
			_exit(4);
		if (open(fresh, O_WRONLY | O_CREAT, 0644) != -1 || errno != EMFILE)
			_exit(5);
		_exit(0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 0);
	ASSERT_EQ(stat(path, &st), 0);
	EXPECT_EQ(st.st_size, 10);
	EXPECT_EQ(stat(fresh, &st), -1);
	unlink(path);
	unlink(fresh);
}

static void t_open_append(void)
{
	char path[64], text[32];
	int fd;

	ASSERT_EQ(make_file(tmp(path, "append"), "abc"), 0);
	fd = open(path, O_WRONLY | O_APPEND);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(write(fd, "de", 2), 2);	/* at the end, not at 0 */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);
	close(fd);
	EXPECT_EQ(slurp(path, text, sizeof(text)), 5);
	EXPECT_STREQ(text, "abcde");
	unlink(path);
}

static void t_open_enoent(void)
{
	EXPECT_ERRNO(open("/tmp/fs_files.nonexistent", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open("/tmp/fs_files.no/dir/file", O_WRONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERRNO(open("", O_RDONLY), ENOENT);
}

static void t_open_enotdir_eisdir(void)
{
	char path[64], below[80];
	int fd;

	ASSERT_EQ(make_file(tmp(path, "plain"), "x"), 0);
	EXPECT_ERRNO(open(path, O_RDONLY | O_DIRECTORY), ENOTDIR);
	snprintf(below, sizeof(below), "%s/x", path);
	EXPECT_ERRNO(open(below, O_RDONLY), ENOTDIR);
	/* A directory opens for reading only. */
	EXPECT_ERRNO(open("/tmp", O_WRONLY), EISDIR);
	EXPECT_ERRNO(open("/tmp", O_RDWR), EISDIR);
	fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	EXPECT_GE(fd, 0);
	close(fd);
	unlink(path);
}

static void t_openat(void)
{
	char name[32], path[64], text[8];
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY), fd, file;

	ASSERT_GE(dfd, 0);
	snprintf(name, sizeof(name), "fs_files.%d.at", getpid());
	fd = openat(dfd, name, O_WRONLY | O_CREAT, 0644);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "at", 2), 2);
	close(fd);
	EXPECT_EQ(slurp(tmp(path, "at"), text, sizeof(text)), 2);	/* in /tmp */
	EXPECT_ERRNO(openat(-1, name, O_RDONLY), EBADF);
	file = open(path, O_RDONLY);
	EXPECT_ERRNO(openat(file, name, O_RDONLY), ENOTDIR);
	/* An absolute path ignores the directory descriptor. */
	fd = openat(-1, path, O_RDONLY);
	EXPECT_GE(fd, 0);
	close(fd);
	close(file);
	close(dfd);
	unlink(path);
}

static void t_open_cloexec(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
}

static void t_read_write_roundtrip(void)
{
	char path[64], buf[32] = { 0 };
	int fd = open(tmp(path, "rw"), O_RDWR | O_CREAT | O_TRUNC, 0644);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "hello ", 6), 6);
	EXPECT_EQ(write(fd, "world", 5), 5);
	EXPECT_EQ(write(fd, "", 0), 0);
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 11);	/* a short read at EOF */
	EXPECT_STREQ(buf, "hello world");
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);	/* then end of file */
	close(fd);
	unlink(path);
}

static void t_large_io_across_pages(void)
{
	static unsigned char out[100000], in[100000];
	char path[64];
	size_t i, done = 0, bad = 0;
	int fd = open(tmp(path, "large"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	ASSERT_GE(fd, 0);
	for (i = 0; i < sizeof(out); i++)
		out[i] = (unsigned char)(i * 31 + 7);
	EXPECT_EQ(write(fd, out, sizeof(out)), sizeof(out));
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	/* Odd-sized reads that straddle page boundaries. */
	do {
		size_t want = sizeof(in) - done < 3001 ? sizeof(in) - done : 3001;

		n = read(fd, in + done, want);
		done += n > 0 ? n : 0;
	} while (n > 0);
	EXPECT_EQ(done, sizeof(out));
	for (i = 0; i < sizeof(out); i++)
		bad += in[i] != out[i];
	EXPECT_EQ(bad, 0);
	close(fd);
	unlink(path);
}

static void t_wrong_mode_ebadf(void)
{
	char path[64], c;
	int r, w;

	ASSERT_EQ(make_file(tmp(path, "mode"), "x"), 0);
	r = open(path, O_RDONLY);
	w = open(path, O_WRONLY);
	ASSERT_GE(r, 0);
	ASSERT_GE(w, 0);
	EXPECT_ERRNO(write(r, "y", 1), EBADF);
	EXPECT_ERRNO(read(w, &c, 1), EBADF);
	EXPECT_ERRNO(read(-1, &c, 1), EBADF);
	close(r);
	EXPECT_ERRNO(read(r, &c, 1), EBADF);
	EXPECT_ERRNO(write(r, "y", 1), EBADF);
	close(w);
	unlink(path);
}

static void t_readv_writev(void)
{
	char path[64], a[4] = { 0 }, b[8] = { 0 };
	struct iovec out[3] = { { "abc", 3 }, { NULL, 0 }, { "defgh", 5 } };
	struct iovec in[2] = { { a, 3 }, { b, sizeof(b) } };
	int fd = open(tmp(path, "iov"), O_RDWR | O_CREAT | O_TRUNC, 0644);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(writev(fd, out, 3), 8);	/* gathered in order */
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(readv(fd, in, 2), 8);		/* scattered in order */
	EXPECT_STREQ(a, "abc");
	EXPECT_STREQ(b, "defgh");
	EXPECT_EQ(readv(fd, in, 0), 0);
	EXPECT_ERRNO(readv(fd, in, -1), EINVAL);
	EXPECT_ERRNO(writev(fd, out, 1025), EINVAL);	/* more than IOV_MAX */
	EXPECT_ERRNO(readv(-1, in, 1), EBADF);
	close(fd);
	unlink(path);
}

static void t_pread_pwrite(void)
{
	char path[64], c[4] = { 0 };
	int fd, p[2];

	ASSERT_EQ(make_file(tmp(path, "pread"), "0123456789"), 0);
	fd = open(path, O_RDWR);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(lseek(fd, 1, SEEK_SET), 1);
	EXPECT_EQ(pread(fd, c, 3, 5), 3);
	EXPECT_STREQ(c, "567");
	EXPECT_EQ(pwrite(fd, "ab", 2, 8), 2);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 1);	/* neither moved the offset */
	EXPECT_EQ(pread(fd, c, 3, 7), 3);
	EXPECT_STREQ(c, "7ab");
	EXPECT_EQ(pread(fd, c, 3, 100), 0);	/* past the end */
	EXPECT_ERRNO(pread(fd, c, 1, -1), EINVAL);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(pread(p[0], c, 1, 0), ESPIPE);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink(path);
}

/* Linux's rw_verify_area: a position the count would carry past 2^63 is EINVAL. */
static void t_rw_past_the_largest_offset(void)
{
	char path[64], c[4];
	int fd;

	ASSERT_EQ(make_file(tmp(path, "maxoff"), "0123"), 0);
	fd = open(path, O_RDWR);
	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(pwrite(fd, "ab", 2, 0x7fffffffffffffffLL), EINVAL);
	EXPECT_ERRNO(pread(fd, c, 2, 0x7fffffffffffffffLL), EINVAL);
	EXPECT_EQ(pread(fd, c, 1, 0x7ffffffffffffffeLL), 0);	/* fits: past the end */
	close(fd);
	unlink(path);
}

static void t_lseek_whence(void)
{
	char path[64];
	int fd;

	ASSERT_EQ(make_file(tmp(path, "seek"), "0123456789"), 0);
	fd = open(path, O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(lseek(fd, 4, SEEK_SET), 4);
	EXPECT_EQ(lseek(fd, 3, SEEK_CUR), 7);
	EXPECT_EQ(lseek(fd, -2, SEEK_CUR), 5);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 10);
	EXPECT_EQ(lseek(fd, -10, SEEK_END), 0);
	EXPECT_EQ(lseek(fd, 100, SEEK_END), 110);	/* past the end is fine */
	EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_ERRNO(lseek(fd, -11, SEEK_END), EINVAL);
	EXPECT_ERRNO(lseek(fd, 0, 7), EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 110);	/* failures did not move it */
	EXPECT_ERRNO(lseek(-1, 0, SEEK_SET), EBADF);
	close(fd);
	unlink(path);
}

static void t_lseek_hole_reads_zeroes(void)
{
	char path[64], buf[8];
	struct stat st;
	int fd = open(tmp(path, "hole"), O_RDWR | O_CREAT | O_TRUNC, 0644);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "a", 1), 1);
	EXPECT_EQ(lseek(fd, 5000, SEEK_SET), 5000);
	EXPECT_EQ(write(fd, "b", 1), 1);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, 5001);
	EXPECT_EQ(pread(fd, buf, 4, 4096), 4);
	EXPECT_EQ(memcmp(buf, "\0\0\0\0", 4), 0);
	close(fd);
	unlink(path);
}

static void t_lseek_on_pipe_espipe(void)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(lseek(p[0], 0, SEEK_CUR), ESPIPE);
	EXPECT_ERRNO(lseek(p[1], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
}

static void t_stat_fstat_lstat(void)
{
	char path[64], link[64];
	struct stat st, fst, lst;
	int fd;

	ASSERT_EQ(make_file(tmp(path, "stat"), "12345"), 0);
	ASSERT_EQ(symlink(path, tmp(link, "statlink")), 0);
	fd = open(path, O_RDONLY);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(stat(path, &st), 0);
	ASSERT_EQ(fstat(fd, &fst), 0);
	EXPECT_EQ(st.st_ino, fst.st_ino);
	EXPECT_EQ(st.st_dev, fst.st_dev);
	EXPECT_EQ(st.st_size, 5);
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	ASSERT_EQ(stat(link, &st), 0);		/* follows the link */
	EXPECT_EQ(st.st_ino, fst.st_ino);
	ASSERT_EQ(lstat(link, &lst), 0);	/* the link itself */
	EXPECT_TRUE(S_ISLNK(lst.st_mode));
	EXPECT_EQ(lst.st_size, strlen(path));
	EXPECT_NE(lst.st_ino, fst.st_ino);
	close(fd);
	unlink(link);
	unlink(path);
}

static void t_newfstatat(void)
{
	char path[64], link[64], name[32];
	struct stat st;
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY), fd;

	ASSERT_GE(dfd, 0);
	ASSERT_EQ(make_file(tmp(path, "fstatat"), "abc"), 0);
	ASSERT_EQ(symlink(path, tmp(link, "fstatatlink")), 0);
	snprintf(name, sizeof(name), "fs_files.%d.fstatatlink", getpid());
	/* The raw call: musl's fstatat() converts through its own buffer. */
	EXPECT_EQ(syscall(SYS_newfstatat, dfd, name, &st, 0), 0);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_size, 3);
	EXPECT_EQ(syscall(SYS_newfstatat, dfd, name, &st, AT_SYMLINK_NOFOLLOW), 0);
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	fd = open(path, O_RDONLY);
	EXPECT_EQ(syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH), 0);
	EXPECT_EQ(st.st_size, 3);
	EXPECT_ERRNO(syscall(SYS_newfstatat, fd, "", &st, 0), ENOENT);
	EXPECT_ERRNO(syscall(SYS_newfstatat, dfd, name, &st, 0x1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_newfstatat, -1, name, &st, 0), EBADF);
	close(fd);
	close(dfd);
	unlink(link);
	unlink(path);
}

static void t_stat_errors(void)
{
	char path[64], below[80];
	struct stat st;

	ASSERT_EQ(make_file(tmp(path, "staterr"), "x"), 0);
	snprintf(below, sizeof(below), "%s/x", path);
	EXPECT_ERRNO(stat("/tmp/fs_files.nonexistent", &st), ENOENT);
	EXPECT_ERRNO(stat("", &st), ENOENT);
	EXPECT_ERRNO(stat(below, &st), ENOTDIR);
	EXPECT_ERRNO(lstat("/tmp/fs_files.nonexistent", &st), ENOENT);
	EXPECT_ERRNO(fstat(-1, &st), EBADF);
	unlink(path);
}

static void t_access(void)
{
	char path[64], exe[64];

	ASSERT_EQ(make_file(tmp(path, "access"), "x"), 0);
	ASSERT_EQ(make_file(tmp(exe, "accessx"), "x"), 0);
	EXPECT_EQ(access(path, F_OK), 0);
	EXPECT_ERRNO(access("/tmp/fs_files.nonexistent", F_OK), ENOENT);
	/* Root reads and writes anything, but executes only files that
	 * have at least one execute bit. */
	ASSERT_EQ(chmod(path, 0), 0);
	EXPECT_EQ(access(path, R_OK | W_OK), 0);
	EXPECT_ERRNO(access(path, X_OK), EACCES);
	ASSERT_EQ(chmod(exe, 0100), 0);
	EXPECT_EQ(access(exe, X_OK), 0);
	EXPECT_EQ(access("/tmp", X_OK), 0);
	EXPECT_ERRNO(access(path, 0x100), EINVAL);
	unlink(path);
	unlink(exe);
}

static void t_umask_applies_to_new_files(void)
{
	char path[64], dir[64];
	struct stat st;
	int fd;

	EXPECT_EQ(umask(027), UMASK);	/* returns the previous mask */
	fd = open(tmp(path, "umask"), O_WRONLY | O_CREAT, 0666);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0640);
	ASSERT_EQ(mkdir(tmp(dir, "umaskdir"), 0777), 0);
	ASSERT_EQ(stat(dir, &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0750);
	EXPECT_EQ(umask(UMASK), 027);
	close(fd);
	unlink(path);
	rmdir(dir);
}

static void t_dev_null(void)
{
	char buf[16];
	struct stat st;
	int fd = open("/dev/null", O_RDWR);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);	/* always end of file */
	EXPECT_EQ(write(fd, "discarded", 9), 9);	/* always accepts */
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(major(st.st_rdev), 1);
	EXPECT_EQ(minor(st.st_rdev), 3);
	close(fd);
}

static void t_dev_zero(void)
{
	static char buf[10000];
	struct stat st;
	size_t i, nonzero = 0;
	int fd = open("/dev/zero", O_RDWR);

	ASSERT_GE(fd, 0);
	memset(buf, 0xff, sizeof(buf));
	EXPECT_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		nonzero += buf[i] != 0;
	EXPECT_EQ(nonzero, 0);
	EXPECT_EQ(write(fd, "x", 1), 1);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(major(st.st_rdev), 1);
	EXPECT_EQ(minor(st.st_rdev), 5);
	close(fd);
}

int main(void)
{
	umask(UMASK);
	return ktap_run(KTAP_CASES(t_open_creat_makes_empty_file, t_open_excl_eexist,
		t_open_trunc, t_open_emfile_truncates_and_creates_nothing, t_open_append, t_open_enoent, t_open_enotdir_eisdir,
		t_openat, t_open_cloexec, t_read_write_roundtrip,
		t_large_io_across_pages, t_wrong_mode_ebadf, t_readv_writev,
		t_pread_pwrite, t_rw_past_the_largest_offset, t_lseek_whence, t_lseek_hole_reads_zeroes,
		t_lseek_on_pipe_espipe, t_stat_fstat_lstat, t_newfstatat,
		t_stat_errors, t_access, t_umask_applies_to_new_files, t_dev_null,
		t_dev_zero));
}
