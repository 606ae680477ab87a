/*
 * kernel/groups.c: supplementary groups (getgroups, setgroups).
 *
 * The list is kept sorted so membership is a binary search.  In a user
 * namespace setgroups needs CAP_SETGID there, a gid map, and "allow" in
 * /proc/PID/setgroups (part D7), so that dropping a group cannot be used
 * to get around a "deny" that was set to protect it.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE2(getgroups, int, gidsetsize, gid_t *, grouplist)
{
	const struct cred *c = current_cred();
	struct group_info *gi = c->group_info;
	int i;

	if (gidsetsize < 0)
		return -EINVAL;
	if (!gidsetsize)
		return gi->ngroups;
	if (gidsetsize < gi->ngroups)
		return -EINVAL;
	for (i = 0; i < gi->ngroups; i++)
		if (put_user(from_kgid_munged(c->user_ns, gi->gid[i]), grouplist + i))
			return -EFAULT;
	return gi->ngroups;
}

static void groups_sort(struct group_info *gi)
{
	int i, j;
	kgid_t t;

	for (i = 1; i < gi->ngroups; i++)		/* insertion sort: lists are short */
		for (j = i; j > 0 && __kgid_val(gi->gid[j - 1]) > __kgid_val(gi->gid[j]); j--) {
			t = gi->gid[j];
			gi->gid[j] = gi->gid[j - 1];
			gi->gid[j - 1] = t;
		}
}

bool may_setgroups(void)
{
	struct user_namespace *ns = current_user_ns();

	return ns_capable(ns, CAP_SETGID) && ns->gid_map.nr_extents &&
	       (ns->flags & USERNS_SETGROUPS_ALLOWED);
}

SYSCALL_DEFINE2(setgroups, int, gidsetsize, gid_t *, grouplist)
{
	struct user_namespace *ns = current_user_ns();
	struct group_info *gi;
	struct cred *new;
	gid_t g;
	int i;

	if (!may_setgroups())
		return -EPERM;
	if ((unsigned int)gidsetsize > NGROUPS_MAX)
		return -EINVAL;
	gi = groups_alloc(gidsetsize);
	if (!gi)
		return -ENOMEM;
	for (i = 0; i < gidsetsize; i++) {
		if (get_user(g, grouplist + i)) {
			put_group_info(gi);
			return -EFAULT;
		}
		gi->gid[i] = make_kgid(ns, g);
		if (!gid_valid(gi->gid[i])) {
			put_group_info(gi);
			return -EINVAL;
		}
	}
	groups_sort(gi);
	new = prepare_creds();
	if (!new) {
		put_group_info(gi);
		return -ENOMEM;
	}
	put_group_info(new->group_info);
	new->group_info = gi;
	return commit_creds(new);
}
