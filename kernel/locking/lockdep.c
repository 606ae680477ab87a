/*
 * kernel/locking/lockdep.c: the lock validator, in the spirit of Linux's
 * kernel/locking/lockdep.c (the concepts are Linux's, the code is not).
 *
 * Locks are grouped in classes (include/linux/lockdep.h: one per init
 * call site, or per static lock).  Each task keeps the stack of locks it
 * holds.  Taking lock B while holding A records the edge A -> B between
 * their classes, once; a new edge first searches the graph breadth-first
 * for a path B -> ... -> A: if there is one, the two orders together can
 * deadlock, and the report shows the path found and where each of its
 * edges was recorded.  Taking a second lock of a class already held
 * (without a nesting subclass) is reported as possible recursion; a
 * class taken both in an interrupt handler and elsewhere with interrupts
 * on, as an inconsistent lock state.
 *
 * Only locks of one context are chained: locks an interrupt handler
 * takes are not ordered after the ones the task it interrupted holds,
 * as in Linux (held_lock.irq_context).  A trylock adds no edge to
 * itself: it cannot wait.
 *
 * An acquisition whose class, irq usage and edges are all known already
 * (nearly every one, once the system has run a little) changes nothing
 * in the graph and is checked without any lock, as Linux's chain cache
 * lets it skip graph_lock: classes and edges are only ever added, each
 * published by a release store once filled in.  Anything new is checked
 * and recorded with interrupts off under lockdep_lock (an arch_spin_lock,
 * which the validator does not track).  With one global lock for every
 * acquisition, four CPUs of an overcommitted host queued on it for
 * seconds with interrupts off: soft lockups at SMP=4.  A per-task
 * recursion count keeps the validator's own printk from being validated.
 * After the first lock-order report the graph is no longer trusted
 * (debug_locks is cleared, as Linux's debug_locks_off) but the held-lock
 * stacks are still kept, so a test can switch the checks back on.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm/setup.h>
#include <asm/page.h>
#include "lockdep_internals.h"

bool prove_locking;
int debug_locks = 1;

/* Guards every table below; taken with arch_spin_lock, so never validated itself. */
DEFINE_SPINLOCK(lockdep_lock);

#define CLASSHASH_SIZE	512
#define EDGEHASH_SIZE	2048

/* The two big tables come from the page allocator, only once the validator is on. */
struct lock_class *lock_classes;	/* [MAX_LOCKDEP_KEYS] */
unsigned long nr_lock_classes;
static struct lock_class *classhash_table[CLASSHASH_SIZE];
struct lock_list *list_entries;	/* [MAX_LOCKDEP_ENTRIES] */
unsigned long nr_list_entries;
static struct lock_list *edge_hash[EDGEHASH_SIZE];
unsigned long nr_redundant_checks, nr_cyclic_checks, nr_find_usage_checks;
unsigned int max_lockdep_depth;

/*
 * Where the trace of the acquisition being validated starts: @acquire_first
 * (a fused spinlock hook's site, or 0), then the return addresses up from
 * the frame @acquire_bp of the validator's entry point.
 */
static unsigned long acquire_bp, acquire_first;
extern const char __lockdep_tramps_start[], __lockdep_tramps_end[];

/* Linux's debug_locks_off: true for the caller that turned the checks off. */
bool debug_locks_off(void)
{
	return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_RELAXED) != 0;
}

static unsigned long hash_ptr2(const void *a, const void *b, unsigned long size)
{
	unsigned long h = ((unsigned long)a >> 3) * 0x9e3779b97f4a7c15UL;

	h ^= ((unsigned long)b >> 3) * 0xc2b2ae3d27d4eb4fUL;
	return (h >> 32) % size;
}

static bool in_lockdep_tramps(unsigned long ret)
{
	return ret >= (unsigned long)__lockdep_tramps_start && ret < (unsigned long)__lockdep_tramps_end;
}

/*
 * @first if not 0, then the return addresses up the frame-pointer chain
 * from @bp (a frame of the validator's entry: the first is where the lock
 * was asked for), less the hooks' trampolines and thunks.  Every read may fault
 * on a corrupt chain: it then ends (unwind_frame).
 */
void save_trace(struct lock_trace *t, unsigned long first, unsigned long bp)
{
	unsigned long ret;

	t->nr = 0;
	if (first)
		t->entries[t->nr++] = first;
	while (t->nr < LOCK_TRACE_DEPTH && unwind_frame(&bp, &ret))
		if (!in_lockdep_tramps(ret))
			t->entries[t->nr++] = ret;
}

/* A lock defined statically lives in the kernel image: its address can be a key. */
static bool static_obj(const void *p)
{
	return (unsigned long)p >= (unsigned long)_sdata && (unsigned long)p < (unsigned long)_end;
}

/* A table or the held-lock stack is full: the validator stops (Linux's words). */
static void report_limit(const char *limit)
{
	if (!debug_locks_off())
		return;
	pr_err("BUG: %s too low!\n", limit);
	pr_err("turning off the locking correctness validator.\n");
	dump_stack();
}

static void report_non_static_key(struct lockdep_map *m)
{
	if (!debug_locks_off())
		return;
	pr_err("INFO: trying to register non-static key.\n");
	pr_err("The code is fine but needs lockdep annotation, or maybe\n");
	pr_err("you didn't initialize this object before use?\n");
	pr_err("turning off the locking correctness validator.\n");
	pr_err("lock: %px (%s)\n", m, m->name);
	dump_stack();
}

static struct lock_class *new_class(const void *key, struct lockdep_map *m,
				    unsigned int subclass, unsigned long h)
{
	struct lock_class *c;

	if (nr_lock_classes >= MAX_LOCKDEP_KEYS) {
		report_limit("MAX_LOCKDEP_KEYS");
		return NULL;
	}
	c = &lock_classes[nr_lock_classes++];
	c->key = key;
	c->subclass = subclass;
	c->name = m->name;
	c->wait_type_inner = m->wait_type_inner;
	c->hash_next = classhash_table[h];
	__atomic_store_n(&classhash_table[h], c, __ATOMIC_RELEASE);	/* filled in first */
	return c;
}

static const void *class_key(const struct lockdep_map *m)
{
	return m->key ? (const void *)m->key : (const void *)m;
}

static unsigned long class_hash(const struct lockdep_map *m, unsigned int subclass)
{
	return hash_ptr2(class_key(m), (void *)(unsigned long)(subclass << 3), CLASSHASH_SIZE);
}

/*
 * The class of @m taken as @subclass if it is registered, else NULL
 * (Linux's look_up_lock_class).  Needs no lock: a class, once in the
 * table, never leaves it or changes its key.
 */
static struct lock_class *find_class(struct lockdep_map *m, unsigned int subclass)
{
	const void *key = class_key(m);
	struct lock_class *c;

	if (!subclass && (c = READ_ONCE(m->class_cache)))
		return c;
	c = __atomic_load_n(&classhash_table[class_hash(m, subclass)], __ATOMIC_ACQUIRE);
	for (; c; c = c->hash_next)
		if (c->key == key && c->subclass == subclass)
			break;
	if (c && !subclass)
		WRITE_ONCE(m->class_cache, c);	/* any CPU writes the same value */
	return c;
}

/* The class of @m taken as @subclass, registered the first time (Linux's register_lock_class). */
static struct lock_class *look_up_class(struct lockdep_map *m, unsigned int subclass)
{
	struct lock_class *c;

	if (!m->key && !static_obj(m)) {
		report_non_static_key(m);
		return NULL;
	}
	c = find_class(m, subclass);
	if (!c)
		c = new_class(class_key(m), m, subclass, class_hash(m, subclass));
	if (c && !subclass)
		WRITE_ONCE(m->class_cache, c);
	return c;
}

/* The edge @from -> @to if recorded; needs no lock (edges are only ever added). */
static struct lock_list *find_edge(struct lock_class *from, struct lock_class *to)
{
	struct lock_list *e = __atomic_load_n(&edge_hash[hash_ptr2(from, to, EDGEHASH_SIZE)],
					      __ATOMIC_ACQUIRE);

	for (; e; e = e->hash_next)
		if (e->source == from && e->class == to)
			return e;
	return NULL;
}

static bool add_edge(struct lock_class *from, struct lock_class *to, const struct lock_trace *t)
{
	unsigned long h = hash_ptr2(from, to, EDGEHASH_SIZE);
	struct lock_list *e;

	if (nr_list_entries >= MAX_LOCKDEP_ENTRIES) {
		report_limit("MAX_LOCKDEP_ENTRIES");
		return false;
	}
	e = &list_entries[nr_list_entries++];
	e->class = to;
	e->source = from;
	e->trace = *t;
	e->next = from->locks_after;
	from->locks_after = e;
	e->hash_next = edge_hash[h];
	__atomic_store_n(&edge_hash[h], e, __ATOMIC_RELEASE);	/* filled in first */
	from->nr_after++;
	to->nr_before++;
	return true;
}

/*
 * Breadth-first from @root's class along the edges: the edge that reaches
 * @target, whose parent pointers lead back to @root, or NULL.  Each class
 * is visited once per search, so the queue never holds more than them all.
 */
static struct lock_list *find_path(struct lock_list *root, struct lock_class *target)
{
	static struct lock_list *queue[MAX_LOCKDEP_KEYS + 1];
	static unsigned int gen;
	unsigned int head = 0, tail = 0;
	struct lock_list *e, *n;

	gen++;
	root->parent = NULL;
	root->class->bfs_gen = gen;
	queue[tail++] = root;
	while (head < tail) {
		e = queue[head++];
		if (e->class == target)
			return e;
		for (n = e->class->locks_after; n; n = n->next) {
			if (n->class->bfs_gen == gen)
				continue;
			n->class->bfs_gen = gen;
			n->parent = e;
			queue[tail++] = n;
		}
	}
	return NULL;
}

/*
 * @prev is held and @next is being taken: record prev -> next unless it
 * is known, after making sure no path next -> ... -> prev exists.  The
 * trace of @next's acquisition is taken once per acquisition, in @trace.
 */
static bool check_prev_add(struct task_struct *curr, struct held_lock *prev,
			   struct held_lock *next, struct lock_trace *trace)
{
	static struct lock_list root;
	struct lock_list *target;

	(void)curr;
	if (find_edge(prev->class, next->class)) {
		nr_redundant_checks++;
		return true;
	}
	nr_cyclic_checks++;
	root.class = next->class;
	target = find_path(&root, prev->class);
	if (target) {
		save_trace(&root.trace, acquire_first, acquire_bp);
		print_circular_bug(&root, target, next, prev);
		return false;
	}
	if (!trace->nr)
		save_trace(trace, acquire_first, acquire_bp);
	return add_edge(prev->class, next->class, trace);
}

/*
 * Edges to @next come from the held locks of its context from the top of
 * the stack down to the index returned: the innermost non-trylock one (the
 * ones below it are linked to @next through it) and any trylocks above it.
 */
static int lowest_prev(struct task_struct *curr, const struct held_lock *next)
{
	int i;

	for (i = curr->lockdep_depth - 1; i >= 0; i--) {
		if (curr->held_locks[i].irq_context != next->irq_context)
			return i + 1;
		if (!curr->held_locks[i].trylock)
			return i;
	}
	return 0;
}

static bool check_prevs_add(struct task_struct *curr, struct held_lock *next)
{
	struct lock_trace trace = { .nr = 0 };
	int i, lowest = lowest_prev(curr, next);

	for (i = curr->lockdep_depth - 1; i >= lowest; i--)
		if (!check_prev_add(curr, &curr->held_locks[i], next, &trace))
			return false;
	return true;
}

/* A held lock of @next's class and context, or NULL. */
static struct held_lock *find_held_class(struct task_struct *curr, const struct held_lock *next)
{
	int i;

	for (i = 0; i < curr->lockdep_depth; i++)
		/* another context's: maybe unlocked, its release still to come (spinlock.h) */
		if (curr->held_locks[i].class == next->class &&
		    curr->held_locks[i].irq_context == next->irq_context)
			return &curr->held_locks[i];
	return NULL;
}

/* A class already held, taken again: a deadlock unless it is a nesting subclass. */
static bool check_deadlock(struct task_struct *curr, struct held_lock *next)
{
	struct held_lock *prev = find_held_class(curr, next);

	if (prev)
		print_deadlock_bug(curr, prev, next);
	return !prev;
}

/*
 * Notes how the class is used with respect to interrupts: taken in a
 * handler (IN-HARDIRQ-W) or outside one with interrupts on (HARDIRQ-ON-W).
 * The two together deadlock when the interrupt comes while it is held.
 */
static int usage_bit(const struct held_lock *hl, bool irqs_on)
{
	if (hl->irq_context)
		return LOCK_USED_IN_HARDIRQ;
	return irqs_on ? LOCK_ENABLED_HARDIRQ : -1;
}

static bool mark_usage(struct task_struct *curr, struct held_lock *hl, bool irqs_on)
{
	int new_bit = usage_bit(hl, irqs_on);
	int bad_bit = new_bit == LOCK_USED_IN_HARDIRQ ? LOCK_ENABLED_HARDIRQ : LOCK_USED_IN_HARDIRQ;
	struct lock_class *c = hl->class;

	if (new_bit < 0 || (c->usage_mask & (1UL << new_bit)))
		return true;
	nr_find_usage_checks++;
	if (c->usage_mask & (1UL << bad_bit)) {
		print_usage_bug(curr, hl, bad_bit, new_bit);
		return false;
	}
	c->usage_ip[new_bit] = hl->acquire_ip;
	WRITE_ONCE(c->usage_mask, c->usage_mask | 1UL << new_bit);	/* read without the lock */
	return true;
}

/*
 * The held lock @m of @class becomes, at the top of current's stack; not
 * yet counted held.  NULL if the stack is full (the validator stops).
 */
static struct held_lock *new_held_lock(struct task_struct *curr, struct lock_class *class,
				       struct lockdep_map *m, unsigned int subclass, int trylock,
				       int read, unsigned long ip)
{
	struct held_lock *hl;

	if (curr->lockdep_depth >= MAX_LOCK_DEPTH) {
		report_limit("MAX_LOCK_DEPTH");
		return NULL;
	}
	hl = &curr->held_locks[curr->lockdep_depth];
	*hl = (struct held_lock){ .class = class, .instance = m, .acquire_ip = ip,
				  .subclass = subclass, .read = read, .trylock = trylock,
				  .irq_context = curr->hardirq_context != 0 };
	return hl;
}

/* The lock on top of current's stack is held from now on; the statistics, without a lock. */
static void push_held_lock(struct task_struct *curr, struct held_lock *hl)
{
	unsigned int depth = ++curr->lockdep_depth, max = READ_ONCE(max_lockdep_depth);

	__atomic_fetch_add(&hl->class->ops, 1, __ATOMIC_RELAXED);
	while (depth > max && !__atomic_compare_exchange_n(&max_lockdep_depth, &max, depth, false,
							   __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/*
 * Are all the checks of @hl known to pass (Linux's lookup_chain_cache
 * hit)?  Its usage already marked, no held lock of its class, and every
 * edge check_prevs_add would add already there: then the graph does not
 * change and nothing need be locked.  Any doubt: false, for the locked path.
 */
static bool acquire_known(struct task_struct *curr, struct held_lock *hl, bool irqs_on)
{
	int bit = usage_bit(hl, irqs_on), i, lowest;

	if (bit >= 0 && !(READ_ONCE(hl->class->usage_mask) & (1UL << bit)))
		return false;
	if (hl->trylock)
		return true;
	if (find_held_class(curr, hl))
		return false;
	lowest = lowest_prev(curr, hl);
	for (i = curr->lockdep_depth - 1; i >= lowest; i--)
		if (!find_edge(curr->held_locks[i].class, hl->class))
			return false;
	return true;
}

/* The locked path: registers, marks, checks and records whatever is new. */
static void __lock_acquire(struct lockdep_map *m, unsigned int subclass, int trylock,
			   int read, unsigned long ip, bool irqs_on)
{
	struct task_struct *curr = current;
	struct lock_class *class = look_up_class(m, subclass);
	struct held_lock *hl;

	if (!class || !(hl = new_held_lock(curr, class, m, subclass, trylock, read, ip)))
		return;
	if (debug_locks && mark_usage(curr, hl, irqs_on) && !trylock &&
	    check_deadlock(curr, hl))
		check_prevs_add(curr, hl);
	push_held_lock(curr, hl);
}

/* The lockless path: true if @m's acquisition is known and now held. */
static bool lock_acquire_known(struct lockdep_map *m, unsigned int subclass, int trylock,
			       int read, unsigned long ip, bool irqs_on)
{
	struct task_struct *curr = current;
	struct lock_class *class = find_class(m, subclass);
	struct held_lock *hl;

	if (!class || curr->lockdep_depth >= MAX_LOCK_DEPTH)
		return false;
	hl = new_held_lock(curr, class, m, subclass, trylock, read, ip);
	if (READ_ONCE(debug_locks) && !acquire_known(curr, hl, irqs_on))
		return false;
	push_held_lock(curr, hl);
	return true;
}

/* The acquisition's work; the trace of a new edge starts with @first, then the callers of @bp. */
static noinline void lock_acquire_at(struct lockdep_map *m, unsigned int subclass, int trylock,
				     int read, unsigned long ip, unsigned long first,
				     unsigned long bp)
{
	struct task_struct *curr = current;
	unsigned long flags;

	if (unlikely(!curr || curr->lockdep_recursion))
		return;
	local_irq_save(flags);
	curr->lockdep_recursion++;
	if (!lock_acquire_known(m, subclass, trylock, read, ip, flags & X86_EFLAGS_IF)) {
		preempt_count_add(1);	/* a holder, as spin_lock_contended counts them */
		arch_spin_lock(&lockdep_lock);
		acquire_bp = bp;
		acquire_first = first;
		__lock_acquire(m, subclass, trylock, read, ip, flags & X86_EFLAGS_IF);
		arch_spin_unlock(&lockdep_lock);
		preempt_count_add(-1);
	}
	curr->lockdep_recursion--;
	local_irq_restore(flags);
}

/*
 * Linux's lock_acquire, from the hooks' thunks: @m is about to be taken
 * (@trylock: it was, without waiting).  A spinlock's hook gives the site
 * in the locking function; a mutex's or rwsem's, its caller.
 */

/* A fused spinlock hook's, from __lockdep_acquire_thunk: @site is in the locking function. */
void lockdep_spin_acquire(spinlock_t *l, unsigned long flags, unsigned long site)
{
	lock_acquire_at(&l->dep_map, flags & ~LOCKDEP_TRYLOCK, !!(flags & LOCKDEP_TRYLOCK), 0,
			site, site, (unsigned long)__builtin_frame_address(0));
}

/*
 * Linux's lock_release: @m is let go; it leaves the held stack wherever
 * it is in it (locks need not be released in order).  A lock that is not
 * there was taken while the validator was off or could not class it.
 */
void lock_release(struct lockdep_map *m, unsigned long ip)
{
	struct task_struct *curr = current;
	unsigned long flags;
	int i;

	(void)ip;
	if (unlikely(!curr || curr->lockdep_recursion))
		return;
	local_irq_save(flags);
	for (i = curr->lockdep_depth - 1; i >= 0; i--) {
		if (curr->held_locks[i].instance != m)
			continue;
		curr->lockdep_depth--;
		memmove(&curr->held_locks[i], &curr->held_locks[i + 1],
			(curr->lockdep_depth - i) * sizeof(struct held_lock));
		break;
	}
	local_irq_restore(flags);
}

/*
 * Linux's lock_set_subclass: held lock @m counts as @subclass from now
 * on (double_unlock_balance: the queue lock taken nested stays held when
 * the other is let go).  Unlike Linux's, the locks taken after @m are not
 * validated again: call it on the last lock held.
 */
void lock_set_subclass(struct lockdep_map *m, unsigned int subclass, unsigned long ip)
{
	struct task_struct *curr = current;
	struct lock_class *class;
	unsigned long flags;
	int i;

	(void)ip;
	if (unlikely(!prove_locking || !curr || curr->lockdep_recursion))
		return;
	local_irq_save(flags);
	curr->lockdep_recursion++;
	preempt_count_add(1);		/* a holder, as spin_lock_contended counts them */
	arch_spin_lock(&lockdep_lock);
	for (i = curr->lockdep_depth - 1; i >= 0; i--) {
		if (curr->held_locks[i].instance != m)
			continue;
		class = look_up_class(m, subclass);
		if (class) {
			curr->held_locks[i].class = class;
			curr->held_locks[i].subclass = subclass;
		}
		break;
	}
	arch_spin_unlock(&lockdep_lock);
	preempt_count_add(-1);
	curr->lockdep_recursion--;
	local_irq_restore(flags);
}

/* A mutex's or rwsem's hook, from __lockdep_map_acquire_thunk; @ip is where it was asked for. */
void lockdep_map_acquire_flags(struct lockdep_map *m, unsigned long flags, unsigned long ip)
{
	lock_acquire_at(m, flags & 0xff, !!(flags & LOCKDEP_TRYLOCK), !!(flags & LOCKDEP_READ),
			ip, 0, (unsigned long)__builtin_frame_address(0));
}

/* A fused spinlock hook's, from __lockdep_release_thunk. */
void lockdep_spin_release(spinlock_t *l, unsigned long site)
{
	lock_release(&l->dep_map, site);
}

/* do_irq brackets a handler: what it locks is in hardirq context. */
void lockdep_hardirq_enter(void)
{
	current->hardirq_context++;
}

void lockdep_hardirq_exit(void)
{
	current->hardirq_context--;
}

/* A new task holds nothing (its task_struct was copied from a parent that may). */
void lockdep_init_task(struct task_struct *tsk)
{
	tsk->lockdep_depth = 0;
	tsk->lockdep_recursion = 0;
	tsk->hardirq_context = 0;
}
