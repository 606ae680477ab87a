/*
 * include/linux/smp.h: which CPU the caller runs on.  There is one CPU,
 * number 0, and one memory node (no NUMA), numbered 0 too.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#define raw_smp_processor_id()	0
#define smp_processor_id()	raw_smp_processor_id()
#define cpu_to_node(cpu)	((void)(cpu), 0)

#endif
