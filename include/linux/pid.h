/*
 * include/linux/pid.h: struct pid, the kernel's own idea of a process id.
 *
 * A task has one number in each pid namespace from its own up to the
 * initial one.  struct pid holds them all: numbers[i] is the upid (number
 * and namespace) at level i, numbers[0] being the initial namespace's.
 * Every upid is chained in pid_hash by (nr, ns), so find_pid_ns() is one
 * hash lookup.  tasks[type] lists the tasks using this pid as their pid,
 * process group or session.  As the seed text and Linux before v4.15.
 * wait_pidfd is where pidfds of the process wait for its exit (v5.3).
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/wait.h>

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_PGID,
	PIDTYPE_SID,
	PIDTYPE_MAX,
};

struct pid_namespace;
struct task_struct;

struct upid {
	int nr;				/* the number as this namespace sees it */
	struct pid_namespace *ns;
	struct hlist_node pid_chain;	/* in pid_hash[pid_hashfn(nr, ns)] */
};

struct pid {
	atomic_t count;
	unsigned int level;		/* the depth of the namespace it was born in */
	struct hlist_head tasks[PIDTYPE_MAX];	/* tasks using this pid per type */
	wait_queue_head_t wait_pidfd;	/* pollers of its pidfds; woken when the process exits */
	struct upid numbers[];		/* level + 1 of them */
};

struct pid_link {
	struct hlist_node node;		/* in pid->tasks[type] */
	struct pid *pid;
};

extern struct pid init_struct_pid;

static inline struct pid *get_pid(struct pid *pid)
{
	if (pid)
		atomic_inc(&pid->count);
	return pid;
}

void put_pid(struct pid *pid);
struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid, size_t set_tid_size);
void free_pid(struct pid *pid);
void attach_pid(struct task_struct *task, enum pid_type type);
void detach_pid(struct task_struct *task, enum pid_type type);
void change_pid(struct task_struct *task, enum pid_type type, struct pid *pid);
void transfer_pid(struct task_struct *old, struct task_struct *new, enum pid_type type);

struct pid *find_pid_ns(int nr, struct pid_namespace *ns);
struct pid *find_vpid(int nr);
struct pid *find_get_pid(int nr);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
struct task_struct *get_pid_task(struct pid *pid, enum pid_type type);
struct task_struct *find_task_by_pid_ns(pid_t nr, struct pid_namespace *ns);
struct task_struct *find_task_by_vpid(pid_t nr);
struct task_struct *find_get_task_by_vpid(pid_t nr);
struct pid *get_task_pid(struct task_struct *task, enum pid_type type);

pid_t pid_nr(struct pid *pid);
pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns);
pid_t pid_vnr(struct pid *pid);
struct pid_namespace *ns_of_pid(struct pid *pid);
bool pid_has_task(struct pid *pid, enum pid_type type);

#define do_each_pid_task(pid, type, task) \
	if ((pid) != NULL) \
		hlist_for_each_entry(task, &(pid)->tasks[type], pids[type].node) {
#define while_each_pid_task(pid, type, task) \
		}

void pidhash_init(void);
void pidmap_init(void);

#endif
