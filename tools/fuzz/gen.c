/*
 * tools/fuzz/gen.c: what call i of seed s is.
 *
 * make_call() is a pure function of (seed, index): a splitmix64 stream
 * started from the pair picks the call (mostly a row of the table made
 * from the kernel's SYSCALL_DEFINEs, sometimes any number up to 460 or a
 * wild one) and each argument by its kind: descriptors from the batch's
 * fixed set, pointers into the arena or to the bad places around it,
 * lengths and addresses at their boundaries, flags built from the call's
 * real bits plus stray ones.  Nothing here reads the process's state, so
 * a call can be replayed alone, and printed.
 */
#include <string.h>
#include <stdio.h>
#include "fuzz.h"

const struct sys_row sys_rows[] = {
#include "fuzz_table.h"
};
const int nr_sys_rows = sizeof(sys_rows) / sizeof(sys_rows[0]);

#define TASK_SIZE	0x7ffffffff000UL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(uint64_t *s, uint64_t n)
{
	return n ? splitmix64(s) % n : 0;
}

#define PICK(s, arr)	((arr)[rnd(s, ARRAY_SIZE(arr))])

/* ---- the strings the path arguments point at -------------------------------------- */

static const char *const paths[] = {
	"/tmp/fuzz/file0", "/tmp/fuzz/file1", "/tmp/fuzz/dir", "/tmp/fuzz/link",
	"/tmp/fuzz/new", "/tmp/fuzz/dir/sub", "/tmp/fuzz", "file0", "dir", "new", "link",
	".", "..", "/", "", "/tmp", "/proc/self/status", "/proc/self/maps",
	"/proc/self/ns/uts", "/proc/self/ns/ipc", "/proc/self/ns/mnt", "/proc/self/ns/pid",
	"/proc/self/ns/user", "/proc/self/fd/3", "/proc/self/exe", "/proc/1/status",
	"/proc/sys/kernel/hostname", "/proc/sys/kernel/shmmax", "/proc/sys/fs/mqueue/msg_max",
	"/proc/self/uid_map", "/proc/self/setgroups", "/dev/null", "/dev/zero", "/bin/true",
	"/proc/meminfo", "/fuzzq", "tmpfs", "proc", "ramfs", "mqueue", "none", "/tmp/fuzz/mnt",
	"/etc/passwd", "/nonexistent/x", "/tmp/fuzz/file0/x", "//tmp///fuzz/./file0",
	"/proc/self/task", "/proc/self/fd", "/tmp/fuzz/elf", "/tmp/fuzz/script",
};
#define ELF_SLOT	(ARRAY_SIZE(paths) - 2)
#define SCRIPT_SLOT	(ARRAY_SIZE(paths) - 1)

/* Text that buffers sometimes point at: what uid_map, sysctls and mount options parse. */
static const char *const texts[] = {
	"0 0 1\n", "0 65534 1\n1 1 1\n", "0 100000 4294967295\n", "deny\n", "allow\n",
	"4294967295\n", "-1\n", "1 2\n", "99999999999999999999\n", "0x10\n", " \n",
	"0\n", "1\n", "65536\n", "mode=0777,size=1k", "uid=0,gid=0", "hidepid=2,gid=1",
	"size=100%", "nr_inodes=1", "#!/tmp/fuzz/script\n", "host\n",
};
#define SLOT		64			/* paths, then texts, at STRINGS + i * SLOT */
#define TEXT_SLOT(i)	(STRINGS + (ARRAY_SIZE(paths) + (i)) * SLOT)
#define ARGV_AREA	(STRINGS + 2 * PAGE)	/* argv arrays */
#define LONG_PATH	(STRINGS + 3 * PAGE)	/* PAGE - 1 characters: ENAMETOOLONG */
#define DATA		(ARENA + 4 * PAGE)	/* the rest: buffers */
_Static_assert((ARRAY_SIZE(paths) + ARRAY_SIZE(texts)) * SLOT <= 2 * PAGE, "strings overflow");

/* The strings area (the arena's first four pages): paths, texts, argv arrays, a long path. */
void fill_strings(void *base)
{
	unsigned long *argv = (unsigned long *)((char *)base + (ARGV_AREA - STRINGS));
	char *p = base;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(paths); i++)
		strcpy(p + i * SLOT, paths[i]);
	for (i = 0; i < ARRAY_SIZE(texts); i++)
		strcpy(p + (TEXT_SLOT(i) - STRINGS), texts[i]);
	argv[0] = STRINGS + 33 * SLOT;			/* { "/bin/true", NULL } */
	argv[1] = 0;
	argv[2] = 0;					/* {} */
	argv[3] = STRINGS + 7 * SLOT;			/* { "file0", (bad), NULL } */
	argv[4] = 1;
	argv[5] = 0;
	for (i = 6; i < 100; i++)			/* many arguments */
		argv[i] = STRINGS + (i % ARRAY_SIZE(paths)) * SLOT;
	argv[100] = 0;
	memset(p + 3 * PAGE, 'a', PAGE - 1);
	p[4 * PAGE - 1] = 0;
	for (i = 1; i < PAGE - 1; i += 8)
		p[3 * PAGE + i] = '/';
}

/* The rest of the arena: bytes from the seed (a call's buffers then hold something). */
void fill_arena(uint64_t seed, void *base, unsigned long len)
{
	uint64_t s = seed ^ 0xa4e4a, *w = base;
	unsigned long i;

	for (i = 0; i < len / 8; i++)
		w[i] = splitmix64(&s);
}

/* ---- values by kind ------------------------------------------------------------------ */

static const unsigned long lens[] = {
	0, 1, 2, 7, 8, 16, 24, 64, 100, 255, 256, 1023, 1024, 4095, 4096, 4097, 8191, 8192,
	65536, 1UL << 20, 1UL << 31, 0x7fffffff, 0xffffffff, 1UL << 32, 1UL << 47, ~0UL,
	~0UL - 4095, -4096UL, 0x7fffffffffffffffUL, 0x8000000000000000UL,
};

static const unsigned long words[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 63, 64, 128, 255, 256, 1000, 1024, 4095, 4096,
	4097, 65535, 65536, 0x7fff, 0x8000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
	0x7fffffffffffffff, 0x8000000000000000, ~0UL, -2UL, -4096UL, 999999999, 1000000000,
	TASK_SIZE, 0x800000000000UL, 0xffff888000000000UL, 0xffffffff81000000UL,
};

/* A pointer: mostly into the arena, else NULL, the kernel, a hole, read-only, misaligned... */
static unsigned long pointer(uint64_t *s)
{
	static const unsigned long bad[] = {
		0, 1, 4096, ARENA_RO, ARENA_NONE, ARENA_HOLE, ARENA_RO - 1, ARENA_RO - 3,
		ARENA_RO + PAGE - 8, 0xffff888000000000UL, 0xffffffff81000000UL,
		0xffffffffff600000UL, 0x800000000000UL, 0x8000000000000000UL, ~0UL, ~0UL - 7,
		TASK_SIZE - 8, TASK_SIZE,
	};
	unsigned int r = rnd(s, 100);

	if (r < 65)
		return DATA + rnd(s, (ARENA + ARENA_PAGES * PAGE - DATA) / 8) * 8;
	if (r < 70)
		return TEXT_SLOT(rnd(s, ARRAY_SIZE(texts)));
	if (r < 75)
		return (DATA + rnd(s, ARENA + ARENA_PAGES * PAGE - DATA)) | 1;
	if (r < 80)
		return DATA + rnd(s, (ARENA + ARENA_PAGES * PAGE - DATA) / PAGE) * PAGE;
	return PICK(s, bad);
}

static unsigned long word(uint64_t *s)
{
	unsigned int r = rnd(s, 8);

	if (r < 4)
		return PICK(s, words);
	if (r < 6)
		return rnd(s, 64);
	if (r < 7)
		return pointer(s);
	return splitmix64(s);
}

/* A buffer of words for a structure argument (timespec, iovec, sigaction...). */
static void add_fill(uint64_t *s, struct call *c, unsigned long addr)
{
	struct fill *f = &c->fill[c->nfill++];
	unsigned int i;

	f->addr = addr;
	f->len = FILL_MAX;
	for (i = 0; i < FILL_MAX / 8; i++) {
		unsigned long w = word(s);

		memcpy(f->bytes + 8 * i, &w, 8);
	}
}

static unsigned long path(uint64_t *s, const char *name)
{
	unsigned int r = rnd(s, 100);

	if (!strcmp(name, "execve") && r < 50)		/* /tmp/fuzz/elf or script */
		return STRINGS + (r < 35 ? ELF_SLOT : SCRIPT_SLOT) * SLOT;
	if (r < 85)
		return STRINGS + rnd(s, ARRAY_SIZE(paths)) * SLOT;
	if (r < 88)
		return LONG_PATH;
	if (r < 91)
		return ARENA_RO + PAGE - 16;		/* runs into the PROT_NONE page */
	return pointer(s);
}

static unsigned long address(uint64_t *s)
{
	static const unsigned long fixed[] = {
		0, 4096, 65536 - 4096, 65536, TASK_SIZE, TASK_SIZE - 4096,
		TASK_SIZE - (1UL << 20), 0x7ffffff00000UL, 0x800000000000UL,
		0xffff888000000000UL, 0xffffffff81000000UL, ~0UL & ~4095UL, 0x7f0000000000UL,
		0x7effffff0000UL, 1UL << 46,
	};
	unsigned int r = rnd(s, 100);

	if (r < 45)
		return ARENA + rnd(s, ARENA_PAGES + 8) * PAGE;
	if (r < 55)
		return 0x40000000UL + rnd(s, 64) * PAGE;	/* a free area to map into */
	if (r < 75)
		return PICK(s, fixed);
	if (r < 80)
		return ARENA + rnd(s, ARENA_PAGES * PAGE);	/* misaligned */
	if (r < 90)
		return (splitmix64(s) & ((1UL << 47) - 1)) & ~4095UL;
	return splitmix64(s);
}

/*
 * An ELF file for execve to load (/tmp/fuzz/elf): a valid x86_64 header
 * and up to four PT_LOAD program headers whose addresses, sizes and
 * offsets come from the seed, boundary values among them, so exec's
 * segment checks get the same treatment as mmap's.  Half the time the
 * first segment is a sane one at 0x400000 whose entry calls exit(0), so
 * that exec gets as far as the others let it.  Returns its length.
 */
unsigned long make_elf(uint64_t seed, unsigned char *buf, unsigned long size)
{
	static const unsigned long vaddrs[] = {
		0x400000, 0, 4096, 0x10000, TASK_SIZE - 4096, TASK_SIZE, 0x7ffffff00000UL,
		0x800000000000UL, 0xfffffffffffff000UL, 0xffff888000000000UL, 0x10000000,
	};
	uint64_t s = seed ^ 0xe1f;
	unsigned long *hdr = (unsigned long *)buf, *ph;
	unsigned int n = 1 + rnd(&s, 4), i;

	if (size < 64 + 4 * 56 + 256)
		return 0;
	memset(buf, 0, 64 + n * 56 + 256);
	memcpy(buf, "\x7f" "ELF\x02\x01\x01", 7);
	buf[16] = rnd(&s, 4) ? 2 : 3;			/* ET_EXEC or ET_DYN */
	buf[18] = 62;					/* EM_X86_64 */
	buf[20] = 1;					/* EV_CURRENT */
	hdr[3] = rnd(&s, 2) ? 0x400000 + rnd(&s, 4096) : word(&s);	/* e_entry */
	hdr[4] = 64;					/* e_phoff */
	buf[52] = 64;					/* e_ehsize */
	buf[54] = 56;					/* e_phentsize */
	buf[56] = n;					/* e_phnum */
	for (i = 0; i < n; i++) {
		ph = (unsigned long *)(buf + 64 + i * 56);
		ph[0] = 1 | (rnd(&s, 8) << 32);		/* PT_LOAD, p_flags */
		ph[1] = rnd(&s, 3) ? 0 : PICK(&s, lens);	/* p_offset */
		ph[2] = rnd(&s, 2) ? PICK(&s, vaddrs) + rnd(&s, 4) * PAGE : word(&s);
		ph[3] = ph[2];					/* p_paddr */
		ph[4] = rnd(&s, 2) ? 64 + n * 56 + 256 : PICK(&s, lens);	/* p_filesz */
		ph[5] = rnd(&s, 2) ? ph[4] + rnd(&s, 3) * PAGE : PICK(&s, lens);	/* p_memsz */
	}
	for (i = 64 + n * 56; i < 64 + n * 56 + 256; i++)
		buf[i] = splitmix64(&s);
	if (rnd(&s, 2)) {		/* a loadable first segment: the exec goes through */
		static const unsigned char exit0[] = { 0xb8, 60, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05 };

		buf[16] = 2;
		ph = (unsigned long *)(buf + 64);
		ph[0] = 1 | (5UL << 32);			/* PF_R | PF_X */
		ph[1] = 0;
		ph[2] = ph[3] = 0x400000;
		ph[4] = 64 + n * 56 + 256;
		ph[5] = ph[4] + rnd(&s, 64) * PAGE;
		hdr[3] = 0x400000 + 64 + n * 56;		/* the entry: exit(0) */
		memcpy(buf + 64 + n * 56, exit0, sizeof(exit0));
	}
	return 64 + n * 56 + 256;
}

/*
 * A "#!" script for execve (/tmp/fuzz/script): an interpreter line that
 * loops back to the script, names the ELF file, a directory, nothing, or
 * runs past the 256 bytes exec reads.  Returns its length.
 */
unsigned long make_script(uint64_t seed, char *buf, unsigned long size)
{
	static const char *const lines[] = {
		"#!/tmp/fuzz/script\n", "#!/tmp/fuzz/elf arg\n", "#!/tmp/fuzz/dir\n", "#!\n",
		"#! \t/bin/true   x  y\n", "#!/tmp/fuzz/script a b c d\n", "#!/bin/true",
	};
	uint64_t s = seed ^ 0x5c1;
	unsigned long n;

	if (size < 400)
		return 0;
	if (rnd(&s, 4)) {
		n = strlen(strcpy(buf, PICK(&s, lines)));
	} else {			/* a line longer than exec's buffer */
		memcpy(buf, "#!/tmp/fuzz/script", 18);
		n = 18 + rnd(&s, 300);
		memset(buf + 18, rnd(&s, 2) ? ' ' : 'x', n - 18);
		buf[n++] = '\n';
	}
	return n;
}

/* ---- flags and commands: the real bits of the calls that have them ------------------- */

struct flag_set {
	const char *name;		/* the call, or "call.arg" */
	unsigned long mask;
};

static const struct flag_set flag_sets[] = {
	{ "open", 0x7fffff }, { "openat", 0x7fffff }, { "mq_open", 0x7fffff },
	{ "mmap", 0x1ff3ff }, { "clone", 0xffffff7fUL }, { "unshare", 0x7e060700 },
	{ "wait4", 0x6000000f }, { "waitid", 0x6100000f }, { "mount", 0x3fffffff },
	{ "umount2", 0xf }, { "pipe2", 0x84800 }, { "dup3", 0x80000 },
	{ "newfstatat", 0x1f00 }, { "unlinkat", 0x200 }, { "linkat", 0x1400 },
	{ "fchownat", 0x1100 }, { "utimensat", 0x100 }, { "renameat2", 0x7 },
	{ "getrandom", 0x7 }, { "pidfd_open", 0x800 }, { "faccessat2", 0x1300 },
	{ "clock_nanosleep", 1 }, { "umask", 0xfff }, { "pidfd_send_signal", 0 },
	{ "shmget", 0x7fff }, { "shmat", 0xf000 }, { "msgget", 0x7ff },
	{ "msgsnd", 0x3800 }, { "msgrcv", 0x7800 }, { "semget", 0x7ff },
	{ "eventfd2", 0x80801 }, { "timerfd_create", 0x80800 }, { "timerfd_settime", 0x3 },
	{ "signalfd4", 0x80800 }, { "epoll_create1", 0x80000 }, { "memfd_create", 0x7 },
	{ "preadv2", 0x1f }, { "pwritev2", 0x1f }, { "close_range", 0x6 },
	{ "pidfd_getfd", 0 }, { "futex_waitv", 0 },
};

struct cmd_set {
	const char *name;
	unsigned long values[24];
};

static const struct cmd_set cmd_sets[] = {
	{ "fcntl", { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 1024, 1025, 1026,
		     1030, 1031, 1032, 1033, 1034, 1036 } },
	{ "ioctl", { 0x5401, 0x5402, 0x5403, 0x5404, 0x540e, 0x540f, 0x5410, 0x5413,
		     0x5414, 0x541b, 0x5421, 0x5422, 0x5429, 0x5451, 0x5450, 0xb701, 0xb702,
		     0xb703, 0xb704, 0xb705, 0x80045430, 0x40045431, 0x5412, 0 } },
	{ "prctl", { 1, 2, 3, 4, 15, 16, 22, 23, 24, 36, 37, 38, 39, 40, 47, 8, 9, 12,
		     13, 14, 26, 27, 0x59616d61, 0 } },
	{ "arch_prctl", { 0x1001, 0x1002, 0x1003, 0x1004, 0x1011, 0x1012, 0x3001, 0x3002,
			  0x2001, 0x2002, 0x1021, 0x1022, 0 } },
	{ "futex", { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 128, 129, 137, 393,
		     265, 0x100, 0x180 } },
	{ "shmctl", { 0, 1, 2, 3, 11, 12, 13, 14, 15, 0x100, 0x102 } },
	{ "msgctl", { 0, 1, 2, 3, 11, 12, 13, 0x100, 0x102 } },
	{ "semctl", { 0, 1, 2, 3, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 0x100, 0x102 } },
	{ "madvise", { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
		       21, 22, 23, 25, 100, 101 } },
	{ "reboot", { 0xfee1dead, 672274793, 85072278, 369367448, 537993216, 0x01234567,
		      0xcdef0123, 0x4321fedc, 0, 0xa1b2c3d4, 0x45584543, 0xd000fce2 } },
	{ "setns", { 0, 0x08000000, 0x10000000, 0x20000000, 0x40000000, 0x04000000,
		     0x00020000, 0x02000000, 0x00000080 } },
	{ "syslog", { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 } },
	{ "rt_sigprocmask", { 0, 1, 2, 3 } },
	{ "lseek", { 0, 1, 2, 3, 4, 5 } },
	{ "waitid", { 0, 1, 2, 3, 4 } },
	{ "epoll_ctl", { 0, 1, 2, 3, 4 } },
	{ "flock", { 5, 6, 12, 1, 2, 8, 32, 4, 3 } },	/* mostly LOCK_NB: no stall */
	{ "timerfd_create", { 0, 1, 7, 8, 9, 2, 4, 11 } },
	{ "kcmp", { 0, 1, 2, 3, 4, 5, 6, 7, 8 } },
};

static unsigned long flags_for(uint64_t *s, const char *name)
{
	unsigned long mask = 0xffff, v = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flag_sets); i++)
		if (!strcmp(flag_sets[i].name, name))
			mask = flag_sets[i].mask;
	if (!strcmp(name, "wait4") || !strcmp(name, "waitid"))
		v |= rnd(s, 10) ? 1 : 0;		/* WNOHANG mostly: no stall */
	if (!strcmp(name, "msgsnd") || !strcmp(name, "msgrcv"))
		v |= rnd(s, 10) ? 0x800 : 0;		/* IPC_NOWAIT mostly */
	v |= mask & splitmix64(s) & splitmix64(s);	/* each bit with p = 1/4 */
	if (!strcmp(name, "mmap") && rnd(s, 5))
		v = (v & ~0xfUL) | (rnd(s, 2) + 1);	/* mostly a valid mapping type */
	if (!rnd(s, 10))
		v |= 1UL << rnd(s, 64);			/* a stray bit */
	if (!rnd(s, 30))
		v = splitmix64(s);
	return v;
}

static unsigned long cmd_for(uint64_t *s, const char *name)
{
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(cmd_sets) && rnd(s, 10); i++) {
		if (strcmp(cmd_sets[i].name, name))
			continue;
		for (n = 1; n < ARRAY_SIZE(cmd_sets[i].values) && cmd_sets[i].values[n]; n++)
			;
		return cmd_sets[i].values[rnd(s, n)];
	}
	return rnd(s, 4) ? rnd(s, 40) : word(s);
}

static unsigned long value(uint64_t *s, struct call *c, enum kind k, const char *name)
{
	static const long pids[] = { 0, -1, 1, 2, 3, 4, 5, 10, 100, 32768, 4194304,
				     -2, -100, 0x7fffffff, -0x7fffffff - 1 };
	static const long uids[] = { 0, 1, 65534, 65533, 1000, -1, 100000, 0x7fffffff };
	unsigned long p;

	switch (k) {
	case K_FD:
		if (rnd(s, 10) < 8)
			return FIRST_FD + rnd(s, LAST_FD - FIRST_FD + 1);
		return rnd(s, 2) ? rnd(s, 1100) : PICK(s, words);
	case K_PTR:
	case K_BUF:
		p = pointer(s);
		if (k == K_PTR && c->nfill < 2 && p >= DATA &&
		    p <= ARENA + ARENA_PAGES * PAGE - FILL_MAX && rnd(s, 2))
			add_fill(s, c, p);
		return p;
	case K_PATH:
		return path(s, name);
	case K_ARGV: {
		static const unsigned long argvs[] = { ARGV_AREA, ARGV_AREA + 16, ARGV_AREA + 24,
						       ARGV_AREA + 48, 0, ARENA_NONE, 1 };
		return PICK(s, argvs);
	}
	case K_LEN:
		return rnd(s, 3) ? PICK(s, lens) : rnd(s, 3) ? rnd(s, 200) : word(s);
	case K_FLAGS:
		return flags_for(s, name);
	case K_MODE:
		return rnd(s, 4) ? rnd(s, 010000) : rnd(s, 2) ? (rnd(s, 16) << 12) | rnd(s, 0777)
								: word(s);
	case K_PID:
		return rnd(s, 8) ? (unsigned long)PICK(s, pids) : word(s);
	case K_UID:
		return rnd(s, 8) ? (unsigned long)PICK(s, uids) : word(s);
	case K_SIG:
		return rnd(s, 10) ? rnd(s, 66) : word(s);
	case K_ADDR:
		return address(s);
	case K_PROT:
		return rnd(s, 8) ? rnd(s, 8) : rnd(s, 2) ? rnd(s, 16) | (rnd(s, 4) << 24)
							 : word(s);
	case K_CMD:
		return cmd_for(s, name);
	case K_IPCKEY:
		return rnd(s, 2) ? 0 : rnd(s, 4) ? rnd(s, 8) : word(s);
	case K_IPCID:
		return rnd(s, 4) ? rnd(s, 4) + 32768 * rnd(s, 3) : word(s);
	case K_INT:
	default:
		return word(s);
	}
}

/* ---- the call --------------------------------------------------------------------------- */

/* Calls that would end the batch without telling anything: the batch's own exit. */
static enum special special_of(long nr)
{
	switch ((unsigned int)nr) {		/* Linux reads the number as an int */
	case 60: case 231:			/* exit, exit_group */
		return SP_SKIP;
	case 56: case 57: case 58: case 435:	/* clone, fork, vfork, clone3: the child exits */
		return SP_FORK;
	}
	return SP_NONE;
}

void make_call(uint64_t seed, uint64_t index, struct call *c)
{
	uint64_t s = seed * 0x9e3779b97f4a7c15ULL ^ (index + 1) * 0xd1b54a32d192ed03ULL;
	const struct sys_row *row;
	int i;

	memset(c, 0, sizeof(*c));
	splitmix64(&s);
	if (rnd(&s, 20)) {
		c->row = rnd(&s, nr_sys_rows);
		if (sys_rows[c->row].nr == 15 && rnd(&s, 10))	/* rt_sigreturn: ends most batches */
			c->row = rnd(&s, nr_sys_rows);
		row = &sys_rows[c->row];
		c->nr = row->nr;
		for (i = 0; i < 6; i++)
			c->a[i] = row->kinds[i] == K_NONE ? word(&s) :
				  value(&s, c, row->kinds[i], row->name);
	} else {
		c->row = -1;
		c->nr = rnd(&s, 8) ? (long)rnd(&s, 461) : (long)word(&s);
		for (i = 0; i < 6; i++)
			c->a[i] = word(&s);
	}
	c->special = special_of(c->nr);
}

const char *call_name(const struct call *c, char *buf, int size)
{
	if (c->row >= 0)
		return sys_rows[c->row].name;
	snprintf(buf, size, "syscall_%ld", c->nr);
	return buf;
}
