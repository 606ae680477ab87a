/*
 * kernel/kthread.c: kernel threads, created by kthreadd as in Linux.
 *
 * kthread_create() queues a request and waits; kthreadd (pid 2) forks the
 * thread, which starts in kthread(): it reports back, sleeps until its
 * creator wakes it (kthread_run does), then runs the function.  Because
 * kthreadd ignores SIGCHLD, a finished thread is reaped at once.
 * kthread_stop() sets a flag the thread polls, wakes it, and waits for
 * its exit code.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/completion.h>
#include <linux/signal.h>

struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	char comm[TASK_COMM_LEN];
	struct task_struct *result;	/* the new thread or ERR_PTR */
	struct completion done;
	struct list_head list;
};

/* Per-thread state, at task->worker_private. */
struct kthread {
	bool should_stop;
	int result;
	struct completion exited;	/* kthread_stop waits on it */
};

struct task_struct *kthreadd_task;
static LIST_HEAD(kthread_create_list);		/* under kthread_create_lock */
static DEFINE_SPINLOCK(kthread_create_lock);

static struct kthread *to_kthread(struct task_struct *k)
{
	return k->worker_private;
}

bool kthread_should_stop(void)
{
	return to_kthread(current)->should_stop;
}

/* Every kernel thread starts here. */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *data) = create->threadfn;
	void *data = create->data;
	struct kthread *self = kzalloc(sizeof(*self), GFP_KERNEL);
	int ret;

	if (!self) {
		create->result = ERR_PTR(-ENOMEM);
		complete(&create->done);
		do_exit(-ENOMEM);
	}
	init_completion(&self->exited);
	current->worker_private = self;
	set_task_comm(current, create->comm);
	__set_current_state(TASK_UNINTERRUPTIBLE);
	create->result = current;
	complete(&create->done);	/* create is the creator's: do not touch it after */
	schedule();			/* until kthread_run's wake_up_process */
	ret = -EINTR;
	if (!self->should_stop)
		ret = threadfn(data);
	do_exit(ret);
}

/* At exit: let kthread_stop() have the result. */
void kthread_exit_notify(struct task_struct *tsk, long code)
{
	struct kthread *self = to_kthread(tsk);

	if (!self)
		return;
	self->result = code;
	complete(&self->exited);
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	struct kthread_create_info create;
	va_list ap;

	create.threadfn = threadfn;
	create.data = data;
	va_start(ap, namefmt);
	vsnprintf(create.comm, sizeof(create.comm), namefmt, ap);
	va_end(ap);
	init_completion(&create.done);
	spin_lock(&kthread_create_lock);
	list_add_tail(&create.list, &kthread_create_list);
	spin_unlock(&kthread_create_lock);
	wake_up_process(kthreadd_task);
	wait_for_completion(&create.done);
	return create.result;
}

struct task_struct *kthread_run(int (*threadfn)(void *data), void *data,
				const char *namefmt, ...)
{
	char comm[TASK_COMM_LEN];
	struct task_struct *k;
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(comm, sizeof(comm), namefmt, ap);
	va_end(ap);
	k = kthread_create(threadfn, data, "%s", comm);
	if (!IS_ERR(k))
		wake_up_process(k);
	return k;
}

/* Asks @k to stop, waits for it to exit, returns its result. */
int kthread_stop(struct task_struct *k)
{
	struct kthread *kt;
	int ret;

	get_task_struct(k);
	kt = to_kthread(k);
	kt->should_stop = true;
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	put_task_struct(k);		/* free_task frees kt with the task */
	return ret;
}

static void create_kthread(struct kthread_create_info *create)
{
	pid_t pid = kernel_thread(kthread, create, SIGCHLD);

	if (pid < 0) {
		create->result = ERR_PTR(pid);
		complete(&create->done);
	}
}

int kthreadd(void *unused)
{
	struct kthread_create_info *create;

	(void)unused;
	set_task_comm(current, "kthreadd");
	/* SIG_IGN for SIGCHLD: our children are reaped as they exit */
	current->sighand->action[SIGCHLD - 1].sa.sa_handler = SIG_IGN;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list))
			schedule();
		__set_current_state(TASK_RUNNING);
		spin_lock(&kthread_create_lock);
		while (!list_empty(&kthread_create_list)) {
			create = list_first_entry(&kthread_create_list,
						  struct kthread_create_info, list);
			list_del_init(&create->list);
			spin_unlock(&kthread_create_lock);
			create_kthread(create);
			spin_lock(&kthread_create_lock);
		}
		spin_unlock(&kthread_create_lock);
	}
	return 0;
}
