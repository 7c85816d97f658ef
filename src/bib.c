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

#include <ctype.h>
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

struct bib {
	struct strmap	*macros;	/* lowercase name -> char * */
	FILE		*capture;	/* libbtparse's stderr */
	char		*captured;
	size_t		 captured_len;
	struct buf	 text;		/* the entry as handed to libbtparse */
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
	free(b);
}

/* Lowercase copy of a name from libbtparse or the scanner. */
static char *
lower_dup(const char *s, size_t n)
{
	char	*d = xstrndup(s, n), *p;

	for (p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* BibTeX collapses runs of blanks to one space and trims the ends. */
static void
collapse_space(struct buf *v)
{
	size_t	 i, j = 0;
	int	 space = 1;

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

/* Paste the simple values of one field, expanding macros. */
static char *
field_value(struct bib *b, AST *field, const char *file)
{
	struct buf	 v = { 0 };
	AST		*node = NULL;
	bt_nodetype	 type;
	char		*text, *name;
	const char	*expansion;

	while ((node = bt_next_value(field, node, &type, &text)) != NULL) {
		if (text == NULL)
			continue;
		if (type != BTAST_MACRO) {
			buf_puts(&v, text);
			continue;
		}
		name = lower_dup(text, strlen(text));
		expansion = strmap_get(b->macros, name);
		if (expansion != NULL)
			buf_puts(&v, expansion);
		else
			msg(MSG_WARNING, file, node->line,
			    "undefined macro '%s' taken as empty", text);
		free(name);
	}
	collapse_space(&v);
	return buf_detach(&v);
}

/* Build the text libbtparse will see for fields [from, to). */
static void
build_text(struct buf *t, const struct scan_entry *se, size_t from,
    size_t to)
{
	const struct scan_field	*f;
	int			 line = se->fields[from].line;
	size_t			 i, k;

	buf_truncate(t, 0);
	buf_puts(t, se->kind == SCAN_STRING ? "@string{" : "@x{k,");
	for (i = from; i < to; i++) {
		f = &se->fields[i];
		for (; line < f->line; line++)
			buf_putc(t, '\n');
		buf_put(t, f->text.p, f->text.len);
		for (k = 0; k < f->text.len; k++)
			if (f->text.p[k] == '\n')
				line++;
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
		value = field_value(b, field, file);
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
	if (p == end || (*p != '{' && *p != '"') || !one_string(p, end) ||
	    memchr(p, '\n', (size_t)(end - p)) == NULL)
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

static void
add_fields(struct bib *b, struct entry *e, AST *ast,
    const struct scan_field *sf)
{
	AST	*field = NULL;
	char	*name;

	for (; (field = bt_next_field(ast, field, &name)) != NULL; sf++) {
		if (entry_field(e, name) != NULL) {
			msg(MSG_WARNING, e->file, field->line, "duplicate "
			    "field '%s' in '%s': the first one is kept",
			    name, e->key);
			continue;
		}
		e->fields = xreallocarray(e->fields, e->nfields + 1,
		    sizeof(*e->fields));
		e->fields[e->nfields].name = xstrdup(name);
		e->fields[e->nfields].value = field_value(b, field, e->file);
		e->fields[e->nfields].blocks = line_structure(sf);
		e->fields[e->nfields].line = field->line;
		e->nfields++;
	}
}

/* Hand the fields to libbtparse in slices it can take. */
static void
parse_fields(struct bib *b, const struct scan_entry *se, struct entry *e,
    const char *file)
{
	size_t	 from, to;
	AST	*ast;

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
			add_fields(b, e, ast, &se->fields[from]);
		bt_free_ast(ast);
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
	entry_free(e);
}

void
bib_read(struct bib *b, const struct source *src, struct entry_list *list)
{
	struct scanner		 s;
	struct scan_entry	 se = { 0 };
	struct entry		*e;
	const char		*file;

	file = entry_list_add_file(list, src->name);
	scan_init(&s, src);
	while (scan_next(&s, &se)) {
		if (se.kind == SCAN_STRING) {
			parse_fields(b, &se, NULL, file);
			continue;
		}
		e = xcalloc(1, sizeof(*e));
		e->type = lower_dup(se.type.p, se.type.len);
		e->key = xstrndup(se.key.p != NULL ? se.key.p : "",
		    se.key.len);
		e->file = file;
		e->line = se.line;
		parse_fields(b, &se, e, file);
		add_entry(list, e);
	}
	scan_entry_free(&se);
}
