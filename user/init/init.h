/*
 * user/init/init.h: what the two halves of /sbin/init share.
 *
 * main.c chooses the mode and runs the console shell; runner.c runs the
 * test and benchmark programs.
 */
#ifndef INIT_H
#define INIT_H

/* runtests=GLOBS: run /tests and /extra as KTAP subtests; returns the exit status. */
int run_tests(const char *globs, int timeout);

/* runbench=GLOBS: run /bench, their output passed through; returns the exit status. */
int run_bench(const char *globs, int timeout);

/* ipc_leftovers.c: removes the System V objects @test left, and says so. */
void remove_ipc_leftovers(const char *test);

/* leakcheck.c: the kernel's memory counters before the first test and after the last. */
void leak_check_begin(void);
int leak_check_end(void);

#endif
