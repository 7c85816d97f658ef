/*
 * pub.c: one complete pub per visible entry -- title, names split once
 * with the owner found and marks settled, date, kind, venue and rank,
 * links checked once -- with every warning about it, in file order.
 * Nothing after this changes a pub.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/msg.h"
#include "base/util.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "normalize/venue.h"
#include "read/entry.h"
#include "text/ids.h"
#include "text/names.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kind_names[] = {
	"conference", "journal", "preprint", "thesis", "book", "other"
};

const char *
pub_kind_name(enum pub_kind k)
{
	return kind_names[k];
}

int
pub_kind_of_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < NELEM(kind_names); i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

/* ---- text fields ---- */

/* What making pubs keeps from one to the next. */
struct maker {
	const struct norm_opts	*o;
	struct arena		*a;		/* the list's */
	struct buf		 scratch;
	struct strmap		*reported;	/* venue -> unresolved + 1 */
	struct unresolved	*unresolved;
	size_t			 nunresolved;
	size_t			 nfound;	/* entries the database ranks */
};

/*
 * A field decoded into the list's arena, or NULL when absent or blank:
 * through one scratch buffer, not a string allocated for each.
 */
static char *
decoded_in(struct arena *a, struct buf *scratch, const char *latex,
    int markdown)
{
	latex_forget_unknown();
	buf_truncate(scratch, 0);
	if (markdown)
		latex_decode_markdown_onto(scratch, latex);
	else
		latex_decode_onto(scratch, latex);
	if (scratch->len == 0 || rich_is_blank(scratch->data))
		return NULL;
	return arena_strndup(a, scratch->data, scratch->len);
}

/* Say the unknown commands of e's field name, at its line. */
static void
report_unknown(const struct entry *e, const char *name)
{
	const struct field	*f = entry_field(e, name);

	latex_report_unknown(e->file, f != NULL ? f->line : e->line);
}

static char *
decoded(struct maker *mk, const struct entry *e, const char *name)
{
	const char	*v = entry_get(e, name);
	char		*text;

	if (v == NULL)
		return NULL;
	text = decoded_in(mk->a, &mk->scratch, v, 0);
	report_unknown(e, name);
	return text;
}

/* A Markdown field: its lines if it has them, LaTeX decoded gently. */
static char *
decoded_markdown(struct maker *mk, const struct entry *e, const char *name)
{
	const struct field	*f = entry_field(e, name);
	char			*text;

	if (f == NULL)
		return NULL;
	text = decoded_in(mk->a, &mk->scratch, field_blocks(f), 1);
	report_unknown(e, name);
	return text;
}

/* Does rich text end, markup and blanks aside, in one of stops? */
static int
ends_in(const char *rich, const char *stops)
{
	size_t	 n = strlen(rich);

	while (n > 0 && (RICH_IS_MARKUP(rich[n - 1]) || rich[n - 1] == ' '))
		n--;
	return n > 0 && strchr(stops, rich[n - 1]) != NULL;
}

/*
 * biblatex's parts of a title, joined as pandoc and the author-year
 * styles of CSL print them (biblatex's own \subtitlepunct is ". "):
 * "Title: Subtitle. Addon", no colon or full stop after a title that
 * already ends in a stop ("Why Not? A Subtitle").  name is "title",
 * "maintitle", "booktitle", "journaltitle" or "journal"; its parts are
 * NAMEsubtitle (booksubtitle, journalsubtitle) and NAMEaddon.
 */
static char *
joined_title(struct maker *mk, const struct entry *e, const char *name)
{
	char		 sub[64], addon[64];
	size_t		 stem = strlen(name);
	const char	*sv, *av;
	struct buf	*b = &mk->scratch;

	if (stem >= 5 && strcmp(name + stem - 5, "title") == 0)
		stem -= 5;
	snprintf(sub, sizeof(sub), "%.*ssubtitle", (int)stem, name);
	snprintf(addon, sizeof(addon), "%saddon", name);
	sv = entry_get(e, sub);
	av = entry_get(e, addon);
	buf_truncate(b, 0);
	latex_forget_unknown();
	latex_decode_onto(b, entry_get(e, name) != NULL ?
	    entry_get(e, name) : "");
	report_unknown(e, name);
	if (sv != NULL && !rich_is_blank(sv)) {
		if (b->len > 0)
			buf_puts(b, ends_in(b->data, ".?!:;") ? " " : ": ");
		latex_decode_onto(b, sv);
		report_unknown(e, sub);
	}
	if (av != NULL && !rich_is_blank(av)) {
		if (b->len > 0)
			buf_puts(b, ends_in(b->data, ".?!") ? " " : ". ");
		latex_decode_onto(b, av);
		report_unknown(e, addon);
	}
	if (b->len == 0 || rich_is_blank(b->data))
		return NULL;
	return arena_strndup(mk->a, b->data, b->len);
}

static int
is_true(const char *v)
{
	return v != NULL && (strcasecmp(v, "true") == 0 ||
	    strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}

/* ---- date and kind ---- */

/*
 * The first run of exactly four digits, 1000 to 2999: "2025", "{2025}",
 * "2025-05-01"; 0 if none ("99999", "13073" are no years).
 */
static int
year_of(const char *s, const char **rest)
{
	const char	*start = s;

	for (; *s != '\0'; s++)
		if ((s == start || !isdigit((unsigned char)s[-1])) &&
		    (s[0] == '1' || s[0] == '2') &&
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

/* Is a year field's text more than its year ("2023 (oral)")? */
static int
year_has_more(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s) && strchr(" {}", *s) == NULL)
			return 1;
	return 0;
}

/*
 * After a biblatex date's first year: the range's last year ("2001-03/
 * 2002"), -1 for an open end ("2001/", "2001/.."), 0 for no range or
 * one within the year.
 */
static int
range_end(const char *rest, int year)
{
	int	 end;

	rest = strchr(rest, '/');
	if (rest == NULL)
		return 0;
	rest++;
	if (*rest == '\0' || strcmp(rest, "..") == 0)
		return -1;
	end = year_of(rest, NULL);
	return end > year ? end : 0;
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
		p->year_end = rest != NULL ? range_end(rest, p->year) : 0;
	}
	if ((date = entry_get(e, "origdate")) != NULL)
		p->orig_year = year_of(date, NULL);
	if (year != NULL && p->year == 0)
		msg(MSG_WARNING, e->file, entry_field(e, "year")->line,
		    "year '%s' in '%s' is not a year", year, e->key);
	else if (year != NULL && year_has_more(year))
		msg(MSG_WARNING, e->file, entry_field(e, "year")->line,
		    "year '%s' in '%s': read as %d, the rest is not shown",
		    year, e->key, p->year);
}

static int
is_arxiv(const struct entry *e)
{
	const char	*journal = entry_get(e, "journal");

	if (entry_get(e, "arxiv") != NULL ||
	    is_arxiv_name(entry_get(e, "archiveprefix")) ||
	    is_arxiv_name(entry_get(e, "eprinttype")))
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

/* ---- venue and rank ---- */

const struct field *
normalize_venue_field(const struct entry *e)
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

void
normalize_venue(const struct entry *e, const struct venue_db *db,
    struct venue_match *m)
{
	const char		*abbr = entry_get(e, "abbr");
	const struct field	*f = normalize_venue_field(e);

	memset(m, 0, sizeof(*m));
	if (abbr != NULL && abbr[0] != '\0') {
		venue_resolve(db, abbr, NULL, m);
		if (m->how == VENUE_NAME || m->how == VENUE_ABBR)
			return;
	}
	if (f != NULL)
		venue_resolve(db, f->value, e->key, m);
}

int
normalize_venue_found(const struct venue_match *m)
{
	return m->how == VENUE_NAME || m->how == VENUE_ABBR ||
	    m->how == VENUE_DBLP;
}

/* A venue string the database could not resolve, said once at the end. */
struct unresolved {
	const char	*file;		/* where it first came */
	int		 line;
	const char	*value;
	const char	*first, *second;	/* ambiguous: the two venues */
	size_t		 count;		/* entries that have it */
};

/*
 * Note what could not be resolved, so the user can fix it: once per
 * distinct string, however many entries have it.  A thesis's school, a
 * report's institution and a publisher are not venues to rank.
 */
static void
note_venue(struct maker *mk, const struct entry *e,
    const struct venue_match *m)
{
	const struct field	*f = normalize_venue_field(e);
	struct unresolved	*u;
	uintptr_t		 at;

	if (f == NULL || mk->o->no_ranks ||
	    (m->how != VENUE_UNKNOWN && m->how != VENUE_AMBIGUOUS) ||
	    same_name(f->name, "school") || same_name(f->name, "institution") ||
	    same_name(f->name, "publisher"))
		return;
	/* The map keeps places in the array, which moves as it grows. */
	if ((at = (uintptr_t)strmap_get(mk->reported, f->value)) == 0) {
		mk->unresolved = xreallocarray(mk->unresolved,
		    mk->nunresolved + 1, sizeof(*mk->unresolved));
		u = &mk->unresolved[mk->nunresolved++];
		memset(u, 0, sizeof(*u));
		u->file = e->file;
		u->line = f->line;
		u->value = f->value;
		if (m->how == VENUE_AMBIGUOUS) {
			u->first = m->venue->abbr;
			u->second = m->other->abbr;
		}
		at = mk->nunresolved;
		strmap_put(mk->reported, f->value, (void *)at);
	}
	mk->unresolved[at - 1].count++;
}

/* Each unresolved venue once, in the order they came, and a summary. */
static void
report_venues(const struct maker *mk)
{
	const struct unresolved	*u;
	char			 count[48];
	size_t			 i, unknown = 0;

	for (i = 0; i < mk->nunresolved; i++)
		unknown += mk->unresolved[i].first == NULL;
	if (mk->nfound == 0 && unknown == mk->nunresolved && unknown > 0) {
		/* No venue of the file is in the database (a biologist's,
		 * a physicist's page): nothing to correct, one note. */
		msg(MSG_NOTE, NULL, 0, "no venue here is in the database, "
		    "which ranks computer science venues (%zu not found): no "
		    "ranks shown; --check-venues lists them", unknown);
		return;
	}
	for (i = 0, unknown = 0; i < mk->nunresolved; i++) {
		u = &mk->unresolved[i];
		count[0] = '\0';
		if (u->count > 1)
			snprintf(count, sizeof(count), " (%zu entries)",
			    u->count);
		if (u->first == NULL) {
			msg(MSG_WARNING, u->file, u->line, "unknown venue "
			    "\"%s\"%s", u->value, count);
			unknown++;
		} else
			msg(MSG_WARNING, u->file, u->line, "venue \"%s\" "
			    "could be %s or %s: no rank given%s", u->value,
			    u->first, u->second, count);
	}
	if (unknown > 1)
		msg(MSG_WARNING, NULL, 0, "%zu venues are not in the "
		    "database; --check-venues lists how each entry's was "
		    "read, --venues FILE adds them", unknown);
}

/*
 * The label, the full name and the rank: the rank field wins over the
 * database, an abbr field over the database's label.
 */
static void
set_venue(struct pub *p, const struct entry *e, struct maker *mk)
{
	const struct norm_opts	*o = mk->o;
	struct arena		*a = mk->a;
	const char		*rank = entry_get(e, "rank");
	const struct field	*f = normalize_venue_field(e);
	const char		*label = NULL;
	struct venue_match	 m;

	if (rank != NULL && strcasecmp(rank, "none") != 0 && rank[0] != '\0')
		p->rank = decoded_in(a, &mk->scratch, rank, 0);
	if (o->venues != NULL) {
		normalize_venue(e, o->venues, &m);
		if (normalize_venue_found(&m)) {
			mk->nfound++;
			if (rank == NULL)
				p->rank = arena_keep(a,
				    venue_rank_label(o->venues, m.venue));
			label = m.venue->abbr;
		} else if (p->kind == KIND_PREPRINT &&
		    (f == NULL || m.how == VENUE_EXCLUDED))
			label = "arXiv";
		if (p->kind != KIND_PREPRINT || f != NULL)
			note_venue(mk, e, &m);
	}
	/* A volume of a multi-volume work appears in the work. */
	p->venue_name = joined_title(mk, e, f != NULL ? f->name :
	    "maintitle");
	p->venue = decoded(mk, e, "abbr");
	if (p->venue == NULL && label != NULL)
		p->venue = arena_strdup(a, label);
	if (p->venue == NULL)
		p->venue = p->venue_name;
}

/* ---- authors ---- */

/* The authors (or editors), the owner found and marks settled. */
static void
set_authors(struct pub *p, const struct entry *e, const struct norm_opts *o)
{
	const struct field *f = entry_field(e, "author");
	const struct field *an;
	const char	   *an_name = "author+an";
	size_t		    i, k;

	if (f == NULL) {
		f = entry_field(e, "editor");
		an_name = "editor+an";
	}
	if (f == NULL)
		return;
	p->authors = names_parse(f->value, &p->nauthors, e->file, f->line);
	an = entry_field(e, an_name);
	if (an != NULL && !names_annotate(p->authors, p->nauthors, an->value))
		msg(MSG_WARNING, e->file, an->line, "cannot read the "
		    "annotation '%s'", an->value);
	for (i = 0; i < p->nauthors; i++) {
		struct person *a = &p->authors[i];

		for (k = 0; k < o->nme && !a->me; k++)
			a->me = names_match(o->me[k], a);
		names_finish_marks(a);
		if (a->marks[0] != '\0')
			p->has_marks = 1;
	}
}

/* ---- the pass ---- */

static void
make_pub(struct pub *p, const struct entry *e, struct maker *mk)
{
	p->entry = e;
	p->kind = kind_of(e);
	p->title = joined_title(mk, e, "title");
	p->main_title = joined_title(mk, e, "maintitle");
	if (p->title == NULL)
		msg(MSG_WARNING, e->file, e->line, "entry '%s' has no title",
		    e->key);
	set_authors(p, e, mk->o);
	set_date(p, e);
	set_venue(p, e, mk);
	p->track = decoded(mk, e, "track");
	p->note = decoded_markdown(mk, e, "note");
	if (mk->o->want_abstract)
		p->abstract = decoded_markdown(mk, e, "abstract");
	normalize_links(p, e, mk->o, mk->a);
	p->selected = is_true(entry_get(e, "selected"));
}

void
normalize(const struct entry_list *l, const struct norm_opts *o,
    struct pub_list *out)
{
	struct maker	 mk = { .o = o, .reported = strmap_new() };
	size_t		 i;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(l->n, sizeof(*out->v));
	mk.a = &out->arena;
	for (i = 0; i < l->n; i++)
		if (!l->v[i]->hidden)
			make_pub(&out->v[out->n++], l->v[i], &mk);
	report_venues(&mk);
	strmap_free(mk.reported, NULL);
	free(mk.unresolved);
	buf_free(&mk.scratch);
}

void
pub_free(struct pub *p)
{
	names_free(p->authors, p->nauthors);
	memset(p, 0, sizeof(*p));
}

void
pub_list_free(struct pub_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		pub_free(&l->v[i]);
	free(l->v);
	arena_free(&l->arena);
	memset(l, 0, sizeof(*l));
}
