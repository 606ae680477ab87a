/*
 * fs/locks.c: flock(2), whole-file advisory locks (Linux's FL_FLOCK locks).
 *
 * A flock lock belongs to an open file (a struct file): every descriptor
 * that dup() or fork() made from the same open() shares it, a second
 * flock() through any of them converts it, and it goes when the last of
 * them is closed (locks_remove_file, from fput).  An inode's locks sit on
 * its lock context, made the first time one is taken: shared (LOCK_SH)
 * locks coexist, an exclusive (LOCK_EX) one excludes every other open
 * file's.  A request that conflicts fails with EWOULDBLOCK under LOCK_NB,
 * else sleeps, interruptibly, until the locks in its way are gone.  As
 * Linux's, a conversion is not atomic: the old lock is dropped before the
 * new one is waited for.  There is no deadlock detection for flock.
 *
 * Linux queues each blocked request on the lock that blocks it; here the
 * waiters of an inode share one queue and look again whenever a lock
 * there goes, which grants the same locks in the same cases.  POSIX
 * record locks (fcntl F_SETLK) are not implemented.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/seq_file.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/syscalls.h>
#include <linux/init.h>
#include <linux/bug.h>

#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

#define LOCK_SH		1	/* a shared lock */
#define LOCK_EX		2	/* an exclusive lock */
#define LOCK_NB		4	/* or fail rather than wait */
#define LOCK_UN		8	/* remove the lock */
#define LOCK_MAND	32	/* the removed "mandatory" flock: ignored */

/* One flock lock (Linux's struct file_lock with FL_FLOCK). */
struct file_lock {
	struct list_head fl_list;	/* in its inode's flc_flock, under flc_lock */
	struct file *fl_file;		/* the open file that holds it */
	pid_t fl_pid;			/* the locker's tgid in the initial namespace */
	unsigned char fl_type;		/* F_RDLCK or F_WRLCK */
};

/* An inode's locks (Linux's struct file_lock_context). */
struct file_lock_context {
	spinlock_t flc_lock;		/* protects flc_flock */
	struct list_head flc_flock;
	wait_queue_head_t flc_wait;	/* requests waiting for a lock here to go */
};

static struct kmem_cache *flctx_cache;
static struct kmem_cache *filelock_cache;

/* @inode's lock context, made now if it has none (Linux's locks_get_lock_context). */
static struct file_lock_context *locks_get_lock_context(struct inode *inode)
{
	struct file_lock_context *ctx = READ_ONCE(inode->i_flctx), *new;

	if (ctx)
		return ctx;
	new = kmem_cache_alloc(flctx_cache, GFP_KERNEL);
	if (!new)
		return NULL;
	spin_lock_init(&new->flc_lock);
	INIT_LIST_HEAD(&new->flc_flock);
	init_waitqueue_head(&new->flc_wait);
	spin_lock(&inode->i_lock);
	ctx = inode->i_flctx;
	if (!ctx)
		inode->i_flctx = ctx = new;
	spin_unlock(&inode->i_lock);
	if (ctx != new)
		kmem_cache_free(flctx_cache, new);	/* another task made one first */
	return ctx;
}

/* The inode goes: it holds no lock any more, since every file on it is closed. */
void locks_free_lock_context(struct inode *inode)
{
	struct file_lock_context *ctx = inode->i_flctx;

	if (!ctx)
		return;
	WARN_ON_ONCE(!list_empty(&ctx->flc_flock));
	inode->i_flctx = NULL;
	kmem_cache_free(flctx_cache, ctx);
}

/* Does @fl, another open file's lock, stand in the way of a @type lock by @filp? */
static bool flock_locks_conflict(struct file *filp, int type, struct file_lock *fl)
{
	if (fl->fl_file == filp)
		return false;
	return type == F_WRLCK || fl->fl_type == F_WRLCK;
}

static bool flock_conflict_exists(struct file_lock_context *ctx, struct file *filp, int type)
{
	struct file_lock *fl;
	bool conflict = false;

	spin_lock(&ctx->flc_lock);
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (flock_locks_conflict(filp, type, fl)) {
			conflict = true;
			break;
		}
	}
	spin_unlock(&ctx->flc_lock);
	return conflict;
}

/*
 * One attempt (Linux's flock_lock_inode): drops @filp's own lock unless
 * it is already of @type, then takes *@new_fl as the new one (and sets
 * it to NULL) if nothing conflicts.  0, or -EAGAIN: something does.
 * Waiters are told of a dropped lock.
 */
static int flock_lock_inode(struct file_lock_context *ctx, struct file *filp, int type,
			    struct file_lock **new_fl)
{
	struct file_lock *fl, *old = NULL;
	int error = 0;

	spin_lock(&ctx->flc_lock);
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (fl->fl_file != filp)
			continue;
		if (fl->fl_type == type)
			goto out;		/* already held so */
		old = fl;
		list_del_init(&fl->fl_list);
		break;
	}
	if (type == F_UNLCK)
		goto out;
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (flock_locks_conflict(filp, type, fl)) {
			error = -EAGAIN;
			goto out;
		}
	}
	fl = *new_fl;
	*new_fl = NULL;
	fl->fl_file = filp;
	fl->fl_type = type;
	fl->fl_pid = task_tgid_nr(current);
	list_add_tail(&fl->fl_list, &ctx->flc_flock);
out:
	spin_unlock(&ctx->flc_lock);
	if (old) {
		kmem_cache_free(filelock_cache, old);
		wake_up_all(&ctx->flc_wait);
	}
	return error;
}

/* Takes, converts or drops @filp's lock, waiting if @wait (Linux's flock_lock_inode_wait). */
static int flock_lock_file_wait(struct file *filp, int type, bool wait)
{
	struct file_lock_context *ctx = locks_get_lock_context(filp->f_inode);
	struct file_lock *new_fl = NULL;
	int error;

	if (!ctx)
		return -ENOMEM;
	if (type != F_UNLCK) {
		new_fl = kmem_cache_zalloc(filelock_cache, GFP_KERNEL);
		if (!new_fl)
			return -ENOMEM;
		INIT_LIST_HEAD(&new_fl->fl_list);
	}
	for (;;) {
		error = flock_lock_inode(ctx, filp, type, &new_fl);
		if (error != -EAGAIN || !wait)
			break;
		error = wait_event_interruptible(ctx->flc_wait,
						 !flock_conflict_exists(ctx, filp, type));
		if (error)
			break;
	}
	if (new_fl)			/* not needed: refused, or the lock was already so */
		kmem_cache_free(filelock_cache, new_fl);
	return error;
}

/* The last reference to @filp is going: its lock goes with it (Linux's locks_remove_file). */
void locks_remove_file(struct file *filp)
{
	if (filp->f_inode && READ_ONCE(filp->f_inode->i_flctx))
		flock_lock_file_wait(filp, F_UNLCK, false);
}

/*
 * flock(2): LOCK_SH, LOCK_EX or LOCK_UN, with LOCK_NB not to wait.
 * EINVAL for anything else, EBADF for a closed or O_PATH descriptor or
 * one open for neither reading nor writing; LOCK_MAND is ignored with a
 * warning, as Linux 5.18+.
 */
SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *filp;
	int type, error;

	if (cmd & LOCK_MAND) {
		pr_warn_once("Attempt to set a LOCK_MAND lock via flock(2). This support has been removed and the request ignored.\n");
		return 0;
	}
	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	filp = fget(fd);
	if (!filp)
		return -EBADF;
	error = -EBADF;
	if (type == F_UNLCK || (filp->f_mode & (FMODE_READ | FMODE_WRITE)))
		error = flock_lock_file_wait(filp, type, !(cmd & LOCK_NB));
	fput(filp);
	return error;
}

/* A lock holder's pid as /proc's namespace sees it, 0 if outside it (locks_translate_pid). */
static pid_t locks_translate_pid(struct file_lock *fl, struct pid_namespace *ns)
{
	unsigned long flags;
	pid_t nr;

	spin_lock_irqsave(&tasklist_lock, flags);
	nr = pid_nr_ns(find_pid_ns(fl->fl_pid, &init_pid_ns), ns);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return nr;
}

/*
 * The "lock:" lines of /proc/PID/fdinfo/N for @filp's locks, as Linux's
 * show_fd_locks and lock_get_status print them.
 */
void show_fd_locks(struct seq_file *m, struct file *filp)
{
	struct inode *inode = filp->f_inode;
	struct file_lock_context *ctx = inode ? READ_ONCE(inode->i_flctx) : NULL;
	struct pid_namespace *ns = proc_pid_ns(m->file->f_inode->i_sb);
	struct file_lock *fl;
	int id = 0;

	if (!ctx)
		return;
	spin_lock(&ctx->flc_lock);
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (fl->fl_file != filp)
			continue;
		seq_printf(m, "lock:\t%d: FLOCK  ADVISORY  %s %d %02x:%02x:%lu 0 EOF\n", ++id,
			   fl->fl_type == F_WRLCK ? "WRITE" : "READ",
			   locks_translate_pid(fl, ns), MAJOR(inode->i_sb->s_dev),
			   MINOR(inode->i_sb->s_dev), inode->i_ino);
	}
	spin_unlock(&ctx->flc_lock);
}

static int __init filelock_init(void)
{
	flctx_cache = kmem_cache_create("file_lock_ctx", sizeof(struct file_lock_context), 0,
					SLAB_PANIC, NULL);
	filelock_cache = kmem_cache_create("file_lock_cache", sizeof(struct file_lock), 0,
					   SLAB_PANIC, NULL);
	return 0;
}
core_initcall(filelock_init);
