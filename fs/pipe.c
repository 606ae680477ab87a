/*
 * fs/pipe.c: pipes and fifos.
 *
 * A pipe is a 64 KiB byte ring (16 pages, allocated as data arrives)
 * with a count of open read and write ends.  Reads wait for data and see
 * end-of-file once no writer is left; writes wait for room, and with no
 * reader left get SIGPIPE and EPIPE.  A write of at most PIPE_BUF bytes
 * is never interleaved with another (POSIX atomicity).
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/mount.h>
#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/syscalls.h>
#include <linux/err.h>
#include <linux/cred.h>

#define PIPE_SIZE	(PIPE_BUFFERS * PAGE_SIZE)

static struct vfsmount *pipe_mnt;

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	return pipe;
}

void free_pipe_info(struct pipe_inode_info *pipe)
{
	int i;

	for (i = 0; i < PIPE_BUFFERS; i++)
		if (pipe->bufs[i])
			__free_pages(pipe->bufs[i], 0);
	kfree(pipe);
}

/*
 * Copies between the ring at @pos (modulo its size) and memory: into the
 * user buffer @ubuf, or out of @from when writing.  Returns what it did.
 */
static size_t pipe_copy(struct pipe_inode_info *pipe, unsigned int pos, char *ubuf,
			struct iov_iter *from, size_t n)
{
	size_t done = 0, chunk, copied;
	unsigned int idx, off;
	char *page;

	while (done < n) {
		pos %= PIPE_SIZE;
		idx = pos / PAGE_SIZE;
		off = pos % PAGE_SIZE;
		chunk = min(n - done, PAGE_SIZE - off);
		if (!pipe->bufs[idx] && !(pipe->bufs[idx] = alloc_page(GFP_KERNEL)))
			break;
		page = page_address(pipe->bufs[idx]);
		copied = from ? copy_from_iter(page + off, chunk, from)
			      : chunk - copy_to_user(ubuf + done, page + off, chunk);
		done += copied;
		pos += copied;
		if (copied < chunk)
			break;
	}
	return done;
}

static ssize_t pipe_read(struct file *f, char *ubuf, size_t n, loff_t *ppos)
{
	struct pipe_inode_info *pipe = f->private_data;
	ssize_t ret;
	size_t done;

	(void)ppos;
	if (!n)
		return 0;
	mutex_lock(&pipe->mutex);
	while (!pipe->len) {
		ret = 0;
		if (!pipe->writers)
			goto out;		/* end of file */
		ret = -EAGAIN;
		if (f->f_flags & O_NONBLOCK)
			goto out;
		mutex_unlock(&pipe->mutex);
		kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT);
		ret = wait_event_interruptible(pipe->rd_wait,
					       READ_ONCE(pipe->len) || !READ_ONCE(pipe->writers));
		if (ret)
			return -ERESTARTSYS;
		mutex_lock(&pipe->mutex);
	}
	done = pipe_copy(pipe, pipe->head, ubuf, NULL, min(n, (size_t)pipe->len));
	pipe->head = (pipe->head + done) % PIPE_SIZE;
	pipe->len -= done;
	ret = done ? (ssize_t)done : -EFAULT;
	wake_up_interruptible(&pipe->wr_wait);
out:
	mutex_unlock(&pipe->mutex);
	/* as Linux: the writers' O_ASYNC owners hear of every read (our file keeps the pipe) */
	kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT);
	return ret;
}

/* Room for a write of @n: all of it if it must be atomic, else any. */
static bool pipe_room(struct pipe_inode_info *pipe, size_t n)
{
	size_t room = PIPE_SIZE - pipe->len;

	return n <= PIPE_BUF ? room >= n : room > 0;
}

static ssize_t pipe_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *f = iocb->ki_filp;
	struct pipe_inode_info *pipe = f->private_data;
	size_t n = iov_iter_count(from), done = 0, chunk, copied;
	ssize_t ret = 0;

	mutex_lock(&pipe->mutex);
	while (done < n) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			ret = -EPIPE;
			break;
		}
		if (!pipe_room(pipe, n - done)) {
			ret = -EAGAIN;
			if (f->f_flags & O_NONBLOCK)
				break;
			mutex_unlock(&pipe->mutex);
			kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN);
			ret = wait_event_interruptible(pipe->wr_wait,
				pipe_room(pipe, n - done) || !READ_ONCE(pipe->readers));
			mutex_lock(&pipe->mutex);
			if (ret) {
				ret = -ERESTARTSYS;
				break;
			}
			continue;
		}
		chunk = min(n - done, (size_t)(PIPE_SIZE - pipe->len));
		copied = pipe_copy(pipe, pipe->head + pipe->len, NULL, from, chunk);
		pipe->len += copied;
		done += copied;
		wake_up_interruptible(&pipe->rd_wait);
		if (copied < chunk) {
			ret = -EFAULT;
			break;
		}
	}
	mutex_unlock(&pipe->mutex);
	kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN);
	return done ? (ssize_t)done : ret;
}

static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &pipe->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &pipe->wr_wait, pt);
	if ((f->f_mode & FMODE_READ) && pipe->len)
		mask |= POLLIN | POLLRDNORM;
	if ((f->f_mode & FMODE_READ) && !pipe->writers && pipe->w_counter)
		mask |= POLLHUP;
	if ((f->f_mode & FMODE_WRITE) && PIPE_SIZE - pipe->len >= PIPE_BUF)
		mask |= POLLOUT | POLLWRNORM;
	if ((f->f_mode & FMODE_WRITE) && !pipe->readers)
		mask |= POLLERR;
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;

	if (cmd != 0x541B)		/* FIONREAD */
		return -ENOTTY;
	return put_user((int)pipe->len, (int *)arg);
}

/*
 * Drops one file's hold on @pipe; the last one frees it (Linux's
 * put_pipe_info).  The count lives apart from readers and writers, under
 * the inode's i_lock, because a releaser still uses the pipe after its
 * decrement: it must not matter which of two releasers finishes first.
 */
static void put_pipe_info(struct inode *inode, struct pipe_inode_info *pipe)
{
	bool last;

	spin_lock(&inode->i_lock);
	last = !--pipe->files;
	if (last)
		inode->i_pipe = NULL;
	spin_unlock(&inode->i_lock);
	if (last)
		free_pipe_info(pipe);
}

/*
 * Closes one end (Linux's pipe_release).  The wake-ups happen under the
 * mutex: once it is dropped another releaser may be the last and free
 * the pipe (mutex_unlock hands the mutex to a waiter, which may run at
 * once), so nothing of @pipe is touched after it but its files count.
 */
static void pipe_put_end(struct inode *inode, struct pipe_inode_info *pipe, unsigned int mode)
{
	mutex_lock(&pipe->mutex);
	if (mode & FMODE_READ)
		pipe->readers--;
	if (mode & FMODE_WRITE)
		pipe->writers--;
	wake_up_interruptible_all(&pipe->rd_wait);
	wake_up_interruptible_all(&pipe->wr_wait);
	if (!pipe->readers != !pipe->writers) {	/* the last of one side went */
		kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN);
		kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT);
	}
	mutex_unlock(&pipe->mutex);
	put_pipe_info(inode, pipe);
}

static int pipe_release(struct inode *inode, struct file *f)
{
	pipe_put_end(inode, f->private_data, f->f_mode);
	return 0;
}

/*
 * The fifo's pipe, made on first open; a second opener that raced us
 * here takes the one that won (Linux's fifo_open does the same dance).
 */
static struct pipe_inode_info *fifo_get_pipe(struct inode *inode)
{
	struct pipe_inode_info *pipe, *made;

	spin_lock(&inode->i_lock);
	pipe = inode->i_pipe;
	if (pipe)
		pipe->files++;
	spin_unlock(&inode->i_lock);
	if (pipe)
		return pipe;
	made = alloc_pipe_info();
	if (!made)
		return NULL;
	made->files = 1;
	spin_lock(&inode->i_lock);
	pipe = inode->i_pipe;
	if (pipe)
		pipe->files++;
	else
		pipe = inode->i_pipe = made;
	spin_unlock(&inode->i_lock);
	if (pipe != made)
		free_pipe_info(made);
	return pipe;
}

/*
 * A fifo's open waits for the other end, as POSIX says (and Linux's
 * fifo_open).  A pipe's inode reopened through /proc/PID/fd/N does not
 * wait, nor fail with ENXIO: its other end may be gone for good, and
 * Linux skips both for pipefs inodes (is_pipe).
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = fifo_get_pipe(inode);
	bool is_pipe = inode->i_sb->s_magic == PIPEFS_MAGIC;
	unsigned int counter;
	int ret = 0;

	if (!pipe)
		return -ENOMEM;
	f->private_data = pipe;
	mutex_lock(&pipe->mutex);
	switch (f->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		pipe->readers++;
		counter = pipe->w_counter;
		wake_up_interruptible_all(&pipe->wr_wait);
		if (!is_pipe && !pipe->writers && !(f->f_flags & O_NONBLOCK)) {
			mutex_unlock(&pipe->mutex);
			ret = wait_event_interruptible(pipe->rd_wait, pipe->w_counter != counter);
			mutex_lock(&pipe->mutex);
		}
		break;
	case FMODE_WRITE:
		if (!is_pipe && (f->f_flags & O_NONBLOCK) && !pipe->readers) {
			ret = -ENXIO;
			break;
		}
		pipe->w_counter++;
		pipe->writers++;
		counter = pipe->r_counter;
		wake_up_interruptible_all(&pipe->rd_wait);
		if (!is_pipe && !pipe->readers) {
			mutex_unlock(&pipe->mutex);
			ret = wait_event_interruptible(pipe->wr_wait, pipe->r_counter != counter);
			mutex_lock(&pipe->mutex);
		}
		break;
	default:
		pipe->readers++;
		pipe->writers++;
		pipe->r_counter++;
		pipe->w_counter++;
	}
	mutex_unlock(&pipe->mutex);
	if (ret == -ENXIO) {
		put_pipe_info(inode, pipe);
		return ret;
	}
	if (ret) {
		pipe_release(inode, f);
		return -ERESTARTSYS;
	}
	return 0;
}

/* O_ASYNC: each end of the file goes on its list (Linux's pipe_fasync). */
static int pipe_fasync(int fd, struct file *filp, int on)
{
	struct pipe_inode_info *pipe = filp->private_data;
	int ret = 0;

	mutex_lock(&pipe->mutex);
	if (filp->f_mode & FMODE_READ)
		ret = fasync_helper(fd, filp, on, &pipe->fasync_readers);
	if ((filp->f_mode & FMODE_WRITE) && ret >= 0) {
		ret = fasync_helper(fd, filp, on, &pipe->fasync_writers);
		if (ret < 0 && (filp->f_mode & FMODE_READ))
			fasync_helper(-1, filp, 0, &pipe->fasync_readers);	/* only when on */
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

const struct file_operations pipefifo_fops = {
	.open		= fifo_open,
	.read		= pipe_read,
	.write_iter	= pipe_write_iter,
	.llseek		= no_llseek,
	.poll		= pipe_poll,
	.ioctl		= pipe_ioctl,
	.release	= pipe_release,
	.fasync		= pipe_fasync,
	.fop_flags	= FOP_ITER_READ,
};

/* The two files of a new pipe, on an inode of the internal pipefs. */
/* One end of a new pipe: a file on @path whose release closes that end. */
static struct file *pipe_file(const struct path *path, int flags)
{
	struct file *f = alloc_file(path, flags, &pipefifo_fops);

	if (f)
		f->private_data = path->dentry->d_inode->i_pipe;
	return f;
}

static int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb);
	struct pipe_inode_info *pipe;
	struct path path;
	int err = -ENOMEM;

	if (!inode)
		return err;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	inode->i_fop = &pipefifo_fops;
	inode->i_pipe = alloc_pipe_info();
	if (!inode->i_pipe)
		goto out_inode;
	pipe = inode->i_pipe;
	pipe->readers = pipe->writers = 1;
	pipe->r_counter = pipe->w_counter = 1;
	pipe->files = 2;
	path.mnt = pipe_mnt;
	path.dentry = d_alloc(NULL, "pipe:", 5);
	if (!path.dentry)
		goto out_pipe;
	path.dentry->d_sb = pipe_mnt->mnt_sb;
	d_instantiate(path.dentry, inode);	/* the dentry holds the inode now */
	res[0] = pipe_file(&path, O_RDONLY | (flags & O_NONBLOCK));
	res[1] = pipe_file(&path, O_WRONLY | (flags & O_NONBLOCK));
	if (!res[0] || !res[1])
		goto out_files;
	dput(path.dentry);
	return 0;

out_files:			/* an end never made gives up its hold itself */
	if (!res[0])
		pipe_put_end(inode, pipe, FMODE_READ);
	if (!res[1])
		pipe_put_end(inode, pipe, FMODE_WRITE);
	if (res[0])
		fput(res[0]);
	if (res[1])
		fput(res[1]);
	dput(path.dentry);
	return -ENOMEM;
out_pipe:
	free_pipe_info(pipe);
	inode->i_pipe = NULL;
out_inode:
	iput(inode);
	return err;
}

static long do_pipe2(int *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(flags);
	if (fd[1] < 0) {
		err = fd[1];
		goto out;
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		err = -EFAULT;
		goto out;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
out:
	if (fd[0] >= 0)
		put_unused_fd(fd[0]);
	if (fd[1] >= 0 && fd[1] != fd[0])
		put_unused_fd(fd[1]);
	fput(files[0]);
	fput(files[1]);
	return err;
}

SYSCALL_DEFINE2(pipe2, int *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int *, fildes)
{
	return do_pipe2(fildes, 0);
}

static int pipefs_fill_super(struct super_block *sb, void *data)
{
	(void)data;
	sb->s_magic = PIPEFS_MAGIC;
	sb->s_op = &simple_super_operations;
	sb->s_flags |= SB_NOUSER;	/* pipes live only in kern_mount's instance (init_pseudo) */
	return 0;
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs", .fill_super = pipefs_fill_super,
};

void init_pipe_fs(void)
{
	register_filesystem(&pipe_fs_type);
	pipe_mnt = kern_mount(&pipe_fs_type, NULL);
	if (IS_ERR(pipe_mnt))
		panic("Cannot create pipefs");
}
