/*
 * include/linux/sem.h: System V semaphores, the user ABI.
 *
 * x86_64 Linux's structures (uapi/linux/sem.h, asm/sembuf.h) and the
 * limits a new namespace starts with (C3).
 */
#ifndef _LINUX_SEM_H
#define _LINUX_SEM_H

#include <linux/ipc.h>

/* semop flags */
#define SEM_UNDO	0x1000	/* undo the operation when the task exits */

/* semctl commands */
#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19
#define SEM_STAT_ANY	20

#define SEMMNI	32000			/* sets */
#define SEMMSL	32000			/* semaphores in a set */
#define SEMMNS	(SEMMNI * SEMMSL)	/* semaphores in all sets */
#define SEMOPM	500			/* operations in one semop */
#define SEMVMX	32767			/* highest value */
#define SEMAEM	SEMVMX			/* highest adjustment */
#define SEMUME	SEMOPM
#define SEMMNU	SEMMNS
#define SEMMAP	SEMMNS
#define SEMUSZ	20

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

struct semid64_ds {
	struct ipc64_perm sem_perm;
	long sem_otime;
	unsigned long __unused1;
	long sem_ctime;
	unsigned long __unused2;
	unsigned long sem_nsems;
	unsigned long __unused3, __unused4;
};

struct seminfo {
	int semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

#endif
