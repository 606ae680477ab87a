/*
 * fs_dirs: directories and names.  mkdir (EEXIST, ENOENT, ENOTDIR,
 * ENAMETOOLONG) and the link counts it makes; rmdir (ENOTEMPTY, ENOTDIR,
 * EINVAL for "."); unlink (EISDIR), with an unlinked open file still
 * usable; rename of a file over another, of a directory, and its errors,
 * and renames both ways between two directories at once; renameat2's
 * RENAME_NOREPLACE, RENAME_EXCHANGE and RENAME_WHITEOUT;
 * getdents64 listing ".", ".." and each entry once with its type; chdir
 * and getcwd (ERANGE for a short buffer); symlink and readlink (EINVAL on
 * a non-link, truncation, ELOOP).  Everything happens in a directory under
 * /tmp that main() removes at the end.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

static char base[64];	/* /tmp/fs_dirs.<pid> */

/* @base/@name in @buf (PATH_MAX bytes). */
static char *at(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", base, name);
	return buf;
}

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

static int exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static nlink_t links(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_nlink;
}

static void t_mkdir_creates_directory(void)
{
	char d[PATH_MAX];
	struct stat st;

	ASSERT_EQ(mkdir(at(d, "made"), 0755), 0);
	ASSERT_EQ(stat(d, &st), 0);
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0755);
	EXPECT_EQ(st.st_nlink, 2);	/* its name and its "." */
	EXPECT_EQ(rmdir(d), 0);
	EXPECT_TRUE(!exists(d));
}

static void t_mkdir_errors(void)
{
	char d[PATH_MAX], f[PATH_MAX], below[PATH_MAX];

	ASSERT_EQ(mkdir(at(d, "dup"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "file"), "x"), 0);
	EXPECT_ERRNO(mkdir(d, 0755), EEXIST);
	EXPECT_ERRNO(mkdir(f, 0755), EEXIST);
	EXPECT_ERRNO(mkdir(at(below, "missing/sub"), 0755), ENOENT);
	EXPECT_ERRNO(mkdir(at(below, "file/sub"), 0755), ENOTDIR);
	EXPECT_ERRNO(mkdir("", 0755), ENOENT);
	rmdir(d);
	unlink(f);
}

static void t_name_too_long(void)
{
	char name[300], path[PATH_MAX];

	memset(name, 'n', 256);		/* NAME_MAX is 255 */
	name[256] = 0;
	EXPECT_ERRNO(mkdir(at(path, name), 0755), ENAMETOOLONG);
	EXPECT_ERRNO(open(path, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	name[255] = 0;			/* 255 is fine */
	EXPECT_EQ(mkdir(at(path, name), 0755), 0);
	EXPECT_EQ(rmdir(path), 0);
}

static void t_dir_link_count_follows_subdirs(void)
{
	char d[PATH_MAX], sub[PATH_MAX], f[PATH_MAX];

	ASSERT_EQ(mkdir(at(d, "counted"), 0755), 0);
	ASSERT_EQ(mkdir(at(sub, "counted/sub"), 0755), 0);
	EXPECT_EQ(links(d), 3);		/* plus the child's ".." */
	ASSERT_EQ(make_file(at(f, "counted/file"), "x"), 0);
	EXPECT_EQ(links(d), 3);		/* files do not count */
	EXPECT_EQ(rmdir(sub), 0);
	EXPECT_EQ(links(d), 2);
	unlink(f);
	rmdir(d);
}

static void t_rmdir(void)
{
	char d[PATH_MAX], f[PATH_MAX], dot[PATH_MAX];

	ASSERT_EQ(mkdir(at(d, "rm"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "rm/file"), "x"), 0);
	EXPECT_ERRNO(rmdir(d), ENOTEMPTY);
	EXPECT_ERRNO(rmdir(f), ENOTDIR);
	EXPECT_ERRNO(rmdir(at(dot, "rm/.")), EINVAL);
	EXPECT_ERRNO(rmdir(at(dot, "missing")), ENOENT);
	ASSERT_EQ(unlink(f), 0);
	EXPECT_EQ(rmdir(d), 0);
	EXPECT_TRUE(!exists(d));
}

static void t_unlink(void)
{
	char d[PATH_MAX], f[PATH_MAX], below[PATH_MAX];

	ASSERT_EQ(mkdir(at(d, "unl"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "unl/file"), "x"), 0);
	EXPECT_ERRNO(unlink(d), EISDIR);	/* Linux's errno for a directory */
	EXPECT_ERRNO(unlink(at(below, "unl/file/x")), ENOTDIR);
	EXPECT_EQ(unlink(f), 0);
	EXPECT_TRUE(!exists(f));
	EXPECT_ERRNO(unlink(f), ENOENT);
	rmdir(d);
}

static void t_unlinked_open_file_lives_on(void)
{
	char f[PATH_MAX], buf[8] = { 0 };
	struct stat st;
	int fd;

	ASSERT_EQ(make_file(at(f, "ghost"), "boo"), 0);
	fd = open(f, O_RDWR);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(unlink(f), 0);
	EXPECT_TRUE(!exists(f));
	EXPECT_EQ(read(fd, buf, sizeof(buf) - 1), 3);	/* the data is still there */
	EXPECT_STREQ(buf, "boo");
	EXPECT_EQ(write(fd, "!", 1), 1);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(st.st_size, 4);
	close(fd);
}

static void t_rename_file_over_file(void)
{
	char a[PATH_MAX], b[PATH_MAX], buf[8] = { 0 };
	struct stat before, after;
	int fd;

	ASSERT_EQ(make_file(at(a, "ra"), "A"), 0);
	ASSERT_EQ(make_file(at(b, "rb"), "B"), 0);
	ASSERT_EQ(stat(a, &before), 0);
	EXPECT_EQ(rename(a, b), 0);
	EXPECT_TRUE(!exists(a));
	ASSERT_EQ(stat(b, &after), 0);
	EXPECT_EQ(after.st_ino, before.st_ino);	/* the same file, renamed */
	fd = open(b, O_RDONLY);
	EXPECT_EQ(read(fd, buf, sizeof(buf) - 1), 1);
	EXPECT_STREQ(buf, "A");
	close(fd);
	EXPECT_EQ(rename(b, b), 0);		/* onto itself: nothing happens */
	EXPECT_TRUE(exists(b));
	unlink(b);
}

static void t_rename_directory(void)
{
	char d[PATH_MAX], e[PATH_MAX], f[PATH_MAX], g[PATH_MAX], empty[PATH_MAX];

	ASSERT_EQ(mkdir(at(d, "rd"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "rd/inside"), "x"), 0);
	EXPECT_EQ(rename(d, at(e, "re")), 0);
	EXPECT_TRUE(!exists(d));
	EXPECT_TRUE(exists(at(g, "re/inside")));	/* contents move along */
	/* A directory may replace an empty directory. */
	ASSERT_EQ(mkdir(at(empty, "rempty"), 0755), 0);
	EXPECT_EQ(rename(e, empty), 0);
	EXPECT_TRUE(exists(at(g, "rempty/inside")));
	unlink(g);
	rmdir(empty);
}

static void t_rename_errors(void)
{
	char d[PATH_MAX], full[PATH_MAX], f[PATH_MAX], in[PATH_MAX], sub[PATH_MAX];

	ASSERT_EQ(mkdir(at(d, "re1"), 0755), 0);
	ASSERT_EQ(mkdir(at(full, "re2"), 0755), 0);
	ASSERT_EQ(make_file(at(in, "re2/x"), "x"), 0);
	ASSERT_EQ(make_file(at(f, "ref"), "x"), 0);
	EXPECT_ERRNO(rename(at(sub, "missing"), d), ENOENT);
	EXPECT_ERRNO(rename(d, full), ENOTEMPTY);
	EXPECT_ERRNO(rename(f, d), EISDIR);
	EXPECT_ERRNO(rename(d, f), ENOTDIR);
	EXPECT_ERRNO(rename(d, at(sub, "re1/sub")), EINVAL);	/* into itself */
	unlink(in);
	unlink(f);
	rmdir(full);
	rmdir(d);
}

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)
#endif

static long renameat2_(const char *from, const char *to, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
}

/* The first byte of @path, or 0. */
static char first_byte(const char *path)
{
	char c = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		if (read(fd, &c, 1) != 1)
			c = 0;
		close(fd);
	}
	return c;
}

static void t_renameat2_flag_errors(void)
{
	char a[PATH_MAX], b[PATH_MAX];

	ASSERT_EQ(make_file(at(a, "fa"), "A"), 0);
	at(b, "fb");
	EXPECT_ERRNO(renameat2_(a, b, 1 << 3), EINVAL);
	EXPECT_ERRNO(renameat2_(a, b, RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
	EXPECT_ERRNO(renameat2_(a, b, RENAME_WHITEOUT | RENAME_EXCHANGE), EINVAL);
	EXPECT_TRUE(exists(a));
	unlink(a);
}

/* RENAME_NOREPLACE: EEXIST over an existing name (both stay), a plain rename otherwise. */
static void t_renameat2_noreplace(void)
{
	char a[PATH_MAX], b[PATH_MAX], c[PATH_MAX];

	ASSERT_EQ(make_file(at(a, "na"), "A"), 0);
	ASSERT_EQ(make_file(at(b, "nb"), "B"), 0);
	EXPECT_ERRNO(renameat2_(a, b, RENAME_NOREPLACE), EEXIST);
	EXPECT_EQ(first_byte(a), 'A');
	EXPECT_EQ(first_byte(b), 'B');
	EXPECT_EQ(renameat2_(a, at(c, "nc"), RENAME_NOREPLACE), 0);
	EXPECT_TRUE(!exists(a));
	EXPECT_EQ(first_byte(c), 'A');
	unlink(b);
	unlink(c);
}

/*
 * RENAME_EXCHANGE: two files trade contents' names; a file and a
 * directory in two directories trade too, the directories' link counts
 * following the subdirectory; a missing target is ENOENT; a directory
 * cannot be exchanged with something below it (EINVAL).
 */
static void t_renameat2_exchange(void)
{
	char a[PATH_MAX], b[PATH_MAX], d1[PATH_MAX], d2[PATH_MAX], sub[PATH_MAX],
	     f[PATH_MAX], in[PATH_MAX];
	nlink_t l1, l2;

	ASSERT_EQ(make_file(at(a, "xa"), "A"), 0);
	ASSERT_EQ(make_file(at(b, "xb"), "B"), 0);
	EXPECT_EQ(renameat2_(a, b, RENAME_EXCHANGE), 0);
	EXPECT_EQ(first_byte(a), 'B');
	EXPECT_EQ(first_byte(b), 'A');
	EXPECT_ERRNO(renameat2_(a, at(f, "xmissing"), RENAME_EXCHANGE), ENOENT);
	ASSERT_EQ(mkdir(at(d1, "xd1"), 0755), 0);
	ASSERT_EQ(mkdir(at(d2, "xd2"), 0755), 0);
	ASSERT_EQ(mkdir(at(sub, "xd1/sub"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "xd2/f"), "F"), 0);
	l1 = links(d1);
	l2 = links(d2);
	EXPECT_EQ(renameat2_(sub, f, RENAME_EXCHANGE), 0);
	EXPECT_EQ(first_byte(sub), 'F');		/* xd1/sub is the file now */
	EXPECT_EQ(links(f), 2);				/* xd2/f the empty directory */
	EXPECT_EQ(links(d1), l1 - 1);
	EXPECT_EQ(links(d2), l2 + 1);
	ASSERT_EQ(make_file(at(in, "xd2/f/in"), "I"), 0);
	EXPECT_ERRNO(renameat2_(d2, in, RENAME_EXCHANGE), EINVAL);
	EXPECT_ERRNO(renameat2_(in, d2, RENAME_EXCHANGE), EINVAL);
	unlink(in);
	rmdir(f);
	unlink(sub);
	rmdir(d1);
	rmdir(d2);
	unlink(a);
	unlink(b);
}

/* RENAME_WHITEOUT: the old name becomes a character device 0:0. */
static void t_renameat2_whiteout(void)
{
	char a[PATH_MAX], b[PATH_MAX];
	struct stat st;

	ASSERT_EQ(make_file(at(a, "wa"), "A"), 0);
	EXPECT_EQ(renameat2_(a, at(b, "wb"), RENAME_WHITEOUT), 0);
	EXPECT_EQ(first_byte(b), 'A');
	ASSERT_EQ(lstat(a, &st), 0);
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(st.st_rdev, 0);
	unlink(a);
	unlink(b);
}

/* Moves @name from directory @from to @to and back, @n times; the failures. */
static int rename_back_and_forth(const char *from, const char *to, const char *name, int n)
{
	char a[PATH_MAX], b[PATH_MAX];
	int failures = 0;

	snprintf(a, sizeof(a), "%s/%s", from, name);
	snprintf(b, sizeof(b), "%s/%s", to, name);
	while (n--) {
		failures += rename(a, b) != 0;
		failures += rename(b, a) != 0;
	}
	return failures;
}

/*
 * Two processes rename between the same two directories, in opposite
 * directions, at the same time: each rename locks both directories, and
 * neither may wait for the other for ever.
 */
static void t_renames_both_ways_at_once_finish(void)
{
	char d1[PATH_MAX], d2[PATH_MAX], f[PATH_MAX];
	int status;
	pid_t pid;

	ASSERT_EQ(mkdir(at(d1, "rw1"), 0755), 0);
	ASSERT_EQ(mkdir(at(d2, "rw2"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "rw1/one"), "1"), 0);
	ASSERT_EQ(make_file(at(f, "rw2/two"), "2"), 0);
	pid = fork();
	if (pid == 0)
		_exit(rename_back_and_forth(d1, d2, "one", 3000) ? 1 : 0);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(rename_back_and_forth(d2, d1, "two", 3000), 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 0);
	EXPECT_TRUE(exists(at(f, "rw1/one")));
	EXPECT_TRUE(exists(at(f, "rw2/two")));
	unlink(at(f, "rw1/one"));
	unlink(at(f, "rw2/two"));
	rmdir(d1);
	rmdir(d2);
}

/* A record of getdents64, as the kernel lays it out. */
struct dirent64_rec {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* What a listing of a directory found. */
struct listing {
	int entries, dot, dotdot, files, dirs, bad_types;
};

/* Lists @fd with getdents64 in small batches; returns 0 on success. */
static int list_dir(int fd, struct listing *l)
{
	char buf[128] __attribute__((aligned(8)));	/* small: several calls */
	long n;

	memset(l, 0, sizeof(*l));
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		long off;

		for (off = 0; off < n;) {
			struct dirent64_rec *d = (struct dirent64_rec *)(buf + off);
			int dir = d->d_type == DT_DIR;

			l->entries++;
			if (!strcmp(d->d_name, "."))
				l->dot++, l->bad_types += !dir;
			else if (!strcmp(d->d_name, ".."))
				l->dotdot++, l->bad_types += !dir;
			else if (!strncmp(d->d_name, "file", 4))
				l->files++, l->bad_types += d->d_type != DT_REG;
			else if (!strncmp(d->d_name, "dir", 3))
				l->dirs++, l->bad_types += !dir;
			off += d->d_reclen;
		}
	}
	return n == 0 ? 0 : -1;
}

static void t_getdents64_lists_entries(void)
{
	char d[PATH_MAX], p[PATH_MAX], name[16];
	struct listing l;
	int fd, i;

	ASSERT_EQ(mkdir(at(d, "ls"), 0755), 0);
	fd = open(d, O_RDONLY | O_DIRECTORY);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(list_dir(fd, &l), 0);
	EXPECT_EQ(l.entries, 2);		/* only "." and ".." */
	EXPECT_EQ(l.dot + l.dotdot, 2);
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "ls/file%d", i);
		ASSERT_EQ(make_file(at(p, name), "x"), 0);
	}
	ASSERT_EQ(mkdir(at(p, "ls/dir0"), 0755), 0);
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);	/* rewind */
	ASSERT_EQ(list_dir(fd, &l), 0);
	EXPECT_EQ(l.entries, 8);		/* each exactly once */
	EXPECT_EQ(l.dot, 1);
	EXPECT_EQ(l.dotdot, 1);
	EXPECT_EQ(l.files, 5);
	EXPECT_EQ(l.dirs, 1);
	EXPECT_EQ(l.bad_types, 0);
	close(fd);
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "ls/file%d", i);
		unlink(at(p, name));
	}
	rmdir(at(p, "ls/dir0"));
	rmdir(d);
}

static void t_getdents64_errors(void)
{
	char f[PATH_MAX], buf[512];
	int fd, dfd = open(base, O_RDONLY | O_DIRECTORY);

	ASSERT_GE(dfd, 0);
	ASSERT_EQ(make_file(at(f, "notdir"), "x"), 0);
	fd = open(f, O_RDONLY);
	EXPECT_ERRNO(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	EXPECT_ERRNO(syscall(SYS_getdents64, -1, buf, sizeof(buf)), EBADF);
	EXPECT_ERRNO(syscall(SYS_getdents64, dfd, buf, 8), EINVAL);	/* no room */
	close(fd);
	close(dfd);
	unlink(f);
}

static void t_chdir_getcwd(void)
{
	char old[PATH_MAX], tmp[PATH_MAX], want[PATH_MAX], cwd[PATH_MAX], f[PATH_MAX];

	ASSERT_TRUE(getcwd(old, sizeof(old)) != NULL);
	/* /tmp may be reached through a link: getcwd gives its real name,
	 * which then stands for the "/tmp" at the start of base. */
	ASSERT_EQ(chdir("/tmp"), 0);
	ASSERT_TRUE(getcwd(tmp, sizeof(tmp)) != NULL);
	ASSERT_TRUE(snprintf(want, sizeof(want), "%s%s", strcmp(tmp, "/") ? tmp : "",
			     base + 4) < (int)sizeof(want));
	ASSERT_EQ(chdir(base), 0);
	EXPECT_TRUE(getcwd(cwd, sizeof(cwd)) != NULL);
	EXPECT_STREQ(cwd, want);
	ASSERT_EQ(make_file("relative", "x"), 0);	/* relative to the cwd */
	EXPECT_TRUE(exists(at(f, "relative")));
	EXPECT_EQ(chdir(".."), 0);
	EXPECT_TRUE(getcwd(cwd, sizeof(cwd)) != NULL);
	EXPECT_STREQ(cwd, tmp);
	EXPECT_ERRNO(chdir(f), ENOTDIR);
	EXPECT_ERRNO(chdir("/nonexistent/dir"), ENOENT);
	unlink(f);
	EXPECT_EQ(chdir(old), 0);
}

static void t_getcwd_erange(void)
{
	char buf[PATH_MAX];
	long n;

	/* The raw call returns the length with the NUL; musl's would
	 * allocate for a NULL buffer. */
	n = syscall(SYS_getcwd, buf, sizeof(buf));
	ASSERT_GT(n, 1);
	EXPECT_EQ(n, strlen(buf) + 1);
	EXPECT_ERRNO(syscall(SYS_getcwd, buf, 1), ERANGE);
	EXPECT_ERRNO(syscall(SYS_getcwd, buf, n - 1), ERANGE);	/* no room for NUL */
	EXPECT_ERRNO(syscall(SYS_getcwd, buf, 0), ERANGE);
	EXPECT_EQ(syscall(SYS_getcwd, buf, n), n);		/* exactly enough */
}

static void t_symlink_readlink(void)
{
	char l[PATH_MAX], f[PATH_MAX], buf[64];
	struct stat st;

	ASSERT_EQ(symlink("target/path", at(l, "link")), 0);
	memset(buf, 'z', sizeof(buf));
	EXPECT_EQ(readlink(l, buf, sizeof(buf)), 11);	/* no NUL added */
	EXPECT_EQ(memcmp(buf, "target/pathz", 12), 0);
	EXPECT_EQ(readlink(l, buf, 4), 4);		/* silently truncated */
	EXPECT_EQ(memcmp(buf, "targ", 4), 0);
	ASSERT_EQ(lstat(l, &st), 0);
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_size, 11);
	ASSERT_EQ(make_file(at(f, "plainfile"), "x"), 0);
	EXPECT_ERRNO(readlink(f, buf, sizeof(buf)), EINVAL);	/* not a link */
	EXPECT_ERRNO(readlink(at(buf, "missing"), buf, sizeof(buf)), ENOENT);
	EXPECT_ERRNO(symlink("x", l), EEXIST);
	EXPECT_ERRNO(symlink("x", f), EEXIST);
	unlink(l);
	unlink(f);
}

static void t_symlink_resolution(void)
{
	char d[PATH_MAX], f[PATH_MAX], l[PATH_MAX], p[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
	int fd;

	ASSERT_EQ(mkdir(at(d, "sd"), 0755), 0);
	ASSERT_EQ(make_file(at(f, "sd/file"), "x"), 0);
	/* A relative target is resolved from the link's directory. */
	ASSERT_EQ(symlink("sd", at(l, "sdlink")), 0);
	fd = open(at(p, "sdlink/file"), O_RDONLY);
	EXPECT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(symlink("nowhere", at(p, "dangling")), 0);
	EXPECT_ERRNO(open(p, O_RDONLY), ENOENT);
	unlink(p);
	ASSERT_EQ(symlink("loopb", at(a, "loopa")), 0);
	ASSERT_EQ(symlink("loopa", at(b, "loopb")), 0);
	EXPECT_ERRNO(open(a, O_RDONLY), ELOOP);
	unlink(a);
	unlink(b);
	unlink(l);
	unlink(f);
	rmdir(d);
}

/* Removes what a failed case may have left in @path, then @path. */
static void remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *d;
	char child[PATH_MAX];

	while (dir && (d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
		if (d->d_type == DT_DIR)
			remove_tree(child);
		else
			unlink(child);
	}
	if (dir)
		closedir(dir);
	rmdir(path);
}

int main(void)
{
	int status;

	umask(022);
	snprintf(base, sizeof(base), "/tmp/fs_dirs.%d", getpid());
	if (mkdir(base, 0755)) {
		printf("# cannot create %s: %s\n", base, strerror(errno));
		return 1;
	}
	status = ktap_run(KTAP_CASES(t_mkdir_creates_directory, t_mkdir_errors,
		t_name_too_long, t_dir_link_count_follows_subdirs, t_rmdir, t_unlink,
		t_unlinked_open_file_lives_on, t_rename_file_over_file,
		t_rename_directory, t_rename_errors, t_renames_both_ways_at_once_finish,
		t_renameat2_flag_errors, t_renameat2_noreplace, t_renameat2_exchange,
		t_renameat2_whiteout,
		t_getdents64_lists_entries,
		t_getdents64_errors, t_chdir_getcwd, t_getcwd_erange,
		t_symlink_readlink, t_symlink_resolution));
	remove_tree(base);
	return status;
}
