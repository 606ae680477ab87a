/*
 * glibc_exec: what exec gives a dynamic program (issue 14 item 1), seen
 * from glibc.  Built twice (tests/user/glibc_*.c): the dynamic build is a
 * PIE with PT_INTERP, which the kernel loads together with its
 * interpreter, /lib64/ld-linux-x86-64.so.2; the static build is an
 * ET_EXEC with none.  Each checks its own auxiliary vector against what
 * it can see otherwise (its program headers, its entry point, the
 * loader's and the vDSO's mappings in /proc/self/maps), then runs the
 * dynamic build as a child that prints where things landed:
 *  - with address randomization (unless this Linux has it off), two runs
 *    put the stack, the mmap area and the PIE at different addresses;
 *  - under personality(ADDR_NO_RANDOMIZE), as setarch -R and gdb run
 *    programs, two runs agree, the PIE at ELF_ET_DYN_BASE, 0x555555554000,
 *    and so they do with kernel.randomize_va_space 0 (here only: on Linux
 *    the case would change the host's setting);
 * and copies of the dynamic build whose PT_INTERP names a missing file
 * (ENOENT) or a file that is not ELF (ELIBBAD) fail to exec.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ktap.h"
#include "textfile.h"
#include "child.h"
#include "glibc_util.h"

extern char _start[];

static int first_phdrs(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	*(struct dl_phdr_info *)arg = *info;
	return 1;			/* the first object is the program */
}

/* Does a line of /proc/self/maps start at @addr and contain @what? */
static int mapped_at(unsigned long addr, const char *what)
{
	static char maps[65536];
	char want[32], *line;

	if (read_text("/proc/self/maps", maps, sizeof(maps)) <= 0)
		return 0;
	snprintf(want, sizeof(want), "%lx-", addr);
	for (line = maps; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (!strncmp(line, want, strlen(want))) {
			char *end = strchr(line, '\n');

			return memmem(line, end ? (size_t)(end - line) : strlen(line), what,
				      strlen(what)) != NULL;
		}
	return 0;
}

static void t_auxiliary_vector(void)
{
	struct dl_phdr_info info;
	char exe[4096];
	ssize_t n;

	memset(&info, 0, sizeof(info));
	dl_iterate_phdr(first_phdrs, &info);
	EXPECT_EQ(getauxval(AT_PHDR), (unsigned long)info.dlpi_phdr);
	EXPECT_EQ(getauxval(AT_PHNUM), info.dlpi_phnum);
	EXPECT_EQ(getauxval(AT_PHENT), sizeof(ElfW(Phdr)));
	EXPECT_EQ(getauxval(AT_ENTRY), (unsigned long)_start);	/* the program's, not the loader's */
	EXPECT_EQ(getauxval(AT_PAGESZ), 4096);
	EXPECT_EQ(getauxval(AT_SECURE), 0);
	EXPECT_TRUE(getauxval(AT_RANDOM) != 0);
	EXPECT_TRUE(getauxval(AT_MINSIGSTKSZ) > 0);
	EXPECT_TRUE(mapped_at(getauxval(AT_SYSINFO_EHDR), "[vdso]"));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_GT(n, 0);
	exe[n] = '\0';
	if (strstr(exe, "_static")) {
		EXPECT_EQ(getauxval(AT_BASE), 0);		/* no interpreter */
	} else {
		EXPECT_TRUE(getauxval(AT_BASE) != 0);
		EXPECT_TRUE(mapped_at(getauxval(AT_BASE), "/ld-linux-x86-64.so.2"));
		EXPECT_TRUE(info.dlpi_addr != 0);		/* a PIE, moved from 0 */
	}
}

/* The child: where its stack, an anonymous mapping and its own code are. */
static int print_layout(void)
{
	void *map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int local;
	struct dl_phdr_info info;

	memset(&info, 0, sizeof(info));
	dl_iterate_phdr(first_phdrs, &info);
	printf("%p %p %lx\n", (void *)&local, map, (unsigned long)info.dlpi_addr);
	return 0;
}

/* Runs the dynamic build's print_layout, with @persona set first. */
static int layout(unsigned long persona, char *out, size_t size)
{
	char path[4096];
	char *const argv[] = { path, "layout", NULL };
	int old = personality(0xffffffff), status;

	dynamic_build(path, sizeof(path));
	if (personality(persona) < 0)
		return -1;
	status = run_capture(argv, NULL, 0, out, size);
	personality(old);
	return status;
}

static void t_layout_is_random(void)
{
	char a[128], b[128], setting[16] = "";
	unsigned long sa, ma, pa, sb, mb, pb;

	read_text("/proc/sys/kernel/randomize_va_space", setting, sizeof(setting));
	if (setting[0] == '0')
		KTAP_SKIP("address randomization is off on this machine");
	ASSERT_EQ(layout(PER_LINUX, a, sizeof(a)), 0);
	ASSERT_EQ(layout(PER_LINUX, b, sizeof(b)), 0);
	ASSERT_EQ(sscanf(a, "%lx %lx %lx", &sa, &ma, &pa), 3);
	ASSERT_EQ(sscanf(b, "%lx %lx %lx", &sb, &mb, &pb), 3);
	EXPECT_TRUE(sa != sb);		/* 22 bits of pages each: equal once in 4 million */
	EXPECT_TRUE(ma != mb);		/* 28 bits */
	EXPECT_TRUE(pa != pb);
	EXPECT_TRUE(pa >= 0x555555554000UL && pa < 0x555555554000UL + (1UL << 40));
}

static void t_no_randomize_is_repeatable(void)
{
	char a[128], b[128];

	ASSERT_EQ(layout(PER_LINUX | ADDR_NO_RANDOMIZE, a, sizeof(a)), 0);
	ASSERT_EQ(layout(PER_LINUX | ADDR_NO_RANDOMIZE, b, sizeof(b)), 0);
	EXPECT_STREQ(a, b);
	EXPECT_TRUE(strstr(a, " 555555554000\n") != NULL);	/* ELF_ET_DYN_BASE, page-aligned */
}

/* kernel.randomize_va_space = 0 turns randomization off for every exec (Matryoshka only). */
static void t_sysctl_zero_is_repeatable(void)
{
	char old[16] = "", a[128], b[128];

	if (!on_matryoshka())
		KTAP_SKIP("would change the host's kernel.randomize_va_space");
	ASSERT_GT(read_text("/proc/sys/kernel/randomize_va_space", old, sizeof(old)), 0);
	ASSERT_EQ(write_text("/proc/sys/kernel/randomize_va_space", "0"), 0);
	EXPECT_EQ(layout(PER_LINUX, a, sizeof(a)), 0);
	EXPECT_EQ(layout(PER_LINUX, b, sizeof(b)), 0);
	ASSERT_EQ(write_text("/proc/sys/kernel/randomize_va_space", old), 0);
	EXPECT_STREQ(a, b);
	EXPECT_TRUE(strstr(a, " 555555554000\n") != NULL);
}

/*
 * A copy of the dynamic build at @copy whose PT_INTERP names @interp
 * instead (as long as the original name, so nothing else moves).
 */
static int copy_with_interp(const char *copy, const char *interp)
{
	static char image[4 << 20];
	char path[4096];
	ElfW(Ehdr) *eh = (ElfW(Ehdr) *)image;
	ssize_t len;
	int fd, i;

	dynamic_build(path, sizeof(path));
	fd = open(path, O_RDONLY);
	len = fd < 0 ? -1 : read_full(fd, image, sizeof(image));
	if (fd >= 0)
		close(fd);
	if (len < (ssize_t)sizeof(*eh))
		return -1;
	for (i = 0; i < eh->e_phnum; i++) {
		ElfW(Phdr) *ph = (ElfW(Phdr) *)(image + eh->e_phoff) + i;

		if (ph->p_type == PT_INTERP && ph->p_filesz == strlen(interp) + 1)
			memcpy(image + ph->p_offset, interp, ph->p_filesz);
		else if (ph->p_type == PT_INTERP)
			return -1;
	}
	fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, image, len) != len)
		return -1;
	return close(fd);
}

/* execve's errno for @prog, from a child (0 if it ran). */
static int exec_errno(const char *prog)
{
	char *const argv[] = { (char *)prog, "layout", NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execv(prog, argv);
		_exit(errno);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void t_bad_interpreter(void)
{
	/* both names as long as "/lib64/ld-linux-x86-64.so.2", 27 characters */
	char copy[64], missing[] = "/lib64/ld-missing-x86-64.so", not_elf[32], text[128];
	int fd;

	snprintf(copy, sizeof(copy), "/tmp/glibc_exec.%d", getpid());
	snprintf(not_elf, sizeof(not_elf), "/tmp/glibc_exec_i.%09d", getpid());
	ASSERT_EQ(copy_with_interp(copy, missing), 0);
	EXPECT_EQ(exec_errno(copy), ENOENT);
	memset(text, '#', sizeof(text));		/* longer than an ELF header */
	fd = open(not_elf, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, text, sizeof(text)), (ssize_t)sizeof(text));
	close(fd);
	ASSERT_EQ(copy_with_interp(copy, not_elf), 0);
	EXPECT_EQ(exec_errno(copy), ELIBBAD);
	unlink(not_elf);
	unlink(copy);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "layout"))
		return print_layout();
	return ktap_run(KTAP_CASES(t_auxiliary_vector, t_layout_is_random,
				   t_no_randomize_is_repeatable, t_sysctl_zero_is_repeatable,
				   t_bad_interpreter));
}
