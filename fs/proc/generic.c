/*
 * fs/proc/generic.c: the registry of /proc entries, and seq_file.
 *
 * Subsystems register files by path (proc_create_single("sysvipc/msg",
 * ...)); the entries form a tree of struct proc_dir_entry under
 * proc_root, shared by every proc instance, and are never removed.  A
 * registered file's text is made by its show function when it is opened,
 * into a seq_file buffer that is grown and refilled until the text fits;
 * reads are then served from the buffer, and a read that starts elsewhere
 * than the last one ended makes it again.  /proc/PID's one-show files make
 * theirs at read time only (proc_seq_open_at_read).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/err.h>
#include "internal.h"

#define PROC_PDE_FIRST_INO	0x40000000UL	/* clear of the per-instance numbers */
#define SEQ_BUF_MAX		(1UL << 20)	/* a text larger than this is an error */

struct proc_dir_entry proc_root = {
	.name = "/proc", .namelen = 5, .mode = S_IFDIR | 0555, .low_ino = PROC_ROOT_INO,
	.subdir = LIST_HEAD_INIT(proc_root.subdir),
};

/* Protects every subdir list; entries are only ever added, so a found one stays. */
static DEFINE_SPINLOCK(proc_subdir_lock);
static unsigned long proc_next_ino = PROC_PDE_FIRST_INO;

/* ---- seq_file ------------------------------------------------------------ */

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
	m->overflow = true;
}

static int seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	int len;

	if (m->count < m->size) {
		len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
		if (m->count + len < m->size) {
			m->count += len;
			return 0;
		}
	}
	seq_set_overflow(m);
	return -1;
}

int seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = seq_vprintf(m, fmt, args);
	va_end(args);
	return ret;
}

int seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
		return 0;
	}
	seq_set_overflow(m);
	return -1;
}

int seq_puts(struct seq_file *m, const char *s)
{
	return seq_write(m, s, strlen(s));
}

int seq_putc(struct seq_file *m, char c)
{
	return seq_write(m, &c, 1);
}

/*
 * Runs m->fill into a buffer big enough for all it prints (doubling until
 * it fits): the text reads are served from.
 */
static int seq_fill(struct seq_file *m)
{
	size_t size = PAGE_SIZE;
	int err = -ENOMEM;

	kfree(m->buf);
	m->buf = NULL;
	m->count = 0;
	while (size <= SEQ_BUF_MAX) {
		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			break;
		m->size = size;
		m->count = 0;
		m->overflow = false;
		err = m->fill(m, m->arg);
		if (err || !m->overflow)
			break;
		kfree(m->buf);
		m->buf = NULL;
		size *= 2;
		err = -ENOMEM;
	}
	if (err) {
		kfree(m->buf);
		m->buf = NULL;
		m->count = 0;
	}
	return err;
}

static struct seq_file *seq_alloc(struct file *f, int (*fill)(struct seq_file *m, void *arg),
				  void *arg, void *private)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return NULL;
	mutex_init(&m->lock);
	m->fill = fill;
	m->arg = arg;
	m->private = private;
	m->file = f;
	return m;
}

/*
 * The text of @f, made by @fill now (a reader then sees what the opener's
 * namespaces and rights showed): for files whose @arg lives no longer
 * than the open.
 */
int proc_seq_open(struct file *f, int (*fill)(struct seq_file *m, void *arg), void *arg,
		  void *private)
{
	struct seq_file *m = seq_alloc(f, fill, arg, private);
	int err;

	if (!m)
		return -ENOMEM;
	err = (f->f_mode & FMODE_READ) ? seq_fill(m) : 0;
	if (err) {
		kfree(m);
		return err;
	}
	f->private_data = m;
	return 0;
}

/*
 * The text of @f, made by @fill at the first read, and made again when a
 * read starts elsewhere than the last one ended (after lseek(fd, 0,
 * SEEK_SET), as top(1) rereads /proc/PID/stat), as Linux's seq_read
 * (traverse) does: opening and closing costs no text.  @arg must live as
 * long as the file.
 */
int proc_seq_open_at_read(struct file *f, int (*fill)(struct seq_file *m, void *arg),
			  void *arg, void *private)
{
	struct seq_file *m = seq_alloc(f, fill, arg, private);

	if (!m)
		return -ENOMEM;
	m->fill_at_read = true;
	f->private_data = m;
	return 0;
}

/*
 * Makes @f's text, if it is made at read time, as a read from @pos would
 * (the in-kernel tests look at m->buf after it); the caller holds m->lock.
 */
int proc_seq_make(struct file *f, loff_t pos)
{
	struct seq_file *m = f->private_data;

	if (m->fill_at_read && (!m->buf || pos != m->read_pos))
		return seq_fill(m);
	return 0;
}

ssize_t proc_seq_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	struct seq_file *m = f->private_data;
	ssize_t ret;

	mutex_lock(&m->lock);
	ret = proc_seq_make(f, *pos);
	if (!ret && *pos < (loff_t)m->count) {
		n = min_t(size_t, n, m->count - *pos);
		if (copy_to_user(ubuf, m->buf + *pos, n)) {
			ret = -EFAULT;
		} else {
			*pos += n;
			ret = n;
		}
	}
	m->read_pos = *pos;
	mutex_unlock(&m->lock);
	return ret;
}

/* The text has no fixed size, so there is no SEEK_END (Linux's seq_lseek). */
loff_t proc_seq_lseek(struct file *f, loff_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

int proc_seq_release(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private_data;

	(void)inode;
	if (m) {
		kfree(m->buf);
		kfree(m);
	}
	return 0;
}

/* ---- the registry ----------------------------------------------------------- */

/* @dir's child @name; caller holds proc_subdir_lock. */
static struct proc_dir_entry *pde_find(struct proc_dir_entry *dir, const char *name,
				       unsigned int len)
{
	struct proc_dir_entry *de;

	list_for_each_entry(de, &dir->subdir, subdir_node)
		if (de->namelen == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

static struct proc_dir_entry *pde_alloc(const char *name, unsigned int len, umode_t mode)
{
	struct proc_dir_entry *de = kzalloc(sizeof(*de) + len + 1, GFP_KERNEL);

	if (!de)
		return NULL;
	memcpy(de + 1, name, len);
	de->name = (const char *)(de + 1);
	de->namelen = len;
	de->mode = mode;
	INIT_LIST_HEAD(&de->subdir);
	INIT_LIST_HEAD(&de->subdir_node);
	return de;
}

/*
 * Adds @name under @dir, unless it exists: then the existing directory is
 * returned if @reuse_dir and it is one, else NULL (a name is registered once).
 */
static struct proc_dir_entry *pde_add(struct proc_dir_entry *dir, const char *name,
				      unsigned int len, umode_t mode, bool reuse_dir)
{
	struct proc_dir_entry *de = pde_alloc(name, len, mode), *old;

	if (!de)
		return NULL;
	spin_lock(&proc_subdir_lock);
	old = pde_find(dir, name, len);
	if (!old) {
		de->parent = dir;
		de->low_ino = proc_next_ino++;
		list_add_tail(&de->subdir_node, &dir->subdir);
	}
	spin_unlock(&proc_subdir_lock);
	if (!old)
		return de;
	kfree(de);
	if (!reuse_dir || !S_ISDIR(old->mode)) {
		pr_warn("proc_dir_entry '%s/%.*s' already registered\n", dir->name, len, name);
		return NULL;
	}
	return old;
}

/* Creates the entry at @path, making the directories on the way as needed. */
static struct proc_dir_entry *proc_create_path(const char *path, umode_t mode)
{
	struct proc_dir_entry *dir = &proc_root;
	const char *slash;

	while ((slash = strchr(path, '/'))) {
		dir = pde_add(dir, path, slash - path, S_IFDIR | 0555, true);
		if (!dir)
			return NULL;
		path = slash + 1;
	}
	if (!*path)
		return NULL;
	return pde_add(dir, path, strlen(path), mode, false);
}

struct proc_dir_entry *proc_create_rw(const char *path, umode_t mode, proc_show_t show,
				      proc_write_t write, void *data)
{
	struct proc_dir_entry *de;

	if ((mode & S_IFMT) == 0)
		mode |= S_IFREG;
	if ((mode & S_IALLUGO) == 0)
		mode |= S_IRUGO;
	de = proc_create_path(path, mode);
	if (de) {
		de->show = show;
		de->write = write;
		de->data = data;
	}
	return de;
}

struct proc_dir_entry *proc_create_single(const char *path, umode_t mode, proc_show_t show,
					  void *data)
{
	return proc_create_rw(path, mode, show, NULL, data);
}

/* A file with its own file operations; they find @data with proc_entry_data(). */
struct proc_dir_entry *proc_create_data(const char *path, umode_t mode,
				       const struct file_operations *fops, void *data)
{
	struct proc_dir_entry *de = proc_create_rw(path, mode, NULL, NULL, data);

	if (de)
		de->proc_fops = fops;
	return de;
}

struct proc_dir_entry *proc_mkdir(const char *path)
{
	return proc_create_path(path, S_IFDIR | 0555);
}

/* A registered symbolic link, as /proc/mounts -> self/mounts. */
struct proc_dir_entry *proc_symlink(const char *path, const char *dest)
{
	struct proc_dir_entry *de;
	char *target = kstrdup(dest, GFP_KERNEL);

	if (!target)
		return NULL;
	de = proc_create_path(path, S_IFLNK | 0777);
	if (!de) {
		kfree(target);
		return NULL;
	}
	de->data = target;
	return de;
}

void *proc_entry_data(struct file *f)
{
	return PROC_I(f->f_inode)->pde->data;
}

/* ---- registered entries as inodes ------------------------------------------ */

static int proc_reg_show(struct seq_file *m, void *arg)
{
	struct proc_dir_entry *de = arg;

	return de->show(m, NULL);
}

/*
 * The text is made at open, in the opener's context, and made again when
 * a read starts elsewhere than the last one ended (pread at 0, or lseek to
 * 0 and read, as proc-uptime-001 polls /proc/uptime), as Linux's seq_read
 * remakes a single_open file's: the entry @de lives for good.
 */
static int proc_reg_open(struct inode *inode, struct file *f)
{
	struct proc_dir_entry *de = PROC_I(inode)->pde;
	int err = proc_seq_open(f, proc_reg_show, de, de->data);
	struct seq_file *m = f->private_data;

	if (!err && m->buf)
		m->fill_at_read = true;
	return err;
}

/*
 * A write goes to the entry's write function, whole and at offset 0; as
 * Linux's sysctls (sysctl_writes_strict), a write further on is ignored.
 */
static ssize_t proc_reg_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	struct proc_dir_entry *de = PROC_I(f->f_inode)->pde;
	ssize_t ret;

	if (!de->write)
		return -EIO;
	if (!n)
		return 0;	/* an empty write sets nothing: Linux's proc_dointvec with *lenp 0 */
	if (*pos != 0)
		return n;
	ret = de->write(f, ubuf, n, pos);
	if (ret > 0)
		*pos += ret;
	return ret;
}

static const struct file_operations proc_reg_file_ops = {
	.open		= proc_reg_open,
	.read		= proc_seq_read,
	.write		= proc_reg_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_seq_release,
};

static struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_lookup_de(dir, dentry, PROC_I(dir)->pde);
}

static int proc_readdir(struct file *f, struct dir_context *ctx)
{
	proc_readdir_de(f, ctx, PROC_I(f->f_inode)->pde);
	return 0;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup		= proc_lookup,
	.setattr	= proc_setattr,
};

static const struct file_operations proc_dir_operations = {
	.iterate	= proc_readdir,
	.llseek		= generic_file_llseek,
};

static const struct inode_operations proc_file_inode_operations = {
	.setattr	= proc_setattr,
};

static int proc_pde_readlink(struct dentry *dentry, char *buf, int size)
{
	return strlcpy(buf, PROC_I(dentry->d_inode)->pde->data, size);
}

static const struct inode_operations proc_link_inode_operations = {
	.readlink	= proc_pde_readlink,
};

/* Is @de under /proc/sys? Those follow sysctl's permission rules. */
static bool pde_is_sysctl(const struct proc_dir_entry *de)
{
	while (de->parent && de->parent != &proc_root)
		de = de->parent;
	return de->namelen == 3 && !memcmp(de->name, "sys", 3);
}

/*
 * Linux's sysctl test_perm: the mode bits of root (uid 0 of the initial
 * namespace) or of its group; capabilities do not override them.  An
 * entry with its own rule (a per-namespace table's root, Linux's
 * ctl_table_root.permissions) decides instead.
 */
static int proc_sys_permission(struct inode *inode, int mask)
{
	struct proc_dir_entry *de = PROC_I(inode)->pde;
	umode_t mode = inode->i_mode;

	if ((mask & MAY_EXEC) && S_ISREG(mode))
		return -EACCES;
	if (de && de->permissions)
		mode = de->permissions(mode);
	else if (uid_eq(current_euid(), GLOBAL_ROOT_UID))
		mode >>= 6;
	else if (in_egroup_p(GLOBAL_ROOT_GID))
		mode >>= 3;
	return (mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) ? -EACCES : 0;
}

static const struct inode_operations proc_sys_dir_inode_operations = {
	.lookup		= proc_lookup,
	.permission	= proc_sys_permission,
};

static const struct inode_operations proc_sys_file_inode_operations = {
	.permission	= proc_sys_permission,
	.setattr	= proc_setattr,
};

/* The inode of registered entry @de in the instance @sb (Linux's proc_get_inode). */
static struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de)
{
	struct inode *inode = proc_new_inode(sb, de->mode);
	bool sysctl = pde_is_sysctl(de);

	if (!inode)
		return NULL;
	inode->i_ino = de->low_ino;
	PROC_I(inode)->pde = de;
	if (S_ISDIR(de->mode)) {
		inode->i_nlink = 2;
		inode->i_op = sysctl ? &proc_sys_dir_inode_operations : &proc_dir_inode_operations;
		inode->i_fop = &proc_dir_operations;
	} else if (S_ISLNK(de->mode)) {
		inode->i_op = &proc_link_inode_operations;
		inode->i_size = strlen(de->data);
	} else {
		inode->i_op = sysctl ? &proc_sys_file_inode_operations : &proc_file_inode_operations;
		inode->i_fop = de->proc_fops ? de->proc_fops : &proc_reg_file_ops;
	}
	return inode;
}

/* Looks @dentry's name up among @de's registered children. */
struct dentry *proc_lookup_de(struct inode *dir, struct dentry *dentry,
			      struct proc_dir_entry *de)
{
	struct inode *inode;

	spin_lock(&proc_subdir_lock);
	de = pde_find(de, dentry->d_name, dentry->d_namelen);
	spin_unlock(&proc_subdir_lock);
	if (!de)
		return NULL;
	inode = proc_get_inode(dir->i_sb, de);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(dentry, inode);
	return NULL;
}

/* @de's child number @n, or NULL. */
static struct proc_dir_entry *pde_nth(struct proc_dir_entry *de, loff_t n)
{
	struct proc_dir_entry *c, *found = NULL;

	spin_lock(&proc_subdir_lock);
	list_for_each_entry(c, &de->subdir, subdir_node) {
		if (n-- == 0) {
			found = c;
			break;
		}
	}
	spin_unlock(&proc_subdir_lock);
	return found;
}

/*
 * ".", "..", then @de's children: position 2 + i is child i.  Returns 1
 * when all were given, 0 when the caller's buffer filled up first.
 */
int proc_readdir_de(struct file *f, struct dir_context *ctx, struct proc_dir_entry *de)
{
	struct dentry *dentry = f->f_path.dentry;
	struct proc_dir_entry *c;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, dentry->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 1, dentry->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	while ((c = pde_nth(de, ctx->pos - 2))) {
		if (!ctx->actor(ctx, c->name, c->namelen, ctx->pos, c->low_ino, c->mode >> 12))
			return 0;
		ctx->pos++;
	}
	return 1;
}

/*
 * Parses one decimal number written to a sysctl file, as Linux's
 * proc_dointvec and proc_doulongvec_minmax: leading blanks, an optional
 * minus sign (*@neg), digits, then a blank or the end.  0 or -errno.
 */
static int proc_parse_decimal(const char *ubuf, size_t n, unsigned long *v, bool *neg)
{
	char kbuf[32], *p, *end;

	if (n == 0)
		return -EINVAL;
	if (copy_from_user(kbuf, ubuf, min(n, sizeof(kbuf) - 1)))
		return -EFAULT;
	kbuf[min(n, sizeof(kbuf) - 1)] = '\0';
	p = skip_spaces(kbuf);
	*neg = *p == '-';
	p += *neg;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	*v = simple_strtoul(p, &end, 10);
	return *end && !strchr(" \t\n", *end) ? -EINVAL : 0;
}

/* A decimal int written to a sysctl file: how many bytes it used, or -errno. */
int proc_write_int(const char *ubuf, size_t n, int *val)
{
	unsigned long v;
	bool neg;
	int err = proc_parse_decimal(ubuf, n, &v, &neg);

	if (err)
		return err;
	if (v > (unsigned long)INT_MAX + neg)
		return -EINVAL;
	*val = neg ? -(long)v : (long)v;
	return n;
}

/* The same for an unsigned long: no minus sign. */
int proc_write_ulong(const char *ubuf, size_t n, unsigned long *val)
{
	bool neg;
	int err = proc_parse_decimal(ubuf, n, val, &neg);

	if (err)
		return err;
	return neg ? -EINVAL : (int)n;
}
