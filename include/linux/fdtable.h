/*
 * include/linux/fdtable.h: a process's open files (files_struct), shared
 * by CLONE_FILES tasks, and its directories (fs_struct: root, cwd, umask),
 * shared by CLONE_FS tasks.
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>
#include <linux/fs.h>

#define NR_OPEN_DEFAULT	64

/* fs.nr_open: the most descriptors a table may hold, the ceiling of RLIMIT_NOFILE. */
extern int sysctl_nr_open;

struct files_struct {
	atomic_t count;
	spinlock_t file_lock;		/* protects everything below */
	unsigned int max_fds;		/* a multiple of BITS_PER_LONG */
	struct file **fd;
	unsigned long *open_fds;
	unsigned long *close_on_exec;
	unsigned int next_fd;		/* the lowest fd that may be free */
	/* the arrays of the first NR_OPEN_DEFAULT, until the table grows (Linux's fd_array) */
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
	struct file *fd_array[NR_OPEN_DEFAULT];
};
_Static_assert(NR_OPEN_DEFAULT == BITS_PER_LONG, "the _init bitmaps are one word");

struct fs_struct {
	int users;
	spinlock_t lock;		/* protects root, pwd, umask */
	int umask;
	struct path root, pwd;
};

extern struct files_struct init_files;
extern struct kmem_cache *files_cachep, *fs_cachep;
extern struct fs_struct init_fs;

struct task_struct;

int copy_files(unsigned long clone_flags, struct task_struct *tsk);
void exit_files(struct task_struct *tsk);
int unshare_files(void);
int unshare_fd(unsigned long unshare_flags, struct files_struct **new_fdp);
void put_files_struct(struct files_struct *files);
void do_close_on_exec(struct files_struct *files);
int get_unused_fd_flags(unsigned int flags);
struct file *task_fget(struct task_struct *task, unsigned int fd, bool *cloexec);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
int close_fd(unsigned int fd);
int replace_fd(unsigned int fd, struct file *file, unsigned int flags);
bool fd_is_cloexec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);

int copy_fs(unsigned long clone_flags, struct task_struct *tsk);
void exit_fs(struct task_struct *tsk);
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void free_fs_struct(struct fs_struct *fs);
void set_fs_root(struct fs_struct *fs, const struct path *path);
void set_fs_pwd(struct fs_struct *fs, const struct path *path);
void get_fs_root(struct fs_struct *fs, struct path *root);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);

#endif
