/*
 * user/include/procfs.h: reading processes out of /proc, for ps and lsns.
 *
 * Everything a process-listing tool knows about a task comes from text
 * files under /proc/PID; these helpers turn the few it needs into C values.
 */
#ifndef USER_PROCFS_H
#define USER_PROCFS_H

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads a whole (small) file into buf, NUL-terminated; returns its length or -1. */
static inline ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return n < 0 ? -1 : (ssize_t)len;
}

/* The fields of /proc/PID/stat that the tools show. */
struct proc_stat {
	int pid;
	char comm[64];
	char state;
	int ppid;
};

/*
 * Parses /proc/PID/stat: "PID (COMM) S PPID ...".  COMM may itself hold
 * spaces and parentheses, so it ends at the last ')' of the line.
 */
static inline int proc_read_stat(int pid, struct proc_stat *st)
{
	char path[64], buf[512];
	char *open_paren, *close_paren;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	len = close_paren - open_paren - 1;
	if (len >= sizeof(st->comm))
		len = sizeof(st->comm) - 1;
	memcpy(st->comm, open_paren + 1, len);
	st->comm[len] = '\0';
	st->pid = pid;
	return sscanf(close_paren + 1, " %c %d", &st->state, &st->ppid) == 2 ? 0 : -1;
}

/*
 * Reads /proc/PID/cmdline with its NUL separators turned into spaces.
 * Returns its length: 0 for kernel threads and zombies, which have none.
 */
static inline size_t proc_cmdline(int pid, char *buf, size_t size)
{
	char path[64];
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	len = read_file(path, buf, size);
	if (len <= 0) {
		buf[0] = '\0';
		return 0;
	}
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	for (ssize_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[len] = '\0';
	return len;
}

static inline int proc_compare_pids(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Lists the processes in /proc, in increasing pid order (readdir gives
 * no order).  Returns how many were found, with the array in *pids
 * (malloc'd), or -1 if /proc cannot be read.
 */
static inline int proc_list_pids(int **pids)
{
	DIR *dir = opendir("/proc");
	struct dirent *de;
	int n = 0, cap = 0;

	*pids = NULL;
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (n == cap) {
			int *bigger = realloc(*pids, 2 * (cap + 32) * sizeof(**pids));

			if (!bigger) {
				closedir(dir);
				return -1;
			}
			*pids = bigger;
			cap = 2 * (cap + 32);
		}
		(*pids)[n++] = atoi(de->d_name);
	}
	closedir(dir);
	if (n > 1)
		qsort(*pids, n, sizeof(**pids), proc_compare_pids);
	return n;
}

#endif
