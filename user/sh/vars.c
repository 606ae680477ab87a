/*
 * user/sh/vars.c: shell variables and the environment passed to commands.
 *
 * Variables live in one list sorted by name.  Those imported from the
 * environment, and those named by `export`, are exported: every command
 * the shell starts gets them in its environment, plus the assignments
 * written before its name ("A=1 cmd"), which affect that command only.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var {
	char *name;
	char *value;		/* NULL: exported by name but not set */
	bool exported;
	struct var *next;
};

static struct var *vars;

/* A valid variable name: a letter or '_', then letters, digits and '_'. */
bool is_name(const char *s, size_t len)
{
	if (len == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

/* "NAME=..." with NAME a valid name (and not quoted). */
bool is_assignment(const char *word)
{
	const char *eq = strchr(word, '=');

	return eq && is_name(word, eq - word);
}

/* The variable called name, or where it would go: the link that points at it. */
static struct var **lookup(const char *name)
{
	struct var **link = &vars;

	while (*link && strcmp((*link)->name, name) < 0)
		link = &(*link)->next;
	return link;
}

static struct var *find(const char *name)
{
	struct var *v = *lookup(name);

	return v && !strcmp(v->name, name) ? v : NULL;
}

static struct var *find_or_add(const char *name)
{
	struct var **link = lookup(name), *v = *link;

	if (v && !strcmp(v->name, name))
		return v;
	v = xcalloc(1, sizeof(*v));
	v->name = xstrdup(name);
	v->next = *link;
	*link = v;
	return v;
}

const char *var_get(const char *name)
{
	struct var *v = find(name);

	return v ? v->value : NULL;
}

void var_set(const char *name, const char *value)
{
	struct var *v = find_or_add(name);

	free(v->value);
	v->value = xstrdup(value);
}

void var_export(const char *name)
{
	find_or_add(name)->exported = true;
}

void var_unset(const char *name)
{
	struct var **link = lookup(name), *v = *link;

	if (!v || strcmp(v->name, name))
		return;
	*link = v->next;
	free(v->name);
	free(v->value);
	free(v);
}

/* Sets a variable from "NAME=value" (NAME already checked); returns it. */
static struct var *assign(const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	char *name = xstrdup(assignment);
	struct var *v;

	name[eq - assignment] = '\0';
	v = find_or_add(name);
	free(name);
	free(v->value);
	v->value = xstrdup(eq + 1);
	return v;
}

/* An expanded assignment word, as in "A=1" alone on a command line. */
void var_assign(const char *assignment)
{
	assign(assignment);
}

/* The shell starts with its environment as exported variables. */
void vars_import(char **envp)
{
	for (; envp && *envp; envp++)
		if (is_assignment(*envp))
			assign(*envp)->exported = true;
}

/* `export` alone: each exported variable as a command that would recreate it. */
void vars_print_exports(void)
{
	for (struct var *v = vars; v; v = v->next) {
		if (!v->exported)
			continue;
		printf("export %s", v->name);
		if (v->value) {
			fputs("='", stdout);
			for (const char *c = v->value; *c; c++) {
				if (*c == '\'')
					fputs("'\\''", stdout);	/* end quote, \', quote again */
				else
					putchar(*c);
			}
			putchar('\'');
		}
		putchar('\n');
	}
}

/* Is name assigned by one of extra's "NAME=value" strings? */
static bool overridden(const char *name, const struct strvec *extra)
{
	size_t len = strlen(name);

	for (int i = 0; extra && i < extra->n; i++)
		if (!strncmp(extra->v[i], name, len) && extra->v[i][len] == '=')
			return true;
	return false;
}

/* The environment for a new program: exported variables, overridden by extra; malloc'd. */
char **vars_environ(const struct strvec *extra)
{
	struct strvec env = { NULL, 0, 0 };

	for (struct var *v = vars; v; v = v->next) {
		char *entry;

		if (!v->exported || !v->value || overridden(v->name, extra))
			continue;
		entry = xmalloc(strlen(v->name) + strlen(v->value) + 2);
		sprintf(entry, "%s=%s", v->name, v->value);
		sv_push(&env, entry);
	}
	for (int i = 0; extra && i < extra->n; i++)
		sv_push(&env, xstrdup(extra->v[i]));
	if (!env.v)
		env.v = xcalloc(1, sizeof(*env.v));
	return env.v;
}
