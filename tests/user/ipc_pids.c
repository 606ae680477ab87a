/*
 * ipc_pids: the process ids a System V object records (a queue's last
 * sender and receiver, a segment's creator and last attacher, a
 * semaphore's last changer) are shown in each reader's own pid namespace,
 * as Linux keeps a struct pid for them: a process that is pid 1 of a new
 * pid namespace sees itself as 1 in msgctl, shmctl and semctl(GETPID),
 * while its parent sees the number it knows it by; /proc/sysvipc shows
 * the numbers of the pid namespace of whoever opened it.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

struct ids {
	int msq, shm, sem;
};

struct one_msg {
	long type;
	char text[4];
};

/* As pid 1 of a new namespace: touch each object, check it reads back as 1; 0 if so. */
static int act_inside(const struct ids *ids)
{
	struct one_msg m = { 1, "x" };
	struct sembuf up = { 0, 1, 0 };
	struct msqid_ds mds;
	struct shmid_ds sds;
	void *p;

	if (getpid() != 1 || msgsnd(ids->msq, &m, sizeof(m.text), 0) ||
	    msgrcv(ids->msq, &m, sizeof(m.text), 0, 0) < 0 || semop(ids->sem, &up, 1))
		return 2;
	p = shmat(ids->shm, NULL, 0);
	if (p == (void *)-1 || msgctl(ids->msq, IPC_STAT, &mds) || shmctl(ids->shm, IPC_STAT, &sds))
		return 3;
	if (mds.msg_lspid != 1 || mds.msg_lrpid != 1 || sds.shm_lpid != 1 ||
	    semctl(ids->sem, 0, GETPID) != 1)
		return 4;
	return shmdt(p) ? 5 : 0;
}

/* The number the kernel gives for @id's column @col (1-based) in /proc/sysvipc/@kind. */
static long proc_column(const char *kind, int id, int col)
{
	char path[64], line[512], *tok, *save;
	long value = -1;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		tok = strtok_r(line, " \t\n", &save);
		tok = tok ? strtok_r(NULL, " \t\n", &save) : NULL;	/* the id */
		if (!tok || atoi(tok) != id)
			continue;
		for (i = 3; i <= col && (tok = strtok_r(NULL, " \t\n", &save)); i++)
			;
		if (tok)
			value = atol(tok);
	}
	fclose(f);
	return value;
}

static void t_each_reader_sees_its_own_numbers(void)
{
	struct ids ids;
	struct msqid_ds mds;
	struct shmid_ds sds;
	int status, pipefd[2];
	pid_t child, inner = 0;

	if (getuid() != 0)
		KTAP_SKIP("needs root, for a new pid namespace");
	ids.msq = msgget(IPC_PRIVATE, 0600);
	ids.shm = shmget(IPC_PRIVATE, 4096, 0600);
	ids.sem = semget(IPC_PRIVATE, 1, 0600);
	ASSERT_TRUE(ids.msq >= 0 && ids.shm >= 0 && ids.sem >= 0);
	ASSERT_EQ(pipe(pipefd), 0);
	fflush(stdout);
	child = fork();
	if (child == 0) {
		/* unshare: the next child is pid 1 of a new namespace, and we know its outer pid */
		if (unshare(CLONE_NEWPID))
			_exit(6);
		inner = fork();
		if (inner == 0)
			_exit(act_inside(&ids));
		write(pipefd[1], &inner, sizeof(inner));
		_exit(wait_status(inner) == 0 ? 0 : 7);
	}
	ASSERT_GT(child, 0);
	close(pipefd[1]);
	EXPECT_EQ(read(pipefd[0], &inner, sizeof(inner)), (ssize_t)sizeof(inner));
	close(pipefd[0]);
	status = wait_status(child);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ASSERT_GT(inner, 1);
	EXPECT_EQ(msgctl(ids.msq, IPC_STAT, &mds), 0);
	EXPECT_EQ(mds.msg_lspid, inner);
	EXPECT_EQ(mds.msg_lrpid, inner);
	EXPECT_EQ(shmctl(ids.shm, IPC_STAT, &sds), 0);
	EXPECT_EQ(sds.shm_cpid, getpid());
	EXPECT_EQ(sds.shm_lpid, inner);
	EXPECT_EQ(semctl(ids.sem, 0, GETPID), inner);
	/* msg: key msqid perms cbytes qnum lspid lrpid; shm: key shmid perms size cpid lpid */
	EXPECT_EQ(proc_column("msg", ids.msq, 6), inner);
	EXPECT_EQ(proc_column("msg", ids.msq, 7), inner);
	EXPECT_EQ(proc_column("shm", ids.shm, 5), getpid());
	EXPECT_EQ(proc_column("shm", ids.shm, 6), inner);
	msgctl(ids.msq, IPC_RMID, NULL);
	shmctl(ids.shm, IPC_RMID, NULL);
	semctl(ids.sem, 0, IPC_RMID);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_each_reader_sees_its_own_numbers));
}
