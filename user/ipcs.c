/*
 * user/ipcs.c: ipcs [-q] [-m] [-s] [-l]: show System V IPC objects or limits.
 *
 * The output is util-linux's, byte for byte.  Like util-linux, ipcs reads
 * /proc/sysvipc/{msg,shm,sem}, which list the objects of the reader's IPC
 * namespace, and /proc/sys/kernel/{msg*,sem,shm*}, which hold that
 * namespace's limits: inside `unshare -i` both show the new namespace.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "procfs.h"
#include "userdb.h"

#define SHM_DEST_MODE	01000	/* removed, destroyed at the last detach */
#define SHM_LOCKED_MODE	02000

/* Opens a /proc/sysvipc file and skips its header line. */
static FILE *open_sysvipc(const char *name)
{
	char path[64];
	FILE *f;
	int c;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", name);
	f = fopen(path, "re");
	if (!f)
		return NULL;
	while ((c = getc(f)) != EOF && c != '\n')
		;
	return f;
}

/* The columns every kind starts with: "0x0000abcd 0          root      ". */
static void print_key_id_owner(int key, int id, unsigned uid)
{
	char name[64];

	printf("0x%08x ", (unsigned)key);
	if (user_name(uid, name, sizeof(name)))
		printf("%-10d %-10.10s", id, name);
	else
		printf("%-10d %-10u", id, uid);
}

static void show_msg(void)
{
	FILE *f = open_sysvipc("msg");
	int key, id;
	unsigned perms, uid;
	unsigned long cbytes, qnum;

	printf("------ Message Queues --------\n");
	printf("%-10s %-10s %-10s %-10s %-12s %-12s\n",
	       "key", "msqid", "owner", "perms", "used-bytes", "messages");
	while (f && fscanf(f, "%d %d %o %lu %lu %*d %*d %u %*[^\n]",
			   &key, &id, &perms, &cbytes, &qnum, &uid) == 6) {
		print_key_id_owner(key, id, uid);
		printf(" %-10o %-12lu %-12lu\n", perms & 0777, cbytes, qnum);
	}
	if (f)
		fclose(f);
}

static void show_shm(void)
{
	FILE *f = open_sysvipc("shm");
	int key, id;
	unsigned perms, uid;
	unsigned long size, nattch;

	printf("------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n",
	       "key", "shmid", "owner", "perms", "bytes", "nattch", "status");
	while (f && fscanf(f, "%d %d %o %lu %*d %*d %lu %u %*[^\n]",
			   &key, &id, &perms, &size, &nattch, &uid) == 6) {
		print_key_id_owner(key, id, uid);
		printf(" %-10o %-10lu %-10lu %-6s %-6s\n", perms & 0777, size, nattch,
		       perms & SHM_DEST_MODE ? "dest" : " ",
		       perms & SHM_LOCKED_MODE ? "locked" : " ");
	}
	if (f)
		fclose(f);
}

static void show_sem(void)
{
	FILE *f = open_sysvipc("sem");
	int key, id;
	unsigned perms, uid;
	unsigned long nsems;

	printf("------ Semaphore Arrays --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
	while (f && fscanf(f, "%d %d %o %lu %u %*[^\n]", &key, &id, &perms, &nsems, &uid) == 5) {
		print_key_id_owner(key, id, uid);
		printf(" %-10o %-10lu\n", perms & 0777, nsems);
	}
	if (f)
		fclose(f);
}

/* Reads the numbers in /proc/sys/kernel/NAME; returns how many were read. */
static int read_sysctl(const char *name, uint64_t *v, int max)
{
	char path[64], buf[128], *p = buf, *end;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return 0;
	for (; n < max; n++, p = end) {
		v[n] = strtoull(p, &end, 10);
		if (end == p)
			break;
	}
	return n;
}

static void limits_msg(void)
{
	uint64_t mni, max, mnb;

	if (!read_sysctl("msgmni", &mni, 1) || !read_sysctl("msgmax", &max, 1) ||
	    !read_sysctl("msgmnb", &mnb, 1)) {
		printf("unable to fetch message limits\n");
		return;
	}
	printf("------ Messages Limits --------\n");
	printf("max queues system wide = %ju\n", (uintmax_t)mni);
	printf("max size of message (bytes) = %ju\n", (uintmax_t)max);
	printf("default max size of queue (bytes) = %ju\n", (uintmax_t)mnb);
}

static void limits_shm(void)
{
	uint64_t mni, max, all, kb_per_page = getpagesize() / 1024, total;

	if (!read_sysctl("shmmni", &mni, 1) || !read_sysctl("shmmax", &max, 1) ||
	    !read_sysctl("shmall", &all, 1)) {
		printf("unable to fetch shared memory limits\n");
		return;
	}
	/* shmall counts pages; Linux's default times the page size overflows, as util-linux allows for */
	total = all * kb_per_page;
	if (all != 0 && total / all != kb_per_page)
		total = UINT64_MAX - UINT64_MAX % kb_per_page;
	printf("------ Shared Memory Limits --------\n");
	printf("max number of segments = %ju\n", (uintmax_t)mni);
	printf("max seg size (kbytes) = %ju\n", (uintmax_t)(max / 1024));
	printf("max total shared memory (kbytes) = %ju\n", (uintmax_t)total);
	printf("min seg size (bytes) = 1\n");	/* SHMMIN, fixed */
}

static void limits_sem(void)
{
	uint64_t sem[4];	/* kernel.sem: semmsl semmns semopm semmni */

	if (read_sysctl("sem", sem, 4) != 4) {
		printf("unable to fetch semaphore limits\n");
		return;
	}
	printf("------ Semaphore Limits --------\n");
	printf("max number of arrays = %ju\n", (uintmax_t)sem[3]);
	printf("max semaphores per array = %ju\n", (uintmax_t)sem[0]);
	printf("max semaphores system wide = %ju\n", (uintmax_t)sem[1]);
	printf("max ops per semop call = %ju\n", (uintmax_t)sem[2]);
	printf("semaphore max value = 32767\n");	/* SEMVMX, fixed */
}

int main(int argc, char **argv)
{
	int opt, msg = 0, shm = 0, sem = 0, limits = 0;

	while ((opt = getopt(argc, argv, "qmsal")) != -1) {
		switch (opt) {
		case 'q': msg = 1; break;
		case 'm': shm = 1; break;
		case 's': sem = 1; break;
		case 'a': msg = shm = sem = 1; break;
		case 'l': limits = 1; break;
		default: errx(1, "usage: ipcs [-q] [-m] [-s] [-a] [-l]");
		}
	}
	if (!msg && !shm && !sem)
		msg = shm = sem = 1;
	printf("\n");
	if (msg) {
		limits ? limits_msg() : show_msg();
		printf("\n");
	}
	if (shm) {
		limits ? limits_shm() : show_shm();
		printf("\n");
	}
	if (sem) {
		limits ? limits_sem() : show_sem();
		printf("\n");
	}
	return 0;
}
