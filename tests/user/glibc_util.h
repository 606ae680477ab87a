/*
 * glibc_util.h: what the glibc_* tests share.  Each is built twice, as a
 * dynamic program (NAME) and a static one (NAME_static).
 */
#ifndef GLIBC_UTIL_H
#define GLIBC_UTIL_H

#include <string.h>
#include <unistd.h>

/* The dynamic build's path: this program's, without "_static". */
static inline void dynamic_build(char *path, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", path, size - 1);
	size_t len;

	path[n > 0 ? n : 0] = '\0';
	len = strlen(path);
	if (len > 7 && !strcmp(path + len - 7, "_static"))
		path[len - 7] = '\0';
}

#endif
