/*
 * kernel/unshare.c: unshare(2), a task leaving what it shares.
 *
 * Linux keeps ksys_unshare in kernel/fork.c; it is here, beside it, to
 * keep fork.c one concept: making tasks.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cred.h>
#include <linux/signal.h>
#include <linux/nsproxy.h>
#include <linux/ipc_namespace.h>
#include <linux/user_namespace.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>

/*
 * unshare(2), as Linux's ksys_unshare: the flags imply each other
 * (a new user namespace needs a private fs_struct, a new mount namespace
 * too, a new IPC namespace detaches System V semaphores), the new pieces
 * (fs_struct, descriptor table, credentials, namespaces) are built first,
 * and only when all of them exist are they installed.
 */
static int check_unshare_flags(unsigned long flags)
{
	if (flags & ~(CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | CLONE_VM |
		      CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWUTS | CLONE_NEWIPC |
		      CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWCGROUP |
		      CLONE_NEWTIME))
		return -EINVAL;
	/* a multi-threaded process cannot unshare what its threads share */
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) &&
	    current->signal->nr_threads > 1)
		return -EINVAL;
	return 0;
}

static unsigned long unshare_implied(unsigned long flags)
{
	if (flags & CLONE_NEWUSER)
		flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	if (flags & CLONE_NEWIPC)
		flags |= CLONE_SYSVSEM;
	return flags;
}

static int unshare_fs(unsigned long flags, struct fs_struct **new_fsp)
{
	struct fs_struct *fs = current->fs;

	if (!(flags & CLONE_FS) || !fs || fs->users == 1)
		return 0;
	*new_fsp = copy_fs_struct(fs);
	return *new_fsp ? 0 : -ENOMEM;
}

int ksys_unshare(unsigned long unshare_flags)
{
	struct fs_struct *new_fs = NULL, *old_fs;
	struct files_struct *new_fd = NULL, *old_fd;
	struct nsproxy *new_nsproxy = NULL;
	struct cred *new_cred = NULL;
	int err;

	unshare_flags = unshare_implied(unshare_flags);
	err = check_unshare_flags(unshare_flags);
	if (err)
		return err;
	err = unshare_fs(unshare_flags, &new_fs);
	if (err)
		return err;
	err = unshare_fd(unshare_flags, &new_fd);
	if (err)
		goto bad_unshare_cleanup_fs;
	err = unshare_userns(unshare_flags, &new_cred);
	if (err)
		goto bad_unshare_cleanup_fd;
	err = unshare_nsproxy_namespaces(unshare_flags, &new_nsproxy, new_cred,
					 new_fs ? new_fs : current->fs);
	if (err)
		goto bad_unshare_cleanup_cred;
	if (unshare_flags & CLONE_SYSVSEM)
		exit_sem(current);	/* CLONE_SYSVSEM is equivalent to exit() */
	if (unshare_flags & CLONE_NEWIPC) {
		exit_shm(current);	/* orphan the segments of the old namespace */
		shm_init_task(current);
	}
	if (new_nsproxy)
		switch_task_namespaces(current, new_nsproxy);
	spin_lock_irq(&tasklist_lock);	/* readers of another task's fs and files hold it */
	if (new_fs) {
		spin_lock(&current->fs->lock);
		old_fs = current->fs;
		current->fs = new_fs;
		new_fs = --old_fs->users ? NULL : old_fs;	/* the old one, if nobody uses it */
		spin_unlock(&old_fs->lock);
	}
	if (new_fd) {
		old_fd = current->files;
		current->files = new_fd;
		new_fd = old_fd;	/* our reference on the shared one goes below */
	}
	spin_unlock_irq(&tasklist_lock);
	if (new_cred) {
		commit_creds(new_cred);
		new_cred = NULL;
	}
bad_unshare_cleanup_cred:
	if (new_cred)
		put_cred(new_cred);
bad_unshare_cleanup_fd:
	if (new_fd)
		put_files_struct(new_fd);
bad_unshare_cleanup_fs:
	if (new_fs)
		free_fs_struct(new_fs);
	return err;
}

SYSCALL_DEFINE1(unshare, unsigned long, unshare_flags)
{
	return ksys_unshare(unshare_flags);
}
