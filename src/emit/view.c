/* SPDX-License-Identifier: ISC */
/*
 * view.c: answer template variable names from the model.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "base/msg.h"
#include "emit/markdown.h"
#include "emit/template.h"
#include "emit/view.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "select/select.h"
#include "text/ids.h"
#include "text/names.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What a theme calls a kind: its kind_KIND variable, or the kind. */
static const char *
kind_label(const struct page *pg, enum pub_kind kind)
{
	char		 name[32];
	const char	*label;

	snprintf(name, sizeof(name), "kind_%s", pub_kind_name(kind));
	label = vars_get(pg->vars, name);
	return label != NULL ? label : pub_kind_name(kind);
}

/* The same kinds as CSL (and Hugo Blox) name them. */
static const char *const csl_types[] = {
	"paper-conference", "article-journal", "article", "thesis", "book",
	"manuscript"
};

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- variables ---- */

void
vars_set(struct vars *vs, const char *key, const char *value)
{
	vs->v = xreallocarray(vs->v, vs->n + 1, sizeof(*vs->v));
	vs->v[vs->n].key = xstrdup(key);
	vs->v[vs->n].value = xstrdup(value);
	vs->n++;
}

const char *
vars_get(const struct vars *vs, const char *key)
{
	size_t	 i;

	for (i = vs->n; i > 0; i--)
		if (strcmp(vs->v[i - 1].key, key) == 0)
			return vs->v[i - 1].value;
	return NULL;
}

void
vars_free(struct vars *vs)
{
	size_t	 i;

	for (i = 0; i < vs->n; i++) {
		free(vs->v[i].key);
		free(vs->v[i].value);
	}
	free(vs->v);
	vs->v = NULL;
	vs->n = 0;
}

/* ---- value helpers ---- */

static int
text(struct tval *v, const char *s)
{
	if (s == NULL)
		return 1;	/* known but empty: stops the lookup here */
	v->kind = TV_TEXT;
	v->s = s;
	return 1;
}

static int
owned_text(struct tval *v, char *s)
{
	v->kind = TV_TEXT;
	v->s = v->owned = s;
	return 1;
}

static int
boolean(struct tval *v, int truth)
{
	v->kind = TV_BOOL;
	v->truth = truth;
	return 1;
}

static int
list(struct tval *v, const void *items, size_t n, size_t size,
    const struct tclass *cls)
{
	v->kind = TV_LIST;
	v->items = items;
	v->n = n;
	v->size = size;
	v->cls = cls;
	return 1;
}

/* ---- links ---- */

/* A word of the theme (lang/en.conf, theme.conf, lang/LANG.conf, -V):
 * the variable named PREFIX plus name, or NULL. */
static const char *
word(const struct page *pg, const char *prefix, const char *name)
{
	char	 key[64];
	size_t	 i, n;

	n = (size_t)snprintf(key, sizeof(key), "%s%s", prefix, name);
	if (n >= sizeof(key))
		return NULL;
	for (i = 0; key[i] != '\0'; i++)
		key[i] = (char)tolower((unsigned char)key[i]);
	return vars_get(pg->vars, key);
}

/* How a link is shown on a button: the theme's label_NAME, or NAME. */
static const char *
link_label(const struct page *pg, const char *name)
{
	const char	*label = word(pg, "label_", name);

	return label != NULL ? label : name;
}

static int
link_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct link *l = self;
	const struct page *pg = arg;

	if (strcmp(name, "name") == 0)
		return text(v, l->name);
	if (strcmp(name, "label") == 0)
		return text(v, link_label(pg, l->name));
	if (strcmp(name, "url") == 0) {
		v->kind = TV_URL;
		v->s = l->url;
		return 1;
	}
	return 0;
}

static const struct tclass view_link = { link_get };

/* ---- persons ---- */

/* A display form, written into the value's room when it fits; "and
 * others" in the theme's words (et_al). */
static int
name_text(struct tval *v, const struct page *pg, const struct person *p,
    enum name_style style)
{
	const char	*et_al;

	if (p->others && (et_al = vars_get(pg->vars, "et_al")) != NULL)
		return text(v, et_al);
	if (style == NAME_FULL && names_full_into(p, v->room,
	    sizeof(v->room)))
		return text(v, v->room);
	return owned_text(v, names_format(p, style));
}

static int
person_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct person	*p = self;
	const struct page	*pg = arg;

	/* Asked many times an author: one strcmp, mostly. */
	switch (name[0]) {
	case 'c':
		if (strcmp(name, "corresponding") == 0)
			return boolean(v, p->flags & MARK_CORRESPONDING);
		break;
	case 'e':
		if (strcmp(name, "equal") == 0)
			return boolean(v, p->flags & MARK_EQUAL);
		break;
	case 'f':
		if (strcmp(name, "full") == 0)
			return name_text(v, pg, p, NAME_FULL);
		if (strcmp(name, "first") == 0)
			return text(v, p->first);
		break;
	case 'i':
		if (strcmp(name, "initials") == 0)
			return name_text(v, pg, p, NAME_INITIALS);
		break;
	case 'j':
		if (strcmp(name, "jr") == 0)
			return text(v, p->jr);
		break;
	case 'l':
		if (strcmp(name, "last_first") == 0)
			return name_text(v, pg, p, NAME_LAST_FIRST);
		if (strcmp(name, "last") == 0)
			return text(v, p->last);
		break;
	case 'm':
		if (strcmp(name, "marks") == 0)
			return text(v, p->marks);
		if (strcmp(name, "me") == 0)
			return boolean(v, p->me);
		break;
	case 'n':
		if (strcmp(name, "name") == 0)
			return name_text(v, pg, p, pg->names);
		break;
	case 'o':
		if (strcmp(name, "others") == 0)
			return boolean(v, p->others);
		break;
	case 'u':
		/* The homepage, never the entry's url around it. */
		if (strcmp(name, "url") == 0) {
			if (p->url == NULL)
				return 1;
			v->kind = TV_URL;
			v->s = p->url;
			return 1;
		}
		break;
	case 'v':
		if (strcmp(name, "von") == 0)
			return text(v, p->von);
		break;
	}
	return 0;
}

static const struct tclass view_person = { person_get };

/* ---- pubs ---- */

/*
 * Is p a year (1900-2099) as a word of its own?  Not the digits of a
 * number such as an arXiv id (arXiv:1909.09037).
 */
static int
is_year_word(const char *text, const char *p)
{
	const char	*digits = "0123456789";

	return ((p[0] == '1' && p[1] == '9') || (p[0] == '2' &&
	    p[1] == '0')) && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]) &&
	    !(p[4] == '.' && isdigit((unsigned char)p[5])) &&
	    (p == text || (strchr(digits, p[-1]) == NULL && p[-1] != '.' &&
	    p[-1] != ':'));
}

/* At p, the year's last two digits as a label shortens it: "BELIV'16",
 * "BELIV’16", "(HotStorage 18)". */
static int
is_short_year(const char *p, const char *text, int year)
{
	const char	*d = p;

	if (strncmp(d, "\xe2\x80\x99", 3) == 0)
		d += 3;
	else if (*d == '\'' || (*d == ' ' && p > text &&
	    isalpha((unsigned char)p[-1])))
		d++;
	else
		return 0;
	if (!isdigit((unsigned char)d[0]) || !isdigit((unsigned char)d[1]) ||
	    (d[0] - '0') * 10 + (d[1] - '0') != year % 100)
		return 0;
	return *p == ' ' ? d[2] == ')' : !isalnum((unsigned char)d[2]);
}

static int
has_a_year(const char *text, int year)
{
	const char	*p;

	for (p = text; *p != '\0'; p++)
		if (is_year_word(text, p) || is_short_year(p, text, year))
			return 1;
	return 0;
}

/*
 * "ICML 2025", "ICML" without a year, "1905" without a venue; a label
 * with a year in it ("ICML 2025 Workshop on ...", abbr = {ICRA 2023})
 * is given none.
 */
static char *
venue_year(const struct pub *p, const char *venue)
{
	struct buf	 b = { 0 };
	char		 year[16];

	if (venue == NULL && p->year <= 0)
		return NULL;
	if (venue != NULL)
		buf_puts(&b, venue);
	if (p->year > 0 && (venue == NULL || !has_a_year(venue, p->year))) {
		if (venue != NULL)
			buf_putc(&b, ' ');
		buf_put(&b, year, put_decimal(year, p->year));
	}
	return buf_detach(&b);
}

/* The venue's label, or its Chinese name when the theme's words say
 * venue_names = zh and the database has one (软件学报). */
static const char *
shown_venue(const struct page *pg, const struct pub *p)
{
	return pg->venue_zh && p->venue_zh != NULL ? p->venue_zh : p->venue;
}

/* Rich text as Markdown text: its punctuation can start nothing. */
static void
put_md_literal(struct buf *b, const char *rich)
{
	for (; *rich != '\0'; rich++) {
		if (strchr("\\`*_{}[]()#+-.!|<>~&$", *rich) != NULL &&
		    *rich != '\0')
			buf_putc(b, '\\');
		buf_putc(b, *rich);
	}
}

/*
 * "CCF-A, Research track, Full paper": the parts that exist, as
 * Markdown -- the note is Markdown already, rank and track are not.
 */
static char *
notes(const struct pub *p, int with_rank)
{
	struct buf	 b = { 0 };

	if (with_rank && p->rank != NULL)
		put_md_literal(&b, p->rank);
	if (p->track != NULL) {
		if (b.len > 0)
			buf_puts(&b, ", ");
		put_md_literal(&b, p->track);
	}
	if (p->note != NULL) {
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, p->note);
	}
	return b.len > 0 ? buf_detach(&b) : NULL;
}

static int
markdown(struct tval *v, const char *s, int inline_only)
{
	if (s == NULL)
		return 1;
	v->kind = inline_only ? TV_MARKDOWN_INLINE : TV_MARKDOWN;
	v->s = s;
	return 1;
}

/*
 * A Markdown field past MD_MAX_LEN is shown as plain text (markdown.c):
 * said once for each entry's field, however often the theme shows it.
 */
static void
warn_if_long(const struct pub *p, const char *name, const char *s)
{
	static uint64_t	*said;
	static size_t	 nsaid;
	size_t		 n, i;
	uint64_t	 h;

	if (s == NULL || (n = strlen(s)) <= MD_MAX_LEN)
		return;
	h = hash64(p->entry->key) ^ hash64(name) * 31;
	for (i = 0; i < nsaid; i++)
		if (said[i] == h)
			return;
	said = xreallocarray(said, nsaid + 1, sizeof(*said));
	said[nsaid++] = h;
	msg(MSG_WARNING, p->entry->file, p->entry->line, "the %s of '%s' is "
	    "%zu bytes, over the limit of %d: shown as plain text, not "
	    "rendered", name, p->entry->key, n, MD_MAX_LEN);
}

/* An inline Markdown value the caller allocated (or NULL). */
static int
markdown_owned(struct tval *v, const struct pub *p, const char *name,
    char *s)
{
	warn_if_long(p, name, s);
	v->owned = s;
	return markdown(v, s, 1);
}

/* "rank-ccf-a": a CSS class name from a rank label. */
static char *
rank_class(const char *rank)
{
	struct buf	 b = { 0 };
	char		*plain = rich_plain(rank);
	const char	*s;

	buf_puts(&b, "rank-");
	for (s = plain; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			buf_putc(&b, *s);
		else if (*s >= 'A' && *s <= 'Z')
			buf_putc(&b, (char)(*s - 'A' + 'a'));
		else if (b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	free(plain);
	return buf_detach(&b);
}

static const struct link *
find_link(const struct pub *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->nlinks; i++)
		if (same_name(p->links[i].name, name))
			return &p->links[i];
	return NULL;
}

/* Do two links lead to one page (see link_key())? */
static int
same_target(const char *a, const char *b)
{
	char	*ka, *kb;
	int	 same;

	if (strcmp(a, b) == 0)
		return 1;
	ka = link_key(a);
	kb = link_key(b);
	same = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

/*
 * The links the theme asked for, in its order, one button a page: of
 * two with one URL the more specific label stays ("arXiv" or "PDF"
 * rather than "Paper", in the paper's place), else the first.
 */
static int
links(struct tval *v, const struct pub *p, const struct page *pg)
{
	const struct link **sel = xcalloc(pg->nlinks + 1, sizeof(*sel));
	struct link	*out = xcalloc(pg->nlinks + 1, sizeof(*out));
	size_t		 i, j, k, n = 0, kept = 0;

	for (i = 0; i < pg->nlinks; i++)
		if ((sel[n] = find_link(p, pg->links[i])) != NULL)
			n++;
	for (i = 0; i < n; i++) {
		const struct link *l = sel[i];

		if (l == NULL)
			continue;	/* taken into a paper's place */
		for (j = 0; same_name(l->name, "paper") && j < n; j++)
			if (j != i && sel[j] != NULL &&
			    !same_name(sel[j]->name, "paper") &&
			    same_target(sel[j]->url, l->url)) {
				l = sel[j];
				sel[j] = NULL;
				break;
			}
		for (k = 0; k < kept && !same_target(out[k].url, l->url); k++)
			continue;
		if (k == kept)
			out[kept++] = *l;
	}
	free(sel);
	v->owned = (char *)out;
	return list(v, out, kept, sizeof(*out), &view_link);
}

/* An id for the entry's element: its key, or its place in the file. */
static char *
anchor(const struct pub *p)
{
	struct buf	 b = { 0 };

	if (p->entry->key[0] != '\0')
		buf_puts(&b, p->entry->key);
	else
		buf_printf(&b, "entry-%zu", (size_t)p->entry->ordinal + 1);
	return buf_detach(&b);
}

/* ---- long author lists (max_authors) ---- */

/* How many authors come before the cut: all when max_authors is 0 or
 * the list is no longer. */
static size_t
authors_cut(const struct pub *p, const struct page *pg)
{
	return pg->max_authors == 0 || p->nauthors <= pg->max_authors ?
	    p->nauthors : pg->max_authors;
}

/* The page owner among the authors past the cut, so that a page can
 * show them before the cut too (copies borrowing their strings). */
static int
hidden_me(struct tval *v, const struct pub *p, size_t cut)
{
	struct person	*out;
	size_t		 i, n = 0;

	for (i = cut; i < p->nauthors; i++)
		n += p->authors[i].me != 0;
	if (n == 0)
		return 1;
	out = xcalloc(n, sizeof(*out));
	for (i = cut, n = 0; i < p->nauthors; i++)
		if (p->authors[i].me)
			out[n++] = p->authors[i];
	v->owned = (char *)out;
	return list(v, out, n, sizeof(*out), &view_person);
}

/*
 * Fields that only shape a page, which al-folio leaves out of the
 * BibTeX it shows (its filtered_bibtex_keywords), and ours: unless a
 * theme's bibtex_hide says otherwise.
 */
static const char default_hidden[] = "abbr abstract additional_info "
    "altmetric annotation arxiv award award_name bibtex_show blog code "
    "dimensions eprint google_scholar_id hal html inspirehep_id pdf pmid "
    "poster preview rank selected slides supp track video website";

static int
is_hidden(const struct page *pg, const char *name)
{
	size_t	 i;

	if (strchr(name, '+') != NULL)	/* author+an and the like */
		return 1;
	for (i = 0; i < pg->nhidden; i++)
		if (same_name(name, pg->hidden[i]))
			return 1;
	return 0;
}

char *
view_bibtex(const struct page *pg, const struct pub *p)
{
	const struct entry	*e = p->entry;
	struct buf		 b = { 0 };
	char			*names;
	size_t			 i;
	int			 m;

	buf_putc(&b, '@');
	buf_puts(&b, e->type);
	buf_putc(&b, '{');
	buf_puts(&b, e->key);
	for (i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const char *name = f->name;

		if (is_hidden(pg, name))
			continue;
		/* "July" came from the macro jul: give the macro back. */
		if (strcmp(name, "month") == 0 &&
		    (m = month_number(f->value)) > 0 &&
		    !isdigit((unsigned char)f->value[0])) {
			buf_puts(&b, ",\n  month = ");
			buf_puts(&b, month_macro(m));
			continue;
		}
		buf_puts(&b, ",\n  ");	/* puts, not printf: abstracts are long */
		buf_puts(&b, name);
		buf_puts(&b, " = {");
		if (strcmp(name, "author") == 0 || strcmp(name, "editor") == 0) {
			names = names_unmarked(f->value);
			buf_puts(&b, names);
			free(names);
		} else
			buf_puts(&b, f->value);
		buf_putc(&b, '}');
	}
	buf_puts(&b, "\n}");
	return buf_detach(&b);
}

static int
is_true_field(const struct pub *p, const char *name)
{
	const char	*v = entry_get(p->entry, name);

	return v != NULL && (strcasecmp(v, "true") == 0 ||
	    strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}

static int
markdown_field(struct tval *v, const struct pub *p, const char *name)
{
	const struct field *f = entry_field(p->entry, name);

	if (f == NULL)
		return 1;
	return markdown_owned(v, p, name,
	    latex_decode_markdown(field_blocks(f)));
}

static int
pub_field(const struct pub *p, const char *name, struct tval *v)
{
	const char	*raw = entry_get(p->entry, name);

	if (raw == NULL)
		return 0;
	return owned_text(v, latex_decode(raw));
}

/* Names that are links: asked for by name, only ever a checked one. */
const char *const view_link_names[] = { "paper", "url", "html", "pdf",
	"code", "slides", "video", "poster", "website", "blog", "supp",
	"arxiv", "doi", "preview", NULL };

static int
is_link_name(const char *name)
{
	size_t	 i;

	for (i = 0; view_link_names[i] != NULL; i++)
		if (same_name(name, view_link_names[i]))
			return 1;
	return 0;
}

static int
pub_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct pub	*p = self;
	const struct page	*pg = arg;
	const struct link	*l;

	switch (name[0]) {
	case 'a':
		if (strcmp(name, "authors") == 0)
			return list(v, p->authors, p->nauthors,
			    sizeof(*p->authors), &view_person);
		if (strcmp(name, "abstract") == 0) {
			warn_if_long(p, "abstract", p->abstract);
			return markdown(v, p->abstract, 0);
		}
		if (strcmp(name, "anchor") == 0)
			return owned_text(v, anchor(p));
		if (strcmp(name, "award") == 0)
			return markdown_field(v, p, "award");
		if (strncmp(name, "authors_", 8) == 0) {
			size_t	 cut = authors_cut(p, pg);

			if (strcmp(name + 8, "shown") == 0)
				return list(v, p->authors, cut,
				    sizeof(*p->authors), &view_person);
			if (strcmp(name + 8, "hidden") == 0)
				return list(v, p->authors + cut,
				    p->nauthors - cut, sizeof(*p->authors),
				    &view_person);
			if (strcmp(name + 8, "hidden_me") == 0)
				return hidden_me(v, p, cut);
			if (strcmp(name + 8, "more") == 0 && cut < p->nauthors) {
				put_decimal(v->room, (int)(p->nauthors - cut));
				return text(v, v->room);
			}
			if (strcmp(name + 8, "more") == 0)
				return 1;
		}
		break;
	case 'b':
		if (strcmp(name, "bibtex") == 0)
			return owned_text(v, view_bibtex(pg, p));
		break;
	case 'k':
		if (strcmp(name, "key") == 0)
			return text(v, p->entry->key);
		if (strcmp(name, "kind") == 0)
			return text(v, pub_kind_name(p->kind));
		if (strcmp(name, "kind_label") == 0)
			return text(v, kind_label(pg, p->kind));
		break;
	case 'l':
		if (strcmp(name, "links") == 0)
			return links(v, p, pg);
		break;
	case 'm':
		if (strcmp(name, "main_title") == 0)
			return text(v, p->main_title);
		if (strcmp(name, "month_name") == 0 && p->month > 0) {
			const char *m;

			put_decimal(v->room, p->month);
			m = word(pg, "month_", v->room);
			return text(v, m != NULL ? m : month_name(p->month));
		}
		if (strcmp(name, "month") == 0 && p->month > 0) {
			put_decimal(v->room, p->month);
			return text(v, v->room);
		}
		break;
	case 'c':
		if (strcmp(name, "csl_type") == 0)
			return text(v, csl_types[p->kind]);
		break;
	case 'd':
		if (strcmp(name, "doi_id") == 0)
			return text(v, p->doi);
		if (strcmp(name, "date") == 0 && p->year > 0) {
			snprintf(v->room, sizeof(v->room), "%04d-%02d-01",
			    p->year, p->month > 0 ? p->month : 1);
			return text(v, v->room);
		}
		break;
	case 'h':
		if (strcmp(name, "has_marks") == 0)
			return boolean(v, p->has_marks);
		break;
	case 'n':
		if (strcmp(name, "notes") == 0)
			return markdown_owned(v, p, "note", notes(p, 1));
		if (strcmp(name, "note") == 0)
			return markdown(v, p->note, 1);
		break;
	case 'o':
		if (strcmp(name, "orig_year") == 0 && p->orig_year > 0) {
			put_decimal(v->room, p->orig_year);
			return text(v, v->room);
		}
		break;
	case 'r':
		if (strcmp(name, "rank") == 0)
			return text(v, p->rank);
		if (strcmp(name, "rank_class") == 0)
			return p->rank != NULL ?
			    owned_text(v, rank_class(p->rank)) : 1;
		break;
	case 's':
		if (strcmp(name, "selected") == 0)
			return boolean(v, p->selected);
		/* al-folio shows an entry's BibTeX when it asks for it. */
		if (strcmp(name, "show_bibtex") == 0)
			return boolean(v, pg->all_bibtex || is_true_field(p,
			    "bibtex_show"));
		break;
	case 't':
		if (strcmp(name, "title") == 0)
			return text(v, p->title);
		if (strcmp(name, "track") == 0)
			return text(v, p->track);
		if (strcmp(name, "track_note") == 0)
			return markdown_owned(v, p, "note", notes(p, 0));
		if (strcmp(name, "type") == 0)
			return text(v, p->entry->type);
		break;
	case 'v':
		if (strcmp(name, "venue") == 0) {
			char	*s = venue_year(p, shown_venue(pg, p));

			return s != NULL ? owned_text(v, s) : 1;
		}
		if (strcmp(name, "venue_line") == 0)
			return boolean(v, p->venue != NULL || p->year > 0 ||
			    p->rank != NULL ||
			    p->track != NULL || p->note != NULL ||
			    entry_get(p->entry, "award") != NULL);
		if (strcmp(name, "venue_label") == 0)
			return text(v, shown_venue(pg, p));
		if (strcmp(name, "venue_name") == 0)
			return text(v, p->venue_name);
		break;
	case 'y':
		if (strcmp(name, "year") == 0 && p->year > 0) {
			put_decimal(v->room, p->year);
			return text(v, v->room);
		}
		if (strcmp(name, "years") == 0 && p->year > 0) {
			/* biblatex's "2001–2002", "2001–" */
			size_t	 n = put_decimal(v->room, p->year);

			if (p->year_end != 0)
				n += (size_t)snprintf(v->room + n,
				    sizeof(v->room) - n, "–");
			if (p->year_end > 0)
				put_decimal(v->room + n, p->year_end);
			return text(v, v->room);
		}
		break;
	}
	if ((l = find_link(p, name)) != NULL) {
		v->kind = TV_URL;
		v->s = l->url;
		return 1;
	}
	/* A link that was not kept (unsafe, or empty) is no link: never
	 * the field as written. */
	if (is_link_name(name))
		return 1;
	return pub_field(p, name, v);
}

static const struct tclass view_pub = { pub_get };

/* ---- groups ---- */

static int
group_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct group	*g = self;
	const struct page	*pg = arg;
	struct buf		 key = { 0 };
	const char		*custom;

	/* group_ID (-V group_2025=...), else the theme's word for the
	 * group (group_journal, group_undated), else the id or rank. */
	if (strcmp(name, "heading") == 0) {
		if (g->id == NULL)
			return 1;
		buf_printf(&key, "group_%s", g->id);
		custom = vars_get(pg->vars, key.data);
		buf_free(&key);
		if (custom == NULL && g->word != NULL)
			custom = word(pg, "group_", g->word);
		return text(v, custom != NULL ? custom : g->heading);
	}
	if (strcmp(name, "anchor") == 0)
		return text(v, g->id);
	if (strcmp(name, "entries") == 0)
		return list(v, g->pubs, g->n, sizeof(*g->pubs), &view_pub);
	if (strcmp(name, "count") == 0) {
		snprintf(v->room, sizeof(v->room), "%zu", g->n);
		return text(v, v->room);
	}
	return 0;
}

static const struct tclass view_group = { group_get };

/* ---- the year bar: runs of one year, when the page has no groups ---- */

static int
year_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct year_run *y = self;

	(void)arg;
	if (strcmp(name, "year") == 0) {
		put_decimal(v->room, y->year);
		return text(v, v->room);
	}
	if (strcmp(name, "count") == 0) {
		snprintf(v->room, sizeof(v->room), "%zu", y->n);
		return text(v, v->room);
	}
	if (strcmp(name, "anchor") == 0)
		return owned_text(v, anchor(y->first));
	return 0;
}

static const struct tclass view_year = { year_get };

/*
 * The page's years in its order, each with its first entry: none when
 * there are fewer than two, or when a year comes back after another
 * (a page not sorted by year has no place to jump to).  Entries with
 * no year are left out.
 */
static void
make_years(struct page *pg)
{
	const struct pub	*p;
	size_t			 i, k;

	for (i = 0; i < pg->pubs->n; i++) {
		p = &pg->pubs->v[i];
		if (p->year <= 0)
			continue;
		if (pg->nyears > 0 && pg->years[pg->nyears - 1].year == p->year) {
			pg->years[pg->nyears - 1].n++;
			continue;
		}
		for (k = 0; k < pg->nyears; k++)
			if (pg->years[k].year == p->year)
				goto none;
		pg->years = xreallocarray(pg->years, pg->nyears + 1,
		    sizeof(*pg->years));
		pg->years[pg->nyears].year = p->year;
		pg->years[pg->nyears].n = 1;
		pg->years[pg->nyears++].first = p;
	}
	if (pg->nyears >= 2)
		return;
none:
	free(pg->years);
	pg->years = NULL;
	pg->nyears = 0;
}

/* ---- the marks' legend ---- */

static int
legend_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct legend_item *l = self;

	(void)arg;
	if (strcmp(name, "mark") == 0)
		return text(v, l->mark);
	if (strcmp(name, "meaning") == 0)
		return text(v, l->meaning);
	return 0;
}

static const struct tclass view_legend = { legend_get };

/* s without blanks at either end (in place). */
static char *
trimmed(char *s)
{
	size_t	 n;

	s += strspn(s, " \t");
	for (n = strlen(s); n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t');)
		s[--n] = '\0';
	return s;
}

/* Each mark (one character) on some author of the page, once, with
 * the first entry that has it. */
static size_t
marks_used(const struct pub_list *pubs, char marks[][8],
    const struct pub **first, size_t max)
{
	const struct pub	*p;
	const char		*m;
	size_t			 i, k, n = 0, len, j;
	int			 cp;

	for (i = 0; i < pubs->n; i++) {
		p = &pubs->v[i];
		for (k = 0; p->has_marks && k < p->nauthors; k++)
			for (m = p->authors[k].marks; *m != '\0'; m += len) {
				if ((len = utf8_decode(m, strlen(m), &cp)) == 0)
					len = 1;
				for (j = 0; j < n && (strlen(marks[j]) != len ||
				    memcmp(marks[j], m, len) != 0); j++)
					;
				if (j < n || n == max || len >= 8)
					continue;
				memcpy(marks[n], m, len);
				marks[n][len] = '\0';
				first[n++] = p;
			}
	}
	return n;
}

/*
 * The legend: each "MARK=meaning" of the mark_meanings variable whose
 * mark the page uses, in that order.  A mark used with no meaning
 * given is said once: a legend must not claim what the author did not
 * mean (some pages use * for the corresponding author).
 */
static void
make_legend(struct page *pg, const char *meanings)
{
	char			 used[16][8], *copy, *item, *save = NULL, *eq;
	const struct pub	*first[16];
	size_t			 n = marks_used(pg->pubs, used, first, 16), i;
	int			 told[16] = { 0 };

	if (meanings == NULL)	/* no theme: -f json */
		return;
	copy = xstrdup(meanings);
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		if ((eq = strchr(item, '=')) == NULL)
			continue;
		*eq = '\0';
		item = trimmed(item);
		for (i = 0; i < n && strcmp(used[i], item) != 0; i++)
			;
		if (i == n || told[i]++)
			continue;
		pg->legend = xreallocarray(pg->legend, pg->nlegend + 1,
		    sizeof(*pg->legend));
		pg->legend[pg->nlegend].mark = xstrdup(item);
		pg->legend[pg->nlegend++].meaning = xstrdup(trimmed(eq + 1));
	}
	free(copy);
	for (i = 0; i < n; i++)
		if (!told[i])
			msg(MSG_WARNING, first[i]->entry->file,
			    first[i]->entry->line, "the mark '%s' (first in "
			    "'%s') is not in the legend: -V mark_meanings="
			    "'*=equal contribution; %s=...' says what it means",
			    used[i], first[i]->entry->key, used[i]);
}

/* ---- the page ---- */

/* pattern with %n as n and %r as rank (plain text), into b. */
static void
fill(struct buf *b, const char *pattern, size_t n, const char *rank)
{
	const char	*s;

	for (s = pattern; *s != '\0'; s++)
		if (s[0] == '%' && s[1] == 'n') {
			buf_printf(b, "%zu", n);
			s++;
		} else if (s[0] == '%' && s[1] == 'r' && rank != NULL) {
			buf_puts(b, rank);
			s++;
		} else
			buf_putc(b, *s);
}

/*
 * "16 publications, 9 CCF-A, 1 TH-CPL-A": for a line under a title,
 * in the theme's words (count_total, count_total_one, count_rank).
 */
static char *
counts(const struct page *pg)
{
	const struct pub_list *pubs = pg->pubs;
	struct buf	 b = { 0 };
	char		**ranks = xcalloc(pubs->n + 1, sizeof(char *));
	const char	*total = vars_get(pg->vars, "count_total");
	const char	*one = vars_get(pg->vars, "count_total_one");
	const char	*each = vars_get(pg->vars, "count_rank");
	size_t		 i, k, n = 0, same;

	if (pubs->n == 1 && one != NULL)
		total = one;
	fill(&b, total != NULL ? total : "%n", pubs->n, NULL);
	for (i = 0; i < pubs->n; i++)
		if (pubs->v[i].rank != NULL)
			ranks[n++] = rich_plain(pubs->v[i].rank);
	qsort(ranks, n, sizeof(char *), by_string);
	for (i = 0; i < n; i = k) {
		for (k = i, same = 0; k < n && strcmp(ranks[k], ranks[i]) == 0;
		    k++)
			same++;
		fill(&b, each != NULL ? each : " %n %r", same, ranks[i]);
	}
	for (i = 0; i < n; i++)
		free(ranks[i]);
	free(ranks);
	return buf_detach(&b);
}

static int
page_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct page	*pg = self;
	const char		*s;

	(void)arg;
	if (strcmp(name, "entries") == 0)
		return list(v, pg->pubs->v, pg->pubs->n,
		    sizeof(*pg->pubs->v), &view_pub);
	if (strcmp(name, "has_marks") == 0)
		return boolean(v, pg->has_marks);
	if (strcmp(name, "legend") == 0)
		return list(v, pg->legend, pg->nlegend, sizeof(*pg->legend),
		    &view_legend);
	if (strcmp(name, "groups") == 0)
		return list(v, pg->groups->v, pg->groups->n,
		    sizeof(*pg->groups->v), &view_group);
	if (strcmp(name, "counts") == 0)
		return owned_text(v, counts(pg));
	if (strcmp(name, "years") == 0)
		return list(v, pg->years, pg->nyears, sizeof(*pg->years),
		    &view_year);
	if (strcmp(name, "group_nav") == 0)
		return boolean(v, pg->group_nav);
	if (strcmp(name, "count") == 0) {
		snprintf(v->room, sizeof(v->room), "%zu", pg->pubs->n);
		return text(v, v->room);
	}
	if ((s = vars_get(pg->vars, name)) != NULL)
		return text(v, s);
	return 0;
}

const struct tclass view_page = { page_get };

static const char default_links[] = "paper html pdf code arxiv doi slides "
    "video poster supp website blog";

/* The words of a list variable (blanks or commas between), or of dflt
 * when it is unset; *n of them. */
static char **
words(const char *list, const char *dflt, size_t *n)
{
	char	*copy = xstrdup(list != NULL ? list : dflt), *tok, *save = NULL;
	char	**v = NULL;

	*n = 0;
	for (tok = strtok_r(copy, " ,", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,", &save)) {
		v = xreallocarray(v, *n + 1, sizeof(char *));
		v[(*n)++] = xstrdup(tok);
	}
	free(copy);
	return v;
}

static void
free_words(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The max_authors variable: a count, 0 (or unset) for all. */
static size_t
max_authors(const char *s)
{
	char		*end;
	unsigned long	 n;

	if (s == NULL || *s == '\0')
		return 0;
	n = strtoul(s, &end, 10);
	if (*end != '\0' || *s == '-') {
		if (msg_first("max_authors"))
			msg(MSG_WARNING, NULL, 0, "max_authors: '%s' is no "
			    "count: every author is shown", s);
		return 0;
	}
	return n;
}

void
page_init(struct page *pg, const struct pub_list *pubs,
    const struct grouping *groups, const struct vars *vars)
{
	const char	*names = vars_get(vars, "names");
	const char	*bibtex = vars_get(vars, "bibtex");
	const char	*venue_names = vars_get(vars, "venue_names");
	size_t		 i, n;

	memset(pg, 0, sizeof(*pg));
	pg->pubs = pubs;
	pg->vars = vars;
	pg->names = NAME_FULL;
	if (names != NULL && strcmp(names, "initials") == 0)
		pg->names = NAME_INITIALS;
	else if (names != NULL && strcmp(names, "last-first") == 0)
		pg->names = NAME_LAST_FIRST;
	pg->links = words(vars_get(vars, "links"), default_links, &pg->nlinks);
	pg->hidden = words(vars_get(vars, "bibtex_hide"), default_hidden,
	    &pg->nhidden);
	pg->all_bibtex = bibtex != NULL && strcmp(bibtex, "all") == 0;
	pg->venue_zh = venue_names != NULL && strcmp(venue_names, "zh") == 0;
	for (i = 0; i < pubs->n; i++)
		pg->has_marks |= pubs->v[i].has_marks;
	pg->groups = groups;
	make_legend(pg, vars_get(vars, "mark_meanings"));
	pg->max_authors = max_authors(vars_get(vars, "max_authors"));
	for (i = n = 0; groups != NULL && i < groups->n; i++)
		n += groups->v[i].id != NULL && groups->v[i].n > 0;
	pg->group_nav = n >= 2;
	if (groups == NULL || groups->n < 2)
		make_years(pg);
}

void
page_free(struct page *pg)
{
	free_words(pg->links, pg->nlinks);
	free_words(pg->hidden, pg->nhidden);
	while (pg->nlegend > 0) {
		pg->nlegend--;
		free(pg->legend[pg->nlegend].mark);
		free(pg->legend[pg->nlegend].meaning);
	}
	free(pg->legend);
	free(pg->years);
}

/* ---- one entry with its page around it (--split) ---- */

static int
entry_page_get(const void *self, const char *name, struct tval *v, void *arg)
{
	const struct entry_view *ev = self;

	if (pub_get(ev->pub, name, v, arg))
		return 1;
	memset(v, 0, sizeof(*v));
	return page_get(ev->page, name, v, arg);
}

const struct tclass view_entry_page = { entry_page_get };
