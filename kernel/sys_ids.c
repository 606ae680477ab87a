/*
 * kernel/sys_ids.c: the uid and gid system calls.
 *
 * Ids come in through the caller's user namespace (make_kuid) and go out
 * through it (from_kuid_munged: 65534 for an id it cannot see).  The
 * rules are POSIX's with Linux's privilege: CAP_SETUID/CAP_SETGID in the
 * caller's own user namespace lets a process take any mapped id; without
 * it only its real, effective or saved id.  Changing the real uid moves
 * the process to that user's accounting (commit_creds).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/resource.h>

static struct user_namespace *ns(void)
{
	return current_user_ns();
}

SYSCALL_DEFINE0(getuid) { return from_kuid_munged(ns(), current_uid()); }
SYSCALL_DEFINE0(geteuid) { return from_kuid_munged(ns(), current_euid()); }
SYSCALL_DEFINE0(getgid) { return from_kgid_munged(ns(), current_gid()); }
SYSCALL_DEFINE0(getegid) { return from_kgid_munged(ns(), current_egid()); }

/*
 * Dropping root (all uids non-zero) loses the capabilities, unless
 * prctl(PR_SET_KEEPCAPS) asked to keep the permitted ones; the ambient
 * set goes in any case.  As Linux's cap_emulate_setxuid, which
 * SECURE_NO_SETUID_FIXUP turns off (see cap_task_fix_setuid).
 */
static void cap_emulate_setxuid(const struct cred *old, struct cred *new)
{
	kuid_t root = make_kuid(old->user_ns, 0);
	bool was_root = uid_eq(old->uid, root) || uid_eq(old->euid, root) || uid_eq(old->suid, root);
	bool now_root = uid_eq(new->uid, root) || uid_eq(new->euid, root) || uid_eq(new->suid, root);

	if (was_root && !now_root) {
		if (!issecure(SECURE_KEEP_CAPS)) {
			cap_clear(&new->cap_permitted);
			cap_clear(&new->cap_effective);
		}
		cap_clear(&new->cap_ambient);
	}
	if (uid_eq(old->euid, root) && !uid_eq(new->euid, root))
		new->cap_effective = CAP_EMPTY_SET;
	if (!uid_eq(old->euid, root) && uid_eq(new->euid, root))
		new->cap_effective = new->cap_permitted;
}

/*
 * setfsuid() to and from root: the effective set follows, for the
 * file-system capabilities only (Linux's cap_task_fix_setuid, LSM_SETID_FS),
 * unless SECURE_NO_SETUID_FIXUP.
 */
static void cap_fix_setfsuid(const struct cred *old, struct cred *new)
{
	kuid_t root = make_kuid(old->user_ns, 0);

	if (issecure(SECURE_NO_SETUID_FIXUP))
		return;

	if (uid_eq(old->fsuid, root) && !uid_eq(new->fsuid, root))
		new->cap_effective.val &= ~CAP_FS_SET.val;
	if (!uid_eq(old->fsuid, root) && uid_eq(new->fsuid, root))
		new->cap_effective.val |= CAP_FS_SET.val & new->cap_permitted.val;
}

/*
 * A new real uid means a new user_struct to count processes against (its
 * record in the caller's namespace).  Being over RLIMIT_NPROC there does
 * not fail the call, which programs run as root seldom check, but the
 * next execve (Linux's set_user and PF_NPROC_EXCEEDED).
 */
static int set_user(struct cred *new)
{
	struct user_struct *u = alloc_uid(new->user_ns, new->uid);

	if (!u)
		return -EAGAIN;
	if ((unsigned long)atomic_read(&u->processes) >=
	    current->signal->rlim[RLIMIT_NPROC].rlim_cur && u != &root_user)
		current->flags |= PF_NPROC_EXCEEDED;
	else
		current->flags &= ~PF_NPROC_EXCEEDED;
	free_uid(new->user);
	new->user = u;
	return 0;
}

static long commit_uid_change(const struct cred *old, struct cred *new)
{
	int err = 0;

	if (!uid_eq(new->uid, old->uid))
		err = set_user(new);
	if (err) {
		abort_creds(new);
		return err;
	}
	new->fsuid = new->euid;
	if (!issecure(SECURE_NO_SETUID_FIXUP))	/* Linux's cap_task_fix_setuid */
		cap_emulate_setxuid(old, new);
	return commit_creds(new);
}

/* May the caller become @id without privilege?  It must be one it already has. */
static bool uid_is_own(const struct cred *c, kuid_t id)
{
	return uid_eq(id, c->uid) || uid_eq(id, c->euid) || uid_eq(id, c->suid);
}

static bool gid_is_own(const struct cred *c, kgid_t id)
{
	return gid_eq(id, c->gid) || gid_eq(id, c->egid) || gid_eq(id, c->sgid);
}

SYSCALL_DEFINE3(setresuid, uid_t, ruid, uid_t, euid, uid_t, suid)
{
	const struct cred *old = current_cred();
	kuid_t kr = make_kuid(ns(), ruid), ke = make_kuid(ns(), euid), ks = make_kuid(ns(), suid);
	bool priv = ns_capable(old->user_ns, CAP_SETUID);
	struct cred *new;

	if ((ruid != (uid_t)-1 && !uid_valid(kr)) || (euid != (uid_t)-1 && !uid_valid(ke)) ||
	    (suid != (uid_t)-1 && !uid_valid(ks)))
		return -EINVAL;
	if (!priv && ((ruid != (uid_t)-1 && !uid_is_own(old, kr)) ||
		      (euid != (uid_t)-1 && !uid_is_own(old, ke)) ||
		      (suid != (uid_t)-1 && !uid_is_own(old, ks))))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ruid != (uid_t)-1)
		new->uid = kr;
	if (euid != (uid_t)-1)
		new->euid = ke;
	if (suid != (uid_t)-1)
		new->suid = ks;
	return commit_uid_change(old, new);
}

SYSCALL_DEFINE1(setuid, uid_t, uid)
{
	const struct cred *old = current_cred();
	kuid_t k = make_kuid(ns(), uid);
	struct cred *new;

	if (!uid_valid(k))
		return -EINVAL;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ns_capable(old->user_ns, CAP_SETUID)) {
		new->uid = new->euid = new->suid = k;	/* privileged: all three */
	} else if (uid_eq(k, old->uid) || uid_eq(k, old->suid)) {
		new->euid = k;
	} else {
		abort_creds(new);
		return -EPERM;
	}
	return commit_uid_change(old, new);
}

SYSCALL_DEFINE2(setreuid, uid_t, ruid, uid_t, euid)
{
	const struct cred *old = current_cred();
	kuid_t kr = make_kuid(ns(), ruid), ke = make_kuid(ns(), euid);
	bool priv = ns_capable(old->user_ns, CAP_SETUID);
	struct cred *new;

	if ((ruid != (uid_t)-1 && !uid_valid(kr)) || (euid != (uid_t)-1 && !uid_valid(ke)))
		return -EINVAL;
	if (!priv && ((ruid != (uid_t)-1 && !uid_eq(kr, old->uid) && !uid_eq(kr, old->euid)) ||
		      (euid != (uid_t)-1 && !uid_is_own(old, ke))))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ruid != (uid_t)-1)
		new->uid = kr;
	if (euid != (uid_t)-1)
		new->euid = ke;
	if (ruid != (uid_t)-1 || (euid != (uid_t)-1 && !uid_eq(ke, old->uid)))
		new->suid = new->euid;		/* POSIX: the saved id follows */
	return commit_uid_change(old, new);
}

SYSCALL_DEFINE3(getresuid, uid_t *, ruidp, uid_t *, euidp, uid_t *, suidp)
{
	const struct cred *c = current_cred();

	if (put_user(from_kuid_munged(ns(), c->uid), ruidp) ||
	    put_user(from_kuid_munged(ns(), c->euid), euidp) ||
	    put_user(from_kuid_munged(ns(), c->suid), suidp))
		return -EFAULT;
	return 0;
}

static long commit_gid_change(struct cred *new)
{
	new->fsgid = new->egid;
	return commit_creds(new);
}

SYSCALL_DEFINE3(setresgid, gid_t, rgid, gid_t, egid, gid_t, sgid)
{
	const struct cred *old = current_cred();
	kgid_t kr = make_kgid(ns(), rgid), ke = make_kgid(ns(), egid), ks = make_kgid(ns(), sgid);
	bool priv = ns_capable(old->user_ns, CAP_SETGID);
	struct cred *new;

	if ((rgid != (gid_t)-1 && !gid_valid(kr)) || (egid != (gid_t)-1 && !gid_valid(ke)) ||
	    (sgid != (gid_t)-1 && !gid_valid(ks)))
		return -EINVAL;
	if (!priv && ((rgid != (gid_t)-1 && !gid_is_own(old, kr)) ||
		      (egid != (gid_t)-1 && !gid_is_own(old, ke)) ||
		      (sgid != (gid_t)-1 && !gid_is_own(old, ks))))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (rgid != (gid_t)-1)
		new->gid = kr;
	if (egid != (gid_t)-1)
		new->egid = ke;
	if (sgid != (gid_t)-1)
		new->sgid = ks;
	return commit_gid_change(new);
}

SYSCALL_DEFINE1(setgid, gid_t, gid)
{
	const struct cred *old = current_cred();
	kgid_t k = make_kgid(ns(), gid);
	struct cred *new;

	if (!gid_valid(k))
		return -EINVAL;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ns_capable(old->user_ns, CAP_SETGID)) {
		new->gid = new->egid = new->sgid = k;
	} else if (gid_eq(k, old->gid) || gid_eq(k, old->sgid)) {
		new->egid = k;
	} else {
		abort_creds(new);
		return -EPERM;
	}
	return commit_gid_change(new);
}

SYSCALL_DEFINE2(setregid, gid_t, rgid, gid_t, egid)
{
	const struct cred *old = current_cred();
	kgid_t kr = make_kgid(ns(), rgid), ke = make_kgid(ns(), egid);
	bool priv = ns_capable(old->user_ns, CAP_SETGID);
	struct cred *new;

	if ((rgid != (gid_t)-1 && !gid_valid(kr)) || (egid != (gid_t)-1 && !gid_valid(ke)))
		return -EINVAL;
	if (!priv && ((rgid != (gid_t)-1 && !gid_eq(kr, old->gid) && !gid_eq(kr, old->egid)) ||
		      (egid != (gid_t)-1 && !gid_is_own(old, ke))))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (rgid != (gid_t)-1)
		new->gid = kr;
	if (egid != (gid_t)-1)
		new->egid = ke;
	if (rgid != (gid_t)-1 || (egid != (gid_t)-1 && !gid_eq(ke, old->gid)))
		new->sgid = new->egid;
	return commit_gid_change(new);
}

SYSCALL_DEFINE3(getresgid, gid_t *, rgidp, gid_t *, egidp, gid_t *, sgidp)
{
	const struct cred *c = current_cred();

	if (put_user(from_kgid_munged(ns(), c->gid), rgidp) ||
	    put_user(from_kgid_munged(ns(), c->egid), egidp) ||
	    put_user(from_kgid_munged(ns(), c->sgid), sgidp))
		return -EFAULT;
	return 0;
}

/* setfsuid/setfsgid return the old value and never fail loudly, as Linux's. */
SYSCALL_DEFINE1(setfsuid, uid_t, uid)
{
	const struct cred *old = current_cred();
	uid_t prev = from_kuid_munged(old->user_ns, old->fsuid);
	kuid_t k = make_kuid(old->user_ns, uid);
	struct cred *new;

	if (!uid_valid(k) || (!uid_is_own(old, k) && !uid_eq(k, old->fsuid) &&
			      !ns_capable(old->user_ns, CAP_SETUID)))
		return prev;
	new = prepare_creds();
	if (new) {
		new->fsuid = k;
		cap_fix_setfsuid(old, new);
		commit_creds(new);
	}
	return prev;
}

SYSCALL_DEFINE1(setfsgid, gid_t, gid)
{
	const struct cred *old = current_cred();
	gid_t prev = from_kgid_munged(old->user_ns, old->fsgid);
	kgid_t k = make_kgid(old->user_ns, gid);
	struct cred *new;

	if (!gid_valid(k) || (!gid_is_own(old, k) && !gid_eq(k, old->fsgid) &&
			      !ns_capable(old->user_ns, CAP_SETGID)))
		return prev;
	new = prepare_creds();
	if (new) {
		new->fsgid = k;
		commit_creds(new);
	}
	return prev;
}
