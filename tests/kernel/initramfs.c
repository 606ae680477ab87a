/*
 * tests/kernel/initramfs.c: unpack_to_rootfs loses nothing without a word.
 *
 * Small cpio "newc" archives are built here and unpacked into a private
 * ramfs: every entry is made or named in the log with its error, the
 * counts add up, and a bad archive gets Linux's message for it.
 * (tests/scenarios/initramfs_lowmem.scn sees the same at boot, in 12 MiB.)
 */
#include <linux/ktest.h>
#include <linux/initrd.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/string.h>
#include <linux/err.h>

static char archive[4096];
static size_t archive_len;
static char log[2048];

/* Appends one entry in cpio newc form: header, name, data, each padded to 4. */
static void add(const char *name, unsigned int mode, const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = data ? strlen(data) : 0;

	archive_len += scnprintf(archive + archive_len, sizeof(archive) - archive_len,
				 "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
				 1, mode, 0, 0, 1, 0, dlen, 0, 0, 0, 0, nlen, 0);
	memcpy(archive + archive_len, name, nlen);
	archive_len = ALIGN(archive_len + nlen, 4);
	memcpy(archive + archive_len, data ? data : "", dlen);
	archive_len = ALIGN(archive_len + dlen, 4);
}

/* Unpacks the archive into a fresh ramfs; the log it printed is in log[]. */
static void unpack(struct ktest *t, struct unpack_result *r, struct vfsmount **mnt)
{
	size_t start = log_buf_len();

	*mnt = kern_mount(get_fs_type("ramfs"), NULL);
	KTEST_ASSERT_TRUE(t, !IS_ERR(*mnt));
	unpack_to_rootfs((*mnt)->mnt_root, archive, archive_len, false, r);
	log_buf_copy(log, sizeof(log), start);
}

/* The size of @path's inode under @mnt, or -1 if there is none. */
static long long size_of(struct vfsmount *mnt, const char *path)
{
	struct dentry *d = dget(mnt->mnt_root), *next;
	const char *end;
	long long size = -1;

	for (; *path; path = *end ? end + 1 : end, d = next) {
		end = strchrnul(path, '/');
		next = lookup_one(d, path, end - path);
		dput(d);
		if (IS_ERR(next))
			return -1;
	}
	if (d->d_inode)
		size = d->d_inode->i_size;
	dput(d);
	return size;
}

static void each_lost_entry_is_named_and_counted(struct ktest *t)
{
	struct unpack_result r;
	struct vfsmount *mnt;

	archive_len = 0;
	add("a", S_IFDIR | 0755, NULL);
	add("a/f", S_IFREG | 0644, "hello");
	add("g", S_IFREG | 0644, "x");
	add("g/x", S_IFREG | 0644, "under a file");	/* ENOTDIR */
	add("l", S_IFLNK | 0777, "a/f");
	add("a/f", S_IFREG | 0644, "again");		/* EEXIST: not replaced */
	add("a", S_IFDIR | 0755, NULL);			/* a directory twice is fine */
	add("b/c/d", S_IFREG | 0600, "deep");		/* parents made on the way */
	add("TRAILER!!!", 0, NULL);
	unpack(t, &r, &mnt);
	KTEST_EXPECT_EQ(t, r.done, 6);
	KTEST_EXPECT_EQ(t, r.failed, 2);
	KTEST_EXPECT_STREQ(t, r.message, "write error");
	KTEST_EXPECT_TRUE(t, strstr(log, "initramfs: cannot unpack g/x: error -20\n") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, "initramfs: cannot unpack a/f: error -17\n") != NULL);
	KTEST_EXPECT_EQ(t, size_of(mnt, "a/f"), 5);
	KTEST_EXPECT_EQ(t, size_of(mnt, "b/c/d"), 4);
	KTEST_EXPECT_EQ(t, size_of(mnt, "l"), 3);
	kern_unmount(mnt);
}

static void a_clean_archive_has_no_message(struct ktest *t)
{
	struct unpack_result r;
	struct vfsmount *mnt;

	archive_len = 0;
	add(".", S_IFDIR | 0755, NULL);			/* the root itself: skipped */
	add("d", S_IFDIR | 0755, NULL);
	add("d/f", S_IFREG | 0644, "data");
	add("TRAILER!!!", 0, NULL);
	unpack(t, &r, &mnt);
	KTEST_EXPECT_EQ(t, r.done, 2);
	KTEST_EXPECT_EQ(t, r.failed, 0);
	KTEST_EXPECT_TRUE(t, r.message == NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, "initramfs:") == NULL);
	kern_unmount(mnt);
}

static void a_bad_archive_says_why(struct ktest *t)
{
	struct unpack_result r;
	struct vfsmount *mnt;

	archive_len = 0;
	add("f", S_IFREG | 0644, "0123456789");
	add("TRAILER!!!", 0, NULL);
	archive_len -= 124 + 8;			/* cut inside f's data */
	unpack(t, &r, &mnt);
	KTEST_EXPECT_EQ(t, r.done, 0);
	KTEST_EXPECT_STREQ(t, r.message, "truncated archive: no TRAILER!!! entry");
	kern_unmount(mnt);

	archive_len = 0;
	add("f", S_IFREG | 0644, "x");
	memcpy(archive, "070707", 6);		/* old binary-compatible cpio */
	unpack(t, &r, &mnt);
	KTEST_EXPECT_STREQ(t, r.message, "incorrect cpio method used: use -H newc option");
	kern_unmount(mnt);
	memcpy(archive, "123456", 6);
	unpack(t, &r, &mnt);
	KTEST_EXPECT_STREQ(t, r.message, "no cpio magic");
	kern_unmount(mnt);

	archive_len = 0;
	add("fx", S_IFREG | 0644, "x");
	archive[110 + 2] = 'y';			/* the name's NUL */
	unpack(t, &r, &mnt);
	KTEST_EXPECT_STREQ(t, r.message, "malformed archive");
	KTEST_EXPECT_TRUE(t, strstr(log, "initramfs name without nulterm: fxy\n") != NULL);
	kern_unmount(mnt);
}

static struct ktest_case initramfs_cases[] = {
	KTEST_CASE(each_lost_entry_is_named_and_counted),
	KTEST_CASE(a_clean_archive_has_no_message),
	KTEST_CASE(a_bad_archive_says_why),
	KTEST_END,
};

static struct ktest_suite initramfs_suite = { .name = "initramfs", .cases = initramfs_cases };
KTEST_SUITE(initramfs_suite);
