/*
 * include/linux/resource.h: resource limits (uapi/asm-generic/resource.h
 * numbering) and resource usage (struct rusage, getrusage and wait4).
 */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

#include <linux/time.h>

#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_BOTH		(-2)	/* the kernel's own: self and children, for wait4 */
#define RUSAGE_THREAD		1

/* The x86_64 ABI's struct rusage: 144 bytes. */
struct rusage {
	struct __kernel_old_timeval ru_utime;
	struct __kernel_old_timeval ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct task_struct;
void getrusage(struct task_struct *p, int who, struct rusage *ru);
void rusage_set_times(struct rusage *r, u64 utime, u64 stime);

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16
#define RLIM_INFINITY		(~0UL)

/* getpriority/setpriority's "which" (Linux's uapi/linux/resource.h) */
#define PRIO_PROCESS		0
#define PRIO_PGRP		1
#define PRIO_USER		2

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

#endif
