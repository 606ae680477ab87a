/*
 * kernel/params.c: the kernel command line.
 *
 * Words are "name" or "name=value".  __setup()/early_param() handlers
 * claim theirs; as in Linux, what nobody claims is reported once
 * ("Unknown kernel command line parameters ...") and handed to init:
 * "name=value" words as environment, bare words as arguments.  Everything
 * after "--" goes to init untouched.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <asm/setup.h>

#define MAX_INIT_ARGS	32

char boot_command_line[COMMAND_LINE_SIZE];
static char parse_buf[COMMAND_LINE_SIZE];	/* parse_args cuts this one up */

extern const struct obs_kernel_param __setup_start[], __setup_end[];

const char *argv_init[MAX_INIT_ARGS + 2] = { "init", NULL };	/* [0] is set at exec */
const char *envp_init[MAX_INIT_ARGS + 2] = { "HOME=/", "TERM=linux", NULL };
static int nr_argv = 1, nr_envp = 2;

/* The handler registered for @word ("name" or "name=..."), or NULL. */
static const struct obs_kernel_param *find_param(const char *word, char **val)
{
	const struct obs_kernel_param *p;
	size_t n = strchrnul(word, '=') - word;

	for (p = __setup_start; p < __setup_end; p++) {
		if (strlen(p->str) == n && !strncmp(p->str, word, n)) {
			*val = word[n] == '=' ? (char *)word + n + 1 : NULL;
			return p;
		}
	}
	return NULL;
}

/* Splits the next word off *s in place; NULL at the end. */
static char *next_word(char **s)
{
	char *w = skip_spaces(*s), *e;

	if (!*w)
		return NULL;
	for (e = w; *e && !isspace(*e); e++)
		;
	if (*e)
		*e++ = '\0';
	*s = e;
	return w;
}

/* Runs the early_param handlers (loglevel, quiet ...) before anything prints much. */
void parse_early_param(void)
{
	char buf[COMMAND_LINE_SIZE], *s = buf, *w, *val;
	const struct obs_kernel_param *p;

	strlcpy(buf, boot_command_line, sizeof(buf));
	while ((w = next_word(&s)) && strcmp(w, "--"))
		if ((p = find_param(w, &val)) && p->early)
			p->setup_func(val);
}

static void pass_to_init(char *w)
{
	if (strchr(w, '=')) {
		if (nr_envp < MAX_INIT_ARGS)
			envp_init[nr_envp++] = w;
	} else if (nr_argv < MAX_INIT_ARGS) {
		argv_init[nr_argv++] = w;
	}
}

/* Runs the ordinary handlers and reports, once, the words nobody claimed. */
void parse_args_unknown(void)
{
	char unknown[COMMAND_LINE_SIZE] = "", *s = parse_buf, *w, *val;
	const struct obs_kernel_param *p;

	strlcpy(parse_buf, boot_command_line, sizeof(parse_buf));
	while ((w = next_word(&s))) {
		if (!strcmp(w, "--")) {
			while ((w = next_word(&s)))
				pass_to_init(w);
			break;
		}
		p = find_param(w, &val);
		if (p) {
			if (!p->early && p->setup_func(val))
				pr_warn("Malformed kernel command line parameter: %s\n", w);
			continue;
		}
		if (unknown[0])
			strlcat(unknown, " ", sizeof(unknown));
		strlcat(unknown, w, sizeof(unknown));
		pass_to_init(w);
	}
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  unknown);
}
