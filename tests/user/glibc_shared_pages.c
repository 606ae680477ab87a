/*
 * glibc_shared_pages: a file's pages are the page cache's, mapped into
 * every process that maps the file, not copied per exec or per mmap.
 *
 * Two processes running the dynamic build of this program, each from its
 * own execve, map libc.so.6: in both, /proc/PID/smaps shows the pages of
 * libc's text they have touched as Shared_Clean (mapped by more than one
 * process), and the proportional size (Pss) below the resident one.  A
 * kernel that copied a library's pages into each process would show them
 * private.  And a private mapping of a file, not written yet, maps the
 * file's own pages: a write to the file with pwrite shows through it, and
 * only the mapping's first write to a page gives it a private copy.
 * Built twice (tests/user/glibc_*.c): the static build runs the dynamic
 * one as its two processes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "ktap.h"
#include "glibc_util.h"

struct holder {
	pid_t pid;
	int hold;	/* our end of its stdin: closing it ends the holder */
};

/* Starts the dynamic build as a holder: it says it is up, then waits for EOF. */
static int start_holder(struct holder *h)
{
	char path[4096], c;
	int in[2], up[2];

	dynamic_build(path, sizeof(path));
	/* close-on-exec: a second holder must not keep the first's stdin open */
	if (pipe2(in, O_CLOEXEC) || pipe2(up, O_CLOEXEC))
		return -1;
	fflush(stdout);
	h->pid = fork();
	if (h->pid == 0) {
		dup2(in[0], 0);
		dup2(up[1], 1);
		close(in[1]);
		close(up[0]);
		execl(path, path, "hold", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(up[1]);
	h->hold = in[1];
	c = 0;
	if (read(up[0], &c, 1) != 1 || c != 'u')
		h->pid = -1;
	close(up[0]);
	return h->pid > 0 ? 0 : -1;
}

static void stop_holder(struct holder *h)
{
	int status;

	close(h->hold);
	waitpid(h->pid, &status, 0);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The holder side: up, then wait until the test closes our stdin. */
static int hold(void)
{
	char c;

	if (write(1, "u", 1) != 1)
		return 1;
	while (read(0, &c, 1) > 0)
		;
	return 0;
}

struct smaps_entry {
	long rss, pss, shared_clean, private_clean, private_dirty;
};

/* Sums @pid's smaps entries for libc.so.6's executable mapping. */
static int libc_text(pid_t pid, struct smaps_entry *e)
{
	char path[64], line[512], perms[8];
	unsigned long start, end;
	int in_text = 0, found = 0;
	long kb;
	FILE *f;

	memset(e, 0, sizeof(*e));
	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) == 3) {	/* a mapping's line */
			in_text = !strcmp(perms, "r-xp") && strstr(line, "/libc.so.6\n");
			found |= in_text;
			continue;
		}
		if (!in_text)
			continue;
		if (sscanf(line, "Rss: %ld kB", &kb) == 1)
			e->rss += kb;
		else if (sscanf(line, "Pss: %ld kB", &kb) == 1)
			e->pss += kb;
		else if (sscanf(line, "Shared_Clean: %ld kB", &kb) == 1)
			e->shared_clean += kb;
		else if (sscanf(line, "Private_Clean: %ld kB", &kb) == 1)
			e->private_clean += kb;
		else if (sscanf(line, "Private_Dirty: %ld kB", &kb) == 1)
			e->private_dirty += kb;
	}
	fclose(f);
	return found ? 0 : -1;
}

static void t_libc_text_is_shared_between_execs(void)
{
	struct holder a, b;
	struct smaps_entry e;
	int i;

	ASSERT_EQ(start_holder(&a), 0);
	ASSERT_EQ(start_holder(&b), 0);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(libc_text(i ? b.pid : a.pid, &e), 0);
		EXPECT_GT(e.rss, 0);
		EXPECT_GT(e.shared_clean, 0);
		EXPECT_LT(e.pss, e.rss);
		EXPECT_EQ(e.private_dirty, 0);	/* text is never written */
	}
	stop_holder(&a);
	stop_holder(&b);
}

static void t_private_mapping_reads_the_file_pages(void)
{
	char path[] = "/tmp/glibc_shared_pages.XXXXXX", page[4096];
	int fd = mkstemp(path);
	char *p;

	ASSERT_GE(fd, 0);
	unlink(path);
	memset(page, 'a', sizeof(page));
	ASSERT_EQ(write(fd, page, sizeof(page)), (ssize_t)sizeof(page));
	p = mmap(NULL, 2 * sizeof(page), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(pwrite(fd, page, sizeof(page), sizeof(page)), (ssize_t)sizeof(page));
	EXPECT_EQ(p[0], 'a');				/* faulted in: the file's page */
	EXPECT_EQ(pwrite(fd, "b", 1, 0), 1);
	EXPECT_EQ(p[0], 'b');				/* the same page, so the same byte */
	p[1] = 'x';					/* the first write: a private copy */
	EXPECT_EQ(pwrite(fd, "c", 1, 0), 1);
	EXPECT_EQ(p[0], 'b');
	EXPECT_EQ(p[1], 'x');
	EXPECT_EQ(pwrite(fd, "d", 1, sizeof(page)), 1);
	EXPECT_EQ(p[sizeof(page)], 'd');		/* the untouched page is still the file's */
	EXPECT_EQ(pread(fd, page, 2, 0), 2);
	EXPECT_EQ(page[0], 'c');
	EXPECT_EQ(page[1], 'a');			/* the copy never reaches the file */
	munmap(p, 2 * sizeof(page));
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "hold"))
		return hold();
	return ktap_run(KTAP_CASES(t_libc_text_is_shared_between_execs,
				   t_private_mapping_reads_the_file_pages));
}
