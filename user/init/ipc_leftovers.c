/*
 * user/init/ipc_leftovers.c: the System V objects a test left behind.
 *
 * A message queue, semaphore set or shared memory segment outlives the
 * process that made it, by design: one a test never removes (Linux's
 * futex selftests leave their shmget segments) is the test's state, as a
 * file left in its scratch /tmp is, not memory the kernel lost.  So after
 * each test init removes whatever System V objects its IPC namespace
 * still holds, as ipcrm would, and says how many there were.  The leak
 * check at the end then sees only what the kernel failed to free after
 * IPC_RMID, and the next test starts with none (ipcs shows it nothing).
 * Init looks once before the leak check's baseline too, so that the
 * /proc/sysvipc entries it reads are in the dentry cache already.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "init.h"

/*
 * Removes every object listed in /proc/sysvipc/@kind with @rmid; how many
 * it found.  read(2) into a static buffer, not stdio: init's memory must
 * look the same to the leak check whether or not there was anything.
 */
static int remove_all(const char *kind, int (*rmid)(int id))
{
	static char text[65536];
	char path[64], *line, *next;
	int n = 0, id, fd;
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	len = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	text[len] = '\0';
	line = strchr(text, '\n');	/* past the header */
	for (; line && *++line; line = next) {
		next = strchr(line, '\n');
		if (sscanf(line, "%*d %d", &id) == 1 && rmid(id) == 0)
			n++;
	}
	return n;
}

static int rm_msg(int id)
{
	return msgctl(id, IPC_RMID, NULL);
}

static int rm_sem(int id)
{
	return semctl(id, 0, IPC_RMID);
}

static int rm_shm(int id)
{
	return shmctl(id, IPC_RMID, NULL);
}

void remove_ipc_leftovers(const char *test)
{
	int msg = remove_all("msg", rm_msg), sem = remove_all("sem", rm_sem);
	int shm = remove_all("shm", rm_shm);

	if (msg + sem + shm)
		printf("# %s left System V objects, removed: %d message queues, %d semaphore "
		       "sets, %d shared memory segments\n", test, msg, sem, shm);
}
