/*
 * user/include/userdb.h: user and group names from /etc/passwd and /etc/group.
 *
 * The image has no name service: like busybox, the tools read the two
 * files themselves.  Both have the form "name:password:id:...", so one
 * parser serves both.
 */
#ifndef USER_USERDB_H
#define USER_USERDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Finds the name of @id in @file; NULL when no line has it. */
static inline const char *userdb_lookup(const char *file, unsigned id,
					char *name, size_t size)
{
	FILE *f = fopen(file, "re");
	char line[512];
	const char *found = NULL;

	if (!f)
		return NULL;
	while (!found && fgets(line, sizeof(line), f)) {
		char *colon1 = strchr(line, ':');
		char *colon2 = colon1 ? strchr(colon1 + 1, ':') : NULL;
		char *end;
		size_t len;

		if (!colon2 || strtoul(colon2 + 1, &end, 10) != id || *end != ':')
			continue;
		len = colon1 - line < (long)size ? (size_t)(colon1 - line) : size - 1;
		memcpy(name, line, len);
		name[len] = '\0';
		found = name;
	}
	fclose(f);
	return found;
}

static inline const char *user_name(unsigned uid, char *name, size_t size)
{
	return userdb_lookup("/etc/passwd", uid, name, size);
}

static inline const char *group_name(unsigned gid, char *name, size_t size)
{
	return userdb_lookup("/etc/group", gid, name, size);
}

/* The user's name, or its number when /etc/passwd has no such user. */
static inline const char *user_name_or_id(unsigned uid, char *buf, size_t size)
{
	if (!user_name(uid, buf, size))
		snprintf(buf, size, "%u", uid);
	return buf;
}

static inline const char *group_name_or_id(unsigned gid, char *buf, size_t size)
{
	if (!group_name(gid, buf, size))
		snprintf(buf, size, "%u", gid);
	return buf;
}

#endif
