/*
 * user/pstree/draw.c: the tree, drawn as psmisc's dump_tree draws it.
 *
 * A process's first child goes on its line after "---" (the only one) or
 * "-+-" (the first of several), the others under it after "|-" or "`-",
 * each indented by the widths of the names before it.  Identical sibling
 * subtrees are drawn once as "N*[name]" (-a: only threads).  Columns are
 * counted in characters, and a line longer than o.width ends in "+".
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "userdb.h"
#include "pstree.h"

const struct symbols sym_ascii = { "  ", "|-", "| ", "`-", "---", "-+-" };
const struct symbols sym_utf8 = { "  ", "\u251c\u2500", "\u2502 ", "\u2514\u2500",
				  "\u2500\u2500\u2500", "\u2500\u252c\u2500" };
const struct symbols sym_vt100 = { "  ", "\033(0\017tq\033(B", "\033(0\017x\033(B ",
				   "\033(0\017mq\033(B", "\033(0\017qqq\033(B",
				   "\033(0\017qwq\033(B" };

/* Prints one byte, counting columns in characters and cutting the line at o.width. */
static void out_char(char c)
{
	if (o.charlen == 0) {		/* the first byte of a character */
		o.charlen = (c & 0x80) == 0 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
			    (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
		o.cur_x++;
	}
	o.charlen--;
	if (!o.trunc || o.cur_x <= o.width)
		putchar(c);
	else if (o.cur_x == o.width + 1 && !o.charlen)
		putchar('+');
}

static void out_string(const char *s)
{
	while (*s)
		out_char(*s++);
}

static int out_int(int x)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", x);
	out_string(buf);
	return strlen(buf);
}

/* A name or argument, with backslashes doubled and unprintable bytes as \ooo. */
static int out_args(const char *s)
{
	char buf[8];
	int n = 0;

	for (; *s; s++) {
		if (*s == '\\' || (*s >= ' ' && *s <= '~')) {
			out_string(*s == '\\' ? "\\\\" : (char[]){ *s, '\0' });
			n += *s == '\\' ? 2 : 1;
		} else {
			snprintf(buf, sizeof(buf), "\\%03o", (unsigned char)*s);
			out_string(buf);
			n += 4;
		}
	}
	return n;
}

static void out_newline(void)
{
	putchar('\n');
	o.cur_x = 1;
}

/* "(pid,pgid,user,ns...)" as the options ask; returns whether anything was printed. */
static int out_ids(const struct proc *p, unsigned prev_uid, int info)
{
	char name[64];

	if (o.pids) {
		out_char(info++ ? ',' : '(');
		if (o.ns_pids)
			out_string(p->nspid);
		else
			out_int(p->pid);
	}
	if (o.pgids) {
		out_char(info++ ? ',' : '(');
		out_int(p->pgid);
	}
	if (o.uid_change && prev_uid != p->uid) {
		out_char(info++ ? ',' : '(');
		out_string(user_name_or_id(p->uid, name, sizeof(name)));
	}
	for (size_t k = 0; o.ns_change && p->parent && k < NTYPES; k++) {
		if (p->ns[k] && p->parent->ns[k] && p->ns[k] != p->parent->ns[k]) {
			out_char(info++ ? ',' : '(');
			out_string(ns_types[k]);
		}
	}
	return info;
}

/* -a: the arguments, "..." when the next would not fit. */
static void out_argv(const struct proc *p)
{
	for (int i = 0; i < p->argc; i++) {
		int len = 0;

		if (i < p->argc - 1)
			out_char(' ');
		for (const char *c = p->argv[i]; *c; c++)
			len += *c >= ' ' && *c <= '~' ? 1 : 4;
		if (o.trunc && o.cur_x + len > o.width - (i == p->argc - 1 ? 0 : 4)) {
			out_string("...");
			break;
		}
		out_args(p->argv[i]);
	}
}

/* Same name, uid and namespaces where shown, and identical children: compacted as N*[...]. */
static int tree_equal(const struct proc *a, const struct proc *b)
{
	if (strcmp(a->comm, b->comm) || a->nkids != b->nkids ||
	    (o.uid_change && a->uid != b->uid) ||
	    (o.ns_change && memcmp(a->ns, b->ns, sizeof(a->ns))))
		return 0;
	for (int i = 0; i < a->nkids; i++)
		if (!tree_equal(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

static void grow_columns(int depth)
{
	if (depth < o.depth_cap)
		return;
	o.depth_cap = 2 * depth + 16;
	o.widths = realloc(o.widths, o.depth_cap * sizeof(*o.widths));
	o.more = realloc(o.more, o.depth_cap * sizeof(*o.more));
	if (!o.widths || !o.more)
		err(1, "realloc");
}

/* The indentation of a line that starts at @level, under the lines above it. */
static void out_indent(int level, int last)
{
	for (int lvl = 0; lvl < level; lvl++) {
		for (int i = o.widths[lvl] + 1; i; i--)
			out_char(' ');
		out_string(lvl == level - 1 ? (last ? o.sym->last_2 : o.sym->branch_2) :
			   o.more[lvl + 1] ? o.sym->vert_2 : o.sym->empty_2);
	}
}

/* Marks the later siblings equal to kids[i] as merged into it: how many. */
static int merge_equal(struct proc **kids, int n, int i, char *merged, int threads_only)
{
	int count = 0;

	if (!o.compact || (threads_only && !kids[i]->thread))
		return 0;
	for (int j = i + 1; j < n; j++)
		if (!merged[j] && tree_equal(kids[i], kids[j]))
			merged[j] = 1, count++;
	return count;
}

static int next_unmerged(int n, int i, const char *merged)
{
	while (++i < n && merged[i])
		;
	return i;
}

/* Each child on the parent's line (the first) or under it, equal ones compacted. */
static void dump_kids(struct proc *p, int level, int closing)
{
	char *merged = calloc(p->nkids + 1, 1);
	int first = 1;

	if (!merged)
		err(1, "calloc");
	for (int i = 0; i < p->nkids; i = next_unmerged(p->nkids, i, merged)) {
		int count = merge_equal(p->kids, p->nkids, i, merged, o.args);
		int more = next_unmerged(p->nkids, i, merged) < p->nkids;

		if (first && !o.args)
			out_string(more ? o.sym->first_3 : o.sym->single_3);
		dump_tree(p->kids[i], level + 1, count + 1, first && !o.args, !more, p->uid,
			  (o.args ? 0 : closing) + (count ? 1 : 0));
		first = 0;
	}
	free(merged);
}

void dump_tree(struct proc *p, int level, int rep, int leaf, int last, unsigned prev_uid,
	       int closing)
{
	int add = 0, comm_len, offset, info, swapped = o.args;

	if (!p)
		return;
	if (!leaf)
		out_indent(level, last);
	if (rep > 1) {
		add = out_int(rep) + 2;
		out_string("*[");
	}
	if (swapped && p->argc < 0)
		out_char('(');
	comm_len = out_args(p->comm);
	offset = o.cur_x;
	info = out_ids(p, prev_uid, swapped);
	if ((swapped && p->argc < 0) || (!swapped && info))
		out_char(')');
	if (o.args)
		out_argv(p);
	if (o.args || !p->nkids) {
		while (closing--)
			out_char(']');
		out_newline();
	}
	grow_columns(level);
	o.more[level] = !last;
	if (o.args) {
		o.widths[level] = swapped + (comm_len > 1 ? 0 : -1);
	} else {
		o.widths[level] = comm_len + o.cur_x - offset + add;
		if (o.cur_x >= o.width && o.trunc) {
			out_string(o.sym->first_3);
			out_string("+");
			out_newline();
			return;
		}
	}
	dump_kids(p, level, closing);
}
