/*
 * user/include/procfs.h: reading processes out of /proc, for init's test
 * runner (which processes a test left behind) and pstree.
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
	int pgrp;
};

/*
 * Parses a stat file, /proc/PID/stat or /proc/PID/task/TID/stat: "PID
 * (COMM) S PPID PGRP ...".  COMM may itself hold spaces and parentheses,
 * so it ends at the last ')' of the line.
 */
static inline int proc_read_stat_path(const char *path, struct proc_stat *st)
{
	char buf[512];
	char *open_paren, *close_paren;
	size_t len;

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
	st->pid = atoi(buf);
	return sscanf(close_paren + 1, " %c %d %d", &st->state, &st->ppid, &st->pgrp) == 3 ? 0 : -1;
}

static inline int proc_read_stat(int pid, struct proc_stat *st)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	return proc_read_stat_path(path, st);
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

/* The inode number of /proc/PID/ns/TYPE ("ipc:[4026531839]"), or 0 if it cannot be read. */
static inline unsigned long proc_ns_inode(int pid, const char *type)
{
	char path[64], link[64];
	ssize_t len;
	const char *bracket;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, type);
	len = readlink(path, link, sizeof(link) - 1);
	if (len < 0)
		return 0;
	link[len] = '\0';
	bracket = strchr(link, '[');
	return bracket ? strtoul(bracket + 1, NULL, 10) : 0;
}

/*
 * The pid of @pid at each pid-namespace level, from the NSpid: line of
 * /proc/PID/status: "NSpid:\t4107\t42\t1" becomes "4107/42/1" (4107 as
 * the reader's namespace sees it, 1 in the process's own); "-" if unknown.
 */
static inline void proc_nspid(int pid, char *out, size_t size)
{
	char path[64], status[4096];
	char *line, *end;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	snprintf(out, size, "-");
	if (read_file(path, status, sizeof(status)) < 0 || !(line = strstr(status, "\nNSpid:")))
		return;
	line += strlen("\nNSpid:");
	line += strspn(line, "\t ");
	end = strchr(line, '\n');
	if (end)
		*end = '\0';
	for (char *p = line; *p; p++)
		if (*p == '\t')
			*p = '/';
	snprintf(out, size, "%s", line);
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
