/*
 * include/linux/fs.h: the virtual file system's objects.
 *
 * As in Linux: an inode is a file (its type, owner, size, operations); a
 * dentry is a name in a directory, pointing at an inode (the dentry tree
 * is the directory tree, cached); a file is an open instance (position,
 * flags) of an inode; a super_block is one mounted file system instance;
 * a vfsmount places a super_block's root somewhere in the tree.  Memory
 * file systems (ramfs, proc) keep everything in these objects.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/stat.h>

#define NAME_MAX	255
#define PATH_MAX	4096
#define MAX_LFS_FILESIZE	LLONG_MAX	/* the largest file offset (64-bit) */
#define MAX_SYMLINK_DEPTH 40

/* open flags, x86_64 Linux values */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define FASYNC		00020000	/* O_ASYNC: SIGIO when I/O is possible */
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)
#define O_SYNC		(04000000 | O_DSYNC)

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200

/* renameat2's flags (uapi/linux/fs.h) */
#define RENAME_NOREPLACE	(1 << 0)	/* EEXIST rather than replace */
#define RENAME_EXCHANGE		(1 << 1)	/* the two names trade places */
#define RENAME_WHITEOUT		(1 << 2)	/* leave a whiteout (char 0:0) at the old name */
#define AT_EACCESS		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* f_mode */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	0x8
#define FMODE_PATH	0x4000		/* O_PATH: a reference, not an open file */
#define FMODE_NOWAIT	0x8000000	/* honours RWF_NOWAIT (IOCB_NOWAIT) */
#define FMODE_ATOMIC_POS 0x8000		/* f_pos moves under f_pos_lock: regular files, dirs */

#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4

struct inode;
struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct kstat;
struct poll_table_struct;
struct pipe_inode_info;
struct shmem_object;
struct vm_area_struct;
struct iov_iter;
struct seq_file;
struct file_lock_context;
struct kiocb;

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct timespec64_fs {
	s64 tv_sec;
	long tv_nsec;
};

/* getdents: the file system calls actor() once per entry until it returns false. */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, int namelen,
		      loff_t offset, u64 ino, unsigned int d_type);
	loff_t pos;
};

struct inode_operations {
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*rename)(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		      struct dentry *new, unsigned int flags);
	/* The link's target into @buf; or set *@jump to a path to go to (/proc/PID/ns). */
	int (*readlink)(struct dentry *dentry, char *buf, int size);
	int (*get_link)(struct dentry *dentry, struct path *jump);
	int (*setattr)(struct dentry *dentry, unsigned int valid, struct kstat *attr);
	int (*permission)(struct inode *inode, int mask);
	/* O_TMPFILE: a file with no name in @dir, instantiating @dentry (d_tmpfile) */
	int (*tmpfile)(struct inode *dir, struct dentry *dentry, umode_t mode);
	/* stat's answer, where generic_fillattr's is not it (hidden /proc/PID: ENOENT) */
	int (*getattr)(struct dentry *dentry, struct kstat *stat);
};

struct file_operations {
	ssize_t (*read)(struct file *f, char *ubuf, size_t n, loff_t *pos);
	ssize_t (*write)(struct file *f, const char *ubuf, size_t n, loff_t *pos);
	/* the same from an iov_iter, which may hold kernel memory (sendfile), at iocb->ki_pos */
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	int (*iterate)(struct file *f, struct dir_context *ctx);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	unsigned int (*poll)(struct file *f, struct poll_table_struct *pt);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *f);
	int (*release)(struct inode *inode, struct file *f);
	int (*fasync)(int fd, struct file *f, int on);	/* O_ASYNC on or off (fasync_helper) */
	void (*show_fdinfo)(struct seq_file *m, struct file *f);	/* its lines of /proc/PID/fdinfo/N */
	/* fallocate(2) once vfs_fallocate's checks passed; none: EOPNOTSUPP */
	long (*fallocate)(struct file *f, int mode, loff_t offset, loff_t len);
	unsigned int fop_flags;		/* FOP_* */
};

/*
 * fop_flags: FOP_ITER_READ marks the files Linux reads through
 * ->read_iter, which take preadv2's RWF_* flags (kiocb_set_rw_flags);
 * here every file reads through ->read, and the others take only
 * RWF_HIPRI (do_loop_readv_writev).  For writes, ->write_iter says it.
 */
#define FOP_ITER_READ	0x1

/* One read or write: the file, where, how (Linux's struct kiocb, for ->write_iter). */
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;			/* moved on by what was done */
	int ki_flags;			/* IOCB_* */
};

#define IOCB_HIPRI	0x1		/* RWF_HIPRI: poll for completion (nothing to wait for here) */
#define IOCB_DSYNC	0x2		/* RWF_DSYNC, O_DSYNC: data on stable storage (memory is) */
#define IOCB_SYNC	0x4		/* RWF_SYNC, O_SYNC */
#define IOCB_NOWAIT	0x8		/* RWF_NOWAIT: EAGAIN rather than wait */
#define IOCB_APPEND	0x10		/* RWF_APPEND, O_APPEND: at the end of the file */


struct kstatfs;

struct super_operations {
	void (*evict_inode)(struct inode *inode);	/* the last reference went */
	void (*put_super)(struct super_block *sb);
	int (*statfs)(struct dentry *dentry, struct kstatfs *buf);
	/* mount -o remount with @data, the mount options (a kernel string, or NULL) */
	int (*remount_fs)(struct super_block *sb, char *data);
	/* the file system's own mount options, each ",name=value", for /proc/PID/mounts */
	void (*show_options)(struct seq_file *m, struct super_block *sb);
};

/*
 * i_mutex subclasses for the lock validator (Linux's), where one task
 * holds two inodes' i_mutex in a fixed order: the parents of a rename.
 */
enum inode_i_mutex_lock_class {
	I_MUTEX_NORMAL,
	I_MUTEX_PARENT,
	I_MUTEX_CHILD,
	I_MUTEX_XATTR,
	I_MUTEX_NONDIR2,
	I_MUTEX_PARENT2,
};

struct inode {
	unsigned long i_ino;
	umode_t i_mode;
	kuid_t i_uid;
	kgid_t i_gid;
	unsigned int i_nlink;
	dev_t i_rdev;			/* a device node's device */
	loff_t i_size;
	struct timespec64_fs i_atime, i_mtime, i_ctime;
	atomic_t i_count;
	struct mutex i_mutex;		/* serializes changes to the file and directory */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct shmem_object *i_data;	/* a memory file's pages */
	spinlock_t i_lock;		/* protects i_pipe and its pipe's files count */
	struct pipe_inode_info *i_pipe;	/* a fifo or pipe; under i_lock */
	void *i_private;		/* the file system's own */
	char *i_link;			/* a memory symlink's target */
	bool i_linkable;		/* an O_TMPFILE file without O_EXCL: linkat may name it */
	struct file_lock_context *i_flctx;	/* its flock locks, made on first use (fs/locks.c) */
};

/* A name in the tree.  d_count counts users; memory file systems pin theirs. */
struct dentry {
	atomic_t d_count;
	unsigned int d_flags;
	struct inode *d_inode;		/* NULL: a negative dentry (no such name) */
	struct dentry *d_parent;
	struct super_block *d_sb;
	struct list_head d_child;	/* in d_parent->d_subdirs */
	struct list_head d_subdirs;
	int d_mounted;			/* how many mounts sit on this dentry */
	void *d_fsdata;
	unsigned int d_namelen;
	char *d_name;			/* d_iname, or kmalloc'ed when longer */
	char d_iname[40];
};

#define DCACHE_PINNED		0x1	/* a memory file system's entry: kept until unlinked */
#define DCACHE_DISCONNECTED	0x2	/* unlinked or never in the tree */
#define DCACHE_WHOLE_NAME	0x4	/* an internal file named in full: no "[ino]" after it */
#define DCACHE_PAR_LOOKUP	0x8	/* being filled in by ->lookup: not found yet (Linux's) */

struct file_system_type {
	const char *name;
	int (*fill_super)(struct super_block *sb, void *data);
	void (*kill_sb)(struct super_block *sb);
	unsigned int fs_flags;
	struct file_system_type *next;
};

#define FS_USERNS_MOUNT	0x8	/* may be mounted inside a user namespace */

#define SB_KERNMOUNT	(1UL << 22)	/* the kernel's own mount (kern_mount): tmpfs without limits */
#define SB_NOUSER	(1UL << 31)	/* internal only: mount(2) refuses it (EINVAL) */

struct super_block {
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	atomic_t s_active;		/* mounts of it */
	unsigned long s_magic;
	unsigned long s_flags;		/* SB_NOUSER, SB_KERNMOUNT */
	dev_t s_dev;
	void *s_fs_info;		/* proc: its pid namespace; mqueue: its ipc namespace */
	struct user_namespace *s_user_ns;
	u8 s_uuid[16];			/* tmpfs: random, its statfs fsid */
	unsigned long s_next_ino;
	spinlock_t s_lock;		/* protects s_next_ino */
	struct mutex s_vfs_rename_mutex;	/* one rename across directories at a time */
};

/* F_SETOWN: who a file's SIGIO goes to, and as which signal (Linux's fown_struct). */
#define F_OWNER_TID	0	/* fown_struct.pid_type: one thread */
#define F_OWNER_PID	1	/* a process */
#define F_OWNER_PGRP	2	/* a process group */

struct fown_struct {
	spinlock_t lock;		/* protects the fields below; taken from the tty's interrupt */
	struct pid *pid;		/* the owner, or NULL */
	int pid_type;			/* F_OWNER_TID, F_OWNER_PID or F_OWNER_PGRP */
	kuid_t uid, euid;		/* the setter's: may it signal the owner? */
	int signum;			/* F_SETSIG; 0: a plain SIGIO */
};

/* One file to tell on an object's event (Linux's fasync_struct). */
struct fasync_struct {
	struct fasync_struct *fa_next;	/* under fasync_lock */
	int fa_fd;			/* the descriptor that set O_ASYNC, for si_fd */
	struct file *fa_file;
};

int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp);
void __kill_fasync(struct fasync_struct **fp, int sig, int band);

/*
 * I/O became possible: tell the owners of the files on list @fp.  The
 * list is nearly always empty, so it is tested first without the lock,
 * as Linux's kill_fasync does (a file added meanwhile hears of the next
 * event).
 */
static inline void kill_fasync(struct fasync_struct **fp, int sig, int band)
{
	if (READ_ONCE(*fp))
		__kill_fasync(fp, sig, band);
}
void __f_setown(struct file *filp, struct pid *pid, int type, int force);

struct file {
	atomic_long_t f_count;
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags;		/* O_* as given to open, minus creation flags */
	unsigned int f_mode;		/* FMODE_* */
	struct mutex f_pos_lock;	/* serializes f_pos updates (FMODE_ATOMIC_POS only) */
	loff_t f_pos;
	const struct cred *f_cred;	/* the opener's: /proc checks use them */
	struct fown_struct f_owner;	/* F_SETOWN, F_SETSIG */
	spinlock_t f_lock;		/* protects f_ep_links */
	struct list_head f_ep_links;	/* the epoll items watching this file (fs/eventpoll.c) */
	void *private_data;
};

/*
 * The f_pos lock of a read, write, seek or getdents through @f (Linux's
 * fdget_pos/fdput_pos).  POSIX.1-2008 XSI 2.9.7 wants those atomic on
 * regular files and directories, and only those have FMODE_ATOMIC_POS: a
 * terminal or a pipe has no position, and a reader blocked there must not
 * hold up the writers that share its file (a background job's output
 * while the shell waits for a line on the same terminal).
 */
static inline void file_pos_lock(struct file *f)
{
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_lock(&f->f_pos_lock);
}

static inline void file_pos_unlock(struct file *f)
{
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_unlock(&f->f_pos_lock);
}

/* A kiocb for @filp with the flags its open flags imply (Linux's init_sync_kiocb, iocb_flags). */
static inline void init_sync_kiocb(struct kiocb *kiocb, struct file *filp)
{
	kiocb->ki_filp = filp;
	kiocb->ki_pos = 0;
	kiocb->ki_flags = ((filp->f_flags & O_APPEND) ? IOCB_APPEND : 0) |
			  ((filp->f_flags & O_DSYNC) ? IOCB_DSYNC : 0) |
			  ((filp->f_flags & 04000000) ? IOCB_SYNC : 0);	/* __O_SYNC */
}

extern const struct file_operations ramfs_file_operations;
extern const struct file_operations shmem_file_operations;
extern const struct file_operations simple_dir_operations;	/* fs/libfs.c */
extern const struct super_operations simple_super_operations;
int dcache_readdir(struct file *f, struct dir_context *ctx);
int vfs_statfs(const struct path *path, struct kstatfs *buf);	/* fs/statfs.c */

/* fs/inode.c, fs/dcache.c */
struct inode *new_inode(struct super_block *sb);
void ihold(struct inode *inode);
void iput(struct inode *inode);
void generic_fillattr(struct inode *inode, struct kstat *st);	/* the inode as stat shows it */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
struct timespec64_fs current_time(void);
void setattr_copy(struct inode *inode, unsigned int valid, const struct kstat *attr);
int inode_newsize_ok(const struct inode *inode, loff_t offset);
int vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len);
struct iov_iter;
ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from);
struct dentry *d_alloc(struct dentry *parent, const char *name, int len);
struct dentry *d_alloc_parallel(struct dentry *parent, const char *name, int len);
void d_lookup_done(struct dentry *d);
struct dentry *d_alloc_root(struct inode *root);
struct dentry *d_alloc_pseudo(struct super_block *sb, const char *name);
struct dentry *d_alloc_unlinked(struct dentry *parent, const char *name);
int d_tmpfile(struct dentry *dentry, struct inode *inode);
void d_instantiate(struct dentry *dentry, struct inode *inode);
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
bool is_subdir(struct dentry *d, struct dentry *ancestor);
struct dentry *d_lookup(struct dentry *parent, const char *name, int len);
void d_delete(struct dentry *d);
int d_move(struct dentry *d, struct dentry *new_parent, const char *name, int len);
void d_exchange(struct dentry *a, struct dentry *b);
void d_pin(struct dentry *d);
void d_unpin(struct dentry *d);
void shrink_dcache_parent(struct dentry *d);
void d_unpin_tree(struct dentry *d);
int d_path(const struct path *path, const struct path *root, char *buf, int len);
unsigned long get_next_ino(struct super_block *sb);

/* fs/file_table.c */
struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop);
struct file *get_file(struct file *f);
void fput(struct file *f);
struct file *fget(unsigned int fd);
struct file *fget_raw(unsigned int fd);
int fd_path(unsigned int fd, bool raw, struct path *p);

/* fs/open.c, fs/read_write.c */
struct file *filp_open(const char *name, int flags, umode_t mode);
struct file *dentry_open(const struct path *path, int flags, const struct cred *cred);
int filp_close(struct file *f);
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos);
loff_t generic_file_llseek(struct file *f, loff_t off, int whence);
loff_t no_llseek(struct file *f, loff_t off, int whence);
loff_t noop_llseek(struct file *f, loff_t off, int whence);
int do_truncate(struct dentry *dentry, loff_t length);

/* fs/locks.c: flock(2) */
void locks_remove_file(struct file *filp);
void locks_free_lock_context(struct inode *inode);
void show_fd_locks(struct seq_file *m, struct file *filp);

/* fs/utimes.c */
int vfs_utimes(const struct path *path, struct timespec64_fs *times);

/* fs/namei.c */
int inode_permission(struct inode *inode, int mask);
int generic_permission(struct inode *inode, int mask);
bool inode_owner_or_capable(const struct inode *inode);
bool capable_wrt_inode(const struct inode *inode, int cap);
umode_t chown_drop_suidgid(const struct inode *inode);
umode_t chmod_drop_sgid(const struct inode *inode, umode_t mode);
void file_remove_privs(struct inode *inode);
int kern_path(const char *name, unsigned int flags, struct path *path);
int user_path_at(int dfd, const char *uname, unsigned int flags, struct path *path);
void path_get(const struct path *p);
void path_put(const struct path *p);
bool path_equal(const struct path *a, const struct path *b);
struct dentry *lookup_one(struct dentry *parent, const char *name, int len);
char *getname(const char *uname);
void putname(char *name);

/* fs/super.c */
int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
struct super_block *sget(struct file_system_type *type, unsigned long flags, void *data);
void deactivate_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);

/* fs/char_dev.c */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
int chrdev_open(struct inode *inode, struct file *f);
#define MAJOR(dev)	((unsigned int)((dev) >> 8) & 0xfff)
#define MINOR(dev)	((unsigned int)((dev) & 0xff) | (unsigned int)(((dev) >> 12) & 0xfff00))
#define MKDEV(ma, mi)	((dev_t)(((ma) << 8) | ((mi) & 0xff) | (((mi) & ~0xffU) << 12)))

/* A ramfs inode (fs/ramfs.c), for the initramfs and /dev. */
struct inode *ramfs_get_inode(struct super_block *sb, const struct inode *dir,
			      umode_t mode, dev_t dev);
int ramfs_fill_super(struct super_block *sb, void *data);
struct file *shmem_file_setup(const char *name, loff_t size);

void vfs_caches_init(void);

#endif
