/*
 * include/linux/shm.h: System V shared memory, the user ABI.
 *
 * x86_64 Linux's structures (uapi/linux/shm.h, asm-generic/shmbuf.h) and
 * the limits a new namespace starts with (C3).
 */
#ifndef _LINUX_SHM_H
#define _LINUX_SHM_H

#include <linux/ipc.h>

#define SHMMIN	1			/* smallest segment */
#define SHMMNI	4096			/* segments */
#define SHMMAX	(ULONG_MAX - (1UL << 24))	/* largest segment: "unlimited" */
#define SHMALL	(ULONG_MAX - (1UL << 24))	/* pages of all segments */
#define SHMSEG	SHMMNI

/* shmget flags beside the mode */
#define SHM_HUGETLB	04000
#define SHM_NORESERVE	010000

/* shm_perm.mode flags the kernel sets */
#define SHM_DEST	01000	/* removed: destroyed at the last detach */
#define SHM_LOCKED	02000

/* shmat flags */
#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000

/* shmctl commands */
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

#define SHMLBA		PAGE_SIZE

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	size_t shm_segsz;
	long shm_atime;
	long shm_dtime;
	long shm_ctime;
	int shm_cpid;
	int shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

#endif
