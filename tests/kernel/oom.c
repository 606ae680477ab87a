/*
 * tests/kernel/oom.c: the page allocator's reserve for the kernel, the
 * OOM killer's rules that need no memory pressure, and %pGg.
 *
 * Who the killer chooses and what it logs under real pressure is tested
 * from user space (tests/user/mm_oom.c): it needs processes to choose from.
 * The suite oom_panic runs only when named, in the boot of the scenario
 * oom_panic, which must end in Linux's panic: with only init and kernel
 * threads there is nobody to kill.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/pid_namespace.h>
#include <linux/oom.h>
#include <linux/string.h>
#include <linux/mutex.h>

static void gfp_masks_print_by_name(struct ktest *t)
{
	gfp_t user = GFP_HIGHUSER_MOVABLE | __GFP_ZERO, kernel = GFP_KERNEL, none = 0;
	gfp_t odd = GFP_ATOMIC | 0x80000000u;
	char buf[96];

	snprintf(buf, sizeof(buf), "%#x(%pGg)", user, &user);
	KTEST_EXPECT_STREQ(t, buf, "0x100dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO)");
	snprintf(buf, sizeof(buf), "%pGg", &kernel);
	KTEST_EXPECT_STREQ(t, buf, "GFP_KERNEL");
	snprintf(buf, sizeof(buf), "%pGg", &none);
	KTEST_EXPECT_STREQ(t, buf, "none");
	snprintf(buf, sizeof(buf), "%pGg", &odd);	/* a bit with no name: in hex */
	KTEST_EXPECT_STREQ(t, buf, "GFP_ATOMIC|0x80000000");
}

/* min_free_kbytes = sqrt(16 * RAM in kB), then in pages (rounded down). */
static void min_watermark_follows_linux(struct ktest *t)
{
	unsigned long kb = zone_normal.watermark_min << (PAGE_SHIFT - 10);
	unsigned long ram_kb = totalram_pages() << (PAGE_SHIFT - 10);

	KTEST_EXPECT_GE(t, kb, 128);
	KTEST_EXPECT_LE(t, kb * kb, 16 * ram_kb);
	KTEST_EXPECT_GT(t, (kb + 4) * (kb + 4), 16 * ram_kb);
}

/* Takes pages with GFP_KERNEL until exactly @left are free; returns the chain. */
static struct page *take_all_but(unsigned long left)
{
	struct page *head = NULL, *p;
	int order;

	for (order = MAX_ORDER - 1; order >= 0; order--) {
		while (nr_free_pages() >= left + (1UL << order) &&
		       (p = alloc_pages(GFP_NOWAIT, order))) {	/* maybe with preemption off */
			*(struct page **)page_address(p) = head;
			p->order = order;
			head = p;
		}
	}
	return head;
}

static void give_back(struct page *head)
{
	struct page *p;

	while ((p = head)) {
		head = *(struct page **)page_address(p);
		__free_pages(p, p->order);
	}
}

/*
 * At the min watermark a process's page is refused (one that may not
 * wait, so without the OOM killer) while the kernel still gets the
 * reserve.  Preemption is off so no other task takes pages meanwhile:
 * neither allocation may sleep (the lock validator checks).
 */
static void user_pages_leave_the_reserve(struct ktest *t)
{
	unsigned long before = nr_free_pages(), min = zone_normal.watermark_min;
	struct page *head, *user, *kernel;

	preempt_disable();
	head = take_all_but(min);
	KTEST_EXPECT_EQ(t, nr_free_pages(), min);
	user = alloc_page(GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM);
	kernel = alloc_page(GFP_ATOMIC);
	preempt_enable();
	KTEST_EXPECT_NULL(t, user);
	KTEST_EXPECT_TRUE(t, kernel != NULL);
	if (user)
		put_page(user);
	if (kernel)
		put_page(kernel);
	give_back(head);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* Kernel threads and the initial namespace's init are never chosen. */
static void unkillable_tasks_have_no_badness(struct ktest *t)
{
	struct task_struct *init;
	long init_points, self_points;

	spin_lock_irq(&tasklist_lock);
	init = find_task_by_pid_ns(1, &init_pid_ns);
	init_points = init ? oom_badness(init, totalram_pages()) : LONG_MIN;
	self_points = oom_badness(current, totalram_pages());
	spin_unlock_irq(&tasklist_lock);
	KTEST_EXPECT_EQ(t, init_points, LONG_MIN);
	KTEST_EXPECT_TRUE(t, current->flags & PF_KTHREAD);
	KTEST_EXPECT_EQ(t, self_points, LONG_MIN);
}

static struct ktest_case oom_cases[] = {
	KTEST_CASE(gfp_masks_print_by_name),
	KTEST_CASE(min_watermark_follows_linux),
	KTEST_CASE(user_pages_leave_the_reserve),
	KTEST_CASE(unkillable_tasks_have_no_badness),
	KTEST_END,
};

static struct ktest_suite oom_suite = { .name = "oom", .cases = oom_cases };
KTEST_SUITE(oom_suite);

/* Never returns: out_of_memory() finds nobody and panics as Linux does. */
static void nothing_to_kill(struct ktest *t)
{
	struct oom_control oc = { .gfp_mask = GFP_HIGHUSER_MOVABLE, .order = 0 };

	mutex_lock(&oom_lock);
	out_of_memory(&oc);
	mutex_unlock(&oom_lock);
	KTEST_EXPECT_TRUE(t, false);	/* only if it did not panic */
}

static struct ktest_case oom_panic_cases[] = {
	KTEST_CASE(nothing_to_kill),
	KTEST_END,
};

static struct ktest_suite oom_panic_suite = {
	.name = "oom_panic", .cases = oom_panic_cases, .flags = KTEST_EXPLICIT,
};
KTEST_SUITE(oom_panic_suite);
