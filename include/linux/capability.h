/* include/linux/capability.h: capability sets and their numbers (uapi/linux/capability.h). */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/types.h>

/*
 * capget/capset's user-space layout.  Version 1 carried 32 capabilities in
 * one struct; versions 2 and 3 carry 64 in two (version 2 was declared
 * deprecated, being broken in glibc's headers, but behaves as 3).
 */
#define _LINUX_CAPABILITY_VERSION_1	0x19980330
#define _LINUX_CAPABILITY_U32S_1	1
#define _LINUX_CAPABILITY_VERSION_2	0x20071026
#define _LINUX_CAPABILITY_U32S_2	2
#define _LINUX_CAPABILITY_VERSION_3	0x20080522
#define _LINUX_CAPABILITY_U32S_3	2
#define _KERNEL_CAPABILITY_VERSION	_LINUX_CAPABILITY_VERSION_3

struct __user_cap_header_struct {
	u32 version;
	int pid;
};

struct __user_cap_data_struct {
	u32 effective;
	u32 permitted;
	u32 inheritable;
};

typedef struct { u64 val; } kernel_cap_t;

#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_FSETID		4
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_SETPCAP		8
#define CAP_LINUX_IMMUTABLE	9
#define CAP_NET_BIND_SERVICE	10
#define CAP_NET_BROADCAST	11
#define CAP_NET_ADMIN		12
#define CAP_NET_RAW		13
#define CAP_IPC_LOCK		14
#define CAP_IPC_OWNER		15
#define CAP_SYS_MODULE		16
#define CAP_SYS_RAWIO		17
#define CAP_SYS_CHROOT		18
#define CAP_SYS_PTRACE		19
#define CAP_SYS_PACCT		20
#define CAP_SYS_ADMIN		21
#define CAP_SYS_BOOT		22
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_SYS_TIME		25
#define CAP_SYS_TTY_CONFIG	26
#define CAP_MKNOD		27
#define CAP_LEASE		28
#define CAP_AUDIT_WRITE		29
#define CAP_AUDIT_CONTROL	30
#define CAP_SETFCAP		31
#define CAP_MAC_OVERRIDE	32
#define CAP_MAC_ADMIN		33
#define CAP_SYSLOG		34
#define CAP_WAKE_ALARM		35
#define CAP_BLOCK_SUSPEND	36
#define CAP_AUDIT_READ		37
#define CAP_PERFMON		38
#define CAP_BPF			39
#define CAP_CHECKPOINT_RESTORE	40
#define CAP_LAST_CAP		40

#define CAP_VALID_MASK	((1ULL << (CAP_LAST_CAP + 1)) - 1)
#define CAP_FULL_SET	((kernel_cap_t){ CAP_VALID_MASK })
#define CAP_EMPTY_SET	((kernel_cap_t){ 0 })
/* What fsuid 0 means: the file-system privileges setfsuid() takes or gives back. */
#define CAP_FS_SET	((kernel_cap_t){ 1ULL << CAP_CHOWN | 1ULL << CAP_MKNOD | \
			  1ULL << CAP_DAC_OVERRIDE | 1ULL << CAP_DAC_READ_SEARCH | \
			  1ULL << CAP_FOWNER | 1ULL << CAP_FSETID | \
			  1ULL << CAP_LINUX_IMMUTABLE | 1ULL << CAP_MAC_OVERRIDE })

/* A capability number the kernel knows (a negative one converts to a huge one). */
static inline bool cap_valid(unsigned long cap) { return cap <= CAP_LAST_CAP; }
static inline bool cap_raised(kernel_cap_t c, int cap) { return (c.val >> cap) & 1; }
static inline void cap_raise(kernel_cap_t *c, int cap) { c->val |= 1ULL << cap; }
static inline void cap_lower(kernel_cap_t *c, int cap) { c->val &= ~(1ULL << cap); }
static inline bool cap_isclear(kernel_cap_t c) { return c.val == 0; }
static inline void cap_clear(kernel_cap_t *c) { c->val = 0; }
static inline kernel_cap_t cap_intersect(kernel_cap_t a, kernel_cap_t b)
{
	return (kernel_cap_t){ a.val & b.val };
}
static inline kernel_cap_t cap_combine(kernel_cap_t a, kernel_cap_t b)
{
	return (kernel_cap_t){ a.val | b.val };
}
/* Is every capability of @a also in @set? */
static inline bool cap_issubset(kernel_cap_t a, kernel_cap_t set)
{
	return !(a.val & ~set.val);
}

struct user_namespace;
struct task_struct;
struct cred;

bool capable(int cap);
bool ns_capable(struct user_namespace *ns, int cap);
bool ns_capable_noaudit(struct user_namespace *ns, int cap);
bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap);
bool file_ns_capable(const struct cred *cred, struct user_namespace *ns, int cap);
int cap_capable(const struct cred *cred, struct user_namespace *targ_ns, int cap);

/* May the caller restore processes (choose their pids) owned by @ns?  (v5.9) */
static inline bool checkpoint_restore_ns_capable(struct user_namespace *ns)
{
	return ns_capable(ns, CAP_SYS_ADMIN) || ns_capable(ns, CAP_CHECKPOINT_RESTORE);
}

struct linux_binprm;
int cap_bprm_creds_from_file(struct linux_binprm *bprm);
int cap_task_prctl(int option, unsigned long arg2, unsigned long arg3,
		   unsigned long arg4, unsigned long arg5);

#endif
