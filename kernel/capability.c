/*
 * kernel/capability.c: capability checks across user namespaces.
 *
 * A capability is always held *in* a user namespace.  cap_capable()
 * walks from the target namespace up towards the caller's: in the
 * caller's own namespace its effective set decides; the owner of a child
 * namespace (its creator's euid, in the parent) has every capability in
 * it; anywhere else, none.  As Linux's cap_capable (part D9).
 */
#include <linux/kernel.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/user_namespace.h>

int cap_capable(const struct cred *cred, struct user_namespace *targ_ns, int cap)
{
	struct user_namespace *ns = targ_ns;

	for (;;) {
		if (ns == cred->user_ns)
			return cap_raised(cred->cap_effective, cap) ? 0 : -EPERM;
		if (ns->level <= cred->user_ns->level)
			return -EPERM;		/* not below the caller's namespace */
		if (ns->parent == cred->user_ns && uid_eq(ns->owner, cred->euid))
			return 0;		/* the creator owns the child namespace */
		ns = ns->parent;
	}
}

bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap)
{
	return cap_capable(t->cred, ns, cap) == 0;
}

bool ns_capable(struct user_namespace *ns, int cap)
{
	if (cap_capable(current_cred(), ns, cap))
		return false;
	current->flags |= PF_SUPERPRIV;
	return true;
}

bool ns_capable_noaudit(struct user_namespace *ns, int cap)
{
	return cap_capable(current_cred(), ns, cap) == 0;
}

bool capable(int cap)
{
	return ns_capable(&init_user_ns, cap);
}

/* Checks against credentials captured earlier (an opener's, for /proc writes). */
bool file_ns_capable(const struct cred *cred, struct user_namespace *ns, int cap)
{
	return cap_capable(cred, ns, cap) == 0;
}
