/*
 * user/kill.c: send a signal to processes (procps-ng's kill, in small).
 *
 *	kill [-s NAME | -NAME | -NUMBER] [--] PID|-PGID...
 *	kill -l [NAME | NUMBER]
 *
 * The default signal is TERM.  A negative number is a process group, as
 * kill(2) reads it.  Names may carry the "SIG" prefix or not.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Linux x86_64 numbering: signames[N] is signal N. */
static const char *const signames[] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
	"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT",
	"STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
	"WINCH", "POLL", "PWR", "SYS",
};
#define NSIGNAMES ((int)(sizeof(signames) / sizeof(signames[0])))

/* A signal number from "9", "KILL" or "SIGKILL"; -1 if it is none. */
static int parse_signal(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (isdigit((unsigned char)*s))
		return (*end || n < 0 || n >= 65) ? -1 : (int)n;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (int i = 1; i < NSIGNAMES; i++)
		if (!strcasecmp(s, signames[i]))
			return i;
	return -1;
}

/* kill -l: every name, 16 to a line; kill -l X: convert a name to a number or back. */
static int list_signals(const char *arg)
{
	int sig;

	if (!arg) {
		for (int i = 1; i < NSIGNAMES; i++)
			printf("%s%c", signames[i], (i % 16 == 0 || i + 1 == NSIGNAMES) ? '\n' : ' ');
		return 0;
	}
	if (!isdigit((unsigned char)*arg)) {
		if ((sig = parse_signal(arg)) < 0)
			errx(1, "unknown signal name %s", arg);
		printf("%d\n", sig);
		return 0;
	}
	sig = atoi(arg);
	if (sig >= 128)		/* a shell's exit status 128+N names signal N too */
		sig -= 128;
	if (sig < 1 || sig >= NSIGNAMES)
		errx(1, "unknown signal name %s", arg);
	printf("%s\n", signames[sig]);
	return 0;
}

static int send_all(int sig, char **pids)
{
	int status = 0;

	for (; *pids; pids++) {
		char *end;
		long pid = strtol(*pids, &end, 10);

		if (end == *pids || *end) {
			warnx("cannot find process \"%s\"", *pids);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			warnx("(%ld): %s", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}

/*
 * Reads the signal option, if any, into *sig and returns the first pid.
 * A first argument "-9" is always the signal: group 42 is "kill -- -42".
 */
static char **parse_options(char **arg, int *sig)
{
	const char *name = NULL;

	if (*arg && !strcmp(*arg, "-s")) {
		if (!arg[1])
			errx(1, "option requires an argument -- 's'");
		name = arg[1];
		arg += 2;
	} else if (*arg && (*arg)[0] == '-' && (*arg)[1] && strcmp(*arg, "--")) {
		name = *arg + 1;
		arg++;
	}
	if (name && (*sig = parse_signal(name)) < 0)
		errx(1, "unknown signal name %s", name);
	if (*arg && !strcmp(*arg, "--"))
		arg++;
	return arg;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM;
	char **pids;

	(void)argc;
	if (argv[1] && !strcmp(argv[1], "-l"))
		return list_signals(argv[2]);
	pids = parse_options(argv + 1, &sig);
	if (!*pids)
		errx(1, "usage: kill [-s SIGNAL | -SIGNAL] PID|-PGID... | kill -l [SIGNAL]");
	return send_all(sig, pids);
}
