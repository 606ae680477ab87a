/* include/linux/capability.h: capability sets and their numbers (uapi/linux/capability.h). */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/types.h>

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
#define CAP_NET_ADMIN		12
#define CAP_IPC_LOCK		14
#define CAP_IPC_OWNER		15
#define CAP_SYS_CHROOT		18
#define CAP_SYS_PTRACE		19
#define CAP_SYS_ADMIN		21
#define CAP_SYS_BOOT		22
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_SYS_TIME		25
#define CAP_MKNOD		27
#define CAP_LAST_CAP		40

#define CAP_FULL_SET	((kernel_cap_t){ (1ULL << (CAP_LAST_CAP + 1)) - 1 })
#define CAP_EMPTY_SET	((kernel_cap_t){ 0 })

static inline bool cap_raised(kernel_cap_t c, int cap) { return (c.val >> cap) & 1; }
static inline void cap_raise(kernel_cap_t *c, int cap) { c->val |= 1ULL << cap; }
static inline void cap_lower(kernel_cap_t *c, int cap) { c->val &= ~(1ULL << cap); }
static inline bool cap_isclear(kernel_cap_t c) { return c.val == 0; }
static inline kernel_cap_t cap_intersect(kernel_cap_t a, kernel_cap_t b)
{
	return (kernel_cap_t){ a.val & b.val };
}

struct user_namespace;
struct task_struct;
struct cred;

bool capable(int cap);
bool ns_capable(struct user_namespace *ns, int cap);
bool ns_capable_noaudit(struct user_namespace *ns, int cap);
bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap);
bool file_ns_capable(const struct cred *cred, struct user_namespace *ns, int cap);

#endif
