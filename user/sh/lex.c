/*
 * user/sh/lex.c: the tokenizer.
 *
 * Splits input into words and operators (| || & && ; newline, and the
 * redirections < > >> <> <& >& >| with an optional fd number before
 * them, as in "2>&1").  A word keeps its quotes and backslashes: only
 * expansion, later, knows which parts were quoted.  The lexer just has
 * to find where a word ends, which is at an unquoted blank or operator.
 *
 * Input may end inside a quote, or with a backslash-newline: the lexer
 * says PARSE_INCOMPLETE and the shell reads another line.
 */
#include <ctype.h>
#include <string.h>
#include "sh.h"

static bool is_meta(char c)
{
	return c && strchr(" \t\n;&|<>()", c);
}

/* Skips blanks, line continuations (backslash-newline) and a comment. */
static int skip_blanks(struct lexer *lx)
{
	const char *s = lx->s;

	for (;;) {
		if (s[lx->pos] == ' ' || s[lx->pos] == '\t') {
			lx->pos++;
		} else if (s[lx->pos] == '\\' && s[lx->pos + 1] == '\n') {
			if (!s[lx->pos + 2])
				return PARSE_INCOMPLETE;
			lx->pos += 2;
		} else if (s[lx->pos] == '#') {
			while (s[lx->pos] && s[lx->pos] != '\n')
				lx->pos++;
		} else {
			return PARSE_OK;
		}
	}
}

/* The end of the quoted text starting at s[pos] (a quote), or 0 if it does not end. */
static size_t quote_end(const char *s, size_t pos)
{
	char quote = s[pos++];

	for (; s[pos] && s[pos] != quote; pos++)
		if (quote == '"' && s[pos] == '\\' && s[pos + 1])
			pos++;
	return s[pos] ? pos + 1 : 0;
}

static int read_word(struct lexer *lx, struct token *t)
{
	const char *s = lx->s;
	size_t pos = lx->pos;

	while (s[pos] && !is_meta(s[pos])) {
		if (s[pos] == '\'' || s[pos] == '"') {
			pos = quote_end(s, pos);
			if (!pos)
				return PARSE_INCOMPLETE;
		} else if (s[pos] == '\\' && s[pos + 1]) {
			if (s[pos + 1] == '\n' && !s[pos + 2])
				return PARSE_INCOMPLETE;
			pos += 2;
		} else {
			pos++;
		}
	}
	t->type = TK_WORD;
	t->text = arena_strndup(lx->arena, s + lx->pos, pos - lx->pos);
	lx->pos = pos;
	return PARSE_OK;
}

/* A redirection operator at s[pos]; fd is the number written before it, or -1. */
static int read_redir(struct lexer *lx, struct token *t, int fd)
{
	const char *s = lx->s + lx->pos;
	int len = 2;

	if (!strncmp(s, "<<", 2)) {
		sh_error("Syntax error: here-documents are not supported");
		return PARSE_ERROR;
	}
	if (!strncmp(s, ">>", 2))
		t->op = R_APPEND;
	else if (!strncmp(s, "<>", 2))
		t->op = R_RDWR;
	else if (!strncmp(s, "<&", 2) || !strncmp(s, ">&", 2))
		t->op = R_DUP;
	else if (!strncmp(s, ">|", 2))
		t->op = R_OUT;
	else {
		t->op = *s == '<' ? R_IN : R_OUT;
		len = 1;
	}
	t->type = TK_REDIR;
	t->fd = fd >= 0 ? fd : (*s == '<' ? 0 : 1);
	lx->pos += len;
	return PARSE_OK;
}

/* An operator made of one or two characters, like "|" and "||". */
static bool read_operator(struct lexer *lx, struct token *t)
{
	static const struct {
		const char *text;
		enum token_type type;
	} ops[] = {
		{ "&&", TK_AND }, { "||", TK_OR }, { "&", TK_AMP }, { "|", TK_PIPE },
		{ ";", TK_SEMI }, { "\n", TK_NEWLINE },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t len = strlen(ops[i].text);

		if (!strncmp(lx->s + lx->pos, ops[i].text, len)) {
			t->type = ops[i].type;
			lx->pos += len;
			return true;
		}
	}
	return false;
}

/* Digits right before '<' or '>' are the fd the redirection is for. */
static int io_number(const struct lexer *lx, size_t *len)
{
	const char *s = lx->s + lx->pos;
	size_t n = 0;
	int fd = 0;

	for (; isdigit((unsigned char)s[n]) && n < 5; n++)
		fd = fd * 10 + (s[n] - '0');
	if (n == 0 || (s[n] != '<' && s[n] != '>'))
		return -1;
	*len = n;
	return fd;
}

/* Reads the next token into t; returns a parse_result. */
int lex_next(struct lexer *lx, struct token *t)
{
	int r = skip_blanks(lx);
	size_t len;
	int fd;

	memset(t, 0, sizeof(*t));
	t->start = lx->pos;
	if (r != PARSE_OK)
		return r;
	if (!lx->s[lx->pos]) {
		t->type = TK_EOF;
	} else if ((fd = io_number(lx, &len)) >= 0) {
		lx->pos += len;
		r = read_redir(lx, t, fd);
	} else if (lx->s[lx->pos] == '<' || lx->s[lx->pos] == '>') {
		r = read_redir(lx, t, -1);
	} else if (lx->s[lx->pos] == '(' || lx->s[lx->pos] == ')') {
		sh_error("Syntax error: \"%c\" unexpected (subshells are not supported)",
			 lx->s[lx->pos]);
		r = PARSE_ERROR;
	} else if (!read_operator(lx, t)) {
		r = read_word(lx, t);
	}
	t->end = lx->pos;
	return r;
}
