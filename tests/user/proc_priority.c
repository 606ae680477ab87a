/*
 * tests/user/proc_priority.c: getpriority(2) and setpriority(2): the raw
 * system call's 40..1, one thread, a process group and a user's tasks,
 * the owner and CAP_SYS_NICE rules with RLIMIT_NICE, and what a pid
 * namespace hides.  Runs as root (it drops to other users in children).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "ns_util.h"

#define NOBODY		65534
#define LONELY_UID	54321		/* no process ever runs as this user */

static long raw_getpriority(int which, int who)
{
	return syscall(SYS_getpriority, which, who);
}

/* The nice value of process or thread @pid, from /proc/PID/stat (field 19). */
static int proc_nice(pid_t pid)
{
	char path[64], buf[512], *p;
	int field, nice = 99;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 99;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')'))) {
		for (field = 2; field < 19 && p; field++)
			p = strchr(p + 1, ' ');
		if (p)
			sscanf(p + 1, "%d", &nice);
	}
	fclose(f);
	return nice;
}

/* Our own nice back at 0 (a case may have moved it; root may always). */
static void reset_nice(void)
{
	setpriority(PRIO_PROCESS, 0, 0);
}

static void t_raw_call_returns_twenty_minus_nice(void)
{
	ASSERT_EQ(setpriority(PRIO_PROCESS, 0, 0), 0);
	EXPECT_EQ(raw_getpriority(PRIO_PROCESS, 0), 20);
	ASSERT_EQ(setpriority(PRIO_PROCESS, 0, 7), 0);
	EXPECT_EQ(raw_getpriority(PRIO_PROCESS, 0), 13);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 7);		/* the C library turns it back */
	EXPECT_EQ(getpriority(PRIO_PROCESS, getpid()), 7);
	EXPECT_EQ(proc_nice(getpid()), 7);
	ASSERT_EQ(setpriority(PRIO_PROCESS, 0, -5), 0);		/* root may lower it */
	EXPECT_EQ(raw_getpriority(PRIO_PROCESS, 0), 25);
	reset_nice();
}

static void t_values_are_clamped_to_the_range(void)
{
	ASSERT_EQ(setpriority(PRIO_PROCESS, 0, 100), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 19);
	ASSERT_EQ(setpriority(PRIO_PROCESS, 0, -100), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), -20);
	EXPECT_EQ(raw_getpriority(PRIO_PROCESS, 0), 40);
	reset_nice();
}

static void t_bad_which_is_einval_and_no_one_is_esrch(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	ASSERT_EQ(wait_status(pid), 0);		/* pid now names no one */
	EXPECT_ERRNO(getpriority(3, 0), EINVAL);
	EXPECT_ERRNO(setpriority(-1, 0, 0), EINVAL);
	EXPECT_ERRNO(getpriority(PRIO_PROCESS, pid), ESRCH);
	EXPECT_ERRNO(setpriority(PRIO_PROCESS, pid, 3), ESRCH);
	EXPECT_ERRNO(getpriority(PRIO_USER, LONELY_UID), ESRCH);
	EXPECT_ERRNO(setpriority(PRIO_USER, LONELY_UID, 3), ESRCH);
}

static pid_t thread_tid;
static int thread_ready[2], thread_go[2];	/* one pipe each way */

static void *idle_thread(void *arg)
{
	char byte;

	(void)arg;
	thread_tid = syscall(SYS_gettid);
	write(thread_ready[1], "r", 1);
	read(thread_go[0], &byte, 1);		/* until the main thread lets it end */
	return NULL;
}

/* PRIO_PROCESS names one thread: its tid sets that thread alone. */
static void t_a_thread_id_names_one_thread(void)
{
	pthread_t t;
	char byte;

	ASSERT_EQ(pipe(thread_ready), 0);
	ASSERT_EQ(pipe(thread_go), 0);
	ASSERT_EQ(pthread_create(&t, NULL, idle_thread, NULL), 0);
	ASSERT_EQ(read(thread_ready[0], &byte, 1), 1);
	EXPECT_EQ(setpriority(PRIO_PROCESS, thread_tid, 8), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, thread_tid), 8);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);		/* the main thread kept its own */
	EXPECT_EQ(proc_nice(getpid()), 0);
	write(thread_go[1], "g", 1);
	pthread_join(t, NULL);
	close(thread_ready[0]);
	close(thread_ready[1]);
	close(thread_go[0]);
	close(thread_go[1]);
}

static void set_own_group(void)
{
	setpgid(0, 0);
}

/* PRIO_PGRP: every member; getpriority gives the most favoured value. */
static void t_process_group_members_all_change(void)
{
	struct parked_child a, b;

	ASSERT_EQ(park_child(&a, set_own_group), 0);
	ASSERT_EQ(park_child(&b, NULL), 0);
	ASSERT_EQ(setpgid(b.pid, a.pid), 0);
	EXPECT_EQ(setpriority(PRIO_PGRP, a.pid, 6), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, a.pid), 6);
	EXPECT_EQ(getpriority(PRIO_PROCESS, b.pid), 6);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);		/* not in that group */
	EXPECT_EQ(setpriority(PRIO_PROCESS, b.pid, 11), 0);
	EXPECT_EQ(getpriority(PRIO_PGRP, a.pid), 6);		/* 6 is more favoured than 11 */
	release_child(&b);
	release_child(&a);
}

static void become(uid_t uid)
{
	if (setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
		_exit(255);
}

static void become_lonely(void)
{
	become(LONELY_UID);
}

/* PRIO_USER: every task whose real uid it is. */
static void t_a_users_processes_all_change(void)
{
	struct parked_child a, b;

	ASSERT_EQ(park_child(&a, become_lonely), 0);
	ASSERT_EQ(park_child(&b, become_lonely), 0);
	EXPECT_EQ(setpriority(PRIO_USER, LONELY_UID, 4), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, a.pid), 4);
	EXPECT_EQ(getpriority(PRIO_PROCESS, b.pid), 4);
	EXPECT_EQ(getpriority(PRIO_USER, LONELY_UID), 4);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);
	release_child(&b);
	release_child(&a);
}

/*
 * Without CAP_SYS_NICE: up freely, down only as far as RLIMIT_NICE allows.
 * Raising the limit to 18 takes CAP_SYS_RESOURCE, which a container's
 * root may lack: there only the limit 0 is tried.
 */
static void lower_nice_body(void)
{
	struct rlimit rl = { 18, 18 };		/* down to nice 20 - 18 = 2 */
	int raised = !setrlimit(RLIMIT_NICE, &rl);

	become(NOBODY);
	EXPECT_EQ(setpriority(PRIO_PROCESS, 0, 10), 0);
	if (raised) {
		EXPECT_EQ(setpriority(PRIO_PROCESS, 0, 5), 0);
		EXPECT_EQ(setpriority(PRIO_PROCESS, 0, 2), 0);
		EXPECT_ERRNO(setpriority(PRIO_PROCESS, 0, 1), EACCES);
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 2);
	}
	rl.rlim_cur = rl.rlim_max = 0;
	ASSERT_EQ(setrlimit(RLIMIT_NICE, &rl), 0);
	EXPECT_ERRNO(setpriority(PRIO_PROCESS, 0, 1), EACCES);
	EXPECT_EQ(setpriority(PRIO_PROCESS, 0, getpriority(PRIO_PROCESS, 0)), 0);	/* no lowering */
	EXPECT_EQ(setpriority(PRIO_PROCESS, 0, 19), 0);
	EXPECT_ERRNO(setpriority(PRIO_PROCESS, 0, 18), EACCES);
}

static void t_lowering_needs_rlimit_nice_or_cap_sys_nice(void)
{
	EXPECT_EQ(run_in_child(lower_nice_body), 0);
}

static pid_t root_pid;

/* Another user's process: EPERM; a group with one of them: EPERM wins. */
static void other_users_body(void)
{
	become(NOBODY);
	EXPECT_ERRNO(setpriority(PRIO_PROCESS, root_pid, 3), EPERM);
	EXPECT_EQ(getpriority(PRIO_PROCESS, root_pid), 0);	/* reading is free */
}

static void t_another_users_process_is_eperm(void)
{
	root_pid = getpid();
	EXPECT_EQ(run_in_child(other_users_body), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);
}

/* In a new pid namespace only its own tasks can be named. */
static pid_t outside_pid;

static void hidden_outside_body(void)
{
	EXPECT_EQ(getpid(), 1);
	EXPECT_EQ(setpriority(PRIO_PROCESS, 1, 3), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 1), 3);
	if (outside_pid != 1)
		EXPECT_ERRNO(getpriority(PRIO_PROCESS, outside_pid), ESRCH);
	EXPECT_EQ(setpriority(PRIO_USER, 0, 9), 0);		/* root's, in here only */
	EXPECT_EQ(getpriority(PRIO_USER, 0), 9);
}

static void t_a_pid_namespace_hides_the_tasks_outside(void)
{
	outside_pid = getpid();
	reset_nice();
	EXPECT_EQ(ns_check_in_child(CLONE_NEWPID, hidden_outside_body), 0);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);		/* PRIO_USER did not reach us */
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_raw_call_returns_twenty_minus_nice,
				   t_values_are_clamped_to_the_range,
				   t_bad_which_is_einval_and_no_one_is_esrch,
				   t_a_thread_id_names_one_thread,
				   t_process_group_members_all_change,
				   t_a_users_processes_all_change,
				   t_lowering_needs_rlimit_nice_or_cap_sys_nice,
				   t_another_users_process_is_eperm,
				   t_a_pid_namespace_hides_the_tasks_outside));
}
