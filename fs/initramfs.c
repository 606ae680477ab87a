/*
 * fs/initramfs.c: unpacking the initramfs into rootfs (Linux's
 * populate_rootfs), and the device nodes every system expects in /dev.
 *
 * The archive is a cpio "newc" stream: a 110-byte ASCII header (magic
 * 070701, then hexadecimal fields), the name, the data, each padded to 4
 * bytes, ended by an entry named TRAILER!!!.  Directories, regular files,
 * symlinks and device nodes are created as they come.  Nothing is lost
 * without a word: each entry that cannot be made is named with its error,
 * the count says how many were made, and the first problem is reported
 * in Linux's words ("Initramfs unpacking failed: write error").  The
 * archive's memory is given back to the page allocator afterwards, except
 * for the pages that became files' pages: a file's data that starts on a
 * page boundary of the archive (tools/mkinitramfs.py pads names so that
 * it does) is used where it lies, a whole page at a time, instead of
 * being copied into new pages as Linux does.  An image of many megabytes
 * then costs the boot its entries, not its bytes.
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
#include <linux/initrd.h>
#include <linux/lz4.h>
#include <linux/memblock.h>
#include <asm/setup.h>

struct cpio_header {
	unsigned long ino, mode, uid, gid, nlink, mtime, filesize;
	unsigned long devmajor, devminor, rdevmajor, rdevminor, namesize, check;
	bool in_place;		/* not a field: the data may stay where it lies */
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

/*
 * The directory that will hold @name, creating missing parents; the last
 * component is left in *last.  An ERR_PTR if a parent cannot be made or
 * is not a directory (we follow no symbolic links, as cpio never needs).
 */
static struct dentry *walk_create_parents(struct dentry *root, const char *name,
					  const char **last, int *last_len)
{
	struct dentry *dir = dget(root), *d;
	const char *p = name, *slash;
	int err;

	for (;;) {
		while (*p == '/')
			p++;
		slash = strchr(p, '/');
		if (!slash)
			break;
		d = lookup_one(dir, p, slash - p);
		err = IS_ERR(d) ? PTR_ERR(d) : 0;
		if (!err && !d->d_inode)
			err = dir->d_inode->i_op->mkdir(dir->d_inode, d, 0755);
		if (!err && !S_ISDIR(d->d_inode->i_mode))
			err = -ENOTDIR;
		dput(dir);
		if (err) {
			if (!IS_ERR(d))
				dput(d);
			return ERR_PTR(err);
		}
		dir = d;
		p = slash + 1;
	}
	*last = p;
	*last_len = strlen(p);
	return dir;
}

/*
 * The archive's page at @p, when it can be a file's page as it is: a whole
 * page of boot memory (@in_place: the archive is the boot's, to be freed
 * after), still reserved; NULL when its bytes must be copied.
 */
static struct page *page_in_place(const char *p, size_t len, bool in_place)
{
	struct page *page;

	if (!in_place || len < PAGE_SIZE || !IS_ALIGNED((unsigned long)p, PAGE_SIZE))
		return NULL;
	page = virt_to_page(p);
	if (!PageFlag(page, PG_reserved))
		return NULL;
	adopt_reserved_page(page);
	return page;
}

/* Fills a new file; on failure it keeps what fit (its size says so). */
static int write_file_data(struct inode *inode, const char *data, struct cpio_header *h)
{
	size_t len = h->filesize;
	size_t done, chunk;
	struct page *page;
	int err = shmem_resize(inode->i_data, len);

	if (err)
		return err;
	for (done = 0; done < len; done += chunk) {
		chunk = min(len - done, PAGE_SIZE);
		page = page_in_place(data + done, chunk, h->in_place);
		if (page) {
			shmem_set_page(inode->i_data, done >> PAGE_SHIFT, page);
			continue;
		}
		/* the kernel's own pages: no process to OOM-kill yet, so they fail (ENOMEM) */
		page = shmem_get_page_gfp(inode->i_data, done >> PAGE_SHIFT, GFP_KERNEL);
		if (IS_ERR_OR_NULL(page)) {
			err = IS_ERR(page) ? PTR_ERR(page) : -ENOMEM;
			break;
		}
		memcpy(page_address(page), data + done, chunk);
		put_page(page);
	}
	inode->i_size = done;
	return err;
}

/* Makes the inode of one entry in @di; 0 or a negative errno. */
static int make_entry(struct inode *di, struct dentry *d, struct cpio_header *h,
		      const char *data)
{
	umode_t mode = h->mode;
	int err;

	if (S_ISDIR(mode))
		err = di->i_op->mkdir(di, d, mode & S_IALLUGO);
	else if (S_ISREG(mode))
		err = di->i_op->create(di, d, mode & S_IALLUGO);
	else if (S_ISLNK(mode))
		err = di->i_op->symlink(di, d, data);
	else
		err = di->i_op->mknod(di, d, mode, MKDEV(h->rdevmajor, h->rdevminor));
	if (!err && S_ISREG(mode))
		err = write_file_data(d->d_inode, data, h);
	if (!err || d->d_inode) {
		d->d_inode->i_uid = KUIDT_INIT(h->uid);
		d->d_inode->i_gid = KGIDT_INIT(h->gid);
	}
	return err;
}

/* One archive entry into rootfs: 0 or a negative errno. */
static int create_entry(struct dentry *root, const char *name, struct cpio_header *h,
			const char *data)
{
	const char *last;
	int len, err;
	struct dentry *dir = walk_create_parents(root, name, &last, &len), *d;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = 0;
	if (!len)			/* "dir/": the walk made it */
		goto out_dir;
	d = lookup_one(dir, last, len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out_dir;
	}
	if (d->d_inode)			/* a directory may come twice; nothing else */
		err = S_ISDIR(d->d_inode->i_mode) && S_ISDIR(h->mode) ? 0 : -EEXIST;
	else
		err = make_entry(dir->d_inode, d, h, data);
	dput(d);
out_dir:
	dput(dir);
	return err;
}

/*
 * Linux's message for the first failure, printed at the end as
 * "Initramfs unpacking failed: MESSAGE"; each lost entry is named too.
 */
static void unpack_error(struct unpack_result *r, const char *message)
{
	if (!r->message)
		r->message = message;
}

static void entry_failed(struct unpack_result *r, const char *name, int err)
{
	pr_err("initramfs: cannot unpack %s: error %d\n", name, err);
	r->failed++;
	unpack_error(r, "write error");
}

/* A symbolic link's target as a string (the archive's is not terminated). */
static int unpack_symlink(struct dentry *root, const char *name, struct cpio_header *h,
			  const char *data)
{
	char *link = kmalloc(h->filesize + 1, GFP_KERNEL);
	int err;

	if (!link)
		return -ENOMEM;
	memcpy(link, data, h->filesize);
	link[h->filesize] = '\0';
	err = create_entry(root, name, h, link);
	kfree(link);
	return err;
}

/*
 * Unpacks the archive at [buf, buf+size) under @root, as Linux's
 * unpack_to_rootfs: @r counts the entries made and lost, and r->message
 * is Linux's word for the first problem (NULL if there was none).  A
 * truncated or malformed archive stops the unpacking; what was made stays.
 */
void unpack_to_rootfs(struct dentry *root, const char *buf, size_t size, bool in_place,
		      struct unpack_result *r)
{
	struct cpio_header h;
	size_t pos = 0;
	char *name;
	const char *data;
	int err;

	memset(r, 0, sizeof(*r));
	while (pos + 110 <= size) {
		h.in_place = in_place;
		if (!parse_header(buf + pos, &h)) {
			unpack_error(r, memcmp(buf + pos, "070707", 6) ? "no cpio magic" :
				     "incorrect cpio method used: use -H newc option");
			return;
		}
		name = (char *)buf + pos + 110;
		data = buf + ALIGN(pos + 110 + h.namesize, 4);
		if (!h.namesize || h.namesize > size - pos - 110 || data + h.filesize > buf + size)
			break;
		if (name[h.namesize - 1]) {
			pr_err("initramfs name without nulterm: %.*s\n", (int)h.namesize, name);
			unpack_error(r, "malformed archive");
			return;
		}
		if (!strcmp(name, "TRAILER!!!"))
			return;
		if (strcmp(name, ".")) {
			err = S_ISLNK(h.mode) ? unpack_symlink(root, name, &h, data) :
						create_entry(root, name, &h, data);
			if (err)
				entry_failed(r, name, err);
			else
				r->done++;
		}
		pos = ALIGN((size_t)(data - buf) + h.filesize, 4);
	}
	unpack_error(r, "truncated archive: no TRAILER!!! entry");
}

static void make_node(struct dentry *dev, const char *name, umode_t mode, dev_t rdev)
{
	struct dentry *d = lookup_one(dev, name, strlen(name));
	int err = IS_ERR(d) ? PTR_ERR(d) : 0;

	if (!err && !d->d_inode)
		err = dev->d_inode->i_op->mknod(dev->d_inode, d, mode, rdev);
	if (!IS_ERR(d))
		dput(d);
	if (err)
		pr_err("initramfs: cannot make /dev/%s: error %d\n", name, err);
}

/* What devtmpfs would provide: the nodes user space expects. */
static void populate_dev(struct dentry *root)
{
	const char *last;
	int len;
	struct dentry *dev = walk_create_parents(root, "dev/x", &last, &len);

	if (IS_ERR(dev)) {
		pr_err("initramfs: cannot make /dev: error %ld\n", PTR_ERR(dev));
		return;
	}
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

/*
 * A compressed module (LZ4's legacy stream, `lz4 -l`, as Linux's
 * CONFIG_RD_LZ4 reads) is decoded at boot, before the page allocator
 * takes the free memory, into boot memory reserved for it: 8 MiB per
 * block (the last may decode to less) and a page.  The archive then lies
 * in reserved pages as an uncompressed one does, and its files' pages are
 * used in place (page_in_place); what is left of the reservation is freed
 * with the module (free_initrd_mem).  Linux decodes into a buffer and
 * copies into the files.  A compressed image is worth it where the loader
 * copies slowly: GRUB moves each byte of a module one at a time, twice
 * (docs/benchmarks.md).
 */
static void decompress_module(struct boot_module *m)
{
	const u8 *in = __va(m->start);
	size_t in_len = m->end - m->start;
	long blocks = lz4_legacy_blocks(in, in_len), len;
	u64 size = (u64)max(blocks, 0L) * LZ4_LEGACY_BLOCK + PAGE_SIZE, out;

	if (blocks < 0) {
		m->error = "data corrupted";
		return;
	}
	out = memblock_phys_alloc(&memblock, size, PAGE_SIZE);
	if (!out) {
		m->error = "Could not allocate output buffer";
		return;
	}
	m->unpacked = out;
	m->reserved = PAGE_ALIGN(size);
	len = unlz4(in, in_len, __va(out), size, &m->error);
	m->unpacked_len = len < 0 ? 0 : len;
}

/* Called by setup_arch() once the modules are reserved, before mem_init(). */
void decompress_initrd(void)
{
	int i;

	for (i = 0; i < boot_params.nr_modules; i++) {
		struct boot_module *m = &boot_params.modules[i];

		if (is_lz4_legacy(__va(m->start), m->end - m->start))
			decompress_module(m);
	}
}

/*
 * Gives reserved boot pages in [start, end) to the page allocator, but for
 * those that files now own (page_in_place), which are no longer reserved;
 * how many it gave.
 */
static unsigned long free_reserved_range(u64 start, u64 end)
{
	unsigned long pfn, n = 0;
	struct page *page;

	for (pfn = PFN_UP(start); pfn < PFN_DOWN(end); pfn++) {
		page = pfn_to_page(pfn);
		if (!PageFlag(page, PG_reserved))
			continue;
		ClearPageFlag(page, PG_reserved);
		__free_pages(page, 0);
		n++;
	}
	return n;
}

/* The module, and what it was decompressed into; Linux's message, with what was freed. */
static void free_initrd_mem(struct boot_module *m)
{
	unsigned long n = free_reserved_range(m->start, m->end);

	n += free_reserved_range(m->unpacked, m->unpacked + m->reserved);
	pr_info("Freeing initrd memory: %luK\n", n << (PAGE_SHIFT - 10));
}

/* Unpacks one module, compressed or not, and says what it came to. */
static void unpack_module(struct dentry *root, struct boot_module *m)
{
	const char *what = m->name[0] ? m->name : "module";
	u64 start = m->reserved ? m->unpacked : m->start;
	u64 len = m->reserved ? m->unpacked_len : m->end - m->start;
	struct unpack_result r = { .message = m->error };
	char lz4[32] = "";

	if (!m->error)
		unpack_to_rootfs(root, __va(start), len, true, &r);
	if (m->reserved)
		scnprintf(lz4, sizeof(lz4), ", LZ4 %lluK", (m->end - m->start) >> 10);
	if (r.failed)
		pr_info("initramfs: unpacked %d of %d entries from %s (%lluK%s)\n", r.done,
			r.done + r.failed, what, len >> 10, lz4);
	else
		pr_info("initramfs: unpacked %d entries from %s (%lluK%s)\n", r.done, what,
			len >> 10, lz4);
	if (r.message)
		pr_emerg("Initramfs unpacking failed: %s\n", r.message);
}

static int populate_rootfs(void)
{
	struct dentry *root = init_mnt_ns.root->mnt_root;
	int i;

	for (i = 0; i < boot_params.nr_modules; i++) {
		unpack_module(root, &boot_params.modules[i]);
		free_initrd_mem(&boot_params.modules[i]);
	}
	populate_dev(root);
	return 0;
}
rootfs_initcall(populate_rootfs);
