/*
 * user/pstree/pstree.h: what the parts of pstree share: the processes read
 * from /proc (proc.c), the options, and the drawing (draw.c).  main.c
 * has the options, -N and -s, and says what pstree does.
 */
#ifndef PSTREE_H
#define PSTREE_H

#include <stddef.h>

/* psmisc's namespace order, which -S lists them in. */
extern const char *const ns_types[];
#define NTYPES 8

struct proc {
	int pid, pgid;
	unsigned uid;
	char comm[64];		/* "{name}" for a thread */
	char **argv;		/* -a: the arguments after the command's name */
	int argc;		/* -1: no command line (a kernel thread) */
	int thread;
	unsigned long ns[NTYPES];
	char nspid[96];
	long seq;		/* when it was read: the order of equal names */
	struct proc *parent, *next;
	struct proc **kids;
	int nkids, cap;
};

/* The drawing: the symbols of the tree's lines. */
struct symbols {
	const char *empty_2, *branch_2, *vert_2, *last_2, *single_3, *first_3;
};
extern const struct symbols sym_ascii, sym_utf8, sym_vt100;

/* What the options asked for, and the state of the line being printed. */
struct options {
	int args, compact, pgids, pids, ns_pids, ns_change, by_pid, trunc, uid_change;
	int thread_names, hide_threads, show_parents, width;
	const struct symbols *sym;
	int cur_x, charlen;	/* the column, and the bytes left of a UTF-8 character */
	int *widths, *more, depth_cap;
};
extern struct options o;

/* proc.c */
extern struct proc *procs;
struct proc *find_proc(int pid);
void read_processes(void);
void sort_tree(void);

/* draw.c */
void dump_tree(struct proc *p, int level, int rep, int leaf, int last, unsigned prev_uid,
	       int closing);

#endif
