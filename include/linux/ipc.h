/*
 * include/linux/ipc.h: what every System V IPC object has.
 *
 * struct kern_ipc_perm heads each message queue, semaphore set and shared
 * memory segment: its key, its id, its owner, creator and mode, as Linux's.
 * The user ABI (struct ipc64_perm, the IPC_* values) is x86_64 Linux's.
 */
#ifndef _LINUX_IPC_H
#define _LINUX_IPC_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/uidgid.h>
#include <linux/atomic.h>
#include <linux/stat.h>

#define IPC_PRIVATE	((key_t)0)

/* the *get() flags */
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_NOWAIT	00004000

/* the *ctl() commands common to all three */
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

#define IPC_64		0x0100	/* new-style structures: the only style on x86_64 */

/* An id is seq * IPCMNI + idx (ipc_buildid): IPCMNI bounds the count of objects. */
#define IPCMNI_SHIFT	15
#define IPCMNI		(1 << IPCMNI_SHIFT)
#define IPCID_SEQ_MAX	(INT_MAX >> IPCMNI_SHIFT)

typedef int key_t;

struct kern_ipc_perm {
	spinlock_t lock;
	bool deleted;		/* removed from its ids: waiters must give up (EIDRM) */
	int id;
	key_t key;
	kuid_t uid, cuid;
	kgid_t gid, cgid;
	umode_t mode;
	unsigned long seq;
	atomic_t refcount;	/* the ids' reference, and sleepers' (ipc_rcu_getref) */
};

/* The user's view (uapi/asm-generic/ipcbuf.h), 48 bytes on x86_64. */
struct ipc64_perm {
	key_t key;
	u32 uid, gid, cuid, cgid;
	u32 mode;
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1, __unused2;
};

#endif
