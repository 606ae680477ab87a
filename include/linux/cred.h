/*
 * include/linux/cred.h: credentials.
 *
 * A task's credentials are shared and never changed in place: to change
 * them, prepare_creds() makes a copy, the caller edits it, and
 * commit_creds() installs it (as Linux's).  user_ns is the namespace the
 * ids and capabilities belong to; user is the per-user accounting record.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/uidgid.h>
#include <linux/capability.h>

#define NGROUPS_MAX	65536

struct group_info {
	atomic_t usage;
	int ngroups;
	kgid_t gid[];			/* sorted */
};

struct cred {
	atomic_t usage;
	kuid_t uid, suid, euid, fsuid;
	kgid_t gid, sgid, egid, fsgid;
	unsigned int securebits;	/* SECBIT_* (linux/securebits.h) */
	kernel_cap_t cap_inheritable;
	kernel_cap_t cap_permitted;
	kernel_cap_t cap_effective;
	kernel_cap_t cap_bset;
	kernel_cap_t cap_ambient;
	struct user_struct *user;	/* real uid's accounting record */
	struct user_namespace *user_ns;
	struct group_info *group_info;
};

extern struct cred init_cred;
extern struct group_info init_groups;

static inline const struct cred *get_cred(const struct cred *c)
{
	atomic_inc(&((struct cred *)c)->usage);
	return c;
}

void put_cred(const struct cred *c);
struct cred *prepare_creds(void);
struct cred *prepare_kernel_cred(void);
int commit_creds(struct cred *new);
void abort_creds(struct cred *new);
int copy_creds(struct task_struct *p, unsigned long clone_flags);
void exit_creds(struct task_struct *p);
void cred_init(void);

struct group_info *groups_alloc(int n);
void put_group_info(struct group_info *gi);
bool in_group_p(kgid_t grp);
bool in_egroup_p(kgid_t grp);
bool groups_search(const struct group_info *gi, kgid_t grp);

#define current_cred()		(current->cred)
#define current_uid()		(current_cred()->uid)
#define current_gid()		(current_cred()->gid)
#define current_euid()		(current_cred()->euid)
#define current_egid()		(current_cred()->egid)
#define current_fsuid()		(current_cred()->fsuid)
#define current_fsgid()		(current_cred()->fsgid)
#define current_user_ns()	(current_cred()->user_ns)

#endif
