/*
 * user/ipcmk.c: ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p PERMS]: make System V IPC objects.
 *
 * Prints the new object's id as util-linux does ("Message queue id: 0").
 * Each object gets a fresh key (util-linux picks a random one); ids are
 * the kernel's, per IPC namespace, so the first object of a new
 * namespace is id 0 again.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

enum ipc_kind { SHM, MSG, SEM };

/* A key unlikely to be taken: the clock's nanoseconds mixed with our pid. */
static key_t first_key(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (key_t)((unsigned)ts.tv_nsec * 2654435761u ^ (unsigned)getpid() << 16);
}

static int create(enum ipc_kind kind, key_t key, unsigned long arg, int flags)
{
	switch (kind) {
	case SHM: return shmget(key, arg, flags);
	case MSG: return msgget(key, flags);
	default:  return semget(key, (int)arg, flags);
	}
}

/* Makes one object under a key nobody uses yet, trying the next key on EEXIST. */
static int create_with_new_key(enum ipc_kind kind, unsigned long arg, int perms)
{
	key_t key = first_key();
	int id;

	for (int tries = 0; tries < 100; tries++, key++) {
		if (key == IPC_PRIVATE)
			continue;
		id = create(kind, key, arg, IPC_CREAT | IPC_EXCL | perms);
		if (id >= 0 || errno != EEXIST)
			return id;
	}
	return -1;
}

/* "4096", "64K", "1M": a size in bytes. */
static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	switch (*end) {
	case 'K': n <<= 10; end++; break;
	case 'M': n <<= 20; end++; break;
	case 'G': n <<= 30; end++; break;
	}
	if (end == s || *end)
		errx(1, "failed to parse size: '%s'", s);
	return n;
}

int main(int argc, char **argv)
{
	int opt, want_shm = 0, want_msg = 0, want_sem = 0, perms = 0644, id;
	unsigned long size = 0, nsems = 0;

	while ((opt = getopt(argc, argv, "M:QS:p:")) != -1) {
		switch (opt) {
		case 'M': want_shm = 1; size = parse_size(optarg); break;
		case 'Q': want_msg = 1; break;
		case 'S': want_sem = 1; nsems = strtoul(optarg, NULL, 10); break;
		case 'p': perms = strtoul(optarg, NULL, 8) & 0777; break;
		default: errx(1, "usage: ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p PERMS]");
		}
	}
	if (!want_shm && !want_msg && !want_sem)
		errx(1, "bad usage: no resource specified (-M, -Q or -S)");
	if (want_shm) {
		if ((id = create_with_new_key(SHM, size, perms)) < 0)
			err(1, "create share memory failed");
		printf("Shared memory id: %d\n", id);
	}
	if (want_msg) {
		if ((id = create_with_new_key(MSG, 0, perms)) < 0)
			err(1, "create message queue failed");
		printf("Message queue id: %d\n", id);
	}
	if (want_sem) {
		if ((id = create_with_new_key(SEM, nsems, perms)) < 0)
			err(1, "create semaphore failed");
		printf("Semaphore id: %d\n", id);
	}
	return 0;
}
