/*
 * fs/file_table.c: struct file, an open instance of an inode.
 *
 * A file is shared by every descriptor that dup() or fork() made from
 * the same open(); the last fput() closes it (release), dropping its
 * path and credentials.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/eventpoll.h>

static struct kmem_cache *filp_cachep;

struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kmem_cache_zalloc(filp_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	atomic_long_add(1, &f->f_count);
	f->f_path = *path;
	path_get(path);
	f->f_inode = path->dentry->d_inode;
	f->f_op = fop;
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	f->f_mode = FMODE_LSEEK | FMODE_PREAD;
	if ((flags & O_ACCMODE) != O_WRONLY)
		f->f_mode |= FMODE_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		f->f_mode |= FMODE_WRITE;
	if (f->f_inode && (S_ISREG(f->f_inode->i_mode) || S_ISDIR(f->f_inode->i_mode)))
		f->f_mode |= FMODE_ATOMIC_POS;	/* Linux's do_dentry_open */
	if (flags & O_PATH)
		f->f_mode = FMODE_PATH;
	mutex_init(&f->f_pos_lock);
	spin_lock_init(&f->f_owner.lock);
	spin_lock_init(&f->f_lock);
	INIT_LIST_HEAD(&f->f_ep_links);
	f->f_cred = get_cred(current_cred());
	return f;
}

struct file *get_file(struct file *f)
{
	atomic_long_add(1, &f->f_count);
	return f;
}

void fput(struct file *f)
{
	atomic_long_sub(1, &f->f_count);
	if (atomic_long_read(&f->f_count))
		return;
	if ((f->f_flags & FASYNC) && f->f_op && f->f_op->fasync)
		f->f_op->fasync(-1, f, 0);	/* off its object's list before it goes */
	eventpoll_release(f);			/* out of every epoll set */
	locks_remove_file(f);
	if (f->f_op && f->f_op->release && !(f->f_mode & FMODE_PATH))
		f->f_op->release(f->f_inode, f);
	put_pid(f->f_owner.pid);
	path_put(&f->f_path);
	put_cred(f->f_cred);
	kmem_cache_free(filp_cachep, f);
}

static struct file *__fget(unsigned int fd, bool allow_path)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	spin_lock(&files->file_lock);
	if (fd < files->max_fds && files->fd[fd]) {
		f = files->fd[fd];
		if ((f->f_mode & FMODE_PATH) && !allow_path)
			f = NULL;
		else
			get_file(f);
	}
	spin_unlock(&files->file_lock);
	return f;
}

/* The open file behind @fd with a reference, or NULL (an O_PATH one does not count). */
struct file *fget(unsigned int fd)
{
	return __fget(fd, false);
}

struct file *fget_raw(unsigned int fd)
{
	return __fget(fd, true);
}

/*
 * The path behind @fd with its own reference, for the f-calls that act
 * on it as their path twins do (fchdir, fchmod, fchown, fstat).  @raw: an
 * O_PATH descriptor counts.  0, or EBADF.
 */
int fd_path(unsigned int fd, bool raw, struct path *p)
{
	struct file *f = __fget(fd, raw);

	if (!f)
		return -EBADF;
	*p = f->f_path;
	path_get(p);
	fput(f);
	return 0;
}

void files_cache_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL);
}
