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
 * every boot; make bench does not).  Off, a lock operation runs no
 * instruction for it (its hooks are fused into instructions it runs
 * anyway, below), and its tables take no memory.
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
/* A mutex's or rwsem's acquisition; @flags: the subclass | LOCKDEP_TRYLOCK | LOCKDEP_READ. */
void lockdep_map_acquire_flags(struct lockdep_map *m, unsigned long flags, unsigned long ip);
void lock_set_subclass(struct lockdep_map *m, unsigned int subclass, unsigned long ip);

/*
 * The hooks.  While the validator is off, a lock operation runs no
 * instruction for it: each hook is fused into an instruction of at least
 * 5 bytes that the path runs anyway (preempt_disable()'s add, a mutex's
 * or rwsem's compare-and-exchange, the store of the new current task, the
 * allocator's fault-injection compare, a user copy's first instructions).
 * lockdep_enable() rewrites the instruction's first 5 bytes into a jump to
 * a trampoline (section .text.lockdep_tramps) that calls the validator's
 * thunks and runs the instruction, in the order the hook needs, then
 * jumps back after it: the idea of Linux's static keys, without even the
 * no-op they leave at each site.  The thunks (kernel/locking/lockdep_thunk.S)
 * save every register and the flags, so nothing is clobbered and the
 * compiler's code around a hook is the same as without it; an instruction
 * whose flags the code uses runs last in its trampoline.  Each site is
 * listed in .lockdep_fused with its trampoline; lockdep_enable() keeps the
 * bytes it overwrites, which is how the patch is undone.  The assembler
 * refuses an instruction shorter than the jump.
 *
 * LOCKDEP_FUSED(insn, tramp): @insn in line, @tramp (which runs @insn
 * itself, once) out of line.  In @tramp, 661b is the site's address.
 */
#define LOCKDEP_FUSED(insn, tramp) \
	"661:\t" insn "\n663:\n\t" \
	".if 663b - 661b < 5\n\t.error \"a fused lockdep hook needs 5 bytes\"\n\t.endif\n\t" \
	".pushsection .lockdep_fused, \"a\"\n\t.balign 8\n\t.quad 661b, 662f\n\t.popsection\n\t" \
	".pushsection .text.lockdep_tramps, \"ax\"\n" \
	"662:\t" tramp "\n\tjmp 663b\n\t.popsection\n"

/* A call of @thunk with 2 or 3 arguments pushed, the first first. */
#define LOCKDEP_CALL2(thunk, a, b) \
	"pushq " a "\n\tpushq " b "\n\tcall " thunk "\n\tleaq 16(%%rsp), %%rsp\n\t"
#define LOCKDEP_CALL3(thunk, a, b, c) \
	"pushq " a "\n\tpushq " b "\n\tpushq " c "\n\tcall " thunk "\n\tleaq 24(%%rsp), %%rsp\n\t"
/*
 * The same with the address of a lockdep_map @off bytes into the object
 * %[obj], pushed without changing the flags (a trylock's hook runs after
 * the instruction whose flags say whether it took the lock).
 */
#define LOCKDEP_PUSH_MAP(off) \
	"pushq %%rax\n\tleaq " off "(%q[obj]), %%rax\n\txchgq %%rax, (%%rsp)\n\t"
#define LOCKDEP_MAP_CALL2(thunk, off, b) \
	LOCKDEP_PUSH_MAP(off) "pushq " b "\n\tcall " thunk "\n\tleaq 16(%%rsp), %%rsp\n\t"
#define LOCKDEP_MAP_CALL3(thunk, off, b, c) \
	LOCKDEP_PUSH_MAP(off) "pushq " b "\n\tpushq " c "\n\tcall " thunk \
	"\n\tleaq 24(%%rsp), %%rsp\n\t"
/* might_sleep()'s check, from a trampoline (file and line of the hook). */
#define LOCKDEP_MIGHT_SLEEP	LOCKDEP_CALL2("__might_sleep_thunk", "%[file]", "%[line]")
#define LOCKDEP_FILE_LINE	[file] "i"(__FILE__), [line] "i"(__LINE__)
/* The return address of the function the hook is in (its frame pointer's). */
#define LOCKDEP_RET_IP		[ip] "m"(((unsigned long *)__builtin_frame_address(0))[1])

/* preempt_disable(), then lock_acquire() of spinlock @l as @subclass. */
#define preempt_disable_acquire(l, subclass) \
	__asm__ __volatile__(LOCKDEP_FUSED("addl $1, %%gs:%c[pc]", \
				"addl $1, %%gs:%c[pc]\n\t" \
				LOCKDEP_CALL3("__lockdep_acquire_thunk", "%q[lock]", "%q[sub]", "$661b")) \
			     :: [pc] "i"(PCPU_PREEMPT_COUNT), [lock] "r"(l), \
				[sub] "ri"((unsigned long)(subclass)) : "memory")

/* Flags of an acquisition: the subclass, or'ed with these (they fit a pushq immediate). */
#define LOCKDEP_TRYLOCK		0x40000000UL	/* a trylock took it: no edge to it */
#define LOCKDEP_READ		0x20000000UL	/* a shared (down_read) hold */
#define LOCKDEP_FLAGS(s, t, r)	((s) | ((t) ? LOCKDEP_TRYLOCK : 0) | ((r) ? LOCKDEP_READ : 0))

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

	__asm__ __volatile__(LOCKDEP_FUSED("decl %%gs:%c[pc]",
				LOCKDEP_CALL2("__lockdep_release_thunk", "%q[lock]", "$661b")
				"decl %%gs:%c[pc]")
			     : "=@ccz"(zero) : [pc] "i"(PCPU_PREEMPT_COUNT), [lock] "r"(l) : "memory");
	if (__builtin_expect(zero, 0))
		preempt_schedule();
}

/* An interrupt handler runs: locks taken now are in hardirq context. */
void lockdep_hardirq_enter(void);
void lockdep_hardirq_exit(void);

int lockdep_enable(void);
void lockdep_disable(void);
void lockdep_init(void);

struct task_struct;
void lockdep_init_task(struct task_struct *tsk);
/* The run-queue lock across a context switch (kernel/sched/core.c, __switch_to's hook). */
void lockdep_switch_out(void);
void lockdep_switch_in(void);
void lockdep_print_held_locks(struct task_struct *tsk);

#endif
