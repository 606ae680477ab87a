/*
 * user/ps.c: ps [-N]: list every process that /proc shows.
 *
 *	    PID    PPID S CMD
 *	      1       0 S /sbin/init
 *
 * PID and PPID are as seen from the PID namespace /proc was mounted in;
 * CMD is the command line, or [comm] for a task without one (a kernel
 * thread or a zombie).  -N adds NSPID: the task's pid at each level, from
 * the NSpid: line of /proc/PID/status ("4107/42/1": 4107 outermost, 1 in
 * its own namespace), so one can see a task from every namespace at once.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "procfs.h"

struct row {
	struct proc_stat st;
	char nspid[128];
	char cmd[256];
};

/* Fills in one row; -1 if the process went away meanwhile. */
static int read_row(int pid, struct row *r, int with_nspid)
{
	if (proc_read_stat(pid, &r->st) < 0)
		return -1;
	if (proc_cmdline(pid, r->cmd, sizeof(r->cmd)) == 0)
		snprintf(r->cmd, sizeof(r->cmd), "[%s]", r->st.comm);
	if (with_nspid)
		proc_nspid(pid, r->nspid, sizeof(r->nspid));
	return 0;
}

static void print_rows(const struct row *rows, int n, int with_nspid)
{
	int width = strlen("NSPID");

	for (int i = 0; with_nspid && i < n; i++)
		if ((int)strlen(rows[i].nspid) > width)
			width = strlen(rows[i].nspid);
	printf("%7s %7s S ", "PID", "PPID");
	if (with_nspid)
		printf("%-*s ", width, "NSPID");
	printf("CMD\n");
	for (int i = 0; i < n; i++) {
		printf("%7d %7d %c ", rows[i].st.pid, rows[i].st.ppid, rows[i].st.state);
		if (with_nspid)
			printf("%-*s ", width, rows[i].nspid);
		printf("%s\n", rows[i].cmd);
	}
}

int main(int argc, char **argv)
{
	int opt, with_nspid = 0, *pids, npids, n = 0;
	struct row *rows;

	while ((opt = getopt(argc, argv, "N")) != -1) {
		if (opt != 'N')
			errx(1, "usage: ps [-N]");
		with_nspid = 1;
	}
	npids = proc_list_pids(&pids);
	if (npids < 0)
		err(1, "/proc");
	rows = calloc(npids ? npids : 1, sizeof(*rows));
	if (!rows)
		err(1, "calloc");
	for (int i = 0; i < npids; i++)
		if (read_row(pids[i], &rows[n], with_nspid) == 0)
			n++;
	print_rows(rows, n, with_nspid);
	return 0;
}
