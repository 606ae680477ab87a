/*
 * glibc_pthread: a glibc program, built twice (gcc: a dynamic PIE that
 * /lib64/ld-linux-x86-64.so.2 loads with libc.so.6; gcc -static), using
 * what glibc's threads rest on: clone3 with CLONE_SETTLS and the tid
 * words, thread-local storage (arch_prctl), futexes for mutexes,
 * condition variables and barriers (FUTEX_WAIT_BITSET with absolute
 * CLOCK_REALTIME and CLOCK_MONOTONIC deadlines), robust mutexes whose
 * owner dies (the kernel's robust-list walk at thread and process exit),
 * cancellation (SIGCANCEL sent with tgkill, unwinding through libgcc_s),
 * thread exit and join (CLONE_CHILD_CLEARTID), and dlopen of libm.so.6.
 * Every case checks values; none is decided by time.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "time_util.h"
#include "ktap.h"

#define NTHREADS	8

static __thread long tls_word = 7;

static void *square(void *arg)
{
	long i = (long)arg;

	if (i & 1)
		pthread_exit((void *)(i * i));
	return (void *)(i * i);
}

static void t_threads_exit_and_join(void)
{
	pthread_t t[NTHREADS];
	void *ret;
	long i;

	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, square, (void *)i), 0);
	for (i = 0; i < NTHREADS; i++) {
		ASSERT_EQ(pthread_join(t[i], &ret), 0);
		EXPECT_EQ((long)ret, i * i);
	}
}

struct tls_report {
	long initial, after;
	pid_t pid, tid;
};

static void *tls_thread(void *arg)
{
	struct tls_report *r = arg;

	r->initial = tls_word;		/* a new thread gets the initial image */
	tls_word = 1000 + (long)gettid();
	sched_yield();
	r->after = tls_word;
	r->pid = getpid();
	r->tid = gettid();
	return NULL;
}

static void t_thread_local_storage(void)
{
	struct tls_report r[4];
	pthread_t t[4];
	int i;

	tls_word = 42;
	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, tls_thread, &r[i]), 0);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_join(t[i], NULL), 0);
	EXPECT_EQ(tls_word, 42);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(r[i].initial, 7);
		EXPECT_EQ(r[i].after, 1000 + r[i].tid);
		EXPECT_EQ(r[i].pid, getpid());
		EXPECT_NE(r[i].tid, gettid());
	}
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_up(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 20000; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		if (i % 64 == 0)
			sched_yield();		/* hand the lock over while it is held */
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void t_mutex_under_contention(void)
{
	pthread_t t[4];
	int i;

	counter = 0;
	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, count_up, NULL), 0);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_join(t[i], NULL), 0);
	EXPECT_EQ(counter, 4 * 20000);
}

/* A bounded queue: producers wait while it is full, consumers while it is empty. */
struct queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	int items[4], head, count;
	long sum;
};

static struct queue q = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
	{ 0 }, 0, 0, 0,
};

static void *producer(void *arg)
{
	int i;

	(void)arg;
	for (i = 1; i <= 1000; i++) {
		pthread_mutex_lock(&q.lock);
		while (q.count == 4)
			pthread_cond_wait(&q.not_full, &q.lock);
		q.items[(q.head + q.count++) % 4] = i;
		pthread_cond_signal(&q.not_empty);
		pthread_mutex_unlock(&q.lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 1000; i++) {
		pthread_mutex_lock(&q.lock);
		while (q.count == 0)
			pthread_cond_wait(&q.not_empty, &q.lock);
		q.sum += q.items[q.head];
		q.head = (q.head + 1) % 4;
		q.count--;
		pthread_cond_signal(&q.not_full);
		pthread_mutex_unlock(&q.lock);
	}
	return NULL;
}

static void t_condvar_producers_consumers(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, i < 2 ? producer : consumer, NULL), 0);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_join(t[i], NULL), 0);
	EXPECT_EQ(q.sum, 2 * 1000 * 1001 / 2);
	EXPECT_EQ(q.count, 0);
}

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int gate_open, gate_waiting;

static void *wait_at_gate(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate_lock);
	gate_waiting++;
	pthread_cond_broadcast(&gate_cond);	/* tell main one more waits */
	while (!gate_open)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	return (void *)1;
}

static void t_cond_broadcast_wakes_all(void)
{
	pthread_t t[5];
	void *ret;
	int i;

	for (i = 0; i < 5; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, wait_at_gate, NULL), 0);
	pthread_mutex_lock(&gate_lock);
	while (gate_waiting < 5)
		pthread_cond_wait(&gate_cond, &gate_lock);
	gate_open = 1;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_lock);
	for (i = 0; i < 5; i++) {
		ASSERT_EQ(pthread_join(t[i], &ret), 0);
		EXPECT_EQ((long)ret, 1);
	}
}

/* Nobody signals: the wait must end with ETIMEDOUT, after its deadline. */
static void t_cond_timedwait_deadlines(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t rt = PTHREAD_COND_INITIALIZER, mono;
	pthread_condattr_t attr;
	struct timespec ts, now;

	pthread_condattr_init(&attr);
	ASSERT_EQ(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), 0);
	ASSERT_EQ(pthread_cond_init(&mono, &attr), 0);
	pthread_mutex_lock(&m);
	ts = deadline_in(CLOCK_REALTIME, 30);
	EXPECT_EQ(pthread_cond_timedwait(&rt, &m, &ts), ETIMEDOUT);
	clock_gettime(CLOCK_REALTIME, &now);
	EXPECT_TRUE(now.tv_sec > ts.tv_sec || (now.tv_sec == ts.tv_sec && now.tv_nsec >= ts.tv_nsec));
	ts = deadline_in(CLOCK_MONOTONIC, 30);
	EXPECT_EQ(pthread_cond_timedwait(&mono, &m, &ts), ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &now);
	EXPECT_TRUE(now.tv_sec > ts.tv_sec || (now.tv_sec == ts.tv_sec && now.tv_nsec >= ts.tv_nsec));
	ts.tv_sec -= 10;		/* a deadline in the past: at once */
	EXPECT_EQ(pthread_cond_timedwait(&mono, &m, &ts), ETIMEDOUT);
	pthread_mutex_unlock(&m);
}

static void *hold_for_a_while(void *arg)
{
	pthread_mutex_t *m = arg;
	struct timespec ts = deadline_in(CLOCK_REALTIME, 30);

	/* the main thread holds it: this lock attempt must give up */
	return (void *)(long)pthread_mutex_timedlock(m, &ts);
}

static void t_mutex_timedlock_times_out(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_t t;
	void *ret;

	pthread_mutex_lock(&m);
	ASSERT_EQ(pthread_create(&t, NULL, hold_for_a_while, &m), 0);
	ASSERT_EQ(pthread_join(t, &ret), 0);
	EXPECT_EQ((long)ret, ETIMEDOUT);
	pthread_mutex_unlock(&m);
}

static void robust_init(pthread_mutex_t *m, int pshared)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&attr, pshared);
	pthread_mutex_init(m, &attr);
	pthread_mutexattr_destroy(&attr);
}

static void *lock_and_exit(void *arg)
{
	pthread_mutex_lock(arg);
	return NULL;			/* the thread ends holding it */
}

static void t_robust_mutex_owner_thread_dies(void)
{
	pthread_mutex_t m;
	pthread_t t;

	robust_init(&m, PTHREAD_PROCESS_PRIVATE);
	ASSERT_EQ(pthread_create(&t, NULL, lock_and_exit, &m), 0);
	ASSERT_EQ(pthread_join(t, NULL), 0);
	EXPECT_EQ(pthread_mutex_lock(&m), EOWNERDEAD);
	EXPECT_EQ(pthread_mutex_consistent(&m), 0);
	EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	EXPECT_EQ(pthread_mutex_lock(&m), 0);	/* made consistent: an ordinary lock again */
	EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	/* not made consistent: nobody can have it any more */
	ASSERT_EQ(pthread_create(&t, NULL, lock_and_exit, &m), 0);
	ASSERT_EQ(pthread_join(t, NULL), 0);
	EXPECT_EQ(pthread_mutex_lock(&m), EOWNERDEAD);
	EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	EXPECT_EQ(pthread_mutex_lock(&m), ENOTRECOVERABLE);
}

static void *lock_wait_robust(void *arg)
{
	return (void *)(long)pthread_mutex_lock(arg);
}

/* A process holding a shared robust mutex dies; a thread of another waits in the kernel. */
static void t_robust_mutex_owner_process_dies(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				  -1, 0);
	int go[2], status;
	pthread_t t;
	void *ret;
	pid_t pid;
	char c;

	ASSERT_TRUE(m != MAP_FAILED);
	ASSERT_EQ(pipe(go), 0);
	robust_init(m, PTHREAD_PROCESS_SHARED);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(m);
		(void)!write(go[1], "x", 1);
		pause();		/* killed while holding it */
		_exit(1);
	}
	ASSERT_EQ(read(go[0], &c, 1), 1);
	ASSERT_EQ(pthread_create(&t, NULL, lock_wait_robust, m), 0);
	kill(pid, SIGKILL);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_EQ(pthread_join(t, &ret), 0);
	EXPECT_EQ((long)ret, EOWNERDEAD);
	munmap(m, 4096);
	close(go[0]);
	close(go[1]);
}

static pthread_barrier_t barrier;
static int arrived;

static void *meet(void *arg)
{
	int r;

	(void)arg;
	__atomic_add_fetch(&arrived, 1, __ATOMIC_SEQ_CST);
	r = pthread_barrier_wait(&barrier);
	/* past the barrier every thread has arrived */
	return (void *)(long)(__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) == 4 ? r : -2);
}

static void t_barrier(void)
{
	int serial = 0, i;
	pthread_t t[4];
	void *ret;

	ASSERT_EQ(pthread_barrier_init(&barrier, NULL, 4), 0);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, meet, NULL), 0);
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(pthread_join(t[i], &ret), 0);
		EXPECT_NE((long)ret, -2);
		serial += (long)ret == PTHREAD_BARRIER_SERIAL_THREAD;
	}
	EXPECT_EQ(serial, 1);
	pthread_barrier_destroy(&barrier);
}

static int cleaned_up;

static void cleanup(void *arg)
{
	(void)arg;
	cleaned_up = 1;
	pthread_mutex_unlock(&gate_lock);
}

static void *wait_forever(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate_lock);
	pthread_cleanup_push(cleanup, NULL);
	gate_waiting = -1;
	pthread_cond_broadcast(&gate_cond);
	for (;;)
		pthread_cond_wait(&gate_cond, &gate_lock);	/* a cancellation point */
	pthread_cleanup_pop(1);
	return NULL;
}

static void t_cancel_a_waiting_thread(void)
{
	pthread_t t;
	void *ret;

	gate_waiting = 0;
	ASSERT_EQ(pthread_create(&t, NULL, wait_forever, NULL), 0);
	pthread_mutex_lock(&gate_lock);
	while (gate_waiting != -1)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	EXPECT_EQ(pthread_cancel(t), 0);
	ASSERT_EQ(pthread_join(t, &ret), 0);
	EXPECT_TRUE(ret == PTHREAD_CANCELED);
	EXPECT_EQ(cleaned_up, 1);
	EXPECT_EQ(pthread_mutex_trylock(&gate_lock), 0);	/* the cleanup let it go */
	pthread_mutex_unlock(&gate_lock);
}

static void t_affinity(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	EXPECT_EQ(pthread_getaffinity_np(pthread_self(), sizeof(set), &set), 0);
	EXPECT_TRUE(CPU_ISSET(0, &set));
	EXPECT_GE(CPU_COUNT(&set), 1);
}

static void t_dlopen_libm(void)
{
	double (*cosine)(double);
	void *h = dlopen("libm.so.6", RTLD_NOW);

	ASSERT_TRUE(h != NULL);
	*(void **)&cosine = dlsym(h, "cos");
	ASSERT_TRUE(cosine != NULL);
	EXPECT_TRUE(cosine(0.0) == 1.0);
	EXPECT_TRUE(cosine(3.141592653589793) == -1.0);
	EXPECT_EQ(dlclose(h), 0);
	EXPECT_TRUE(dlopen("libmatryoshka-none.so.1", RTLD_NOW) == NULL);
	EXPECT_TRUE(strstr(dlerror(), "libmatryoshka-none.so.1") != NULL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_threads_exit_and_join, t_thread_local_storage,
				   t_mutex_under_contention, t_condvar_producers_consumers,
				   t_cond_broadcast_wakes_all, t_cond_timedwait_deadlines,
				   t_mutex_timedlock_times_out, t_robust_mutex_owner_thread_dies,
				   t_robust_mutex_owner_process_dies, t_barrier,
				   t_cancel_a_waiting_thread, t_affinity, t_dlopen_libm));
}
