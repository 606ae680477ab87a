/* include/linux/stop_machine.h: a function run on a CPU by its stopper thread. */
#ifndef _LINUX_STOP_MACHINE_H
#define _LINUX_STOP_MACHINE_H

typedef int (*cpu_stop_fn_t)(void *arg);

int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg);
int stop_machine(cpu_stop_fn_t fn, void *arg);
void cpu_stop_init(void);

#endif
