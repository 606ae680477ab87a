/* include/linux/pipe_fs_i.h: pipes and fifos (fs/pipe.c). */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/wait.h>
#include <linux/mutex.h>

#define PIPE_BUFFERS	16		/* 64 KiB, Linux's default pipe size */
#define PIPE_BUF	4096		/* writes up to this size are atomic (POSIX) */

struct page;
struct fasync_struct;

struct pipe_inode_info {
	struct mutex mutex;		/* protects everything below */
	wait_queue_head_t rd_wait;	/* readers wait for data */
	wait_queue_head_t wr_wait;	/* writers wait for room */
	struct page *bufs[PIPE_BUFFERS];
	unsigned int head, len;		/* a byte ring: data starts at head */
	unsigned int readers, writers;	/* open ends */
	unsigned int r_counter, w_counter;	/* opens ever, so a fifo open knows it was met */
	unsigned int files;		/* open files on it; under the inode's i_lock, not mutex */
	struct fasync_struct *fasync_readers;	/* O_ASYNC readers: SIGIO POLL_IN on a write */
	struct fasync_struct *fasync_writers;	/* O_ASYNC writers: SIGIO POLL_OUT on a read */
};

extern const struct file_operations pipefifo_fops;
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
void free_pipe_info(struct pipe_inode_info *pipe);

#endif
