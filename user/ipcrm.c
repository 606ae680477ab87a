/*
 * user/ipcrm.c: ipcrm: remove System V IPC objects by id or by key.
 *
 *	ipcrm [-q MSQID] [-s SEMID] [-m SHMID] [-Q KEY] [-S KEY] [-M KEY]...
 *
 * A key is looked up (msgget/semget/shmget with no flags) to find its id,
 * then the object is removed with IPC_RMID.  Messages are util-linux's.
 */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

enum ipc_kind { SHM, MSG, SEM };

static int remove_id(enum ipc_kind kind, int id)
{
	switch (kind) {
	case SHM: return shmctl(id, IPC_RMID, NULL);
	case MSG: return msgctl(id, IPC_RMID, NULL);
	default:  return semctl(id, 0, IPC_RMID);
	}
}

static int id_of_key(enum ipc_kind kind, key_t key)
{
	switch (kind) {
	case SHM: return shmget(key, 0, 0);
	case MSG: return msgget(key, 0);
	default:  return semget(key, 0, 0);
	}
}

/* Removes one object named by @arg (an id, or a key if @is_key); 0 on success. */
static int remove_one(enum ipc_kind kind, const char *arg, int is_key)
{
	const char *what = is_key ? "key" : "id";
	char *end;
	long n = strtol(arg, &end, is_key ? 0 : 10);
	int id = (int)n;

	if (end == arg || *end)
		errx(1, "failed to parse argument: '%s'", arg);
	if (is_key && n == IPC_PRIVATE) {
		warnx("illegal key (%s)", arg);
		return 1;
	}
	if ((!is_key || (id = id_of_key(kind, (key_t)n)) >= 0) && remove_id(kind, id) == 0)
		return 0;
	if (errno == EACCES || errno == EPERM)
		warnx("permission denied for %s (%s)", what, arg);
	else if (errno == EINVAL || errno == ENOENT)
		warnx("invalid %s (%s)", what, arg);
	else if (errno == EIDRM)
		warnx("already removed %s (%s)", what, arg);
	else
		err(1, "%s failed", what);
	return 1;
}

int main(int argc, char **argv)
{
	int opt, failed = 0, any = 0;

	while ((opt = getopt(argc, argv, "q:s:m:Q:S:M:")) != -1) {
		switch (opt) {
		case 'q': failed |= remove_one(MSG, optarg, 0); break;
		case 's': failed |= remove_one(SEM, optarg, 0); break;
		case 'm': failed |= remove_one(SHM, optarg, 0); break;
		case 'Q': failed |= remove_one(MSG, optarg, 1); break;
		case 'S': failed |= remove_one(SEM, optarg, 1); break;
		case 'M': failed |= remove_one(SHM, optarg, 1); break;
		default: errx(1, "usage: ipcrm [-q|-s|-m ID] [-Q|-S|-M KEY]...");
		}
		any = 1;
	}
	if (!any)
		errx(1, "usage: ipcrm [-q|-s|-m ID] [-Q|-S|-M KEY]...");
	return failed;
}
