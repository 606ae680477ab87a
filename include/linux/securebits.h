/*
 * include/linux/securebits.h: cred->securebits (uapi/linux/securebits.h
 * and linux/securebits.h).
 *
 * Each bit turns off a piece of root's special treatment for the process
 * and its descendants; the bit above each one locks it.  prctl's
 * PR_SET_SECUREBITS (kernel/capability.c) sets them; fork and execve pass
 * them on, except SECURE_KEEP_CAPS, which execve clears; a new user
 * namespace starts with none.
 *
 *	SECURE_NOROOT			root gets no capabilities at execve
 *	SECURE_NO_SETUID_FIXUP		the setuid family leaves the sets alone
 *	SECURE_KEEP_CAPS		leaving root keeps the permitted set
 *					(what PR_SET_KEEPCAPS sets)
 *	SECURE_NO_CAP_AMBIENT_RAISE	PR_CAP_AMBIENT_RAISE is refused
 *	SECURE_EXEC_RESTRICT_FILE	advice to script interpreters, which
 *	SECURE_EXEC_DENY_INTERACTIVE	they enforce on themselves (Linux 6.14)
 */
#ifndef _LINUX_SECUREBITS_H
#define _LINUX_SECUREBITS_H

#define issecure_mask(X)	(1U << (X))

#define SECUREBITS_DEFAULT	0x00000000

#define SECURE_NOROOT				0
#define SECURE_NOROOT_LOCKED			1
#define SECURE_NO_SETUID_FIXUP			2
#define SECURE_NO_SETUID_FIXUP_LOCKED		3
#define SECURE_KEEP_CAPS			4
#define SECURE_KEEP_CAPS_LOCKED			5
#define SECURE_NO_CAP_AMBIENT_RAISE		6
#define SECURE_NO_CAP_AMBIENT_RAISE_LOCKED	7
#define SECURE_EXEC_RESTRICT_FILE		8
#define SECURE_EXEC_RESTRICT_FILE_LOCKED	9
#define SECURE_EXEC_DENY_INTERACTIVE		10
#define SECURE_EXEC_DENY_INTERACTIVE_LOCKED	11

#define SECBIT_NOROOT			issecure_mask(SECURE_NOROOT)
#define SECBIT_NOROOT_LOCKED		issecure_mask(SECURE_NOROOT_LOCKED)
#define SECBIT_NO_SETUID_FIXUP		issecure_mask(SECURE_NO_SETUID_FIXUP)
#define SECBIT_NO_SETUID_FIXUP_LOCKED	issecure_mask(SECURE_NO_SETUID_FIXUP_LOCKED)
#define SECBIT_KEEP_CAPS		issecure_mask(SECURE_KEEP_CAPS)
#define SECBIT_KEEP_CAPS_LOCKED		issecure_mask(SECURE_KEEP_CAPS_LOCKED)
#define SECBIT_NO_CAP_AMBIENT_RAISE	issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE)
#define SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED \
	issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE_LOCKED)
#define SECBIT_EXEC_RESTRICT_FILE	issecure_mask(SECURE_EXEC_RESTRICT_FILE)
#define SECBIT_EXEC_RESTRICT_FILE_LOCKED issecure_mask(SECURE_EXEC_RESTRICT_FILE_LOCKED)
#define SECBIT_EXEC_DENY_INTERACTIVE	issecure_mask(SECURE_EXEC_DENY_INTERACTIVE)
#define SECBIT_EXEC_DENY_INTERACTIVE_LOCKED \
	issecure_mask(SECURE_EXEC_DENY_INTERACTIVE_LOCKED)

/* The settings (even bits) and their locks (the odd bit above each). */
#define SECURE_ALL_BITS		(SECBIT_NOROOT | SECBIT_NO_SETUID_FIXUP | SECBIT_KEEP_CAPS | \
				 SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_EXEC_RESTRICT_FILE | \
				 SECBIT_EXEC_DENY_INTERACTIVE)
#define SECURE_ALL_LOCKS	(SECURE_ALL_BITS << 1)

/* The bits the kernel does not enforce, which need no CAP_SETPCAP to change. */
#define SECURE_ALL_UNPRIVILEGED	(SECBIT_EXEC_RESTRICT_FILE | SECBIT_EXEC_DENY_INTERACTIVE)

/* Is bit @X set in the caller's credentials? (needs linux/sched.h and linux/cred.h) */
#define issecure(X)		(issecure_mask(X) & current_cred()->securebits)

#endif
