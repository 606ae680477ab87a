/*
 * include/linux/smp.h: which CPU the caller runs on, and cross-CPU calls.
 *
 * smp_processor_id() is only stable while the caller cannot migrate
 * (preemption or interrupts off; lib/smp_processor_id.c checks it in the
 * test build); raw_smp_processor_id() is for callers that know a stale
 * answer is harmless (getcpu).  One memory node (no
 * NUMA), numbered 0.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <asm/percpu.h>
#include <linux/cpumask.h>

#define raw_smp_processor_id()	this_cpu_read(cpu_number)

/* With the lock validator on, smp_processor_id() checks the caller cannot migrate. */
extern bool prove_locking;
int debug_smp_processor_id(void);
#define smp_processor_id() \
	(__builtin_expect(prove_locking, 0) ? debug_smp_processor_id() : raw_smp_processor_id())
#define cpu_to_node(cpu)	((void)(cpu), 0)

typedef void (*smp_call_func_t)(void *info);

enum { IPI_RESCHEDULE, IPI_CALL_FUNC, NR_IPI };

void smp_init(void);
void smp_call_init(void);
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info);
int smp_call_function_single(int cpu, smp_call_func_t func, void *info);
void smp_send_reschedule(int cpu);
void scheduler_ipi(void);
void generic_smp_call_function_single_interrupt(void);
extern unsigned long ipi_count[NR_CPUS][NR_IPI];
void smp_prepare_boot_cpu(void);
void smp_send_stop(void);
void smp_reboot_interrupt(void);
bool smp_stop_nmi_callback(void);

#endif
