/*
 * lib/list_debug.c: the reports of include/linux/list.h's checks, and
 * their switch, debug_list on the command line.
 *
 * The inline checks in list.h call these only when something is wrong.
 * Each names the first thing that is, in the words of Linux's
 * lib/list_debug.c, as a WARN (message, "WARNING: ... at", stack trace,
 * TAINT_WARN), and returns false so the caller leaves the list alone.
 * A neighbour that cannot be read (a freed, poisoned object) is reported
 * instead of followed: the report must not fault itself.
 *
 * Linux 6.1 checks list_head only; the hlist checks below are the same
 * idea applied to hash lists, worded the same way.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/uaccess.h>
#include <linux/init.h>

bool debug_list;

static int __init debug_list_setup(char *s)
{
	return kstrtobool(s ? s : "1", &debug_list);
}
early_param("debug_list", debug_list_setup);

/* *@from, or NULL if @from is not a readable kernel address (the caller reports that). */
static void *peek(const void *from, bool *ok)
{
	void *v = NULL;

	*ok = list_ptr_ok(from) && !copy_from_kernel_nofault(&v, from, sizeof(v));
	return v;
}

#define CHECK(cond, fmt, ...)	WARN(cond, fmt, ##__VA_ARGS__)

bool __list_add_valid_or_report(struct list_head *n, struct list_head *prev,
				struct list_head *next)
{
	bool rp, rn;
	void *next_prev = peek(&next->prev, &rn), *prev_next = peek(&prev->next, &rp);

	if (CHECK(!prev, "list_add corruption. prev is NULL.\n") ||
	    CHECK(!next, "list_add corruption. next is NULL.\n") ||
	    CHECK(!rn, "list_add corruption. next (%px) cannot be read.\n", next) ||
	    CHECK(!rp, "list_add corruption. prev (%px) cannot be read.\n", prev) ||
	    CHECK(next_prev != prev,
		  "list_add corruption. next->prev should be prev (%px), but was %px. (next=%px).\n",
		  prev, next_prev, next) ||
	    CHECK(prev_next != next,
		  "list_add corruption. prev->next should be next (%px), but was %px. (prev=%px).\n",
		  next, prev_next, prev) ||
	    CHECK(n == prev || n == next, "list_add double add: new=%px, prev=%px, next=%px.\n",
		  n, prev, next))
		return false;
	return true;
}

bool __list_del_entry_valid_or_report(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;
	bool rp, rn;
	void *prev_next = peek(&prev->next, &rp), *next_prev = peek(&next->prev, &rn);

	if (CHECK(!next, "list_del corruption, %px->next is NULL\n", entry) ||
	    CHECK(!prev, "list_del corruption, %px->prev is NULL\n", entry) ||
	    CHECK(next == LIST_POISON1, "list_del corruption, %px->next is LIST_POISON1 (%px)\n",
		  entry, LIST_POISON1) ||
	    CHECK(prev == LIST_POISON2, "list_del corruption, %px->prev is LIST_POISON2 (%px)\n",
		  entry, LIST_POISON2) ||
	    CHECK(!rp, "list_del corruption, %px->prev (%px) cannot be read\n", entry, prev) ||
	    CHECK(!rn, "list_del corruption, %px->next (%px) cannot be read\n", entry, next) ||
	    CHECK(prev_next != entry,
		  "list_del corruption. prev->next should be %px, but was %px. (prev=%px)\n",
		  entry, prev_next, prev) ||
	    CHECK(next_prev != entry,
		  "list_del corruption. next->prev should be %px, but was %px. (next=%px)\n",
		  entry, next_prev, next))
		return false;
	return true;
}

bool __hlist_add_valid_or_report(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;
	bool ok;
	void *first_pprev = peek(&first->pprev, &ok);

	if (CHECK(!ok, "hlist_add corruption. first (%px) cannot be read. (head=%px)\n",
		  first, h) ||
	    CHECK(first_pprev != &h->first,
		  "hlist_add corruption. first->pprev should be %px, but was %px. (first=%px)\n",
		  &h->first, first_pprev, first) ||
	    CHECK(n == first, "hlist_add double add: new=%px, head=%px.\n", n, h))
		return false;
	return true;
}

bool __hlist_del_valid_or_report(struct hlist_node *n)
{
	struct hlist_node *next = n->next, **pprev = n->pprev;
	bool rp, rn = true;
	void *at_pprev = peek(pprev, &rp), *next_pprev = next ? peek(&next->pprev, &rn) : NULL;

	if (CHECK(!pprev, "hlist_del corruption, %px->pprev is NULL\n", n) ||
	    CHECK(next == LIST_POISON1, "hlist_del corruption, %px->next is LIST_POISON1 (%px)\n",
		  n, LIST_POISON1) ||
	    CHECK(pprev == LIST_POISON2, "hlist_del corruption, %px->pprev is LIST_POISON2 (%px)\n",
		  n, LIST_POISON2) ||
	    CHECK(!rp, "hlist_del corruption, %px->pprev (%px) cannot be read\n", n, pprev) ||
	    CHECK(!rn, "hlist_del corruption, %px->next (%px) cannot be read\n", n, next) ||
	    CHECK(at_pprev != n,
		  "hlist_del corruption. *pprev should be %px, but was %px. (pprev=%px)\n",
		  n, at_pprev, pprev) ||
	    CHECK(next && next_pprev != &n->next,
		  "hlist_del corruption. next->pprev should be %px, but was %px. (next=%px)\n",
		  &n->next, next_pprev, next))
		return false;
	return true;
}
