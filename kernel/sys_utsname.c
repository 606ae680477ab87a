/*
 * kernel/sys_utsname.c: uname, sethostname and setdomainname.
 *
 * Each reads or changes the names of the caller's own UTS namespace
 * (current->nsproxy->uts_ns, which only the caller itself can replace, so
 * it needs no lock to find).  The names themselves are guarded by
 * uts_sem, one reader-writer semaphore for every namespace, as in Linux,
 * so uname never sees half a new name.  Linux keeps these calls in
 * kernel/sys.c.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/utsname.h>

DECLARE_RWSEM(uts_sem);

/* x86_64's uname (63) is Linux's newuname: the whole struct new_utsname. */
SYSCALL_DEFINE1(uname, struct new_utsname *, name)
{
	struct new_utsname tmp;

	down_read(&uts_sem);
	memcpy(&tmp, utsname(), sizeof(tmp));
	up_read(&uts_sem);
	return copy_to_user(name, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/*
 * Sets the name at @offset in the caller's namespace's new_utsname to the
 * @len bytes at @uname, padded with NULs, as Linux's sethostname and
 * setdomainname do: the namespace's owner must grant CAP_SYS_ADMIN (EPERM,
 * checked first), and the name must fit in __NEW_UTS_LEN bytes without
 * its NUL (EINVAL).
 */
static int set_uts_name(size_t offset, const char *uname, int len)
{
	char tmp[__NEW_UTS_LEN];
	char *dst;

	if (!ns_capable(current->nsproxy->uts_ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, uname, len))
		return -EFAULT;
	down_write(&uts_sem);
	dst = (char *)utsname() + offset;
	memcpy(dst, tmp, len);
	memset(dst + len, 0, __NEW_UTS_LEN + 1 - len);
	up_write(&uts_sem);
	return 0;
}

SYSCALL_DEFINE2(sethostname, char *, name, int, len)
{
	return set_uts_name(offsetof(struct new_utsname, nodename), name, len);
}

SYSCALL_DEFINE2(setdomainname, char *, name, int, len)
{
	return set_uts_name(offsetof(struct new_utsname, domainname), name, len);
}
