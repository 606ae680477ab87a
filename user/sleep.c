/*
 * user/sleep.c: sleep NUMBER[SUFFIX]...: pause for the sum of the times.
 *
 * NUMBER is decimal seconds ("0.25", or "inf"); SUFFIX is s, m, h or d as in coreutils.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Parses one interval; returns seconds, or -1 if it is not one. */
static double parse_interval(const char *arg)
{
	char *end;
	double secs = strtod(arg, &end);

	if (end == arg || secs < 0)
		return -1;
	if (!*end)
		return secs;
	if (end[1])
		return -1;
	switch (*end) {
	case 's': return secs;
	case 'm': return secs * 60;
	case 'h': return secs * 60 * 60;
	case 'd': return secs * 60 * 60 * 24;
	}
	return -1;
}

int main(int argc, char **argv)
{
	double total = 0;
	struct timespec ts;

	if (argc < 2)
		errx(1, "missing operand");
	for (int i = 1; i < argc; i++) {
		double secs = parse_interval(argv[i]);

		if (secs < 0)
			errx(1, "invalid time interval '%s'", argv[i]);
		total += secs;
	}
	if (total > INT_MAX)	/* "sleep inf": as long as we may */
		total = INT_MAX;
	ts.tv_sec = (time_t)total;
	ts.tv_nsec = (long)((total - (double)ts.tv_sec) * 1e9);
	/* A signal with a handler (none here, but SIGCONT after a stop) may cut it short. */
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return 0;
}
