/*
 * ipcns_isolation: what an IPC namespace keeps apart (linux-semantics.md
 * C2, C4, C5, C14, C16, C17, C20; LTP sysvipc mesgq_nstest, sem_nstest,
 * shmnstest, msg_comm, sem_comm, shm_comm).
 *
 * Every System V call and every POSIX queue name is looked up in the
 * caller's own IPC namespace: a new namespace sees none of its parent's
 * keys, two namespaces give the same key to independent objects (with the
 * same ids, since each numbering starts at 0), and each has its own mqueue
 * filesystem.  setns() moves a task to another namespace's objects.
 */
#include "ns_util.h"
#include <dirent.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define PAGE	4096

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

/*
 * The key and queue name of this run, set in main(): objects made in the
 * test's own namespace must not meet a host's, and children share them.
 */
static key_t key;
static char queue[32];

/* One object of each kind under key and queue: ids (a descriptor for mq). */
struct objects {
	long msg, sem, shm, mq;
};

/* A small POSIX queue: the default size counts 80 KiB against RLIMIT_MSGQUEUE. */
static mqd_t create_queue(const char *name)
{
	struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 16 };

	return mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
}

static void create_objects(struct objects *o)
{
	mqd_t q = create_queue(queue);

	o->msg = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	o->sem = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600);
	o->shm = shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	o->mq = q == (mqd_t)-1 ? -1 : q;
}

static void remove_objects(const struct objects *o)
{
	if (o->msg >= 0)
		msgctl(o->msg, IPC_RMID, NULL);
	if (o->sem >= 0)
		semctl(o->sem, 0, IPC_RMID);
	if (o->shm >= 0)
		shmctl(o->shm, IPC_RMID, NULL);
	if (o->mq >= 0) {
		mq_close(o->mq);
		mq_unlink(queue);
	}
}

static long id_or_minus_errno(long id)
{
	return id < 0 ? -errno : id;
}

/* Looks each object up by key or name: the ids found (0 for mq), or -errno. */
static void look_up(void *out)
{
	struct objects *r = out;
	mqd_t q = mq_open(queue, O_RDWR);

	r->mq = q == (mqd_t)-1 ? -errno : 0;
	if (q != (mqd_t)-1)
		mq_close(q);
	r->msg = id_or_minus_errno(msgget(key, 0));
	r->sem = id_or_minus_errno(semget(key, 0, 0));
	r->shm = id_or_minus_errno(shmget(key, 0, 0));
}

/* mesgq_nstest, sem_nstest, shmnstest; the objects are always removed. */
static void t_parents_objects_are_invisible_in_a_new_namespace(void)
{
	struct objects mine, same, fresh;

	create_objects(&mine);
	EXPECT_GE(mine.msg, 0);
	EXPECT_GE(mine.sem, 0);
	EXPECT_GE(mine.shm, 0);
	EXPECT_GE(mine.mq, 0);
	EXPECT_EQ(ns_run(0, look_up, &same, sizeof(same)), 0);
	EXPECT_EQ(ns_run(CLONE_NEWIPC, look_up, &fresh, sizeof(fresh)), 0);
	remove_objects(&mine);

	EXPECT_EQ(same.msg, mine.msg);
	EXPECT_EQ(same.sem, mine.sem);
	EXPECT_EQ(same.shm, mine.shm);
	EXPECT_EQ(same.mq, 0);
	EXPECT_EQ(fresh.msg, -ENOENT);
	EXPECT_EQ(fresh.sem, -ENOENT);
	EXPECT_EQ(fresh.shm, -ENOENT);
	EXPECT_EQ(fresh.mq, -ENOENT);
}

NS_CASE(first_ids_in_a_fresh_namespace_are_0, CLONE_NEWIPC)
{
	EXPECT_EQ(msgget(IPC_PRIVATE, 0600), 0);
	EXPECT_EQ(semget(IPC_PRIVATE, 1, 0600), 0);
	EXPECT_EQ(shmget(IPC_PRIVATE, PAGE, 0600), 0);
}

/* ---- the same key in two namespaces ----------------------------------------------- */

struct marks {
	long qnum, semval, shm_byte, mq_curmsgs;
};

/* Reads what is in the objects of @o. */
static void read_marks(const struct objects *o, struct marks *m)
{
	struct msqid_ds ds;
	struct mq_attr attr;
	char *p = shmat(o->shm, NULL, SHM_RDONLY);

	m->qnum = msgctl(o->msg, IPC_STAT, &ds) ? -1 : (long)ds.msg_qnum;
	m->semval = semctl(o->sem, 0, GETVAL);
	m->shm_byte = p == (void *)-1 ? -1 : p[0];
	if (p != (void *)-1)
		shmdt(p);
	m->mq_curmsgs = mq_getattr(o->mq, &attr) ? -1 : attr.mq_curmsgs;
}

/* Puts one message, value 5, byte @c and one POSIX message into @o. */
static void mark_objects(const struct objects *o, char c)
{
	struct { long mtype; char mtext[1]; } msg = { 1, { c } };
	char *p = shmat(o->shm, NULL, 0);

	msgsnd(o->msg, &msg, 1, IPC_NOWAIT);
	semctl(o->sem, 0, SETVAL, (union semun){ .val = 5 });
	if (p != (void *)-1) {
		p[0] = c;
		shmdt(p);
	}
	mq_send(o->mq, &c, 1, 0);
}

/*
 * Namespace A: creates and marks its objects, then, told to go on, reads
 * them again: what B did in its namespace must not show here.
 */
static int namespace_a(int in, int out, void *arg)
{
	struct objects o;
	struct marks m;

	(void)arg;
	create_objects(&o);
	mark_objects(&o, 'A');
	if (write(out, &o, sizeof(o)) != sizeof(o) || sync_wait(in))
		return 1;
	read_marks(&o, &m);
	return write(out, &m, sizeof(m)) == sizeof(m) ? 0 : 1;
}

struct b_report {
	struct objects ids;
	struct marks before;
};

/* Namespace B, while A's objects exist: creates, reads, then marks its own. */
static void namespace_b(void *out)
{
	struct b_report *r = out;

	create_objects(&r->ids);
	read_marks(&r->ids, &r->before);
	mark_objects(&r->ids, 'B');
}

static void expect_marked(const struct marks *m, char c)
{
	EXPECT_EQ(m->qnum, c ? 1 : 0);
	EXPECT_EQ(m->semval, c ? 5 : 0);
	EXPECT_EQ(m->shm_byte, c);
	EXPECT_EQ(m->mq_curmsgs, c ? 1 : 0);
}

/* msg_comm, sem_comm, shm_comm, and POSIX queues the same way. */
static void t_same_key_names_independent_objects_in_two_namespaces(void)
{
	struct objects a_ids;
	struct b_report b;
	struct marks a_after;
	struct ns_child a;

	ASSERT_EQ(ns_spawn(&a, CLONE_NEWIPC, namespace_a, NULL), 0);
	EXPECT_EQ(read_full(a.from, &a_ids, sizeof(a_ids)), sizeof(a_ids));
	EXPECT_EQ(ns_run(CLONE_NEWIPC, namespace_b, &b, sizeof(b)), 0);
	sync_post(a.to);
	EXPECT_EQ(read_full(a.from, &a_after, sizeof(a_after)), sizeof(a_after));
	EXPECT_EQ(ns_reap(&a), 0);

	EXPECT_EQ(a_ids.msg, b.ids.msg);
	EXPECT_EQ(a_ids.sem, b.ids.sem);
	EXPECT_EQ(a_ids.shm, b.ids.shm);
	EXPECT_GE(b.ids.mq, 0);
	expect_marked(&b.before, 0);
	expect_marked(&a_after, 'A');
}

/* ---- the mqueue filesystem ---------------------------------------------------- */

/* Where to mount an mqueue filesystem: /dev/mqueue, else a new directory. */
static const char *mqueue_mount_point(char *tmp)
{
	struct stat st;

	if (!stat("/dev/mqueue", &st) && S_ISDIR(st.st_mode))
		return "/dev/mqueue";
	strcpy(tmp, "/tmp/ktap-mqueue-XXXXXX");
	return mkdtemp(tmp);
}

/* The names in directory @path (but dot files), each followed by a space. */
static void list_dir(const char *path, char *out, size_t size)
{
	DIR *dir = opendir(path);
	struct dirent *e;

	out[0] = '\0';
	while (dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		strncat(out, e->d_name, size - strlen(out) - 2);
		strcat(out, " ");
	}
	if (dir)
		closedir(dir);
}

/* C20: the filesystem mounted from inside lists this namespace's queues only. */
NS_CASE(mqueue_filesystem_lists_only_its_namespaces_queues, CLONE_NEWIPC | CLONE_NEWNS)
{
	char tmp[32], names[256];
	const char *dir;
	mqd_t q;

	q = create_queue("/ktap-only");
	ASSERT_TRUE(q != (mqd_t)-1);
	ASSERT_EQ(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
	dir = mqueue_mount_point(tmp);
	ASSERT_TRUE(dir != NULL);
	EXPECT_EQ(mount("mqueue", dir, "mqueue", 0, NULL), 0);
	list_dir(dir, names, sizeof(names));
	EXPECT_STREQ(names, "ktap-only ");
	umount(dir);
	if (dir == tmp)
		rmdir(tmp);
}

/* Makes a queue in its own new IPC namespace and mounts that namespace's instance on @arg. */
static int mount_own_instance(int in, int out, void *arg)
{
	mqd_t q = create_queue("/ktap-MQ1");

	if (q == (mqd_t)-1 || mount("mqueue", arg, "mqueue", 0, NULL))
		return 1;
	mq_close(q);
	sync_post(out);
	sync_wait(in);
	return 0;
}

/*
 * An instance mounted by a namespace that then died (LTP mqns_04): its
 * queues still show, a new file there is EACCES (no namespace to hold
 * it, Linux's mqueue_create_attr), and the mount comes off.
 */
NS_CASE(mqueue_instance_outlives_its_namespace, CLONE_NEWNS)
{
	char tmp[] = "/tmp/ktap-mqns-XXXXXX", q1[64], q2[64];
	struct ns_child c;

	ASSERT_EQ(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
	ASSERT_TRUE(mkdtemp(tmp) != NULL);
	snprintf(q1, sizeof(q1), "%s/ktap-MQ1", tmp);
	snprintf(q2, sizeof(q2), "%s/ktap-MQ2", tmp);
	ASSERT_EQ(ns_spawn(&c, CLONE_NEWIPC, mount_own_instance, tmp), 0);
	EXPECT_EQ(sync_wait(c.from), 0);
	EXPECT_EQ(access(q1, F_OK), 0);
	EXPECT_EQ(ns_reap(&c), 0);
	EXPECT_EQ(access(q1, F_OK), 0);
	EXPECT_ERRNO(creat(q2, 0755), EACCES);
	EXPECT_EQ(umount(tmp), 0);
	EXPECT_EQ(rmdir(tmp), 0);
}

/* ---- moving between namespaces ----------------------------------------------- */

/* A holder of a new IPC namespace with one queue under key. */
static int queue_holder(int in, int out, void *arg)
{
	(void)arg;
	if (send_long(out, msgget(key, IPC_CREAT | 0600)))
		return 1;
	sync_wait(in);
	return 0;
}

static int join_fd = -1;

static void join_and_look_up(void *out)
{
	long *r = out;

	r[0] = msgget(key, 0) < 0 ? errno : 0;
	r[1] = setns(join_fd, CLONE_NEWIPC);
	r[2] = msgget(key, 0);
}

static void t_setns_moves_a_task_to_another_namespaces_objects(void)
{
	struct ns_child holder;
	char path[64];
	long id, r[3];

	ASSERT_EQ(ns_spawn(&holder, CLONE_NEWIPC, queue_holder, NULL), 0);
	id = recv_long(holder.from, -1);
	join_fd = open(ns_path(path, sizeof(path), holder.pid, "ipc"), O_RDONLY);
	EXPECT_EQ(ns_run(0, join_and_look_up, r, sizeof(r)), 0);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(setns(join_fd, CLONE_NEWIPC))), EPERM);
	close(join_fd);
	EXPECT_EQ(ns_reap(&holder), 0);
	EXPECT_GE(id, 0);
	EXPECT_EQ(r[0], ENOENT);
	EXPECT_EQ(r[1], 0);
	EXPECT_EQ(r[2], id);
}

/* Sharing the parent's semaphore undo list across namespaces makes no sense. */
static void t_clone_newipc_with_clone_sysvsem_is_einval(void)
{
	EXPECT_EQ(child_errno(ns_clone(CLONE_NEWIPC | CLONE_SYSVSEM)), EINVAL);
	EXPECT_EQ(child_errno(ns_clone(CLONE_SYSVSEM)), 0);
}

/* Leaving a namespace keeps attachments: memory and count stay shared. */
NS_CASE(attachment_survives_leaving_the_namespace, CLONE_NEWIPC)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600), ready[2], hold[2];
	volatile char *p;
	struct shmid_ds ds;
	pid_t pid;

	ASSERT_GE(id, 0);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(hold), 0);
	pid = fork();
	if (pid == 0) {
		close(hold[1]);
		if (unshare(CLONE_NEWIPC) || msgget(IPC_PRIVATE, 0600) != 0)
			_exit(1);
		p[0] = 42;
		sync_post(ready[1]);
		sync_wait(hold[0]);
		_exit(p[0] == 43 ? 0 : 2);
	}
	close(hold[0]);
	EXPECT_EQ(sync_wait(ready[0]), 0);
	EXPECT_EQ(p[0], 42);
	EXPECT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_nattch, 2);
	p[0] = 43;
	close(hold[1]);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_nattch, 1);
}

int main(void)
{
	key = 0x4d490000 | (getpid() & 0xffff);
	snprintf(queue, sizeof(queue), "/ktap-ipcns-%d", getpid());
	return ktap_run(KTAP_CASES(t_parents_objects_are_invisible_in_a_new_namespace,
				   t_first_ids_in_a_fresh_namespace_are_0,
				   t_same_key_names_independent_objects_in_two_namespaces,
				   t_mqueue_filesystem_lists_only_its_namespaces_queues,
				   t_mqueue_instance_outlives_its_namespace,
				   t_setns_moves_a_task_to_another_namespaces_objects,
				   t_clone_newipc_with_clone_sysvsem_is_einval,
				   t_attachment_survives_leaving_the_namespace));
}
