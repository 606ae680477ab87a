/*
 * fs/proc/version.c: /proc/version, the kernel's banner.
 *
 * "Linux version RELEASE (BUILDER@HOST) (COMPILER) VERSION", with the
 * system name, release and version of the reader's UTS namespace, as
 * Linux's version_proc_show prints linux_proc_banner (init/version.c).
 * Nothing can change those three names, so every namespace reads the same.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/uts.h>
#include <linux/utsname.h>

static const char linux_proc_banner[] =
	"%s version %s (" LINUX_COMPILE_BY "@" LINUX_COMPILE_HOST ") (" LINUX_COMPILER ") %s\n";

static int version_proc_show(struct seq_file *m, void *v)
{
	struct new_utsname *u = utsname();

	(void)v;
	down_read(&uts_sem);
	seq_printf(m, linux_proc_banner, u->sysname, u->release, u->version);
	up_read(&uts_sem);
	return 0;
}

static int __init proc_version_init(void)
{
	proc_create_single("version", 0444, version_proc_show, NULL);
	return 0;
}
fs_initcall(proc_version_init);
