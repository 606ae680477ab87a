/* include/asm/processor.h: control registers, MSRs, CPUID and interrupt flags. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/types.h>
#include <asm/boot.h>

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

#define DEFINE_CR(n) \
static inline unsigned long read_cr##n(void) \
{ \
	unsigned long v; \
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v)); \
	return v; \
} \
static inline void write_cr##n(unsigned long v) \
{ \
	__asm__ __volatile__("mov %0, %%cr" #n :: "r"(v) : "memory"); \
}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void halt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

/* Interrupt flag, as Linux's irqflags.h. */
static inline unsigned long arch_local_save_flags(void)
{
	unsigned long f;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) :: "memory");
	return f;
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

#define X86_EFLAGS_IF	0x200
#define X86_EFLAGS_AC	0x40000

static inline bool irqs_disabled(void)
{
	return !(arch_local_save_flags() & X86_EFLAGS_IF);
}

#define local_irq_save(flags) do { \
	(flags) = arch_local_save_flags(); \
	local_irq_disable(); \
} while (0)

#define local_irq_restore(flags) do { \
	if ((flags) & X86_EFLAGS_IF) \
		local_irq_enable(); \
} while (0)

/* Idle until the next interrupt without losing a wake-up between sti and hlt. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory");
}

extern bool cpu_has_smap, cpu_has_smep, cpu_has_fsgsbase, cpu_has_pdpe1gb;

#endif
