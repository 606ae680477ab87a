/*
 * kernel/pid.c: process ids: the pidmap allocator, struct pid and pid_hash.
 *
 * As Linux before v4.15 (and the seed text): each pid namespace hands out
 * numbers from a bitmap, in increasing order, wrapping to RESERVED_PIDS at
 * pid_max; alloc_pid() takes one number in every namespace from the
 * task's own out to init_pid_ns and hashes each upid in pid_hash by
 * (nr, ns); each namespace has its own pid_max (Linux 6.14), so the
 * smallest one on the way out to the root bounds how many tasks fit; find_pid_ns() is a walk of one hash chain.  clone3's set_tid
 * (v5.5) may choose the number at some levels instead (alloc_set_tid).
 */
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/nsproxy.h>
#include <linux/bitops.h>
#include <linux/user_namespace.h>
#include <linux/capability.h>

int pid_max_min = RESERVED_PIDS + 1;
int pid_max_max = PID_MAX_LIMIT;

unsigned int pidhash_shift = 4;
static struct hlist_head *pid_hash;	/* chains of upids; protected by pidmap_lock */
DEFINE_SPINLOCK(pidmap_lock);		/* pidmaps, pid_hash, nr_hashed */

struct pid_namespace init_pid_ns;

/* The swapper's pid, 0, which no namespace's bitmap hands out. */
struct pid init_struct_pid = {
	.count = ATOMIC_INIT(1),
	.level = 0,
	.wait_pidfd = __WAIT_QUEUE_HEAD_INITIALIZER(init_struct_pid.wait_pidfd),
	.numbers = { { .nr = 0, .ns = &init_pid_ns } },
};

struct pid_namespace init_pid_ns = {
	.kref = KREF_INIT(2),
	.pidmap = {
		[0 ... PIDMAP_ENTRIES - 1] = { ATOMIC_INIT(BITS_PER_PAGE), NULL }
	},
	.last_pid = 0,
	.pid_max = PID_MAX_DEFAULT,
	.nr_hashed = PIDNS_HASH_ADDING,
	.level = 0,
	.child_reaper = &init_task,
	.user_ns = &init_user_ns,
	.ns.inum = PROC_PID_INIT_INO,
	.ns.ops = &pidns_operations,
};

static int pid_max_setup(char *s)
{
	int v;

	if (!s || kstrtoint(s, 0, &v))
		return -EINVAL;
	init_pid_ns.pid_max = clamp(v, pid_max_min, pid_max_max);
	return 0;
}
__setup("pid_max", pid_max_setup);

/*
 * The bucket of the upid (@nr, @ns): hash_long() of their sum with Linux's
 * 64-bit golden-ratio multiplier, keeping the top pidhash_shift bits, as
 * Linux v2.6.24-v4.14's pid_hashfn.
 */
unsigned int pid_hashfn(int nr, const struct pid_namespace *ns)
{
#ifndef LAB_PID	/* LAB pid: pid_hashfn */
	u64 v = (u64)(unsigned long)nr + (u64)(unsigned long)ns;

	return (v * 0x61C8864680B583EBULL) >> (64 - pidhash_shift);
#else
	/*
	 * TODO (lab pid, step 1): spread the upids over the 1 << pidhash_shift
	 * chains.  This stub keeps every upid on the first chain: find_pid_ns
	 * still finds them, one long walk at a time.
	 */
	(void)nr;
	(void)ns;
	return 0;
#endif	/* LAB_PID */
}

/* The old pidhash_init formula: 16 to 4096 buckets, by memory size. */
unsigned int pidhash_shift_for(unsigned long megabytes)
{
#ifndef LAB_PID	/* LAB pid: pidhash_init's size */
	return min(12, max(4, fls(megabytes * 4)));
#else
	/* TODO (lab pid, step 1): the seed's pidhash_init sizes the table by memory */
	(void)megabytes;
	return 4;
#endif	/* LAB_PID */
}

void pidhash_init(void)
{
	unsigned long megabytes = memblock_phys_mem_size(&memblock) >> 20;
	unsigned int i, size;

	pidhash_shift = pidhash_shift_for(megabytes);
	if (pidhash_shift > 20)		/* 1M chains: more is a bug, not a size */
		panic("pidhash_init: pidhash_shift_for(%lu) = %u", megabytes, pidhash_shift);
	size = 1U << pidhash_shift;
	pid_hash = memblock_alloc(size * sizeof(*pid_hash), PAGE_SIZE);
	if (!pid_hash)
		panic("pidhash_init: no memory for %u chains", size);
	for (i = 0; i < size; i++)
		INIT_HLIST_HEAD(&pid_hash[i]);
	pr_info("PID hash table entries: %u (order: %d, %lu bytes)\n", size,
		get_order(size * sizeof(*pid_hash)), (unsigned long)size * sizeof(*pid_hash));
}

/*
 * The chain of the upid (@nr, @ns).  A pid_hashfn that answers past the
 * table would corrupt memory far from here: stop, naming it.
 */
static __always_inline struct hlist_head *pid_chain(int nr, const struct pid_namespace *ns)
{
	unsigned int bucket = pid_hashfn(nr, ns);

	if (unlikely(bucket >> pidhash_shift))
		panic("pid_hashfn(%d, %px) = %u, past the %u chains of pid_hash", nr, ns, bucket,
		      1U << pidhash_shift);
	return &pid_hash[bucket];
}

/* Reserves pid 0 in the initial namespace and makes the level-0 pid cache. */
void pidmap_init(void)
{
	init_pid_ns.pid_max = min(pid_max_max, max(init_pid_ns.pid_max, pid_max_min));
	init_pid_ns.pidmap[0].page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!init_pid_ns.pidmap[0].page)
		panic("pidmap_init: no memory");
	set_bit(0, init_pid_ns.pidmap[0].page);
	atomic_set(&init_pid_ns.pidmap[0].nr_free, BITS_PER_PAGE - 1);
	init_pid_ns.pid_cachep = create_pid_cachep(0);
	if (!init_pid_ns.pid_cachep)
		panic("pidmap_init: no pid cache");
}

#ifndef LAB_PID	/* LAB pid: alloc_pidmap and set_tid's numbers */
static int mk_pid(struct pid_namespace *ns, struct pidmap *map, int off)
{
	return (map - ns->pidmap) * BITS_PER_PAGE + off;
}

/* A bitmap page appears the first time its range is needed. */
static int pidmap_page_alloc(struct pidmap *map)
{
	void *page = (void *)get_zeroed_page(GFP_KERNEL);
	unsigned long flags;

	if (!page)
		return -ENOMEM;
	spin_lock_irqsave(&pidmap_lock, flags);
	if (!map->page) {
		map->page = page;
		page = NULL;
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	if (page)
		free_page((unsigned long)page);
	return 0;
}

/*
 * Takes the next free number after last_pid, wrapping to RESERVED_PIDS at
 * the namespace's pid_max, so numbers are not reused until the wrap
 * (Linux's alloc_pidmap); EAGAIN when none is free below pid_max.
 * Caller holds no lock; the bitmap update is atomic.
 */
int alloc_pidmap(struct pid_namespace *ns)
{
	int i, offset, max_scan, pid, last = ns->last_pid, pid_max = READ_ONCE(ns->pid_max);
	struct pidmap *map;

	pid = last + 1;
	if (pid >= pid_max)
		pid = RESERVED_PIDS;
	offset = pid & BITS_PER_PAGE_MASK;
	map = &ns->pidmap[pid / BITS_PER_PAGE];
	max_scan = DIV_ROUND_UP(pid_max, BITS_PER_PAGE) - !offset;
	for (i = 0; i <= max_scan; ++i) {
		if (unlikely(!map->page) && pidmap_page_alloc(map))
			return -ENOMEM;
		if (atomic_read(&map->nr_free)) {
			for (;;) {
				if (!test_and_set_bit(offset, map->page)) {
					atomic_dec(&map->nr_free);
					ns->last_pid = pid;
					return pid;
				}
				offset = find_next_zero_bit(map->page, BITS_PER_PAGE, offset);
				if (offset >= (int)BITS_PER_PAGE)
					break;
				pid = mk_pid(ns, map, offset);
				if (pid >= pid_max)
					break;
			}
		}
		if (map < &ns->pidmap[(pid_max - 1) / BITS_PER_PAGE]) {
			++map;
			offset = 0;
		} else {
			map = &ns->pidmap[0];
			offset = RESERVED_PIDS;
			if (unlikely(last == offset))
				break;
		}
		pid = mk_pid(ns, map, offset);
	}
	return -EAGAIN;
}

/*
 * Takes exactly @nr in @ns (clone3's set_tid), EEXIST if it is in use.
 * last_pid stays where it was, as Linux's idr_alloc() of one number
 * leaves the cyclic allocator's cursor.
 */
static int alloc_pidmap_nr(struct pid_namespace *ns, int nr)
{
	struct pidmap *map = &ns->pidmap[nr / BITS_PER_PAGE];

	if (unlikely(!map->page) && pidmap_page_alloc(map))
		return -ENOMEM;
	if (test_and_set_bit(nr & BITS_PER_PAGE_MASK, map->page))
		return -EEXIST;
	atomic_dec(&map->nr_free);
	return nr;
}

/*
 * The number set_tid asks for in @ns, with Linux's checks in alloc_pid:
 * 0 < @tid < the namespace's pid_max (EINVAL); a namespace whose init does not exist yet
 * can only be given its pid 1 (EINVAL); the caller needs CAP_SYS_ADMIN
 * or CAP_CHECKPOINT_RESTORE over the namespace's owner (EPERM).
 */
static int alloc_set_tid(struct pid_namespace *ns, pid_t tid)
{
	if (tid < 1 || tid >= READ_ONCE(ns->pid_max))
		return -EINVAL;
	if (tid != 1 && !ns->child_reaper)
		return -EINVAL;
	if (!checkpoint_restore_ns_capable(ns->user_ns))
		return -EPERM;
	return alloc_pidmap_nr(ns, tid);
}
#else
/*
 * TODO (lab pid, step 2): Linux's alloc_pidmap (docs/labs/pid.md).  This
 * stub hands out the lowest free number of the first bitmap page: a
 * number comes back as soon as it is freed, and no namespace has more
 * than BITS_PER_PAGE of them.
 */
int alloc_pidmap(struct pid_namespace *ns)
{
	struct pidmap *map = &ns->pidmap[0];
	int nr;

	do {
		nr = find_next_zero_bit(map->page, BITS_PER_PAGE, 1);
		if (nr >= READ_ONCE(ns->pid_max) || nr >= (int)BITS_PER_PAGE)
			return -EAGAIN;
	} while (test_and_set_bit(nr, map->page));
	atomic_dec(&map->nr_free);
	ns->last_pid = nr;
	return nr;
}
#endif	/* LAB_PID */

void free_pidmap(struct upid *upid)
{
	int nr = upid->nr;
	struct pidmap *map = upid->ns->pidmap + nr / BITS_PER_PAGE;

	clear_bit(nr & BITS_PER_PAGE_MASK, map->page);
	atomic_inc(&map->nr_free);
}

/*
 * The next number after @last allocated in @ns, from its bitmap, or -1
 * (Linux 4.14's next_pidmap).  The search stops at pid_high: a number
 * above it may be taken but its pid is not hashed yet, so no caller
 * (each looks the number up with find_pid_ns) would find it anyway, and
 * a young namespace's walk is a few words, not the whole bitmap (as
 * Linux 4.15's IDR walks only the numbers it holds).
 */
int next_pidmap(struct pid_namespace *ns, unsigned int last)
{
	unsigned int nr = last + 1, high = READ_ONCE(ns->pid_high), base;
	unsigned long offset, end;
	struct pidmap *map;

	if (last >= PID_MAX_LIMIT)
		return -1;
	for (; nr <= high; nr = base + BITS_PER_PAGE) {
		base = nr & ~BITS_PER_PAGE_MASK;
		map = &ns->pidmap[nr / BITS_PER_PAGE];
		if (!map->page)
			continue;
		end = min_t(unsigned long, BITS_PER_PAGE, high - base + 1);
		offset = find_next_bit(map->page, end, nr - base);
		if (offset < end)
			return base + offset;
	}
	return -1;
}

/* One cache per depth, "pid_1" for level 0, as Linux's create_pid_cachep. */
static struct kmem_cache *pid_caches[MAX_PID_NS_LEVEL + 1];
static const char *const pid_cache_names[MAX_PID_NS_LEVEL + 1] = {
	"pid_1", "pid_2", "pid_3", "pid_4", "pid_5", "pid_6", "pid_7", "pid_8",
	"pid_9", "pid_10", "pid_11", "pid_12", "pid_13", "pid_14", "pid_15",
	"pid_16", "pid_17", "pid_18", "pid_19", "pid_20", "pid_21", "pid_22",
	"pid_23", "pid_24", "pid_25", "pid_26", "pid_27", "pid_28", "pid_29",
	"pid_30", "pid_31", "pid_32", "pid_33",
};

struct kmem_cache *create_pid_cachep(unsigned int level)
{
	if (!pid_caches[level])
		pid_caches[level] = kmem_cache_create(pid_cache_names[level],
				sizeof(struct pid) + (level + 1) * sizeof(struct upid),
				0, 0, NULL);
	return pid_caches[level];
}

/* pid_high covers @upid's number from now on.  Hold pidmap_lock. */
static inline void pid_high_raise(struct upid *upid)
{
	if (upid->nr > upid->ns->pid_high)
		upid->ns->pid_high = upid->nr;
}

/*
 * A pid with a number in @ns and each of its ancestors.  @set_tid, if
 * @set_tid_size is not 0, chooses the numbers of the innermost
 * @set_tid_size levels, innermost first; it may not name more levels
 * than there are (EINVAL).
 */
struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid, size_t set_tid_size)
{
	struct pid *pid;
	struct pid_namespace *tmp;
	struct upid *upid;
	int i, nr, retval = -ENOMEM;
	enum pid_type type;

	if (set_tid_size > ns->level + 1)
		return ERR_PTR(-EINVAL);
	pid = kmem_cache_alloc(ns->pid_cachep, GFP_KERNEL);
	if (!pid)
		return ERR_PTR(retval);
	tmp = ns;
	pid->level = ns->level;
	for (i = ns->level; i >= 0; i--) {	/* innermost first, as Linux */
#ifndef LAB_PID	/* LAB pid: set_tid in alloc_pid's loop */
		if (set_tid_size) {
			nr = alloc_set_tid(tmp, set_tid[ns->level - i]);
			set_tid_size--;
		} else {
			nr = alloc_pidmap(tmp);
		}
#else
		/*
		 * TODO (lab pid, step 3): clone3's set_tid chooses the numbers
		 * of the innermost set_tid_size levels (alloc_set_tid).
		 */
		(void)set_tid;
		nr = set_tid_size ? -EINVAL : alloc_pidmap(tmp);
#endif	/* LAB_PID */
		if (nr < 0) {
			retval = nr;
			goto out_free;
		}
		pid->numbers[i].nr = nr;
		pid->numbers[i].ns = tmp;
		tmp = tmp->parent;
	}
	get_pid_ns(ns);
	atomic_set(&pid->count, 1);
	for (type = 0; type < PIDTYPE_MAX; ++type)
		INIT_HLIST_HEAD(&pid->tasks[type]);
	init_waitqueue_head(&pid->wait_pidfd);
	spin_lock_irq(&pidmap_lock);
	if (!(ns->nr_hashed & PIDNS_HASH_ADDING))
		goto out_unlock;		/* the namespace's init has died */
	for (upid = pid->numbers + ns->level; upid >= pid->numbers; --upid) {
		hlist_add_head(&upid->pid_chain, pid_chain(upid->nr, upid->ns));
		upid->ns->nr_hashed++;
		pid_high_raise(upid);
	}
	spin_unlock_irq(&pidmap_lock);
	return pid;

out_unlock:
	spin_unlock_irq(&pidmap_lock);
	put_pid_ns(ns);
	retval = -ENOMEM;
out_free:
	spin_lock_irq(&pidmap_lock);
	while (++i <= (int)ns->level) {
		pid_high_raise(pid->numbers + i);	/* its bitmap page stays: destroy_pid_namespace frees it */
		free_pidmap(pid->numbers + i);
	}
	spin_unlock_irq(&pidmap_lock);
	kmem_cache_free(ns->pid_cachep, pid);
	return ERR_PTR(retval);
}

void put_pid(struct pid *pid)
{
	struct pid_namespace *ns;

	if (!pid || pid == &init_struct_pid)
		return;
	ns = pid->numbers[pid->level].ns;
	if (atomic_dec_and_test(&pid->count)) {
		kmem_cache_free(ns->pid_cachep, pid);
		put_pid_ns(ns);
	}
}

/* Unhashes every number of @pid and gives them back; the memory goes with the last put_pid. */
void free_pid(struct pid *pid)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&pidmap_lock, flags);
	for (i = 0; i <= (int)pid->level; i++) {
		struct upid *upid = pid->numbers + i;
		struct pid_namespace *ns = upid->ns;

		hlist_del(&upid->pid_chain);
		switch (--ns->nr_hashed) {
#ifndef LAB_PIDNS	/* LAB pidns: free_pid wakes zap_pid_ns_processes */
		case 2:
		case 1:
			/* only the reaper is left: it may be waiting in zap_pid_ns_processes */
			if (ns->child_reaper)
				wake_up_process(ns->child_reaper);
			break;
#else
		/* TODO (lab pidns, step 3): the namespace's reaper may be waiting for this */
#endif	/* LAB_PIDNS */
		case PIDNS_HASH_ADDING:
			/* the first process of the namespace failed to fork */
			ns->nr_hashed = 0;
			break;
		}
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	for (i = 0; i <= (int)pid->level; i++)
		free_pidmap(pid->numbers + i);
	put_pid(pid);
}

void disable_pid_allocation(struct pid_namespace *ns)
{
	spin_lock_irq(&pidmap_lock);
	ns->nr_hashed &= ~PIDNS_HASH_ADDING;
	spin_unlock_irq(&pidmap_lock);
}

struct pid *find_pid_ns(int nr, struct pid_namespace *ns)
{
	struct upid *pnr;

	hlist_for_each_entry(pnr, pid_chain(nr, ns), pid_chain)
		if (pnr->nr == nr && pnr->ns == ns)
			return container_of(pnr, struct pid, numbers[ns->level]);
	return NULL;
}

struct pid *find_vpid(int nr)
{
	return find_pid_ns(nr, task_active_pid_ns(current));
}

/* find_vpid without the caller holding tasklist_lock: the hash's own lock, and a reference. */
struct pid *find_get_pid(int nr)
{
	unsigned long flags;
	struct pid *pid;

	spin_lock_irqsave(&pidmap_lock, flags);
	pid = get_pid(find_vpid(nr));
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return pid;
}

/* Process group and session live on the thread group leader, as Linux 2.6-4.18. */
static struct pid **task_pid_ptr(struct task_struct *task, enum pid_type type)
{
	return type == PIDTYPE_PID ? &task->pids[type].pid :
	       &task->group_leader->pids[type].pid;
}

void attach_pid(struct task_struct *task, enum pid_type type)
{
	struct pid_link *link = &task->pids[type];

	hlist_add_head(&link->node, &link->pid->tasks[type]);
}

static void __change_pid(struct task_struct *task, enum pid_type type, struct pid *new)
{
	struct pid_link *link = &task->pids[type];
	struct pid *pid = link->pid;
	int tmp;

	hlist_del_init(&link->node);
	link->pid = new;
	if (!pid)
		return;
	for (tmp = PIDTYPE_MAX; --tmp >= 0; )
		if (!hlist_empty(&pid->tasks[tmp]))
			return;
	free_pid(pid);		/* nobody uses it any more */
}

void detach_pid(struct task_struct *task, enum pid_type type)
{
	__change_pid(task, type, NULL);
}

void change_pid(struct task_struct *task, enum pid_type type, struct pid *pid)
{
	__change_pid(task, type, pid);
	attach_pid(task, type);
}

/* Hands @old's link of @type to @new in place (exec by a non-leader thread). */
void transfer_pid(struct task_struct *old, struct task_struct *new, enum pid_type type)
{
	new->pids[type].pid = old->pids[type].pid;
	hlist_del_init(&old->pids[type].node);
	hlist_add_head(&new->pids[type].node, &new->pids[type].pid->tasks[type]);
}

struct task_struct *pid_task(struct pid *pid, enum pid_type type)
{
	struct hlist_node *first;

	if (!pid)
		return NULL;
	first = pid->tasks[type].first;
	return first ? hlist_entry(first, struct task_struct, pids[type].node) : NULL;
}

bool pid_has_task(struct pid *pid, enum pid_type type)
{
	return pid && !hlist_empty(&pid->tasks[type]);
}

struct task_struct *get_pid_task(struct pid *pid, enum pid_type type)
{
	struct task_struct *t = pid_task(pid, type);

	if (t)
		get_task_struct(t);
	return t;
}

struct task_struct *find_task_by_pid_ns(pid_t nr, struct pid_namespace *ns)
{
	return pid_task(find_pid_ns(nr, ns), PIDTYPE_PID);
}

struct task_struct *find_task_by_vpid(pid_t nr)
{
	return find_task_by_pid_ns(nr, task_active_pid_ns(current));
}

/* The task numbered @nr in the caller's pid namespace, with a reference; NULL if none. */
struct task_struct *find_get_task_by_vpid(pid_t nr)
{
	struct task_struct *task;

	spin_lock_irq(&tasklist_lock);
	task = find_task_by_vpid(nr);
	if (task)
		get_task_struct(task);
	spin_unlock_irq(&tasklist_lock);
	return task;
}

struct pid *get_task_pid(struct task_struct *task, enum pid_type type)
{
	return get_pid(*task_pid_ptr(task, type));
}

pid_t pid_nr(struct pid *pid)
{
	return pid ? pid->numbers[0].nr : 0;
}

/* @pid's number in @ns, or 0 if it has none there (it lives outside @ns). */
pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns)
{
	struct upid *upid;

	if (pid && ns->level <= pid->level) {
		upid = &pid->numbers[ns->level];
		if (upid->ns == ns)
			return upid->nr;
	}
	return 0;
}

pid_t pid_vnr(struct pid *pid)
{
	return pid_nr_ns(pid, task_active_pid_ns(current));
}

struct pid_namespace *ns_of_pid(struct pid *pid)
{
	return pid ? pid->numbers[pid->level].ns : NULL;
}

/* The namespace @tsk's own pid belongs to (never pid_ns_for_children). */
struct pid_namespace *task_active_pid_ns(struct task_struct *tsk)
{
	return ns_of_pid(tsk->pids[PIDTYPE_PID].pid);
}
