/*
 * tests/user/textfile.h: whole reads and writes for the tests: a pipe's
 * bytes until its end, and /proc files small enough for one buffer.
 */
#ifndef TEXTFILE_H
#define TEXTFILE_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Reads until @size bytes or end of file (EINTR retried): how many came. */
static inline ssize_t read_full(int fd, void *buf, size_t size)
{
	size_t done = 0;

	while (done < size) {
		ssize_t n = read(fd, (char *)buf + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += n;
	}
	return done;
}

/* Reads a small file into @buf (NUL-terminated): its length or -errno. */
static inline ssize_t read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read_full(fd, buf, size - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return n;
}

/* Writes @text to @path in one write(2): 0 or -errno. */
static inline int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = -errno;
	close(fd);
	return err;
}

/* The number after "@field" (as "MemTotal:") in the text file @path, in kB; 0 if absent. */
static inline unsigned long proc_kb(const char *path, const char *field)
{
	char text[4096], *line;
	unsigned long kb = 0;

	if (read_text(path, text, sizeof(text)) > 0 && (line = strstr(text, field)))
		sscanf(line + strlen(field), " %lu", &kb);
	return kb;
}

#endif
