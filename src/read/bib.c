/* SPDX-License-Identifier: ISC */
/*
 * bib.c: the libbtparse adapter.
 *
 * scan.c has already checked the syntax, so libbtparse is only handed
 * entries it accepts, rebuilt from their fields as "@x{k, f = v, ...}"
 * with newlines put back so its line numbers stay those of the file.
 * What libbtparse is never asked to do, and why (see README, "Design"):
 *  - store or expand macros: its macro table overflows and exit()s
 *    after about 400 KB of names, and an @string naming an undefined
 *    macro crashes it.  We keep our own table (month names predefined);
 *  - take more than 64 fields at once: it exit()s at 98;
 *  - split or format names, or change case (names.c, rich.c do that);
 *  - print: it writes warnings to stderr, so stderr is pointed at a
 *    memory stream while it runs, and anything it says that matters
 *    becomes one of our diagnostics.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <btparse.h>

#include "base/msg.h"
#include "base/util.h"
#include "read/bib.h"
#include "read/entry.h"
#include "read/scan.h"
#include "read/source.h"
#include "text/ids.h"

#define FIELDS_PER_PARSE 64	/* libbtparse's AST stack holds 96 */
#define TRIM_STEP	(1024 * 1024)	/* read text given back this much at once */
/*
 * Macros may paste into one entry (or @string) PASTE_FLOOR bytes and
 * PASTE_RATIO times its own text, no more.  Each @string can double the
 * one before ("@string{b = a # a}"): forty lines would ask for
 * terabytes, and one large macro used on every line would multiply a
 * file almost as much.  A journal's name pasted for its abbreviation
 * is far inside the bound.
 */
#define PASTE_FLOOR	1024
#define PASTE_RATIO	16

struct bib {
	struct strmap	*macros;	/* lowercase name -> char * */
	FILE		*capture;	/* libbtparse's stderr */
	char		*captured;
	size_t		 captured_len;
	struct buf	 text;		/* the entry as handed to libbtparse */
	struct buf	 value;		/* one field's value being built */
	struct field	*fields;	/* one entry's fields being read */
	struct strmap	*field_index;	/* their names, for a wide entry */
	size_t		 nfields, fieldcap;
	char		*packed;	/* where the next kept value goes */
	const char	*given_back;	/* text given back up to here */
	int		 parsed;	/* libbtparse has a lexer buffer to free */
	size_t		 paste_left;	/* what macros may still paste here */
	int		 cut_line;	/* where they were cut, or 0 */
};

struct bib *
bib_new(void)
{
	struct bib	*b = xcalloc(1, sizeof(*b));
	int		 m;

	b->macros = strmap_new();
	for (m = 1; m <= 12; m++)
		strmap_put(b->macros, month_macro(m), xstrdup(month_name(m)));
	b->capture = open_memstream(&b->captured, &b->captured_len);
	if (b->capture == NULL) {
		msg(MSG_SYSERR, NULL, 0, "open_memstream failed");
		exit(EXIT_SYSTEM);
	}
	bt_initialize();
	bt_set_stringopts(BTE_REGULAR, BTO_MINIMAL);
	bt_set_stringopts(BTE_MACRODEF, BTO_MINIMAL);
	return b;
}

void
bib_free(struct bib *b)
{
	if (b == NULL)
		return;
	if (b->parsed)	/* it abort()s when asked to free a buffer it never made */
		bt_parse_entry_s(NULL, NULL, 0, 0, NULL);
	bt_cleanup();
	fclose(b->capture);
	free(b->captured);
	strmap_free(b->macros, free);
	buf_free(&b->text);
	buf_free(&b->value);
	strmap_free(b->field_index, NULL);
	free(b->fields);
	free(b);
}

/* Lowercase copy of a name from libbtparse or the scanner. */
static char *
lower_dup(const char *s, size_t n)
{
	return ascii_lower(xstrndup(s, n));
}

/* Does v hold a tab, a newline, two blanks in a row or (trim) blank ends? */
static int
needs_collapse(const struct buf *v, int trim)
{
	if (v->len == 0)
		return 0;
	if ((trim && (v->data[0] == ' ' || v->data[v->len - 1] == ' ')) ||
	    memchr(v->data, '\n', v->len) != NULL ||
	    memchr(v->data, '\t', v->len) != NULL)
		return 1;
	/* glibc's strstr() takes a short needle 16 bytes at a time. */
	return strstr(v->data, "  ") != NULL;
}

/*
 * BibTeX collapses runs of blanks to one space and trims the ends of a
 * field's value -- not of an @string's (trim 0), whose blank ends
 * separate it from what it is pasted to: xampl.bib's "Proc. Fifteenth
 * Annual" # STOC with STOC = " Symposium on ...".  Most values have
 * nothing to collapse: libc's scans say so faster than the loop would.
 */
static void
collapse_space(struct buf *v, int trim)
{
	size_t	 i, j = 0;
	int	 space = trim;

	if (!needs_collapse(v, trim))
		return;
	for (i = 0; i < v->len; i++) {
		char	 c = v->data[i];

		if (c == ' ' || c == '\t' || c == '\n') {
			if (!space)
				v->data[j++] = ' ';
			space = 1;
		} else {
			v->data[j++] = c;
			space = 0;
		}
	}
	if (trim && j > 0 && v->data[j - 1] == ' ')
		j--;
	buf_truncate(v, j);
}

/* A macro's expansion into v, as much as the entry may still paste. */
static void
paste(struct bib *b, struct buf *v, const char *expansion, int line)
{
	size_t	 n = strlen(expansion);

	if (n <= b->paste_left) {
		b->paste_left -= n;
	} else {
		n = utf8_cut(expansion, b->paste_left);
		if (b->cut_line == 0)
			b->cut_line = line;
		b->paste_left = 0;	/* nothing more for this entry */
	}
	buf_put(v, expansion, n);
}

/*
 * Paste the simple values of one field into v, expanding macros; trim
 * its blank ends unless it defines a macro.
 */
static void
field_value(struct bib *b, AST *field, const char *file, struct buf *v,
    int trim)
{
	AST		*node = NULL;
	bt_nodetype	 type;
	char		*text, *name;
	const char	*expansion;

	while ((node = bt_next_value(field, node, &type, &text)) != NULL) {
		if (text == NULL)
			continue;
		if (type != BTAST_MACRO) {
			buf_puts(v, text);
			continue;
		}
		name = lower_dup(text, strlen(text));
		expansion = strmap_get(b->macros, name);
		if (expansion != NULL)
			paste(b, v, expansion, node->line);
		else
			msg(MSG_WARNING, file, node->line,
			    "undefined macro '%s' taken as empty", text);
		free(name);
	}
	collapse_space(v, trim);
}

static int
count_newlines(const char *p, size_t n)
{
	const char	*end = p + n;
	int		 lines = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	return lines;
}

/* Build the text libbtparse will see for fields [from, to). */
static void
build_text(struct buf *t, const struct scan_entry *se, size_t from,
    size_t to)
{
	const struct scan_field	*f;
	int			 line = se->fields[from].line;
	size_t			 i;

	buf_truncate(t, 0);
	buf_puts(t, se->kind == SCAN_STRING ? "@string{" : "@x{k,");
	for (i = from; i < to; i++) {
		f = &se->fields[i];
		for (; line < f->line; line++)
			buf_putc(t, '\n');
		buf_put(t, f->text.p, f->text.len);
		line += count_newlines(f->text.p, f->text.len);
		buf_puts(t, i + 1 < to ? "," : "}");
	}
}

/* Run libbtparse with its stderr captured; NULL if it refused. */
static AST *
parse_text(struct bib *b, int line, const char *file)
{
	FILE	*saved = stderr;
	AST	*ast;
	boolean	 ok;
	char	*nl;

	fseek(b->capture, 0, SEEK_SET);
	b->parsed = 1;
	stderr = b->capture;
	ast = bt_parse_entry_s(b->text.data, NULL, line, BTO_NOSTORE, &ok);
	stderr = saved;
	fflush(b->capture);
	if (ast != NULL && ok)
		return ast;
	/* scan.c should make this unreachable; say what btparse said. */
	if (b->captured_len > 0 && (nl = memchr(b->captured, '\n',
	    b->captured_len)) != NULL)
		*nl = '\0';
	msg(MSG_ERROR, file, line, "libbtparse rejected the entry: %s",
	    b->captured_len > 0 ? b->captured : "no reason given");
	if (ast != NULL)
		bt_free_ast(ast);
	return NULL;
}

static void
define_macros(struct bib *b, AST *ast, const char *file)
{
	AST	*field = NULL;
	char	*name, *value, *old;

	while ((field = bt_next_field(ast, field, &name)) != NULL) {
		buf_truncate(&b->value, 0);
		field_value(b, field, file, &b->value, 0);
		value = xstrdup(b->value.data != NULL ? b->value.data : "");
		old = strmap_put(b->macros, name, value);
		free(old);
	}
}

/* Is [p, end) one delimited string, not "a" # b? */
static int
one_string(const char *p, const char *end)
{
	const char	*q;
	int		 depth = 0;

	for (q = p + (*p == '"'); q < end; q++) {
		if (*q == '{')
			depth++;
		else if (*q == '}' && --depth == 0 && *p == '{')
			return q + 1 == end;
		else if (*q == '"' && depth == 0 && *p == '"')
			return q + 1 == end;
	}
	return 0;
}

/*
 * libbtparse turns line breaks into spaces, as BibTeX does; Markdown
 * needs them for paragraphs and lists.  For a value written as one
 * {braced} or "quoted" string, keep its lines -- trimmed, blank runs
 * shortened to one blank line -- when it has such structure.
 */
static char *
line_structure(const struct scan_field *f)
{
	const char	*p = memchr(f->text.p, '=', f->text.len);
	const char	*end = f->text.p + f->text.len, *line, *nl;
	struct buf	 out = { 0 };
	int		 blank = 0, structured = 0;

	if (p == NULL)
		return NULL;
	for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '\n'); p++)
		continue;
	/* The newline first: most values have none, and it is the cheap test. */
	if (p == end || (*p != '{' && *p != '"') ||
	    memchr(p, '\n', (size_t)(end - p)) == NULL || !one_string(p, end))
		return NULL;
	for (line = p + 1, end--; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		while (line < nl && (*line == ' ' || *line == '\t'))
			line++;
		if (line == nl) {
			blank = out.len > 0;
			continue;
		}
		if (blank || (out.len > 0 && strchr("-*+>|", *line) != NULL &&
		    (line + 1 < nl && line[1] == ' ')))
			structured = 1;
		if (out.len > 0)
			buf_puts(&out, blank ? "\n\n" : "\n");
		buf_put(&out, line, (size_t)(nl - line));
		blank = 0;
		if (nl == end)
			break;
	}
	if (!structured) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/*
 * Where a value is kept: packed at the front of the source text, over
 * what has been read, else in the list's arena.  The text was read
 * into memory anyway, and the values of the fields read so far take
 * less than their "name = {value}" did, so packing never reaches a
 * field not yet read: each value fits in its own field's span, and the
 * spans come in order.  The text between the packed values and the
 * entry being read goes back to the system as reading goes (give_back),
 * and the rest once the file is read: a fifth of a typical file, which
 * no peak of a run then holds.
 */
static char *
keep_value(struct bib *b, struct entry_list *l, const struct scan_field *sf,
    const char *v, size_t n, const char *blocks)
{
	char	*place = b->packed;
	size_t	 nb = blocks != NULL ? strlen(blocks) + 1 : 0;

	if (n + 1 + nb > sf->text.len || place > sf->text.p)
		place = arena_alloc(&l->arena, n + 1 + nb);
	else
		b->packed += n + 1 + nb;
	memcpy(place, v != NULL ? v : "", n);
	place[n] = '\0';
	if (blocks != NULL)	/* what field_blocks() finds */
		memcpy(place + n + 1, blocks, nb);
	return place;
}

/*
 * Whole pages between the last kept value and the entry being read,
 * once there is a step's worth not given back yet.  The scanner looks
 * back from the next entry no further than this one's end.
 */
static void
give_back(struct bib *b, struct source *src, const char *entry)
{
	const char	*from = b->packed > b->given_back ? b->packed :
			    b->given_back;

	if (entry - from < TRIM_STEP)
		return;
	source_trim(src, from, entry);
	b->given_back = entry;
}

/* A new entry's fields: none yet. */
static void
forget_fields(struct bib *b)
{
	b->nfields = 0;
	strmap_free(b->field_index, NULL);
	b->field_index = NULL;
}

/* One more field in b's array, its name interned; NULL if the entry
 * has one of that name already.  Its value is the caller's. */
static struct field *
next_field(struct bib *b, const char *interned)
{
	struct field	*f;

	if (fields_find(b->fields, b->nfields, &b->field_index,
	    interned) != NULL)
		return NULL;
	if (b->nfields == b->fieldcap) {
		b->fieldcap = b->fieldcap ? b->fieldcap * 2 : 32;
		b->fields = xreallocarray(b->fields, b->fieldcap,
		    sizeof(*b->fields));
	}
	f = &b->fields[b->nfields++];
	f->name = interned;
	fields_added(b->fields, b->nfields, b->field_index);
	return f;
}

static void
keep_field(struct bib *b, struct entry_list *l, struct field *f,
    const struct scan_field *sf, const char *v, size_t n, const char *blocks,
    int line)
{
	f->value = keep_value(b, l, sf, v, n, blocks);
	f->has_blocks = blocks != NULL;
	f->line = line;
}

static void
add_fields(struct bib *b, struct entry_list *l, struct entry *e, AST *ast,
    const struct scan_field *sf)
{
	AST		*field = NULL;
	struct field	*f;
	char		*name, *blocks;
	const char	*interned;

	for (; (field = bt_next_field(ast, field, &name)) != NULL; sf++) {
		interned = entry_list_name(l, name);
		if ((f = next_field(b, interned)) == NULL) {
			msg(MSG_WARNING, e->file, field->line, "duplicate "
			    "field '%s' in '%s': the first one is kept",
			    name, e->key);
			continue;
		}
		buf_truncate(&b->value, 0);
		field_value(b, field, e->file, &b->value, 1);
		/* Its lines, if it has any to keep, before the text changes. */
		blocks = line_structure(sf);
		keep_field(b, l, f, sf, b->value.data, b->value.len, blocks,
		    field->line);
		free(blocks);
	}
}

/* Hand the fields to libbtparse in slices it can take. */
static void
parse_fields(struct bib *b, struct entry_list *l, const struct scan_entry *se,
    struct entry *e, const char *file)
{
	size_t	 from, to, text = 0, allowed;
	AST	*ast;

	for (from = 0; from < se->nfields; from++)
		text += se->fields[from].text.len;
	allowed = PASTE_FLOOR + PASTE_RATIO * text;
	b->paste_left = allowed;
	b->cut_line = 0;
	forget_fields(b);
	for (from = 0; from < se->nfields; from = to) {
		to = from + FIELDS_PER_PARSE;
		if (to > se->nfields)
			to = se->nfields;
		build_text(&b->text, se, from, to);
		ast = parse_text(b, se->fields[from].line, file);
		if (ast == NULL)
			continue;
		if (e == NULL)
			define_macros(b, ast, file);
		else
			add_fields(b, l, e, ast, &se->fields[from]);
		bt_free_ast(ast);
	}
	if (b->cut_line > 0 && e != NULL)
		msg(MSG_ERROR, file, b->cut_line, "macros would paste more "
		    "than %zu bytes into '%s' (1 KB and %d times its text): "
		    "cut there", allowed, e->key, PASTE_RATIO);
	else if (b->cut_line > 0)
		msg(MSG_ERROR, file, b->cut_line, "macros would paste more "
		    "than %zu bytes into this @string (1 KB and %d times its "
		    "text): cut there", allowed, PASTE_RATIO);
}

/* The entry takes the fields read into b's arrays. */
static void
set_fields(struct bib *b, struct entry_list *l, struct entry *e)
{
	e->fields = arena_alloc(&l->arena, b->nfields * sizeof(*e->fields));
	if (b->nfields > 0)
		memcpy(e->fields, b->fields, b->nfields * sizeof(*e->fields));
	e->nfields = b->nfields;
}

static struct entry *
new_entry(struct entry_list *l, const struct span *type, const char *key,
    size_t keylen, const char *file, int line)
{
	struct entry	*e = arena_alloc(&l->arena, sizeof(*e));
	char		*lower = lower_dup(type->p, type->len);

	memset(e, 0, sizeof(*e));
	e->type = entry_list_name(l, lower);
	free(lower);
	e->key = arena_strndup(&l->arena, key != NULL ? key : "", keylen);
	e->file = file;
	e->line = line;
	return e;
}

/* A field's letters and digits, lowercase: "{T}he {GPU} Way" -> "thegpuway". */
static char *
letters(const struct entry *e, const char *name)
{
	const char	*v = entry_get(e, name), *p;
	struct buf	 b = { 0 };

	for (p = v != NULL ? v : ""; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (unsigned char)*p >= 0x80)
			buf_putc(&b, *p);
		else if (*p >= 'A' && *p <= 'Z')
			buf_putc(&b, (char)(*p - 'A' + 'a'));
	return buf_detach(&b);
}

/*
 * Two entries under one key: the same work written twice, or two works
 * (a key copied as a template)?  Any field that tells works apart and
 * differs says two: showing a work twice loses less than dropping one
 * (two patents of one title differ only in their note's number).
 */
static int
same_work(const struct entry *a, const struct entry *b)
{
	static const char *const fields[] = { "doi", "title", "year",
	    "booktitle", "journal", "volume", "number", "pages", "note",
	    "url", "eprint" };
	char	*x, *y;
	size_t	 i;
	int	 differ = 0;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]) && !differ; i++) {
		x = letters(a, fields[i]);
		y = letters(b, fields[i]);
		differ = x[0] != '\0' && y[0] != '\0' && strcmp(x, y) != 0;
		free(x);
		free(y);
	}
	return !differ;
}

/*
 * A second entry under a key: skipped when it is the same work, kept
 * under KEY-2 (or -3 ...) when it is another, so no paper disappears.
 */
static void
add_entry(struct entry_list *list, struct entry *e)
{
	struct entry	*first;
	struct buf	 key = { 0 };
	const char	*was = e->key;
	int		 n;

	if (entry_list_add(list, e))
		return;
	first = entry_list_find(list, e->key);
	if (same_work(first, e)) {
		msg(MSG_WARNING, e->file, e->line, "duplicate key '%s' (first "
		    "at %s:%d): the same work, this entry is skipped", e->key,
		    first->file, first->line);
		return;
	}
	for (n = 2; ; n++) {
		buf_truncate(&key, 0);
		buf_printf(&key, "%s-%d", was, n);
		e->key = arena_strdup(&list->arena, key.data);
		if (entry_list_add(list, e))
			break;
	}
	buf_free(&key);
	msg(MSG_WARNING, e->file, e->line, "duplicate key '%s' (first at "
	    "%s:%d) for another work: kept as '%s'", was, first->file,
	    first->line, e->key);
}

static void
read_entry(struct bib *b, struct entry_list *l, struct source *src,
    const struct scan_entry *se, const char *file)
{
	struct entry	*e;

	e = new_entry(l, &se->type, se->key.p, se->key.len, file, se->line);
	parse_fields(b, l, se, e, file);
	set_fields(b, l, e);
	add_entry(l, e);
	give_back(b, src, se->type.p - 1);
}

void
bib_read(struct bib *b, struct source *src, struct entry_list *list)
{
	struct scanner		 s;
	struct scan_entry	 se = { 0 };
	const char		*file;

	file = entry_list_add_file(list, src->name);
	b->packed = src->text;
	b->given_back = src->text;
	scan_init(&s, src);
	while (scan_next(&s, &se)) {
		if (se.kind == SCAN_STRING)
			parse_fields(b, list, &se, NULL, file);
		else
			read_entry(b, list, src, &se, file);
	}
	scan_entry_free(&se);
	/* Values now live in the text: the list keeps it, but its tail. */
	source_trim(src, b->packed, src->text + src->len);
	entry_list_keep_text(list, src->text);
	src->text = NULL;
}
