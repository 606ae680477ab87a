/*
 * kernel/utsname_sysctl.c: kernel.{ostype,osrelease,version,hostname,
 * domainname}, the uname names as sysctls, per UTS namespace.
 *
 * Each file reads (and the last two write) the names of the namespace of
 * the task doing it, whatever proc instance it goes through.  As Linux's
 * uts_kern_table, every entry points into init_uts_ns and get_uts() moves
 * that pointer to the same field of current's namespace.  The only rule
 * for writing is sysctl's (the mode bits of root of the initial user
 * namespace, fs/proc/generic.c): Linux's proc_do_uts_string checks no
 * capability, so root of the machine may rename any namespace it is in,
 * and a root mapped from another uid may not, even where sethostname(2)
 * would succeed.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/proc_fs.h>
#include <linux/utsname.h>

/* @field, a name of init_uts_ns, moved to current's namespace (Linux's get_uts). */
static char *get_uts(const char *field)
{
	return (char *)current->nsproxy->uts_ns + (field - (const char *)&init_uts_ns);
}

/* The name and a newline, as proc_dostring prints a string. */
static int uts_string_show(struct seq_file *m, void *v)
{
	char tmp[__NEW_UTS_LEN + 1];

	(void)v;
	down_read(&uts_sem);
	memcpy(tmp, get_uts(m->private), sizeof(tmp));
	up_read(&uts_sem);
	seq_printf(m, "%s\n", tmp);
	return 0;
}

/*
 * As proc_dostring writes a string: the bytes up to the first newline or
 * NUL, at most __NEW_UTS_LEN of them, the rest of the write taken and
 * ignored.  Writes start at offset 0 only here (generic.c), so a second
 * write(2) on the same descriptor does not append as it would in Linux.
 */
static ssize_t uts_string_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	char tmp[__NEW_UTS_LEN + 1];
	size_t len = min(n, (size_t)__NEW_UTS_LEN);

	(void)pos;
	if (n == 0)
		return 0;
	if (copy_from_user(tmp, ubuf, len))
		return -EFAULT;
	tmp[len] = '\0';
	len = strchrnul(tmp, '\n') - tmp;
	memset(tmp + len, 0, sizeof(tmp) - len);
	down_write(&uts_sem);
	memcpy(get_uts(proc_entry_data(f)), tmp, sizeof(tmp));
	up_write(&uts_sem);
	return n;
}

static int __init utsname_sysctl_init(void)
{
	struct new_utsname *u = init_utsname();

	proc_create_single("sys/kernel/ostype", 0444, uts_string_show, u->sysname);
	proc_create_single("sys/kernel/osrelease", 0444, uts_string_show, u->release);
	proc_create_single("sys/kernel/version", 0444, uts_string_show, u->version);
	proc_create_rw("sys/kernel/hostname", 0644, uts_string_show, uts_string_write,
		       u->nodename);
	proc_create_rw("sys/kernel/domainname", 0644, uts_string_show, uts_string_write,
		       u->domainname);
	return 0;
}
device_initcall(utsname_sysctl_init);
