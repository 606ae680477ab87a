/*
 * mm/memfd.c: memfd_create(2) and the file seals (Linux's mm/memfd.c).
 *
 * A memfd is a tmpfs file that no directory names: it lives on the
 * kernel's own tmpfs mount (shmem_file_setup, fs/ramfs.c), is called
 * "memfd:NAME" (so /proc/PID/fd shows "/memfd:NAME (deleted)") and goes
 * away with its last reference, file or mapping.  It is read, written,
 * truncated and mapped as any tmpfs file.  With MFD_ALLOW_SEALING its
 * owner may seal it (F_ADD_SEALS), and whoever receives it can check
 * (F_GET_SEALS) that it will not change under them; the checks are in
 * the write, truncate and mmap paths of memory files (include/linux/memfd.h).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/memfd.h>
#include <linux/shmem_fs.h>
#include <linux/magic.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/err.h>

#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_HUGETLB		0x0004U
#define MFD_HUGE_SHIFT		26
#define MFD_HUGE_MASK		0x3f
#define MFD_ALL_FLAGS		(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB)

#define MFD_NAME_PREFIX		"memfd:"
#define MFD_NAME_PREFIX_LEN	(sizeof(MFD_NAME_PREFIX) - 1)
#define MFD_NAME_MAX_LEN	(NAME_MAX - MFD_NAME_PREFIX_LEN)

#define F_ALL_SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | \
			 F_SEAL_FUTURE_WRITE)

/* The seals of a tmpfs file, NULL for any other (ramfs included: EINVAL). */
unsigned int *memfd_file_seals_ptr(struct file *file)
{
	struct inode *inode = file->f_inode;

	if (!inode || !S_ISREG(inode->i_mode) || !inode->i_data ||
	    inode->i_sb->s_magic != TMPFS_MAGIC)
		return NULL;
	return &inode->i_data->seals;
}

/*
 * F_ADD_SEALS (Linux's memfd_add_seals): EPERM unless open for writing,
 * EINVAL for an unknown seal or a file that has none, EPERM once sealed
 * against sealing, EBUSY for F_SEAL_WRITE while a writable shared
 * mapping exists.  (Linux then also waits for pages pinned by I/O in
 * flight; nothing here pins a memory file's pages.)
 */
static int memfd_add_seals(struct file *file, unsigned int seals)
{
	struct inode *inode = file->f_inode;
	unsigned int *file_seals;
	int error;

	if (!(file->f_mode & FMODE_WRITE))
		return -EPERM;
	if (seals & ~(unsigned int)F_ALL_SEALS)
		return -EINVAL;
	mutex_lock(&inode->i_mutex);
	file_seals = memfd_file_seals_ptr(file);
	error = -EINVAL;
	if (!file_seals)
		goto unlock;
	error = -EPERM;
	if (*file_seals & F_SEAL_SEAL)
		goto unlock;
	error = -EBUSY;
	if ((seals & F_SEAL_WRITE) && !(*file_seals & F_SEAL_WRITE) &&
	    !atomic_dec_unless_positive(&inode->i_data->i_mmap_writable))
		goto unlock;
	*file_seals |= seals;
	error = 0;
unlock:
	mutex_unlock(&inode->i_mutex);
	return error;
}

/* fcntl's F_ADD_SEALS and F_GET_SEALS (Linux's memfd_fcntl). */
long memfd_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	unsigned int *seals;

	switch (cmd) {
	case F_ADD_SEALS:
		if (arg > UINT_MAX)
			return -EINVAL;
		return memfd_add_seals(file, arg);
	case F_GET_SEALS:
		seals = memfd_file_seals_ptr(file);
		return seals ? (long)READ_ONCE(*seals) : -EINVAL;
	}
	return -EINVAL;
}

/*
 * "memfd:" and the user's name: EFAULT, or EINVAL past 249 bytes.
 * Returns the kmalloc'ed name.
 */
static char *memfd_get_name(const char *uname)
{
	long len = strnlen_user(uname, MFD_NAME_MAX_LEN + 1);	/* with its NUL */
	char *name;

	if (len <= 0)
		return ERR_PTR(-EFAULT);
	if (len > (long)MFD_NAME_MAX_LEN + 1)
		return ERR_PTR(-EINVAL);
	name = kmalloc(len + MFD_NAME_PREFIX_LEN, GFP_KERNEL);
	if (!name)
		return ERR_PTR(-ENOMEM);
	memcpy(name, MFD_NAME_PREFIX, MFD_NAME_PREFIX_LEN);
	if (copy_from_user(name + MFD_NAME_PREFIX_LEN, uname, len) ||
	    name[len + MFD_NAME_PREFIX_LEN - 1]) {	/* it changed meanwhile */
		kfree(name);
		return ERR_PTR(-EFAULT);
	}
	return name;
}

/*
 * memfd_create(2): EINVAL for an unknown flag, then the name's errors,
 * EMFILE, then the file.  MFD_HUGETLB (with a page size in the high
 * bits) asks for hugetlbfs, which this kernel does not have: ENOSYS, as
 * Linux built without CONFIG_HUGETLBFS.
 */
SYSCALL_DEFINE2(memfd_create, const char *, uname, unsigned int, flags)
{
	struct file *file;
	char *name;
	int fd, error;

	if (!(flags & MFD_HUGETLB)) {
		if (flags & ~MFD_ALL_FLAGS)
			return -EINVAL;
	} else if (flags & ~(MFD_ALL_FLAGS | (MFD_HUGE_MASK << MFD_HUGE_SHIFT))) {
		return -EINVAL;
	}
	name = memfd_get_name(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags((flags & MFD_CLOEXEC) ? O_CLOEXEC : 0);
	error = fd;
	if (fd < 0)
		goto err_name;
	file = (flags & MFD_HUGETLB) ? ERR_PTR(-ENOSYS) : shmem_file_setup(name, 0);
	error = PTR_ERR(file);
	if (IS_ERR(file))
		goto err_fd;
	file->f_flags |= O_LARGEFILE;
	if (flags & MFD_ALLOW_SEALING)
		*memfd_file_seals_ptr(file) &= ~F_SEAL_SEAL;
	fd_install(fd, file);
	kfree(name);
	return fd;
err_fd:
	put_unused_fd(fd);
err_name:
	kfree(name);
	return error;
}
