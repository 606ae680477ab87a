/*
 * ipcns_limits: the per-namespace IPC sysctls (linux-semantics.md C1, C3,
 * C19).
 *
 * kernel.{msgmax,msgmnb,msgmni,sem,shmmax,shmall,shmmni,shm_rmid_forced}
 * and fs.mqueue.{queues_max,msg_max,msgsize_max,msg_default,
 * msgsize_default} read and write the caller's IPC namespace.  A new
 * namespace starts from the compiled-in defaults, never from its parent's
 * values, and what one namespace writes no other sees.
 */
#include "ns_util.h"

struct ipc_sysctl {
	const char *path;
	const char *dflt;	/* in a new namespace */
	const char *other;	/* a valid value that is not the default */
};

static const struct ipc_sysctl sysctls[] = {
	{ "/proc/sys/kernel/msgmax", "8192", "4000" },
	{ "/proc/sys/kernel/msgmnb", "16384", "5000" },
	{ "/proc/sys/kernel/msgmni", "32000", "100" },
	{ "/proc/sys/kernel/sem", "32000\t1024000000\t500\t32000", "250\t32000\t32\t128" },
	{ "/proc/sys/kernel/shmmax", "18446744073692774399", "1048576" },
	{ "/proc/sys/kernel/shmall", "18446744073692774399", "2048" },
	{ "/proc/sys/kernel/shmmni", "4096", "64" },
	{ "/proc/sys/kernel/shm_rmid_forced", "0", "1" },
	{ "/proc/sys/fs/mqueue/queues_max", "256", "7" },
	{ "/proc/sys/fs/mqueue/msg_max", "10", "20" },
	{ "/proc/sys/fs/mqueue/msgsize_max", "8192", "4096" },
	{ "/proc/sys/fs/mqueue/msg_default", "10", "5" },
	{ "/proc/sys/fs/mqueue/msgsize_default", "8192", "1024" },
};

#define N_SYSCTLS (sizeof(sysctls) / sizeof(sysctls[0]))

/* All values, as read here. */
struct values {
	char v[N_SYSCTLS][48];
};

/* A sysctl's value without its newline ("" if unreadable). */
static void read_value(const char *path, char *buf, size_t size)
{
	if (read_text(path, buf, size) <= 0)
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static void read_values(void *out)
{
	struct values *r = out;
	size_t i;

	for (i = 0; i < N_SYSCTLS; i++)
		read_value(sysctls[i].path, r->v[i], sizeof(r->v[i]));
}

static void expect_defaults(const struct values *r)
{
	size_t i;

	for (i = 0; i < N_SYSCTLS; i++)
		EXPECT_STREQ(r->v[i], sysctls[i].dflt);
}

static int write_others(void)
{
	size_t i;

	for (i = 0; i < N_SYSCTLS; i++)
		if (write_text(sysctls[i].path, sysctls[i].other))
			return -1;
	return 0;
}

static void t_a_new_namespace_starts_from_the_defaults(void)
{
	struct values r;

	ASSERT_EQ(ns_run(CLONE_NEWIPC, read_values, &r, sizeof(r)), 0);
	expect_defaults(&r);
}

NS_CASE(every_sysctl_reads_back_what_was_written, CLONE_NEWIPC)
{
	struct values r;
	size_t i;

	EXPECT_EQ(write_others(), 0);
	read_values(&r);
	for (i = 0; i < N_SYSCTLS; i++)
		EXPECT_STREQ(r.v[i], sysctls[i].other);
}

/* A namespace made below one with other values still starts from the defaults. */
NS_CASE(defaults_are_not_copied_from_the_parent, CLONE_NEWIPC)
{
	struct values r;

	ASSERT_EQ(write_others(), 0);
	ASSERT_EQ(ns_run(CLONE_NEWIPC, read_values, &r, sizeof(r)), 0);
	expect_defaults(&r);
}

static void change_all(void *out)
{
	*(long *)out = write_others();
}

static void t_changes_stay_in_their_namespace(void)
{
	struct values before, after;
	long written = -1;
	size_t i;

	read_values(&before);
	ASSERT_EQ(ns_run(CLONE_NEWIPC, change_all, &written, sizeof(written)), 0);
	EXPECT_EQ(written, 0);
	read_values(&after);
	for (i = 0; i < N_SYSCTLS; i++) {
		EXPECT_NE(before.v[i][0], '\0');
		EXPECT_STREQ(after.v[i], before.v[i]);
	}
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_a_new_namespace_starts_from_the_defaults,
				   t_every_sysctl_reads_back_what_was_written,
				   t_defaults_are_not_copied_from_the_parent,
				   t_changes_stay_in_their_namespace));
}
