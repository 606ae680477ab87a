/*
 * fs/libfs.c: pieces memory file systems share (Linux's fs/libfs.c).
 *
 * dcache_readdir lists a directory from the dentry cache itself: for a
 * file system that lives in the dcache (ramfs, mqueue), the children of
 * a dentry are the directory.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/statfs.h>
#include <asm/page.h>

/* getdents: ".", "..", then the live children, pos counting entries. */
int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dentry = f->f_path.dentry, *c;
	loff_t n = 2;

	if (ctx->pos == 0 && !ctx->actor(ctx, ".", 1, 0, dentry->d_inode->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 0)
		ctx->pos = 1;
	if (ctx->pos == 1 && !ctx->actor(ctx, "..", 2, 1, dentry->d_parent->d_inode->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 1)
		ctx->pos = 2;
	list_for_each_entry_reverse(c, &dentry->d_subdirs, d_child) {
		if (!c->d_inode || (c->d_flags & DCACHE_DISCONNECTED))
			continue;
		if (n++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, c->d_name, c->d_namelen, ctx->pos, c->d_inode->i_ino,
				(c->d_inode->i_mode >> 12) & 15))
			return 0;
		ctx->pos++;
	}
	return 0;
}

const struct file_operations simple_dir_operations = {
	.iterate	= dcache_readdir,
	.llseek		= generic_file_llseek,
};


/*
 * statfs of a file system with no size: its magic, page-sized blocks, no
 * counts, and its device number as the fsid (Linux's simple_statfs: ramfs,
 * proc, mqueue, nsfs, pipefs, ...; the fsid is v6.7's).
 */
int simple_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = dentry->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_fsid = u64_to_fsid(dentry->d_sb->s_dev);	/* already user space's encoding */
	return 0;
}

/* The operations of a pseudo file system's super block (Linux's init_pseudo). */
const struct super_operations simple_super_operations = {
	.statfs		= simple_statfs,
};
