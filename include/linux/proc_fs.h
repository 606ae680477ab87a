/*
 * include/linux/proc_fs.h: adding files to /proc.
 *
 * Subsystems register their files by path under /proc at boot
 * (proc_create_single("sysvipc/msg", 0444, show, NULL) makes the
 * sysvipc directory if needed).  A file's text comes from its show
 * function, run at open in the opener's context, so it reflects the
 * opener's namespaces; a writable file also gets a write function
 * (sysctls under /proc/sys).  A file whose opens hold state of their own
 * (the files of /proc/sysvipc: the opener's IPC namespace) brings its own file
 * operations (proc_create_data, as Linux's proc_create_data with a
 * proc_ops).  The per-process directories /proc/PID/...
 * are made by fs/proc itself.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/seq_file.h>

struct file;
struct file_operations;
struct proc_dir_entry;
struct pid_namespace;
struct super_block;

typedef int (*proc_show_t)(struct seq_file *m, void *v);
/* Called with the whole user write (offset 0 only); returns bytes taken or -errno. */
typedef ssize_t (*proc_write_t)(struct file *f, const char *ubuf, size_t n, loff_t *pos);

struct proc_dir_entry *proc_create_single(const char *path, umode_t mode, proc_show_t show,
					  void *data);
struct proc_dir_entry *proc_create_rw(const char *path, umode_t mode, proc_show_t show,
				      proc_write_t write, void *data);
struct proc_dir_entry *proc_create_data(const char *path, umode_t mode,
				       const struct file_operations *fops, void *data);
struct proc_dir_entry *proc_mkdir(const char *path);
void *proc_entry_data(struct file *f);
int proc_write_int(const char *ubuf, size_t n, int *val);	/* a decimal int, for write */
int proc_write_ulong(const char *ubuf, size_t n, unsigned long *val);

/* An integer sysctl: shown, and set within [min, max] (Linux's proc_dointvec_minmax). */
struct int_sysctl {
	int *value;
	int min, max;
};
void proc_create_int(const char *path, umode_t mode, const struct int_sysctl *ctl);		/* the data given at creation */

/* The pid namespace a proc instance shows (its mount's, B15). */
struct pid_namespace *proc_pid_ns(struct super_block *sb);

/* The process an open /proc/PID directory names, or EBADF for another file. */
struct pid *tgid_pidfd_to_pid(const struct file *file);

void proc_root_init(void);

#endif
