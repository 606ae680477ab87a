/* user/pwd.c: pwd: print the current working directory, as the kernel knows it. */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd)))
		err(1, "getcwd");
	puts(cwd);
	return 0;
}
