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
#include "split.h"
#include "util.h"

#define FIELDS_PER_PARSE 64	/* libbtparse's AST stack holds 96 */
#define FIELDS_SCANNED	32	/* seen_field() looks through fewer */
#define TRIM_STEP	(1024 * 1024)	/* read text given back this much at once */
#define PEEK_MARGIN	(64 * 1024)	/* the scanner's look past an entry */
/*
 * Macros may paste into one entry (or @string) PASTE_FLOOR bytes and
 * PASTE_RATIO times its own text, no more.  Each @string can double the
 * one before ("@string{b = a # a}"): forty lines would ask for
 * terabytes, and one large macro used on every line would multiply a
 * file almost as much.  A journal's name pasted for its abbreviation
 * is far inside the bound.  It is per entry, not per run, so that a
 * file read by two processes is cut where one process would cut it.
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
	const char	**names;	/* and their names */
	struct hashmap	*field_set;	/* the names, for a wide entry */
	size_t		 nfields, fieldcap;
	char		*packed;	/* where the next kept value goes */
	const char	*given_back;	/* text given back up to here */
	int		 parsed;	/* libbtparse has a lexer buffer to free */
	const char	*base;		/* the text being read */
	size_t		 paste_left;	/* what macros may still paste here */
	int		 cut_line;	/* where they were cut, or 0 */
	struct split	*send;		/* a child: what it reads goes here */
	struct strmap	*sent;		/* a child: field name -> its id + 1 */
	const char	**taken;	/* a parent: field names by id */
	uint32_t	 ntaken;
};

/* Record tags, as the child writes them (see bib_read). */
#define REC_ENTRY	'E'
#define REC_MACRO	'S'
#define REC_END		'Z'
#define NEW_NAME	0x7fffffffu	/* in place of a field's name id */
#define HAS_BLOCKS	0x80000000u	/* in a field's name id */

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
	hashmap_free(b->field_set);
	free(b->fields);
	free(b->names);
	free(b->taken);
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

/* A macro's expansion into v, as much as the entry may still paste. */
static void
paste(struct bib *b, struct buf *v, const char *expansion, int line)
{
	size_t	 n = strlen(expansion);

	if (n <= b->paste_left) {
		b->paste_left -= n;
	} else {
		n = b->paste_left;	/* at a character's first byte */
		while (n > 0 && ((unsigned char)expansion[n] & 0xc0) == 0x80)
			n--;
		if (b->cut_line == 0)
			b->cut_line = line;
		b->paste_left = 0;	/* nothing more for this entry */
	}
	buf_put(v, expansion, n);
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
			paste(b, v, expansion, node->line);
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
		if (b->send != NULL) {
			split_put_u32(b->send, REC_MACRO);
			split_put_str(b->send, name, strlen(name));
			split_put_str(b->send, value, b->value.len);
		}
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

/*
 * Has the entry a field of this name already?  If not, the name is
 * counted as one.  Names are interned: the same name is the same
 * pointer.  Entries have a dozen fields, which a look through finds
 * quickest; past FIELDS_SCANNED a set keeps an entry of 100,000 fields
 * (2.3 s in that look) from costing a compare for every pair.
 */
static int
seen_field(struct bib *b, const char *interned)
{
	const char	*same_hash;
	size_t		 i;

	if (b->field_set == NULL && b->nfields >= FIELDS_SCANNED) {
		b->field_set = hashmap_new();
		for (i = 0; i < b->nfields; i++)
			hashmap_put(b->field_set, hash64(b->names[i]),
			    (void *)b->names[i]);
	}
	if (b->field_set != NULL) {
		same_hash = hashmap_get(b->field_set, hash64(interned));
		if (same_hash == interned)
			return 1;
		hashmap_put(b->field_set, hash64(interned), (void *)interned);
		if (same_hash == NULL)
			return 0;
		/* Two names with one hash: look through them all. */
	}
	for (i = 0; i < b->nfields; i++)
		if (b->names[i] == interned)
			return 1;
	return 0;
}

/* A new entry's fields: none yet. */
static void
forget_fields(struct bib *b)
{
	b->nfields = 0;
	hashmap_free(b->field_set);
	b->field_set = NULL;
}

/* One more field in b's arrays, its name interned; its value is the
 * caller's. */
static struct field *
next_field(struct bib *b, const char *interned)
{
	if (b->nfields == b->fieldcap) {
		b->fieldcap = b->fieldcap ? b->fieldcap * 2 : 32;
		b->fields = xreallocarray(b->fields, b->fieldcap,
		    sizeof(*b->fields));
		b->names = xreallocarray(b->names, b->fieldcap,
		    sizeof(*b->names));
	}
	b->names[b->nfields] = interned;
	return &b->fields[b->nfields++];
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

/*
 * A field name's id in the records: the first time a name comes,
 * NEW_NAME and the name give it the next one.  (Names as strings took a
 * tenth of the records.)
 */
static uint32_t
send_name(struct bib *b, const char *name)
{
	void		**slot;
	uint32_t	  id;

	if (b->sent == NULL)
		b->sent = strmap_new_borrowed();
	slot = strmap_slot(b->sent, name);
	if (*slot != NULL)
		return (uint32_t)((uintptr_t)*slot - 1);
	id = (uint32_t)strmap_count(b->sent) - 1;
	*slot = (void *)(uintptr_t)(id + 1);
	split_put_u32(b->send, NEW_NAME);
	split_put_str(b->send, name, strlen(name));
	return id;
}

/* A child's field: what the parent needs to keep it as keep_field does. */
static void
send_field(struct bib *b, const char *name, const char *blocks, int line,
    const struct scan_field *sf)
{
	struct split	*sp = b->send;
	uint32_t	 id = send_name(b, name);

	split_put_u32(sp, blocks != NULL ? id | HAS_BLOCKS : id);
	split_put_str(sp, b->value.data != NULL ? b->value.data : "",
	    b->value.len);
	if (blocks != NULL)
		split_put_str(sp, blocks, strlen(blocks));
	split_put_u32(sp, (uint32_t)line);
	split_put_u32(sp, (uint32_t)(sf->text.p - b->base));
	split_put_u32(sp, (uint32_t)sf->text.len);
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
		if (seen_field(b, interned)) {
			msg(MSG_WARNING, e->file, field->line, "duplicate "
			    "field '%s' in '%s': the first one is kept",
			    name, e->key);
			continue;
		}
		f = next_field(b, interned);
		buf_truncate(&b->value, 0);
		field_value(b, field, e->file, &b->value);
		/* Its lines, if it has any to keep, before the text changes. */
		blocks = line_structure(sf);
		if (b->send != NULL)	/* by its interned name: it stays */
			send_field(b, b->names[b->nfields - 1], blocks,
			    field->line, sf);
		else
			keep_field(b, l, f, sf, b->value.data, b->value.len,
			    blocks, field->line);
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
	e->names = entry_list_shape(l, b->names, b->nfields);
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

/* ---- one file read by two processes (split.h) ---- */

/*
 * The records, in file order:
 *	REC_ENTRY  '@' offset, line, where scanning went on after it
 *		   (offset, line), type, key, field count, then each field
 *		   (send_field), then its messages (send_messages)
 *	REC_MACRO  name, value: an @string, defined as it comes
 *	REC_END    the messages after the last entry
 * An entry's messages -- from scanning it, reading it, and any @string
 * before it -- come after its fields, so the parent prints them before
 * it adds the entry (which may warn of a duplicate key), as in one run.
 * Each entry is published whole; if the child fails, the parent scans
 * on from where the last entry it took ended.
 */
static void
send_messages(struct split *sp, struct msg_hold *h)
{
	split_put_u32(sp, h->max);
	split_put_str(sp, h->text.data != NULL ? h->text.data : "",
	    h->text.len);
	msg_drop(h);
}

static void
send_entry(struct bib *b, struct entry_list *l, const struct scanner *s,
    const struct scan_entry *se, const char *file, struct msg_hold *h)
{
	struct split	*sp = b->send;
	struct entry	 e = { 0 };
	char		*key = xstrndup(se->key.p != NULL ? se->key.p : "",
			    se->key.len);
	size_t		 count;

	e.file = file;
	e.key = key;
	split_put_u32(sp, REC_ENTRY);
	split_put_u32(sp, (uint32_t)(se->type.p - 1 - b->base));
	split_put_u32(sp, (uint32_t)se->line);
	split_put_u32(sp, (uint32_t)(s->p - b->base));
	split_put_u32(sp, (uint32_t)s->line);
	split_put_str(sp, se->type.p, se->type.len);
	split_put_str(sp, key, se->key.len);
	count = split_mark(sp);
	split_put_u32(sp, 0);
	parse_fields(b, l, se, &e, file);
	split_patch_u32(sp, count, (uint32_t)b->nfields);
	send_messages(sp, h);
	split_publish(sp);
	free(key);
}

/*
 * The child.  Entries before mid are the parent's: of them only the
 * @string ones are read, for their macros, and silently -- the parent
 * says what there is to say.  That includes what scanning up to the
 * first entry past mid said: the parent scans that far too.  The text
 * before that entry is given back at once, so the parent's writes to
 * it need not copy pages the child still holds, and the rest as it is
 * read: the parent gives back its own copy past the first entry (see
 * drop_child_part), so those pages are then the child's alone.
 */
static _Noreturn void
read_as_child(struct bib *b, struct split *sp, struct source *src,
    struct scanner *s, struct entry_list *l, const char *file,
    const char *mid)
{
	struct msg_hold		 h = { 0 };
	struct scan_entry	 se = { 0 };

	msg_hold(&h);
	while (scan_next(s, &se)) {
		if (b->send == NULL) {
			msg_drop(&h);	/* the parent's to say */
			if (se.type.p < mid) {
				if (se.kind == SCAN_STRING)
					parse_fields(b, l, &se, NULL, file);
				continue;
			}
			source_trim(src, src->text, se.type.p - 1);
			b->given_back = se.type.p - 1;
			b->send = sp;
			split_tell_boundary(sp, (size_t)(s->p - src->text));
		}
		if (se.kind == SCAN_STRING)
			parse_fields(b, l, &se, NULL, file);
		else
			send_entry(b, l, s, &se, file, &h);
		give_back(b, src, se.type.p - 1);
	}
	split_put_u32(sp, REC_END);
	send_messages(sp, &h);
	split_child_done(sp);
}

static void
take_name(struct bib *b, struct split *sp, struct entry_list *l)
{
	size_t	 n;

	b->taken = xreallocarray(b->taken, b->ntaken + 1, sizeof(*b->taken));
	b->taken[b->ntaken++] = entry_list_name(l, split_get_str(sp, &n));
}

static void
take_field(struct bib *b, struct split *sp, struct entry_list *l,
    const struct source *src)
{
	struct scan_field	 sf = { { NULL, 0 }, { src->text, 0 }, 0 };
	const char		*name, *value, *blocks = NULL;
	size_t			 n, len, off, textlen;
	uint32_t		 id;
	int			 line;

	while ((id = split_get_u32(sp)) == NEW_NAME && !split_at_end(sp))
		take_name(b, sp, l);
	/* Interned when taken (take_name); a bad id gets "". */
	name = (id & ~HAS_BLOCKS) < b->ntaken ? b->taken[id & ~HAS_BLOCKS] :
	    entry_list_name(l, "");
	value = split_get_str(sp, &len);
	if (id & HAS_BLOCKS)
		blocks = split_get_str(sp, &n);
	line = (int)split_get_u32(sp);
	off = split_get_u32(sp);
	textlen = split_get_u32(sp);
	if (off <= src->len && textlen <= src->len - off) {
		sf.text.p = src->text + off;	/* where its value may go */
		sf.text.len = textlen;
	}
	keep_field(b, l, next_field(b, name), &sf, value, len, blocks, line);
}

static void
take_messages(struct split *sp)
{
	enum msg_level	 level = (enum msg_level)split_get_u32(sp);
	const char	*text;
	size_t		 n;

	text = split_get_str(sp, &n);
	msg_put(level <= MSG_SYSERR ? level : MSG_ERROR, text, n);
}

/* Where the parent scans on if the child fails: 0 for its first entry. */
struct resume {
	size_t	 at;
	int	 line;
};

static void
take_entry(struct bib *b, struct split *sp, struct entry_list *l,
    struct source *src, const char *file, struct resume *r)
{
	struct entry	*e;
	struct span	 type;
	const char	*key;
	size_t		 at, keylen, i, n;
	int		 line;

	at = split_get_u32(sp);
	line = (int)split_get_u32(sp);
	r->at = split_get_u32(sp);
	r->line = (int)split_get_u32(sp);
	type.p = split_get_str(sp, &type.len);
	key = split_get_str(sp, &keylen);
	e = new_entry(l, &type, key, keylen, file, line);
	n = split_get_u32(sp);
	b->nfields = 0;
	for (i = 0; i < n && !split_at_end(sp); i++)
		take_field(b, sp, l, src);
	set_fields(b, l, e);
	take_messages(sp);
	add_entry(l, e);
	if (at < src->len)
		give_back(b, src, src->text + at);
	split_release(sp);
}

static void
take_macro(struct bib *b, struct split *sp)
{
	const char	*name, *value;
	size_t		 n;

	name = split_get_str(sp, &n);
	value = split_get_str(sp, &n);
	free(strmap_put(b->macros, name, xstrndup(value, n)));
}

/*
 * The parent has no use for the text of the child's part while the
 * child reads it: its values come back in the records.  Past the end
 * of the child's first entry -- the last text the parent scans -- and a
 * margin for the scanner's look at the next line, it goes back to the
 * system; the child gives its own copy back as it reads, so the text
 * is not held twice.  Only for a regular file, which restore_text can
 * read again if the child fails.  Returns where the text was dropped
 * from, or 0.
 */
static size_t
drop_child_part(struct split *sp, struct source *src)
{
	size_t	 from;

	if (!src->regular || (from = split_boundary(sp)) == 0)
		return 0;
	from += PEEK_MARGIN;
	if (from >= src->len)
		return 0;
	source_trim(src, src->text + from, src->text + src->len);
	return from;
}

/*
 * The child failed after the parent dropped the text of its part: read
 * the file again for what was dropped and not yet packed over.  A file
 * whose length or modification time changed is not trusted: what is
 * past the last entry taken is then lost, and said so.
 */
static int
restore_text(struct bib *b, struct source *src, size_t from, int line)
{
	struct source	 again;
	struct msg_hold	 said = { 0 };	/* said the first time it was read */
	size_t		 packed = (size_t)(b->packed - src->text);
	int		 same;

	if (from < packed)
		from = packed;
	msg_hold(&said);
	same = source_load(&again, src->name) && again.len == src->len &&
	    again.mtime.tv_sec == src->mtime.tv_sec &&
	    again.mtime.tv_nsec == src->mtime.tv_nsec;
	msg_hold(NULL);
	msg_hold_free(&said);
	if (!same)
		msg(MSG_SYSERR, src->name, line, "cannot be read again, or "
		    "changed since it was read: the entries from here on are "
		    "left out");
	else if (from < src->len)
		memcpy(src->text + from, again.text + from, src->len - from);
	source_free(&again);
	return same;
}

/*
 * The child's records as they come, as if read here.  Returns 1 when
 * all are taken; else the child failed, and r says where to read on.
 */
static int
take_records(struct bib *b, struct split *sp, struct source *src,
    struct entry_list *l, const char *file, struct resume *r)
{
	b->ntaken = 0;	/* name ids are the child's */
	r->at = 0;
	while (split_take(sp)) {
		while (!split_at_end(sp)) {
			switch (split_get_u32(sp)) {
			case REC_ENTRY:
				take_entry(b, sp, l, src, file, r);
				break;
			case REC_MACRO:
				take_macro(b, sp);
				break;
			default:	/* REC_END */
				take_messages(sp);
				split_stop(sp);
				return 1;
			}
		}
	}
	split_stop(sp);
	return 0;
}

/*
 * Room for the records of n bytes of text.  A value takes less than its
 * field's text, and a field's record some 20 bytes more; a part whose
 * records outgrow this (thousands of messages, fields of a few bytes)
 * is left to the parent from the last entry that fitted.
 */
static size_t
split_room(size_t n)
{
	return 4 * n + 64 * 1024;
}

void
bib_read(struct bib *b, struct source *src, struct entry_list *list)
{
	struct scanner		 s;
	struct scan_entry	 se = { 0 };
	struct split		 sp;
	struct resume		 r;
	const char		*file, *mid = NULL, *ask = NULL;
	size_t			 dropped = 0;
	int			 split = 0;

	file = entry_list_add_file(list, src->name);
	b->packed = src->text;
	b->given_back = b->base = src->text;
	scan_init(&s, src);
	if (split_wanted(src->len)) {
		mid = src->text + src->len / 2;
		ask = src->text + src->len / 4;
		split = split_fork(&sp, split_room(src->len - src->len / 2));
		if (split == 1)
			read_as_child(b, &sp, src, &s, list, file, mid);
		split = split == 0;
	}
	while (scan_next(&s, &se)) {
		if (split && ask != NULL && se.type.p >= ask) {
			ask = NULL;	/* by now the child has its first entry */
			dropped = drop_child_part(&sp, src);
		}
		if (split && se.type.p >= mid) {
			split = 0;
			if (take_records(b, &sp, src, list, file, &r))
				break;
			if (dropped > 0 && !restore_text(b, src, dropped,
			    r.at > 0 ? r.line : se.line))
				break;
			if (r.at > 0) {	/* on from the last entry taken */
				s.p = src->text + r.at;
				s.line = r.line;
				continue;
			}
		}
		if (se.kind == SCAN_STRING)
			parse_fields(b, list, &se, NULL, file);
		else
			read_entry(b, list, src, &se, file);
	}
	if (split)	/* the file ended before the child's part began */
		split_stop(&sp);
	scan_entry_free(&se);
	/* Values now live in the text: the list keeps it, but its tail. */
	source_trim(src, b->packed, src->text + src->len);
	entry_list_keep_text(list, src->text);
	src->text = NULL;
}
