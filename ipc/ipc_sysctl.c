/*
 * ipc/ipc_sysctl.c: kernel.{msgmax,msgmnb,msgmni,sem,shmmax,shmall,
 * shmmni,shm_rmid_forced} and kernel.{msg,sem,shm}_next_id, per IPC
 * namespace (C19), and the engine the fs.mqueue sysctls share.
 *
 * A value is read from and written to the namespace of the task doing
 * it; the files belong to root of the namespace's owning user namespace,
 * so only that root (or CAP_DAC_OVERRIDE over it) may write.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/proc_fs.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include "util.h"
#include "ipc_sysctl.h"

#define SYSCTL_BUF	256

static void *sysctl_field(struct ipc_sysctl *t, struct ipc_namespace *ns, int i)
{
	return (char *)ns + t->offset + i * (t->is_ulong ? sizeof(long) : sizeof(int));
}

/* The values, tab-separated, as proc_dointvec prints them. */
static int ipc_sysctl_show(struct seq_file *m, void *v)
{
	struct ipc_sysctl *t = m->private;
	struct ipc_namespace *ns = current_ipc_ns();
	int i;

	(void)v;
	for (i = 0; i < t->count; i++) {
		if (t->is_ulong)
			seq_printf(m, "%s%lu", i ? "\t" : "", *(unsigned long *)sysctl_field(t, ns, i));
		else
			seq_printf(m, "%s%d", i ? "\t" : "", *(int *)sysctl_field(t, ns, i));
	}
	seq_putc(m, '\n');
	return 0;
}

/* Parses up to t->count numbers from @buf into @vals, each checked against the bounds. */
static int ipc_sysctl_parse(struct ipc_sysctl *t, char *buf, unsigned long *vals)
{
	char *tok, *s = buf;
	long sv;
	int n = 0, err;

	while ((tok = strsep(&s, " \t\n")) != NULL) {
		if (!*tok)
			continue;
		if (n == t->count)
			return -EINVAL;
		err = t->is_ulong ? kstrtoul(tok, 10, &vals[n]) : kstrtol(tok, 10, &sv);
		if (err)
			return -EINVAL;
		if (!t->is_ulong) {
			if (sv < t->min || sv > t->max)
				return -EINVAL;
			vals[n] = sv;
		} else if (vals[n] < (unsigned long)t->min || vals[n] > (unsigned long)t->max) {
			return -EINVAL;
		}
		n++;
	}
	return n ? n : -EINVAL;
}

static bool ipc_sysctl_may_write(struct ipc_namespace *ns)
{
	return uid_eq(current_euid(), make_kuid(ns->user_ns, 0)) ||
	       ns_capable(ns->user_ns, CAP_DAC_OVERRIDE);
}

static ssize_t ipc_sysctl_write(struct file *f, const char *ubuf, size_t len, loff_t *pos)
{
	struct ipc_sysctl *t = proc_entry_data(f);
	struct ipc_namespace *ns = current_ipc_ns();
	unsigned long vals[4];
	char buf[SYSCTL_BUF];
	int i, n;

	(void)pos;
	if (!ipc_sysctl_may_write(ns))
		return -EACCES;
	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	n = ipc_sysctl_parse(t, buf, vals);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (t->is_ulong)
			*(unsigned long *)sysctl_field(t, ns, i) = vals[i];
		else
			*(int *)sysctl_field(t, ns, i) = (int)vals[i];
	}
	if (t->changed)
		t->changed(ns);
	return len;
}

void __init ipc_register_sysctls(struct ipc_sysctl *table, int n)
{
	int i;

	for (i = 0; i < n; i++)
		proc_create_rw(table[i].path, 0644, ipc_sysctl_show, ipc_sysctl_write, &table[i]);
}

/* Setting shm_rmid_forced destroys the segments already orphaned (Linux's ..._orphans). */
static void shm_rmid_forced_changed(struct ipc_namespace *ns)
{
	if (ns->shm_rmid_forced)
		shm_destroy_orphaned(ns);
}

static struct ipc_sysctl ipc_kern_table[] = {
	IPC_SYSCTL("sys/kernel/msgmax", msg_ctlmax, 0, INT_MAX),
	IPC_SYSCTL("sys/kernel/msgmnb", msg_ctlmnb, 0, INT_MAX),
	IPC_SYSCTL("sys/kernel/msgmni", msg_ctlmni, 0, IPCMNI),
	{ .path = "sys/kernel/sem", .offset = offsetof(struct ipc_namespace, sem_ctls),
	  .count = 4, .min = 0, .max = INT_MAX },
	{ .path = "sys/kernel/shmmax", .offset = offsetof(struct ipc_namespace, shm_ctlmax),
	  .count = 1, .is_ulong = true, .min = 0, .max = LONG_MAX },
	{ .path = "sys/kernel/shmall", .offset = offsetof(struct ipc_namespace, shm_ctlall),
	  .count = 1, .is_ulong = true, .min = 0, .max = LONG_MAX },
	IPC_SYSCTL("sys/kernel/shmmni", shm_ctlmni, 0, IPCMNI),
	{ .path = "sys/kernel/shm_rmid_forced",
	  .offset = offsetof(struct ipc_namespace, shm_rmid_forced),
	  .count = 1, .min = 0, .max = 1, .changed = shm_rmid_forced_changed },
	IPC_SYSCTL("sys/kernel/msg_next_id", ids[IPC_MSG_IDS].next_id, -1, INT_MAX),
	IPC_SYSCTL("sys/kernel/sem_next_id", ids[IPC_SEM_IDS].next_id, -1, INT_MAX),
	IPC_SYSCTL("sys/kernel/shm_next_id", ids[IPC_SHM_IDS].next_id, -1, INT_MAX),
};

static int __init ipc_sysctl_init(void)
{
	ipc_register_sysctls(ipc_kern_table, ARRAY_SIZE(ipc_kern_table));
	return 0;
}
device_initcall(ipc_sysctl_init);
