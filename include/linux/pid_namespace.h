/*
 * include/linux/pid_namespace.h: pid namespaces.
 *
 * Each namespace numbers its tasks from its own bitmap (pidmap, one page
 * of bits per 32768 pids, allocated when first needed) and knows its
 * parent, so a task born at level L gets L+1 numbers.  child_reaper is the
 * namespace's init: orphans go to it, and its death ends the namespace.
 * The layout follows the seed text and Linux v4.14's.
 */
#ifndef _LINUX_PID_NAMESPACE_H
#define _LINUX_PID_NAMESPACE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/ns_common.h>
#include <linux/spinlock.h>
#include <linux/pid.h>
#include <asm/page.h>

#define PID_MAX_DEFAULT		0x8000
#define PID_MAX_LIMIT		(4 * 1024 * 1024)
#define RESERVED_PIDS		300
#define BITS_PER_PAGE		(PAGE_SIZE * 8)
#define BITS_PER_PAGE_MASK	(BITS_PER_PAGE - 1)
#define PIDMAP_ENTRIES		((PID_MAX_LIMIT + BITS_PER_PAGE - 1) / BITS_PER_PAGE)
#define MAX_PID_NS_LEVEL	32

/* nr_hashed's top bit: the namespace still accepts new pids. */
#define PIDNS_HASH_ADDING	(1U << 31)

struct pidmap {
	atomic_t nr_free;
	void *page;		/* BITS_PER_PAGE bits; NULL until first used */
};

struct kmem_cache;
struct user_namespace;
struct vfsmount;

/* A new one's fields after pidmap start zero (create_pid_namespace): add none before it. */
struct pid_namespace {
	struct kref kref;
	struct pidmap pidmap[PIDMAP_ENTRIES];
	int last_pid;			/* the most recent number handed out */
	int pid_high;			/* no number above it was ever hashed or given back
					   by a failed alloc_pid here (pidmap_lock): no bitmap
					   page lies above its page */
	int pid_max;			/* numbers here stay below it (kernel.pid_max, v6.14) */
	unsigned int nr_hashed;		/* pids hashed in this ns | PIDNS_HASH_ADDING */
	struct task_struct *child_reaper;	/* the namespace's init */
	struct kmem_cache *pid_cachep;	/* struct pids with level + 1 upids */
	unsigned int level;		/* 0 for init_pid_ns */
	struct pid_namespace *parent;
	struct vfsmount *proc_mnt;	/* the proc instance of this namespace */
	struct user_namespace *user_ns;	/* the owner: capabilities are checked there */
	int reboot;			/* the reboot(2) command that ended the ns, or 0 */
	struct ns_common ns;
};

extern struct pid_namespace init_pid_ns;
extern int pid_max_min, pid_max_max;

static inline struct pid_namespace *get_pid_ns(struct pid_namespace *ns)
{
	if (ns != &init_pid_ns)
		kref_get(&ns->kref);
	return ns;
}

void put_pid_ns(struct pid_namespace *ns);
struct pid_namespace *create_pid_namespace(struct user_namespace *user_ns,
					   struct pid_namespace *parent);

/* The first task of a namespace, its init, has number 1 there. */
static inline bool is_child_reaper(struct pid *pid)
{
	return pid->numbers[pid->level].nr == 1;
}
struct pid_namespace *copy_pid_ns(unsigned long flags, struct user_namespace *user_ns,
				  struct pid_namespace *old_ns);
struct pid_namespace *task_active_pid_ns(struct task_struct *tsk);
void zap_pid_ns_processes(struct pid_namespace *ns);
void disable_pid_allocation(struct pid_namespace *ns);
int reboot_pid_ns(struct pid_namespace *ns, int cmd);
bool pidns_is_ancestor(struct pid_namespace *child, struct pid_namespace *ancestor);

/* pidmap internals, shared with the tests */
int alloc_pidmap(struct pid_namespace *ns);
void free_pidmap(struct upid *upid);
int next_pidmap(struct pid_namespace *ns, unsigned int last);
struct kmem_cache *create_pid_cachep(unsigned int level);
extern unsigned int pidhash_shift;
unsigned int pidhash_shift_for(unsigned long megabytes);
unsigned int pid_hashfn(int nr, const struct pid_namespace *ns);
extern spinlock_t pidmap_lock;

#endif
