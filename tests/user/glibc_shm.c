/*
 * glibc_shm: POSIX shared memory and named semaphores through glibc,
 * which keeps both in /dev/shm (a tmpfs on Linux; init mounts one here).
 * shm_open makes a file there that ftruncate sizes and two processes map
 * and share; shm_unlink removes it (ENOENT after).  sem_open makes a
 * "sem.NAME" file whose semaphore a child posts and the parent waits on
 * (futexes in a shared mapping); sem_unlink removes it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define TMPFS_MAGIC 0x01021994

static void t_dev_shm_is_a_tmpfs(void)
{
	struct statfs s;
	struct stat st;

	ASSERT_EQ(statfs("/dev/shm", &s), 0);
	EXPECT_EQ(s.f_type, TMPFS_MAGIC);
	ASSERT_EQ(stat("/dev/shm", &st), 0);
	EXPECT_EQ(st.st_mode & 07777, 01777);
}

static void t_shm_open_shared_between_processes(void)
{
	char name[64], path[80];
	int fd, status;
	char *p;
	pid_t pid;

	snprintf(name, sizeof(name), "/ktap-glibc-shm-%d", getpid());
	snprintf(path, sizeof(path), "/dev/shm%s", name);
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(access(path, F_OK), 0);
	ASSERT_EQ(ftruncate(fd, 4096), 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		int cfd = shm_open(name, O_RDWR, 0);
		char *q = cfd < 0 ? MAP_FAILED : mmap(NULL, 4096, PROT_READ | PROT_WRITE,
							MAP_SHARED, cfd, 0);

		if (q == MAP_FAILED)
			_exit(2);
		strcpy(q, "from the child");
		_exit(0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_STREQ(p, "from the child");
	EXPECT_EQ(shm_unlink(name), 0);
	EXPECT_ERRNO(shm_unlink(name), ENOENT);
	EXPECT_ERRNO(shm_open(name, O_RDWR, 0), ENOENT);
	munmap(p, 4096);
	close(fd);
}

static void t_named_semaphore_between_processes(void)
{
	char name[64];
	int status;
	sem_t *sem;
	pid_t pid;

	snprintf(name, sizeof(name), "/ktap-glibc-sem-%d", getpid());
	sem = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
	ASSERT_TRUE(sem != SEM_FAILED);
	pid = fork();
	if (pid == 0) {
		sem_t *c = sem_open(name, 0);

		_exit(c == SEM_FAILED || sem_post(c) ? 2 : 0);
	}
	EXPECT_EQ(sem_wait(sem), 0);		/* the child's post wakes us */
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(sem_trywait(sem), -1);
	EXPECT_EQ(sem_close(sem), 0);
	EXPECT_EQ(sem_unlink(name), 0);
	EXPECT_TRUE(sem_open(name, 0) == SEM_FAILED);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_dev_shm_is_a_tmpfs, t_shm_open_shared_between_processes,
				   t_named_semaphore_between_processes));
}
