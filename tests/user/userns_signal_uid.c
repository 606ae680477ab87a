/*
 * userns_signal_uid: a signal that names its sender (kill's SI_USER,
 * sigqueue's SI_QUEUE, tgkill's SI_TKILL) tells the sender's uid as the
 * receiver's user namespace knows it: a receiver whose namespace maps
 * the sender's uid to 5 reads si_uid 5, one whose namespace does not map
 * it reads the overflow uid, 65534, and a receiver in the sender's own
 * namespace reads the uid unchanged (Linux's send_signal_locked).
 */
#include "ns_util.h"
#include <signal.h>
#include <sys/syscall.h>

/* A child in a new user namespace mapping @map, reporting the si_uid of three signals. */
static pid_t start_receiver(const char *map, int ready[2], int report[2])
{
	sigset_t set;
	siginfo_t info;
	long uids[3];
	pid_t pid;
	int i;

	if (pipe(ready) || pipe(report))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid != 0)
		return pid;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (unshare(CLONE_NEWUSER) || (map && write_proc_file(getpid(), "uid_map", map)))
		_exit(2);
	sync_post(ready[1]);
	for (i = 0; i < 3; i++)
		uids[i] = sigwaitinfo(&set, &info) == SIGRTMIN ? (long)info.si_uid : -1;
	_exit(write(report[1], uids, sizeof(uids)) == sizeof(uids) ? 0 : 3);
}

/* Sends the receiver SIGRTMIN by kill, sigqueue and tgkill; the si_uids it read. */
static void send_three(pid_t pid, int ready[2], int report[2], long uids[3])
{
	union sigval v = { .sival_int = 1 };

	uids[0] = uids[1] = uids[2] = -2;
	if (sync_wait(ready[0]))
		return;
	kill(pid, SIGRTMIN);		/* a real-time signal: all three queue */
	sigqueue(pid, SIGRTMIN, v);
	syscall(SYS_tgkill, pid, pid, SIGRTMIN);
	read(report[0], uids, 3 * sizeof(long));
}

static void check_receiver(const char *map, long want)
{
	int ready[2], report[2];
	long uids[3];
	pid_t pid = start_receiver(map, ready, report);

	ASSERT_GT(pid, 0);
	send_three(pid, ready, report, uids);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(uids[0], want);
	EXPECT_EQ(uids[1], want);
	EXPECT_EQ(uids[2], want);
	close(ready[0]);
	close(ready[1]);
	close(report[0]);
	close(report[1]);
}

static void t_mapped_sender_uid_is_translated(void)
{
	char map[32];

	snprintf(map, sizeof(map), "5 %d 1", (int)getuid());
	check_receiver(map, 5);
}

static void t_unmapped_sender_uid_is_overflow(void)
{
	check_receiver(NULL, OVERFLOW_ID);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_mapped_sender_uid_is_translated,
				   t_unmapped_sender_uid_is_overflow));
}
