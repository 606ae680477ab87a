/*
 * user/sh/parse.c: the parser, a recursive descent over this grammar:
 *
 *	list	 := { and_or ( ';' | '&' | newline ) } [ and_or ]
 *	and_or	 := pipeline { ( '&&' | '||' ) newlines pipeline }
 *	pipeline := [ '!' ] command { '|' newlines command }
 *	command	 := { NAME=value } { word | redirection }	(at least one of them)
 *
 * Everything it builds lives in the caller's arena.  Input that ends
 * where more must follow ("a |", "a &&") is PARSE_INCOMPLETE, so that the
 * shell can read the next line; anything else out of place is an error,
 * reported as dash does: Syntax error: "|" unexpected.
 */
#include <stdio.h>
#include <string.h>
#include "sh.h"

struct parser {
	struct lexer lx;
	struct token tok;	/* the next token, not consumed yet */
	size_t prev_end;	/* where the last consumed token ended */
	int status;		/* a parse_result */
};

static bool advance(struct parser *p)
{
	p->prev_end = p->tok.end;
	p->status = lex_next(&p->lx, &p->tok);
	return p->status == PARSE_OK;
}

static void unexpected(struct parser *p)
{
	const struct token *t = &p->tok;

	if (t->type == TK_EOF) {
		p->status = PARSE_INCOMPLETE;
		return;
	}
	if (t->type == TK_NEWLINE)
		sh_error("Syntax error: newline unexpected");
	else
		sh_error("Syntax error: \"%.*s\" unexpected", (int)(t->end - t->start),
			 p->lx.s + t->start);
	p->status = PARSE_ERROR;
}

/* After | && ||, newlines may come before the rest. */
static bool skip_newlines(struct parser *p)
{
	while (p->tok.type == TK_NEWLINE)
		if (!advance(p))
			return false;
	return true;
}

static struct word *new_word(struct parser *p)
{
	struct word *w = arena_alloc(p->lx.arena, sizeof(*w));

	w->text = p->tok.text;
	return w;
}

/* A redirection: its operator (the current token) and the word after it. */
static struct redir *parse_redir(struct parser *p)
{
	struct redir *r = arena_alloc(p->lx.arena, sizeof(*r));

	r->op = p->tok.op;
	r->fd = p->tok.fd;
	if (!advance(p))
		return NULL;
	if (p->tok.type != TK_WORD) {
		if (p->tok.type == TK_EOF)
			p->tok.type = TK_NEWLINE;	/* "a >" then the end: not incomplete */
		unexpected(p);
		return NULL;
	}
	r->word = p->tok.text;
	return advance(p) ? r : NULL;
}

static struct command *parse_command(struct parser *p)
{
	struct command *c = arena_alloc(p->lx.arena, sizeof(*c));
	struct word **assign_tail = &c->assigns, **word_tail = &c->words;
	struct redir **redir_tail = &c->redirs;

	for (;;) {
		if (p->tok.type == TK_WORD && !c->words && is_assignment(p->tok.text)) {
			*assign_tail = new_word(p);
			assign_tail = &(*assign_tail)->next;
		} else if (p->tok.type == TK_WORD) {
			*word_tail = new_word(p);
			word_tail = &(*word_tail)->next;
		} else if (p->tok.type == TK_REDIR) {
			if (!(*redir_tail = parse_redir(p)))
				return NULL;
			redir_tail = &(*redir_tail)->next;
			continue;
		} else {
			break;
		}
		if (!advance(p))
			return NULL;
	}
	if (!c->assigns && !c->words && !c->redirs) {
		unexpected(p);
		return NULL;
	}
	return c;
}

static struct pipeline *parse_pipeline(struct parser *p)
{
	struct pipeline *pl = arena_alloc(p->lx.arena, sizeof(*pl));
	struct command **tail = &pl->cmds;

	if (p->tok.type == TK_WORD && !strcmp(p->tok.text, "!")) {
		pl->negate = true;
		if (!advance(p))
			return NULL;
	}
	for (;;) {
		if (!(*tail = parse_command(p)))
			return NULL;
		tail = &(*tail)->next;
		pl->ncmds++;
		if (p->tok.type != TK_PIPE)
			return pl;
		if (!advance(p) || !skip_newlines(p))
			return NULL;
	}
}

static struct andor *parse_andor(struct parser *p)
{
	struct andor *first = NULL, **tail = &first;
	enum andor_op op = AO_FIRST;

	for (;;) {
		struct andor *a = arena_alloc(p->lx.arena, sizeof(*a));

		a->op = op;
		if (!(a->pipeline = parse_pipeline(p)))
			return NULL;
		*tail = a;
		tail = &a->next;
		if (p->tok.type != TK_AND && p->tok.type != TK_OR)
			return first;
		op = p->tok.type == TK_AND ? AO_AND : AO_OR;
		if (!advance(p) || !skip_newlines(p))
			return NULL;
	}
}

/* One and-or list and its terminator; NULL at the end of the input or on an error. */
static struct list *parse_item(struct parser *p)
{
	struct list *item = arena_alloc(p->lx.arena, sizeof(*item));
	size_t start;

	if (!skip_newlines(p) || p->tok.type == TK_EOF)
		return NULL;
	start = p->tok.start;
	if (!(item->andor = parse_andor(p)))
		return NULL;
	item->text = arena_strndup(p->lx.arena, p->lx.s + start, p->prev_end - start);
	switch (p->tok.type) {
	case TK_AMP:
		item->background = true;
		/* fall through */
	case TK_SEMI:
	case TK_NEWLINE:
		return advance(p) ? item : NULL;
	case TK_EOF:
		return item;
	default:
		unexpected(p);
		return NULL;
	}
}

/* Parses all of text into *out. */
enum parse_result parse(const char *text, struct arena *a, struct list **out)
{
	struct parser p = { .lx = { text, 0, a } };
	struct list **tail = out;

	*out = NULL;
	if (!advance(&p))
		return p.status;
	while ((*tail = parse_item(&p)))
		tail = &(*tail)->next;
	return p.status;
}
