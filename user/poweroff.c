/*
 * user/poweroff.c: poweroff: flush the file systems and turn the machine off.
 *
 * There is no init daemon to ask, so it calls reboot(2) itself.  Inside a
 * child PID namespace Linux (and Matryoshka) turn that call into killing
 * the namespace's init instead: the machine stays up.
 */
#include <err.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	err(1, "reboot");
}
