/*
 * fs/proc/internal.h: what the parts of /proc share (Linux's fs/proc/internal.h).
 *
 * Nothing in /proc is stored: every inode is made when a path walk looks
 * its name up and goes away with its last dentry reference.  A proc inode
 * carries in struct proc_inode (its i_private) what it stands for: a
 * registered entry (struct proc_dir_entry, for /proc/meminfo, /proc/sys/...)
 * or a process (struct pid, for /proc/PID/...), and the operation that
 * makes its text or finds its link.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/list.h>
#include <linux/ptrace.h>

struct pid;
struct pid_namespace;
struct task_struct;
struct proc_ns_operations;
struct cred;
struct user_namespace;

#define PROC_ROOT_INO		1

/* hidepid= (Linux's enum proc_hidepid): how much of others' /proc/PID a reader gets */
enum proc_hidepid {
	HIDEPID_OFF		= 0,	/* all of it */
	HIDEPID_NO_ACCESS	= 1,	/* listed, but entering is EPERM */
	HIDEPID_INVISIBLE	= 2,	/* not there at all: ENOENT */
	HIDEPID_NOT_PTRACEABLE	= 4,	/* only what the reader may inspect exists */
};

/*
 * A proc instance (Linux's struct proc_fs_info): its pid namespace, for
 * good, and its mount options, which a remount changes; they are read
 * without a lock, each a word of its own (READ_ONCE), as Linux reads them.
 */
struct proc_fs_info {
	struct pid_namespace *pid_ns;
	kgid_t pid_gid;			/* gid=: its members see past hidepid (not ptraceable) */
	enum proc_hidepid hide_pid;
	bool pidonly;			/* subset=pid: only self, thread-self and the processes */
};

static inline struct proc_fs_info *proc_sb_info(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* Root directory positions: registered entries below, then self, thread-self, pids. */
#define FIRST_PROCESS_ENTRY	256
#define TGID_OFFSET		(FIRST_PROCESS_ENTRY + 2)

/* A registered entry: a file with a show (and write) function, or a directory of them. */
struct proc_dir_entry {
	const char *name;
	unsigned int namelen;
	umode_t mode;			/* S_IFDIR | 0555, or S_IFREG | the given mode */
	unsigned long low_ino;		/* its inode number, the same in every instance */
	proc_show_t show;
	proc_write_t write;
	const struct file_operations *proc_fops;	/* its own, or NULL: show and write */
	void *data;
	umode_t (*permissions)(umode_t mode);	/* a sysctl's own rule: rwx bits for the caller */
	struct proc_dir_entry *parent;
	struct list_head subdir;	/* the children of a directory */
	struct list_head subdir_node;	/* in parent->subdir */
};

/* How a /proc/PID entry makes its text, or where its link leads. */
union proc_op {
	int (*proc_get_link)(struct dentry *dentry, struct path *path);
	int (*proc_show)(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			 struct task_struct *task);
	const struct proc_ns_operations *ns_ops;
};

struct proc_inode {
	struct pid *pid;		/* /proc/PID/...: the process (a reference) */
	unsigned int fd;		/* /proc/PID/fd/N: N */
	union proc_op op;
	struct proc_dir_entry *pde;	/* a registered entry */
};

static inline struct proc_inode *PROC_I(const struct inode *inode)
{
	return inode->i_private;
}

static inline struct pid *proc_pid(const struct inode *inode)
{
	return PROC_I(inode)->pid;
}

/* One file or directory of /proc/PID (Linux's pid_entry tables). */
struct pid_entry {
	const char *name;
	umode_t mode;
	const struct inode_operations *iop;
	const struct file_operations *fop;
	union proc_op op;
};

#define NOD(NAME, MODE, IOP, FOP, OP) { .name = (NAME), .mode = (MODE), .iop = IOP, \
					 .fop = FOP, .op = OP }
#define DIR(NAME, MODE, iops, fops)	NOD(NAME, (S_IFDIR | (MODE)), &iops, &fops, {})
#define LNK(NAME, get_link)		NOD(NAME, (S_IFLNK | 0777), &proc_pid_link_inode_operations, \
					    NULL, { .proc_get_link = get_link })
#define REG(NAME, MODE, fops)		NOD(NAME, (S_IFREG | (MODE)), NULL, &fops, {})
#define ONE(NAME, MODE, show)		NOD(NAME, (S_IFREG | (MODE)), NULL, &proc_single_file_operations, \
					    { .proc_show = show })

/* root.c */
extern struct proc_dir_entry proc_root;
struct inode *proc_new_inode(struct super_block *sb, umode_t mode);

/* generic.c: registered entries and the seq_file plumbing */
struct dentry *proc_lookup_de(struct inode *dir, struct dentry *dentry,
			      struct proc_dir_entry *de);
int proc_readdir_de(struct file *f, struct dir_context *ctx, struct proc_dir_entry *de);
int proc_seq_open(struct file *f, int (*fill)(struct seq_file *m, void *arg), void *arg,
		  void *private);
int proc_seq_make(struct file *f, loff_t pos);
struct proc_dir_entry *proc_symlink(const char *path, const char *dest);

/* base.c: /proc/PID */
extern const struct file_operations proc_single_file_operations;
int proc_single_open(struct inode *inode, struct file *f);
struct task_struct *get_proc_task(const struct inode *inode);
struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task,
				  umode_t mode);
struct dentry *proc_pid_lookup(struct dentry *dentry);
int name_to_int(const struct dentry *dentry);
int proc_pid_readdir(struct file *f, struct dir_context *ctx);
const struct cred *get_task_cred(struct task_struct *task);
struct dentry *proc_pident_lookup(struct inode *dir, struct dentry *dentry,
				  const struct pid_entry *p, const struct pid_entry *end);
int proc_pident_readdir(struct file *f, struct dir_context *ctx,
			const struct pid_entry *p, unsigned int nents);
int proc_setattr(struct dentry *dentry, unsigned int valid, struct kstat *attr);

/* oom.c: the OOM killer's files */
extern const struct file_operations proc_oom_score_adj_operations;
extern const struct file_operations proc_oom_adj_operations;
int proc_oom_score(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task);
int proc_oom_score_adj_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			    struct task_struct *task);
int proc_oom_adj_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		      struct task_struct *task);

/* task_mmu.c: a process's memory */
extern const struct file_operations proc_pid_cmdline_ops;
extern const struct file_operations proc_environ_operations;
extern const struct file_operations proc_pid_maps_operations;
extern const struct file_operations proc_pid_smaps_operations;
extern const struct file_operations proc_pid_smaps_rollup_operations;
int proc_pid_statm(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task);
struct mm_struct *get_task_mm(struct task_struct *task);
void task_mem(struct seq_file *m, struct mm_struct *mm);

/* fd.c: /proc/PID/fd, cwd, root */
extern const struct inode_operations proc_pid_link_inode_operations;
extern const struct inode_operations proc_fd_inode_operations;
extern const struct file_operations proc_fd_operations;
int proc_cwd_link(struct dentry *dentry, struct path *path);
int proc_root_link(struct dentry *dentry, struct path *path);
int proc_exe_link(struct dentry *dentry, struct path *path);
typedef struct inode *(*instantiate_fd_t)(struct super_block *sb, struct task_struct *task,
					  struct file *f);
struct dentry *proc_lookupfd_common(struct inode *dir, struct dentry *dentry,
				    instantiate_fd_t instantiate);
int proc_readfd_common(struct file *file, struct dir_context *ctx, unsigned int d_type);
int proc_fd_permission(struct inode *inode, int mask);
int proc_pid_get_link(struct dentry *dentry, struct path *jump);
int proc_pid_readlink(struct dentry *dentry, char *buf, int size);

/* hidepid.c: the hidepid= and gid= rules */
bool has_pid_permissions(struct proc_fs_info *fs_info, struct task_struct *task,
			 enum proc_hidepid hide_pid_min);
int proc_pid_permission(struct inode *inode, int mask);
int proc_pid_getattr(struct dentry *dentry, struct kstat *stat);

/* map_files.c: /proc/PID/map_files */
extern const struct inode_operations proc_map_files_inode_operations;
extern const struct file_operations proc_map_files_operations;

/* wchan.c: /proc/PID/wchan and syscall */
int proc_pid_wchan(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task);
int proc_pid_syscall(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		     struct task_struct *task);

/* fdinfo.c: /proc/PID/fdinfo */
extern const struct inode_operations proc_fdinfo_inode_operations;
extern const struct file_operations proc_fdinfo_operations;

/* array.c: the text of status and stat */
const char *get_task_state(const struct task_struct *p);
int proc_pid_status(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		    struct task_struct *task);
int proc_tgid_stat(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task);
int proc_tid_stat(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		  struct task_struct *task);

/* mounts.c: /proc/PID/mounts */
int proc_mounts_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		     struct task_struct *task);
int proc_mountinfo_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			struct task_struct *task);

/* namespaces.c: /proc/PID/ns */
extern const struct inode_operations proc_ns_dir_inode_operations;
extern const struct file_operations proc_ns_dir_operations;

/* uid_map.c: /proc/PID/{uid_map,gid_map,setgroups} */
extern const struct file_operations proc_uid_map_operations;
extern const struct file_operations proc_gid_map_operations;
extern const struct file_operations proc_setgroups_operations;
int proc_map_write(const struct cred *cred, struct user_namespace *ns, char *kbuf, bool gid);

/* fd.c: a link's text, for /proc/PID/fd and maps */
int proc_path_name(const struct path *path, char *buf, int size);

/* fs/nsfs.c */
int ns_get_path(struct path *path, struct task_struct *task,
		const struct proc_ns_operations *ns_ops);
int ns_get_name(char *buf, size_t size, struct task_struct *task,
		const struct proc_ns_operations *ns_ops);

/* proc_sysctl.c */
void proc_sys_init(void);

#endif
