/* SPDX-License-Identifier: ISC */
/*
 * scan.c: a recognizer for BibTeX files.
 *
 * libbtparse 0.89 prints syntax errors with the offending token as a
 * printf format, aborts on NUL bytes and exit()s on 98 fields, so it
 * must never see a malformed entry.  This scanner walks the file once,
 * checks every entry against the grammar libbtparse accepts, reports
 * what is wrong with FILE:LINE, and hands on only the well-formed
 * pieces.  Recovery follows BibTeX: text between entries is ignored,
 * and a value that runs into a line starting with "@type{" is taken to
 * be unterminated, so one missing brace does not swallow the rest of
 * the file.  So is the body of a @comment or @preamble (skip_body).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/util.h"
#include "read/scan.h"
#include "read/source.h"
#include "text/rich.h"

enum field_result {
	FIELD_OK,	/* a field was recorded */
	FIELD_SKIP,	/* bad field skipped; continue with the next one */
	FIELD_STOP	/* the entry cannot go on (end of input or resync) */
};

int
scan_is_name_char(unsigned char c)
{
	if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!$&*+-./:;<>?@[]^_`|~", c) != NULL;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

void
scan_init(struct scanner *s, const struct source *src)
{
	s->src = src;
	s->p = src->text;
	s->end = src->text + src->len;
	s->line = 1;
	s->held_end = NULL;
	s->held_type.p = NULL;
	s->held_type.len = 0;
	s->held_line = 0;
}

static void
advance(struct scanner *s)
{
	if (*s->p == '\n')
		s->line++;
	s->p++;
}

/* Skip whitespace and libbtparse's %-comments inside an entry. */
static void
skip_space(struct scanner *s)
{
	while (s->p < s->end) {
		if (is_space(*s->p))
			advance(s);
		else if (*s->p == '%')
			while (s->p < s->end && *s->p != '\n')
				s->p++;
		else
			break;
	}
}

static void
read_name(struct scanner *s, struct span *sp)
{
	sp->p = s->p;
	while (s->p < s->end && scan_is_name_char((unsigned char)*s->p))
		s->p++;
	sp->len = (size_t)(s->p - sp->p);
}

/*
 * Does a new entry start at p (the first byte of a line)?
 * That is: blanks, '@', a name, blanks, and '{' or '('.
 */
static int
entry_starts_at(const char *p, const char *end)
{
	const char	*q;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p++ != '@')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (q = p; p < end && scan_is_name_char((unsigned char)*p); p++)
		continue;
	if (p == q)
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p < end && (*p == '{' || *p == '(');
}

/* Step over a newline inside a value; 0 if a new entry starts there. */
static int
value_newline(struct scanner *s)
{
	s->line++;
	s->p++;
	return !entry_starts_at(s->p, s->end);
}

/* The bytes a braced (STOP_BRACED) or quoted value stops at. */
#define STOP_BRACED	1
#define STOP_QUOTED	2
static const unsigned char value_stops[256] = {
	['{'] = STOP_BRACED | STOP_QUOTED, ['}'] = STOP_BRACED | STOP_QUOTED,
	['\n'] = STOP_BRACED | STOP_QUOTED, ['\0'] = STOP_BRACED | STOP_QUOTED,
	['"'] = STOP_QUOTED
};

/*
 * Step to the next byte of set (whose bytes are those value_stops marks
 * with stop), or to the end.  The text ends in a NUL and holds no other
 * (source.c), so span_until() stays inside it.  (strcspn() alone was 4%
 * of a run's time: the runs between the braces of accents are short.)
 */
static void
skip_to(struct scanner *s, const char *set, unsigned char stop)
{
	s->p += span_until(s->p, value_stops, stop, set);
	if (s->p > s->end)
		s->p = s->end;
}

/* s->p is at '{'.  Returns 1 when the matching '}' was consumed. */
static int
scan_braced(struct scanner *s)
{
	int	 depth = 0;

	while (skip_to(s, "{}\n", STOP_BRACED), s->p < s->end) {
		switch (*s->p) {
		case '{':
			depth++;
			break;
		case '}':
			if (--depth == 0) {
				s->p++;
				return 1;
			}
			break;
		case '\n':
			if (!value_newline(s))
				return 0;
			continue;
		}
		s->p++;
	}
	return 0;
}

/*
 * s->p is at '"'.  Returns 1 when the closing quote was consumed;
 * *stray is set if a '}' closed a brace that was never opened.
 */
static int
scan_quoted(struct scanner *s, int *stray)
{
	int	 depth = 0;

	for (s->p++; skip_to(s, "{}\"\n", STOP_QUOTED), s->p < s->end;
	    s->p++) {
		switch (*s->p) {
		case '{':
			depth++;
			break;
		case '}':
			if (depth == 0)
				*stray = 1;
			else
				depth--;
			break;
		case '"':
			if (depth == 0) {
				s->p++;
				return 1;
			}
			break;
		case '\n':
			if (!value_newline(s))
				return 0;
			s->p--;
			break;
		}
	}
	return 0;
}

/*
 * After an error inside an entry: move to the next ',' or closer at
 * brace depth 0.  Returns 0 if the entry ended at a resync point or at
 * the end of input instead.
 */
static int
skip_to_separator(struct scanner *s, char closer)
{
	int	 depth = 0, quoted = 0;

	while (s->p < s->end) {
		char	 c = *s->p;

		if (c == '\n') {
			if (!value_newline(s))
				return 0;
			continue;
		}
		if (c == '{')
			depth++;
		else if (c == '}' && depth > 0)
			depth--;
		else if (c == '"' && depth == 0)
			quoted = !quoted;
		else if (depth == 0 && !quoted && (c == ',' || c == closer))
			return 1;
		s->p++;
	}
	return 0;
}

static const char *
show_char(char c, char tmp[8])
{
	if (c == '\n')
		return "end of line";
	tmp[0] = '\'';
	tmp[1] = c;
	tmp[2] = '\'';
	tmp[3] = '\0';
	return tmp;
}

/* One simple value: {braced}, "quoted", a number or a macro name. */
static enum field_result
scan_simple_value(struct scanner *s, const struct span *field, int line)
{
	const char	*name = s->src->name;
	struct span	 macro;
	char		 tmp[8];
	int		 stray = 0;

	if (s->p == s->end) {
		msg(MSG_ERROR, name, line, "end of input in the value of "
		    "field '%.*s'", (int)field->len, field->p);
		return FIELD_STOP;
	}
	if (*s->p == '{' || *s->p == '"') {
		char	 open = *s->p;

		if (open == '{' ? scan_braced(s) : scan_quoted(s, &stray)) {
			if (!stray)
				return FIELD_OK;
			msg(MSG_ERROR, name, line, "unbalanced braces: "
			    "'}' without '{' in the value of field '%.*s'",
			    (int)field->len, field->p);
			return FIELD_SKIP;
		}
		msg(MSG_ERROR, name, line, "%s: the value of field '%.*s' "
		    "is not closed", open == '{' ? "unbalanced braces" :
		    "unbalanced quotes", (int)field->len, field->p);
		return FIELD_STOP;
	}
	read_name(s, &macro);
	if (macro.len > 0)
		return FIELD_OK;
	msg(MSG_ERROR, name, s->line, "expected a value for field '%.*s', "
	    "found %s", (int)field->len, field->p, show_char(*s->p, tmp));
	return FIELD_SKIP;
}

/* "name = value # value ..." */
static enum field_result
scan_field(struct scanner *s, struct scan_entry *e, char closer)
{
	const char		*fname = s->src->name;
	struct scan_field	 f;
	enum field_result	 r;
	char			 tmp[8];

	f.line = s->line;
	f.text.p = s->p;
	read_name(s, &f.name);
	if (f.name.len == 0) {
		msg(MSG_ERROR, fname, s->line, "expected a field name, "
		    "found %s", show_char(*s->p, tmp));
		return skip_to_separator(s, closer) ? FIELD_SKIP : FIELD_STOP;
	}
	if (f.name.p[0] >= '0' && f.name.p[0] <= '9') {
		msg(MSG_ERROR, fname, f.line, "field name '%.*s' starts "
		    "with a digit", (int)f.name.len, f.name.p);
		return skip_to_separator(s, closer) ? FIELD_SKIP : FIELD_STOP;
	}
	skip_space(s);
	if (s->p == s->end || *s->p != '=') {
		msg(MSG_ERROR, fname, s->line, "expected '=' after field "
		    "name '%.*s'", (int)f.name.len, f.name.p);
		return skip_to_separator(s, closer) ? FIELD_SKIP : FIELD_STOP;
	}
	s->p++;
	for (;;) {
		skip_space(s);
		r = scan_simple_value(s, &f.name, f.line);
		if (r == FIELD_STOP)
			return r;
		if (r == FIELD_SKIP)
			return skip_to_separator(s, closer) ? r : FIELD_STOP;
		f.text.len = (size_t)(s->p - f.text.p);
		skip_space(s);
		if (s->p == s->end || *s->p != '#')
			break;
		s->p++;
	}
	if (e->nfields == e->fieldcap) {
		e->fieldcap = e->fieldcap ? e->fieldcap * 2 : 16;
		e->fields = xreallocarray(e->fields, e->fieldcap,
		    sizeof(*e->fields));
	}
	e->fields[e->nfields++] = f;
	return FIELD_OK;
}

/* Is p preceded on its line by blanks only? */
static int
at_line_start(const struct scanner *s, const char *p)
{
	while (p > s->src->text && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p == s->src->text || p[-1] == '\n';
}

/* Is s->p at "@type{" at the start of a line (after blanks)? */
static int
at_next_entry(const struct scanner *s)
{
	return at_line_start(s, s->p) && entry_starts_at(s->p, s->end);
}

/* After an entry's closer: text on the same line is lost, so say so. */
static void
check_after_closer(struct scanner *s, const struct scan_entry *e)
{
	const char	*q = s->p;
	size_t		 n;

	while (q < s->end && (*q == ' ' || *q == '\t'))
		q++;
	if (q == s->end || *q == '\n' || *q == '%' || *q == '@')
		return;
	n = strcspn(q, "\n");
	if (e->key.len == 0)	/* @string{...}, @preamble{...}: the type */
		msg(MSG_WARNING, s->src->name, s->line, "text after the end "
		    "of @%.*s (line %d) is ignored: '%.*s'", (int)e->type.len,
		    e->type.p, e->line, n > 40 ? 40 : (int)n, q);
	else
		msg(MSG_WARNING, s->src->name, s->line, "text after the end "
		    "of entry '%.*s' is ignored: '%.*s'", (int)e->key.len,
		    e->key.p, n > 40 ? 40 : (int)n, q);
}

/* A name after a value: a field with its comma missing, or junk. */
static int
missing_comma(struct scanner *s)
{
	const char	*q = s->p;

	while (q < s->end && scan_is_name_char((unsigned char)*q))
		q++;
	while (q < s->end && (*q == ' ' || *q == '\t' || *q == '\n'))
		q++;
	return q < s->end && *q == '=';
}

/* The fields of an entry, up to and including its closer. */
static void
scan_fields(struct scanner *s, struct scan_entry *e, char closer)
{
	const char		*fname = s->src->name;
	enum field_result	 r;
	
	for (;;) {
		skip_space(s);
		if (s->p == s->end) {
			msg(MSG_ERROR, fname, e->line, "entry is not closed: "
			    "expected '%c' before the end of input", closer);
			return;
		}
		if (*s->p == closer) {
			s->p++;
			check_after_closer(s, e);
			return;
		}
		if (*s->p == '@' && at_next_entry(s)) {
			msg(MSG_ERROR, fname, e->line, "entry is not closed "
			    "before the next entry at line %d", s->line);
			return;
		}
		if (*s->p == ',') {
			msg(MSG_WARNING, fname, s->line, "extra ',' ignored");
			s->p++;
			continue;
		}
		r = scan_field(s, e, closer);
		if (r == FIELD_STOP) {
			if (s->p < s->end)
				msg(MSG_ERROR, fname, e->line, "entry is not "
				    "closed before the next entry at line %d",
				    s->line);
			return;
		}
		skip_space(s);
		if (s->p < s->end && *s->p == ',')
			s->p++;
		else if (s->p < s->end && *s->p != closer && r == FIELD_OK &&
		    !(*s->p == '@' && at_next_entry(s))) {
			if (missing_comma(s))
				msg(MSG_ERROR, fname, s->line, "missing ',' "
				    "before field '%.*s'", (int)strcspn(s->p,
				    " \t\n=,{}\"#"), s->p);
			else {
				const struct span *f = &e->fields[e->nfields - 1].name;

				msg(MSG_ERROR, fname, s->line, "unexpected "
				    "text '%.*s' after the value of field '%.*s'",
				    (int)strcspn(s->p, " \t\n,{}\"#"), s->p,
				    (int)f->len, f->p);
				if (!skip_to_separator(s, closer))
					return;
				if (*s->p == ',')
					s->p++;
			}
		}
	}
}

/* The citation key, then ','. */
static void
scan_key(struct scanner *s, struct scan_entry *e, char closer)
{
	const char	*fname = s->src->name;
	const char	*start;

	skip_space(s);
	start = s->p;
	while (s->p < s->end && !is_space(*s->p) &&
	    strchr(",{}()\"=#%", *s->p) == NULL)
		s->p++;
	e->key.p = start;
	e->key.len = (size_t)(s->p - start);
	skip_space(s);
	if (s->p < s->end && *s->p == '=') {
		/* "@misc{title = ..." : the key is missing, not the field. */
		msg(MSG_ERROR, fname, e->line, "entry has no citation key");
		s->p = start;
		e->key.len = 0;
		return;
	}
	if (e->key.len == 0)
		msg(MSG_ERROR, fname, e->line, "entry has no citation key");
	if (s->p < s->end && *s->p == ',')
		s->p++;
	else if (s->p < s->end && *s->p != closer)
		msg(MSG_ERROR, fname, s->line, "expected ',' after the "
		    "citation key '%.*s'", (int)e->key.len, e->key.p);
}

/*
 * Where the body of @comment or @preamble ends (past its closer), as
 * btparse and biber read it: braces nest, and in "@comment(...)" a
 * quoted ')' does not close it.  NULL if nothing closes it.  *inner is
 * the first line inside that starts an entry, or NULL.
 */
static const char *
body_end(const char *p, const char *end, char closer, const char **inner)
{
	int	 depth = 0, quoted = 0;

	for (*inner = NULL; p < end; p++) {
		if (*p == '\n') {
			if (*inner == NULL && entry_starts_at(p + 1, end))
				*inner = p + 1;
		} else if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
		else if (*p == '"' && depth == 0 && closer == ')')
			quoted = !quoted;
		else if (*p == closer && depth == 0 && !quoted)
			return p + 1;
	}
	return NULL;
}

/* Move s->p forward to p, counting lines. */
static void
move_to(struct scanner *s, const char *p)
{
	const char	*nl;

	while ((nl = memchr(s->p, '\n', (size_t)(p - s->p))) != NULL) {
		s->line++;
		s->p = nl + 1;
	}
	s->p = p;
}

static int
type_is(const struct span *t, const char *word)
{
	return t->len == strlen(word) && strncasecmp(t->p, word, t->len) == 0;
}

/*
 * Skip the body of @comment or @preamble, up to its closer.  BibTeX
 * itself takes no braces after @comment: it reads every entry after
 * the word, even inside "@comment{...}"; btparse and biber skip to the
 * closer, and an unclosed "@comment{" then took every later entry with
 * it.  Here a line inside that starts an entry ("@type{", the rule
 * values follow) ends the skip, and the entry is read, with a warning:
 * one for an unclosed body, one naming each entry a closed body holds
 * (scan_next, held_end).  Read, not dropped: BibTeX reads them (a
 * paper's bibliography has them), and until its far closer is found
 * "@comment( ... )" around entries is the same text as an unclosed
 * "@comment(" before them.  An entry that does not start a line, as
 * in "@comment{ @misc{x} }", stays hidden.  An unclosed comment loses
 * nothing else now, so it is a warning; an unclosed @preamble is still
 * an error.
 */
static void
skip_body(struct scanner *s, const struct scan_entry *e, char closer)
{
	const char	*fname = s->src->name, *inner, *stop;
	enum msg_level	 level = type_is(&e->type, "comment") ? MSG_WARNING :
			    MSG_ERROR;

	stop = body_end(s->p, s->end, closer, &inner);
	/* BibTeX hands @preamble to LaTeX ahead of the list: the plain
	 * macros it defines hold for every entry. */
	if (level == MSG_ERROR)
		latex_define_macros(s->p, (size_t)((inner != NULL ? inner :
		    stop != NULL ? stop : s->end) - s->p));
	if (inner == NULL) {
		if (stop == NULL)
			msg(level, fname, e->line, "@%.*s is not closed",
			    (int)e->type.len, e->type.p);
		move_to(s, stop != NULL ? stop : s->end);
		return;
	}
	move_to(s, inner);
	if (stop == NULL)
		msg(level, fname, e->line, "@%.*s is not closed before the "
		    "entry at line %d: it ends there, and the entry is read",
		    (int)e->type.len, e->type.p, s->line);
	else {
		s->held_end = stop;
		s->held_type = e->type;
		s->held_line = e->line;
	}
}

/* An entry that starts a line inside a closed @comment: said, then read. */
static void
check_held(struct scanner *s, const struct scan_entry *e, const char *at)
{
	const struct span	*t = &s->held_type;

	if (s->held_end == NULL || at >= s->held_end)
		return;
	if (e->kind == SCAN_STRING)
		msg(MSG_WARNING, s->src->name, e->line, "@string starts a "
		    "line inside the @%.*s at line %d: read, not skipped",
		    (int)t->len, t->p, s->held_line);
	else
		msg(MSG_WARNING, s->src->name, e->line, "entry '%.*s' starts "
		    "a line inside the @%.*s at line %d: read, not skipped",
		    (int)e->key.len, e->key.p, (int)t->len, t->p,
		    s->held_line);
}

/*
 * Move to the next '@' outside entries, counting lines.  As in
 * libbtparse, '%' starts a comment that runs to the end of the line,
 * so "% see @string above" is not taken for an entry.
 */
static int
find_at(struct scanner *s)
{
	const char	*p = s->p;

	for (p = s->p; p < s->end; p++) {
		if (*p == '\n') {
			s->line++;
			if (p + 8 < s->end && memcmp(p + 1, "<<<<<<< ", 8) == 0)
				msg(MSG_WARNING, s->src->name, s->line, "a merge "
				    "conflict marker: the entries of both sides "
				    "are read");
		} else if (*p == '@')
			break;
		else if (*p == '%')
			while (p + 1 < s->end && p[1] != '\n')
				p++;
	}
	s->p = p;
	return p < s->end;
}

int
scan_next(struct scanner *s, struct scan_entry *e)
{
	const char	*fname = s->src->name, *at;
	char		 opener, closer;

	while (find_at(s)) {
		at = s->p;
		if (s->held_end != NULL && at >= s->held_end)
			s->held_end = NULL;
		if (s->held_end != NULL && !at_next_entry(s)) {
			s->p++;		/* the rest of the comment's text */
			continue;
		}
		e->line = s->line;
		e->nfields = 0;
		e->key.len = 0;
		e->key.p = NULL;
		s->p++;
		skip_space(s);
		read_name(s, &e->type);
		skip_space(s);
		if (e->type.len == 0 || s->p == s->end ||
		    (*s->p != '{' && *s->p != '(')) {
			/* BibTeX's @comment: a word, then ignored text. */
			if (type_is(&e->type, "comment"))
				continue;
			/*
			 * "@book"x"" at the start of a line was meant as an
			 * entry; "someone@example.org" in a comment was not.
			 */
			msg(at_line_start(s, at) ? MSG_ERROR : MSG_WARNING,
			    fname, e->line, "'@%.*s' is not followed by '{' "
			    "or '(': not an entry, skipped", (int)e->type.len,
			    e->type.p);
			continue;
		}
		opener = *s->p++;
		closer = opener == '{' ? '}' : ')';
		if (type_is(&e->type, "comment") ||
		    type_is(&e->type, "preamble")) {
			skip_body(s, e, closer);
			continue;
		}
		if (type_is(&e->type, "string"))
			e->kind = SCAN_STRING;
		else {
			e->kind = SCAN_ENTRY;
			scan_key(s, e, closer);
		}
		check_held(s, e, at);
		scan_fields(s, e, closer);
		return 1;
	}
	return 0;
}

void
scan_entry_free(struct scan_entry *e)
{
	free(e->fields);
	e->fields = NULL;
	e->nfields = e->fieldcap = 0;
}
