/*
 * fs/proc/uid_map.c: /proc/PID/{uid_map,gid_map,setgroups}, the id maps
 * of a process's user namespace (linux-semantics.md D6-D8).
 *
 * A map is read as "%10u %10u %10u" lines: ids inside, the ids they map
 * to outside, and how many.  It is written once, in one write at offset
 * 0 shorter than a page, by a process of the namespace or of its parent
 * that has CAP_SYS_ADMIN in it; and what may be mapped depends on the
 * opener's credentials (f->f_cred), as Linux's map_write and
 * new_idmap_permitted decide.  struct uid_gid_map keeps each extent's
 * outside id relative to the parent namespace.  setgroups holds whether
 * setgroups(2) may ever be allowed there: "deny" must come before the
 * gid_map for an unprivileged owner to map its own group.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include "internal.h"

static DEFINE_MUTEX(userns_state_mutex);	/* one map write, one setgroups change at a time */

/* ---- reading ---------------------------------------------------------------------- */

/* The user namespace @task is in, with a reference. */
static struct user_namespace *task_user_ns(struct task_struct *task)
{
	const struct cred *cred = get_task_cred(task);
	struct user_namespace *ns = get_user_ns(cred->user_ns);

	put_cred(cred);
	return ns;
}

/*
 * The outside ids are shown in the parent's terms to a reader inside the
 * namespace, else in the reader's own terms (Linux's uid_m_show).
 */
static int map_show(struct seq_file *m, bool gid)
{
	struct user_namespace *ns = m->private, *lower_ns = m->file->f_cred->user_ns;
	struct uid_gid_map *map = gid ? &ns->gid_map : &ns->uid_map;
	u32 i, n = READ_ONCE(map->nr_extents);

	if (lower_ns == ns && lower_ns->parent)
		lower_ns = lower_ns->parent;
	barrier();			/* the extents were written before their count */
	for (i = 0; i < n; i++) {
		struct uid_gid_extent *e = &map->extent[i];
		u32 lower = e->lower_first;

		if (ns->parent)		/* to a kernel id, then to the reader's */
			lower = gid ? from_kgid(lower_ns, make_kgid(ns->parent, lower)) :
				      from_kuid(lower_ns, make_kuid(ns->parent, lower));
		seq_printf(m, "%10u %10u %10u\n", e->first, lower, e->count);
	}
	return 0;
}

static int uid_m_show(struct seq_file *m, void *arg)
{
	(void)arg;
	return map_show(m, false);
}

static int gid_m_show(struct seq_file *m, void *arg)
{
	(void)arg;
	return map_show(m, true);
}

/* The map belongs to the user namespace the process is in when the file is opened. */
static int proc_id_map_open(struct inode *inode, struct file *f,
			    int (*show)(struct seq_file *, void *))
{
	struct task_struct *task = get_proc_task(inode);
	struct user_namespace *ns;
	int err;

	if (!task)
		return -ESRCH;
	ns = task_user_ns(task);
	put_task_struct(task);
	err = proc_seq_open(f, show, NULL, ns);
	if (err)
		put_user_ns(ns);
	return err;
}

static int proc_uid_map_open(struct inode *inode, struct file *f)
{
	return proc_id_map_open(inode, f, uid_m_show);
}

static int proc_gid_map_open(struct inode *inode, struct file *f)
{
	return proc_id_map_open(inode, f, gid_m_show);
}

static int proc_id_map_release(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private_data;

	put_user_ns(m->private);
	return proc_seq_release(inode, f);
}

/* ---- parsing a map -------------------------------------------------------------------- */

static bool mappings_overlap(const struct uid_gid_map *map, const struct uid_gid_extent *e)
{
	u32 upper_last = e->first + e->count - 1, lower_last = e->lower_first + e->count - 1;
	u32 i;

	for (i = 0; i < map->nr_extents; i++) {
		const struct uid_gid_extent *p = &map->extent[i];

		if (p->first <= upper_last && p->first + p->count - 1 >= e->first)
			return true;
		if (p->lower_first <= lower_last && p->lower_first + p->count - 1 >= e->lower_first)
			return true;
	}
	return false;
}

/* One number and the blank after it ("0 0 1": only the last may end the line). */
static bool parse_id(char **pos, u32 *id, bool last)
{
	char *p = skip_spaces(*pos);
	char *end;

	*id = simple_strtoul(p, &end, 10);
	if (last ? (*end && !isspace(*end)) : !isspace(*end))
		return false;
	*pos = end;
	return true;
}

/* One line "inside outside count", checked as Linux's map_write checks it. */
static bool parse_extent(char *line, struct uid_gid_extent *e)
{
	if (!parse_id(&line, &e->first, false) || !parse_id(&line, &e->lower_first, false) ||
	    !parse_id(&line, &e->count, true))
		return false;
	if (*skip_spaces(line))
		return false;			/* trailing junk */
	if (e->first == (u32)-1 || e->lower_first == (u32)-1)
		return false;
	/* count 0, or a range that wraps */
	return e->first + e->count > e->first && e->lower_first + e->count > e->lower_first;
}

/* Parses @kbuf (NUL-terminated) into @map's extents; false: EINVAL. */
static bool parse_map(char *kbuf, struct uid_gid_map *map)
{
	char *line, *next;

	for (line = kbuf; line; line = next) {
		next = strchr(line, '\n');
		if (next) {
			*next++ = '\0';
			if (!*next)
				next = NULL;
		}
		if (map->nr_extents == UID_GID_MAP_MAX_EXTENTS ||
		    !parse_extent(line, &map->extent[map->nr_extents]) ||
		    mappings_overlap(map, &map->extent[map->nr_extents]))
			return false;
		map->nr_extents++;
	}
	return map->nr_extents != 0;
}

/* ---- who may write which map ---------------------------------------------------------- */

/* Is [id, id + count) mapped, as one range, by @map (Linux's map_id_range_down)? */
static bool range_mapped(const struct uid_gid_map *map, u32 id, u32 count)
{
	u32 i;

	for (i = 0; i < map->nr_extents; i++) {
		const struct uid_gid_extent *e = &map->extent[i];

		if (id >= e->first && id + count - 1 <= e->first + e->count - 1)
			return true;
	}
	return false;
}

/*
 * Linux's new_idmap_permitted: the owner may map its own euid (or egid,
 * once setgroups is denied) as a single id; anything else needs
 * CAP_SETUID (CAP_SETGID) over the parent, in the writer and the opener.
 */
static bool new_idmap_permitted(const struct cred *cred, struct user_namespace *ns,
				int cap_setid, const struct uid_gid_map *new_map)
{
#ifndef LAB_USERNS	/* LAB userns: new_idmap_permitted */
	u32 id = new_map->extent[0].lower_first;

	if (new_map->nr_extents == 1 && new_map->extent[0].count == 1 &&
	    uid_eq(ns->owner, cred->euid)) {
		if (cap_setid == CAP_SETUID && uid_eq(make_kuid(ns->parent, id), cred->euid))
			return true;
		if (cap_setid == CAP_SETGID && !(ns->flags & USERNS_SETGROUPS_ALLOWED) &&
		    gid_eq(make_kgid(ns->parent, id), cred->egid))
			return true;
	}
#else
	/*
	 * TODO (lab userns, step 2): an unprivileged owner may map its own
	 * euid, and its egid once setgroups is denied.  This stub asks for
	 * CAP_SETUID (CAP_SETGID) over the parent from everyone.
	 */
	(void)new_map;
#endif	/* LAB_USERNS */
	return ns_capable(ns->parent, cap_setid) && file_ns_capable(cred, ns->parent, cap_setid);
}

/* Every outside range must be mapped in the parent, whole. */
static bool lower_ranges_mapped(const struct uid_gid_map *new_map,
				const struct uid_gid_map *parent_map)
{
	u32 i;

	for (i = 0; i < new_map->nr_extents; i++)
		if (!range_mapped(parent_map, new_map->extent[i].lower_first,
				  new_map->extent[i].count))
			return false;
	return true;
}

/* Makes the parsed map the namespace's: the extents first, then their count. */
static int install_map(struct uid_gid_map *map, const struct uid_gid_map *new_map)
{
	size_t size = new_map->nr_extents * sizeof(struct uid_gid_extent);
	struct uid_gid_extent *extent = kmalloc(size, GFP_KERNEL);

	if (!extent)
		return -ENOMEM;
	memcpy(extent, new_map->extent, size);
	map->extent = extent;
	barrier();
	WRITE_ONCE(map->nr_extents, new_map->nr_extents);
	return 0;
}

/* Validates and installs @kbuf as @map of @ns, under userns_state_mutex. */
static int map_write_locked(const struct cred *cred, char *kbuf, int cap_setid,
			    struct user_namespace *ns, struct uid_gid_map *map,
			    struct uid_gid_map *parent_map)
{
	struct uid_gid_map new_map = { 0, NULL };
	int err = -EPERM;

	if (map->nr_extents != 0)
		return -EPERM;		/* only one write ever succeeds */
	if (!file_ns_capable(cred, ns, CAP_SYS_ADMIN))
		return -EPERM;
	new_map.extent = kmalloc(UID_GID_MAP_MAX_EXTENTS * sizeof(*new_map.extent), GFP_KERNEL);
	if (!new_map.extent)
		return -ENOMEM;
	if (!parse_map(kbuf, &new_map))
		err = -EINVAL;
	else if (new_idmap_permitted(cred, ns, cap_setid, &new_map) &&
		 lower_ranges_mapped(&new_map, parent_map))
		err = install_map(map, &new_map);
	kfree(new_map.extent);
	return err;
}

/*
 * Installs @kbuf, the text written to uid_map (gid_map if @gid) of @ns,
 * with the rights of an opener whose credentials are @cred.
 */
int proc_map_write(const struct cred *cred, struct user_namespace *ns, char *kbuf, bool gid)
{
	int err;

	mutex_lock(&userns_state_mutex);
	err = map_write_locked(cred, kbuf, gid ? CAP_SETGID : CAP_SETUID, ns,
			       gid ? &ns->gid_map : &ns->uid_map,
			       gid ? &ns->parent->gid_map : &ns->parent->uid_map);
	mutex_unlock(&userns_state_mutex);
	return err;
}

static ssize_t map_write(struct file *f, const char *ubuf, size_t n, loff_t *pos, bool gid)
{
	struct seq_file *m = f->private_data;
	struct user_namespace *ns = m->private, *seq_ns = f->f_cred->user_ns;
	char *kbuf;
	int err;

	if (!ns->parent || (seq_ns != ns && seq_ns != ns->parent))
		return -EPERM;
	if (*pos != 0 || n >= PAGE_SIZE)
		return -EINVAL;
	kbuf = kmalloc(n + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	err = copy_from_user(kbuf, ubuf, n) ? -EFAULT : 0;
	kbuf[n] = '\0';
	if (!err)
		err = proc_map_write(f->f_cred, ns, kbuf, gid);
	kfree(kbuf);
	if (err)
		return err;
	*pos = n;
	return n;
}

static ssize_t proc_uid_map_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	return map_write(f, ubuf, n, pos, false);
}

static ssize_t proc_gid_map_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	return map_write(f, ubuf, n, pos, true);
}

const struct file_operations proc_uid_map_operations = {
	.open		= proc_uid_map_open,
	.read		= proc_seq_read,
	.write		= proc_uid_map_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_id_map_release,
};

const struct file_operations proc_gid_map_operations = {
	.open		= proc_gid_map_open,
	.read		= proc_seq_read,
	.write		= proc_gid_map_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_id_map_release,
};

/* ---- setgroups ------------------------------------------------------------------------- */

static int proc_setgroups_show(struct seq_file *m, void *arg)
{
	struct user_namespace *ns = m->private;

	(void)arg;
	seq_puts(m, (READ_ONCE(ns->flags) & USERNS_SETGROUPS_ALLOWED) ? "allow\n" : "deny\n");
	return 0;
}

/* Opening it for writing needs CAP_SYS_ADMIN in the namespace. */
static int proc_setgroups_open(struct inode *inode, struct file *f)
{
	struct task_struct *task = get_proc_task(inode);
	struct user_namespace *ns;
	int err = -EACCES;

	if (!task)
		return -ESRCH;
	ns = task_user_ns(task);
	put_task_struct(task);
	if (!(f->f_mode & FMODE_WRITE) || ns_capable(ns, CAP_SYS_ADMIN))
		err = proc_seq_open(f, proc_setgroups_show, NULL, ns);
	if (err)
		put_user_ns(ns);
	return err;
}

/* "allow" or "deny"; "deny" only before the gid_map, and never undone (D7). */
static int setgroups_change(struct user_namespace *ns, bool allow)
{
	int err = 0;

	mutex_lock(&userns_state_mutex);
	if (allow && !(ns->flags & USERNS_SETGROUPS_ALLOWED))
		err = -EPERM;
	else if (!allow && ns->gid_map.nr_extents != 0)
		err = -EPERM;
	else if (!allow)
		ns->flags &= ~USERNS_SETGROUPS_ALLOWED;
	mutex_unlock(&userns_state_mutex);
	return err;
}

static ssize_t proc_setgroups_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	struct seq_file *m = f->private_data;
	char kbuf[8], *p;
	bool allow;
	int err;

	if (*pos != 0 || n >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, ubuf, n))
		return -EFAULT;
	kbuf[n] = '\0';
	allow = !strncmp(kbuf, "allow", 5);
	if (!allow && strncmp(kbuf, "deny", 4))
		return -EINVAL;
	p = kbuf + (allow ? 5 : 4);
	if (*skip_spaces(p))
		return -EINVAL;
	err = setgroups_change(m->private, allow);
	if (err)
		return err;
	*pos = n;
	return n;
}

const struct file_operations proc_setgroups_operations = {
	.open		= proc_setgroups_open,
	.read		= proc_seq_read,
	.write		= proc_setgroups_write,
	.llseek		= proc_seq_lseek,
	.release	= proc_id_map_release,
};
