/*
 * ns_missing_types: clone, clone3 and unshare with a namespace flag this
 * kernel has no namespace for (CLONE_NEWNET, CLONE_NEWCGROUP,
 * CLONE_NEWTIME) from a caller without CAP_SYS_ADMIN fail with EPERM, as
 * on any Linux: the capability is checked before the namespace types
 * (Linux's copy_namespaces, unshare_nsproxy_namespaces).  What a
 * privileged caller gets depends on how the kernel was built (a Linux
 * without CONFIG_NET_NS says EINVAL), so it is not tested here.
 */
#include "ns_util.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

/* clone3 with @flags: its errno in the parent, 0 if it made a child. */
static int clone3_errno(unsigned long long flags)
{
	struct clone_args args = { .flags = flags, .exit_signal = SIGCHLD };

	return child_errno(syscall(SYS_clone3, &args, sizeof(args)));
}

static void t_unshare_unprivileged_is_eperm(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWNET))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWCGROUP))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWTIME))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(CLONE_NEWNET | CLONE_NEWUTS))), EPERM);
}

static void t_clone_unprivileged_is_eperm(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, child_errno(ns_clone(CLONE_NEWNET))), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, child_errno(ns_clone(CLONE_NEWCGROUP))), EPERM);
}

static void t_clone3_unprivileged_is_eperm(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, clone3_errno(CLONE_NEWNET)), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, clone3_errno(CLONE_NEWCGROUP)), EPERM);
	EXPECT_EQ(AS_USER(TEST_UID, clone3_errno(CLONE_NEWTIME)), EPERM);
}

/* Unknown flags are still EINVAL before anything else. */
static void t_unknown_unshare_flag_is_einval(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(unshare(0x00001000 /* CLONE_PTRACE */))), EINVAL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_unshare_unprivileged_is_eperm, t_clone_unprivileged_is_eperm,
				   t_clone3_unprivileged_is_eperm, t_unknown_unshare_flag_is_einval));
}
