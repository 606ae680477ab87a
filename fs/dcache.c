/*
 * fs/dcache.c: dentries, the names of the directory tree.
 *
 * A dentry holds a reference on its parent and its inode.  Memory file
 * systems (ramfs) pin every dentry they create: the tree is the file
 * system, so an entry lives until it is unlinked.  Unpinned entries
 * (proc's, made up on lookup) go away with their last dput().
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>

static DEFINE_SPINLOCK(dcache_lock);	/* protects every d_subdirs list and d_count drops */

static struct kmem_cache *dentry_cachep;

/* Gives @d the name @name; short names live inside the dentry. */
static int d_set_name(struct dentry *d, const char *name, int len)
{
	char *buf = d->d_iname;

	if (len >= (int)sizeof(d->d_iname)) {
		buf = kmalloc(len + 1, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (d->d_name && d->d_name != d->d_iname)
		kfree(d->d_name);
	d->d_name = buf;
	d->d_namelen = len;
	return 0;
}

static struct dentry *__d_alloc(struct dentry *parent, const char *name, int len,
				unsigned int flags)
{
	struct dentry *d = kmem_cache_zalloc(dentry_cachep, GFP_KERNEL);

	if (!d)
		return NULL;
	if (d_set_name(d, name, len)) {
		kmem_cache_free(dentry_cachep, d);
		return NULL;
	}
	atomic_set(&d->d_count, 1);
	d->d_flags = flags;
	d->d_inode = NULL;
	d->d_mounted = 0;
	d->d_fsdata = NULL;
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_child);
	d->d_parent = d;
	d->d_sb = NULL;
	if (parent) {
		d->d_parent = dget(parent);
		d->d_sb = parent->d_sb;
		spin_lock(&dcache_lock);
		list_add(&d->d_child, &parent->d_subdirs);
		spin_unlock(&dcache_lock);
	}
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, int len)
{
	return __d_alloc(parent, name, len, 0);
}

/* A dentry for ->lookup to fill in, which d_lookup does not find until d_lookup_done. */
struct dentry *d_alloc_parallel(struct dentry *parent, const char *name, int len)
{
	return __d_alloc(parent, name, len, DCACHE_PAR_LOOKUP);
}

void d_lookup_done(struct dentry *d)
{
	spin_lock(&dcache_lock);
	d->d_flags &= ~DCACHE_PAR_LOOKUP;
	spin_unlock(&dcache_lock);
}

struct dentry *d_alloc_root(struct inode *root)
{
	struct dentry *d = d_alloc(NULL, "/", 1);

	if (d) {
		d->d_sb = root->i_sb;
		d_instantiate(d, root);
		d_pin(d);
	} else {
		iput(root);
	}
	return d;
}

/*
 * A name for a file no directory holds (a memfd's), on @sb: its parent is
 * the root, so d_path shows "/NAME", but the root does not list it, and
 * it is "deleted" from birth (Linux's d_alloc_pseudo).
 */
struct dentry *d_alloc_pseudo(struct super_block *sb, const char *name)
{
	return d_alloc_unlinked(sb->s_root, name);
}

/* A name under @parent that @parent does not list, "deleted" from birth (O_TMPFILE's). */
struct dentry *d_alloc_unlinked(struct dentry *parent, const char *name)
{
	struct dentry *d = d_alloc(NULL, name, strlen(name));

	if (d) {
		d->d_parent = dget(parent);
		d->d_sb = parent->d_sb;
		d->d_flags |= DCACHE_DISCONNECTED;
	}
	return d;
}

/*
 * An O_TMPFILE file's inode for @dentry (from d_alloc_unlinked): no link,
 * and the name "#INO", which /proc shows as "DIR/#INO (deleted)" (Linux's
 * d_tmpfile).
 */
int d_tmpfile(struct dentry *dentry, struct inode *inode)
{
	char name[24];
	int err;

	snprintf(name, sizeof(name), "#%lu", inode->i_ino);
	err = d_set_name(dentry, name, strlen(name));
	if (err)
		return err;
	inode->i_nlink = 0;
	d_instantiate(dentry, inode);
	return 0;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

struct dentry *dget(struct dentry *d)
{
	if (d)
		atomic_inc(&d->d_count);
	return d;
}

/* A memory file system's entry stays in the tree (one extra reference). */
void d_pin(struct dentry *d)
{
	d->d_flags |= DCACHE_PINNED;
	dget(d);
}

void d_unpin(struct dentry *d)
{
	if (d->d_flags & DCACHE_PINNED) {
		d->d_flags &= ~DCACHE_PINNED;
		dput(d);
	}
}

/* @d is off its parent's list and unreachable: free it. */
static void d_free(struct dentry *d)
{
	struct dentry *parent = d->d_parent;

	if (d->d_inode)
		iput(d->d_inode);
	if (d->d_name != d->d_iname)
		kfree(d->d_name);
	kmem_cache_free(dentry_cachep, d);
	if (parent != d)
		dput(parent);
}

/*
 * The last put unlinks @d under dcache_lock, the lock d_lookup takes to
 * hand out references: once the count is 0 no lookup can find it again
 * (Linux's dput does the same under the dentry's d_lock).
 */
void dput(struct dentry *d)
{
	if (!d)
		return;
	spin_lock(&dcache_lock);
	if (!atomic_dec_and_test(&d->d_count)) {
		spin_unlock(&dcache_lock);
		return;
	}
	if (d->d_parent != d)
		list_del_init(&d->d_child);
	spin_unlock(&dcache_lock);
	d_free(d);
}

/* A cached child of @parent by name, with a reference; NULL if none is cached. */
struct dentry *d_lookup(struct dentry *parent, const char *name, int len)
{
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (d->d_namelen == (unsigned int)len && !memcmp(d->d_name, name, len) &&
		    !(d->d_flags & (DCACHE_DISCONNECTED | DCACHE_PAR_LOOKUP))) {
			found = dget(d);
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Unlink: the name leaves the tree; open files keep the inode alive. */
void d_delete(struct dentry *d)
{
	d->d_flags |= DCACHE_DISCONNECTED;
	d_unpin(d);
}

/* Drops the unused, unpinned children of @d (proc's made-up entries). */
void shrink_dcache_parent(struct dentry *d)
{
	struct dentry *c, *n;

	spin_lock(&dcache_lock);
	list_for_each_entry_safe(c, n, &d->d_subdirs, d_child)
		c->d_flags |= (c->d_flags & DCACHE_PINNED) ? 0 : DCACHE_DISCONNECTED;
	spin_unlock(&dcache_lock);
}

/* rename: @d moves under @new_parent as @name (the caller removed any clash). */
int d_move(struct dentry *d, struct dentry *new_parent, const char *name, int len)
{
	struct dentry *old_parent = d->d_parent;

	if (d_set_name(d, name, len))
		return -ENOMEM;
	dget(new_parent);
	spin_lock(&dcache_lock);
	list_del(&d->d_child);
	list_add(&d->d_child, &new_parent->d_subdirs);
	d->d_parent = new_parent;
	spin_unlock(&dcache_lock);
	dput(old_parent);
	return 0;
}

/* Swaps two dentries' names; an inline name moves into the other's d_iname. */
static void swap_names(struct dentry *a, struct dentry *b)
{
	char *na = a->d_name, *nb = b->d_name, tmp[sizeof(a->d_iname)];
	unsigned int len = a->d_namelen;

	if (na == a->d_iname && nb == b->d_iname) {
		memcpy(tmp, a->d_iname, sizeof(tmp));
		memcpy(a->d_iname, b->d_iname, sizeof(tmp));
		memcpy(b->d_iname, tmp, sizeof(tmp));
	} else if (na == a->d_iname) {
		memcpy(b->d_iname, a->d_iname, sizeof(tmp));
		a->d_name = nb;
		b->d_name = b->d_iname;
	} else if (nb == b->d_iname) {
		memcpy(a->d_iname, b->d_iname, sizeof(tmp));
		b->d_name = na;
		a->d_name = a->d_iname;
	} else {
		a->d_name = nb;
		b->d_name = na;
	}
	a->d_namelen = b->d_namelen;
	b->d_namelen = len;
}

/*
 * RENAME_EXCHANGE: @a and @b trade names and parents (Linux's d_exchange).
 * Each parent keeps one child's reference, so no count changes; nothing
 * is allocated, so it cannot fail half-way.
 */
void d_exchange(struct dentry *a, struct dentry *b)
{
	struct dentry *pa = a->d_parent, *pb = b->d_parent;

	spin_lock(&dcache_lock);
	swap_names(a, b);
	list_del(&a->d_child);
	list_del(&b->d_child);
	list_add(&a->d_child, &pb->d_subdirs);
	list_add(&b->d_child, &pa->d_subdirs);
	a->d_parent = pb;
	b->d_parent = pa;
	spin_unlock(&dcache_lock);
}

/* The child after @c in @parent's list, with a reference, or NULL. */
static struct dentry *next_child(struct dentry *parent, struct list_head *pos)
{
	struct dentry *next = NULL;

	spin_lock(&dcache_lock);
	if (pos->next != &parent->d_subdirs)
		next = dget(list_entry(pos->next, struct dentry, d_child));
	spin_unlock(&dcache_lock);
	return next;
}

/* Unpins a whole subtree, leaves first: a memory file system going away. */
void d_unpin_tree(struct dentry *d)
{
	struct dentry *c = next_child(d, &d->d_subdirs), *next;

	while (c) {
		d_unpin_tree(c);
		next = next_child(d, &c->d_child);	/* c is still listed: we hold it */
		dput(c);
		c = next;
	}
	d_unpin(d);
}

void dcache_init(void)
{
	dentry_cachep = kmem_cache_create("dentry", sizeof(struct dentry), 0, SLAB_PANIC, NULL);
}

/* Is @d @ancestor or below it?  (a directory may not move into itself) */
bool is_subdir(struct dentry *d, struct dentry *ancestor)
{
	for (;;) {
		if (d == ancestor)
			return true;
		if (d->d_parent == d)
			return false;
		d = d->d_parent;
	}
}
