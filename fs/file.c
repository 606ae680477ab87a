/*
 * fs/file.c: descriptor tables (files_struct).
 *
 * A descriptor is an index into fd[]; open_fds marks the used ones and
 * close_on_exec those to close at execve.  The lowest free descriptor is
 * always the one handed out (POSIX).  The first NR_OPEN_DEFAULT
 * descriptors' arrays are part of the files_struct (Linux's fd_array); the
 * table doubles when full, up to RLIMIT_NOFILE, itself at most fs.nr_open.
 * fork copies the table (sharing the open files) up to its last open
 * descriptor, in a table just big enough (Linux's count_open_files), and
 * CLONE_FILES shares the table itself.
 */
#include <linux/kernel.h>
#include <linux/fdtable.h>
#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/init.h>
#include <linux/proc_fs.h>

int sysctl_nr_open = 1024 * 1024;
#define NR_OPEN_MIN	BITS_PER_LONG
#define NR_OPEN_LIMIT	(INT_MAX & -BITS_PER_LONG)	/* Linux's sysctl_nr_open_max */

struct kmem_cache *files_cachep;	/* made by proc_caches_init, before the first fork */

struct files_struct init_files = {
	.count = ATOMIC_INIT(1),
	.file_lock = __SPIN_LOCK_UNLOCKED(init_files.file_lock),
	.max_fds = NR_OPEN_DEFAULT,
	.fd = init_files.fd_array,
	.open_fds = init_files.open_fds_init,
	.close_on_exec = init_files.close_on_exec_init,
};

/* Are @files' arrays still the ones inside it? */
static bool fdarrays_embedded(struct files_struct *files)
{
	return files->fd == files->fd_array;
}

/* A table with the embedded arrays, empty, for one user. */
static void files_init(struct files_struct *files)
{
	atomic_set(&files->count, 1);
	spin_lock_init(&files->file_lock);
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->open_fds = files->open_fds_init;
	files->close_on_exec = files->close_on_exec_init;
	files->next_fd = 0;
}

/* Allocates arrays for @nr descriptors; returns 0 or -ENOMEM. */
static int alloc_fdarrays(unsigned int nr, struct file ***fd, unsigned long **open,
			  unsigned long **cloexec)
{
	*fd = kcalloc(nr, sizeof(**fd), GFP_KERNEL);
	*open = kcalloc(BITS_TO_LONGS(nr), sizeof(long), GFP_KERNEL);
	*cloexec = kcalloc(BITS_TO_LONGS(nr), sizeof(long), GFP_KERNEL);
	if (*fd && *open && *cloexec)
		return 0;
	kfree(*fd);
	kfree(*open);
	kfree(*cloexec);
	return -ENOMEM;
}

static void free_fdarrays(struct files_struct *files)
{
	if (fdarrays_embedded(files))
		return;
	kfree(files->fd);
	kfree(files->open_fds);
	kfree(files->close_on_exec);
}

/* Grows the table so that @fd fits; called with file_lock held, which it drops meanwhile. */
static int expand_files(struct files_struct *files, unsigned int fd)
{
	unsigned int nr = files->max_fds, old = files->max_fds;
	unsigned long *open, *cloexec;
	struct file **fds;

	if (fd < nr)
		return 0;
	if (fd >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur || fd >= (unsigned int)READ_ONCE(sysctl_nr_open))
		return -EMFILE;
	while (nr <= fd)
		nr *= 2;
	spin_unlock(&files->file_lock);
	if (alloc_fdarrays(nr, &fds, &open, &cloexec)) {
		spin_lock(&files->file_lock);
		return -ENOMEM;
	}
	spin_lock(&files->file_lock);
	if (files->max_fds != old) {		/* someone else grew it meanwhile */
		kfree(fds);
		kfree(open);
		kfree(cloexec);
		return expand_files(files, fd);
	}
	memcpy(fds, files->fd, old * sizeof(*fds));
	memcpy(open, files->open_fds, BITS_TO_LONGS(old) * sizeof(long));
	memcpy(cloexec, files->close_on_exec, BITS_TO_LONGS(old) * sizeof(long));
	free_fdarrays(files);
	files->fd = fds;
	files->open_fds = open;
	files->close_on_exec = cloexec;
	files->max_fds = nr;
	return 1;
}

static int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned int fd;
	int err;

	spin_lock(&files->file_lock);
	for (;;) {
		fd = max(start, files->next_fd);
		fd = find_next_zero_bit(files->open_fds, files->max_fds, fd);
		err = -EMFILE;
		if (fd >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
			goto out;
		err = expand_files(files, fd);
		if (err < 0)
			goto out;
		if (!err)
			break;
	}
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	set_bit(fd, files->open_fds);
	if (flags & O_CLOEXEC)
		set_bit(fd, files->close_on_exec);
	else
		clear_bit(fd, files->close_on_exec);
	err = fd;
out:
	spin_unlock(&files->file_lock);
	return err;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, flags);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	clear_bit(fd, files->open_fds);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	__put_unused_fd(files, fd);
	spin_unlock(&files->file_lock);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	files->fd[fd] = file;
	spin_unlock(&files->file_lock);
}

/* Takes @fd out of the table; returns its file (the caller fputs it) or NULL. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;

	spin_lock(&files->file_lock);
	if (fd < files->max_fds && files->fd[fd]) {
		f = files->fd[fd];
		files->fd[fd] = NULL;
		__put_unused_fd(files, fd);
	}
	spin_unlock(&files->file_lock);
	return f;
}

int close_fd(unsigned int fd)
{
	struct file *f = pick_file(current->files, fd);

	if (!f)
		return -EBADF;
	return filp_close(f);
}

/* dup2/dup3/F_DUPFD's common part: put @file at @fd, closing what was there. */
int replace_fd(unsigned int fd, struct file *file, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err;

	spin_lock(&files->file_lock);
	err = expand_files(files, fd);
	if (err < 0) {
		spin_unlock(&files->file_lock);
		return err;
	}
	old = files->fd[fd];
	files->fd[fd] = get_file(file);
	set_bit(fd, files->open_fds);
	if (flags & O_CLOEXEC)
		set_bit(fd, files->close_on_exec);
	else
		clear_bit(fd, files->close_on_exec);
	spin_unlock(&files->file_lock);
	if (old)
		filp_close(old);
	return fd;
}

bool fd_is_cloexec(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool r;

	spin_lock(&files->file_lock);
	r = fd < files->max_fds && test_bit(fd, files->close_on_exec);
	spin_unlock(&files->file_lock);
	return r;
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	if (fd < files->max_fds) {
		if (on)
			set_bit(fd, files->close_on_exec);
		else
			clear_bit(fd, files->close_on_exec);
	}
	spin_unlock(&files->file_lock);
}

/*
 * The descriptors up to the last open one (Linux's count_open_files,
 * which rounds up to a word of open_fds).  Under file_lock.
 */
static unsigned int count_open_files(struct files_struct *files)
{
	unsigned int i = files->max_fds / BITS_PER_LONG;

	while (i && !files->open_fds[i - 1])
		i--;
	return i ? (i - 1) * BITS_PER_LONG + BITS_PER_LONG - __builtin_clzl(files->open_fds[i - 1]) :
		   0;
}

/* @new's arrays grown to hold @nr descriptors (a table not yet in use: no lock). */
static int dup_fd_grow(struct files_struct *new, unsigned int nr)
{
	unsigned long *open, *cloexec;
	struct file **fds;

	while (new->max_fds < nr)
		new->max_fds *= 2;	/* the sizes expand_files makes */
	if (alloc_fdarrays(new->max_fds, &fds, &open, &cloexec))
		return -ENOMEM;
	free_fdarrays(new);
	new->fd = fds;
	new->open_fds = open;
	new->close_on_exec = cloexec;
	return 0;
}

/*
 * A copy of @old sharing its open files (fork, unshare), as Linux's
 * dup_fd: only the descriptors up to the last open one are copied, into
 * a table just big enough.  A descriptor reserved but not installed yet
 * (another thread is in open) is free in the copy, so the search for a
 * free one starts at 0 (next_fd, as files_init left it).
 */
static struct files_struct *dup_fd(struct files_struct *old, int *errorp)
{
	struct files_struct *new = kmem_cache_alloc(files_cachep, GFP_KERNEL);
	unsigned int n, i, words;
	unsigned long set;

	*errorp = -ENOMEM;
	if (!new)
		return NULL;
	files_init(new);
	spin_lock(&old->file_lock);
	while ((n = count_open_files(old)) > new->max_fds) {
		spin_unlock(&old->file_lock);
		if (dup_fd_grow(new, n)) {
			free_fdarrays(new);
			kmem_cache_free(files_cachep, new);
			return NULL;
		}
		spin_lock(&old->file_lock);	/* old may have grown meanwhile */
	}
	words = BITS_TO_LONGS(n);	/* bits past n are clear in old too */
	memcpy(new->open_fds, old->open_fds, words * sizeof(long));
	memcpy(new->close_on_exec, old->close_on_exec, words * sizeof(long));
	memcpy(new->fd, old->fd, n * sizeof(*new->fd));
	for (i = 0; i < words; i++)
		for (set = new->open_fds[i]; set; set &= set - 1) {
			struct file *f = new->fd[i * BITS_PER_LONG + __builtin_ctzl(set)];

			if (f)
				get_file(f);
			else
				new->open_fds[i] &= ~(set & -set);
		}
	spin_unlock(&old->file_lock);
	memset(new->open_fds + words, 0, (new->max_fds / BITS_PER_LONG - words) * sizeof(long));
	memset(new->close_on_exec + words, 0, (new->max_fds / BITS_PER_LONG - words) * sizeof(long));
	memset(new->fd + n, 0, (new->max_fds - n) * sizeof(*new->fd));
	*errorp = 0;
	return new;
}

int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *old = current->files;
	int error;

	if (clone_flags & CLONE_FILES) {
		atomic_inc(&old->count);
		return 0;
	}
	tsk->files = dup_fd(old, &error);
	return error;
}

/* The last user is gone: every open descriptor is closed, a word of open_fds at a time. */
static void close_files(struct files_struct *files)
{
	unsigned int i, words = files->max_fds / BITS_PER_LONG;
	unsigned long set;

	for (i = 0; i < words; i++)
		for (set = files->open_fds[i]; set; set &= set - 1) {
			struct file *f = files->fd[i * BITS_PER_LONG + __builtin_ctzl(set)];

			if (f)
				filp_close(f);
		}
}

void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	close_files(files);
	free_fdarrays(files);
	if (files != &init_files)
		kmem_cache_free(files_cachep, files);
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	spin_lock_irq(&tasklist_lock);	/* task_fget on another CPU: the table or NULL */
	tsk->files = NULL;
	spin_unlock_irq(&tasklist_lock);
	put_files_struct(files);
}

/*
 * unshare(CLONE_FILES): a private copy of a table we share, in *@new_fdp
 * (left alone when there is nothing to do), for the caller to install.
 * As Linux's unshare_fd.
 */
int unshare_fd(unsigned long unshare_flags, struct files_struct **new_fdp)
{
	struct files_struct *fd = current->files;
	int error = 0;

	if ((unshare_flags & CLONE_FILES) && atomic_read(&fd->count) > 1)
		*new_fdp = dup_fd(fd, &error);
	return error;
}

/* execve: a shared table becomes private first, as Linux's unshare_files. */
int unshare_files(void)
{
	struct files_struct *old = current->files, *new = NULL;
	int error = unshare_fd(CLONE_FILES, &new);

	if (error || !new)
		return error;
	spin_lock_irq(&tasklist_lock);	/* as exit_files */
	current->files = new;
	spin_unlock_irq(&tasklist_lock);
	put_files_struct(old);
	return 0;
}

/* execve: the close-on-exec descriptors are closed, a word of the bitmap at a time (as Linux). */
void do_close_on_exec(struct files_struct *files)
{
	unsigned int i, fd;
	unsigned long set;
	struct file *f;

	spin_lock(&files->file_lock);
	for (i = 0; i < files->max_fds / BITS_PER_LONG; i++) {
		set = files->close_on_exec[i];
		if (!set)
			continue;
		files->close_on_exec[i] = 0;
		for (; set; set &= set - 1) {
			fd = i * BITS_PER_LONG + __builtin_ctzl(set);
			f = files->fd[fd];
			if (!f)
				continue;
			files->fd[fd] = NULL;
			__put_unused_fd(files, fd);
			spin_unlock(&files->file_lock);
			filp_close(f);
			spin_lock(&files->file_lock);	/* the table may have grown meanwhile */
		}
	}
	spin_unlock(&files->file_lock);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	int ret = close_fd(fd);

	/* an interrupted close still closed the descriptor: never restart it */
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

/* Marks [fd, max_fd] close-on-exec, open or not (Linux's __range_cloexec). */
static void __range_cloexec(struct files_struct *files, unsigned int fd, unsigned int max_fd)
{
	spin_lock(&files->file_lock);
	max_fd = min(max_fd, files->max_fds - 1);
	for (; fd <= max_fd; fd++)
		set_bit(fd, files->close_on_exec);
	spin_unlock(&files->file_lock);
}

/* Closes every open descriptor in [fd, max_fd] (Linux's __range_close). */
static void __range_close(struct files_struct *files, unsigned int fd, unsigned int max_fd)
{
	struct file *file;

	spin_lock(&files->file_lock);
	max_fd = min(max_fd, files->max_fds - 1);
	spin_unlock(&files->file_lock);
	for (; fd <= max_fd; fd++) {
		file = pick_file(files, fd);
		if (file)
			filp_close(file);
	}
}

/*
 * close_range(2) (Linux's __close_range): closes, or with
 * CLOSE_RANGE_CLOEXEC marks close-on-exec, every descriptor from @fd to
 * @max_fd.  CLOSE_RANGE_UNSHARE does it in a private copy of a shared
 * table, which then replaces it: the other sharers keep theirs open.
 * EINVAL for an unknown flag or @fd past @max_fd.
 */
SYSCALL_DEFINE3(close_range, unsigned int, fd, unsigned int, max_fd, unsigned int, flags)
{
	struct files_struct *cur = current->files, *fds = NULL;
	int err;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) && atomic_read(&cur->count) > 1) {
		fds = dup_fd(cur, &err);
		if (!fds)
			return err;
		swap(cur, fds);
	}
	if (flags & CLOSE_RANGE_CLOEXEC)
		__range_cloexec(cur, fd, max_fd);
	else
		__range_close(cur, fd, max_fd);
	if (fds) {		/* the private table takes the shared one's place */
		spin_lock_irq(&tasklist_lock);	/* as exit_files */
		current->files = cur;
		spin_unlock_irq(&tasklist_lock);
		put_files_struct(fds);
	}
	return 0;
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *f = fget_raw(fildes);
	int fd;

	if (!f)
		return -EBADF;
	fd = get_unused_fd_flags(0);
	if (fd >= 0)
		fd_install(fd, f);
	else
		fput(f);
	return fd;
}

static int do_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;
	int ret;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (newfd >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EBADF;
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	ret = replace_fd(newfd, f, flags);
	fput(f);
	return ret == -EMFILE ? -EBADF : ret;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {		/* dup2 of a valid fd onto itself: nothing to do */
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup3(oldfd, newfd, 0);
}

/* fcntl(F_DUPFD[_CLOEXEC]): the lowest free descriptor >= @start. */
int f_dupfd(unsigned int start, struct file *f, unsigned int flags)
{
	int fd;

	if (start >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	fd = alloc_fd(start, flags);
	if (fd >= 0)
		fd_install(fd, get_file(f));
	return fd;
}

/* Linux's bounds: BITS_PER_LONG to sysctl_nr_open_max. */
static const struct int_sysctl nr_open_sysctl = {
	.value = &sysctl_nr_open, .min = NR_OPEN_MIN, .max = NR_OPEN_LIMIT,
};

static int __init nr_open_sysctl_init(void)
{
	proc_create_int("sys/fs/nr_open", 0644, &nr_open_sysctl);
	return 0;
}
fs_initcall(nr_open_sysctl_init);
