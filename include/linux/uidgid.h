/*
 * include/linux/uidgid.h: kernel ids.
 *
 * Inside the kernel a uid is a kuid_t: the id as the initial user
 * namespace sees it.  Every id a process passes in or reads out goes
 * through its user namespace's map (make_kuid / from_kuid), so the two
 * kinds cannot be mixed up by accident: the wrapper struct makes that a
 * compile error, as in Linux.
 */
#ifndef _LINUX_UIDGID_H
#define _LINUX_UIDGID_H

#include <linux/types.h>

typedef struct { uid_t val; } kuid_t;
typedef struct { gid_t val; } kgid_t;

#define KUIDT_INIT(v)	((kuid_t){ v })
#define KGIDT_INIT(v)	((kgid_t){ v })
#define GLOBAL_ROOT_UID	KUIDT_INIT(0)
#define GLOBAL_ROOT_GID	KGIDT_INIT(0)
#define INVALID_UID	KUIDT_INIT((uid_t)-1)
#define INVALID_GID	KGIDT_INIT((gid_t)-1)
#define OVERFLOW_UID	65534
#define OVERFLOW_GID	65534

static inline uid_t __kuid_val(kuid_t u) { return u.val; }
static inline gid_t __kgid_val(kgid_t g) { return g.val; }
static inline bool uid_eq(kuid_t a, kuid_t b) { return a.val == b.val; }
static inline bool gid_eq(kgid_t a, kgid_t b) { return a.val == b.val; }
static inline bool uid_valid(kuid_t u) { return u.val != (uid_t)-1; }
static inline bool gid_valid(kgid_t g) { return g.val != (gid_t)-1; }

struct user_namespace;

kuid_t make_kuid(struct user_namespace *ns, uid_t uid);
kgid_t make_kgid(struct user_namespace *ns, gid_t gid);
uid_t from_kuid(struct user_namespace *ns, kuid_t kuid);	/* -1 if unmapped */
gid_t from_kgid(struct user_namespace *ns, kgid_t kgid);
uid_t from_kuid_munged(struct user_namespace *ns, kuid_t kuid);	/* 65534 if unmapped */
gid_t from_kgid_munged(struct user_namespace *ns, kgid_t kgid);
bool kuid_has_mapping(struct user_namespace *ns, kuid_t uid);
bool kgid_has_mapping(struct user_namespace *ns, kgid_t gid);

#endif
