/*
 * tools/fuzz/fuzz.h: the syscall fuzzer's shared definitions.
 *
 * Call i of seed s is a pure function of (s, i) (gen.c): its number and
 * its six arguments, and up to two small buffers it writes into the
 * arena before the call.  run.c makes the calls in a batch child, with
 * raw system calls and no libc state; main.c runs the seeds and batches
 * in fresh namespaces and reports.  docs/debugging.md, "The syscall
 * fuzzer", says how to use it.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>

#define PAGE		4096UL
/* Fixed addresses, so that a call's arguments never depend on where libc put things. */
#define ARENA		0x10000000UL	/* the memory pointer arguments point into */
#define ARENA_PAGES	32		/* read-write; then a read-only, a PROT_NONE page, a hole */
#define ARENA_RO	(ARENA + ARENA_PAGES * PAGE)
#define ARENA_NONE	(ARENA_RO + PAGE)
#define ARENA_HOLE	(ARENA_NONE + PAGE)
#define STRINGS		ARENA		/* paths, texts, argv arrays: the first four pages */
#define STACK_BASE	0x20000000UL	/* the batch loop's own stack */
#define STACK_SIZE	(64 * 1024UL)
#define SHARED		0x30000000UL	/* progress and statistics, shared with the supervisor */
#define FIRST_FD	3		/* the descriptors a batch opens: 3 to LAST_FD */
#define LAST_FD		24
#define FUZZ_UID	65534		/* who the calls run as */

enum kind {
	K_NONE, K_INT, K_FD, K_PTR, K_BUF, K_PATH, K_ARGV, K_LEN, K_FLAGS, K_MODE, K_PID,
	K_UID, K_SIG, K_ADDR, K_PROT, K_CMD, K_IPCKEY, K_IPCID,
};

/* A row of the generated table (build/gen/fuzz_table.h). */
struct sys_row {
	int nr;
	const char *name;
	int nargs;
	unsigned char kinds[6];
	const char *argnames;
};

extern const struct sys_row sys_rows[];
extern const int nr_sys_rows;

#define FILL_MAX	64
struct fill {
	unsigned long addr;
	unsigned int len;
	unsigned char bytes[FILL_MAX];
};

/* How run.c must make the call. */
enum special { SP_NONE, SP_SKIP, SP_FORK };

struct call {
	long nr;
	unsigned long a[6];
	int row;			/* index in sys_rows, or -1 for a raw number */
	int nfill;
	struct fill fill[2];
	enum special special;
};

/* What a batch child and the supervisor share (at SHARED). */
struct shared {
	volatile unsigned long progress;	/* calls made by the batch child so far */
	volatile long last_nr;			/* the call it is in */
};

uint64_t splitmix64(uint64_t *state);
void make_call(uint64_t seed, uint64_t index, struct call *c);
void fill_strings(void *base);
void fill_arena(uint64_t seed, void *base, unsigned long len);
unsigned long make_elf(uint64_t seed, unsigned char *buf, unsigned long size);
unsigned long make_script(uint64_t seed, char *buf, unsigned long size);
const char *call_name(const struct call *c, char *buf, int size);

/* run.c */
struct batch {
	uint64_t seed;
	uint64_t from, to;		/* the calls [from, to) ... */
	const uint64_t *list;		/* ... or these (n of them), if list is set */
	unsigned long n;
};
void run_batch(const struct batch *b) __attribute__((noreturn));
void batch_setup(uint64_t seed);
void run_on_stack(void (*fn)(void)) __attribute__((noreturn));
void write_fill(const struct fill *f);
long raw_fork_call(long nr, const unsigned long *a);
long raw_syscall(long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		 unsigned long a3, unsigned long a4, unsigned long a5);

#endif
