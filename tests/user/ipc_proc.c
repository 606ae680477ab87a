/*
 * ipc_proc: /proc/sysvipc/{msg,sem,shm} (linux-semantics.md C14, C18).
 *
 * The three files (mode 0444) list the objects of the IPC namespace their
 * opener was in when opening, under Linux's exact headers and row formats;
 * a removed but still attached segment shows key 0 and SHM_DEST in its
 * mode.  Each case runs in a fresh IPC namespace, so the only rows are the
 * case's own objects.
 */
#include "ns_util.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define KEY	0x1234

static const char msg_header[] =
	"       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid"
	"      stime      rtime      ctime\n";
static const char sem_header[] =
	"       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n";
static const char shm_header[] =
	"       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid"
	"  cgid      atime      dtime      ctime                   rss                  swap\n";

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

/* Line @n (0 is the header) of a text, with its newline, or "". */
static const char *line_of(const char *text, int n)
{
	static char line[512];
	size_t len;

	while (n-- > 0 && text) {
		text = strchr(text, '\n');
		text = text ? text + 1 : NULL;
	}
	if (!text)
		return "";
	len = strcspn(text, "\n") + (strchr(text, '\n') ? 1 : 0);
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	memcpy(line, text, len);
	line[len] = '\0';
	return line;
}

static const char *proc_line(const char *path, int n)
{
	static char buf[8192];

	if (read_text(path, buf, sizeof(buf)) < 0)
		return "";
	return line_of(buf, n);
}

static void t_files_are_read_only_for_all(void)
{
	const char *paths[] = { "/proc/sysvipc/msg", "/proc/sysvipc/sem", "/proc/sysvipc/shm" };
	struct stat st;
	int i;

	for (i = 0; i < 3; i++) {
		EXPECT_EQ(stat(paths[i], &st), 0);
		EXPECT_EQ(st.st_mode & 07777, 0444);
	}
}

NS_CASE(headers_are_exact, CLONE_NEWIPC)
{
	EXPECT_STREQ(proc_line("/proc/sysvipc/msg", 0), msg_header);
	EXPECT_STREQ(proc_line("/proc/sysvipc/sem", 0), sem_header);
	EXPECT_STREQ(proc_line("/proc/sysvipc/shm", 0), shm_header);
	EXPECT_STREQ(proc_line("/proc/sysvipc/msg", 1), "");
}

NS_CASE(msg_row_shows_the_queue, CLONE_NEWIPC)
{
	struct { long mtype; char mtext[5]; } m = { 1, "hello" };
	struct msqid_ds ds;
	char want[256];
	int id = msgget(KEY, IPC_CREAT | 0640);

	ASSERT_GE(id, 0);
	ASSERT_EQ(msgsnd(id, &m, 5, 0), 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	snprintf(want, sizeof(want),
		 "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10llu %10llu %10llu\n",
		 KEY, id, 0640, 5UL, 1UL, getpid(), 0, 0, 0, 0, 0,
		 (unsigned long long)ds.msg_stime, 0ULL, (unsigned long long)ds.msg_ctime);
	EXPECT_STREQ(proc_line("/proc/sysvipc/msg", 1), want);
	EXPECT_STREQ(proc_line("/proc/sysvipc/msg", 2), "");
}

NS_CASE(sem_row_shows_the_set, CLONE_NEWIPC)
{
	struct semid_ds ds;
	char want[256];
	int id = semget(KEY, 3, IPC_CREAT | 0600);

	ASSERT_GE(id, 0);
	ASSERT_EQ(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }), 0);
	snprintf(want, sizeof(want), "%10d %10d  %4o %10u %5u %5u %5u %5u %10llu %10llu\n",
		 KEY, id, 0600, 3, 0, 0, 0, 0, 0ULL, (unsigned long long)ds.sem_ctime);
	EXPECT_STREQ(proc_line("/proc/sysvipc/sem", 1), want);
}

/* The shm row up to ctime; rss and swap follow as two %21lu fields. */
static void expect_shm_row(int id, key_t key, mode_t mode, unsigned long nattch)
{
	const char *row = proc_line("/proc/sysvipc/shm", 1);
	unsigned long rss = 0, swap = 0;
	struct shmid_ds ds;
	char want[256];

	memset(&ds, 0, sizeof(ds));
	shmctl(id, IPC_STAT, &ds);
	snprintf(want, sizeof(want),
		 "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu ",
		 key, id, mode, 5000UL, getpid(), ds.shm_lpid, nattch, 0, 0, 0, 0,
		 (unsigned long long)ds.shm_atime, (unsigned long long)ds.shm_dtime,
		 (unsigned long long)ds.shm_ctime);
	if (strncmp(row, want, strlen(want)))
		KTAP_FAIL("row \"%s\" does not start with \"%s\"", row, want);
	EXPECT_EQ(strlen(row), strlen(want) + 2 * 21 + 2);
	EXPECT_EQ(sscanf(row + strlen(want), "%21lu %21lu", &rss, &swap), 2);
}

NS_CASE(shm_row_shows_the_segment, CLONE_NEWIPC)
{
	int id = shmget(KEY, 5000, IPC_CREAT | 0640);
	void *p;

	ASSERT_GE(id, 0);
	expect_shm_row(id, KEY, 0640, 0);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	expect_shm_row(id, KEY, 0640, 1);
	shmdt(p);
}

NS_CASE(removed_attached_segment_shows_key_0_and_shm_dest, CLONE_NEWIPC)
{
	int id = shmget(KEY, 5000, IPC_CREAT | 0600);
	void *p;

	ASSERT_GE(id, 0);
	p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	ASSERT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	expect_shm_row(id, IPC_PRIVATE, 0600 | SHM_DEST, 1);
	shmdt(p);
	EXPECT_STREQ(proc_line("/proc/sysvipc/shm", 1), "");
}

/* The namespace is fixed at open(): a reader that moves on still sees it. */
NS_CASE(files_show_the_namespace_of_their_opener, CLONE_NEWIPC)
{
	char buf[4096];
	int id = msgget(KEY, IPC_CREAT | 0600), fd;
	ssize_t n;

	ASSERT_GE(id, 0);
	fd = open("/proc/sysvipc/msg", O_RDONLY);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(unshare(CLONE_NEWIPC), 0);
	n = read_full(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	EXPECT_STREQ(line_of(buf, 0), msg_header);
	EXPECT_EQ(atoi(line_of(buf, 1)), KEY);
	EXPECT_STREQ(proc_line("/proc/sysvipc/msg", 1), "");
}

/*
 * Every read from 0 makes the text again, still of the opener's namespace,
 * which the open file keeps alive after its last task left it (Linux's
 * sysvipc_proc_open holds iter->ns).
 */
NS_CASE(rereads_show_the_namespace_of_their_opener, CLONE_NEWIPC)
{
	char buf[4096];
	int id = msgget(KEY, IPC_CREAT | 0600), fd, i;
	ssize_t n;

	ASSERT_GE(id, 0);
	fd = open("/proc/sysvipc/msg", O_RDONLY);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(unshare(CLONE_NEWIPC), 0);	/* the old namespace: only fd holds it now */
	ASSERT_GE(msgget(KEY + 1, IPC_CREAT | 0600), 0);
	for (i = 0; i < 2; i++) {
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		ASSERT_GT(n, 0);
		buf[n] = '\0';
		EXPECT_STREQ(line_of(buf, 0), msg_header);
		EXPECT_EQ(atoi(line_of(buf, 1)), KEY);
		EXPECT_STREQ(line_of(buf, 2), "");
	}
	close(fd);
	EXPECT_EQ(atoi(proc_line("/proc/sysvipc/msg", 1)), KEY + 1);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_files_are_read_only_for_all,
				   t_headers_are_exact,
				   t_msg_row_shows_the_queue,
				   t_sem_row_shows_the_set,
				   t_shm_row_shows_the_segment,
				   t_removed_attached_segment_shows_key_0_and_shm_dest,
				   t_files_show_the_namespace_of_their_opener,
				   t_rereads_show_the_namespace_of_their_opener));
}
