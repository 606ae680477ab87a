/*
 * tools/bench_init.c: /init for the Linux side of `make bench`.
 *
 * tools/bench.py boots Debian's Linux in the same QEMU as Matryoshka with
 * an initramfs of the same /bench programs and this init, which
 *   - mounts /proc and lifts the limits below,
 *   - reports when Linux reached /init: the TSC now (it counts from power-on),
 *     and from the kernel log (so that the boot itself can stay quiet) the
 *     lines "Kernel command line:", "Run /init as init process" and the TSC
 *     rate ("tsc: ... MHz"); printk stamps count from when Linux set up its
 *     clock, after the firmware and the decompression of the kernel,
 *   - runs the /bench programs that runbench=GLOBS on the command line names
 *     (a comma-separated list of shell patterns, or "all", as Matryoshka's
 *     init reads it; Linux hands init the words it does not know as
 *     environment variables) in name order,
 *   - powers off.
 * Built with musl-gcc -static by tools/bench.py.
 *
 * Limits: Linux sizes some caps by RAM (kernel/fork.c, set_max_threads):
 * 3,581 tasks in 512 MiB, and half that many namespaces of each kind per
 * user.  bench/kill0 needs 10,000 tasks.  And Linux 6.1 frees an IPC
 * namespace one RCU grace period at a time (about 12 ms of guest time
 * here: 84 a second), so a loop creating them reaches max_ipc_namespaces
 * (ENOSPC) long before its 100 ms are up; the rest are freed in the
 * background while the next programs run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH_DIR	"/bench"
#define MAX_PROGS	64
#define PROG_SECONDS	600	/* a hung program must not hold up the rest */
#define SYSLOG_ACTION_READ_ALL 3	/* include/linux/syslog.h; musl lacks the names */

static char klog[1 << 20];

static const char *const limits[][2] = {
	{ "/proc/sys/kernel/threads-max", "20000" },
	{ "/proc/sys/user/max_ipc_namespaces", "100000" },
	{ "/proc/sys/user/max_user_namespaces", "100000" },
	{ "/proc/sys/user/max_pid_namespaces", "100000" },
};

static void lift_limits(void)
{
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		FILE *f = fopen(limits[i][0], "w");

		if (!f || fputs(limits[i][1], f) < 0 || fclose(f) != 0)
			printf("# bench_init: cannot set %s\n", limits[i][0]);
	}
}

static int times_boot(const char *line)
{
	return strstr(line, "Kernel command line:") || strstr(line, "as init process") ||
	       (strstr(line, "tsc: ") && strstr(line, "MHz"));
}

/* Print the TSC read at start, and echo the kernel log lines that time the
   boot, as "klog: [ t] text". */
static void report_boot(unsigned long long tsc)
{
	int n = klogctl(SYSLOG_ACTION_READ_ALL, klog, sizeof(klog) - 1);
	char *line, *save;

	printf("BOOT tsc=%llu\n", tsc);
	if (n < 0) {
		perror("bench_init: klogctl");
		return;
	}
	klog[n] = '\0';
	for (line = strtok_r(klog, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!times_boot(line))
			continue;
		if (line[0] == '<' && strchr(line, '>'))	/* drop the "<6>" level prefix */
			line = strchr(line, '>') + 1;
		printf("klog: %s\n", line);
	}
	fflush(stdout);
}

/* Does name match one of the comma-separated patterns in globs? */
static int selected(const char *globs, const char *name)
{
	char list[256], *glob, *save;

	if (!strcmp(globs, "all"))
		return 1;
	snprintf(list, sizeof(list), "%s", globs);
	for (glob = strtok_r(list, ",", &save); glob; glob = strtok_r(NULL, ",", &save))
		if (!fnmatch(glob, name, 0))
			return 1;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in /bench that runbench selects, sorted; their count. */
static int list_programs(const char *globs, char **names)
{
	DIR *dir = opendir(BENCH_DIR);
	struct dirent *d;
	int n = 0;

	if (!dir) {
		perror("bench_init: " BENCH_DIR);
		return 0;
	}
	while ((d = readdir(dir)) && n < MAX_PROGS) {
		if (d->d_name[0] == '.' || !selected(globs, d->d_name))
			continue;
		names[n++] = strdup(d->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(names[0]), by_name);
	return n;
}

static void run_program(const char *name)
{
	char path[300];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", BENCH_DIR, name);
	printf("# bench_init: %s\n", path);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("bench_init: fork");
		return;
	}
	if (pid == 0) {
		alarm(PROG_SECONDS);
		execl(path, path, (char *)NULL);
		perror(path);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		printf("# bench_init: %s failed (status 0x%x)\n", path, status);
}

int main(void)
{
	unsigned long long tsc = __builtin_ia32_rdtsc();	/* first: it times the boot */
	const char *globs = getenv("runbench");
	char *names[MAX_PROGS];
	int n;

	if (mount("proc", "/proc", "proc", 0, NULL) < 0)
		perror("bench_init: mount /proc");
	lift_limits();
	report_boot(tsc);
	n = list_programs(globs ? globs : "all", names);
	for (int i = 0; i < n; i++)
		run_program(names[i]);
	printf("# bench_init: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	reboot(RB_AUTOBOOT);	/* no ACPI power-off: QEMU's -no-reboot ends on a reset */
	return 1;
}
