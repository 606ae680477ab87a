/*
 * kernel/params.c: the kernel command line.
 *
 * Words are "name" or "name=value".  __setup()/early_param() handlers
 * claim theirs; as in Linux, what nobody claims is reported once
 * ("Unknown kernel command line parameters ...") and handed to init:
 * "name=value" words as environment, bare words as arguments.  Everything
 * after "--" goes to init untouched.  As in Linux, init gets at most
 * MAX_INIT_ENVS environment words and MAX_INIT_ARGS arguments (32 each,
 * with the first slot and one more, as Linux's loops count); a word past
 * that is not dropped in silence: start_kernel panics with "Too many boot
 * env vars at `WORD'" (or "init vars") once the console is up.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <asm/setup.h>

#define MAX_INIT_ARGS	32	/* Linux's CONFIG_INIT_ENV_ARG_LIMIT */
#define MAX_INIT_ENVS	32

char boot_command_line[COMMAND_LINE_SIZE];
static char parse_buf[COMMAND_LINE_SIZE];	/* parse_args cuts this one up */

extern const struct obs_kernel_param __setup_start[], __setup_end[];

const char *argv_init[MAX_INIT_ARGS + 2] = { "init", NULL };	/* [0] is set at exec */
const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux", NULL };
const char *panic_later, *panic_param;	/* "env" or "init", and the word that overflowed */

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
	while ((w = next_word(&s)) && strcmp(w, "--")) {
		p = find_param(w, &val);
		if (p && p->early && p->setup_func(val)) {
			*strchrnul(w, '=') = '\0';	/* Linux names the option, not its value */
			pr_warn("Malformed early option '%s'\n", w);
		}
	}
}

/* Linux's set_init_arg: one more argument for init. */
static void set_init_arg(char *w)
{
	unsigned int i;

	if (panic_later)
		return;
	for (i = 0; argv_init[i]; i++) {
		if (i == MAX_INIT_ARGS) {
			panic_later = "init";
			panic_param = w;
			return;
		}
	}
	argv_init[i] = w;
}

/*
 * Linux's unknown_bootoption, for a word nobody claimed: NAME=VALUE goes
 * to init's environment (replacing an earlier NAME=), anything else to its
 * arguments.  The loops and their limits are Linux's, word for word.
 */
static void pass_to_init(char *w)
{
	size_t len = strchrnul(w, '=') - w;
	unsigned int i;

	if (panic_later)
		return;
	if (!w[len]) {
		set_init_arg(w);
		return;
	}
	for (i = 0; envp_init[i]; i++) {
		if (i == MAX_INIT_ENVS) {
			panic_later = "env";
			panic_param = w;
		}
		if (!strncmp(w, envp_init[i], len + 1))
			break;
	}
	envp_init[i] = w;
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
				set_init_arg(w);
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
