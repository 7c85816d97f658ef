/*
 * normalize.c: from entries (LaTeX, as written) to pubs (decoded text,
 * split names, owner and marks, year and month, venue label, links).
 * Everything an emitter needs is decided here, once; emitters only
 * choose how it looks.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "msg.h"
#include "names.h"
#include "normalize.h"
#include "ahead.h"
#include "rich.h"
#include "util.h"
#include "venue.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- crossref ---- */

static int
is_container_type(const char *type)
{
	static const char *const containers[] = { "book", "collection",
	    "mvbook", "mvcollection", "mvproceedings", "periodical",
	    "proceedings" };
	size_t	 i;

	for (i = 0; i < NELEM(containers); i++)
		if (strcmp(type, containers[i]) == 0)
			return 1;
	return 0;
}

/* Fields a child must not take from its parent. */
static int
is_own_field(const char *name)
{
	return strcmp(name, "crossref") == 0 || strcmp(name, "ids") == 0 ||
	    strcmp(name, "entryset") == 0 || strcmp(name, "related") == 0;
}

/*
 * A child takes at most this many fields from its parent.  Each child
 * gets its own copy of what it takes, so a parent of thousands of
 * fields and thousands of children would multiply the file (2,000 of
 * each, a 184 KB file: 324 MB); a real volume has a few dozen.
 */
#define INHERITED_MAX	128

/* Returns 0 if the parent had more fields to give than a child takes. */
static int
inherit(struct entry_list *l, struct entry *child, const struct entry *parent)
{
	size_t		 i, taken = 0;
	const char	*title;
	int		 whole = 1;

	for (i = 0; i < parent->nfields; i++) {
		const struct field *f = &parent->fields[i];
		const char *name = parent->names[i];

		if (is_own_field(name) || entry_field(child, name) != NULL ||
		    strcmp(name, "title") == 0)
			continue;
		if (taken++ == INHERITED_MAX) {
			whole = 0;
			break;
		}
		entry_set(l, child, name, f->value, f->line);
	}
	/* biblatex maps a volume's title to its parts' booktitle. */
	title = entry_get(parent, "title");
	if (title != NULL && entry_get(child, "booktitle") == NULL &&
	    is_container_type(parent->type))
		entry_set(l, child, "booktitle", (char *)title, parent->line);
	else if (title != NULL && entry_get(child, "title") == NULL)
		entry_set(l, child, "title", (char *)title, parent->line);
	return whole;
}

static void	resolve_once(struct entry_list *, struct entry *, int);

static void
resolve(struct entry_list *l, struct entry *e, int depth)
{
	const struct field *ref = entry_field(e, "crossref");
	struct entry	   *parent;

	if (ref == NULL || ref->value[0] == '\0')
		return;
	parent = entry_list_find(l, ref->value);
	if (parent == NULL) {
		msg(MSG_WARNING, e->file, ref->line, "crossref to unknown "
		    "entry '%s'", ref->value);
		return;
	}
	if (parent == e || depth > 8) {
		msg(MSG_WARNING, e->file, ref->line, "crossref loop at "
		    "'%s'", ref->value);
		return;
	}
	resolve_once(l, parent, depth + 1);
	if (!inherit(l, e, parent))
		msg(MSG_ERROR, e->file, ref->line, "crossref to '%s': only "
		    "the first %d of its fields are inherited", ref->value,
		    INHERITED_MAX);
	if (is_container_type(parent->type))
		parent->hidden = 1;
}

/*
 * A parent is resolved before its children, and once: its warnings
 * were said once for each of its children, and a child past
 * INHERITED_MAX would have taken more on every visit.  Marked when
 * done, not when begun, so a loop is still seen going round.
 */
static void
resolve_once(struct entry_list *l, struct entry *e, int depth)
{
	if (e->resolved)
		return;
	resolve(l, e, depth);
	e->resolved = 1;
}

void
normalize_crossrefs(struct entry_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		resolve_once(l, l->v[i], 0);
}

/* ---- the same work under two keys ---- */

/* "https://doi.org/10.1/X" and "doi:10.1/x" are the same DOI. */
static char *
doi_key(const char *doi)
{
	static const char *const prefixes[] = { "https://doi.org/",
	    "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
	    "doi:" };
	char	*url = latex_url(doi), *k, *p;
	size_t	 i;

	p = url;
	for (i = 0; i < NELEM(prefixes); i++)
		if (strncasecmp(p, prefixes[i], strlen(prefixes[i])) == 0)
			p += strlen(prefixes[i]);
	k = ascii_lower(xstrdup(p));
	free(url);
	return k;
}

/* Whether c is kept in a title key, and counts as a letter of a word. */
static int
is_title_letter(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/*
 * The folded letters and digits of a rich title into b; returns how
 * many words they make.
 */
static int
title_letters(const char *rich, struct buf *b)
{
	char	*plain = rich_plain(rich), *folded = utf8_fold(plain), *p;
	int	 words = 0, in_word = 0;

	for (p = folded; *p != '\0'; p++) {
		if (is_title_letter((unsigned char)*p)) {
			buf_putc(b, *p);
			words += !in_word;
		}
		in_word = is_title_letter((unsigned char)*p);
	}
	free(plain);
	free(folded);
	return words;
}

/*
 * The same in one pass for an ASCII title, most of them, where folding
 * is lowercasing; -1 (and b as it was) for any other.  Markup is
 * skipped as rich_plain() drops it.  Three copies fewer: title keys
 * are made for every entry while the file is read.
 */
static int
ascii_title_letters(const char *rich, struct buf *b)
{
	const char	*p;
	char		*out;
	unsigned char	 c;
	int		 words = 0, in_word = 0;

	buf_reserve(b, strlen(rich));
	out = b->data + b->len;
	for (p = rich; (c = (unsigned char)*p) != '\0'; p++) {
		if (c >= 0x80) {
			b->data[b->len] = '\0';
			return -1;
		}
		if (RICH_IS_MARKUP((char)c))
			continue;
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z')) {
			*out++ = (char)(c >= 'A' ? c | 0x20 : c);
			words += !in_word;
			in_word = 1;
		} else
			in_word = 0;
	}
	*out = '\0';
	b->len = (size_t)(out - b->data);
	return words;
}

/*
 * Title letters and digits, folded, and the year: "attentionisall…|2017".
 * Titles of fewer than three words ("Calendar", "Preface") say too
 * little to call two entries one work.
 */
static char *
title_key(const struct entry *e)
{
	const char	*title = entry_get(e, "title");
	const char	*year = entry_get(e, "year");
	char		*rich;
	struct buf	 b = { 0 };
	int		 words;

	if (title == NULL || year == NULL)
		return NULL;
	rich = latex_decode(title);
	if ((words = ascii_title_letters(rich, &b)) < 0)
		words = title_letters(rich, &b);
	free(rich);
	if (words < 3) {
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '|');
	buf_puts(&b, year);	/* puts, not printf: titles are long */
	return b.data;
}

/* The folded family name of the first author, or NULL. */
static char *
first_family(const struct entry *e)
{
	const char	*author = entry_get(e, "author");
	struct person	*p;
	size_t		 n;
	char		*plain, *folded = NULL;

	if (author == NULL)
		return NULL;
	p = names_parse_first(author, &n);
	if (n > 0 && !p[0].others) {
		plain = rich_plain(p[0].last);
		folded = utf8_fold(plain);
		free(plain);
	}
	names_free(p, n);
	return folded;
}

/*
 * Two entries with one title and year are one work unless their first
 * authors differ, or their pages, volume or number do (a journal's
 * recurring column: "Greetings from the Editor" twice in one issue).
 */
static int
same_work(const struct entry *a, const struct entry *b)
{
	static const char *const place[] = { "pages", "volume", "number" };
	const char	*x, *y;
	char		*fa, *fb;
	size_t		 i;
	int		 same;

	for (i = 0; i < NELEM(place); i++)
		if ((x = entry_get(a, place[i])) != NULL &&
		    (y = entry_get(b, place[i])) != NULL && strcmp(x, y) != 0)
			return 0;
	fa = first_family(a);
	fb = first_family(b);
	same = fa == NULL || fb == NULL || strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

static void
merge_into(struct entry_list *l, struct entry *first, struct entry *dup,
    const char *why)
{
	size_t	 i;

	msg(MSG_WARNING, dup->file, dup->line, "'%s' is the same work as "
	    "'%s' (%s:%d, %s): merged into it", dup->key, first->key,
	    first->file, first->line, why);
	for (i = 0; i < dup->nfields; i++)
		if (entry_field(first, dup->names[i]) == NULL)
			entry_set(l, first, dup->names[i],
			    dup->fields[i].value, dup->fields[i].line);
	dup->hidden = 1;
}

/*
 * Is e a duplicate of the entry seen under the same key hash?  The maps
 * keep only hashes (a key per entry would cost more memory than the
 * entry), so a hit is confirmed against both entries' own keys.
 */
static struct entry *
seen_before(struct hashmap *seen, uint64_t h, struct entry *e,
    char *(*key_of)(const struct entry *))
{
	struct entry	*first = hashmap_get(seen, h);
	char		*fk, *k;
	int		 same;

	if (first == NULL) {
		hashmap_put(seen, h, e);
		return NULL;
	}
	fk = key_of(first);
	k = key_of(e);
	same = fk != NULL && k != NULL && strcmp(fk, k) == 0;
	free(fk);
	free(k);
	return same ? first : NULL;
}

static char *
doi_key_of(const struct entry *e)
{
	const char	*doi = entry_get(e, "doi");

	return doi != NULL && doi[0] != '\0' ? doi_key(doi) : NULL;
}

/* The hash of a key, or 0 for none (hash64 is never 0). */
static uint64_t
key_hash(const struct entry *e, char *(*key_of)(const struct entry *))
{
	char		*k = key_of(e);
	uint64_t	 h = k != NULL ? hash64(k) : 0;

	free(k);
	return h;
}

/*
 * Entry e's hash under key_of: made ahead if it was (merging only ever
 * changes an entry before the one looked at, and an entry changed by a
 * crossref has no record ahead), else now.
 */
static uint64_t
hash_of(const struct ahead *a, const struct entry *e, int title)
{
	const struct norm_ahead	*rec = ahead_get(a, e);

	if (rec != NULL)
		return title ? rec->title : rec->doi;
	return key_hash(e, title ? title_key : doi_key_of);
}

void
normalize_duplicates(struct entry_list *l, const struct ahead *a)
{
	struct hashmap		*dois = hashmap_new(), *titles = hashmap_new();
	struct entry		*e, *first;
	uint64_t		 h;
	size_t			 i;

	/* At most an entry each: grown step by step, the maps were
	 * rehashed 14 times at 100,000 entries, each in fresh pages. */
	hashmap_reserve(dois, l->n);
	hashmap_reserve(titles, l->n);
	for (i = 0; i < l->n; i++) {
		e = l->v[i];
		if (e->hidden)
			continue;
		if ((h = hash_of(a, e, 0)) != 0 &&
		    (first = seen_before(dois, h, e, doi_key_of))) {
			merge_into(l, first, e, "same DOI");
			continue;
		}
		if ((h = hash_of(a, e, 1)) == 0)
			continue;
		first = seen_before(titles, h, e, title_key);
		if (first != NULL && same_work(first, e))
			merge_into(l, first, e, "same title and year");
	}
	hashmap_free(dois);
	hashmap_free(titles);
}

/* ---- small parsers ---- */

int
month_number(const char *s)
{
	static const char *const names[12] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	int	 i, n;

	while (*s == ' ' || *s == '{')
		s++;
	if (isdigit((unsigned char)*s)) {
		n = atoi(s);
		return n >= 1 && n <= 12 ? n : 0;
	}
	for (i = 0; i < 12; i++)
		if (strncasecmp(s, names[i], 3) == 0)
			return i + 1;
	return 0;
}

/* The first run of four digits: "2025", "{2025}", "2025-05-01". */
static int
year_of(const char *s, const char **rest)
{
	for (; *s != '\0'; s++)
		if (isdigit((unsigned char)s[0]) &&
		    isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) &&
		    isdigit((unsigned char)s[3]) &&
		    !isdigit((unsigned char)s[4])) {
			if (rest != NULL)
				*rest = s + 4;
			return atoi(s);
		}
	return 0;
}

static void
set_date(struct pub *p, const struct entry *e)
{
	const char	*year = entry_get(e, "year");
	const char	*month = entry_get(e, "month");
	const char	*date = entry_get(e, "date");
	const char	*rest = NULL;

	if (year != NULL)
		p->year = year_of(year, NULL);
	if (month != NULL)
		p->month = month_number(month);
	if (date != NULL && p->year == 0) {
		p->year = year_of(date, &rest);
		if (p->month == 0 && rest != NULL && rest[0] == '-')
			p->month = month_number(rest + 1);
	}
	if (year != NULL && p->year == 0)
		msg(MSG_WARNING, e->file, entry_field(e, "year")->line,
		    "year '%s' in '%s' is not a year", year, e->key);
}

static int
is_true(const char *v)
{
	return v != NULL && (strcasecmp(v, "true") == 0 ||
	    strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}

/* A decoded field, or NULL when absent or blank. */
static char *
decoded(const struct entry *e, const char *name)
{
	const char	*v = entry_get(e, name);
	char		*d;

	if (v == NULL)
		return NULL;
	d = latex_decode(v);
	if (rich_is_blank(d)) {
		free(d);
		return NULL;
	}
	return d;
}

/* A Markdown field: its lines if it has them, LaTeX decoded gently. */
static char *
decoded_markdown(const struct entry *e, const char *name)
{
	const struct field	*f = entry_field(e, name);
	char			*d;

	if (f == NULL)
		return NULL;
	d = latex_decode_markdown(field_blocks(f));
	if (rich_is_blank(d)) {
		free(d);
		return NULL;
	}
	return d;
}

/* ---- kind and venue ---- */

static int
is_arxiv(const struct entry *e)
{
	const char	*prefix = entry_get(e, "archiveprefix");
	const char	*etype = entry_get(e, "eprinttype");
	const char	*journal = entry_get(e, "journal");

	if (entry_get(e, "arxiv") != NULL)
		return 1;
	if ((prefix != NULL && strcasecmp(prefix, "arxiv") == 0) ||
	    (etype != NULL && strcasecmp(etype, "arxiv") == 0))
		return 1;
	return journal != NULL && (strcasecmp(journal, "corr") == 0 ||
	    strncasecmp(journal, "arxiv", 5) == 0);
}

static enum pub_kind
kind_of(const struct entry *e)
{
	const char	*t = e->type;

	if (strcmp(t, "inproceedings") == 0 || strcmp(t, "conference") == 0)
		return KIND_CONFERENCE;
	if (strcmp(t, "article") == 0)
		return is_arxiv(e) ? KIND_PREPRINT : KIND_JOURNAL;
	if (strstr(t, "thesis") != NULL)
		return KIND_THESIS;
	if (strcmp(t, "book") == 0 || strcmp(t, "inbook") == 0 ||
	    strcmp(t, "incollection") == 0 || strcmp(t, "collection") == 0)
		return KIND_BOOK;
	if (is_arxiv(e) || strcmp(t, "unpublished") == 0)
		return KIND_PREPRINT;
	return KIND_OTHER;
}

/* The field that says where the work appeared, as written. */
static const struct field *
venue_field(const struct entry *e)
{
	static const char *const fields[] = { "booktitle", "journal",
	    "journaltitle", "eventtitle", "school", "institution",
	    "howpublished", "publisher" };
	const struct field	*f;
	size_t			 i;

	for (i = 0; i < NELEM(fields); i++)
		if ((f = entry_field(e, fields[i])) != NULL &&
		    f->value[0] != '\0')
			return f;
	return NULL;
}

/*
 * Resolve the entry's venue: an abbr field first (it sets the label, and
 * the rank is looked up from it), then the venue field.
 */
static void
resolve_venue(const struct entry *e, const struct venue_db *db,
    struct venue_match *m)
{
	const char		*abbr = entry_get(e, "abbr");
	const struct field	*f = venue_field(e);

	memset(m, 0, sizeof(*m));
	if (abbr != NULL && abbr[0] != '\0') {
		venue_resolve(db, abbr, NULL, m);
		if (m->how == VENUE_NAME || m->how == VENUE_ABBR)
			return;
	}
	if (f != NULL)
		venue_resolve(db, f->value, e->key, m);
}

static int
is_found(const struct venue_match *m)
{
	return m->how == VENUE_NAME || m->how == VENUE_ABBR ||
	    m->how == VENUE_DBLP;
}

/*
 * Say what could not be resolved, so the user can fix it -- once per
 * place: children of one crossref parent share its booktitle.
 */
static void
report_venue(const struct entry *e, const struct venue_match *m,
    struct strmap *reported)
{
	const struct field	*f = venue_field(e);
	struct buf		 where = { 0 };
	int			 seen;

	if (f == NULL || (m->how != VENUE_UNKNOWN &&
	    m->how != VENUE_AMBIGUOUS))
		return;
	buf_printf(&where, "%p:%d:%s", (const void *)e->file, f->line,
	    f->value);
	seen = strmap_put(reported, where.data, (void *)1) != NULL;
	buf_free(&where);
	if (seen)
		return;
	if (m->how == VENUE_UNKNOWN)
		msg(MSG_WARNING, e->file, f->line, "unknown venue \"%s\"",
		    f->value);
	else if (m->how == VENUE_AMBIGUOUS)
		msg(MSG_WARNING, e->file, f->line, "venue \"%s\" could be "
		    "%s or %s: no rank given", f->value, m->venue->abbr,
		    m->other->abbr);
}

/*
 * One copy of each rank label, which the list's pubs share: a page has
 * a handful of labels and maybe 100,000 entries.  Takes label over.
 */
static const char *
shared_label(struct pub_list *l, char *label)
{
	char	*kept;

	if (label == NULL)
		return NULL;
	if ((kept = strmap_get(l->labels, label)) == NULL)
		strmap_put(l->labels, label, kept = label);
	else
		free(label);
	return kept;
}

/*
 * The label of a venue's rank, made once a venue: venue_rank_label()
 * formats it (~1,500 instructions), and a file has a few hundred venues
 * for thousands of entries.
 */
static const char *
rank_of(struct pub_list *l, struct hashmap *ranks,
    const struct venue_db *db, const struct venue *v)
{
	uint64_t	 h = (uint64_t)(uintptr_t)v;
	const char	*label;

	if ((label = hashmap_get(ranks, h)) == NULL) {
		/* No rank: kept as "", since NULL is no entry. */
		if ((label = shared_label(l, venue_rank_label(db, v))) == NULL)
			label = "";
		hashmap_put(ranks, h, (void *)label);
	}
	return label[0] != '\0' ? label : NULL;
}

/*
 * The rank, from the rank field or the venue database, with warnings;
 * and the label the database gives, kept for pub_complete(), which
 * then has no need of the database (it may run on another thread).
 */
static void
set_rank(struct pub_list *l, struct pub *p, const struct entry *e,
    const struct norm_opts *o, struct strmap *reported,
    struct hashmap *ranks)
{
	const char		*rank = entry_get(e, "rank");
	const struct field	*f = venue_field(e);
	struct venue_match	 m;

	if (rank != NULL)
		p->rank = strcasecmp(rank, "none") == 0 || rank[0] == '\0' ?
		    NULL : shared_label(l, latex_decode(rank));
	if (o->venues == NULL)
		return;
	resolve_venue(e, o->venues, &m);
	if (rank == NULL && is_found(&m))
		p->rank = rank_of(l, ranks, o->venues, m.venue);
	if (is_found(&m))
		p->venue_label = m.venue->abbr;
	else if (p->kind == KIND_PREPRINT &&
	    (f == NULL || m.how == VENUE_EXCLUDED))
		p->venue_label = "arXiv";
	if (p->kind != KIND_PREPRINT || f != NULL)
		report_venue(e, &m, reported);
}

/* The venue's label and name as shown. */
static void
set_venue_text(struct pub_text *t, const struct pub *p,
    const struct entry *e)
{
	const struct field	*f = venue_field(e);

	t->venue_name = f != NULL ? latex_decode(f->value) : NULL;
	t->venue = decoded(e, "abbr");
	if (t->venue == NULL && p->venue_label != NULL)
		t->venue = xstrdup(p->venue_label);
	if (t->venue == NULL && t->venue_name != NULL)
		t->venue = xstrdup(t->venue_name);
	t->track = decoded(e, "track");
	t->note = decoded_markdown(e, "note");
}

/* ---- authors ---- */

/*
 * The authors (or editors), with the owner found and marks settled.
 * With a file name, only marks are worked out and problems reported
 * (once, when normalizing); without, this is pub_complete()'s quiet
 * full reading.
 */
static struct person *
read_authors(const struct entry *e, const struct norm_opts *o, size_t *n,
    int *has_marks, const char *file)
{
	const struct field *f = entry_field(e, "author");
	const struct field *an;
	const char	   *an_name = "author+an";
	struct person	   *v;
	size_t		    i, k;

	*n = 0;
	if (f == NULL) {
		f = entry_field(e, "editor");
		an_name = "editor+an";
	}
	if (f == NULL)
		return NULL;
	v = file != NULL ? names_scan(f->value, n, file, f->line) :
	    names_parse(f->value, n, NULL, f->line);
	an = entry_field(e, an_name);
	if (an != NULL && !names_annotate(v, *n, an->value) && file != NULL)
		msg(MSG_WARNING, e->file, an->line, "cannot read the "
		    "annotation '%s'", an->value);
	for (i = 0; i < *n; i++) {
		struct person *a = &v[i];

		for (k = 0; o != NULL && k < o->nme && !a->me; k++)
			a->me = names_match(o->me[k], a);
		names_finish_marks(a);
		if (a->marks[0] != '\0')
			*has_marks = 1;
	}
	return v;
}

/* ---- links ---- */

int
url_is_safe(const char *url)
{
	const char	*p = url;

	if (!isalpha((unsigned char)*p))
		return 1;	/* "/x", "./x", "#x", "//host": no scheme */
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	if (*p != ':')
		return 1;	/* "paper.pdf" */
	return strncasecmp(url, "http:", 5) == 0 ||
	    strncasecmp(url, "https:", 6) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0;
}

/* Links gathered while reading one entry, before they move to the arena. */
struct links {
	struct link	 v[16];
	size_t		 n;
};

static void
add_link(struct links *ls, const char *name, char *url)
{
	if (ls->n < sizeof(ls->v) / sizeof(ls->v[0])) {
		ls->v[ls->n].name = name;
		ls->v[ls->n].url = url;
		ls->n++;
	} else
		free(url);
}

/*
 * The fields links come from, found in one pass over the entry rather
 * than a lookup each: most entries have few of them.
 */
enum link_field {
	LF_NONE, LF_URL, LF_HTML, LF_PDF, LF_ARXIV, LF_ARCHIVEPREFIX,
	LF_EPRINTTYPE, LF_EPRINT, LF_DOI, LF_CODE, LF_SLIDES, LF_VIDEO,
	LF_POSTER, LF_WEBSITE, LF_BLOG, LF_SUPP, LF_COUNT
};

static const char *const link_field_names[LF_COUNT] = {
	NULL, "url", "html", "pdf", "arxiv", "archiveprefix", "eprinttype",
	"eprint", "doi", "code", "slides", "video", "poster", "website",
	"blog", "supp"
};

/* The link field a name is, or LF_NONE: its first letter says which
 * names to compare with. */
static enum link_field
link_field_of(const char *name)
{
	static const unsigned char by_letter[26][3] = {
		['a' - 'a'] = { LF_ARXIV, LF_ARCHIVEPREFIX },
		['b' - 'a'] = { LF_BLOG },
		['c' - 'a'] = { LF_CODE },
		['d' - 'a'] = { LF_DOI },
		['e' - 'a'] = { LF_EPRINTTYPE, LF_EPRINT },
		['h' - 'a'] = { LF_HTML },
		['p' - 'a'] = { LF_PDF, LF_POSTER },
		['s' - 'a'] = { LF_SLIDES, LF_SUPP },
		['u' - 'a'] = { LF_URL },
		['v' - 'a'] = { LF_VIDEO },
		['w' - 'a'] = { LF_WEBSITE }
	};
	const unsigned char *k;

	if (name[0] < 'a' || name[0] > 'z')
		return LF_NONE;
	for (k = by_letter[name[0] - 'a']; *k != LF_NONE; k++)
		if (strcmp(name, link_field_names[*k]) == 0)
			return (enum link_field)*k;
	return LF_NONE;
}

static void
find_link_fields(const struct entry *e, const struct field *lf[LF_COUNT])
{
	enum link_field	 k;
	size_t		 i;

	memset(lf, 0, LF_COUNT * sizeof(*lf));
	for (i = 0; i < e->nfields; i++)
		if ((k = link_field_of(e->names[i])) != LF_NONE &&
		    lf[k] == NULL)
			lf[k] = &e->fields[i];
}

/*
 * The URL of link field k, or NULL if absent or unsafe (with a warning
 * unless quiet: set_links() is reading again).
 */
static char *
link_url(const struct entry *e, const struct field *const lf[LF_COUNT],
    enum link_field k, const char *prefix, int quiet)
{
	const struct field *f = lf[k];
	const char	   *field = link_field_names[k];
	char		   *url, *full;
	const char	   *v;

	if (f == NULL || f->value[0] == '\0')
		return NULL;
	url = latex_url(f->value);
	if (prefix != NULL) {
		v = url;
		if (strncasecmp(v, "https://doi.org/", 16) == 0)
			v += 16;
		else if (strncasecmp(v, "http://dx.doi.org/", 18) == 0)
			v += 18;
		else if (strncasecmp(v, "doi:", 4) == 0)
			v += 4;
		else if (strncasecmp(v, "arxiv:", 6) == 0)
			v += 6;
		if (strncasecmp(v, "http://", 7) == 0 ||
		    strncasecmp(v, "https://", 8) == 0)
			prefix = "";
		full = xmalloc(strlen(prefix) + strlen(v) + 1);
		strcpy(full, prefix);
		strcat(full, v);
		free(url);
		url = full;
	}
	if (url[0] == '\0' || !url_is_safe(url)) {
		if (url[0] != '\0' && !quiet)
			msg(MSG_WARNING, e->file, f->line, "link '%s' in '%s' "
			    "does not use http, https or mailto: dropped",
			    field, e->key);
		free(url);
		return NULL;
	}
	return url;
}

static char *
arxiv_url(const struct entry *e, const struct field *const lf[LF_COUNT],
    int quiet)
{
	const char	*prefix = lf[LF_ARCHIVEPREFIX] != NULL ?
			    lf[LF_ARCHIVEPREFIX]->value : NULL;
	const char	*etype = lf[LF_EPRINTTYPE] != NULL ?
			    lf[LF_EPRINTTYPE]->value : NULL;

	if (lf[LF_ARXIV] != NULL)
		return link_url(e, lf, LF_ARXIV, "https://arxiv.org/abs/",
		    quiet);
	if ((prefix != NULL && strcasecmp(prefix, "arxiv") == 0) ||
	    (etype != NULL && strcasecmp(etype, "arxiv") == 0))
		return link_url(e, lf, LF_EPRINT, "https://arxiv.org/abs/",
		    quiet);
	return NULL;
}

/*
 * The links of an entry, checked: once when normalizing, for the
 * warnings, then again (quietly) whenever the pub is completed.
 */
static void
set_links(struct pub_text *t, const struct entry *e, int quiet)
{
	const struct field *lf[LF_COUNT];
	struct links	 ls;
	char		*paper, *pdf, *arxiv, *doi;
	int		 k;

	find_link_fields(e, lf);
	ls.n = 0;
	paper = link_url(e, lf, LF_URL, NULL, quiet);
	if (paper == NULL)
		paper = link_url(e, lf, LF_HTML, NULL, quiet);
	pdf = link_url(e, lf, LF_PDF, NULL, quiet);
	arxiv = arxiv_url(e, lf, quiet);
	doi = link_url(e, lf, LF_DOI, "https://doi.org/", quiet);
	if (paper == NULL) {
		const char *fallback = pdf ? pdf : arxiv ? arxiv : doi;

		if (fallback != NULL)
			paper = xstrdup(fallback);
	}
	if (paper != NULL)
		add_link(&ls, "paper", paper);
	if (pdf != NULL)
		add_link(&ls, "pdf", pdf);
	for (k = LF_CODE; k <= LF_SUPP; k++) {
		char	*url = link_url(e, lf, k, NULL, quiet);

		if (url != NULL)
			add_link(&ls, link_field_names[k], url);
	}
	if (arxiv != NULL)
		add_link(&ls, "arxiv", arxiv);
	if (doi != NULL)
		add_link(&ls, "doi", doi);
	t->nlinks = ls.n;
	t->links = ls.n > 0 ? xreallocarray(NULL, ls.n, sizeof(*t->links)) :
	    NULL;
	if (ls.n > 0)
		memcpy(t->links, ls.v, ls.n * sizeof(*t->links));
}

/* ---- the pass ---- */

static void
release_links(struct pub_text *t)
{
	size_t	 k;

	for (k = 0; k < t->nlinks; k++)
		free(t->links[k].url);
	free(t->links);
}


/*
 * What selection, sorting and grouping need; every warning, once.  In
 * three parts, so that the two without the venue database can run on
 * the helper thread while the file is read (normalize_ahead), their
 * messages held for the main thread to print in the order one thread
 * would: before, venue, after.
 */
static void
normalize_before(struct pub *p, struct entry *e)
{
	struct person	*authors;
	size_t		 n;
	char		*title;
	int		 has_marks = 0;

	p->entry = e;
	p->kind = kind_of(e);
	title = decoded(e, "title");
	if (title == NULL)
		msg(MSG_WARNING, e->file, e->line, "entry '%s' has no title",
		    e->key);
	free(title);
	authors = read_authors(e, NULL, &n, &has_marks, e->file);
	names_free(authors, n);
	p->has_marks = has_marks != 0;
	set_date(p, e);
}

static void
normalize_after(struct pub *p, struct entry *e)
{
	struct pub_text	 checked;

	set_links(&checked, e, 0);
	release_links(&checked);
	p->selected = is_true(entry_get(e, "selected"));
}

int
pub_complete(struct pub *p, const struct norm_opts *o)
{
	struct pub_text	*t;
	int		 has_marks = 0;

	if (p->text != NULL)
		return 0;
	t = p->text = xmalloc(sizeof(*t));
	t->title = decoded(p->entry, "title");
	t->authors = read_authors(p->entry, o, &t->nauthors, &has_marks,
	    NULL);
	set_venue_text(t, p, p->entry);
	t->abstract = NULL;
	t->abstract_read = 0;
	set_links(t, p->entry, 1);
	return 1;
}

/*
 * Most pages never show the abstract (of the shipped themes only the
 * HTML ones and --split's entries do), and it is the longest field:
 * decoded on the first question, not with the rest.
 */
const char *
pub_abstract(struct pub *p)
{
	struct pub_text	*t = p->text;

	if (!t->abstract_read) {
		t->abstract = decoded_markdown(p->entry, "abstract");
		t->abstract_read = 1;
	}
	return t->abstract;
}

void
pub_hold(struct pub *p)
{
	p->held++;
}

void
pub_drop(struct pub *p)
{
	if (p->held > 0 && --p->held == 0)
		pub_release(p);
}

void
pub_release(struct pub *p)
{
	struct pub_text	*t = p->text;

	if (t == NULL)
		return;
	free(t->title);
	names_free(t->authors, t->nauthors);
	free(t->venue_name);
	free(t->venue);
	free(t->track);
	free(t->note);
	free(t->abstract);
	release_links(t);
	free(t);
	p->text = NULL;
}

static int
said_something(const struct msg_hold *h)
{
	return h->text.len > 0 || h->max != MSG_NONE;
}

void
normalize_ahead(struct norm_ahead *a, struct entry *e, int keys)
{
	struct msg_hold	 h[2];
	struct pub	 p;

	memset(h, 0, sizeof(h));
	memset(&p, 0, sizeof(p));
	msg_hold(&h[0]);
	normalize_before(&p, e);
	msg_hold(&h[1]);
	normalize_after(&p, e);
	msg_hold(NULL);
	a->year = p.year;
	a->kind = p.kind;
	a->month = p.month;
	a->selected = p.selected;
	a->has_marks = p.has_marks;
	a->held = NULL;
	if (said_something(&h[0]) || said_something(&h[1])) {
		a->held = xreallocarray(NULL, 2, sizeof(*a->held));
		memcpy(a->held, h, sizeof(h));
	} else {
		msg_hold_free(&h[0]);
		msg_hold_free(&h[1]);
	}
	a->doi = keys ? key_hash(e, doi_key_of) : 0;
	a->title = keys ? key_hash(e, title_key) : 0;
}

void
norm_ahead_free(struct norm_ahead *a)
{
	if (a->held == NULL)
		return;
	msg_hold_free(&a->held[0]);
	msg_hold_free(&a->held[1]);
	free(a->held);
	a->held = NULL;
}

/* pub p for e, but its venue, from what was made ahead. */
static void
take_ahead(struct pub *p, struct entry *e, const struct norm_ahead *a)
{
	p->entry = e;
	p->kind = a->kind;
	p->year = a->year;
	p->month = a->month;
	p->selected = a->selected;
	p->has_marks = a->has_marks;
}

/*
 * Messages of the pass go out this many bytes at a time, in order: one
 * write(2) a message was ~0.02 s of 100,000 entries with an unknown
 * venue in every third.
 */
#define SAID_BATCH	65536

static void
say(struct msg_hold *said)
{
	msg_hold(NULL);
	msg_release(said);
	msg_hold(said);
}

void
normalize(struct entry_list *l, const struct norm_opts *o,
    struct pub_list *out, struct ahead *a)
{
	struct strmap		*reported = strmap_new();
	struct hashmap		*ranks = hashmap_new();
	struct norm_ahead	*rec;
	struct pub		*p;
	struct msg_hold		 said = { { 0 }, MSG_NONE };
	size_t			 i;

	out->v = xcalloc(l->n, sizeof(*out->v));
	out->n = 0;
	out->opts = o;
	out->labels = strmap_new();
	msg_hold(&said);
	for (i = 0; i < l->n; i++) {
		struct entry *e = l->v[i];

		if (said.text.len >= SAID_BATCH)
			say(&said);

		ahead_drop(a, e->ordinal);
		if (e->hidden)
			continue;
		p = &out->v[out->n++];
		if ((rec = ahead_get(a, e)) == NULL) {
			normalize_before(p, e);
			set_rank(out, p, e, o, reported, ranks);
			normalize_after(p, e);
			continue;
		}
		take_ahead(p, e, rec);
		if (rec->held != NULL)
			msg_release(&rec->held[0]);
		set_rank(out, p, e, o, reported, ranks);
		if (rec->held != NULL)
			msg_release(&rec->held[1]);
	}
	msg_hold(NULL);
	msg_release(&said);
	msg_hold_free(&said);
	strmap_free(reported, NULL);
	hashmap_free(ranks);
}

void
pub_free(struct pub *p)
{
	pub_release(p);
	memset(p, 0, sizeof(*p));
}

void
pub_list_free(struct pub_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		pub_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
	strmap_free(l->labels, free);
	l->labels = NULL;
}

static const char *const how_names[] = {
	"unknown", "name", "abbreviation", "dblp key", "excluded",
	"ambiguous"
};

void
normalize_check_venues(const struct entry_list *l,
    const struct norm_opts *o, FILE *fp)
{
	const struct field	*f;
	struct venue_match	 m;
	const char		*abbr;
	char			*rank;
	size_t			 i;

	fputs("key\tfield\tvenue as written\tresolved\trank\thow\twhy\n",
	    fp);
	for (i = 0; i < l->n; i++) {
		const struct entry *e = l->v[i];

		if (e->hidden)
			continue;
		f = venue_field(e);
		abbr = entry_get(e, "abbr");
		resolve_venue(e, o->venues, &m);
		rank = is_found(&m) ? venue_rank_label(o->venues, m.venue) :
		    NULL;
		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t", e->key,
		    abbr != NULL && is_found(&m) && f == NULL ? "abbr" :
		    f != NULL ? field_name(e, f) : "-", f != NULL ? f->value :
		    abbr != NULL ? abbr : "-", is_found(&m) ? m.venue->abbr :
		    "-", rank != NULL ? rank : "-", how_names[m.how]);
		if (m.how == VENUE_AMBIGUOUS)
			fprintf(fp, "%s or %s\n", m.venue->abbr,
			    m.other->abbr);
		else
			fprintf(fp, "%s\n", m.why[0] != '\0' ? m.why : "-");
		free(rank);
	}
}
