/*
 * mm/oom_kill.c: when memory runs out, kill the process whose death frees
 * the most (Linux's OOM killer, with its names and log lines).
 *
 * The page allocator calls out_of_memory() when a process's page cannot
 * be had (mm/page_alloc.c).  select_bad_process() scores every process by
 * oom_badness(): its resident pages, page tables and swap, plus
 * oom_score_adj thousandths of RAM; init, kernel threads and processes at
 * oom_score_adj -1000 are never chosen.  oom_kill_process() logs the
 * choice and sends SIGKILL; the allocating task then retries while the
 * victim exits.  A victim that cannot exit promptly (stuck in an
 * uninterruptible sleep) has its private memory torn down anyway, by the
 * oom_reaper thread two seconds later.  While a victim has not freed its
 * memory, no second process is killed.  With nobody left to kill, the
 * kernel panics, as Linux does.
 *
 * Locks: oom_lock makes one invocation at a time; the process list is
 * walked under tasklist_lock, under which no task can drop its mm (exit_mm
 * and exec_mmap change task->mm under it); oom_reaper_lock protects the
 * reaper's list.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/bitops.h>
#include <linux/time.h>
#include <linux/init.h>
#include <linux/oom.h>

#define K(pages)		((pages) << (PAGE_SHIFT - 10))
#define OOM_REAPER_DELAY	(2 * HZ)	/* the victim's chance to exit by itself */
#define MAX_OOM_REAP_RETRIES	10

DEFINE_MUTEX(oom_lock);
static DEFINE_SPINLOCK(oom_reaper_lock);	/* protects oom_reaper_list */
static struct task_struct *oom_reaper_list;
static DECLARE_WAIT_QUEUE_HEAD(oom_reaper_wait);

/* Init and kernel threads are never killed to free memory. */
static bool oom_unkillable_task(struct task_struct *p)
{
	return is_global_init(p) || (p->flags & PF_KTHREAD);
}

/* A thread of @p that still has its mm (Linux's find_lock_task_mm).  Under tasklist_lock. */
struct task_struct *find_lock_task_mm(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (t->mm)
			return t;
	return NULL;
}

/* A vfork child: its mm is its parent's, and killing it frees nothing. */
static bool in_vfork(struct task_struct *p)
{
	return p->vfork_done && p->real_parent->mm == p->mm;
}

/*
 * How much killing @p would free, in pages, shifted by its oom_score_adj
 * (Linux's oom_badness): rss + swap entries + page tables, plus adj
 * thousandths of @totalpages.  LONG_MIN for a process never to be chosen.
 * Under tasklist_lock.
 */
long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (oom_unkillable_task(p))
		return LONG_MIN;
	p = find_lock_task_mm(p);
	if (!p)
		return LONG_MIN;
	adj = p->signal->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || test_bit(MMF_OOM_SKIP, &p->mm->flags) || in_vfork(p))
		return LONG_MIN;
	points = get_mm_rss(p->mm) + get_mm_counter(p->mm, MM_SWAPENTS) +
		 mm_pgtables_bytes(p->mm) / PAGE_SIZE;
	adj *= totalpages / 1000;
	return points + adj;
}

/*
 * Weighs @task for @oc (Linux's oom_evaluate_task).  Returns true to stop
 * the scan: a victim chosen earlier has not freed its memory yet, so the
 * killer waits for it rather than kill a second process.
 */
static bool oom_evaluate_task(struct task_struct *task, struct oom_control *oc)
{
	long points;

	if (oom_unkillable_task(task))
		return false;
	if (tsk_is_oom_victim(task)) {
		if (test_bit(MMF_OOM_SKIP, &task->signal->oom_mm->flags))
			return false;
		if (oc->chosen)
			put_task_struct(oc->chosen);
		oc->chosen = (void *)-1UL;
		return true;
	}
	points = oom_badness(task, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return false;
	if (oc->chosen)
		put_task_struct(oc->chosen);
	get_task_struct(task);
	oc->chosen = task;
	oc->chosen_points = points;
	return false;
}

/* The process with the highest badness, in oc->chosen (with a reference). */
static void select_bad_process(struct oom_control *oc)
{
	struct task_struct *p;

	oc->chosen_points = LONG_MIN;
	spin_lock_irq(&tasklist_lock);
	for_each_process(p)
		if (oom_evaluate_task(p, oc))
			break;
	spin_unlock_irq(&tasklist_lock);
}

static uid_t task_uid_global(struct task_struct *p)
{
	return from_kuid(&init_user_ns, p->real_cred->uid);
}

/* One line per process that could be chosen, in pages (Linux's dump_tasks). */
static void dump_tasks(void)
{
	struct task_struct *p, *t;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	spin_lock_irq(&tasklist_lock);
	for_each_process(p) {
		t = oom_unkillable_task(p) ? NULL : find_lock_task_mm(p);
		if (!t)
			continue;
		pr_info("[%7d] %5u %5d %8lu %8lu %8lu %8lu         %5hd %s\n", t->pid,
			task_uid_global(t), t->tgid, t->mm->total_vm, get_mm_rss(t->mm),
			mm_pgtables_bytes(t->mm), get_mm_counter(t->mm, MM_SWAPENTS),
			t->signal->oom_score_adj, t->comm);
	}
	spin_unlock_irq(&tasklist_lock);
}

/* What the report says about memory (a short form of Linux's show_mem). */
static void show_mem(void)
{
	pr_info("Mem-Info:\n");
	pr_info("Normal free:%lukB min:%lukB managed:%lukB\n", K(nr_free_pages()),
		K(zone_normal.watermark_min), K(totalram_pages()));
	pr_info("%lu pages RAM\n", totalram_pages());
}

/* The report before a kill, or before the panic when nobody can be killed. */
static void dump_header(struct oom_control *oc, struct task_struct *victim)
{
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%hd\n",
		current->comm, oc->gfp_mask, &oc->gfp_mask, oc->order,
		current->signal->oom_score_adj);
	dump_stack();
	show_mem();
	dump_tasks();
	if (victim)
		pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),task=%s,pid=%d,uid=%u\n",
			victim->comm, victim->pid, task_uid_global(victim));
}

/*
 * Will @task's memory be freed without a kill: is its whole process
 * already exiting (Linux's __task_will_free_mem)?
 */
static bool __task_will_free_mem(struct task_struct *task)
{
	if (task->signal->flags & SIGNAL_GROUP_EXIT)
		return true;
	return thread_group_empty(task) && (task->flags & PF_EXITING);
}

/* Is @mm the address space of @p's process?  Under tasklist_lock. */
bool process_shares_mm(struct task_struct *p, struct mm_struct *mm)
{
	struct task_struct *t = find_lock_task_mm(p);

	return t && t->mm == mm;
}

/*
 * ... and of every other process that shares its mm (CLONE_VM without
 * CLONE_THREAD): then killing is not needed, only waiting (Linux's
 * task_will_free_mem).
 */
static bool task_will_free_mem(struct task_struct *task)
{
	struct mm_struct *mm;
	struct task_struct *p;
	bool ret = false;

	spin_lock_irq(&tasklist_lock);
	mm = task->mm;
	if (!mm || !__task_will_free_mem(task) || test_bit(MMF_OOM_SKIP, &mm->flags))
		goto out;
	ret = true;
	if (atomic_read(&mm->mm_users) <= 1)
		goto out;
	for_each_process(p) {
		if (process_shares_mm(p, mm) && !same_thread_group(task, p) &&
		    !__task_will_free_mem(p)) {
			ret = false;
			break;
		}
	}
out:
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

/*
 * @tsk's process is a victim: signal->oom_mm holds @mm until the process
 * is freed, which is how the killer knows to wait for it, and lets it use
 * half the memory reserve to exit.  Under tasklist_lock.
 */
static void __mark_oom_victim(struct task_struct *tsk, struct mm_struct *mm)
{
	if (!tsk->signal || tsk->signal->oom_mm)
		return;
	tsk->signal->oom_mm = mm;
	mmgrab(mm);
	set_bit(MMF_OOM_VICTIM, &mm->flags);
}

void mark_oom_victim(struct task_struct *tsk)
{
	spin_lock_irq(&tasklist_lock);
	if (tsk->mm)
		__mark_oom_victim(tsk, tsk->mm);
	spin_unlock_irq(&tasklist_lock);
}

/* ---- the reaper ------------------------------------------------------------------ */

/* Tears down @mm's private memory: what the victim would free by exiting. */
static void __oom_reap_task_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	set_bit(MMF_UNSTABLE, &mm->flags);	/* from now on a fault fails, never sees zeros */
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!vma->vm_ops || !(vma->vm_flags & VM_SHARED))
			zap_page_range(vma, vma->vm_start, vma->vm_end);
}

/* False if the mm is busy (its mmap_lock write-held): try again later. */
static bool oom_reap_task_mm(struct task_struct *tsk, struct mm_struct *mm)
{
	if (!down_read_trylock(&mm->mmap_lock))
		return false;
	if (!test_bit(MMF_OOM_SKIP, &mm->flags)) {	/* exit_mmap has not run */
		__oom_reap_task_mm(mm);
		pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB\n",
			task_pid_nr(tsk), tsk->comm, K(get_mm_counter(mm, MM_ANONPAGES)),
			K(get_mm_counter(mm, MM_FILEPAGES)), K(get_mm_counter(mm, MM_SHMEMPAGES)));
	}
	up_read(&mm->mmap_lock);
	return true;
}

/*
 * The mm the killer waits on for @tsk's process, with a hold on it; NULL
 * once the process is released (release_task drops its signal_struct,
 * after exit_mmap freed everything).
 */
static struct mm_struct *oom_victim_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = NULL;

	spin_lock_irq(&tasklist_lock);
	if (tsk->signal && tsk->signal->oom_mm) {
		mm = tsk->signal->oom_mm;
		mmgrab(mm);
	}
	spin_unlock_irq(&tasklist_lock);
	return mm;
}

static void oom_reap_task(struct task_struct *tsk)
{
	struct mm_struct *mm = oom_victim_mm(tsk);
	int attempts = 0;

	if (!mm)
		goto out;
	while (attempts++ < MAX_OOM_REAP_RETRIES && !oom_reap_task_mm(tsk, mm))
		schedule_timeout_interruptible(HZ / 10);
	if (attempts > MAX_OOM_REAP_RETRIES && !test_bit(MMF_OOM_SKIP, &mm->flags))
		pr_info("oom_reaper: unable to reap pid:%d (%s)\n", task_pid_nr(tsk), tsk->comm);
	/* reaped, or never will be: the killer may choose someone else now */
	set_bit(MMF_OOM_SKIP, &mm->flags);
	mmdrop(mm);
out:
	put_task_struct(tsk);
}

static struct task_struct *oom_reaper_next(void)
{
	struct task_struct *tsk;

	spin_lock_irq(&oom_reaper_lock);
	tsk = oom_reaper_list;
	if (tsk)
		oom_reaper_list = tsk->oom_reaper_list;
	spin_unlock_irq(&oom_reaper_lock);
	return tsk;
}

static int oom_reaper(void *unused)
{
	struct task_struct *tsk;

	(void)unused;
	for (;;) {
		wait_event_interruptible(oom_reaper_wait, READ_ONCE(oom_reaper_list) != NULL);
		while ((tsk = oom_reaper_next()))
			oom_reap_task(tsk);
	}
	return 0;
}

/* The victim's delay is up: hand it to the reaper (timer context). */
static void wake_oom_reaper(struct timer_list *timer)
{
	struct task_struct *tsk = container_of(timer, struct task_struct, oom_reaper_timer);
	unsigned long flags;

	spin_lock_irqsave(&oom_reaper_lock, flags);
	tsk->oom_reaper_list = oom_reaper_list;
	oom_reaper_list = tsk;
	spin_unlock_irqrestore(&oom_reaper_lock, flags);
	wake_up(&oom_reaper_wait);
}

/* Reaps @tsk's memory OOM_REAPER_DELAY from now unless it has exited by then. */
static void queue_oom_reaper(struct task_struct *tsk)
{
	struct mm_struct *mm = oom_victim_mm(tsk);
	bool queued = !mm || test_and_set_bit(MMF_OOM_REAP_QUEUED, &mm->flags);

	if (mm)
		mmdrop(mm);
	if (queued)
		return;
	get_task_struct(tsk);
	timer_setup(&tsk->oom_reaper_timer, wake_oom_reaper);
	tsk->oom_reaper_timer.expires = jiffies + OOM_REAPER_DELAY;
	add_timer(&tsk->oom_reaper_timer);
}

static int __init oom_init(void)
{
	kthread_run(oom_reaper, NULL, "oom_reaper");
	return 0;
}
subsys_initcall(oom_init);

/* ---- the kill ---------------------------------------------------------------------- */

/* SIGKILL to every other process using @mm: none may keep it alive.  Under tasklist_lock. */
static void kill_mm_sharers(struct task_struct *victim, struct mm_struct *mm)
{
	struct task_struct *p;

	for_each_process(p) {
		if (!process_shares_mm(p, mm) || same_thread_group(p, victim) ||
		    (p->flags & PF_KTHREAD))
			continue;
		if (is_global_init(p)) {
			set_bit(MMF_OOM_SKIP, &mm->flags);	/* init cannot die: do not wait */
			pr_info("oom killer %d (%s) has mm pinned by %d (%s)\n",
				task_pid_nr(victim), victim->comm, task_pid_nr(p), p->comm);
			continue;
		}
		do_send_sig_info(SIGKILL, SEND_SIG_PRIV, p, true);
	}
}

static void log_oom_kill(struct task_struct *victim, struct mm_struct *mm, const char *message)
{
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, task_pid_nr(victim), victim->comm, K(mm->total_vm),
	       K(get_mm_counter(mm, MM_ANONPAGES)), K(get_mm_counter(mm, MM_FILEPAGES)),
	       K(get_mm_counter(mm, MM_SHMEMPAGES)), task_uid_global(victim),
	       mm_pgtables_bytes(mm) >> 10, victim->signal->oom_score_adj);
}

/*
 * Kills @victim (whose reference this takes) and logs it (Linux's
 * __oom_kill_process).  Under tasklist_lock the victim keeps its mm
 * (exit_mm clears task->mm under it), so the mm the log line reports is
 * alive; on another CPU the victim may be freeing some of it meanwhile.
 */
static void __oom_kill_process(struct task_struct *victim, const char *message)
{
	struct task_struct *p;
	struct mm_struct *mm;

	spin_lock_irq(&tasklist_lock);
	p = find_lock_task_mm(victim);
	if (!p) {
		spin_unlock_irq(&tasklist_lock);
		pr_info("%s: OOM victim %d (%s) is already exiting. Skip killing the task\n",
			message, task_pid_nr(victim), victim->comm);
		put_task_struct(victim);
		return;
	}
	mm = p->mm;
	mmgrab(mm);
	get_task_struct(p);
	do_send_sig_info(SIGKILL, SEND_SIG_PRIV, p, true);
	__mark_oom_victim(p, mm);
	log_oom_kill(p, mm, message);
	kill_mm_sharers(p, mm);
	spin_unlock_irq(&tasklist_lock);
	put_task_struct(victim);
	if (!test_bit(MMF_OOM_SKIP, &mm->flags))
		queue_oom_reaper(p);
	mmdrop(mm);
	put_task_struct(p);
}

/* Kills oc->chosen, unless it is dying already: then it is only waited for. */
static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen;

	if (task_will_free_mem(victim)) {
		mark_oom_victim(victim);
		queue_oom_reaper(victim);
		put_task_struct(victim);
		return;
	}
	dump_header(oc, victim);
	__oom_kill_process(victim, message);
}

/*
 * Memory ran out for @oc's allocation: free some by killing the "best"
 * process (Linux's out_of_memory).  Returns true if the caller should
 * retry: a process was killed, or one is dying already.  Called under
 * oom_lock, where sleeping is allowed.
 */
bool out_of_memory(struct oom_control *oc)
{
	if (task_will_free_mem(current)) {	/* dying already: let it have the reserve */
		mark_oom_victim(current);
		queue_oom_reaper(current);
		return true;
	}
	oc->totalpages = totalram_pages();	/* + total_swap_pages: there is no swap */
	select_bad_process(oc);
	if (!oc->chosen) {
		dump_header(oc, NULL);
		pr_warn("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory\n");
	}
	if (oc->chosen != (void *)-1UL)
		oom_kill_process(oc, "Out of memory");
	return true;
}
