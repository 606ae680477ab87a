/*
 * user/sh/expand.c: word expansion, turning raw words into argv strings.
 *
 * In one pass over each word, left to right:
 *   - '...' keeps everything inside as it is;
 *   - "..." keeps everything except $ expansions and \ before $ ` " \ newline;
 *   - \c outside quotes keeps c (and backslash-newline disappears);
 *   - $NAME, ${NAME}, $?, $$, $!, $#, $0..$9, $@, $* are replaced by values;
 *   - ~ at the start of a word (alone or before '/') is $HOME.
 * Unquoted expansion results are then split into fields at blanks (the
 * default IFS: space, tab, newline): with A="1 2", `echo $A` has two
 * arguments and `echo "$A"` one.  A word that expands to nothing at all
 * unquoted disappears; "" stays as an empty argument.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct expander {
	struct strbuf field;	/* the field being built */
	bool have_field;	/* it exists, even if empty: something quoted was in it */
	struct strvec *out;	/* the fields; NULL: no splitting, one string */
	bool at_empty;		/* "$@" with no arguments: no field from this quote */
};

static void end_field(struct expander *e)
{
	if (e->have_field)
		sv_push(e->out, xstrdup(e->field.s ? e->field.s : ""));
	sb_reset(&e->field);
	e->have_field = false;
}

/* Adds text; from an unquoted expansion (split), blanks end the field. */
static void add_text(struct expander *e, const char *s, bool split)
{
	for (; *s; s++) {
		if (split && e->out && strchr(" \t\n", *s)) {
			end_field(e);
			continue;
		}
		sb_addc(&e->field, *s);
		e->have_field = true;
	}
}

/* $1.. $9 and $0, or "" past the last argument. */
static const char *positional(int n)
{
	if (n == 0)
		return sh.arg0;
	return n <= sh.nargs ? sh.args[n - 1] : "";
}

/* The arguments joined by spaces: $* and unquoted $@. */
static void add_all_args(struct expander *e, bool split)
{
	for (int i = 0; i < sh.nargs; i++) {
		if (i)
			add_text(e, " ", split);
		add_text(e, sh.args[i], split);
	}
}

/* "$@": each argument a field of its own. */
static void add_args_as_fields(struct expander *e)
{
	if (!e->out) {
		add_all_args(e, false);
		return;
	}
	for (int i = 0; i < sh.nargs; i++) {
		if (i)
			end_field(e);
		add_text(e, sh.args[i], false);
		e->have_field = true;
	}
	if (sh.nargs == 0)
		e->at_empty = true;
}

/* The value of a special parameter ($? $$ $! $#, or a digit), into buf. */
static const char *special_value(char c, char *buf, size_t size)
{
	switch (c) {
	case '?': snprintf(buf, size, "%d", sh.status); return buf;
	case '$': snprintf(buf, size, "%d", (int)sh.pid); return buf;
	case '#': snprintf(buf, size, "%d", sh.nargs); return buf;
	case '!':
		if (!sh.last_bg)
			return "";
		snprintf(buf, size, "%d", (int)sh.last_bg);
		return buf;
	}
	return positional(c - '0');
}

/*
 * The parameter named at *p (just after a '$'): adds its value and moves
 * *p past the name.  Returns false, leaving *p, when no name follows: the
 * '$' is then an ordinary character.
 */
static bool expand_parameter(struct expander *e, const char **p, bool quoted)
{
	const char *s = *p, *name = s, *end;
	char buf[32];
	bool braces = *s == '{';

	if (braces)
		name = ++s;
	end = s;
	if (*s && strchr("?$#!@*0123456789", *s))
		end++;
	else if (isalpha((unsigned char)*s) || *s == '_')
		while (isalnum((unsigned char)*end) || *end == '_')
			end++;
	if (end == s || (braces && *end != '}'))
		return false;
	*p = end + braces;
	if (*name == '@' && quoted)
		add_args_as_fields(e);
	else if (*name == '@' || *name == '*')
		add_all_args(e, !quoted);
	else if (strchr("?$#!0123456789", *name))
		add_text(e, special_value(*name, buf, sizeof(buf)), !quoted);
	else {
		char var[256];
		const char *value;

		snprintf(var, sizeof(var), "%.*s", (int)(end - name), name);
		value = var_get(var);
		add_text(e, value ? value : "", !quoted);
	}
	return true;
}

/* A literal character, quoted or not: the field exists now, even if c is all it holds. */
static void add_char(struct expander *e, char c)
{
	sb_addc(&e->field, c);
	e->have_field = true;
}

/* Inside "...", from just after the opening quote; returns the position after the closing one. */
static const char *expand_double_quoted(struct expander *e, const char *p)
{
	bool outer_at_empty = e->at_empty;

	e->at_empty = false;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1] && strchr("$`\"\\\n", p[1])) {
			if (p[1] != '\n')
				add_char(e, p[1]);
			p += 2;
		} else if (*p == '$') {
			p++;
			if (!expand_parameter(e, &p, true))
				add_char(e, '$');
		} else {
			add_char(e, *p++);
		}
	}
	/* "" is an empty argument, but "$@" without arguments is none */
	if (!e->at_empty)
		e->have_field = true;
	e->at_empty = outer_at_empty;
	return *p ? p + 1 : p;
}

/* Inside '...': everything as it is. */
static const char *expand_single_quoted(struct expander *e, const char *p)
{
	e->have_field = true;
	while (*p && *p != '\'')
		add_char(e, *p++);
	return *p ? p + 1 : p;
}

/* ~ or ~/...: the home directory. */
static const char *expand_tilde(struct expander *e, const char *p)
{
	const char *home = var_get("HOME");

	if (p[1] != '\0' && p[1] != '/')
		return p;
	add_text(e, home ? home : "~", false);
	e->have_field = true;
	return p + 1;
}

static void expand_raw(struct expander *e, const char *p)
{
	if (*p == '~')
		p = expand_tilde(e, p);
	while (*p) {
		if (*p == '\'') {
			p = expand_single_quoted(e, p + 1);
		} else if (*p == '"') {
			p = expand_double_quoted(e, p + 1);
		} else if (*p == '\\' && p[1]) {
			if (p[1] != '\n')
				add_char(e, p[1]);
			p += 2;
		} else if (*p == '$') {
			p++;
			if (!expand_parameter(e, &p, false))
				add_char(e, '$');
		} else {
			add_char(e, *p++);
		}
	}
}

/* Expands one of a command's words into fields (none, one or more), appended to out. */
void expand_word(const char *raw, struct strvec *out)
{
	struct expander e = { .out = out };

	expand_raw(&e, raw);
	end_field(&e);
	sb_free(&e.field);
}

/* Expands one word without splitting it (an assignment's value, a file name); malloc'd. */
char *expand_string(const char *raw)
{
	struct expander e = { .out = NULL };
	char *s;

	expand_raw(&e, raw);
	s = xstrdup(e.field.s ? e.field.s : "");
	sb_free(&e.field);
	return s;
}
