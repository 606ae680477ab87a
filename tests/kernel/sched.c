/*
 * tests/kernel/sched.c: the scheduler keeps registers, shares the CPU by
 * weight, wakes sleepers on time, and the sleeping primitives neither
 * lose wake-ups nor let the wrong tasks in.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/time.h>

unsigned long regs_survive_yield(unsigned long pattern);

static atomic_t regs_done;

/* Yields until told to stop, checking its registers each time; the result is the damage. */
static int regs_worker(void *arg)
{
	unsigned long pattern = (unsigned long)arg, bad = 0;
	int i;

	for (i = 0; !kthread_should_stop(); i++) {
		bad |= regs_survive_yield(pattern + ((unsigned long)i << 16));
		if (i == 100)
			atomic_inc(&regs_done);
	}
	return bad ? (int)(bad & 0x7fffffff) | 1 : 0;
}

static void context_switch_keeps_registers(struct ktest *t)
{
	struct task_struct *a, *b;
	unsigned long bad = 0;
	int i;

	atomic_set(&regs_done, 0);
	a = kthread_run(regs_worker, (void *)0x1111000000000000UL, "regs-a");
	b = kthread_run(regs_worker, (void *)0x2222000000000000UL, "regs-b");
	KTEST_ASSERT_TRUE(t, !IS_ERR(a) && !IS_ERR(b));
	/* keep switching with them until both have done 100 rounds */
	for (i = 0; atomic_read(&regs_done) < 2; i++)
		bad |= regs_survive_yield(0x3333000000000000UL + ((unsigned long)i << 16));
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(a), 0);
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(b), 0);
}

static int spinner(void *arg)
{
	(void)arg;
	while (!kthread_should_stop())
		cpu_relax();
	return 0;
}

#define SHARE_WINDOW_MS	100
#define SHARE_MIN_WINDOWS	5
#define SHARE_MAX_WINDOWS	100

/*
 * Runs two spinners at the given nice values and returns @a's share of
 * their CPU time since they started, in thousandths, once it lies in
 * [@lo, @hi] after at least SHARE_MIN_WINDOWS windows of 100 ms, or its
 * last value after SHARE_MAX_WINDOWS.  CPU time is measured with the
 * clock, so a pause of the host (QEMU not scheduled) is charged whole to
 * whichever spinner was running, and CFS gives the other one that time
 * back only afterwards: a fair scheduler's running share comes back into
 * the band, an unfair one's never does.
 */
static u64 spinners_share(struct ktest *t, long nice_a, long nice_b, u64 lo, u64 hi)
{
	struct task_struct *a = kthread_create(spinner, NULL, "spin-a");
	struct task_struct *b = kthread_create(spinner, NULL, "spin-b");
	u64 a0, b0, da, db, share = 0;
	int i;

	set_user_nice(a, nice_a);
	set_user_nice(b, nice_b);
	a0 = a->se.sum_exec_runtime;
	b0 = b->se.sum_exec_runtime;
	wake_up_process(a);
	wake_up_process(b);
	for (i = 1; i <= SHARE_MAX_WINDOWS; i++) {
		msleep(SHARE_WINDOW_MS);
		da = a->se.sum_exec_runtime - a0;
		db = b->se.sum_exec_runtime - b0;
		share = da + db ? da * 1000 / (da + db) : 0;
		if (i >= SHARE_MIN_WINDOWS && share >= lo && share <= hi)
			break;
	}
	ktest_info(t, "after %d windows: a %llu ms, b %llu ms: a's share %llu/1000", i,
		   da / 1000000, db / 1000000, share);
	ktest_kthread_stop(a);
	ktest_kthread_stop(b);
	return share;
}

static void equal_nice_shares_equally(struct ktest *t)
{
	u64 share = spinners_share(t, 0, 0, 450, 550);

	KTEST_EXPECT_GE(t, share, 450);
	KTEST_EXPECT_LE(t, share, 550);
}

/* Weights 1024 and 335 (nice 0 and 5): a's share 1024/1359 = 753/1000. */
static void nice_splits_by_weight(struct ktest *t)
{
	u64 share = spinners_share(t, 0, 5, 723, 783);

	KTEST_EXPECT_GE(t, share, 723);
	KTEST_EXPECT_LE(t, share, 783);
}

static void sleeper_wakes_on_time(struct ktest *t)
{
	unsigned long start = jiffies, left;

	__set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(10);
	KTEST_EXPECT_EQ(t, left, 0);
	KTEST_EXPECT_GE(t, jiffies - start, 10);
	KTEST_EXPECT_LE(t, jiffies - start, 11);	/* within one tick */
}

struct waiters {
	struct wait_queue_head wq;
	bool go;
	atomic_t woken;
	atomic_t started;
};

static int exclusive_waiter(void *arg)
{
	struct waiters *w = arg;
	DEFINE_WAIT(wait);

	atomic_inc(&w->started);
	for (;;) {
		prepare_to_wait_exclusive(&w->wq, &wait, TASK_INTERRUPTIBLE);
		if (READ_ONCE(w->go) || kthread_should_stop())
			break;
		schedule();
		if (READ_ONCE(w->go))
			break;
	}
	finish_wait(&w->wq, &wait);
	if (READ_ONCE(w->go))
		atomic_inc(&w->woken);
	ktest_wait_for_stop();
	return 0;
}

static void wake_one_and_wake_all(struct ktest *t)
{
	struct waiters w = { .go = false };
	struct task_struct *k[3];
	int i;

	init_waitqueue_head(&w.wq);
	atomic_set(&w.woken, 0);
	atomic_set(&w.started, 0);
	for (i = 0; i < 3; i++)
		k[i] = kthread_run(exclusive_waiter, &w, "waiter%d", i);
	while (atomic_read(&w.started) < 3 || !waitqueue_active(&w.wq))
		msleep(2);
	msleep(5);					/* all three queued */
	WRITE_ONCE(w.go, true);
	wake_up(&w.wq);					/* one exclusive waiter */
	msleep(20);
	KTEST_EXPECT_EQ(t, atomic_read(&w.woken), 1);
	wake_up_all(&w.wq);
	msleep(20);
	KTEST_EXPECT_EQ(t, atomic_read(&w.woken), 3);
	for (i = 0; i < 3; i++)
		ktest_kthread_stop(k[i]);
}

struct rw_state {
	struct rw_semaphore sem;
	atomic_t readers, writers, max_readers, violations;
	int rounds;
};

static void rw_note(struct rw_state *s, bool writer)
{
	int r = atomic_read(&s->readers), w = atomic_read(&s->writers);

	if (w > 1 || (w && r))
		atomic_inc(&s->violations);
	if (!writer && r > atomic_read(&s->max_readers))
		atomic_set(&s->max_readers, r);
}

static int rw_reader(void *arg)
{
	struct rw_state *s = arg;
	int i;

	for (i = 0; i < s->rounds; i++) {
		down_read(&s->sem);
		atomic_inc(&s->readers);
		rw_note(s, false);
		msleep(1);
		rw_note(s, false);
		atomic_dec(&s->readers);
		up_read(&s->sem);
	}
	return 0;
}

static int rw_writer(void *arg)
{
	struct rw_state *s = arg;
	int i;

	for (i = 0; i < s->rounds; i++) {
		down_write(&s->sem);
		atomic_inc(&s->writers);
		rw_note(s, true);
		msleep(1);
		rw_note(s, true);
		atomic_dec(&s->writers);
		up_write(&s->sem);
		schedule_timeout_uninterruptible(1);
	}
	return 0;
}

static void rwsem_many_readers_or_one_writer(struct ktest *t)
{
	struct rw_state s = { .rounds = 20 };
	struct task_struct *k[6];
	int i;

	init_rwsem(&s.sem);
	for (i = 0; i < 6; i++) {
		k[i] = kthread_create(i < 4 ? rw_reader : rw_writer, &s, "rw%d", i);
		get_task_struct(k[i]);
		wake_up_process(k[i]);
	}
	for (i = 0; i < 6; i++)
		ktest_wait_freed(k[i]);		/* they end by themselves */
	KTEST_EXPECT_EQ(t, atomic_read(&s.violations), 0);
	KTEST_EXPECT_GT(t, atomic_read(&s.max_readers), 1);	/* readers did share */
	KTEST_EXPECT_EQ(t, s.sem.count, 0);		/* free, and no waiter flagged */
	KTEST_EXPECT_TRUE(t, list_empty(&s.sem.wait_list));
}

/* The trylocks and downgrade_write follow the state count holds. */
static void rwsem_trylocks_follow_the_state(struct ktest *t)
{
	struct rw_semaphore sem;

	init_rwsem(&sem);
	KTEST_EXPECT_TRUE(t, down_read_trylock(&sem));
	KTEST_EXPECT_TRUE(t, down_read_trylock(&sem));	/* readers share */
	KTEST_EXPECT_FALSE(t, down_write_trylock(&sem));
	up_read(&sem);
	up_read(&sem);
	KTEST_EXPECT_TRUE(t, down_write_trylock(&sem));
	KTEST_EXPECT_FALSE(t, down_read_trylock(&sem));
	KTEST_EXPECT_FALSE(t, down_write_trylock(&sem));
	downgrade_write(&sem);
	KTEST_EXPECT_TRUE(t, down_read_trylock(&sem));	/* a reader joins the downgraded one */
	KTEST_EXPECT_FALSE(t, down_write_trylock(&sem));
	up_read(&sem);
	up_read(&sem);
	KTEST_EXPECT_EQ(t, sem.count, 0);
	down_write(&sem);
	up_write(&sem);
	KTEST_EXPECT_EQ(t, sem.count, 0);
}

struct pingpong {
	struct completion ping, pong;
	int count;
};

static int ponger(void *arg)
{
	struct pingpong *pp = arg;
	int i;

	for (i = 0; i < 1000; i++) {
		wait_for_completion(&pp->ping);
		pp->count++;
		complete(&pp->pong);
	}
	ktest_wait_for_stop();
	return 0;
}

static void no_lost_wakeups_in_1000_cycles(struct ktest *t)
{
	struct pingpong pp = { .count = 0 };
	struct task_struct *k;
	int i, lost = 0;

	init_completion(&pp.ping);
	init_completion(&pp.pong);
	k = kthread_run(ponger, &pp, "ponger");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	for (i = 0; i < 1000 && !lost; i++) {
		complete(&pp.ping);
		lost = !wait_for_completion_timeout(&pp.pong, 5 * HZ);
	}
	KTEST_EXPECT_EQ(t, lost, 0);
	KTEST_EXPECT_EQ(t, pp.count, 1000);
	if (!lost)
		ktest_kthread_stop(k);
}

struct mutex_state {
	struct mutex lock;
	int inside, max_inside, total;
};

static int mutex_worker(void *arg)
{
	struct mutex_state *m = arg;
	int i;

	for (i = 0; i < 50; i++) {
		mutex_lock(&m->lock);
		m->inside++;
		if (m->inside > m->max_inside)
			m->max_inside = m->inside;
		schedule_timeout_uninterruptible(0);	/* give others the chance to barge in */
		do_sched_yield();
		m->total++;
		m->inside--;
		mutex_unlock(&m->lock);
	}
	return 0;
}

static void mutex_excludes(struct ktest *t)
{
	struct mutex_state m = { .inside = 0 };
	struct task_struct *k[3];
	int i;

	mutex_init(&m.lock);
	for (i = 0; i < 3; i++) {
		k[i] = kthread_create(mutex_worker, &m, "mutex%d", i);
		get_task_struct(k[i]);
		wake_up_process(k[i]);
	}
	for (i = 0; i < 3; i++)
		ktest_wait_freed(k[i]);		/* they end by themselves */
	KTEST_EXPECT_EQ(t, m.max_inside, 1);
	KTEST_EXPECT_EQ(t, m.total, 150);
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&m.lock));
}

static DECLARE_COMPLETION(answer_started);

static int return_42(void *arg)
{
	(void)arg;
	complete(&answer_started);
	ktest_wait_for_stop();
	return 42;
}

/* The function's result comes back; a thread stopped before it ran gets -EINTR (as Linux). */
static void kthread_stop_returns_the_result(struct ktest *t)
{
	struct task_struct *k = kthread_run(return_42, NULL, "answer");

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_STREQ(t, k->comm, "answer");
	wait_for_completion(&answer_started);
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(k), 42);
	k = kthread_create(return_42, NULL, "never-ran");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(k), -EINTR);
}

static int fifo_marker(void *arg)
{
	*(u64 *)arg = local_clock();
	return 0;
}

/* A SCHED_FIFO task woken by a fair task runs before the waker continues. */
static void fifo_preempts_fair(struct ktest *t)
{
	u64 ran_at = 0, after;
	struct task_struct *k = kthread_create(fifo_marker, &ran_at, "fifo");

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, sched_setscheduler_nocheck(k, SCHED_FIFO, 50), 0);
	wake_up_process(k);
	after = local_clock();
	KTEST_EXPECT_NE(t, ran_at, 0);
	KTEST_EXPECT_LT(t, ran_at, after);
}

static struct ktest_case sched_cases[] = {
	KTEST_CASE(context_switch_keeps_registers),
	KTEST_CASE(equal_nice_shares_equally),
	KTEST_CASE(nice_splits_by_weight),
	KTEST_CASE(sleeper_wakes_on_time),
	KTEST_CASE(wake_one_and_wake_all),
	KTEST_CASE(rwsem_many_readers_or_one_writer),
	KTEST_CASE(rwsem_trylocks_follow_the_state),
	KTEST_CASE(no_lost_wakeups_in_1000_cycles),
	KTEST_CASE(mutex_excludes),
	KTEST_CASE(kthread_stop_returns_the_result),
	KTEST_CASE(fifo_preempts_fair),
	KTEST_END,
};

static struct ktest_suite sched_suite = {
	.name = "sched", .cases = sched_cases,
	.init = ktest_one_cpu_init, .exit = ktest_one_cpu_exit,	/* one CPU's shares */
};
KTEST_SUITE(sched_suite);
