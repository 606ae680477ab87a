/*
 * tests/kernel/ipc_ns.c: the lifecycle of IPC namespaces leaks nothing.
 *
 * create_ipc_ns with each of its allocations failing in turn leaves every
 * counter (free pages, slab objects, namespace inode numbers, nr_ipc_ns)
 * where it was; a namespace holding a message queue with messages, a
 * semaphore set with SEM_UNDO adjustments, an attached shm segment and a
 * POSIX queue frees them all when it dies; so do 1,000 of them at once.
 * The objects are made through the system calls themselves: the test
 * thread borrows an address space of its own for their user buffers, and
 * moves to each new namespace with unshare(CLONE_NEWIPC).
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmu_context.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/nsproxy.h>
#include <linux/fdtable.h>
#include <linux/kallsyms.h>
#include <linux/init.h>
#include <linux/ipc_namespace.h>
#include <linux/user_namespace.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/time.h>
#include <asm/ptrace.h>
#include <asm/pgtable.h>

unsigned int ns_inum_in_use(void);
int ksys_unshare(unsigned long unshare_flags);
long __x64_sys_msgget(const struct pt_regs *regs);
long __x64_sys_msgsnd(const struct pt_regs *regs);
long __x64_sys_semget(const struct pt_regs *regs);
long __x64_sys_semop(const struct pt_regs *regs);
long __x64_sys_shmget(const struct pt_regs *regs);
long __x64_sys_shmat(const struct pt_regs *regs);
long __x64_sys_shmdt(const struct pt_regs *regs);
long __x64_sys_mq_open(const struct pt_regs *regs);
long __x64_sys_mq_timedsend(const struct pt_regs *regs);

/* A system call as user space makes it: arguments in rdi, rsi, rdx, r10, r8. */
#define SYS(name, a, b, c, d, e) \
	__x64_sys_##name(&(struct pt_regs){ .di = (unsigned long)(a), .si = (unsigned long)(b), \
		.dx = (unsigned long)(c), .r10 = (unsigned long)(d), .r8 = (unsigned long)(e) })

struct counters {
	unsigned long pages, objs;
	unsigned int inums;
	int nr_ipc_ns;
};

static void snapshot(struct counters *c)
{
	kmem_cache_shrink_all();	/* a cache's spare empty slab is no page taken */
	c->pages = nr_free_pages();
	c->objs = slab_active_objs();
	c->inums = ns_inum_in_use();
	c->nr_ipc_ns = atomic_read(&nr_ipc_ns);
}

static void expect_unchanged(struct ktest *t, const struct counters *before)
{
	struct counters now;

	snapshot(&now);
	KTEST_EXPECT_EQ(t, now.pages, before->pages);
	KTEST_EXPECT_EQ(t, now.objs, before->objs);
	KTEST_EXPECT_EQ(t, now.inums, before->inums);
	KTEST_EXPECT_EQ(t, now.nr_ipc_ns, before->nr_ipc_ns);
}

/* ---- a user context for the test thread ---------------------------------------- */

struct user_ctx {
	struct mm_struct *mm, *borrowed;
	char *buf;			/* user memory for the calls' arguments */
};

#define MAX_NS		1000
static unsigned long attached_at[MAX_NS];	/* each namespace's shm attachment */

#define USER_BUF	(64 * 1024)

/* Gives current an address space of its own (as Linux's kthread_use_mm) and user memory. */
static int user_ctx_enter(struct user_ctx *u)
{
	u->mm = mm_alloc();
	if (!u->mm)
		return -ENOMEM;
	u->borrowed = current->active_mm;
	local_irq_disable();
	current->mm = current->active_mm = u->mm;
	switch_mm(u->borrowed, u->mm);
	local_irq_enable();
	down_write(&u->mm->mmap_lock);
	u->buf = (char *)do_mmap(NULL, 0, USER_BUF, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, 0);
	up_write(&u->mm->mmap_lock);
	return IS_ERR_VALUE((unsigned long)u->buf) ? -ENOMEM : 0;
}

/* Back to the borrowed address space of before. */
static void user_ctx_leave(struct user_ctx *u)
{
	local_irq_disable();
	current->mm = NULL;
	current->active_mm = u->borrowed;
	switch_mm(u->mm, u->borrowed);	/* through switch_mm, which tracks what CR3 holds */
	local_irq_enable();
	mmput(u->mm);
}

/* In the caller's namespace: a queue with two messages (one over a page), a set with
 * SEM_UNDO adjustments, an attached and touched segment, a POSIX queue with a message. */
static int populate(struct user_ctx *u, unsigned long *attached)
{
	struct msg_msg_user { long mtype; char mtext[6000]; } *m = (void *)u->buf;
	struct sembuf sop = { 0, 1, SEM_UNDO };
	char *name = u->buf + 8192;
	long id, addr;
	int fd;

	put_user(1L, &m->mtype);
	id = SYS(msgget, IPC_PRIVATE, 0600, 0, 0, 0);
	if (id < 0 || SYS(msgsnd, id, m, 100, IPC_NOWAIT, 0) || SYS(msgsnd, id, m, 6000, IPC_NOWAIT, 0))
		return -1;
	copy_to_user(u->buf + 8000, &sop, sizeof(sop));
	id = SYS(semget, IPC_PRIVATE, 4, 0600, 0, 0);
	if (id < 0 || SYS(semop, id, u->buf + 8000, 1, 0, 0))
		return -2;
	id = SYS(shmget, IPC_PRIVATE, 3 * PAGE_SIZE, 0600, 0, 0);
	addr = id < 0 ? id : SYS(shmat, id, 0, 0, 0, 0);
	if (addr < 0 || put_user('x', (char *)addr + PAGE_SIZE))
		return -3;
	*attached = addr;
	copy_to_user(name, "ktest-q", 8);
	fd = SYS(mq_open, name, O_CREAT | O_RDWR, 0600, 0, 0);
	if (fd < 0 || SYS(mq_timedsend, fd, name, 7, 1, 0))
		return -4;
	close_fd(fd);		/* the queue stays, in the namespace's file system */
	return 0;
}

/*
 * @n new namespaces, each populated, then all let die: the task goes back
 * to its namespace (its semaphore adjustments applied as it leaves), and
 * detaches the segments that kept the old namespaces alive.
 */
static int make_namespaces(struct ktest *t, struct user_ctx *u, int n)
{
	struct nsproxy *saved = current->nsproxy;
	int i, err = 0;

	get_nsproxy(saved);
	memset(attached_at, 0, sizeof(attached_at));
	for (i = 0; !err && i < n; i++) {
		err = ksys_unshare(CLONE_NEWIPC);
		if (!err)
			err = populate(u, &attached_at[i]);
	}
	if (err)
		ktest_info(t, "namespace %d: step failed with %d", i, err);
	exit_sem(current);
	exit_shm(current);
	shm_init_task(current);
	switch_task_namespaces(current, saved);
	for (i = 0; i < n; i++)
		if (attached_at[i])
			SYS(shmdt, attached_at[i], 0, 0, 0, 0);
	return err;
}

/* ---- the cases ------------------------------------------------------------------------- */

/* ipc_ns_init is a pure initcall; ipc_init and then init_mqueue_fs are device ones (A5). */
static void initcalls_in_linux_order(struct ktest *t)
{
	extern initcall_t __initcall0_start[], __initcall1_start[], __initcall6_start[],
		__initcall7_start[];
	const char *names[] = { "ipc_ns_init", "ipc_init", "init_mqueue_fs" };
	initcall_t *lo[] = { __initcall0_start, __initcall6_start, __initcall6_start };
	initcall_t *hi[] = { __initcall1_start, __initcall7_start, __initcall7_start };
	initcall_t *at[3] = { NULL, NULL, NULL }, *fn;
	int i;

	for (i = 0; i < 3; i++) {
		for (fn = lo[i]; fn < hi[i]; fn++)
			if ((unsigned long)*fn == kallsyms_lookup_name(names[i]))
				at[i] = fn;
		if (!at[i])
			ktest_fail(t, __FILE__, __LINE__, "%s is not at its level", names[i]);
	}
	KTEST_EXPECT_TRUE(t, at[1] && at[2] && at[1] < at[2]);
}

/* The initial namespace, as the seed text sets it up. */
static void init_ipc_ns_is_set_up(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, init_ipc_ns.ns.inum, PROC_IPC_INIT_INO);
	KTEST_EXPECT_PTR_EQ(t, init_ipc_ns.user_ns, &init_user_ns);
	KTEST_EXPECT_PTR_EQ(t, init_ipc_ns.ns.ops, &ipcns_operations);
	KTEST_EXPECT_EQ(t, init_ipc_ns.msg_ctlmnb, MSGMNB);
	KTEST_EXPECT_EQ(t, init_ipc_ns.sem_ctls[0], SEMMSL);
	KTEST_EXPECT_EQ(t, init_ipc_ns.shm_ctlmni, SHMMNI);
	KTEST_EXPECT_EQ(t, init_ipc_ns.mq_queues_max, 256);
	KTEST_EXPECT_TRUE(t, init_ipc_ns.mq_mnt != NULL);
}

/* copy_ipcs shares without CLONE_NEWIPC, and a new namespace starts from the defaults. */
static void copy_ipcs_shares_or_creates(struct ktest *t)
{
	struct ipc_namespace *ns = copy_ipcs(0, &init_user_ns, &init_ipc_ns);
	int count = atomic_read(&init_ipc_ns.count);

	KTEST_EXPECT_PTR_EQ(t, ns, &init_ipc_ns);
	put_ipc_ns(ns);
	KTEST_EXPECT_EQ(t, atomic_read(&init_ipc_ns.count), count - 1);
	ns = copy_ipcs(CLONE_NEWIPC, &init_user_ns, &init_ipc_ns);
	KTEST_ASSERT_TRUE(t, !IS_ERR(ns));
	KTEST_EXPECT_EQ(t, atomic_read(&ns->count), 1);
	KTEST_EXPECT_GE(t, ns->ns.inum, 0xF0000000U);
	KTEST_EXPECT_EQ(t, ns->msg_ctlmax, MSGMAX);
	KTEST_EXPECT_EQ(t, ns->ids[IPC_MSG_IDS].in_use, 0);
	KTEST_EXPECT_PTR_EQ(t, ns->user_ns, &init_user_ns);
	put_ipc_ns(ns);
}

/*
 * Each allocation of create_ipc_ns fails in turn (fail_nth), from the
 * first until one creation succeeds: every failure leaves the counters
 * where they were, so the unwinding undoes exactly what was done.
 */
static void create_ipc_ns_unwinds_every_step(struct ktest *t)
{
	struct ipc_namespace *ns;
	struct counters before;
	int nth;

	put_ipc_ns(copy_ipcs(CLONE_NEWIPC, &init_user_ns, &init_ipc_ns));	/* caches warm */
	snapshot(&before);
	for (nth = 1; nth < 100; nth++) {
		fail_nth_set(nth);
		ns = copy_ipcs(CLONE_NEWIPC, &init_user_ns, &init_ipc_ns);
		fail_nth_set(0);
		if (!IS_ERR(ns))
			break;
		KTEST_EXPECT_EQ(t, PTR_ERR(ns), -ENOMEM);
		expect_unchanged(t, &before);
	}
	KTEST_ASSERT_TRUE(t, !IS_ERR(ns));
	ktest_info(t, "create_ipc_ns made %d allocations", nth - 1);
	KTEST_EXPECT_GE(t, nth - 1, 3);		/* the struct, the inode number, the mount... */
	put_ipc_ns(ns);
	expect_unchanged(t, &before);
}

/* One namespace full of objects: its death frees every one of them. */
static void free_ipc_ns_frees_every_object(struct ktest *t)
{
	struct counters before;
	struct user_ctx u;

	KTEST_ASSERT_EQ(t, user_ctx_enter(&u), 0);
	KTEST_EXPECT_EQ(t, make_namespaces(t, &u, 1), 0);	/* warm-up */
	snapshot(&before);
	KTEST_EXPECT_EQ(t, make_namespaces(t, &u, 1), 0);
	expect_unchanged(t, &before);
	user_ctx_leave(&u);
}

/* 1,000 namespaces alive at once (each held by its shm attachment), then all gone. */
static void thousand_namespaces_leave_nothing(struct ktest *t)
{
	struct counters before;
	struct user_ctx u;
	u64 start;

	KTEST_ASSERT_EQ(t, user_ctx_enter(&u), 0);
	/* warm-up: the inum bitmap grows, the page tables of the attachments appear */
	KTEST_EXPECT_EQ(t, make_namespaces(t, &u, MAX_NS), 0);
	snapshot(&before);
	start = ktime_get_ns();
	KTEST_EXPECT_EQ(t, make_namespaces(t, &u, MAX_NS), 0);
	ktest_info(t, "%d namespaces made and freed in %llu ms", MAX_NS,
		   (unsigned long long)(ktime_get_ns() - start) / 1000000);
	expect_unchanged(t, &before);
	user_ctx_leave(&u);
}

static struct ktest_case ipc_ns_cases[] = {
	KTEST_CASE(initcalls_in_linux_order),
	KTEST_CASE(init_ipc_ns_is_set_up),
	KTEST_CASE(copy_ipcs_shares_or_creates),
	KTEST_CASE(create_ipc_ns_unwinds_every_step),
	KTEST_CASE(free_ipc_ns_frees_every_object),
	KTEST_CASE(thousand_namespaces_leave_nothing),
	KTEST_END,
};

static struct ktest_suite ipc_ns_suite = { .name = "ipc_ns", .cases = ipc_ns_cases };
KTEST_SUITE(ipc_ns_suite);
