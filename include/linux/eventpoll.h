/*
 * include/linux/eventpoll.h: what the rest of the kernel knows of epoll
 * (fs/eventpoll.c): a file going away leaves every epoll set watching it,
 * and kcmp asks which file a set watches.
 */
#ifndef _LINUX_EVENTPOLL_H
#define _LINUX_EVENTPOLL_H

#include <linux/fs.h>

void eventpoll_release_file(struct file *file);
struct file *get_epoll_tfile_raw_ptr(struct file *file, int tfd, unsigned long toff);

/*
 * From fput, when the last reference to @file goes: nobody else can add
 * it to a set now (that takes a reference), so an empty list stays empty.
 */
static inline void eventpoll_release(struct file *file)
{
	if (list_empty(&file->f_ep_links))
		return;
	eventpoll_release_file(file);
}

#endif
