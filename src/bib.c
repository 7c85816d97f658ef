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

#include "bib.h"
#include "model.h"
#include "msg.h"
#include "scan.h"
#include "source.h"
#include "util.h"

#define FIELDS_PER_PARSE 64	/* libbtparse's AST stack holds 96 */
#define TRIM_STEP	(1024 * 1024)	/* read text given back this much at once */

struct bib {
	struct strmap	*macros;	/* lowercase name -> char * */
	FILE		*capture;	/* libbtparse's stderr */
	char		*captured;
	size_t		 captured_len;
	struct buf	 text;		/* the entry as handed to libbtparse */
	struct buf	 value;		/* one field's value being built */
	struct field	*fields;	/* one entry's fields being read */
	const char	**names;	/* and their names */
	size_t		 nfields, fieldcap;
	char		*packed;	/* where the next kept value goes */
	const char	*given_back;	/* text given back up to here */
	int		 parsed;	/* libbtparse has a lexer buffer to free */
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

struct bib *
bib_new(void)
{
	static const char *const abbr[12] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	struct bib	*b = xcalloc(1, sizeof(*b));
	int		 i;

	b->macros = strmap_new();
	for (i = 0; i < 12; i++)
		strmap_put(b->macros, abbr[i], xstrdup(month_names[i]));
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
	free(b->fields);
	free(b->names);
	free(b);
}

/* Lowercase copy of a name from libbtparse or the scanner. */
static char *
lower_dup(const char *s, size_t n)
{
	return ascii_lower(xstrndup(s, n));
}

/* Does v hold a tab, a newline, two blanks in a row or blank ends? */
static int
needs_collapse(const struct buf *v)
{
	if (v->len == 0)
		return 0;
	if (v->data[0] == ' ' || v->data[v->len - 1] == ' ' ||
	    memchr(v->data, '\n', v->len) != NULL ||
	    memchr(v->data, '\t', v->len) != NULL)
		return 1;
	/* glibc's strstr() takes a short needle 16 bytes at a time. */
	return strstr(v->data, "  ") != NULL;
}

/*
 * BibTeX collapses runs of blanks to one space and trims the ends.
 * Most values have nothing to collapse: libc's scans say so faster
 * than the loop would (it was 3% of a run).
 */
static void
collapse_space(struct buf *v)
{
	size_t	 i, j = 0;
	int	 space = 1;

	if (!needs_collapse(v))
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
	if (j > 0 && v->data[j - 1] == ' ')
		j--;
	buf_truncate(v, j);
}

/* Paste the simple values of one field into v, expanding macros. */
static void
field_value(struct bib *b, AST *field, const char *file, struct buf *v)
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
			buf_puts(v, expansion);
		else
			msg(MSG_WARNING, file, node->line,
			    "undefined macro '%s' taken as empty", text);
		free(name);
	}
	collapse_space(v);
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
		field_value(b, field, file, &b->value);
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
    const struct buf *v, const char *blocks)
{
	char	*place = b->packed;
	size_t	 n = v->len, nb = blocks != NULL ? strlen(blocks) + 1 : 0;

	if (n + 1 + nb > sf->text.len || place > sf->text.p)
		place = arena_alloc(&l->arena, n + 1 + nb);
	else
		b->packed += n + 1 + nb;
	memcpy(place, v->data != NULL ? v->data : "", n);
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

static int
has_field(const struct bib *b, const char *name)
{
	size_t	 i;

	for (i = 0; i < b->nfields; i++)
		if (strcmp(b->names[i], name) == 0)
			return 1;
	return 0;
}

static void
add_fields(struct bib *b, struct entry_list *l, struct entry *e, AST *ast,
    const struct scan_field *sf)
{
	AST		*field = NULL;
	struct field	*f;
	char		*name, *blocks;

	for (; (field = bt_next_field(ast, field, &name)) != NULL; sf++) {
		if (has_field(b, name)) {
			msg(MSG_WARNING, e->file, field->line, "duplicate "
			    "field '%s' in '%s': the first one is kept",
			    name, e->key);
			continue;
		}
		if (b->nfields == b->fieldcap) {
			b->fieldcap = b->fieldcap ? b->fieldcap * 2 : 32;
			b->fields = xreallocarray(b->fields, b->fieldcap,
			    sizeof(*b->fields));
			b->names = xreallocarray(b->names, b->fieldcap,
			    sizeof(*b->names));
		}
		b->names[b->nfields] = entry_list_name(l, name);
		f = &b->fields[b->nfields++];
		buf_truncate(&b->value, 0);
		field_value(b, field, e->file, &b->value);
		/* Its lines, if it has any to keep, before the text changes. */
		blocks = line_structure(sf);
		f->value = keep_value(b, l, sf, &b->value, blocks);
		f->has_blocks = blocks != NULL;
		free(blocks);
		f->line = field->line;
	}
}

/* Hand the fields to libbtparse in slices it can take. */
static void
parse_fields(struct bib *b, struct entry_list *l, const struct scan_entry *se,
    struct entry *e, const char *file)
{
	size_t	 from, to;
	AST	*ast;

	b->nfields = 0;
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
	if (e != NULL) {
		e->fields = arena_alloc(&l->arena, b->nfields *
		    sizeof(*e->fields));
		if (b->nfields > 0)
			memcpy(e->fields, b->fields, b->nfields *
			    sizeof(*e->fields));
		e->nfields = b->nfields;
		e->names = entry_list_shape(l, b->names, b->nfields);
	}
}

static void
add_entry(struct entry_list *list, struct entry *e)
{
	struct entry	*first;

	if (entry_list_add(list, e))
		return;
	first = entry_list_find(list, e->key);
	msg(MSG_WARNING, e->file, e->line, "duplicate key '%s' (first at "
	    "%s:%d): this entry is skipped", e->key, first->file,
	    first->line);
}

void
bib_read(struct bib *b, struct source *src, struct entry_list *list)
{
	struct scanner		 s;
	struct scan_entry	 se = { 0 };
	struct entry		*e;
	const char		*file;
	char			*type;

	file = entry_list_add_file(list, src->name);
	b->packed = src->text;
	b->given_back = src->text;
	scan_init(&s, src);
	while (scan_next(&s, &se)) {
		if (se.kind == SCAN_STRING) {
			parse_fields(b, list, &se, NULL, file);
			continue;
		}
		e = arena_alloc(&list->arena, sizeof(*e));
		memset(e, 0, sizeof(*e));
		type = lower_dup(se.type.p, se.type.len);
		e->type = entry_list_name(list, type);
		free(type);
		e->key = arena_strndup(&list->arena, se.key.p != NULL ?
		    se.key.p : "", se.key.len);
		e->file = file;
		e->line = se.line;
		parse_fields(b, list, &se, e, file);
		add_entry(list, e);
		give_back(b, src, se.type.p - 1);
	}
	scan_entry_free(&se);
	/* Values now live in the text: the list keeps it, but its tail. */
	source_trim(src, b->packed, src->text + src->len);
	entry_list_keep_text(list, src->text);
	src->text = NULL;
}
