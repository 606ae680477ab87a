/*
 * include/linux/utsname.h: the UTS namespace, what uname(2) tells.
 *
 * A UTS namespace is a struct new_utsname (the six names of uname(2))
 * with an owner: the user namespace whose CAP_SYS_ADMIN may change its
 * host and domain names.  A task's is nsproxy->uts_ns.  init_uts_ns is
 * static (UTS_* of linux/uts.h, inode PROC_UTS_INIT_INO); the others come
 * from clone or unshare with CLONE_NEWUTS (copy_utsname), start as a copy
 * of the names of the creator's namespace and go with their last
 * put_uts_ns.  The layout is Linux v4.14's, without the ucounts limit.
 */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/rwsem.h>
#include <linux/ns_common.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>

struct user_namespace;

#define __NEW_UTS_LEN	64

/* uname(2)'s struct utsname, byte for byte (uapi/linux/utsname.h). */
struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

struct uts_namespace {
	struct kref kref;
	struct new_utsname name;
	struct user_namespace *user_ns;	/* its owner: whose CAP_SYS_ADMIN rules here */
	struct ns_common ns;
};

extern struct uts_namespace init_uts_ns;

/* Writers of any namespace's names hold it for writing, readers for reading. */
extern struct rw_semaphore uts_sem;

static inline void get_uts_ns(struct uts_namespace *ns)
{
	kref_get(&ns->kref);
}

void free_uts_ns(struct kref *kref);

/* init_uts_ns never reaches 0: it starts with a reference nobody drops. */
static inline void put_uts_ns(struct uts_namespace *ns)
{
	kref_put(&ns->kref, free_uts_ns);
}

struct uts_namespace *copy_utsname(unsigned long flags, struct user_namespace *user_ns,
				   struct uts_namespace *old_ns);
void uts_ns_init(void);

/* The names of current's namespace; hold uts_sem around any use of them. */
static inline struct new_utsname *utsname(void)
{
	return &current->nsproxy->uts_ns->name;
}

static inline struct new_utsname *init_utsname(void)
{
	return &init_uts_ns.name;
}

#endif
