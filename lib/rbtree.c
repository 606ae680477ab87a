/*
 * lib/rbtree.c: red-black tree rebalancing.
 *
 * The classic algorithm (CLRS chapter 13) over Linux's node layout: the
 * parent pointer and the colour share one word.  Insertion recolours or
 * rotates up the tree until no red node has a red parent; erasure splices
 * out the node (or its successor) and, if a black node went, fixes the
 * black height on the way up.
 */
#include <linux/rbtree.h>

static inline bool is_black(const struct rb_node *n)
{
	return !n || (n->__rb_parent_color & 1);
}

static inline bool is_red(const struct rb_node *n)
{
	return !is_black(n);
}

static inline void set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__rb_parent_color = (n->__rb_parent_color & 1) | (unsigned long)p;
}

static inline void set_color(struct rb_node *n, int color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | color;
}

/* Makes @new take @old's place under old's parent. */
static void change_child(struct rb_node *old, struct rb_node *new,
			 struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right, *p = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		set_parent(y->rb_left, x);
	set_parent(y, p);
	change_child(x, y, p, root);
	y->rb_left = x;
	set_parent(x, y);
}

static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left, *p = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		set_parent(y->rb_right, x);
	set_parent(y, p);
	change_child(x, y, p, root);
	y->rb_right = x;
	set_parent(x, y);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && is_red(parent)) {
		gparent = rb_parent(parent);
		uncle = parent == gparent->rb_left ? gparent->rb_right : gparent->rb_left;
		if (is_red(uncle)) {			/* recolour and move up */
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (parent == gparent->rb_left) {
			if (node == parent->rb_right) {	/* zig-zag: straighten first */
				rotate_left(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rotate_right(gparent, root);
		} else {
			if (node == parent->rb_left) {
				rotate_right(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rotate_left(gparent, root);
		}
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		break;
	}
	set_color(root->rb_node, RB_BLACK);
}

/* Restores the black height after a black node left the tree above @x. */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *w;

	while (x != root->rb_node && is_black(x)) {
		bool left = x == parent->rb_left;

		w = left ? parent->rb_right : parent->rb_left;
		if (is_red(w)) {
			set_color(w, RB_BLACK);
			set_color(parent, RB_RED);
			left ? rotate_left(parent, root) : rotate_right(parent, root);
			w = left ? parent->rb_right : parent->rb_left;
		}
		if (is_black(w->rb_left) && is_black(w->rb_right)) {
			set_color(w, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (left && is_black(w->rb_right)) {
			set_color(w->rb_left, RB_BLACK);
			set_color(w, RB_RED);
			rotate_right(w, root);
			w = parent->rb_right;
		} else if (!left && is_black(w->rb_left)) {
			set_color(w->rb_right, RB_BLACK);
			set_color(w, RB_RED);
			rotate_left(w, root);
			w = parent->rb_left;
		}
		set_color(w, is_black(parent) ? RB_BLACK : RB_RED);
		set_color(parent, RB_BLACK);
		set_color(left ? w->rb_right : w->rb_left, RB_BLACK);
		left ? rotate_left(parent, root) : rotate_right(parent, root);
		x = root->rb_node;
		break;
	}
	if (x)
		set_color(x, RB_BLACK);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent, *succ;
	bool removed_black;

	if (node->rb_left && node->rb_right) {
		/* Replace node by its successor, which has no left child. */
		succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		removed_black = is_black(succ);
		child = succ->rb_right;
		parent = rb_parent(succ);
		if (parent == node) {
			parent = succ;
		} else {
			parent->rb_left = child;
			if (child)
				set_parent(child, parent);
			succ->rb_right = node->rb_right;
			set_parent(node->rb_right, succ);
		}
		succ->rb_left = node->rb_left;
		set_parent(node->rb_left, succ);
		change_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;	/* parent and colour */
	} else {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		removed_black = is_black(node);
		if (child)
			set_parent(child, parent);
		change_child(node, child, parent, root);
	}
	if (removed_black)
		erase_fixup(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *p;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((p = rb_parent(node)) && node == p->rb_right)
		node = p;
	return p;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *p;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((p = rb_parent(node)) && node == p->rb_left)
		node = p;
	return p;
}
