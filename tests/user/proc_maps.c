/*
 * proc_maps: /proc/PID/maps and /proc/PID/smaps, in Linux's format.
 *
 * A maps line is "START-END PERMS OFFSET MAJ:MIN INODE", then the name
 * from column 73: the program's own text is named by its path, the stack
 * [stack], the brk area [heap]; an anonymous mapping has no name.  smaps
 * follows each line with its sizes in kB: Size, Rss (pages present), Pss
 * (each page divided by the number of processes mapping it), Shared_ and
 * Private_ Clean/Dirty, Anonymous, and a VmFlags line.  Another user's
 * process's maps do not open (EACCES).  smaps_rollup sums smaps under one
 * header line named [rollup], from the first mapping's start to the last
 * one's end; statm gives sizes in pages, with its two unused fields 0.
 */
#include "ns_util.h"
#include "child.h"
#include <sys/mman.h>

#define PAGE	4096

/*
 * The maps line of the mapping holding @addr, from @path (maps or smaps),
 * into @line.  No stdio: a malloc could move the break under the heap case.
 */
static int find_line(const char *path, const void *addr, char *line, size_t n)
{
	static char text[65536];
	unsigned long lo, hi, a = (unsigned long)addr;
	ssize_t len = read_text(path, text, sizeof(text));
	char *p, *end;

	for (p = text; len > 0 && *p; p = end + 1) {
		end = strchr(p, '\n');
		if (!end)
			break;
		if (sscanf(p, "%lx-%lx ", &lo, &hi) == 2 && lo <= a && a < hi) {
			snprintf(line, n, "%.*s", (int)(end - p + 1), p);
			return 0;
		}
	}
	return -1;
}

/* The value in kB of smaps field @key for the mapping holding @addr, or -1. */
static long smaps_field(pid_t pid, const void *addr, const char *key)
{
	char path[64], line[512];
	unsigned long lo, hi, a = (unsigned long)addr;
	int in = 0;
	long v = -1;
	size_t klen = strlen(key);
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && !strstr(line, " kB")) {
			in = lo <= a && a < hi;
			continue;
		}
		if (in && !strncmp(line, key, klen) && line[klen] == ':') {
			v = strtol(line + klen + 1, NULL, 10);
			break;
		}
	}
	if (f)
		fclose(f);
	return v;
}

/*
 * @pages read-write pages between two PROT_NONE guard pages, so that the
 * mapping is a VMA of its own (Linux merges neighbours alike).
 */
static char *map_alone(int pages)
{
	char *base = mmap(NULL, (pages + 2) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	if (base == MAP_FAILED)
		return MAP_FAILED;
	if (mprotect(base + PAGE, pages * PAGE, PROT_READ | PROT_WRITE))
		return MAP_FAILED;
	return base + PAGE;
}

static void unmap_alone(char *p, int pages)
{
	munmap(p - PAGE, (pages + 2) * PAGE);
}

/* The name field of a maps line: what starts at column 73, without the newline. */
static const char *name_of(char *line)
{
	size_t len = strlen(line);

	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	return len > 73 ? line + 73 : "";
}

static void t_text_stack_and_heap_are_named(void)
{
	char line[512], exe[256];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	unsigned long brk0;
	int local;

	ASSERT_GT(n, 0);
	exe[n] = '\0';
	ASSERT_EQ(find_line("/proc/self/maps", (void *)t_text_stack_and_heap_are_named, line,
			    sizeof(line)), 0);
	EXPECT_TRUE(strstr(line, " r-xp ") != NULL);
	EXPECT_STREQ(name_of(line), exe);
	EXPECT_EQ(line[72], ' ');
	ASSERT_EQ(find_line("/proc/self/maps", &local, line, sizeof(line)), 0);
	EXPECT_STREQ(name_of(line), "[stack]");
	/* grown, never shrunk: malloc may have pages of its own below */
	brk0 = syscall(SYS_brk, 0);
	ASSERT_EQ((unsigned long)syscall(SYS_brk, brk0 + 4 * PAGE), brk0 + 4 * PAGE);
	ASSERT_EQ(find_line("/proc/self/maps", (void *)(brk0 + PAGE), line, sizeof(line)), 0);
	EXPECT_STREQ(name_of(line), "[heap]");
}

static void t_anonymous_mapping_line(void)
{
	char *p = map_alone(3);
	char line[512], want[128];

	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(find_line("/proc/self/maps", p, line, sizeof(line)), 0);
	snprintf(want, sizeof(want), "%08lx-%08lx rw-p 00000000 00:00 0 \n",
		 (unsigned long)p, (unsigned long)p + 3 * PAGE);
	EXPECT_STREQ(line, want);
	unmap_alone(p, 3);
}

/* 4 pages, 2 written: Size 16, Rss 8, all private and dirty, anonymous. */
static void t_smaps_counts_present_pages(void)
{
	char *p = map_alone(4);

	ASSERT_TRUE(p != MAP_FAILED);
	p[0] = 1;
	p[2 * PAGE] = 1;
	EXPECT_EQ(smaps_field(getpid(), p, "Size"), 16);
	EXPECT_EQ(smaps_field(getpid(), p, "KernelPageSize"), 4);
	EXPECT_EQ(smaps_field(getpid(), p, "Rss"), 8);
	EXPECT_EQ(smaps_field(getpid(), p, "Pss"), 8);
	EXPECT_EQ(smaps_field(getpid(), p, "Private_Dirty"), 8);
	EXPECT_EQ(smaps_field(getpid(), p, "Shared_Dirty"), 0);
	EXPECT_EQ(smaps_field(getpid(), p, "Anonymous"), 8);
	EXPECT_EQ(smaps_field(getpid(), p, "Swap"), 0);
	unmap_alone(p, 4);
}

/* After fork both processes map the 2 pages: Pss is half, and they are shared. */
static void t_pss_divides_pages_shared_after_fork(void)
{
	char *p = map_alone(4);
	int go[2];
	pid_t pid;
	char c;

	ASSERT_TRUE(p != MAP_FAILED);
	p[0] = 1;
	p[PAGE] = 1;
	ASSERT_EQ(pipe(go), 0);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		_exit(read(go[0], &c, 1) < 0);
	}
	close(go[0]);
	EXPECT_EQ(smaps_field(getpid(), p, "Rss"), 8);
	EXPECT_EQ(smaps_field(getpid(), p, "Pss"), 4);
	EXPECT_EQ(smaps_field(pid, p, "Pss"), 4);
	EXPECT_EQ(smaps_field(getpid(), p, "Shared_Dirty"), 8);
	EXPECT_EQ(smaps_field(getpid(), p, "Private_Dirty"), 0);
	close(go[1]);
	EXPECT_EQ(wait_exit(pid), 0);
	EXPECT_EQ(smaps_field(getpid(), p, "Pss"), 8);
	unmap_alone(p, 4);
}

/* A file mapped shared: named by its path, its pages the file's, not anonymous. */
static void t_shared_file_mapping(void)
{
	char path[] = "/tmp/ktap-maps-XXXXXX", line[512], *p;
	int fd = mkstemp(path);
	struct stat st;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(ftruncate(fd, 2 * PAGE), 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	p[0] = 1;
	ASSERT_EQ(fstat(fd, &st), 0);
	ASSERT_EQ(find_line("/proc/self/maps", p, line, sizeof(line)), 0);
	EXPECT_TRUE(strstr(line, " rw-s 00000000 ") != NULL);
	EXPECT_STREQ(name_of(line), path);
	EXPECT_EQ(smaps_field(getpid(), p, "Rss"), 4);
	EXPECT_EQ(smaps_field(getpid(), p, "Private_Dirty"), 4);
	EXPECT_EQ(smaps_field(getpid(), p, "Anonymous"), 0);
	munmap(p, 2 * PAGE);
	close(fd);
	unlink(path);
}

/* Rss summed over smaps, in kB, and the first and last mapping's bounds. */
static long smaps_rss_sum(unsigned long *start, unsigned long *end)
{
	static char text[1 << 18];
	unsigned long lo, hi;
	long sum = 0, kb;
	char *p;

	*start = *end = 0;
	memset(text, 0, sizeof(text));	/* its pages present before, not during, the reading */
	if (read_text("/proc/self/smaps", text, sizeof(text)) <= 0)
		return -1;
	for (p = text; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (sscanf(p, "%lx-%lx ", &lo, &hi) == 2 && p[strspn(p, "0123456789abcdef")] == '-') {
			if (lo >= 0xffff800000000000UL)
				break;		/* [vsyscall], not a VMA: not rolled up */
			if (!*end)
				*start = lo;
			*end = hi;
		} else if (sscanf(p, "Rss: %ld kB", &kb) == 1) {
			sum += kb;
		}
	}
	return sum;
}

static void t_smaps_rollup_and_statm(void)
{
	static char text[4096];
	unsigned long start, end, lo, hi, f[7];
	long rss, kb = -1;
	char *p;

	memset(text, 0, sizeof(text));
	rss = smaps_rss_sum(&start, &end);
	ASSERT_GT(read_text("/proc/self/smaps_rollup", text, sizeof(text)), 0);
	ASSERT_EQ(sscanf(text, "%lx-%lx ---p 00000000 00:00 0 ", &lo, &hi), 2);
	EXPECT_EQ(lo, start);
	EXPECT_EQ(hi, end);
	EXPECT_EQ(strncmp(text + 73, "[rollup]\n", 9), 0);
	p = strstr(text, "\nRss:");
	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(sscanf(p + 1, "Rss: %ld kB", &kb), 1);
	EXPECT_EQ(kb, rss);
	EXPECT_TRUE(strstr(text, "\nPss_Anon:") && strstr(text, "\nPss_File:") &&
		    strstr(text, "\nPss_Shmem:") && strstr(text, "\nLocked:"));
	ASSERT_GT(read_text("/proc/self/statm", text, sizeof(text)), 0);
	ASSERT_EQ(sscanf(text, "%lu %lu %lu %lu %lu %lu %lu", &f[0], &f[1], &f[2], &f[3], &f[4],
			 &f[5], &f[6]), 7);
	EXPECT_GE(f[0], f[1]);		/* size >= resident */
	EXPECT_GE(f[1], f[2]);		/* resident >= shared */
	EXPECT_GT(f[3], 0);		/* text */
	EXPECT_EQ(f[4], 0);
	EXPECT_GT(f[5], 0);		/* data + stack */
	EXPECT_EQ(f[6], 0);
}

static void t_other_users_maps_is_eacces(void)
{
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(open("/proc/1/maps", O_RDONLY))), EACCES);
	EXPECT_EQ(AS_USER(TEST_UID, ERRNO_OF(open("/proc/1/smaps", O_RDONLY))), EACCES);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_text_stack_and_heap_are_named, t_anonymous_mapping_line,
				   t_smaps_counts_present_pages,
				   t_pss_divides_pages_shared_after_fork, t_shared_file_mapping,
				   t_smaps_rollup_and_statm, t_other_users_maps_is_eacces));
}
