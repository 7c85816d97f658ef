/* SPDX-License-Identifier: ISC */
/*
 * filter.c: parse and evaluate --select expressions (see filter.h).
 * A small recursive-descent parser over a token list; the tree is
 * evaluated per entry.  Only nesting recurses, and nesting is limited
 * (FILTER_MAX_DEPTH): 40,000 '(' once overflowed the stack.  A chain
 * of and or or, as long as the command line allows, is walked in a
 * loop when it is evaluated and freed.
 */
#include "config.h"

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "select/filter.h"
#include "text/names.h"
#include "text/rich.h"

enum op {
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_HAS_TEXT, OP_REGEX
};

enum node_type {
	F_AND, F_OR, F_NOT, F_TEST, F_HAS, F_SELECTED, F_ME, F_FIRST
};

struct filter {
	enum node_type	 type;
	struct filter	*left, *right;	/* F_AND, F_OR; F_NOT uses left */
	char		*field;		/* F_TEST, F_HAS */
	enum op		 op;
	char		*value;		/* folded for text tests */
	regex_t		 re;
	int		 has_re;
};

struct parser {
	const char	*start, *p;
	const char	*error;
	int		 column;
	int		 depth;		/* '(' and not around p */
};

static void
fail(struct parser *ps, const char *at, const char *error)
{
	if (ps->error == NULL) {
		ps->error = error;
		ps->column = (int)(at - ps->start) + 1;
	}
}

static void
skip_space(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static int
is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '+' ||
	    c == '-' || c == '.' || (unsigned char)c >= 0x80;
}

/* Consume a keyword if it is next (and not the start of a longer word). */
static int
keyword(struct parser *ps, const char *word)
{
	size_t	 n = strlen(word);

	skip_space(ps);
	if (strncasecmp(ps->p, word, n) != 0)
		return 0;
	if (isalpha((unsigned char)word[0]) && is_word_char(ps->p[n]))
		return 0;
	ps->p += n;
	return 1;
}

static struct filter *
node(enum node_type type)
{
	struct filter	*f = xcalloc(1, sizeof(*f));

	f->type = type;
	return f;
}

/* A bare word or a "quoted string" (with \" and \\). */
static char *
read_value(struct parser *ps)
{
	struct buf	 b = { 0 };
	const char	*start;

	skip_space(ps);
	start = ps->p;
	if (*ps->p == '"') {
		for (ps->p++; *ps->p != '"'; ps->p++) {
			if (*ps->p == '\0') {
				fail(ps, start, "unterminated string");
				buf_free(&b);
				return NULL;
			}
			if (*ps->p == '\\' && ps->p[1] != '\0')
				ps->p++;
			buf_putc(&b, *ps->p);
		}
		ps->p++;
		return buf_detach(&b);
	}
	while (is_word_char(*ps->p))
		buf_putc(&b, *ps->p++);
	if (b.len == 0) {
		fail(ps, start, "expected a value");
		return NULL;
	}
	if (strcasecmp(b.data, "and") == 0 || strcasecmp(b.data, "or") == 0 ||
	    strcasecmp(b.data, "not") == 0) {
		fail(ps, start, "expected a value, found the keyword "
		    "(quote it to mean the word)");
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static struct filter *parse_or(struct parser *);

static int
read_op(struct parser *ps, enum op *op)
{
	static const struct {
		const char	*text;
		enum op		 op;
	} ops[] = {
		{ "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE },
		{ "==", OP_EQ }, { "=", OP_EQ }, { "<", OP_LT },
		{ ">", OP_GT }, { ":", OP_HAS_TEXT }, { "~", OP_REGEX },
	};
	size_t	 i;

	skip_space(ps);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(ps->p, ops[i].text, strlen(ops[i].text)) == 0) {
			ps->p += strlen(ops[i].text);
			*op = ops[i].op;
			return 1;
		}
	return 0;
}

/*
 * glibc's regcomp copies what a bound or a '+' repeats ("x{3}" is three
 * x's, "x+" is "xx*"), so "x+++++++++++++++++++++" or "((x{99}){99}){99}"
 * takes gigabytes to compile (found by fuzz_text).  Such a pattern is
 * refused first: its length times what every repetition in it copies,
 * counted as if they all nested, must stay under REGEX_MAX_COPIES.
 */
#define REGEX_MAX_COPIES 100000.0

static int
regex_too_large(const char *p)
{
	double		 copies = (double)strlen(p);
	unsigned long	 m, n;
	char		*end;

	for (; *p != '\0' && copies <= REGEX_MAX_COPIES; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '+')
			copies *= 2;
		else if (*p == '{' && isdigit((unsigned char)p[1])) {
			m = n = strtoul(p + 1, &end, 10);
			if (*end == ',')
				n = isdigit((unsigned char)end[1]) ?
				    strtoul(end + 1, NULL, 10) : m + 1;
			copies *= (double)(m > n ? m : n) + 1;
		}
	}
	return copies > REGEX_MAX_COPIES;
}

static struct filter *
parse_test(struct parser *ps)
{
	struct filter	*f;
	const char	*at;
	char		*field, *value, *folded;

	skip_space(ps);
	at = ps->p;
	if (!is_word_char(*ps->p)) {
		fail(ps, at, *ps->p == '\0' ? "unexpected end of expression" :
		    "expected a field name, a word or '('");
		return NULL;
	}
	if ((field = read_value(ps)) == NULL)
		return NULL;	/* "or = x": read_value said why */
	f = node(F_TEST);
	f->field = field;
	at = ps->p;
	if (!read_op(ps, &f->op)) {
		skip_space(ps);
		fail(ps, ps->p, "expected = != < <= > >= : or ~ after a field");
		filter_free(f);
		return NULL;
	}
	skip_space(ps);
	at = ps->p;
	if ((value = read_value(ps)) == NULL) {
		filter_free(f);
		return NULL;
	}
	if (f->op == OP_REGEX) {
		if (regex_too_large(value)) {
			free(value);
			fail(ps, at, "regular expression too large (its "
			    "repetitions would take too much memory)");
			filter_free(f);
			return NULL;
		}
		if (regcomp(&f->re, value, REG_EXTENDED | REG_ICASE |
		    REG_NOSUB) != 0) {
			free(value);
			fail(ps, at, "not a valid regular expression");
			filter_free(f);
			return NULL;
		}
		f->has_re = 1;
		f->value = value;
	} else {
		folded = utf8_fold(value);
		free(value);
		f->value = folded;
	}
	return f;
}

#define STR(x)	#x
#define XSTR(x)	STR(x)

/* One level deeper ('(' or not at at); 0, with the error, past the limit. */
static int
deeper(struct parser *ps, const char *at)
{
	if (++ps->depth <= FILTER_MAX_DEPTH)
		return 1;
	fail(ps, at, "nested too deeply (more than "
	    XSTR(FILTER_MAX_DEPTH) " levels of '(' and not)");
	return 0;
}

static struct filter *
parse_primary(struct parser *ps)
{
	struct filter	*f;
	const char	*at;

	skip_space(ps);
	at = ps->p;
	if (keyword(ps, "(")) {
		if (!deeper(ps, at))
			return NULL;
		f = parse_or(ps);
		ps->depth--;
		if (f != NULL && !keyword(ps, ")")) {
			fail(ps, ps->p, "expected ')'");
			filter_free(f);
			return NULL;
		}
		return f;
	}
	if (keyword(ps, "has")) {
		if (!keyword(ps, "(")) {
			fail(ps, ps->p, "expected '(' after has");
			return NULL;
		}
		f = node(F_HAS);
		skip_space(ps);
		at = ps->p;
		if ((f->field = read_value(ps)) == NULL || !keyword(ps, ")")) {
			fail(ps, at, "expected has(FIELD)");
			filter_free(f);
			return NULL;
		}
		return f;
	}
	/* A word alone, not followed by an operator. */
	if (keyword(ps, "selected")) {
		skip_space(ps);
		if (strchr("=!<>:~", *ps->p) == NULL || *ps->p == '\0')
			return node(F_SELECTED);
		ps->p = at;
	} else if (keyword(ps, "me")) {
		skip_space(ps);
		if (strchr("=!<>:~", *ps->p) == NULL || *ps->p == '\0')
			return node(F_ME);
		ps->p = at;
	} else if (keyword(ps, "first")) {
		skip_space(ps);
		if (strchr("=!<>:~", *ps->p) == NULL || *ps->p == '\0')
			return node(F_FIRST);
		ps->p = at;
	}
	return parse_test(ps);
}

static struct filter *
parse_not(struct parser *ps)
{
	struct filter	*f, *inner;
	const char	*at;

	skip_space(ps);
	at = ps->p;
	if (keyword(ps, "not") || keyword(ps, "!")) {
		if (!deeper(ps, at))
			return NULL;
		inner = parse_not(ps);
		ps->depth--;
		if (inner == NULL)
			return NULL;
		f = node(F_NOT);
		f->left = inner;
		return f;
	}
	return parse_primary(ps);
}

/*
 * "a and b and c" as a and (b and c): the same matches in the same
 * order, and a chain down the right that filter_match() and
 * filter_free() walk in a loop (down the left, 30,000 or's took them
 * past a 1 MB stack).
 */
static struct filter *
parse_binary(struct parser *ps, enum node_type type)
{
	struct filter	*first, **last, *right, *f;
	const char	*word = type == F_AND ? "and" : "or";
	const char	*sym = type == F_AND ? "&&" : "||";

	first = type == F_AND ? parse_not(ps) : parse_binary(ps, F_AND);
	last = &first;
	while (first != NULL && (keyword(ps, word) || keyword(ps, sym))) {
		right = type == F_AND ? parse_not(ps) :
		    parse_binary(ps, F_AND);
		if (right == NULL) {
			filter_free(first);
			return NULL;
		}
		f = node(type);
		f->left = *last;
		f->right = right;
		*last = f;
		last = &f->right;
	}
	return first;
}

static struct filter *
parse_or(struct parser *ps)
{
	return parse_binary(ps, F_OR);
}

struct filter *
filter_parse(const char *expr, int *column, const char **error)
{
	struct parser	 ps = { expr, expr, NULL, 0, 0 };
	struct filter	*f = parse_or(&ps);

	skip_space(&ps);
	if (f != NULL && ps.error != NULL) {
		filter_free(f);	/* a part failed: never match with a hole */
		f = NULL;
	} else if (f != NULL && *ps.p != '\0') {
		fail(&ps, ps.p, *ps.p == ')' ? "')' without '('" :
		    "expected 'and', 'or' or the end");
		filter_free(f);
		f = NULL;
	}
	if (f == NULL) {
		*column = ps.column;
		*error = ps.error != NULL ? ps.error : "syntax error";
	}
	return f;
}

/* Recursion to the left only: a chain of and or or goes right. */
void
filter_free(struct filter *f)
{
	struct filter	*right;

	for (; f != NULL; f = right) {
		right = f->right;
		filter_free(f->left);
		free(f->field);
		free(f->value);
		if (f->has_re)
			regfree(&f->re);
		free(f);
	}
}

void
filter_fields(const struct filter *f, void (*each)(const char *, void *),
    void *arg)
{
	for (; f != NULL; f = f->right) {
		filter_fields(f->left, each, arg);
		if (f->field != NULL)
			each(f->field, arg);
	}
}

const char *const filter_field_names[] = {
	/* made for every entry */
	"year", "month", "type", "kind", "key", "title", "author", "editor",
	"venue", "venue_name", "rank", "track", "note",
	/* BibTeX's, biblatex's and bib2pubs' own (bib2pubs(1)) */
	"abbr", "abstract", "address", "annote", "award", "award_name",
	"bibtex_show", "booktitle", "chapter", "date", "doi", "edition",
	"eprint", "eprinttype", "howpublished", "institution", "isbn", "issn",
	"journal", "journaltitle", "keywords", "language", "location",
	"number", "organization", "pages", "preview", "publisher", "school",
	"selected", "series", "url", "volume",
	NULL };

/* ---- evaluation ---- */

static char *
authors_text(const struct pub *p)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*name;

	for (i = 0; i < p->nauthors; i++) {
		name = names_format(&p->authors[i], NAME_FULL);
		if (i > 0)
			buf_puts(&b, "; ");
		buf_puts(&b, name);
		free(name);
	}
	return buf_detach(&b);
}

/* The text a field name stands for in an entry, or NULL. */
static char *
field_text(const struct pub *p, const char *field)
{
	struct buf		 b = { 0 };
	const char		*raw;

	if (strcasecmp(field, "year") == 0)
		return p->year ? (buf_printf(&b, "%d", p->year),
		    buf_detach(&b)) : NULL;
	if (strcasecmp(field, "month") == 0)
		return p->month ? (buf_printf(&b, "%d", p->month),
		    buf_detach(&b)) : NULL;
	if (strcasecmp(field, "type") == 0)
		return xstrdup(p->entry->type);
	if (strcasecmp(field, "kind") == 0)
		return xstrdup(pub_kind_name(p->kind));
	if (strcasecmp(field, "key") == 0)
		return xstrdup(p->entry->key);
	if (strcasecmp(field, "author") == 0 && p->nauthors > 0)
		return authors_text(p);
	if (strcasecmp(field, "title") == 0)
		return p->title ? rich_plain(p->title) : NULL;
	if (strcasecmp(field, "venue") == 0)
		return p->venue ? rich_plain(p->venue) : NULL;
	if (strcasecmp(field, "venue_name") == 0)
		return p->venue_name ? rich_plain(p->venue_name) : NULL;
	if (strcasecmp(field, "rank") == 0)
		return p->rank ? rich_plain(p->rank) : NULL;
	if (strcasecmp(field, "track") == 0)
		return p->track ? rich_plain(p->track) : NULL;
	if ((raw = entry_get(p->entry, field)) != NULL) {
		char	*d = latex_decode(raw), *t = rich_plain(d);

		free(d);
		return t;
	}
	return NULL;
}

static int
is_number(const char *s, double *v)
{
	char	*end;

	if (*s == '\0')
		return 0;
	*v = strtod(s, &end);
	return *end == '\0';
}

static int
compare(const struct filter *f, const char *text)
{
	double	 a, b;
	char	*folded;
	int	 c;

	if (f->op == OP_REGEX)
		return regexec(&f->re, text, 0, NULL, 0) == 0;
	folded = utf8_fold(text);
	if (f->op == OP_HAS_TEXT) {
		c = strstr(folded, f->value) != NULL;
		free(folded);
		return c;
	}
	if (is_number(folded, &a) && is_number(f->value, &b))
		c = a < b ? -1 : a > b;
	else
		c = strcmp(folded, f->value);
	free(folded);
	switch (f->op) {
	case OP_EQ:
		return c == 0;
	case OP_NE:
		return c != 0;
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

int
filter_match(const struct filter *f, const struct pub *p)
{
	char	*text;
	size_t	 i;
	int	 r;

	/* Down a chain of and or or in a loop (parse_binary). */
	while (f->type == F_AND || f->type == F_OR) {
		if ((filter_match(f->left, p) != 0) == (f->type == F_OR))
			return f->type == F_OR;
		f = f->right;
	}
	switch (f->type) {
	case F_AND:
	case F_OR:
		break;	/* walked above */
	case F_NOT:
		return !filter_match(f->left, p);
	case F_SELECTED:
		return p->selected;
	case F_ME:
		for (i = 0; i < p->nauthors; i++)
			if (p->authors[i].me)
				return 1;
		return 0;
	case F_FIRST:
		return p->nauthors > 0 && p->authors[0].me;
	case F_HAS:
		for (i = 0; i < p->nlinks; i++)
			if (strcasecmp(p->links[i].name, f->field) == 0)
				return 1;
		text = field_text(p, f->field);
		r = text != NULL && !rich_is_blank(text);
		free(text);
		return r;
	case F_TEST:
		if ((text = field_text(p, f->field)) == NULL)
			return f->op == OP_NE;
		r = compare(f, text);
		free(text);
		return r;
	}
	return 0;
}
