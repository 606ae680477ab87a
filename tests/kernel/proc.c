/*
 * tests/kernel/proc.c: /proc seen from inside: the status text of a
 * kernel thread, the numbers a task has in proc instances of nested pid
 * namespaces, namespace links and their nsfs inodes, and the parsing and
 * permission rules of uid_map writes.
 */
#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/pid_namespace.h>
#include <linux/nsproxy.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/seq_file.h>
#include <linux/completion.h>
#include <linux/wait_api.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/err.h>
#include "../../fs/proc/internal.h"

/* A proc instance of the caller's pid namespace, as mount -t proc makes one. */
static struct vfsmount *proc_instance(struct ktest *t)
{
	struct vfsmount *mnt = kern_mount(get_fs_type("proc"), NULL);

	if (IS_ERR(mnt)) {
		ktest_fail(t, __FILE__, __LINE__, "cannot mount proc: %ld", PTR_ERR(mnt));
		return NULL;
	}
	return mnt;
}

/* The dentry of @path below @mnt's root, symbolic links not followed, or NULL. */
static struct dentry *proc_walk(struct vfsmount *mnt, const char *path)
{
	struct dentry *d = dget(mnt->mnt_root), *next;
	const char *end;

	while (*path) {
		end = strchrnul(path, '/');
		next = lookup_one(d, path, end - path);
		dput(d);
		if (IS_ERR(next))
			return NULL;
		if (!next->d_inode) {
			dput(next);
			return NULL;
		}
		d = next;
		path = *end ? end + 1 : end;
	}
	return d;
}

/* The text a read of @path from its start gives (NUL-terminated, to kfree), or NULL. */
static char *proc_text(struct vfsmount *mnt, const char *path)
{
	struct path p = { .mnt = mnt, .dentry = proc_walk(mnt, path) };
	struct seq_file *m;
	struct file *f;
	char *text;

	if (!p.dentry)
		return NULL;
	f = dentry_open(&p, O_RDONLY, current_cred());
	dput(p.dentry);
	if (IS_ERR(f))
		return NULL;
	m = f->private_data;
	mutex_lock(&m->lock);
	text = proc_seq_make(f, 0) ? NULL : kmalloc(m->count + 1, GFP_KERNEL);
	if (text) {
		memcpy(text, m->buf, m->count);
		text[m->count] = '\0';
	}
	mutex_unlock(&m->lock);
	fput(f);
	return text;
}

#define EXPECT_LINE(t, text, line) do { \
	if (!(text) || !strstr(text, line)) \
		ktest_fail(t, __FILE__, __LINE__, "no line \"%s\" in:\n%s", line, \
			   (text) ? (text) : "(no text)"); \
} while (0)

/* kthreadd (pid 2) has a name, no parent in view, no memory and no command line. */
static void kernel_thread_status(struct ktest *t)
{
	struct vfsmount *mnt = proc_instance(t);
	char *status, *cmdline;

	if (!mnt)
		return;
	status = proc_text(mnt, "2/status");
	cmdline = proc_text(mnt, "2/cmdline");
	EXPECT_LINE(t, status, "Name:\tkthreadd\n");
	EXPECT_LINE(t, status, "\nState:\tS (sleeping)\n");
	EXPECT_LINE(t, status, "\nPid:\t2\nPPid:\t0\nTracerPid:\t0\n");
	EXPECT_LINE(t, status, "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	EXPECT_LINE(t, status, "\nNSpid:\t2\nNSpgid:\t0\nNSsid:\t0\nThreads:\t1\n");
	EXPECT_LINE(t, status, "\nCapEff:\t000001ffffffffff\n");
	KTEST_EXPECT_TRUE(t, status && !strstr(status, "VmSize"));
	KTEST_EXPECT_TRUE(t, cmdline && !*cmdline);
	kfree(status);
	kfree(cmdline);
	kern_unmount(mnt);
}

/* ---- a task two pid namespaces down ------------------------------------------------ */

struct nest {
	struct completion ready, done;
	struct vfsmount *level1_proc;	/* mounted by the level-1 init */
	pid_t inner;			/* the level-2 init's number in the initial namespace */
};

static int nest_inner(void *arg)
{
	struct nest *n = arg;

	n->inner = task_pid_nr(current);
	complete(&n->ready);
	wait_for_completion(&n->done);
	do_exit(0);
}

static int nest_outer(void *arg)
{
	struct nest *n = arg;
	pid_t pid;

	n->level1_proc = kern_mount(get_fs_type("proc"), NULL);
	pid = kernel_thread(nest_inner, n, CLONE_NEWPID | SIGCHLD);
	if (pid < 0)
		complete(&n->ready);
	else
		ktest_reap(pid);	/* freed before we go: the next case counts objects */
	do_exit(0);
}

/* Each proc instance numbers the task from its own namespace down (B15). */
static void nested_task_numbers(struct ktest *t, struct nest *n, struct vfsmount *mnt)
{
	char path[32], line[64], *status;

	snprintf(path, sizeof(path), "%d/status", n->inner);
	status = proc_text(mnt, path);
	snprintf(line, sizeof(line), "\nPid:\t%d\nPPid:\t", n->inner);
	EXPECT_LINE(t, status, line);
	snprintf(line, sizeof(line), "\nNSpid:\t%d\t2\t1\n", n->inner);
	EXPECT_LINE(t, status, line);
	kfree(status);
	status = proc_text(n->level1_proc, "2/status");
	EXPECT_LINE(t, status, "\nPid:\t2\nPPid:\t1\n");
	EXPECT_LINE(t, status, "\nNStgid:\t2\t1\nNSpid:\t2\t1\n");
	kfree(status);
	KTEST_EXPECT_NULL(t, proc_text(n->level1_proc, "3/status"));
}

static void nspid_of_a_nested_task(struct ktest *t)
{
	struct vfsmount *mnt = proc_instance(t);
	struct dentry *self;
	struct nest n;
	char buf[16];
	pid_t outer;

	if (!mnt)
		return;
	init_completion(&n.ready);
	init_completion(&n.done);
	n.level1_proc = NULL;
	outer = kernel_thread(nest_outer, &n, CLONE_NEWPID | SIGCHLD);
	KTEST_ASSERT_GE(t, outer, 1);
	wait_for_completion(&n.ready);
	if (!IS_ERR_OR_NULL(n.level1_proc)) {
		nested_task_numbers(t, &n, mnt);
		/* we have no number in level 1: no "self" there */
		self = proc_walk(n.level1_proc, "self");
		KTEST_ASSERT_NOT_NULL(t, self);
		KTEST_EXPECT_EQ(t, self->d_inode->i_op->readlink(self, buf, sizeof(buf)), -ENOENT);
		dput(self);
		kern_unmount(n.level1_proc);
	} else {
		ktest_fail(t, __FILE__, __LINE__, "no proc in the level-1 namespace");
	}
	complete(&n.done);
	KTEST_EXPECT_EQ(t, ktest_reap(outer), outer);	/* freed, so no later case sees its pages come back */
	kern_unmount(mnt);
}

/* ---- /proc/PID/ns ------------------------------------------------------------------ */

/* Two tasks' links to one namespace lead to the same nsfs (st_dev, st_ino) (E1, E4). */
static void ns_links_name_the_namespace(struct ktest *t)
{
	struct vfsmount *mnt = proc_instance(t);
	struct dentry *a, *b;
	struct path pa, pb;
	char buf[32];
	int len;

	if (!mnt)
		return;
	a = proc_walk(mnt, "1/ns/ipc");
	b = proc_walk(mnt, "2/ns/ipc");
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	len = a->d_inode->i_op->readlink(a, buf, sizeof(buf) - 1);
	KTEST_ASSERT_GE(t, len, 0);
	buf[len] = '\0';
	KTEST_EXPECT_STREQ(t, buf, "ipc:[4026531839]");
	KTEST_ASSERT_EQ(t, a->d_inode->i_op->get_link(a, &pa), 0);
	KTEST_ASSERT_EQ(t, b->d_inode->i_op->get_link(b, &pb), 0);
	KTEST_EXPECT_EQ(t, pa.dentry->d_inode->i_ino, PROC_IPC_INIT_INO);
	KTEST_EXPECT_PTR_EQ(t, pa.dentry->d_inode->i_sb, pb.dentry->d_inode->i_sb);
	KTEST_EXPECT_EQ(t, pa.dentry->d_inode->i_ino, pb.dentry->d_inode->i_ino);
	path_put(&pa);
	path_put(&pb);
	dput(a);
	dput(b);
	kern_unmount(mnt);
}

/* Texts made, links followed and readers gone: every object is given back. */
static void reading_leaves_nothing_behind(struct ktest *t)
{
	struct vfsmount *mnt = proc_instance(t);
	unsigned long slab = slab_active_objs(), pages;
	struct dentry *d;
	struct path p;

	kmem_cache_shrink_all();	/* the caches' spare empty slabs are no pages taken */
	pages = nr_free_pages();
	if (!mnt)
		return;
	kfree(proc_text(mnt, "1/status"));
	kfree(proc_text(mnt, "2/stat"));
	kfree(proc_text(mnt, "meminfo"));
	d = proc_walk(mnt, "1/ns/pid");
	KTEST_ASSERT_NOT_NULL(t, d);
	if (!d->d_inode->i_op->get_link(d, &p))
		path_put(&p);	/* the nsfs inode dies, putting the namespace */
	dput(d);
	KTEST_EXPECT_EQ(t, slab_active_objs(), slab);
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
	kern_unmount(mnt);
}

/* ---- uid_map writes (D6) --------------------------------------------------------------- */

/* A user namespace owned by @euid, below the initial one; its creator's cred in *@creator. */
static struct user_namespace *new_userns(struct ktest *t, uid_t euid, struct cred **creator)
{
	struct cred *cred = prepare_creds();
	int err;

	if (!cred)
		return NULL;
	cred->euid = cred->fsuid = KUIDT_INIT(euid);
	cred->egid = cred->fsgid = KGIDT_INIT(euid);
	err = create_user_ns(cred);
	if (err) {
		ktest_fail(t, __FILE__, __LINE__, "create_user_ns: %d", err);
		put_cred(cred);
		return NULL;
	}
	*creator = cred;
	return cred->user_ns;
}

/* Credentials of an ordinary user @uid of the initial namespace, without capabilities. */
static struct cred *user_cred(uid_t uid)
{
	struct cred *cred = prepare_creds();

	if (cred) {
		cred->uid = cred->euid = cred->suid = cred->fsuid = KUIDT_INIT(uid);
		cred->gid = cred->egid = cred->sgid = cred->fsgid = KGIDT_INIT(uid);
		cred->cap_effective = cred->cap_permitted = CAP_EMPTY_SET;
	}
	return cred;
}

static int write_map(const struct cred *cred, struct user_namespace *ns, const char *text)
{
	char *kbuf = kstrdup(text, GFP_KERNEL);
	int err;

	if (!kbuf)
		return -ENOMEM;
	err = proc_map_write(cred, ns, kbuf, false);
	kfree(kbuf);
	return err;
}

static const char *const bad_maps[] = {
	"", "\n", "0 0\n", "0 0 1x\n", "0 0 1 2\n", "0x10 0 1\n", "-1 0 1\n",
	"4294967295 0 1\n", "0 4294967295 1\n", "0 0 0\n", "4294967290 0 10\n",
	"0 0 10\n5 100 10\n", "0 0 10\n100 5 10\n",
};

static void uid_map_rejects_malformed_text(struct ktest *t)
{
	struct cred *creator;
	struct user_namespace *ns = new_userns(t, 0, &creator);
	unsigned int i;

	if (!ns)
		return;
	for (i = 0; i < ARRAY_SIZE(bad_maps); i++)
		if (write_map(current_cred(), ns, bad_maps[i]) != -EINVAL)
			ktest_fail(t, __FILE__, __LINE__, "\"%s\" was not EINVAL", bad_maps[i]);
	KTEST_EXPECT_EQ(t, ns->uid_map.nr_extents, 0);
	KTEST_EXPECT_EQ(t, write_map(current_cred(), ns, "0 1000 10\n10 0 1"), 0);
	KTEST_EXPECT_EQ(t, ns->uid_map.nr_extents, 2);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(ns, 3)), 1003);
	KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(ns, 10)), 0);
	KTEST_EXPECT_EQ(t, from_kuid(ns, KUIDT_INIT(1009)), 9);
	KTEST_EXPECT_EQ(t, write_map(current_cred(), ns, "0 0 1\n"), -EPERM);	/* once only */
	put_cred(creator);
}

/* 340 extents fit (D1); one more is EINVAL. */
static void uid_map_holds_340_extents(struct ktest *t)
{
	struct cred *creator;
	struct user_namespace *ns = new_userns(t, 0, &creator);
	char *text = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int i, len = 0;

	if (!ns || !text)
		goto out;
	for (i = 0; i < UID_GID_MAP_MAX_EXTENTS + 1; i++)
		len += scnprintf(text + len, PAGE_SIZE - len, "%d %d 1\n", 2 * i, 2 * i);
	KTEST_EXPECT_EQ(t, write_map(current_cred(), ns, text), -EINVAL);
	*strrchr(text, '\n') = '\0';
	*(strrchr(text, '\n') + 1) = '\0';	/* drop the last line */
	KTEST_EXPECT_EQ(t, write_map(current_cred(), ns, text), 0);
	KTEST_EXPECT_EQ(t, ns->uid_map.nr_extents, UID_GID_MAP_MAX_EXTENTS);
out:
	kfree(text);
	if (ns)
		put_cred(creator);
}

/* Without CAP_SETUID outside, the owner may map only its own euid, one id (D6). */
static void uid_map_unprivileged_owner(struct ktest *t)
{
	struct cred *creator, *owner = user_cred(1000), *other = user_cred(1001);
	struct user_namespace *ns = new_userns(t, 1000, &creator);

	if (ns && owner && other) {
		KTEST_EXPECT_EQ(t, write_map(other, ns, "0 1001 1\n"), -EPERM);
		KTEST_EXPECT_EQ(t, write_map(owner, ns, "0 1001 1\n"), -EPERM);
		KTEST_EXPECT_EQ(t, write_map(owner, ns, "0 1000 2\n"), -EPERM);
		KTEST_EXPECT_EQ(t, write_map(owner, ns, "0 1000 1\n1 1001 1\n"), -EPERM);
		KTEST_EXPECT_EQ(t, write_map(owner, ns, "0 1000 1\n"), 0);
		KTEST_EXPECT_EQ(t, __kuid_val(make_kuid(ns, 0)), 1000);
	}
	if (ns)
		put_cred(creator);
	if (owner)
		put_cred(owner);
	if (other)
		put_cred(other);
}

static struct ktest_case proc_cases[] = {
	KTEST_CASE(kernel_thread_status),
	KTEST_CASE(nspid_of_a_nested_task),
	KTEST_CASE(ns_links_name_the_namespace),
	KTEST_CASE(reading_leaves_nothing_behind),
	KTEST_CASE(uid_map_rejects_malformed_text),
	KTEST_CASE(uid_map_holds_340_extents),
	KTEST_CASE(uid_map_unprivileged_owner),
	KTEST_END,
};

static struct ktest_suite proc_suite = { .name = "proc", .cases = proc_cases };
KTEST_SUITE(proc_suite);
