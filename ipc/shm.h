/*
 * ipc/shm.h: what shm.c and shmop.c share inside ipc/.
 *
 * shm.c owns the segments (shmget, shmctl, their destruction, the
 * creator's list, the namespace, /proc), shmop.c their attachments
 * (shmat, shmdt and the VMAs they make).  Linux keeps both in
 * ipc/shm.c; the structure and the names are its own.  The user ABI is
 * <linux/shm.h>.
 */
#ifndef _IPC_SHM_H
#define _IPC_SHM_H

#include <linux/shm.h>
#include "util.h"

struct shmem_object;

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;
	struct shmem_object *shm_file;	/* the pages */
	unsigned long shm_nattch;
	unsigned long shm_segsz;
	long shm_atim, shm_dtim, shm_ctim;
	struct pid *shm_cprid, *shm_lprid;	/* creator, last shmat/shmdt; with references */
	struct ipc_namespace *ns;	/* its namespace, which outlives it */
	struct task_struct *shm_creator;
	struct list_head shm_clist;	/* in the creator's shm_clist */
};

static inline struct shmid_kernel *to_shp(struct kern_ipc_perm *ipcp)
{
	return container_of(ipcp, struct shmid_kernel, shm_perm);
}

/* shm.c */
void shm_drop_nattch(struct ipc_namespace *ns, struct shmid_kernel *shp, bool detach);

#endif
