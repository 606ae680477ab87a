/*
 * fs/initramfs.c: unpacking the initramfs into rootfs (Linux's
 * populate_rootfs), and the device nodes every system expects in /dev.
 *
 * The archive is a cpio "newc" stream: a 110-byte ASCII header (magic
 * 070701, then hexadecimal fields), the name, the data, each padded to 4
 * bytes, ended by an entry named TRAILER!!!.  Directories, regular files,
 * symlinks and device nodes are created as they come.  The archive's
 * memory is given back to the page allocator afterwards.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/init.h>
#include <asm/setup.h>

struct cpio_header {
	unsigned long ino, mode, uid, gid, nlink, mtime, filesize;
	unsigned long devmajor, devminor, rdevmajor, rdevminor, namesize, check;
};

static unsigned long hex8(const char *s)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v * 16 + (isdigit(s[i]) ? s[i] - '0' : tolower(s[i]) - 'a' + 10);
	return v;
}

static bool parse_header(const char *p, struct cpio_header *h)
{
	unsigned long *f = &h->ino;
	int i;

	if (memcmp(p, "070701", 6) && memcmp(p, "070702", 6))
		return false;
	for (i = 0; i < 13; i++)
		f[i] = hex8(p + 6 + 8 * i);
	return true;
}

/* The dentry for @name in rootfs, creating missing parent directories. */
static struct dentry *walk_create_parents(struct dentry *root, const char *name,
					  const char **last, int *last_len)
{
	struct dentry *dir = dget(root), *d;
	const char *p = name, *slash;

	for (;;) {
		while (*p == '/')
			p++;
		slash = strchr(p, '/');
		if (!slash)
			break;
		d = lookup_one(dir, p, slash - p);
		if (!IS_ERR(d) && !d->d_inode)
			dir->d_inode->i_op->mkdir(dir->d_inode, d, 0755);
		dput(dir);
		if (IS_ERR(d))
			return d;
		dir = d;
		p = slash + 1;
	}
	*last = p;
	*last_len = strlen(p);
	return dir;
}

static void write_file_data(struct inode *inode, const char *data, size_t len)
{
	size_t done, chunk;
	struct page *page;

	if (shmem_resize(inode->i_data, len))
		return;
	for (done = 0; done < len; done += chunk) {
		chunk = min(len - done, PAGE_SIZE);
		page = shmem_get_page(inode->i_data, done >> PAGE_SHIFT, true);
		if (!page)
			return;
		memcpy(page_address(page), data + done, chunk);
		put_page(page);
	}
	inode->i_size = len;
}

static void create_entry(struct dentry *root, const char *name, struct cpio_header *h,
			 const char *data)
{
	const char *last;
	int len, err = 0;
	struct dentry *dir = walk_create_parents(root, name, &last, &len), *d;
	struct inode *di;
	umode_t mode = h->mode;

	if (IS_ERR(dir) || !len)
		return;
	di = dir->d_inode;
	d = lookup_one(dir, last, len);
	if (IS_ERR(d) || d->d_inode)
		goto out;
	if (S_ISDIR(mode))
		err = di->i_op->mkdir(di, d, mode & S_IALLUGO);
	else if (S_ISREG(mode))
		err = di->i_op->create(di, d, mode & S_IALLUGO);
	else if (S_ISLNK(mode))
		err = di->i_op->symlink(di, d, data);
	else
		err = di->i_op->mknod(di, d, mode, MKDEV(h->rdevmajor, h->rdevminor));
	if (!err && S_ISREG(mode))
		write_file_data(d->d_inode, data, h->filesize);
	if (!err) {
		d->d_inode->i_uid = KUIDT_INIT(h->uid);
		d->d_inode->i_gid = KGIDT_INIT(h->gid);
	}
out:
	if (!IS_ERR(d))
		dput(d);
	dput(dir);
}

/* Unpacks the archive at [buf, buf+size); returns how many entries it made. */
int unpack_to_rootfs(struct dentry *root, const char *buf, size_t size)
{
	struct cpio_header h;
	size_t pos = 0;
	char *name, *link;
	const char *data;
	int n = 0;

	while (pos + 110 <= size && parse_header(buf + pos, &h)) {
		name = (char *)buf + pos + 110;
		data = buf + ALIGN(pos + 110 + h.namesize, 4);
		if (data + h.filesize > buf + size || !h.namesize || name[h.namesize - 1])
			break;		/* truncated or malformed: stop, keep what we have */
		if (!strcmp(name, "TRAILER!!!"))
			break;
		link = NULL;
		if (S_ISLNK(h.mode)) {
			link = kmalloc(h.filesize + 1, GFP_KERNEL);
			if (link) {
				memcpy(link, data, h.filesize);
				link[h.filesize] = '\0';
			}
		}
		if (strcmp(name, ".") && (!S_ISLNK(h.mode) || link))
			create_entry(root, name, &h, link ? link : data), n++;
		kfree(link);
		pos = ALIGN((size_t)(data - buf) + h.filesize, 4);
	}
	return n;
}

static void make_node(struct dentry *dev, const char *name, umode_t mode, dev_t rdev)
{
	struct dentry *d = lookup_one(dev, name, strlen(name));

	if (!IS_ERR(d) && !d->d_inode)
		dev->d_inode->i_op->mknod(dev->d_inode, d, mode, rdev);
	if (!IS_ERR(d))
		dput(d);
}

/* What devtmpfs would provide: the nodes user space expects. */
static void populate_dev(struct dentry *root)
{
	const char *last;
	int len;
	struct dentry *dev = walk_create_parents(root, "dev/x", &last, &len);

	if (IS_ERR(dev))
		return;
	make_node(dev, "console", S_IFCHR | 0600, MKDEV(5, 1));
	make_node(dev, "tty", S_IFCHR | 0666, MKDEV(5, 0));
	make_node(dev, "ttyS0", S_IFCHR | 0660, MKDEV(4, 64));
	make_node(dev, "null", S_IFCHR | 0666, MKDEV(1, 3));
	make_node(dev, "zero", S_IFCHR | 0666, MKDEV(1, 5));
	make_node(dev, "full", S_IFCHR | 0666, MKDEV(1, 7));
	make_node(dev, "random", S_IFCHR | 0666, MKDEV(1, 8));
	make_node(dev, "urandom", S_IFCHR | 0666, MKDEV(1, 9));
	dput(dev);
}

/* Gives the archive's pages (reserved at boot) to the page allocator. */
static void free_initrd_mem(struct boot_module *m)
{
	unsigned long pfn, n = 0;

	for (pfn = PFN_UP(m->start); pfn < PFN_DOWN(m->end); pfn++, n++) {
		ClearPageFlag(pfn_to_page(pfn), PG_reserved);
		__free_pages(pfn_to_page(pfn), 0);
	}
	pr_info("Freeing initrd memory: %luK\n", n << (PAGE_SHIFT - 10));
}

static int populate_rootfs(void)
{
	struct dentry *root = init_mnt_ns.root->mnt_root;
	int i, n;

	for (i = 0; i < boot_params.nr_modules; i++) {
		struct boot_module *m = &boot_params.modules[i];

		n = unpack_to_rootfs(root, __va(m->start), m->end - m->start);
		pr_info("initramfs: unpacked %d entries from %s (%lluK)\n", n,
			m->name[0] ? m->name : "module", (m->end - m->start) >> 10);
		free_initrd_mem(m);
	}
	populate_dev(root);
	return 0;
}
rootfs_initcall(populate_rootfs);
