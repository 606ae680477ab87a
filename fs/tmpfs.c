/*
 * fs/tmpfs.c: what makes tmpfs more than ramfs under another name: its
 * limits and mount options (Linux's shmem_sb_info, shmem_parse_one,
 * shmem_reconfigure, shmem_statfs).
 *
 * A tmpfs has a size in pages and a number of inodes, by default half of
 * RAM each (Linux's shmem_default_max_blocks/_inodes), set by the mount
 * options size= (bytes, with k, m, g or % of RAM), nr_blocks= and
 * nr_inodes= (0: no limit), and changed by a remount.  A page a file
 * would take past the size is ENOSPC for write and fallocate, SIGBUS for
 * a fault; an inode past the limit is ENOSPC.  statfs reports both.  The
 * kernel's own tmpfs (memfds) has no limits, as Linux's SB_KERNMOUNT one.
 * mode=, uid= and gid= set the root directory's; huge=never is taken (no
 * huge pages here); anything else is EINVAL, as Linux's "tmpfs: Unknown
 * parameter".  /proc/PID/mounts shows those that differ from the defaults.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/shmem_fs.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/seq_file.h>

/* A number with an optional k, m, g (or t) suffix, as Linux's memparse; -EINVAL if none. */
static int parse_size(const char *s, unsigned long long *out, bool percent_ok)
{
	char *end;
	unsigned long long v = simple_strtoul(s, &end, 0);

	if (end == s)
		return -EINVAL;
	switch (*end) {
	case 't': case 'T': v <<= 10; fallthrough;
	case 'g': case 'G': v <<= 10; fallthrough;
	case 'm': case 'M': v <<= 10; fallthrough;
	case 'k': case 'K': v <<= 10; end++; break;
	case '%':
		if (!percent_ok)
			return -EINVAL;
		/* bytes first, as Linux's: the share is rounded up to pages, not down */
		v = (v << PAGE_SHIFT) * totalram_pages() / 100;
		end++;
		break;
	}
	*out = v;
	return *end ? -EINVAL : 0;
}

/* One option "name=value" into @sbinfo (Linux's shmem_parse_one). */
static int shmem_parse_one(struct shmem_sb_info *sbinfo, char *opt)
{
	char *value = strchr(opt, '=');
	unsigned long long v;

	if (value)
		*value++ = '\0';
	if (!strcmp(opt, "size") && value && !parse_size(value, &v, true)) {
		sbinfo->max_blocks = DIV_ROUND_UP(v, PAGE_SIZE);
	} else if (!strcmp(opt, "nr_blocks") && value && !parse_size(value, &v, false)) {
		sbinfo->max_blocks = v;
	} else if (!strcmp(opt, "nr_inodes") && value && !parse_size(value, &v, false)) {
		sbinfo->max_inodes = v;
	} else if (!strcmp(opt, "mode") && value && !kstrtoul(value, 8, (unsigned long *)&v)) {
		sbinfo->mode = v & 07777;
	} else if (!strcmp(opt, "uid") && value && !kstrtoul(value, 0, (unsigned long *)&v)) {
		sbinfo->uid = make_kuid(current_user_ns(), v);
		if (!uid_valid(sbinfo->uid))
			return -EINVAL;
	} else if (!strcmp(opt, "gid") && value && !kstrtoul(value, 0, (unsigned long *)&v)) {
		sbinfo->gid = make_kgid(current_user_ns(), v);
		if (!gid_valid(sbinfo->gid))
			return -EINVAL;
	} else if (!strcmp(opt, "huge") && value && !strcmp(value, "never")) {
		;			/* no huge pages here: the only value there is */
	} else {
		pr_err("tmpfs: %s parameter '%s'\n", value ? "Bad value for" : "Unknown", opt);
		return -EINVAL;
	}
	return 0;
}

/* The comma-separated options of @data (a kernel copy, or NULL) into @sbinfo. */
static int shmem_parse_options(struct shmem_sb_info *sbinfo, char *data)
{
	char *opt;
	int err;

	while (data && (opt = strsep(&data, ",")))
		if (*opt && (err = shmem_parse_one(sbinfo, opt)))
			return err;
	return 0;
}

/* One more of *@used, unless *@max (0: no limit; a remount changes it) is reached: false then. */
static bool shmem_take_one(struct shmem_sb_info *sbinfo, unsigned long *used,
			   const unsigned long *max)
{
	bool ok;

	spin_lock(&sbinfo->stat_lock);
	ok = !*max || *used < *max;
	*used += ok;
	spin_unlock(&sbinfo->stat_lock);
	return ok;
}

static void shmem_give_one(struct shmem_sb_info *sbinfo, unsigned long *used)
{
	spin_lock(&sbinfo->stat_lock);
	(*used)--;
	spin_unlock(&sbinfo->stat_lock);
}

/* An inode more on @sb (Linux's shmem_reserve_inode): false when the limit is reached. */
bool shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	return shmem_take_one(sbinfo, &sbinfo->used_inodes, &sbinfo->max_inodes);
}

/* The inode is gone, or was never made: its count back (Linux's shmem_free_inode). */
void shmem_free_inode(struct super_block *sb)
{
	shmem_give_one(SHMEM_SB(sb), &SHMEM_SB(sb)->used_inodes);
}

static void shmem_evict_inode(struct inode *inode)
{
	shmem_free_inode(inode->i_sb);
}

/* A page more for a file of @sbinfo (Linux's shmem_inode_acct_block): false past the size. */
bool shmem_acct_block(struct shmem_sb_info *sbinfo)
{
	return shmem_take_one(sbinfo, &sbinfo->used_blocks, &sbinfo->max_blocks);
}

void shmem_unacct_block(struct shmem_sb_info *sbinfo)
{
	shmem_give_one(sbinfo, &sbinfo->used_blocks);
}

/*
 * Linux's shmem_statfs: the limits and what is left of them (nothing
 * for a tmpfs without one), and an fsid from the random uuid.
 */
static int shmem_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(dentry->d_sb);
	u64 lo, hi;

	simple_statfs(dentry, buf);
	spin_lock(&sbinfo->stat_lock);
	if (sbinfo->max_blocks) {
		buf->f_blocks = sbinfo->max_blocks;
		buf->f_bavail = buf->f_bfree = sbinfo->max_blocks - sbinfo->used_blocks;
	}
	if (sbinfo->max_inodes) {
		buf->f_files = sbinfo->max_inodes;
		buf->f_ffree = sbinfo->max_inodes - sbinfo->used_inodes;
	}
	spin_unlock(&sbinfo->stat_lock);
	memcpy(&lo, dentry->d_sb->s_uuid, 8);
	memcpy(&hi, dentry->d_sb->s_uuid + 8, 8);
	buf->f_fsid = u64_to_fsid(lo ^ hi);	/* Linux's uuid_to_fsid */
	return 0;
}

/*
 * mount -o remount (Linux's shmem_reconfigure): new limits, EINVAL if
 * what is in use already passes them (mode, uid and gid stay the root's).
 */
static int shmem_remount(struct super_block *sb, char *data)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb), new = *sbinfo;
	int err = shmem_parse_options(&new, data);

	if (err)
		return err;
	spin_lock(&sbinfo->stat_lock);
	if ((new.max_blocks && new.max_blocks < sbinfo->used_blocks) ||
	    (new.max_inodes && new.max_inodes < sbinfo->used_inodes)) {
		err = -EINVAL;		/* "Too small a size for current use" */
	} else {
		sbinfo->max_blocks = new.max_blocks;
		sbinfo->max_inodes = new.max_inodes;
	}
	spin_unlock(&sbinfo->stat_lock);
	return err;
}

/*
 * The options that differ from a default tmpfs's, after the mount flags in
 * /proc/PID/mounts and mountinfo (Linux's shmem_show_options): the limits
 * as a remount left them, the root's mode and owner as mounted.
 */
static void shmem_show_options(struct seq_file *m, struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_blocks != totalram_pages() / 2)
		seq_printf(m, ",size=%luk", sbinfo->max_blocks << (PAGE_SHIFT - 10));
	if (sbinfo->max_inodes != totalram_pages() / 2)
		seq_printf(m, ",nr_inodes=%lu", sbinfo->max_inodes);
	if (sbinfo->mode != 01777)
		seq_printf(m, ",mode=%03o", sbinfo->mode);
	if (!uid_eq(sbinfo->uid, GLOBAL_ROOT_UID))
		seq_printf(m, ",uid=%u", from_kuid_munged(&init_user_ns, sbinfo->uid));
	if (!gid_eq(sbinfo->gid, GLOBAL_ROOT_GID))
		seq_printf(m, ",gid=%u", from_kgid_munged(&init_user_ns, sbinfo->gid));
}

const struct super_operations tmpfs_ops = {
	.show_options	= shmem_show_options,
	.evict_inode	= shmem_evict_inode,
	.statfs		= shmem_statfs,
	.remount_fs	= shmem_remount,
};

/*
 * A new tmpfs (Linux's shmem_fill_super): its limits and the root's mode
 * and owner from @data, then the root, which counts as an inode, and a
 * random uuid, from which statfs makes the fsid.
 */
int tmpfs_fill_super(struct super_block *sb, void *data)
{
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	struct inode *root;
	int err;

	if (!sbinfo)
		return -ENOMEM;
	spin_lock_init(&sbinfo->stat_lock);
	sbinfo->mode = 01777;
	sbinfo->uid = current_fsuid();
	sbinfo->gid = current_fsgid();
	if (!(sb->s_flags & SB_KERNMOUNT)) {
		sbinfo->max_blocks = totalram_pages() / 2;
		sbinfo->max_inodes = totalram_pages() / 2;
	}
	err = shmem_parse_options(sbinfo, data);
	if (err)
		goto out_free;
	sb->s_fs_info = sbinfo;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &tmpfs_ops;
	get_random_bytes(sb->s_uuid, sizeof(sb->s_uuid));
	err = -ENOSPC;
	root = ramfs_get_inode(sb, NULL, S_IFDIR | sbinfo->mode, 0);
	if (!root)
		goto out_free;
	root->i_uid = sbinfo->uid;
	root->i_gid = sbinfo->gid;
	err = -ENOMEM;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root)
		goto out_free;		/* d_alloc_root put the root */
	return 0;
out_free:
	sb->s_fs_info = NULL;
	kfree(sbinfo);
	return err;
}

/* The last mount is gone: the tree goes (its inodes give their counts back), then the limits. */
void tmpfs_kill_sb(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	kill_anon_super(sb);
	kfree(sbinfo);
}
