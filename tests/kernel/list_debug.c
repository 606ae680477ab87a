/*
 * tests/kernel/list_debug.c: list.h's checks catch a corrupted list, a
 * double add and a second delete, report them in Linux's words and
 * leave the list as it was.
 */
#include <linux/ktest.h>
#include <linux/list.h>
#include <linux/smp.h>
#include <linux/preempt.h>

static void add_to_a_corrupted_list(struct ktest *t)
{
	LIST_HEAD(head);
	struct list_head a, b, c;
	char where[32];

	list_add(&a, &head);
	a.prev = &c;				/* a stray write: a no longer points back at head */
	ktest_expect_reports(t, "list_add corruption");
	preempt_disable();			/* the report names the CPU it ran on */
	snprintf(where, sizeof(where), "WARNING: CPU: %d PID:", smp_processor_id());
	list_add(&b, &head);
	preempt_enable();
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "list_add corruption. next->prev should be prev");
	KTEST_EXPECT_LOGGED(t, where);
	KTEST_EXPECT_LOGGED(t, "Call Trace:");
	KTEST_EXPECT_PTR_EQ(t, head.next, &a);	/* refused: nothing changed */
	KTEST_EXPECT_PTR_EQ(t, a.prev, &c);
}

static void double_add(struct ktest *t)
{
	LIST_HEAD(head);
	struct list_head a;

	list_add(&a, &head);
	ktest_expect_reports(t, "list_add double add");
	list_add(&a, &head);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "list_add double add: new=");
	KTEST_EXPECT_PTR_EQ(t, head.next, &a);
	KTEST_EXPECT_PTR_EQ(t, a.next, &head);
}

static void delete_twice(struct ktest *t)
{
	LIST_HEAD(head);
	struct list_head a;

	list_add(&a, &head);
	list_del(&a);
	KTEST_EXPECT_PTR_EQ(t, a.next, LIST_POISON1);
	KTEST_EXPECT_PTR_EQ(t, a.prev, LIST_POISON2);
	ktest_expect_reports(t, "list_del corruption");
	list_del(&a);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "->next is LIST_POISON1 (dead000000000100)");
	KTEST_EXPECT_TRUE(t, list_empty(&head));
}

static void delete_from_a_corrupted_list(struct ktest *t)
{
	LIST_HEAD(head);
	struct list_head a, b;

	list_add_tail(&a, &head);
	list_add_tail(&b, &head);
	head.next = &b;				/* a lost: head skips it */
	ktest_expect_reports(t, "list_del corruption");
	list_del_init(&a);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "list_del corruption. prev->next should be");
	KTEST_EXPECT_PTR_EQ(t, b.prev, &a);	/* left alone */
	KTEST_EXPECT_PTR_EQ(t, a.next, &a);	/* list_del_init still empties the entry */
}

/* A neighbour in freed, poisoned memory is reported, not followed. */
static void unreadable_neighbour(struct ktest *t)
{
	struct list_head a = { (void *)0x6b6b6b6b6b6b6b6bUL, (void *)0x6b6b6b6b6b6b6b6bUL };

	ktest_expect_reports(t, "list_del corruption");
	list_del(&a);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "->prev (6b6b6b6b6b6b6b6b) cannot be read");
}

static void hlist_checks(struct ktest *t)
{
	struct hlist_head h = HLIST_HEAD_INIT;
	struct hlist_node a, b;

	hlist_add_head(&a, &h);
	ktest_expect_reports(t, "hlist_add double add");
	hlist_add_head(&a, &h);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "hlist_add double add");
	hlist_del(&a);
	KTEST_EXPECT_TRUE(t, hlist_empty(&h));
	ktest_expect_reports(t, "hlist_del corruption");
	hlist_del(&a);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "hlist_del corruption");
	hlist_add_head(&b, &h);
	b.pprev = (struct hlist_node **)&a;	/* b no longer knows where it hangs */
	ktest_expect_reports(t, "hlist_del corruption");
	hlist_del_init(&b);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_PTR_EQ(t, h.first, &b);	/* refused */
}

/* Correct use never reports: the moves and splices still work. */
static void correct_use_is_silent(struct ktest *t)
{
	LIST_HEAD(one);
	LIST_HEAD(two);
	struct list_head e[4];
	int i;

	for (i = 0; i < 4; i++)
		list_add_tail(&e[i], &one);
	list_move(&e[2], &two);
	list_move_tail(&e[0], &two);
	list_splice_init(&two, &one);
	list_del_init(&e[1]);
	list_del_init(&e[1]);			/* an empty entry may be deleted again */
	KTEST_EXPECT_PTR_EQ(t, one.next, &e[2]);
	KTEST_EXPECT_PTR_EQ(t, one.prev, &e[3]);
}

static struct ktest_case list_debug_cases[] = {
	KTEST_CASE(add_to_a_corrupted_list),
	KTEST_CASE(double_add),
	KTEST_CASE(delete_twice),
	KTEST_CASE(delete_from_a_corrupted_list),
	KTEST_CASE(unreadable_neighbour),
	KTEST_CASE(hlist_checks),
	KTEST_CASE(correct_use_is_silent),
	KTEST_END,
};

KTEST_SWITCH_ON(list_debug, debug_list);	/* the checks are on for these cases */

static struct ktest_suite list_debug_suite = {
	.name = "list_debug", .cases = list_debug_cases, .init = list_debug_init, .exit = list_debug_exit,
};
KTEST_SUITE(list_debug_suite);
