/*
 * user/include/copyfile.h: copying a regular file and naming a target in a
 * directory, shared by cp and by mv (which copies when rename(2) fails with
 * EXDEV, the source and target being on different file systems).
 *
 * Errors are printed here, as "PROG: FILE: strerror" naming the file that
 * failed; the callers only see -1.
 */
#ifndef USER_COPYFILE_H
#define USER_COPYFILE_H

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Is path an existing directory (following symlinks)? */
static inline int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* DIR/NAME, NAME the last component of src ("a/b/" gives "b"); -1 if too long. */
static inline int path_in_dir(char *buf, size_t size, const char *dir, const char *src)
{
	size_t len = strlen(src);
	const char *name;
	int n;

	while (len > 1 && src[len - 1] == '/')
		len--;
	name = src + len;
	while (name > src && name[-1] != '/')
		name--;
	n = snprintf(buf, size, "%s%s%.*s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
		     (int)(len - (name - src)), name);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		warn("%s/%s", dir, name);
		return -1;
	}
	return 0;
}

/*
 * Copies the regular file src (whose stat is sst) to dst: dst is created
 * with src's permission bits (less the umask), or truncated if it exists.
 * Refuses a dst that is src itself, which truncating would destroy.
 * Returns the open dst (for the caller to fchmod or close), or -1.
 */
static inline int copy_file(const char *src, const struct stat *sst, const char *dst)
{
	char buf[16384];
	struct stat dst_st;
	int in, out;
	ssize_t n;

	if (stat(dst, &dst_st) == 0 && dst_st.st_dev == sst->st_dev &&
	    dst_st.st_ino == sst->st_ino) {
		warnx("'%s' and '%s' are the same file", src, dst);
		return -1;
	}
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		warn("%s", src);
		return -1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, sst->st_mode & 07777);
	if (out < 0) {
		warn("%s", dst);
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t done = 0; done < n; ) {
			ssize_t w = write(out, buf + done, n - done);

			if (w < 0) {
				warn("%s", dst);
				goto fail;
			}
			done += w;
		}
	}
	if (n < 0) {
		warn("%s", src);
		goto fail;
	}
	close(in);
	return out;
fail:
	close(in);
	close(out);
	return -1;
}

#endif
