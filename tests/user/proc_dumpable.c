/*
 * proc_dumpable: PR_SET_DUMPABLE and what /proc makes of it.  A change of
 * ids clears the flag (commit_creds); while it is clear the process's
 * /proc/PID files belong to root (task_dump_owner) and a process of the
 * same user may not look inside (ptrace_may_access: EACCES); setting it
 * again gives the files back to the process's euid.  Run as root: the
 * cases drop to uid 1000 in children.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define USER	1000

static uid_t owner_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? (uid_t)-2 : st.st_uid;
}

static void as_user_with_flag_cycle(void)
{
	EXPECT_EQ(setresgid(USER, USER, USER), 0);
	EXPECT_EQ(setresuid(USER, USER, USER), 0);
	EXPECT_EQ(prctl(PR_GET_DUMPABLE), 0);		/* the id change cleared it */
	EXPECT_EQ(owner_of("/proc/self/status"), 0);
	EXPECT_EQ(owner_of("/proc/self"), USER);	/* the directory keeps the euid */
	EXPECT_EQ(prctl(PR_SET_DUMPABLE, 1), 0);
	EXPECT_EQ(prctl(PR_GET_DUMPABLE), 1);
	EXPECT_EQ(owner_of("/proc/self/status"), USER);
	errno = 0;
	EXPECT_EQ(prctl(PR_SET_DUMPABLE, 2), -1);
	EXPECT_EQ(errno, EINVAL);
}

static void t_id_change_clears_it_and_root_owns_the_files(void)
{
	EXPECT_EQ(run_in_child(as_user_with_flag_cycle), 0);
}

static int victim_pid;

/* Another process of the same user may not read a non-dumpable one's environ. */
static void peek_at_victim(void)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/environ", victim_pid);
	EXPECT_EQ(setresgid(USER, USER, USER), 0);
	EXPECT_EQ(setresuid(USER, USER, USER), 0);
	errno = 0;
	EXPECT_EQ(open(path, O_RDONLY), -1);
	EXPECT_EQ(errno, EACCES);
}

static void t_a_non_dumpable_process_is_closed_to_its_user(void)
{
	int go[2];
	char c;

	ASSERT_EQ(pipe(go), 0);
	fflush(stdout);
	victim_pid = fork();
	ASSERT_GE(victim_pid, 0);
	if (victim_pid == 0) {
		close(go[1]);
		if (setresgid(USER, USER, USER) || setresuid(USER, USER, USER))
			_exit(1);
		(void)read(go[0], &c, 1);		/* until the peeker is done */
		_exit(0);
	}
	close(go[0]);
	EXPECT_EQ(run_in_child(peek_at_victim), 0);
	close(go[1]);
	EXPECT_EQ(wait_status(victim_pid), 0);
}

int main(void)
{
	if (geteuid() != 0) {
		printf("# proc_dumpable: needs root\n");
		return 1;
	}
	return ktap_run(KTAP_CASES(t_id_change_clears_it_and_root_owns_the_files,
				   t_a_non_dumpable_process_is_closed_to_its_user));
}
