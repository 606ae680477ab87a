/*
 * fs_utimes: setting a file's times.  utimensat with explicit times (seconds
 * and nanoseconds read back by stat, the change time becoming now),
 * UTIME_NOW, UTIME_OMIT (both omitted: nothing is even looked up), no
 * times; AT_SYMLINK_NOFOLLOW changing a link and not its target; a NULL
 * path meaning the descriptor's file (futimens), an O_PATH one EBADF;
 * AT_EMPTY_PATH; EINVAL for a bad tv_nsec or flags, ENOENT, EBADF, EFAULT;
 * who may: explicit times need the owner or CAP_FOWNER (EPERM), "now"
 * also whoever may write (EACCES); and the older calls utimes, futimesat
 * (microseconds) and utime (seconds), through syscall() since libc makes
 * them utimensat.  Files live under /tmp and are removed by their case.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NOBODY 65534
#define WILD ((void *)1)	/* an address no process has mapped */

/* "/tmp/fs_utimes.<pid>.<name>" in @buf. */
static char *tmp(char *buf, const char *name)
{
	snprintf(buf, 64, "/tmp/fs_utimes.%d.%s", getpid(), name);
	return buf;
}

static int make_file(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	close(fd);
	return chmod(path, mode);	/* past the umask */
}

static int set_times(const char *path, long asec, long ansec, long msec, long mnsec, int flags)
{
	struct timespec ts[2] = { { asec, ansec }, { msec, mnsec } };

	return utimensat(AT_FDCWD, path, ts, flags);
}

/* @t is @sec seconds and @nsec nanoseconds exactly. */
#define EXPECT_TS(t, sec, nsec) do { \
	EXPECT_EQ((t).tv_sec, sec); \
	EXPECT_EQ((t).tv_nsec, nsec); \
} while (0)

static time_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec;
}

/* @t is within a second of the span [@before, @after] (kernels keep a coarse clock). */
#define EXPECT_NOWISH(t, before, after) do { \
	EXPECT_GE((t).tv_sec, (before) - 1); \
	EXPECT_LE((t).tv_sec, (after) + 1); \
} while (0)

static void t_explicit_times_round_trip_through_stat(void)
{
	char f[64];
	struct stat st;
	time_t before = now();

	ASSERT_EQ(make_file(tmp(f, "rt"), 0644), 0);
	EXPECT_EQ(set_times(f, 100, 123456789, 200, 987654321, 0), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 100, 123456789);
	EXPECT_TS(st.st_mtim, 200, 987654321);
	EXPECT_NOWISH(st.st_ctim, before, now());	/* the change itself is now */
	EXPECT_EQ(set_times(f, 0, 0, 999999999, 999999999, 0), 0);	/* the edges */
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 0, 0);
	EXPECT_TS(st.st_mtim, 999999999, 999999999);
	unlink(f);
}

static void t_utime_now_sets_the_current_time(void)
{
	char f[64];
	struct stat st;
	time_t before = now();

	ASSERT_EQ(make_file(tmp(f, "now"), 0644), 0);
	ASSERT_EQ(set_times(f, 100, 1, 200, 2, 0), 0);
	EXPECT_EQ(set_times(f, 0, UTIME_NOW, 0, UTIME_NOW, 0), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_NOWISH(st.st_atim, before, now());
	EXPECT_NOWISH(st.st_mtim, before, now());
	ASSERT_EQ(set_times(f, 100, 1, 200, 2, 0), 0);
	EXPECT_EQ(set_times(f, 555, UTIME_NOW, 300, 3, 0), 0);	/* tv_sec is ignored */
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_NOWISH(st.st_atim, before, now());
	EXPECT_TS(st.st_mtim, 300, 3);
	unlink(f);
}

static void t_utime_omit_leaves_that_time(void)
{
	char f[64], gone[64];
	struct stat st;

	ASSERT_EQ(make_file(tmp(f, "omit"), 0644), 0);
	ASSERT_EQ(set_times(f, 100, 1, 200, 2, 0), 0);
	EXPECT_EQ(set_times(f, 0, UTIME_OMIT, 300, 3, 0), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 100, 1);
	EXPECT_TS(st.st_mtim, 300, 3);
	EXPECT_EQ(set_times(f, 400, 4, 0, UTIME_OMIT, 0), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 400, 4);
	EXPECT_TS(st.st_mtim, 300, 3);
	/* Both omitted: success without a look at the name, or the flags. */
	EXPECT_EQ(set_times(tmp(gone, "no/such"), 0, UTIME_OMIT, 0, UTIME_OMIT, 0), 0);
	EXPECT_EQ(set_times(f, 0, UTIME_OMIT, 0, UTIME_OMIT, -1), 0);
	unlink(f);
}

static void t_null_times_set_both_to_now(void)
{
	char f[64];
	struct stat st;
	time_t before = now();

	ASSERT_EQ(make_file(tmp(f, "null"), 0644), 0);
	ASSERT_EQ(set_times(f, 100, 1, 200, 2, 0), 0);
	EXPECT_EQ(utimensat(AT_FDCWD, f, NULL, 0), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_NOWISH(st.st_atim, before, now());
	EXPECT_NOWISH(st.st_mtim, before, now());
	EXPECT_NOWISH(st.st_ctim, before, now());
	unlink(f);
}

static void t_directory_times_can_be_set(void)
{
	char d[64];
	struct stat st;

	ASSERT_EQ(mkdir(tmp(d, "dir"), 0755), 0);
	EXPECT_EQ(set_times(d, 100, 1, 200, 2, 0), 0);
	ASSERT_EQ(stat(d, &st), 0);
	EXPECT_TS(st.st_atim, 100, 1);
	EXPECT_TS(st.st_mtim, 200, 2);
	rmdir(d);
}

static void t_nofollow_changes_the_link_not_the_target(void)
{
	char f[64], l[64];
	struct stat st;

	ASSERT_EQ(make_file(tmp(f, "target"), 0644), 0);
	ASSERT_EQ(symlink(f, tmp(l, "link")), 0);
	ASSERT_EQ(set_times(f, 100, 1, 200, 2, 0), 0);
	EXPECT_EQ(set_times(l, 300, 3, 400, 4, AT_SYMLINK_NOFOLLOW), 0);
	ASSERT_EQ(lstat(l, &st), 0);
	EXPECT_TS(st.st_atim, 300, 3);
	EXPECT_TS(st.st_mtim, 400, 4);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 100, 1);
	EXPECT_TS(st.st_mtim, 200, 2);
	/* Without the flag the link is followed. */
	EXPECT_EQ(set_times(l, 500, 5, 600, 6, 0), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_mtim, 600, 6);
	ASSERT_EQ(lstat(l, &st), 0);
	EXPECT_TS(st.st_mtim, 400, 4);
	unlink(l);
	unlink(f);
}

static void t_null_path_means_the_descriptor(void)
{
	struct timespec ts[2] = { { 100, 1 }, { 200, 2 } };
	char f[64];
	struct stat st;
	int fd, pfd;

	ASSERT_EQ(make_file(tmp(f, "fd"), 0644), 0);
	fd = open(f, O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(syscall(SYS_utimensat, fd, NULL, ts, 0), 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_TS(st.st_atim, 100, 1);
	EXPECT_TS(st.st_mtim, 200, 2);
	ts[1].tv_sec = 300;
	EXPECT_EQ(futimens(fd, ts), 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_TS(st.st_mtim, 300, 2);
	/* No flags with a descriptor alone; AT_FDCWD is no file. */
	EXPECT_ERRNO(syscall(SYS_utimensat, fd, NULL, ts, AT_SYMLINK_NOFOLLOW), EINVAL);
	EXPECT_ERRNO(syscall(SYS_utimensat, AT_FDCWD, NULL, ts, 0), EFAULT);
	EXPECT_ERRNO(syscall(SYS_utimensat, 9999, NULL, ts, 0), EBADF);
	close(fd);

	/* An O_PATH descriptor names the file only through AT_EMPTY_PATH. */
	pfd = open(f, O_PATH);
	ASSERT_GE(pfd, 0);
	EXPECT_ERRNO(syscall(SYS_utimensat, pfd, NULL, ts, 0), EBADF);
	EXPECT_ERRNO(utimensat(pfd, "", ts, 0), ENOENT);
	ts[1].tv_sec = 400;
	EXPECT_EQ(utimensat(pfd, "", ts, AT_EMPTY_PATH), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_mtim, 400, 2);
	close(pfd);
	unlink(f);
}

static void t_a_pipe_keeps_its_times(void)
{
	struct timespec ts[2] = { { 100, 1 }, { 200, 2 } };
	struct stat st;
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(futimens(p[0], ts), 0);
	ASSERT_EQ(fstat(p[1], &st), 0);		/* the same inode */
	EXPECT_TS(st.st_atim, 100, 1);
	EXPECT_TS(st.st_mtim, 200, 2);
	close(p[0]);
	close(p[1]);
}

static void t_einval_for_bad_nsec_or_flags(void)
{
	char f[64];

	ASSERT_EQ(make_file(tmp(f, "inval"), 0644), 0);
	EXPECT_ERRNO(set_times(f, 0, 1000000000, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(set_times(f, 0, 0, 0, -1, 0), EINVAL);
	EXPECT_ERRNO(set_times(f, 0, UTIME_NOW + 1, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(set_times(f, 0, 0, 0, 0, 0x8000), EINVAL);
	EXPECT_ERRNO(set_times(f, 0, 0, 0, 0, AT_REMOVEDIR), EINVAL);
	EXPECT_ERRNO(utimensat(AT_FDCWD, f, NULL, AT_SYMLINK_FOLLOW), EINVAL);
	unlink(f);
}

static void t_enoent_for_a_missing_name(void)
{
	char f[64];

	EXPECT_ERRNO(utimensat(AT_FDCWD, tmp(f, "missing"), NULL, 0), ENOENT);
	EXPECT_ERRNO(set_times(f, 1, 0, 2, 0, 0), ENOENT);
	EXPECT_ERRNO(utimensat(AT_FDCWD, "", NULL, 0), ENOENT);
	EXPECT_ERRNO(syscall(SYS_utimes, f, NULL), ENOENT);
	EXPECT_ERRNO(syscall(SYS_utime, f, NULL), ENOENT);
}

static void t_efault_for_wild_pointers(void)
{
	char f[64];

	ASSERT_EQ(make_file(tmp(f, "fault"), 0644), 0);
	EXPECT_ERRNO(syscall(SYS_utimensat, AT_FDCWD, f, WILD, 0), EFAULT);
	EXPECT_ERRNO(syscall(SYS_utimensat, AT_FDCWD, WILD, NULL, 0), EFAULT);
	EXPECT_ERRNO(syscall(SYS_utimes, f, WILD), EFAULT);
	EXPECT_ERRNO(syscall(SYS_futimesat, AT_FDCWD, f, WILD), EFAULT);
	EXPECT_ERRNO(syscall(SYS_utime, f, WILD), EFAULT);
	unlink(f);
}

/* Files of root's, one anyone may write and one only root may; one of nobody's, read-only. */
static char open_file[64], closed_file[64], nobodys_file[64];

static void as_nobody(void)
{
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	struct timespec both_now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };

	ASSERT_EQ(setresgid(NOBODY, NOBODY, NOBODY), 0);
	ASSERT_EQ(setresuid(NOBODY, NOBODY, NOBODY), 0);
	/* Not the owner: explicit times are refused even to a writer. */
	EXPECT_ERRNO(set_times(open_file, 1, 0, 2, 0, 0), EPERM);
	EXPECT_ERRNO(utimensat(AT_FDCWD, open_file, now_omit, 0), EPERM);
	EXPECT_ERRNO(syscall(SYS_utimes, open_file, &(struct timeval[2]){ { 1, 0 }, { 2, 0 } }),
		     EPERM);
	/* ... but "now" is allowed to whoever may write. */
	EXPECT_EQ(utimensat(AT_FDCWD, open_file, NULL, 0), 0);
	EXPECT_EQ(utimensat(AT_FDCWD, open_file, both_now, 0), 0);
	EXPECT_ERRNO(utimensat(AT_FDCWD, closed_file, NULL, 0), EACCES);
	EXPECT_ERRNO(utimensat(AT_FDCWD, closed_file, both_now, 0), EACCES);
	EXPECT_ERRNO(syscall(SYS_utime, closed_file, NULL), EACCES);
	EXPECT_ERRNO(set_times(closed_file, 1, 0, 2, 0, 0), EPERM);
	/* The owner may do both, without write permission. */
	EXPECT_EQ(set_times(nobodys_file, 1, 0, 2, 0, 0), 0);
	EXPECT_EQ(utimensat(AT_FDCWD, nobodys_file, NULL, 0), 0);
}

static void t_who_may_set_times(void)
{
	struct stat st;

	if (geteuid() != 0)
		KTAP_SKIP("needs root to drop privileges");
	ASSERT_EQ(make_file(tmp(open_file, "open"), 0666), 0);
	ASSERT_EQ(make_file(tmp(closed_file, "closed"), 0644), 0);
	ASSERT_EQ(make_file(tmp(nobodys_file, "nobodys"), 0444), 0);
	ASSERT_EQ(chown(nobodys_file, NOBODY, NOBODY), 0);
	ASSERT_EQ(set_times(open_file, 100, 0, 200, 0, 0), 0);
	EXPECT_CHILD_OK(as_nobody);
	ASSERT_EQ(stat(open_file, &st), 0);
	EXPECT_GT(st.st_mtim.tv_sec, 200);	/* the child's "now" */
	/* Root has CAP_FOWNER over anyone's file. */
	EXPECT_EQ(set_times(nobodys_file, 7, 0, 8, 0, 0), 0);
	ASSERT_EQ(stat(nobodys_file, &st), 0);
	EXPECT_TS(st.st_mtim, 8, 0);
	unlink(open_file);
	unlink(closed_file);
	unlink(nobodys_file);
}

static void t_utimes_futimesat_and_utime_take_their_units(void)
{
	struct timeval tv[2] = { { 100, 500000 }, { 200, 250000 } };
	struct utimbuf ut = { 300, 400 };
	char f[64];
	struct stat st;
	time_t before = now();

	ASSERT_EQ(make_file(tmp(f, "old"), 0644), 0);
	EXPECT_EQ(syscall(SYS_utimes, f, tv), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 100, 500000000);
	EXPECT_TS(st.st_mtim, 200, 250000000);
	tv[1].tv_usec = 1;
	EXPECT_EQ(syscall(SYS_futimesat, AT_FDCWD, f, tv), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_mtim, 200, 1000);
	EXPECT_EQ(syscall(SYS_utime, f, &ut), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_TS(st.st_atim, 300, 0);
	EXPECT_TS(st.st_mtim, 400, 0);
	EXPECT_EQ(syscall(SYS_utimes, f, NULL), 0);
	ASSERT_EQ(stat(f, &st), 0);
	EXPECT_NOWISH(st.st_mtim, before, now());
	/* Microseconds are checked before they become nanoseconds. */
	tv[0].tv_usec = 1000000;
	EXPECT_ERRNO(syscall(SYS_utimes, f, tv), EINVAL);
	tv[0].tv_usec = -1;
	EXPECT_ERRNO(syscall(SYS_futimesat, AT_FDCWD, f, tv), EINVAL);
	tv[0].tv_usec = UTIME_NOW;
	EXPECT_ERRNO(syscall(SYS_utimes, f, tv), EINVAL);
	unlink(f);
}

int main(void)
{
	umask(022);
	return ktap_run(KTAP_CASES(t_explicit_times_round_trip_through_stat,
				   t_utime_now_sets_the_current_time,
				   t_utime_omit_leaves_that_time,
				   t_null_times_set_both_to_now,
				   t_directory_times_can_be_set,
				   t_nofollow_changes_the_link_not_the_target,
				   t_null_path_means_the_descriptor,
				   t_a_pipe_keeps_its_times,
				   t_einval_for_bad_nsec_or_flags,
				   t_enoent_for_a_missing_name,
				   t_efault_for_wild_pointers,
				   t_who_may_set_times,
				   t_utimes_futimesat_and_utime_take_their_units));
}
