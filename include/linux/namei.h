/* include/linux/namei.h: path lookup flags and helpers (fs/namei.c). */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H

#include <linux/fs.h>

#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the result must be a directory */
#define LOOKUP_EMPTY		0x4000	/* "" names the starting point (AT_EMPTY_PATH) */

/* The parent of a name, with the last component, for create/unlink/rename. */
struct nameparent {
	struct path parent;
	const char *last;
	int last_len;
	bool trailing_slash;
};

/*
 * The lookup an *at() call's AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH ask
 * for, as each of Linux's *at() calls computes it.
 */
static inline unsigned int at_lookup_flags(int at_flags)
{
	return (at_flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
	       (at_flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
}

int user_path_parent(int dfd, const char *kname, struct nameparent *np);
void put_nameparent(struct nameparent *np);
int filename_lookup(int dfd, const char *kname, unsigned int flags, struct path *path);
int may_create(struct inode *dir);
int may_delete(struct inode *dir, struct dentry *victim, bool isdir);

#endif
