/*
 * kernel/signal_frame.c: running a user signal handler, x86_64 style
 * (Linux's arch/x86/kernel/signal.c).
 *
 * To call a handler we build a struct rt_sigframe on the user stack: the
 * return address (the SA_RESTORER trampoline, which calls rt_sigreturn),
 * a ucontext holding every register and the old signal mask, the
 * siginfo, and the FPU state.  Then the saved user registers are pointed
 * at the handler.  rt_sigreturn reads the frame back.  An interrupted
 * system call is restarted or fails with EINTR here, by SA_RESTART.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include <asm/segment.h>
#include <asm/processor.h>

/* The user-visible layouts (uapi/asm/sigcontext.h, ucontext.h). */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;		/* user pointer to the fxsave image */
	u64 reserved1[8];
};


struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	struct user_stack uc_stack;
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;
};

struct rt_sigframe {
	char *pretcode;
	struct ucontext uc;
	kernel_siginfo_t info;
};

#define FRAME_FP_SIZE	512
#define FL_USER_CHANGES	(0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x40000)

int get_signal(struct k_sigaction *ka, kernel_siginfo_t *info);
void restore_altstack(const struct user_stack *uss);
void fpu__clear_user_state(struct task_struct *t);

static void save_regs(struct sigcontext_64 *sc, struct pt_regs *regs, unsigned long mask)
{
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->di = regs->di; sc->si = regs->si; sc->bp = regs->bp; sc->bx = regs->bx;
	sc->dx = regs->dx; sc->ax = regs->ax; sc->cx = regs->cx; sc->sp = regs->sp;
	sc->ip = regs->ip; sc->flags = regs->flags; sc->cs = regs->cs; sc->ss = regs->ss;
	sc->gs = sc->fs = 0;
	/* the last fault's or trap's, as Linux's: a later kill() shows them again */
	sc->err = current->thread.error_code;
	sc->trapno = current->thread.trap_nr;
	sc->oldmask = mask;
	sc->cr2 = current->thread.cr2;
}

static void restore_regs(struct pt_regs *regs, const struct sigcontext_64 *sc)
{
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->di = sc->di; regs->si = sc->si; regs->bp = sc->bp; regs->bx = sc->bx;
	regs->dx = sc->dx; regs->ax = sc->ax; regs->cx = sc->cx; regs->sp = sc->sp;
	regs->ip = sc->ip;
	regs->flags = (regs->flags & ~FL_USER_CHANGES) | (sc->flags & FL_USER_CHANGES);
	regs->cs = __USER_CS;		/* never trust segment values from user memory */
	regs->ss = __USER_DS;
	regs->orig_ax = -1;		/* a sigreturn is not a restartable call */
}

/*
 * Where the frame goes (Linux's get_sigframe): below the red zone, or at
 * the top of the alternate stack for SA_ONSTACK.  A frame that would run
 * off the alternate stack gets an address that always fails, so the task
 * dies of SIGSEGV rather than write below the stack it was given.
 */
static unsigned long get_sigframe(struct k_sigaction *ka, struct pt_regs *regs)
{
	bool nested = on_sig_stack(regs->sp), entering = false;
	unsigned long sp = regs->sp - 128;	/* the x86_64 ABI's red zone */

	if ((ka->sa.sa_flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		entering = true;
	}
	sp = ALIGN_DOWN(sp - FRAME_FP_SIZE, 64);
	sp = ALIGN_DOWN(sp - sizeof(struct rt_sigframe), 16) - 8;	/* as after a call */
	if ((nested || entering) && !__on_sig_stack(sp)) {
		pr_info("%s[%d] overflowed sigaltstack\n", current->comm, task_pid_nr(current));
		return -1UL;
	}
	return sp;
}

/*
 * The most stack a signal frame takes, whatever the alignment of the
 * stack pointer: AT_MINSIGSTKSZ, so a C library can size an alternate
 * stack (Linux's get_sigframe_size).
 */
unsigned long get_sigframe_size(void)
{
	return ALIGN(63 + FRAME_FP_SIZE + 15 + sizeof(struct rt_sigframe) + 8, 16);
}

static int setup_rt_frame(int sig, struct k_sigaction *ka, kernel_siginfo_t *info,
			  struct pt_regs *regs)
{
	unsigned long addr = get_sigframe(ka, regs);
	struct rt_sigframe *frame = (struct rt_sigframe *)addr, kframe;
	void *fpstate = (void *)ALIGN_DOWN(addr + sizeof(kframe) + 63, 64);
	u8 fx[FRAME_FP_SIZE] __aligned(16);

	if (!(ka->sa.sa_flags & SA_RESTORER))
		return -EFAULT;		/* x86_64 has no kernel-provided trampoline */
	memset(&kframe, 0, sizeof(kframe));
	kframe.pretcode = ka->sa.sa_restorer;
	kframe.uc.uc_stack.ss_sp = (void *)current->sas_ss_sp;
	kframe.uc.uc_stack.ss_size = current->sas_ss_size;
	kframe.uc.uc_stack.ss_flags = current->sas_ss_flags;	/* as Linux: the flags as set */
	/* after sigsuspend, the handler returns to the mask from before it */
	if (test_tsk_thread_flag(current, TIF_RESTORE_SIGMASK)) {
		kframe.uc.uc_sigmask = current->saved_sigmask;
		clear_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	} else {
		kframe.uc.uc_sigmask = current->blocked;
	}
	save_regs(&kframe.uc.uc_mcontext, regs, kframe.uc.uc_sigmask.sig[0]);
	kframe.uc.uc_mcontext.fpstate = (u64)fpstate;
	kframe.info = *info;
	__asm__ __volatile__("fxsave64 %0" : "=m"(fx));
	if (copy_to_user(frame, &kframe, sizeof(kframe)) || copy_to_user(fpstate, fx, sizeof(fx)))
		return -EFAULT;
	regs->di = sig;
	regs->si = (unsigned long)&frame->info;
	regs->dx = (unsigned long)&frame->uc;
	regs->ax = 0;
	regs->sp = addr;
	regs->ip = (unsigned long)ka->sa.sa_handler;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags &= ~(0x100 | 0x400 | 0x10000 | X86_EFLAGS_AC);	/* TF, DF, RF, AC */
	fpu__clear_user_state(current);
	return 0;
}

/*
 * The handler is set to run: block sa_mask (and the signal itself unless
 * SA_NODEFER) while it does, and disarm an SS_AUTODISARM alternate stack
 * (the frame recorded it; rt_sigreturn puts it back).
 */
static void signal_delivered(int sig, struct k_sigaction *ka)
{
	sigset_t blocked = current->blocked;

	blocked.sig[0] |= ka->sa.sa_mask.sig[0];
	if (!(ka->sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, sig);
	set_current_blocked(&blocked);
	if (current->sas_ss_flags & SS_AUTODISARM)
		sas_ss_reset(current);
}

/*
 * Linux's signal_setup_done: a frame that could not be written (no stack,
 * an unmapped or overflowed alternate stack, no SA_RESTORER) is fatal.
 */
static void signal_setup_done(int failed, int sig, struct k_sigaction *ka)
{
	if (failed)
		force_sigsegv(sig);
	else
		signal_delivered(sig, ka);
}

/* Decides what an interrupted system call returns now that a handler runs. */
static void handle_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	if ((long)regs->orig_ax < 0)
		return;			/* not in a system call */
	switch ((long)regs->ax) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		regs->ax = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ka->sa.sa_flags & SA_RESTART)) {
			regs->ax = -EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		regs->ax = regs->orig_ax;
		regs->ip -= 2;		/* back over the syscall instruction */
		break;
	}
}

/* No handler ran: every kind of interrupted call is simply restarted. */
static void restart_without_handler(struct pt_regs *regs)
{
	if ((long)regs->orig_ax < 0)
		return;
	switch ((long)regs->ax) {
	case -ERESTARTNOHAND:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		regs->ax = regs->orig_ax;
		regs->ip -= 2;
		break;
	case -ERESTART_RESTARTBLOCK:
		regs->ax = __NR_restart_syscall;
		regs->ip -= 2;
		break;
	}
	regs->orig_ax = -1;
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct k_sigaction ka;
	kernel_siginfo_t info;
	int sig = get_signal(&ka, &info);

	if (sig) {
		handle_restart(regs, &ka);
		regs->orig_ax = -1;
		signal_setup_done(setup_rt_frame(sig, &ka, &info, regs), sig, &ka);
		return;
	}
	restart_without_handler(regs);
	if (test_tsk_thread_flag(current, TIF_RESTORE_SIGMASK)) {
		clear_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
		set_current_blocked(&current->saved_sigmask);
	}
}

/* A frame rt_sigreturn cannot read: SIGSEGV, with Linux's log line. */
static void signal_fault(struct pt_regs *regs, void *frame, const char *where)
{
	pr_info("%s[%d] bad frame in %s frame:%px ip:%lx sp:%lx orax:%lx\n", current->comm,
		task_pid_nr(current), where, frame, regs->ip, regs->sp, regs->orig_ax);
	force_sig(SIGSEGV);
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe *frame = (struct rt_sigframe *)(regs->sp - 8);
	struct ucontext uc;
	u8 fx[FRAME_FP_SIZE] __aligned(16);

	if (copy_from_user(&uc, &frame->uc, sizeof(uc)))
		goto badframe;
	if (uc.uc_mcontext.fpstate) {
		if (copy_from_user(fx, (void *)uc.uc_mcontext.fpstate, sizeof(fx)))
			goto badframe;
		*(u32 *)(fx + 24) &= 0xffff;	/* MXCSR: reserved bits would #GP */
		__asm__ __volatile__("fxrstor64 %0" :: "m"(fx));
	}
	sigdelset(&uc.uc_sigmask, SIGKILL);
	sigdelset(&uc.uc_sigmask, SIGSTOP);
	set_current_blocked(&uc.uc_sigmask);
	restore_regs(regs, &uc.uc_mcontext);
	restore_altstack(&uc.uc_stack);
	return regs->ax;

badframe:
	signal_fault(regs, frame, "rt_sigreturn");
	return 0;
}
