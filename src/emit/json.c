/* SPDX-License-Identifier: ISC */
/*
 * emit_json.c: -f json, the normalized entries as a JSON array, for
 * other tools and for tests.  Written here, in the layout jansson
 * gives with JSON_INDENT(2) | JSON_PRESERVE_ORDER: building, dumping
 * and freeing a jansson tree per entry was two thirds of what -f json
 * cost.  tests/unit/json_test.c and tests/json.test hold it to jansson.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "emit/emit.h"
#include "emit/escape.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "text/names.h"
#include "text/rich.h"


#define MAX_DEPTH 4	/* array, element, authors, person */

/*
 * One element being written: the containers open, and whether each has
 * a member yet.  Depth 1 is the element itself, indented under '['.
 */
struct jw {
	struct buf	*b;
	int		 depth;
	int		 has[MAX_DEPTH];
};

/* A new line indented for depth, stored at p (room reserved). */
static char *
newline_at(char *p, int depth)
{
	*p++ = '\n';
	memset(p, ' ', 2 * (size_t)depth);
	return p + 2 * (size_t)depth;
}

static void
open_with(struct jw *w, char c)
{
	buf_putc(w->b, c);
	w->has[++w->depth] = 0;
}

static void
close_with(struct jw *w, char c)
{
	struct buf	*b = w->b;

	if (w->has[w->depth]) {
		buf_reserve(b, 1 + 2 * (size_t)w->depth);
		b->len = (size_t)(newline_at(b->data + b->len, w->depth) -
		    b->data);
	}
	buf_putc(b, c);
	w->depth--;
}

/*
 * Where a member goes: after a comma and a new line, at its depth;
 * then "key": when key is not NULL (a name bib2pubs gives itself, which
 * needs no escaping).  Returns the offset the member began at.  One
 * reservation and plain stores, not a buffer call per byte: keys are
 * a large part of -f json's page.
 */
static size_t
put_key(struct jw *w, const char *key)
{
	struct buf	*b = w->b;
	size_t		 at = b->len, klen = key != NULL ? strlen(key) : 0;
	char		*p;

	buf_reserve(b, 2 + 2 * (size_t)(w->depth + 1) + klen + 4);
	p = b->data + at;
	if (w->has[w->depth])
		*p++ = ',';
	p = newline_at(p, w->depth + 1);
	if (key != NULL) {
		*p++ = '"';
		memcpy(p, key, klen);
		p += klen;
		memcpy(p, "\": ", 3);
		p += 3;
	}
	*p = '\0';
	b->len = (size_t)(p - b->data);
	return at;
}

static size_t
next_member(struct jw *w)
{
	return put_key(w, NULL);
}

static void
member_done(struct jw *w)
{
	w->has[w->depth] = 1;
}

/* A string member; left out if it is not UTF-8 (jansson's NULL). */
static void
put_string(struct jw *w, const char *key, const char *s)
{
	size_t	 at = put_key(w, key);

	if (!escape_json(w->b, s, 0)) {
		buf_truncate(w->b, at);
		return;
	}
	member_done(w);
}

static void
put_literal(struct jw *w, const char *key, const char *json)
{
	put_key(w, key);
	buf_puts(w->b, json);
	member_done(w);
}

static void
put_bool(struct jw *w, const char *key, int yes)
{
	put_literal(w, key, yes ? "true" : "false");
}

/* A number, or null for 0 (unknown); years and months are never negative. */
static void
put_number(struct jw *w, const char *key, int n)
{
	char	 num[16];

	if (n <= 0)
		put_literal(w, key, "null");
	else {
		put_decimal(num, n);
		put_literal(w, key, num);
	}
}

/* Rich text without markup; null when absent or not UTF-8. */
static void
put_plain(struct jw *w, const char *key, const char *rich)
{
	put_key(w, key);
	if (rich == NULL || !escape_json(w->b, rich, 1))
		buf_puts(w->b, "null");
	member_done(w);
}

/* A person's members, at depth 3: after a comma, a new line, indented. */
#define MEMBER(key)	",\n        \"" key "\": "

static char *
put_lit(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}
#define PUT_LIT(p, s)	put_lit((p), (s), sizeof(s) - 1)

/* A rich string, or null where it is not UTF-8 (jansson's NULL). */
static char *
put_plain_at(char *p, const char *rich)
{
	char	*end;

	*p = '"';
	if ((end = escape_json_body(p + 1, rich, 1)) == NULL)
		return PUT_LIT(p, "null");
	*end = '"';
	return end + 1;
}

static char *
put_bool_at(char *p, int yes)
{
	return yes ? PUT_LIT(p, "true") : PUT_LIT(p, "false");
}

/*
 * "name": the full name, as names_format(NAME_FULL) gives it and
 * escape_json would write it, made here part by part: null if a part
 * is not UTF-8, as the whole would not be.
 */
static char *
put_full_name_at(char *p, const struct person *a)
{
	const char	*part[4], *sep[4];
	char		*start = p;
	size_t		 i;
	int		 any = 0;

	names_display_parts(a, NAME_FULL, a->first, part, sep);
	*p++ = '"';
	for (i = 0; i < 4; i++) {
		if (rich_is_blank(part[i]))
			continue;
		if (any)
			p = put_lit(p, sep[i], strlen(sep[i]));
		if ((p = escape_json_body(p, part[i], 1)) == NULL)
			return PUT_LIT(start, "null");
		any = 1;
	}
	*p++ = '"';
	return p;
}

/*
 * An author as its own object, written into one reservation: an author
 * is nine members, and member by member they were a quarter of -f
 * json's page (each a key, an escape and their buffer calls).  The
 * bytes are those of put_key and put_plain (json_test and json.test
 * hold the page to jansson).
 */
static void
put_person(struct jw *w, const struct person *a)
{
	struct buf	*b = w->b;
	size_t		 room;
	char		*p;

	next_member(w);
	member_done(w);
	/* Keys, literals and separators are under 256 bytes; each part is
	 * written twice (in the full name and on its own), marks once. */
	room = 256 + 2 * JSON_ROOM(strlen(a->first) + strlen(a->von) +
	    strlen(a->last) + strlen(a->jr)) + JSON_ROOM(strlen(a->marks));
	buf_reserve(b, room);
	p = b->data + b->len;
	p = PUT_LIT(p, "{\n        \"name\": ");
	if (a->others) {
		p = PUT_LIT(p, "\"et al.\"" MEMBER("others") "true");
	} else {
		p = put_full_name_at(p, a);
		p = put_plain_at(PUT_LIT(p, MEMBER("first")), a->first);
		p = put_plain_at(PUT_LIT(p, MEMBER("von")), a->von);
		p = put_plain_at(PUT_LIT(p, MEMBER("last")), a->last);
		p = put_plain_at(PUT_LIT(p, MEMBER("jr")), a->jr);
		p = put_bool_at(PUT_LIT(p, MEMBER("me")), a->me);
		p = put_bool_at(PUT_LIT(p, MEMBER("equal")),
		    a->flags & MARK_EQUAL);
		p = put_bool_at(PUT_LIT(p, MEMBER("corresponding")),
		    a->flags & MARK_CORRESPONDING);
		p = put_plain_at(PUT_LIT(p, MEMBER("marks")), a->marks);
	}
	p = PUT_LIT(p, "\n      }");
	*p = '\0';
	b->len = (size_t)(p - b->data);
}

/* An object member whose value is written between open and close. */
static void
open_member(struct jw *w, const char *key, char c)
{
	put_key(w, key);
	member_done(w);
	open_with(w, c);
}

/*
 * A field of the file, its value decoded: one reservation for the
 * member, the value decoded into scratch (no allocation of its own).
 * A name that is not UTF-8 leaves the member out, as jansson does; a
 * value that is not is null.
 */
static void
put_field(struct jw *w, const char *name, const char *value,
    struct buf *scratch)
{
	struct buf	*b = w->b;
	size_t		 at;
	char		*p;

	buf_truncate(scratch, 0);
	latex_decode_onto(scratch, value);
	at = next_member(w);
	buf_reserve(b, JSON_ROOM(strlen(name)) + 2 +
	    JSON_ROOM(scratch->len));
	p = b->data + b->len;
	*p++ = '"';
	if ((p = escape_json_body(p, name, 0)) == NULL) {
		buf_truncate(b, at);
		return;
	}
	p = PUT_LIT(p, "\": ");
	p = put_plain_at(p, scratch->data != NULL ? scratch->data : "");
	*p = '\0';
	b->len = (size_t)(p - b->data);
	member_done(w);
}

static void
put_entry(struct jw *w, const struct pub *p, struct buf *scratch)
{
	size_t			 i;

	open_with(w, '{');
	put_string(w, "key", p->entry->key);
	put_string(w, "type", p->entry->type);
	put_string(w, "kind", pub_kind_name(p->kind));
	put_plain(w, "title", p->title);
	open_member(w, "authors", '[');
	for (i = 0; i < p->nauthors; i++)
		put_person(w, &p->authors[i]);
	close_with(w, ']');
	put_number(w, "year", p->year);
	put_number(w, "month", p->month);
	put_plain(w, "venue", p->venue);
	put_plain(w, "venue_name", p->venue_name);
	put_plain(w, "rank", p->rank);
	put_plain(w, "track", p->track);
	put_plain(w, "note", p->note);
	put_bool(w, "selected", p->selected);
	open_member(w, "links", '{');
	for (i = 0; i < p->nlinks; i++)
		put_string(w, p->links[i].name, p->links[i].url);
	close_with(w, '}');
	open_member(w, "fields", '{');
	for (i = 0; i < p->entry->nfields; i++)
		put_field(w, p->entry->fields[i].name,
		    p->entry->fields[i].value, scratch);
	close_with(w, '}');
	close_with(w, '}');
}

/*
 * The array, an element at a time: a large file never has its whole
 * JSON in memory.
 */
int
emit_json(const struct pub_list *pubs, FILE *fp)
{
	struct buf	 out = { 0 }, scratch = { 0 };
	size_t		 i;
	int		 ok;

	ok = fputs("[", fp) != EOF;
	for (i = 0; i < pubs->n && ok; i++) {
		struct jw w = { &out, 0, { 0 } };

		buf_truncate(&out, 0);
		buf_puts(&out, i > 0 ? ",\n  " : "\n  ");
		put_entry(&w, &pubs->v[i], &scratch);
		ok = fwrite(out.data, 1, out.len, fp) == out.len;
	}
	buf_free(&out);
	buf_free(&scratch);
	ok &= fputs(pubs->n > 0 ? "\n]\n" : "]\n", fp) != EOF;
	return ok && fflush(fp) == 0 && !ferror(fp);
}
