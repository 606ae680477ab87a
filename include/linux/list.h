/*
 * include/linux/list.h: doubly linked lists and hash lists, Linux's API.
 *
 * With debug_list on the command line (Linux's CONFIG_DEBUG_LIST, as a
 * boot switch), every add and delete first checks that the neighbours
 * still point at each other (inline, as Linux's CONFIG_LIST_HARDENED): a
 * corrupted list, a double add or a second delete is reported by
 * lib/list_debug.c, in Linux's words, with a stack trace, and the
 * operation is refused instead of corrupting more.  Off, a check costs
 * one test of debug_list.  A deleted entry is always poisoned
 * (LIST_POISON1/2): touching it again faults, or with the checks on is
 * reported.
 */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#include <linux/kernel.h>
#include <linux/poison.h>

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_node;
struct hlist_head;

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l;
	l->prev = l;
}

bool __list_add_valid_or_report(struct list_head *n, struct list_head *prev,
				struct list_head *next);
bool __list_del_entry_valid_or_report(struct list_head *entry);
bool __hlist_add_valid_or_report(struct hlist_node *n, struct hlist_head *h);
bool __hlist_del_valid_or_report(struct hlist_node *n);

extern bool debug_list;

/* A pointer into the kernel half: not NULL, not a poison value, not slab poison. */
static __always_inline bool list_ptr_ok(const void *p)
{
	return (unsigned long)p >= 0xffff800000000000UL;
}

/* Both are: their AND keeps the kernel half's top bits only if each has them. */
static __always_inline bool list_ptrs_ok(const void *a, const void *b)
{
	return list_ptr_ok((const void *)((unsigned long)a & (unsigned long)b));
}

/*
 * The neighbours of a list being added to are followed without a check of
 * their own (a freed list head faults on its poison, as in Linux's hardened
 * lists); an entry being deleted is checked for poison first, so that a
 * second delete is reported in Linux's words instead of faulting.
 */
static __always_inline bool __list_add_valid(struct list_head *n, struct list_head *prev,
					     struct list_head *next)
{
	if (likely(!debug_list))
		return true;
	if (likely(next->prev == prev && prev->next == next && n != prev && n != next))
		return true;
	return __list_add_valid_or_report(n, prev, next);
}

static __always_inline bool __list_del_entry_valid(struct list_head *e)
{
	struct list_head *prev = e->prev, *next = e->next;

	if (likely(!debug_list))
		return true;
	if (likely(list_ptrs_ok(next, prev) && prev->next == e && next->prev == e))
		return true;
	return __list_del_entry_valid_or_report(e);
}

static inline void __list_add(struct list_head *n, struct list_head *prev,
			      struct list_head *next)
{
	if (!__list_add_valid(n, prev, next))
		return;
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

static inline void list_add(struct list_head *n, struct list_head *head)
{
	__list_add(n, head, head->next);
}

static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	__list_add(n, head->prev, head);
}

static inline void __list_del_entry(struct list_head *e)
{
	if (!__list_del_entry_valid(e))
		return;
	e->next->prev = e->prev;
	e->prev->next = e->next;
}

static inline void list_del(struct list_head *e)
{
	__list_del_entry(e);
	e->next = LIST_POISON1;
	e->prev = LIST_POISON2;
}

static inline void list_del_init(struct list_head *e)
{
	__list_del_entry(e);
	INIT_LIST_HEAD(e);
}

/* @new takes @old's place in its list; @old is left empty. */
static inline void list_replace_init(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->next->prev = new;
	new->prev = old->prev;
	new->prev->next = new;
	INIT_LIST_HEAD(old);
}

static inline void list_move(struct list_head *e, struct list_head *head)
{
	__list_del_entry(e);
	list_add(e, head);
}

static inline void list_move_tail(struct list_head *e, struct list_head *head)
{
	__list_del_entry(e);
	list_add_tail(e, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline bool list_is_last(const struct list_head *e, const struct list_head *head)
{
	return e->next == head;
}

static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

/* Move every entry of @list to the front of @head; @list is left empty. */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head;
	list->prev->next = head->next;
	head->next->prev = list->prev;
	head->next = list->next;
	INIT_LIST_HEAD(list);
}

static inline void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	if (list_empty(list))
		return;
	list->prev->next = head;
	list->next->prev = head->prev;
	head->prev->next = list->next;
	head->prev = list->prev;
	INIT_LIST_HEAD(list);
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)
#define list_first_entry_or_null(head, type, member) \
	(list_empty(head) ? NULL : list_first_entry(head, type, member))
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)
#define list_for_each_entry(pos, head, member) \
	for (pos = list_entry((head)->next, __typeof__(*pos), member); \
	     &pos->member != (head); \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))
#define list_for_each_entry_reverse(pos, head, member) \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member); \
	     &pos->member != (head); \
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))
#define list_for_each_entry_safe(pos, n, head, member) \
	for (pos = list_entry((head)->next, __typeof__(*pos), member), \
	     n = list_entry(pos->member.next, __typeof__(*pos), member); \
	     &pos->member != (head); \
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))
#define list_for_each_entry_safe_reverse(pos, n, head, member) \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member), \
	     n = list_entry(pos->member.prev, __typeof__(*pos), member); \
	     &pos->member != (head); \
	     pos = n, n = list_entry(n->member.prev, __typeof__(*n), member))

/* Hash lists: one pointer per bucket head, as pid_hash and uidhash_table use. */
struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

#define HLIST_HEAD_INIT { .first = NULL }
#define INIT_HLIST_HEAD(h) ((h)->first = NULL)

static inline void INIT_HLIST_NODE(struct hlist_node *n)
{
	n->next = NULL;
	n->pprev = NULL;
}

static inline bool hlist_unhashed(const struct hlist_node *n)
{
	return !n->pprev;
}

static inline bool hlist_empty(const struct hlist_head *h)
{
	return !h->first;
}

static __always_inline bool __hlist_add_valid(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	if (likely(!debug_list))
		return true;
	if (likely(!first || (first->pprev == &h->first && n != first)))
		return true;
	return __hlist_add_valid_or_report(n, h);
}

static __always_inline bool __hlist_del_valid(struct hlist_node *n)
{
	struct hlist_node *next = n->next, **pprev = n->pprev;

	if (likely(!debug_list))
		return true;
	if (likely(list_ptrs_ok(pprev, next ? next : (void *)pprev) && *pprev == n &&
		   (!next || next->pprev == &n->next)))
		return true;
	return __hlist_del_valid_or_report(n);
}

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	if (!__hlist_add_valid(n, h))
		return;
	n->next = h->first;
	if (h->first)
		h->first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static inline void __hlist_del(struct hlist_node *n)
{
	if (!__hlist_del_valid(n))
		return;
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
}

static inline void hlist_del(struct hlist_node *n)
{
	__hlist_del(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}

static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		INIT_HLIST_NODE(n);
	}
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)
#define hlist_entry_safe(ptr, type, member) \
	({ __typeof__(ptr) ____ptr = (ptr); \
	   ____ptr ? hlist_entry(____ptr, type, member) : NULL; })
#define hlist_for_each_entry(pos, head, member) \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     pos; \
	     pos = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))
#define hlist_for_each_entry_safe(pos, n, head, member) \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*pos), member); \
	     pos && ({ n = pos->member.next; 1; }); \
	     pos = hlist_entry_safe(n, __typeof__(*pos), member))

#endif
