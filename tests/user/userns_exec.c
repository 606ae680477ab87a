/*
 * userns_exec: capabilities across execve() in a user namespace
 * (linux-semantics.md D2, D10; LTP userns06).
 *
 * The creator of a user namespace holds every capability there.  execve()
 * keeps them for uid 0 of the namespace and drops them all for any other
 * uid, unmapped (65534) included.  The test re-executes itself
 * (/proc/self/exe) with REPORT_CAPS as its argument; that run reports its
 * capabilities in its exit status.
 */
#include "ns_util.h"

#define REPORT_CAPS	"--report-caps"

/* Exit codes of the re-executed run. */
enum { CAPS_NONE = 10, CAPS_ALL = 11, CAPS_SOME = 12, CAPS_UNKNOWN = 13 };

static int report_caps(void)
{
	struct cap_sets sets;
	uint64_t all = all_caps();

	if (cap_get(0, &sets))
		return CAPS_UNKNOWN;
	if (!sets.effective && !sets.permitted)
		return CAPS_NONE;
	if (sets.effective == all && sets.permitted == all)
		return CAPS_ALL;
	return CAPS_SOME;
}

/* In the new namespace: once the maps are written, execve() the test. */
static int exec_after_maps(int in, int out, void *arg)
{
	(void)out;
	(void)arg;
	if (sync_wait(in))
		return 1;
	if (report_caps() != CAPS_ALL)
		return 2;
	execl("/proc/self/exe", "userns_exec", REPORT_CAPS, (char *)NULL);
	return 3;
}

/* The re-executed run's status, with @uid_map written first (NULL: none). */
static int caps_after_execve(const char *uid_map)
{
	struct ns_child c;

	if (ns_spawn(&c, CLONE_NEWUSER, exec_after_maps, NULL))
		return -1;
	if (uid_map && write_proc_file(c.pid, "uid_map", uid_map))
		KTAP_FAIL("cannot write uid_map \"%s\"", uid_map);
	sync_post(c.to);
	return ns_reap(&c);
}

static void t_uid_0_keeps_every_capability_across_execve(void)
{
	EXPECT_EQ(caps_after_execve("0 0 1\n"), CAPS_ALL);
}

static void t_a_nonzero_uid_loses_them(void)
{
	EXPECT_EQ(caps_after_execve("1000 0 1\n"), CAPS_NONE);
}

static void t_an_unmapped_uid_loses_them(void)
{
	EXPECT_EQ(caps_after_execve(NULL), CAPS_NONE);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], REPORT_CAPS))
		return report_caps();
	return ktap_run(KTAP_CASES(t_uid_0_keeps_every_capability_across_execve,
				   t_a_nonzero_uid_loses_them,
				   t_an_unmapped_uid_loses_them));
}
