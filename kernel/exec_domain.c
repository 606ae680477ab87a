/*
 * kernel/exec_domain.c: personality(2) (Linux's kernel/exec_domain.c).
 *
 * The personality is a word of flags a process keeps over fork and exec
 * (a set-id exec clears PER_CLEAR_ON_SETID of it, fs/exec.c).  Linux
 * once switched between execution domains with it; what is left is
 * flags like ADDR_NO_RANDOMIZE, which `setarch -R` and gdb set so that a
 * program they start has the same addresses every run (mm/util.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/personality.h>

/* Sets the personality unless @personality is 0xffffffff (a query); returns the old one. */
SYSCALL_DEFINE1(personality, unsigned int, personality)
{
	unsigned int old = current->personality;

	if (personality != 0xffffffff)
		current->personality = personality;
	return old;
}
