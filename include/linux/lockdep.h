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
 * hook fused into an instruction it runs anyway, or one 5-byte no-op,
 * and its tables take no memory.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/percpu.h>

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

/* The validator tracks locks (lockdep_enable: "lockdep" on the command line). */
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

void preempt_schedule(void);
void lock_release(struct lockdep_map *m, unsigned long ip);
void lock_set_subclass(struct lockdep_map *m, unsigned int subclass, unsigned long ip);

/*
 * A spinlock's hooks are fused into an instruction its path runs anyway:
 * preempt_disable()'s add for the acquisition, preempt_enable()'s
 * decrement for the release.  While the validator is off the instruction
 * runs as it is: a spinlock costs what it cost without a validator.
 * lockdep_enable() rewrites the instruction's first 5 bytes into a jump
 * to a trampoline (section .text.lockdep_tramps) that runs the instruction,
 * pushes the lock, the subclass and the site's address, calls a thunk
 * that saves every register and the flags (kernel/locking/lockdep_thunk.S)
 * and jumps back after the instruction.  Nothing is clobbered, so the
 * compiler's code around the hook is unchanged.  Each site is listed in
 * .lockdep_fused with its trampoline and a copy of the instruction (label 664,
 * never run), which is how the patch is undone.
 */
#define LOCKDEP_FUSED_SITE \
	".pushsection .lockdep_fused, \"a\"\n\t.balign 8\n\t.quad 661b, 662f, 664f\n\t" \
	".popsection\n\t"

/* preempt_disable(), then lock_acquire() of spinlock @l as @subclass. */
#define preempt_disable_acquire(l, subclass) \
	__asm__ __volatile__("661: addl $1, %%gs:%c[pc]\n\t" LOCKDEP_FUSED_SITE \
			     ".pushsection .text.lockdep_tramps, \"ax\"\n" \
			     "664:\taddl $1, %%gs:%c[pc]\n" \
			     "662:\taddl $1, %%gs:%c[pc]\n\t" \
			     "pushq %q[lock]\n\tpushq %q[sub]\n\tpushq $661b\n\t" \
			     "call __lockdep_acquire_thunk\n\t" \
			     "leaq 24(%%rsp), %%rsp\n\tjmp 663f\n\t.popsection\n" \
			     "663:" \
			     :: [pc] "i"(PCPU_PREEMPT_COUNT), [lock] "r"(l), \
				[sub] "ri"((unsigned long)(subclass)) : "memory")

/* Flags of an acquisition: the subclass, or'ed with these (they fit a pushq immediate). */
#define LOCKDEP_TRYLOCK		0x40000000UL	/* a trylock took it: no edge to it */
#define LOCKDEP_READ		0x20000000UL	/* a shared (down_read) hold */
#define LOCKDEP_NOP5		".byte 0x0f, 0x1f, 0x44, 0x00, 0x00"

/*
 * lock_acquire/lock_release of any lock's @map where no instruction of
 * the path can carry the hook (mutexes, rwsems, trylocks, the context
 * switch): the instruction is a 5-byte no-op.  @flags: the subclass |
 * LOCKDEP_TRYLOCK | LOCKDEP_READ; @ip: where the lock was asked for.
 */
#define lockdep_map_acquire(map, flags, ip) \
	__asm__ __volatile__("661: " LOCKDEP_NOP5 "\n\t" LOCKDEP_FUSED_SITE \
			     ".pushsection .text.lockdep_tramps, \"ax\"\n" \
			     "664:\t" LOCKDEP_NOP5 "\n" \
			     "662:\tpushq %q[m]\n\tpushq %q[fl]\n\tpushq %q[at]\n\t" \
			     "call __lockdep_map_acquire_thunk\n\t" \
			     "leaq 24(%%rsp), %%rsp\n\tjmp 663f\n\t.popsection\n" \
			     "663:" \
			     :: [m] "r"(map), [fl] "ri"((unsigned long)(flags)), \
				[at] "r"((unsigned long)(ip)) : "memory")
#define lockdep_map_release(map, ip) \
	__asm__ __volatile__("661: " LOCKDEP_NOP5 "\n\t" LOCKDEP_FUSED_SITE \
			     ".pushsection .text.lockdep_tramps, \"ax\"\n" \
			     "664:\t" LOCKDEP_NOP5 "\n" \
			     "662:\tpushq %q[m]\n\tpushq %q[at]\n\t" \
			     "call __lockdep_map_release_thunk\n\t" \
			     "leaq 16(%%rsp), %%rsp\n\tjmp 663f\n\t.popsection\n" \
			     "663:" \
			     :: [m] "r"(map), [at] "r"((unsigned long)(ip)) : "memory")

/* A call of @thunk with this file and line (might_sleep, might_fault). */
#define lockdep_file_line_hook(thunk) \
	__asm__ __volatile__("661: " LOCKDEP_NOP5 "\n\t" LOCKDEP_FUSED_SITE \
			     ".pushsection .text.lockdep_tramps, \"ax\"\n" \
			     "664:\t" LOCKDEP_NOP5 "\n" \
			     "662:\tpushq %[file]\n\tpushq %[line]\n\t" \
			     "call " #thunk "\n\t" \
			     "leaq 16(%%rsp), %%rsp\n\tjmp 663f\n\t.popsection\n" \
			     "663:" \
			     :: [file] "i"(__FILE__), [line] "i"(__LINE__) : "memory")

/*
 * lock_release() of spinlock @l, then preempt_enable(): the release comes
 * after the unlock (and, for the _irq variants, after interrupts are back
 * on: an interrupt handler meanwhile still sees @l on the stack, but
 * locks of another context are never chained to it nor taken for a
 * recursion).  The decrement stays last: its flags decide the reschedule.
 */
static __always_inline void preempt_enable_release(void *l)
{
	bool zero;

	__asm__ __volatile__("661: decl %%gs:%c[pc]\n\t" LOCKDEP_FUSED_SITE
			     ".pushsection .text.lockdep_tramps, \"ax\"\n"
			     "664:\tdecl %%gs:%c[pc]\n"
			     "662:\tpushq %q[lock]\n\tpushq $661b\n\t"
			     "call __lockdep_release_thunk\n\t"
			     "leaq 16(%%rsp), %%rsp\n\t"
			     "decl %%gs:%c[pc]\n\tjmp 663f\n\t.popsection\n"
			     "663:"
			     : "=@ccz"(zero) : [pc] "i"(PCPU_PREEMPT_COUNT), [lock] "r"(l) : "memory");
	if (__builtin_expect(zero, 0))
		preempt_schedule();
}

#define LOCKDEP_FLAGS(s, t, r)	((s) | ((t) ? LOCKDEP_TRYLOCK : 0) | ((r) ? LOCKDEP_READ : 0))
#define mutex_acquire(m, s, t, ip)	lockdep_map_acquire(m, LOCKDEP_FLAGS(s, t, 0), ip)
#define mutex_release(m, ip)		lockdep_map_release(m, ip)
#define rwsem_acquire(m, s, t, ip)	lockdep_map_acquire(m, LOCKDEP_FLAGS(s, t, 0), ip)
#define rwsem_acquire_read(m, s, t, ip)	lockdep_map_acquire(m, LOCKDEP_FLAGS(s, t, 1), ip)
#define rwsem_release(m, ip)		lockdep_map_release(m, ip)

/*
 * A sleeping lock taken by @take (0 or -EINTR): it may sleep, and the
 * validator hears of the lock before the task waits for it (a deadlock
 * is reported, not entered); a wait cut short by a signal takes it back.
 */
#define lock_sleeping(map, flags, ip, take) ({ \
	int __ret; \
	might_sleep(); \
	lockdep_map_acquire(map, flags, ip); \
	__ret = (take); \
	if (__ret) \
		lockdep_map_release(map, ip); \
	__ret; \
})

/* An interrupt handler runs: locks taken now are in hardirq context. */
void lockdep_hardirq_enter(void);
void lockdep_hardirq_exit(void);

int lockdep_enable(void);
void lockdep_disable(void);
void lockdep_init(void);

struct task_struct;
void lockdep_init_task(struct task_struct *tsk);
void lockdep_print_held_locks(struct task_struct *tsk);

#endif
