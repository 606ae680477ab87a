/*
 * kernel/fpu.c: x87/SSE state.
 *
 * Every task has a 512-byte fxsave image, saved and restored at each
 * context switch (kernel code never touches these registers itself, so
 * nothing else needs to).  A new program starts from the clean state
 * captured here at boot: fninit and MXCSR 0x1f80, as Linux's
 * fpstate_init.
 */
#include <linux/sched.h>
#include <linux/string.h>

static u8 init_fpstate[512] __aligned(16);

/* This CPU's FPU and SSE in their reset state (each CPU's own registers). */
void fpu_init_cpu(void)
{
	u32 mxcsr = 0x1f80;

	__asm__ __volatile__("fninit; ldmxcsr %0" :: "m"(mxcsr));
}

void init_task_fpu_state(void)
{
	fpu_init_cpu();
	__asm__ __volatile__("fxsave64 %0" : "=m"(init_fpstate));
	memcpy(init_task.thread.fpu, init_fpstate, sizeof(init_fpstate));
}

/* exec: the new program gets a clean FPU; the live registers follow. */
void fpu__clear_user_state(struct task_struct *t)
{
	memcpy(t->thread.fpu, init_fpstate, sizeof(init_fpstate));
	if (t == current)
		__asm__ __volatile__("fxrstor64 %0" :: "m"(init_fpstate));
}

/* fork: the child starts from the parent's live registers. */
void fpu__copy(struct task_struct *dst)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(dst->thread.fpu));
}
