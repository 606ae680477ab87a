/*
 * kernel/locking/lockdep_internals.h: the lock validator's own data, shared
 * by its graph (lockdep.c), its reports (lockdep_print.c) and its /proc
 * files (lockdep_proc.c).  Everything here is written under lockdep_lock
 * but a class's ops and max_lockdep_depth (atomics); the tables are read
 * without it too (lockdep.c says how).
 */
#ifndef _KERNEL_LOCKING_LOCKDEP_INTERNALS_H
#define _KERNEL_LOCKING_LOCKDEP_INTERNALS_H

#include <linux/lockdep.h>
#include <linux/spinlock.h>

/* Static pools, as Linux's: the validator never allocates (it runs inside kmalloc's locks). */
#define MAX_LOCKDEP_KEYS	1024	/* lock classes */
#define MAX_LOCKDEP_ENTRIES	8192	/* recorded "A before B" edges */
#define LOCK_TRACE_DEPTH	8	/* return addresses kept per edge */

/* A class's irq usage (Linux's enum lock_usage_bit, hardirq and write only). */
enum lock_usage_bit {
	LOCK_USED_IN_HARDIRQ,	/* taken in an interrupt handler */
	LOCK_ENABLED_HARDIRQ,	/* taken with interrupts on, outside one */
	LOCK_USAGE_STATES,
};

struct lock_trace {
	unsigned int nr;
	unsigned long entries[LOCK_TRACE_DEPTH];
};

/* One edge of the graph: its source class held while @class was taken. */
struct lock_list {
	struct lock_class *class;	/* the lock taken second */
	struct lock_class *source;	/* the lock held */
	struct lock_list *next;		/* the source's next edge (locks_after) */
	struct lock_list *hash_next;	/* in edge_hash, found by (source, class) */
	struct lock_list *parent;	/* breadth-first search: how we got here */
	struct lock_trace trace;	/* where @class was taken with @source held */
};

struct lock_class {
	struct lock_class *hash_next;	/* in classhash_table */
	const void *key;		/* the lock_class_key, or the static lock */
	unsigned int subclass;
	const char *name;
	short wait_type_inner;
	unsigned long usage_mask;	/* 1 << enum lock_usage_bit */
	unsigned long usage_ip[LOCK_USAGE_STATES];	/* where each usage was first seen */
	struct lock_list *locks_after;	/* edges from this class */
	unsigned int nr_after, nr_before;
	unsigned long ops;		/* acquisitions */
	unsigned int bfs_gen;		/* visited by search number bfs_gen */
};

extern spinlock_t lockdep_lock;
extern struct lock_class *lock_classes;
extern struct lock_list *list_entries;
extern unsigned long nr_lock_classes;
extern unsigned long nr_list_entries;
extern unsigned long nr_redundant_checks, nr_cyclic_checks, nr_find_usage_checks;
extern unsigned int max_lockdep_depth;

bool debug_locks_off(void);
void save_trace(struct lock_trace *t, unsigned long first, unsigned long bp);

/* The reports, in Linux's words (lockdep_print.c); each taints with TAINT_WARN. */
void print_circular_bug(struct lock_list *root, struct lock_list *target,
			struct held_lock *check_src, struct held_lock *check_tgt);
void print_deadlock_bug(struct task_struct *curr, struct held_lock *prev,
			struct held_lock *next);
void print_usage_bug(struct task_struct *curr, struct held_lock *this,
		     enum lock_usage_bit prev_bit, enum lock_usage_bit new_bit);
void print_lock_name(char *buf, size_t size, const struct lock_class *class);
void print_lock_usage(char *buf, size_t size, const struct lock_class *class);

#endif
