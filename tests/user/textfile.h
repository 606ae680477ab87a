/*
 * tests/user/textfile.h: whole reads and writes for the tests: a pipe's
 * bytes until its end, /proc files small enough for one buffer, and the
 * output of a program the test runs (run_output).
 */
#ifndef TEXTFILE_H
#define TEXTFILE_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
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

/*
 * Runs @argv with stdin on /dev/null and keeps what it writes to stdout
 * (and to stderr too, with @with_stderr), NUL-terminated, in @out: its
 * wait status, or -1.  With @envp NULL it gets our environment and is
 * found through $PATH; else it runs with @envp, from its path.  A program
 * that cannot be executed exits 127, as from a shell.
 */
static inline int run_capture(char *const argv[], char *const envp[], int with_stderr,
			      char *out, size_t size)
{
	int fds[2], status = -1;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(fds[1], 1);
		if (with_stderr)
			dup2(fds[1], 2);
		close(fds[0]);
		if (envp)
			execve(argv[0], argv, envp);
		else
			execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	n = pid < 0 ? -1 : read_full(fds[0], out, size - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return pid < 0 ? -1 : status;
}

/* run_capture of stdout alone, in our environment: what most tests want. */
static inline int run_output(char *const argv[], char *out, size_t size)
{
	return run_capture(argv, NULL, 0, out, size);
}

#endif
