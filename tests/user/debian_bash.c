/*
 * debian_bash: Debian 12's own bash (/usr/bin/bash, a dynamic glibc
 * program from the image's build/debian-root) runs scripts that use
 * what a shell needs from the kernel beyond a static toy shell: process
 * substitution (<(...) and >(...) are pipes named /dev/fd/N, which is
 * /proc/self/fd), arrays, and job control in a script (set -m puts each
 * job in its own process group; a job stops itself with SIGSTOP, `jobs`
 * sees it stopped through waitpid's WUNTRACED, `fg` continues it with
 * SIGCONT and waits for its exit status; a killed job's status is 143).
 * Each case runs bash on a script and compares everything it printed,
 * stdout and stderr together, with what bash prints on Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "textfile.h"

#define BASH	"/usr/bin/bash"

/* Runs bash on @script; its output, stdout and stderr (at most @size - 1 bytes), and wait status. */
static int run_bash(const char *script, char *out, size_t size)
{
	char path[64];
	char *const argv[] = { BASH, path, NULL };
	int fd, status;

	snprintf(path, sizeof(path), "/tmp/debian_bash.%d.sh", getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, script, strlen(script)) != (ssize_t)strlen(script))
		return -1;
	close(fd);
	status = run_capture(argv, NULL, 1, out, size);
	unlink(path);
	return status;
}

static void expect_output(const char *script, const char *want)
{
	char out[4096];
	int status = run_bash(script, out, sizeof(out));

	EXPECT_EQ(status, 0);
	EXPECT_STREQ(out, want);
}

static void t_runs(void)
{
	expect_output("echo \"bash ${BASH_VERSINFO[0]}\"; exit 0\n", "bash 5\n");
}

static void t_process_substitution_reads(void)
{
	expect_output("n=0\n"
		      "while read -r line; do n=$((n + 1)); last=$line; done < <(printf 'a\\nb\\nc\\n')\n"
		      "echo \"$n lines, last $last\"\n"
		      "cat <(echo one) <(echo two)\n"
		      "[[ $(echo <(true)) == /dev/fd/* ]] && echo named-in-dev-fd\n",
		      "3 lines, last c\none\ntwo\nnamed-in-dev-fd\n");
}

static void t_process_substitution_writes(void)
{
	expect_output("f=/tmp/debian_bash.out.$$\n"
		      "echo written > >(cat > $f)\n"
		      "wait $!\n"
		      "cat $f; rm -f $f\n"
		      "set -o pipefail\n"
		      "false | true; echo \"pipefail $?\"\n",
		      "written\npipefail 1\n");
}

static void t_arrays(void)
{
	expect_output("a=(x y z)\n"
		      "a+=(w)\n"
		      "echo \"${#a[@]} ${a[2]} ${a[@]:1:2} ${a[-1]}\"\n"
		      "declare -A m=([one]=1 [two]=2)\n"
		      "m[three]=3\n"
		      "for k in one two three; do s+=\"${m[$k]}\"; done\n"
		      "echo \"${#m[@]} $s\"\n"
		      "mapfile -t lines < <(printf 'p\\nq\\n')\n"
		      "echo \"${lines[1]}${lines[0]}\"\n"
		      "unset 'a[1]'; echo \"${!a[@]}\"\n",
		      "4 z y z w\n3 123\nqp\n0 2 3\n");
}

/* The stopped job is polled for, never waited for by time. */
static void t_job_control(void)
{
	expect_output("set -m\n"
		      "sleep 1000 &\n"
		      "p1=$!\n"
		      "( kill -STOP $BASHPID; exit 7 ) &\n"
		      "until [[ $(jobs %2) == *Stopped* ]]; do sleep 0.01; done\n"
		      "jobs\n"
		      "read -r -a st < /proc/$!/stat\n"
		      "echo \"own group: $(( st[4] == $! ))\"\n"
		      "kill %1\n"
		      "wait $p1\n"
		      "echo \"killed: $?\"\n"
		      "fg %2\n"
		      "echo \"fg: $?\"\n"
		      "jobs\n"
		      "echo end\n",
		      "[1]-  Running                 sleep 1000 &\n"
		      "[2]+  Stopped                 ( kill -STOP $BASHPID; exit 7 )\n"
		      "own group: 1\n"
		      "[1]-  Terminated              sleep 1000\n"
		      "killed: 143\n"
		      "( kill -STOP $BASHPID; exit 7 )\n"
		      "fg: 7\n"
		      "end\n");
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_runs, t_process_substitution_reads,
				   t_process_substitution_writes, t_arrays, t_job_control));
}
