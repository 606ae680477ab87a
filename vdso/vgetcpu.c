/*
 * vdso/vgetcpu.c: getcpu without a system call (Linux's
 * arch/x86/entry/vdso/vgetcpu.c).  The kernel gives each CPU a GDT entry
 * whose segment limit is (node << 12) | cpu (setup_getcpu, kernel/cpu.c),
 * and LSL, which user mode may run, reads the limit of the CPU it runs on.
 */
#include "vdso.h"
#include <asm/segment.h>

struct getcpu_cache;

__attribute__((visibility("default")))
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, struct getcpu_cache *unused)
{
	unsigned int p;

	(void)unused;
	__asm__ __volatile__("lsl %1, %0" : "=r"(p) : "r"(__CPUNODE_SEG));
	if (cpu)
		*cpu = p & VDSO_CPUNODE_MASK;
	if (node)
		*node = p >> VDSO_CPUNODE_BITS;
	return 0;
}

long getcpu(unsigned int *, unsigned int *, struct getcpu_cache *)
	__attribute__((weak, alias("__vdso_getcpu"), visibility("default")));
