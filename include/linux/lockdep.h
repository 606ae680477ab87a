/*
 * include/linux/lockdep.h: the lock validator's interface (Linux's lockdep).
 *
 * Every lock carries a struct lockdep_map naming its class: the static
 * struct lock_class_key of the spin_lock_init/mutex_init/init_rwsem call
 * site that initialized it (each of those is a macro with a static key in
 * it, as Linux's), or, for a lock defined statically (DEFINE_SPINLOCK,
 * __SPIN_LOCK_UNLOCKED in a static object), the lock's own address.  The
 * validator (kernel/locking/lockdep.c) keeps, per task, the stack of
 * locks held, records "class A held while class B was taken" as an edge
 * of a graph, and on each new edge searches for a cycle: a lock order
 * that could deadlock is reported the first time the two orders have
 * both been seen, even if they never raced.
 *
 * "lockdep" on the command line turns it on (the test harness does, on
 * every boot; make bench does not).  Off, each lock operation pays one
 * test of prove_locking and nothing else, and its tables take no memory.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <linux/types.h>
#include <linux/compiler.h>

/* Only its address matters: one per lock-init call site. */
struct lock_class_key {
	char __one_byte;
};

struct lock_class;

/* Linux's lock wait types, printed as {inner:inner} after a class's name. */
#define LD_WAIT_SPIN	2	/* a spinlock: may be taken anywhere */
#define LD_WAIT_SLEEP	3	/* a mutex or rwsem: only where sleeping is allowed */

struct lockdep_map {
	struct lock_class_key *key;	/* NULL: a static lock, keyed by its own address */
	struct lock_class *class_cache;	/* the class of subclass 0, once looked up */
	const char *name;
	short wait_type_inner;
};

/* One lock a task holds, in its held_locks stack (innermost last). */
struct held_lock {
	struct lock_class *class;
	struct lockdep_map *instance;
	unsigned long acquire_ip;	/* where it was taken */
	unsigned int subclass:8;
	unsigned int read:2;		/* 1: a shared (down_read) hold */
	unsigned int trylock:1;		/* a trylock cannot deadlock: no edges to it */
	unsigned int irq_context:1;	/* taken in an interrupt handler */
};

#define MAX_LOCK_DEPTH		48	/* held at once by one task, as Linux's */

#define STATIC_LOCKDEP_MAP_INIT(n, type)	{ .name = (n), .wait_type_inner = (type) }

/* Nesting annotations: a second lock of the same class, taken on purpose. */
#define SINGLE_DEPTH_NESTING	1
#define MAX_LOCKDEP_SUBCLASSES	8

/* The command line's "lockdep": the validator tracks locks. */
extern bool prove_locking;
/* Cleared by the first lock-order report, as Linux's: the graph is suspect after it. */
extern int debug_locks;

static inline void lockdep_init_map(struct lockdep_map *m, const char *name,
				    struct lock_class_key *key, short wait_type)
{
	m->key = key;
	m->class_cache = NULL;
	m->name = name;
	m->wait_type_inner = wait_type;
}

void lock_acquire(struct lockdep_map *m, unsigned int subclass, int trylock, int read,
		  unsigned long ip);
void lock_release(struct lockdep_map *m, unsigned long ip);

/*
 * The hooks the lock wrappers call: free when the validator is off.  An
 * @ip of 0 means "where lock_acquire was called from" (an inlined
 * spin_lock is in its caller's code already).
 */
static __always_inline void lock_acquire_if(struct lockdep_map *m, unsigned int subclass,
					    int trylock, int read, unsigned long ip)
{
	if (unlikely(prove_locking))
		lock_acquire(m, subclass, trylock, read, ip);
}

static __always_inline void lock_release_if(struct lockdep_map *m, unsigned long ip)
{
	if (unlikely(prove_locking))
		lock_release(m, ip);
}

#define spin_acquire(m, s, t, ip)	lock_acquire_if(m, s, t, 0, ip)
#define spin_release(m, ip)		lock_release_if(m, ip)
#define mutex_acquire(m, s, t, ip)	lock_acquire_if(m, s, t, 0, ip)
#define mutex_release(m, ip)		lock_release_if(m, ip)
#define rwsem_acquire(m, s, t, ip)	lock_acquire_if(m, s, t, 0, ip)
#define rwsem_acquire_read(m, s, t, ip)	lock_acquire_if(m, s, t, 1, ip)
#define rwsem_release(m, ip)		lock_release_if(m, ip)

/* An interrupt handler runs: locks taken now are in hardirq context. */
void lockdep_hardirq_enter(void);
void lockdep_hardirq_exit(void);

int lockdep_enable(void);
void lockdep_init(void);

struct task_struct;
void lockdep_init_task(struct task_struct *tsk);
void lockdep_print_held_locks(struct task_struct *tsk);

#endif
