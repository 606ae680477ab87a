/*
 * user/uname.c: uname [-asnrvm]: print what uname(2) says about the system.
 *
 * Fields always come out in the kernel's order (sysname nodename release
 * version machine), whatever the order of the options; with none, -s.
 */
#include <err.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

enum { SYSNAME = 1, NODENAME = 2, RELEASE = 4, VERSION = 8, MACHINE = 16 };

int main(int argc, char **argv)
{
	struct utsname u;
	int opt, which = 0, first = 1;

	while ((opt = getopt(argc, argv, "asnrvm")) != -1) {
		switch (opt) {
		case 'a': which |= SYSNAME | NODENAME | RELEASE | VERSION | MACHINE; break;
		case 's': which |= SYSNAME; break;
		case 'n': which |= NODENAME; break;
		case 'r': which |= RELEASE; break;
		case 'v': which |= VERSION; break;
		case 'm': which |= MACHINE; break;
		default: return 1;
		}
	}
	if (!which)
		which = SYSNAME;
	if (uname(&u) < 0)
		err(1, "cannot get system name");
	const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	for (int i = 0; i < 5; i++) {
		if (!(which & (1 << i)))
			continue;
		printf("%s%s", first ? "" : " ", fields[i]);
		first = 0;
	}
	putchar('\n');
	return 0;
}
