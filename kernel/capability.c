/*
 * kernel/capability.c: capabilities: the checks across user namespaces,
 * capget/capset, what execve does to the sets, and prctl's capability
 * options.
 *
 * A capability is always held *in* a user namespace.  cap_capable()
 * walks from the target namespace up towards the caller's: in the
 * caller's own namespace its effective set decides; the owner of a child
 * namespace (its creator's euid, in the parent) has every capability in
 * it; anywhere else, none.  As Linux's cap_capable (part D9).
 *
 * The rules for changing the sets are Linux's security/commoncap.c
 * (cap_capset, cap_bprm_creds_from_file, cap_task_prctl) without file
 * capabilities, which no file system here can hold.  The securebits
 * (linux/securebits.h) switch parts of them off.
 */
#include <linux/kernel.h>
#include <linux/personality.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/user_namespace.h>
#include <linux/binfmts.h>
#include <linux/prctl.h>
#include <linux/securebits.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

/*
 * Does @cred hold @cap in @targ_ns?  0 or -EPERM (Linux's cap_capable):
 * walk from @targ_ns up to @cred's own namespace, where the effective set
 * decides; on the way, the owner of a namespace whose parent is @cred's
 * holds everything in it; a namespace not below @cred's gives nothing.
 */
int cap_capable(const struct cred *cred, struct user_namespace *targ_ns, int cap)
{
#ifndef LAB_USERNS	/* LAB userns: cap_capable */
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
#else
	/*
	 * TODO (lab userns, step 3): capabilities over the namespaces below
	 * one's own.  This stub counts them in the caller's namespace only.
	 */
	if (targ_ns == cred->user_ns)
		return cap_raised(cred->cap_effective, cap) ? 0 : -EPERM;
	return -EPERM;
#endif	/* LAB_USERNS */
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

/* ---- capget(2), capset(2) ------------------------------------------------------------ */

/*
 * How many __user_cap_data_structs the caller's version uses.  An unknown
 * version is EINVAL, and the version the kernel prefers is written back
 * so that a library can probe for it (Linux's cap_validate_magic).
 */
static int cap_validate_magic(struct __user_cap_header_struct *header, unsigned int *tocopy)
{
	u32 version;

	if (get_user(version, &header->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*tocopy = _LINUX_CAPABILITY_U32S_1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*tocopy = _LINUX_CAPABILITY_U32S_3;
		return 0;
	}
	if (put_user((u32)_KERNEL_CAPABILITY_VERSION, &header->version))
		return -EFAULT;
	return -EINVAL;
}

/* The three sets of the task @pid names in the caller's pid namespace (0: the caller). */
static int cap_get_target_pid(pid_t pid, kernel_cap_t *pE, kernel_cap_t *pI, kernel_cap_t *pP)
{
	const struct cred *cred;
	struct task_struct *target;
	int ret = 0;

	spin_lock_irq(&tasklist_lock);
	target = pid ? find_task_by_vpid(pid) : current;
	if (target) {
		cred = target->real_cred;	/* its objective credentials (Linux's cap_capget) */
		*pE = cred->cap_effective;
		*pI = cred->cap_inheritable;
		*pP = cred->cap_permitted;
	} else {
		ret = -ESRCH;
	}
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE2(capget, struct __user_cap_header_struct *, header,
		struct __user_cap_data_struct *, dataptr)
{
	struct __user_cap_data_struct kdata[_LINUX_CAPABILITY_U32S_3];
	kernel_cap_t pE, pI, pP;
	unsigned int tocopy;
	pid_t pid;
	int ret;

	ret = cap_validate_magic(header, &tocopy);
	if (!dataptr || ret)
		return (!dataptr && ret == -EINVAL) ? 0 : ret;	/* a version probe */
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	ret = cap_get_target_pid(pid, &pE, &pI, &pP);
	if (ret)
		return ret;
	/* 64-bit sets as two 32-bit halves; version 1 gets the low half only */
	kdata[0].effective = pE.val;
	kdata[1].effective = pE.val >> 32;
	kdata[0].permitted = pP.val;
	kdata[1].permitted = pP.val >> 32;
	kdata[0].inheritable = pI.val;
	kdata[1].inheritable = pI.val >> 32;
	if (copy_to_user(dataptr, kdata, tocopy * sizeof(kdata[0])))
		return -EFAULT;
	return 0;
}

/*
 * Linux's cap_capset: nothing can be gained.  The new inheritable set
 * stays within the old inheritable and permitted sets (unless the caller
 * has CAP_SETPCAP) and within the old inheritable and bounding sets; the
 * new permitted set within the old one; the new effective set within the
 * new permitted one.  Ambient capabilities no longer both permitted and
 * inheritable are dropped.
 */
static int cap_capset(struct cred *new, const struct cred *old, kernel_cap_t effective,
		      kernel_cap_t inheritable, kernel_cap_t permitted)
{
	bool inh_capped = cap_capable(old, old->user_ns, CAP_SETPCAP) != 0;

	if (inh_capped &&
	    !cap_issubset(inheritable, cap_combine(old->cap_inheritable, old->cap_permitted)))
		return -EPERM;
	if (!cap_issubset(inheritable, cap_combine(old->cap_inheritable, old->cap_bset)))
		return -EPERM;
	if (!cap_issubset(permitted, old->cap_permitted))
		return -EPERM;
	if (!cap_issubset(effective, permitted))
		return -EPERM;
	new->cap_effective = effective;
	new->cap_inheritable = inheritable;
	new->cap_permitted = permitted;
	new->cap_ambient = cap_intersect(new->cap_ambient, cap_intersect(permitted, inheritable));
	return 0;
}

static kernel_cap_t mk_kernel_cap(u32 low, u32 high)
{
	return (kernel_cap_t){ (low | (u64)high << 32) & CAP_VALID_MASK };
}

SYSCALL_DEFINE2(capset, struct __user_cap_header_struct *, header,
		const struct __user_cap_data_struct *, data)
{
	struct __user_cap_data_struct kdata[_LINUX_CAPABILITY_U32S_3] = { { 0, 0, 0 } };
	kernel_cap_t inheritable, permitted, effective;
	unsigned int tocopy;
	struct cred *new;
	pid_t pid;
	int ret;

	ret = cap_validate_magic(header, &tocopy);
	if (ret)
		return ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid != 0 && pid != task_pid_vnr(current))
		return -EPERM;			/* only one's own sets, since Linux 2.6.25 */
	if (copy_from_user(kdata, data, tocopy * sizeof(kdata[0])))
		return -EFAULT;
	effective = mk_kernel_cap(kdata[0].effective, kdata[1].effective);
	permitted = mk_kernel_cap(kdata[0].permitted, kdata[1].permitted);
	inheritable = mk_kernel_cap(kdata[0].inheritable, kdata[1].inheritable);

	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	ret = cap_capset(new, current_cred(), effective, inheritable, permitted);
	if (ret)
		goto error;
	return commit_creds(new);

error:
	abort_creds(new);
	return ret;
}

/* ---- execve ---------------------------------------------------------------------------- */

/*
 * Root's privilege at exec (Linux's handle_privileged_root, without file
 * capabilities): a root real or effective uid (root of the task's own
 * user namespace) gets the bounding and inheritable sets as permitted,
 * and all of them effective if root is the effective uid.  Under
 * SECURE_NOROOT root is treated as anyone else.
 */
static bool handle_privileged_root(struct cred *new, const struct cred *old, kuid_t root_uid)
{
	if (issecure(SECURE_NOROOT))
		return false;
	if (uid_eq(new->euid, root_uid) || uid_eq(new->uid, root_uid))
		new->cap_permitted = cap_combine(old->cap_bset, old->cap_inheritable);
	return uid_eq(new->euid, root_uid);
}

/*
 * The new credentials of an execve, as Linux's cap_bprm_creds_from_file
 * decides them for a file without capabilities:
 *
 *	root:     P' = bounding | inheritable,  E' = P' if euid is root
 *	others:   P' = E' = ambient  (root too, under SECURE_NOROOT)
 *
 * An exec that changes the ids (with no set-id files here, one whose
 * egid is neither the fsgid nor a supplementary group) clears the
 * ambient set; such an exec, or one that would raise P, gains nothing
 * under no_new_privs (the ids fall back to the real ones, P' stays
 * within P).  Before Linux 6.16 the test was "effective ids not the real
 * ones"; that still decides AT_SECURE, no longer the rest.  The saved
 * and file-system ids become the effective ones.  Of the securebits only
 * SECURE_KEEP_CAPS goes: keeping capabilities across setuid() is a choice
 * of the program that makes it.
 */
int cap_bprm_creds_from_file(struct linux_binprm *bprm)
{
	const struct cred *old = current_cred();
	struct cred *new = bprm->cred;
	kuid_t root_uid = make_kuid(new->user_ns, 0);
	bool effective, id_changed, gained;

	cap_clear(&new->cap_permitted);		/* get_file_caps' start: no file caps */
	effective = handle_privileged_root(new, old, root_uid);
	id_changed = !uid_eq(new->euid, old->euid) || !in_group_p(new->egid);
	gained = !cap_issubset(new->cap_permitted, old->cap_permitted);
	if (gained)
		bprm->per_clear |= PER_CLEAR_ON_SETID;
	if ((id_changed || gained) && current->no_new_privs) {
		new->euid = new->uid;
		new->egid = new->gid;
		new->cap_permitted = cap_intersect(new->cap_permitted, old->cap_permitted);
	}
	new->suid = new->fsuid = new->euid;
	new->sgid = new->fsgid = new->egid;
	if (id_changed)
		cap_clear(&new->cap_ambient);
	new->cap_permitted = cap_combine(new->cap_permitted, new->cap_ambient);
	new->cap_effective = effective ? new->cap_permitted : new->cap_ambient;
	/* a privilege-elevating exec: AT_SECURE for the C library */
	bprm->secureexec = id_changed || !uid_eq(new->euid, old->uid) ||
		!gid_eq(new->egid, old->gid) || (!uid_eq(new->uid, root_uid) &&
		(effective || !cap_issubset(new->cap_permitted, new->cap_ambient)));
	new->securebits &= ~SECBIT_KEEP_CAPS;
	return 0;
}

/* ---- prctl --------------------------------------------------------------------------- */

/* PR_CAPBSET_DROP: the privilege check comes before the argument's, as Linux's cap_prctl_drop. */
static int cap_prctl_drop(unsigned long cap)
{
	struct cred *new;

	if (!ns_capable(current_user_ns(), CAP_SETPCAP))
		return -EPERM;
	if (!cap_valid(cap))
		return -EINVAL;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	cap_lower(&new->cap_bset, cap);
	return commit_creds(new);
}

/* PR_SET_KEEPCAPS: SECURE_KEEP_CAPS by another name, so its lock holds here too. */
static int cap_prctl_keepcaps(unsigned long arg2)
{
	struct cred *new;

	if (arg2 > 1)
		return -EINVAL;
	if (issecure(SECURE_KEEP_CAPS_LOCKED))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (arg2)
		new->securebits |= SECBIT_KEEP_CAPS;
	else
		new->securebits &= ~SECBIT_KEEP_CAPS;
	return commit_creds(new);
}

/*
 * PR_SET_SECUREBITS, Linux's rules, every refusal EPERM: no locked bit
 * may change, no lock be released, no unknown bit be set; and the caller
 * needs CAP_SETPCAP in its own namespace, unless all it changes are the
 * bits only user space enforces (SECURE_ALL_UNPRIVILEGED and their
 * locks).  Without the capability, a call that changes nothing is still
 * refused, as it always was before those bits existed.
 */
static int cap_prctl_set_securebits(unsigned long bits)
{
	const struct cred *old = current_cred();
	unsigned long unpriv = SECURE_ALL_UNPRIVILEGED | SECURE_ALL_UNPRIVILEGED << 1;
	unsigned long changed = old->securebits ^ bits;
	struct cred *new;

	if (((old->securebits & SECURE_ALL_LOCKS) >> 1) & changed)
		return -EPERM;
	if (old->securebits & SECURE_ALL_LOCKS & ~bits)
		return -EPERM;
	if (bits & ~(unsigned long)(SECURE_ALL_BITS | SECURE_ALL_LOCKS))
		return -EPERM;
	if (cap_capable(old, old->user_ns, CAP_SETPCAP) && (!changed || (changed & ~unpriv)))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	new->securebits = bits;
	return commit_creds(new);
}

/*
 * PR_CAP_AMBIENT: the ambient set is kept across execve by non-root
 * programs.  A capability may be raised there only while it is both
 * permitted and inheritable, and not at all under
 * SECURE_NO_CAP_AMBIENT_RAISE.
 */
static int cap_prctl_ambient(unsigned long op, unsigned long cap, unsigned long arg4,
			     unsigned long arg5)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (op == PR_CAP_AMBIENT_CLEAR_ALL) {
		if (cap | arg4 | arg5)
			return -EINVAL;
	} else if (!cap_valid(cap) || arg4 || arg5) {
		return -EINVAL;
	} else if (op == PR_CAP_AMBIENT_IS_SET) {
		return cap_raised(old->cap_ambient, cap);
	} else if (op != PR_CAP_AMBIENT_RAISE && op != PR_CAP_AMBIENT_LOWER) {
		return -EINVAL;
	} else if (op == PR_CAP_AMBIENT_RAISE && (!cap_raised(old->cap_permitted, cap) ||
						  !cap_raised(old->cap_inheritable, cap) ||
						  issecure(SECURE_NO_CAP_AMBIENT_RAISE))) {
		return -EPERM;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (op == PR_CAP_AMBIENT_CLEAR_ALL)
		cap_clear(&new->cap_ambient);
	else if (op == PR_CAP_AMBIENT_RAISE)
		cap_raise(&new->cap_ambient, cap);
	else
		cap_lower(&new->cap_ambient, cap);
	return commit_creds(new);
}

/*
 * prctl's capability options (Linux's cap_task_prctl, with PR_CAPBSET_READ,
 * which Linux's prctl answers itself); -ENOSYS: not one of them.
 */
int cap_task_prctl(int option, unsigned long arg2, unsigned long arg3,
		   unsigned long arg4, unsigned long arg5)
{
	switch (option) {
	case PR_CAPBSET_READ:
		if (!cap_valid(arg2))
			return -EINVAL;
		return cap_raised(current_cred()->cap_bset, arg2);
	case PR_CAPBSET_DROP:
		return cap_prctl_drop(arg2);
	case PR_GET_SECUREBITS:
		return current_cred()->securebits;
	case PR_SET_SECUREBITS:
		return cap_prctl_set_securebits(arg2);
	case PR_GET_KEEPCAPS:
		return !!issecure(SECURE_KEEP_CAPS);
	case PR_SET_KEEPCAPS:
		return cap_prctl_keepcaps(arg2);
	case PR_CAP_AMBIENT:
		return cap_prctl_ambient(arg2, arg3, arg4, arg5);
	}
	return -ENOSYS;
}
