/*
 * mm_oom: the OOM killer, as Linux's: /proc/PID/oom_score, oom_score_adj
 * and oom_adj, and who dies when memory runs out.
 *
 * The /proc cases run everywhere: oom_score_adj's range (EINVAL outside
 * [-1000, 1000]), its inheritance, the rule that lowering it below
 * oom_score_adj_min needs CAP_SYS_RESOURCE, the legacy oom_adj scale, and
 * an oom_score that grows with a process's memory and with its adj.
 *
 * The hog cases fill the machine's memory, so they run only where
 * MemTotal (/proc/meminfo) is under 1 GiB: the test boots' 512 MiB, or a
 * small Linux VM.  On a larger host (make test-linux) they skip: filling
 * it would take long and hurt everything else running there.  A hog that
 * touches memory through a page fault, MAP_POPULATE, brk, a shared
 * anonymous mapping, a SysV segment or read() (the kernel's own faults on
 * user memory) must die of SIGKILL from the OOM
 * killer (not SIGSEGV or SIGBUS), logged as Linux logs it, while a small
 * bystander holding state lives on and still answers.  A small process
 * at oom_score_adj 1000 dies before a big one at 0; a hog at -1000 is
 * spared and a small process dies instead; a vfork parent chosen while it
 * waits for its child dies too, and so does a pid namespace's init (only
 * the initial one is exempt); a victim asleep uninterruptibly on a mutex
 * the allocating task holds has its memory torn down by the OOM reaper.  The test process protects itself with
 * -1000 in those (it needs CAP_SYS_RESOURCE for that, else they skip).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

#define MIB		(1024UL * 1024)
#define PAGE		4096UL
#define CHUNK		(16 * MIB)	/* the hog grows by this much at a time */
#define VICTIM_SIZE	(16 * MIB)	/* small next to the hog, big next to the test's helpers */
#define CAP_SYS_RESOURCE_BIT	24

/* ---- /proc and capabilities ---------------------------------------------------- */

static void proc_path(char *buf, size_t size, pid_t pid, const char *file)
{
	if (pid)
		snprintf(buf, size, "/proc/%d/%s", pid, file);
	else
		snprintf(buf, size, "/proc/self/%s", file);
}

/* /proc/PID/@file (0: self) as a number, or INT_MIN. */
static int read_proc_int(pid_t pid, const char *file)
{
	char path[64], text[64];

	proc_path(path, sizeof(path), pid, file);
	if (read_text(path, text, sizeof(text)) <= 0)
		return INT_MIN;
	return atoi(text);
}

/* Writes @text to /proc/PID/@file (0: self): 0 or -errno. */
static int write_proc(pid_t pid, const char *file, const char *text)
{
	char path[64];

	proc_path(path, sizeof(path), pid, file);
	return write_text(path, text);
}

static int set_adj(pid_t pid, int adj)
{
	char text[16];

	snprintf(text, sizeof(text), "%d", adj);
	return write_proc(pid, "oom_score_adj", text);
}

struct cap_header {
	uint32_t version;
	int pid;
};

struct cap_data {
	uint32_t effective, permitted, inheritable;
};

/* CAP_SYS_RESOURCE over the initial user namespace, which capable() asks for. */
static bool has_sys_resource(void)
{
	struct cap_header hdr = { 0x20080522, 0 };
	struct cap_data data[2];
	char map[128];

	if (syscall(SYS_capget, &hdr, data) || !(data[0].effective & (1U << CAP_SYS_RESOURCE_BIT)))
		return false;
	return read_text("/proc/self/uid_map", map, sizeof(map)) > 0 &&
	       !strcmp(map, "         0          0 4294967295\n");
}

/* Takes CAP_SYS_RESOURCE out of the effective set (it stays permitted). */
static int drop_sys_resource(void)
{
	struct cap_header hdr = { 0x20080522, 0 };
	struct cap_data data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[0].effective &= ~(1U << CAP_SYS_RESOURCE_BIT);
	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

static void need_sys_resource(void)
{
	if (!has_sys_resource())
		KTAP_SKIP("needs CAP_SYS_RESOURCE in the initial user namespace");
}

/* ---- oom_score_adj and oom_adj ---------------------------------------------------- */

static void adj_range(void)
{
	EXPECT_EQ(set_adj(0, 1001), -EINVAL);
	EXPECT_EQ(set_adj(0, -1001), -EINVAL);
	EXPECT_EQ(write_proc(0, "oom_score_adj", "abc"), -EINVAL);
	EXPECT_EQ(write_proc(0, "oom_score_adj", "12x"), -EINVAL);
	EXPECT_EQ(write_proc(0, "oom_score_adj", " 1000 \n"), 0);
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), 1000);
	EXPECT_EQ(write_proc(0, "oom_score_adj", "0x3e8"), 0);	/* any base, as kstrtoint */
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), 1000);
}

static void t_oom_score_adj_range(void)
{
	EXPECT_CHILD_OK(adj_range);
}

static void adj_inherited(void)
{
	int mine = read_proc_int(0, "oom_score_adj");
	pid_t pid;

	ASSERT_GE(mine, -1000);
	ASSERT_EQ(set_adj(0, mine < 1000 ? mine + 1 : mine), 0);	/* raising needs nothing */
	mine = read_proc_int(0, "oom_score_adj");
	pid = fork();
	if (pid == 0)
		_exit(read_proc_int(0, "oom_score_adj") == mine ? 0 : 1);
	EXPECT_EXIT(wait_status(pid), 0);
	/* and another process's file, by its number */
	EXPECT_EQ(read_proc_int(getpid(), "oom_score_adj"), mine);
}

static void t_oom_score_adj_inherited_by_fork(void)
{
	EXPECT_CHILD_OK(adj_inherited);
}

/* With CAP_SYS_RESOURCE a write sets the floor too; without it, nothing goes below. */
static void adj_floor(void)
{
	ASSERT_EQ(set_adj(0, 100), 0);
	ASSERT_EQ(drop_sys_resource(), 0);
	EXPECT_EQ(set_adj(0, 300), 0);
	EXPECT_EQ(set_adj(0, 100), 0);
	EXPECT_EQ(set_adj(0, 99), -EACCES);
	EXPECT_EQ(set_adj(0, -1000), -EACCES);
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), 100);
}

static void adj_lower_with_cap(void)
{
	EXPECT_EQ(set_adj(0, -1000), 0);
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), -1000);
	EXPECT_EQ(set_adj(0, 0), 0);
}

static void t_oom_score_adj_lowering_needs_cap_sys_resource(void)
{
	need_sys_resource();
	EXPECT_CHILD_OK(adj_floor);
	EXPECT_CHILD_OK(adj_lower_with_cap);
}

static void legacy_oom_adj(void)
{
	EXPECT_EQ(write_proc(0, "oom_adj", "15"), 0);
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), 1000);
	EXPECT_EQ(read_proc_int(0, "oom_adj"), 15);
	EXPECT_EQ(set_adj(0, 500), 0);
	EXPECT_EQ(read_proc_int(0, "oom_adj"), 8);	/* 500 * 17 / 1000 */
	EXPECT_EQ(write_proc(0, "oom_adj", "16"), -EINVAL);
	EXPECT_EQ(write_proc(0, "oom_adj", "-18"), -EINVAL);
	EXPECT_EQ(write_proc(0, "oom_adj", "-16"), 0);
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), -941);	/* -16 * 1000 / 17 */
	EXPECT_EQ(read_proc_int(0, "oom_adj"), -15);
	EXPECT_EQ(write_proc(0, "oom_adj", "-17"), 0);		/* OOM_DISABLE */
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), -1000);
	EXPECT_EQ(read_proc_int(0, "oom_adj"), -17);
	EXPECT_EQ(write_proc(0, "oom_adj", "3"), 0);
	ASSERT_EQ(drop_sys_resource(), 0);
	/* the legacy file's floor is the current value itself */
	EXPECT_EQ(write_proc(0, "oom_adj", "2"), -EACCES);
	EXPECT_EQ(write_proc(0, "oom_adj", "4"), 0);
	EXPECT_EQ(read_proc_int(0, "oom_score_adj"), 235);	/* 4 * 1000 / 17 */
}

static void t_oom_adj_legacy_scale(void)
{
	need_sys_resource();
	EXPECT_CHILD_OK(legacy_oom_adj);
}

/* ---- oom_score ---------------------------------------------------------------------- */

static unsigned long mem_total_kb(void)
{
	return proc_kb("/proc/meminfo", "MemTotal:");
}

/* Touches @bytes of fresh private memory, kept. */
static void touch_memory(size_t bytes)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t i;

	if (p == MAP_FAILED)
		_exit(2);
	for (i = 0; i < bytes; i += PAGE)
		p[i] = 1;
}

static void touch_two_percent(void)
{
	/* 2% of RAM: 20 points of badness per thousand, 13 of oom_score */
	touch_memory(mem_total_kb() * 1024 / 50);
}

static void t_oom_score_grows_with_memory_and_adj(void)
{
	struct parked_child big, small;
	int big_score, small_score;

	ASSERT_EQ(park_child(&big, touch_two_percent), 0);
	ASSERT_EQ(park_child(&small, NULL), 0);
	big_score = read_proc_int(big.pid, "oom_score");
	small_score = read_proc_int(small.pid, "oom_score");
	EXPECT_GT(big_score, small_score);
	EXPECT_GE(small_score, 0);
	EXPECT_LE(big_score, 2000);
	/*
	 * 1000: a RAM's worth more (1000 times RAM/1000 pages, rounded down),
	 * so nearly (1000 + 1000) * 2 / 3
	 */
	EXPECT_EQ(set_adj(small.pid, 1000), 0);
	small_score = read_proc_int(small.pid, "oom_score");
	EXPECT_GE(small_score, 1300);
	EXPECT_GT(small_score, big_score);
	if (has_sys_resource()) {
		EXPECT_EQ(set_adj(big.pid, -1000), 0);
		EXPECT_EQ(read_proc_int(big.pid, "oom_score"), 0);	/* never chosen */
	}
	EXPECT_EXIT(release_child(&small), 0);
	EXPECT_EXIT(release_child(&big), 0);
}

/* ---- the hogs ------------------------------------------------------------------------ */

enum hog_kind { HOG_FAULT, HOG_POPULATE, HOG_BRK, HOG_SHARED, HOG_SHM, HOG_READ };

static volatile sig_atomic_t stop_hog;

static void on_sigchld(int sig)
{
	(void)sig;
	stop_hog = 1;
}

/* CHUNK more bytes of memory of @kind, or NULL. */
static char *grab_chunk(enum hog_kind kind)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS, id;
	char *p;

	if (kind == HOG_BRK) {
		p = (char *)syscall(SYS_brk, 0);
		return (char *)syscall(SYS_brk, p + CHUNK) == p + CHUNK ? p : NULL;
	}
	if (kind == HOG_SHM) {
		id = shmget(IPC_PRIVATE, CHUNK, IPC_CREAT | 0600);
		p = id < 0 ? (char *)-1 : shmat(id, NULL, 0);
		if (id >= 0)
			shmctl(id, IPC_RMID, NULL);	/* gone with the last detach: the hog's exit */
		return p == (char *)-1 ? NULL : p;
	}
	if (kind == HOG_POPULATE)
		flags |= MAP_POPULATE;
	if (kind == HOG_SHARED)
		flags = MAP_SHARED | MAP_ANONYMOUS;
	p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, flags, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * Touches memory of @kind until killed, or until a SIGCHLD says its
 * child died (stop_hog).  Running out of address space or failing to map
 * is not how it should end: exit 3 says so.
 */
static void hog(enum hog_kind kind)
{
	char *p;
	size_t i;
	int zero = open("/dev/zero", O_RDONLY);

	prctl(PR_SET_NAME, "oom_hog");
	while (!stop_hog) {
		p = grab_chunk(kind);
		if (!p)
			_exit(3);
		if (kind == HOG_READ && read(zero, p, CHUNK) != (ssize_t)CHUNK)
			_exit(3);	/* the kernel's own faults on the buffer must not fail */
		for (i = 0; kind != HOG_READ && i < CHUNK && !stop_hog; i += PAGE)
			p[i] = 1;
	}
}

/* The kernel log (syslog's READ_ALL), NUL-terminated. */
static const char *kernel_log(void)
{
	static char buf[1 << 17];
	int n = klogctl(3, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static bool log_says_killed(pid_t pid, const char *comm)
{
	char needle[96];

	snprintf(needle, sizeof(needle), "Out of memory: Killed process %d (%s) total-vm:",
		 pid, comm);
	return strstr(kernel_log(), needle) != NULL;
}

static void need_small_machine(void)
{
	if (mem_total_kb() >= 1024 * 1024)
		KTAP_SKIP("MemTotal is 1 GiB or more: the hogs run only on small machines");
}

/* A bystander: keeps a buffer of known bytes and says whether they are intact. */
struct bystander {
	pid_t pid;
	int ask, answer;
};

static void bystander_loop(int ask, int answer)
{
	static unsigned char state[256 * 1024];
	size_t i;
	char c;

	prctl(PR_SET_NAME, "oom_bystander");
	for (i = 0; i < sizeof(state); i++)
		state[i] = (unsigned char)(i * 7);
	while (read(ask, &c, 1) == 1) {
		c = 'y';
		for (i = 0; i < sizeof(state); i++)
			if (state[i] != (unsigned char)(i * 7))
				c = 'n';
		if (write(answer, &c, 1) != 1)
			break;
	}
	_exit(0);
}

static int start_bystander(struct bystander *b)
{
	int ask[2], answer[2];

	if (pipe(ask) || pipe(answer))
		return -1;
	fflush(stdout);
	b->pid = fork();
	if (b->pid == 0) {
		close(ask[1]);
		close(answer[0]);
		bystander_loop(ask[0], answer[1]);
	}
	close(ask[0]);
	close(answer[1]);
	b->ask = ask[1];
	b->answer = answer[0];
	return b->pid > 0 ? 0 : -1;
}

/* 'y' if the bystander is alive and its state intact. */
static char ask_bystander(struct bystander *b)
{
	char c = '?';

	if (write(b->ask, "?", 1) != 1 || read(b->answer, &c, 1) != 1)
		return '!';
	return c;
}

static void hog_fault(void) { hog(HOG_FAULT); }
static void hog_populate(void) { hog(HOG_POPULATE); }
static void hog_brk(void) { hog(HOG_BRK); }
static void hog_shared(void) { hog(HOG_SHARED); }
static void hog_shm(void) { hog(HOG_SHM); }
static void hog_read(void) { hog(HOG_READ); }

/* Runs @fn as a hog beside a bystander: the hog must be the one killed. */
static void hog_dies_bystander_lives(void (*fn)(void))
{
	struct bystander b;
	pid_t pid;

	need_small_machine();
	ASSERT_EQ(start_bystander(&b), 0);
	EXPECT_EQ(ask_bystander(&b), 'y');
	pid = start_child(fn);
	ASSERT_GT(pid, 0);
	EXPECT_KILLED(wait_status(pid), SIGKILL);
	EXPECT_TRUE(log_says_killed(pid, "oom_hog"));
	EXPECT_TRUE(strstr(kernel_log(), " invoked oom-killer: gfp_mask=0x") != NULL);
	EXPECT_EQ(ask_bystander(&b), 'y');
	close(b.ask);
	EXPECT_EXIT(wait_status(b.pid), 0);
	close(b.answer);
}

static void t_oom_kills_page_fault_hog(void)
{
	hog_dies_bystander_lives(hog_fault);
}

static void t_oom_kills_map_populate_hog(void)
{
	hog_dies_bystander_lives(hog_populate);
}

static void t_oom_kills_brk_hog(void)
{
	hog_dies_bystander_lives(hog_brk);
}

static void t_oom_kills_shared_anonymous_hog(void)
{
	hog_dies_bystander_lives(hog_shared);
}

static void t_oom_kills_sysv_shm_hog(void)
{
	hog_dies_bystander_lives(hog_shm);
}

/* The pages come from the kernel's faults in read(): copies to user memory OOM-kill too. */
static void t_oom_kills_read_into_memory_hog(void)
{
	hog_dies_bystander_lives(hog_read);
}

/* ---- who is chosen ------------------------------------------------------------------- */

static int victim_adj, hog_adj;
static bool victim_vforks, victim_pidns;
static int ready[2];		/* the victim says it is ready: memory touched, in place */
static pid_t *victim_pid;	/* shared with the test process */

static void victim(void)
{
	prctl(PR_SET_NAME, "oom_victim");
	if (set_adj(0, victim_adj) || (victim_pidns && getpid() != 1))
		_exit(4);
	touch_memory(VICTIM_SIZE);
	if (victim_vforks && vfork() == 0) {
		write(ready[1], "r", 1);	/* its parent now waits in vfork, killably */
		for (;;)
			pause();
	}
	write(ready[1], "r", 1);
	for (;;)
		pause();
}

/*
 * The hog's side: starts the victim, grows until SIGCHLD says the victim
 * died, and exits 0 if it died of SIGKILL.  The hog being chosen instead
 * kills it: the test sees that in its status.
 */
static void hog_with_victim(void)
{
	struct sigaction sa = { .sa_handler = on_sigchld };
	pid_t pid;
	char c;

	ASSERT_EQ(set_adj(0, hog_adj), 0);
	ASSERT_EQ(pipe(ready), 0);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	if (victim_pidns) {	/* the init of a new pid namespace: an ordinary candidate */
		fflush(stdout);
		pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
		if (pid == 0)
			victim();
	} else {
		pid = start_child(victim);
	}
	ASSERT_GT(pid, 0);
	*victim_pid = pid;	/* only here: the page is shared with the victim too */
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	hog(HOG_FAULT);
	EXPECT_KILLED(wait_status(*victim_pid), SIGKILL);
}

/* The test process must not be chosen while it watches: -1000 for the case. */
static void chosen_victim(int vadj, int hadj, bool vforks, bool pidns)
{
	int mine = read_proc_int(0, "oom_score_adj");
	pid_t hog_pid;

	need_small_machine();
	need_sys_resource();
	victim_adj = vadj;
	hog_adj = hadj;
	victim_vforks = vforks;
	victim_pidns = pidns;
	victim_pid = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(victim_pid != MAP_FAILED);
	ASSERT_EQ(set_adj(0, -1000), 0);
	hog_pid = start_child(hog_with_victim);
	EXPECT_EXIT(wait_status(hog_pid), 0);
	EXPECT_TRUE(log_says_killed(*victim_pid, "oom_victim"));
	EXPECT_TRUE(!log_says_killed(hog_pid, "oom_hog"));
	EXPECT_EQ(set_adj(0, mine), 0);
	munmap(victim_pid, PAGE);
}

static void t_oom_score_adj_1000_makes_a_small_process_the_victim(void)
{
	chosen_victim(1000, 0, false, false);
}

static void t_oom_score_adj_minus_1000_protects_the_hog(void)
{
	chosen_victim(0, -1000, false, false);
}

static void t_oom_victim_waiting_in_vfork_dies(void)
{
	chosen_victim(1000, 0, true, false);
}

/* Only the initial namespace's init is exempt: a pid namespace's init can be chosen. */
static void t_oom_may_choose_a_pid_namespace_init(void)
{
	chosen_victim(1000, 0, false, true);
}

/* ---- a victim that cannot exit ------------------------------------------------------ */

/*
 * The hog's own memory: most of a small machine, so that memory runs out
 * before the file system does (on Linux /tmp may be a tmpfs of half the
 * RAM), and the largest process once the victim is gone.
 */
#define HOG_BUFFER	(300 * MIB)

static int stuck_fd;

/* Writes one byte to the shared file forever: it waits for its inode's mutex, uninterruptibly. */
static void stuck_victim(void)
{
	static char byte = 'v';

	prctl(PR_SET_NAME, "oom_victim");
	if (set_adj(0, 1000))
		_exit(4);
	touch_memory(VICTIM_SIZE);
	for (;;)
		pwrite(stuck_fd, &byte, 1, 0);
}

/* Writes a big buffer of its own into the file: the file's pages exhaust memory mid-write. */
static void writing_hog(void)
{
	char *buf = mmap(NULL, HOG_BUFFER, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	size_t i;

	prctl(PR_SET_NAME, "oom_hog");
	if (buf == MAP_FAILED || set_adj(0, 0))	/* not the test process's -1000 */
		_exit(3);
	for (i = 0; i < HOG_BUFFER; i += PAGE)
		buf[i] = 1;
	while (write(stuck_fd, buf, HOG_BUFFER) >= 0)
		;
	_exit(3);	/* the file system filled up first: no OOM to test */
}

/*
 * The victim (oom_score_adj 1000) sleeps uninterruptibly on the file's
 * inode mutex, which the hog holds while it allocates: SIGKILL cannot wake
 * it, so the OOM reaper tears its memory down two seconds later, and the
 * hog, killed next, lets go of the mutex so the victim can die too.
 */
static void t_oom_reaper_frees_a_victim_in_uninterruptible_sleep(void)
{
	int mine = read_proc_int(0, "oom_score_adj");
	char needle[80];
	pid_t victim_pid, hog_pid;
	int status;

	need_small_machine();
	need_sys_resource();
	stuck_fd = open("/tmp/mm_oom_stuck", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_GE(stuck_fd, 0);
	unlink("/tmp/mm_oom_stuck");	/* its pages go with the last descriptor */
	ASSERT_EQ(set_adj(0, -1000), 0);
	victim_pid = start_child(stuck_victim);
	hog_pid = start_child(writing_hog);
	ASSERT_GT(victim_pid, 0);
	ASSERT_GT(hog_pid, 0);
	status = wait_status(hog_pid);
	EXPECT_KILLED(status, SIGKILL);
	if (!WIFSIGNALED(status))
		kill(victim_pid, SIGKILL);	/* no OOM came: end the victim's loop */
	EXPECT_KILLED(wait_status(victim_pid), SIGKILL);
	close(stuck_fd);
	snprintf(needle, sizeof(needle), "oom_reaper: reaped process %d (oom_victim)", victim_pid);
	EXPECT_TRUE(strstr(kernel_log(), needle) != NULL);
	EXPECT_TRUE(log_says_killed(victim_pid, "oom_victim"));
	EXPECT_EQ(set_adj(0, mine), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_oom_score_adj_range, t_oom_score_adj_inherited_by_fork,
		t_oom_score_adj_lowering_needs_cap_sys_resource, t_oom_adj_legacy_scale,
		t_oom_score_grows_with_memory_and_adj, t_oom_kills_page_fault_hog,
		t_oom_kills_map_populate_hog, t_oom_kills_brk_hog,
		t_oom_kills_shared_anonymous_hog, t_oom_kills_sysv_shm_hog,
		t_oom_kills_read_into_memory_hog,
		t_oom_score_adj_1000_makes_a_small_process_the_victim,
		t_oom_score_adj_minus_1000_protects_the_hog, t_oom_victim_waiting_in_vfork_dies,
		t_oom_may_choose_a_pid_namespace_init,
		t_oom_reaper_frees_a_victim_in_uninterruptible_sleep));
}
