/* SPDX-License-Identifier: ISC */
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
#include "read/coauthors.h"
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
	else {
		latex_decode_onto(scratch, latex);
		scratch->len = rich_decode_entities(scratch->data != NULL ?
		    scratch->data : "", scratch->len);
	}
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
	if (b->len > 0)
		b->len = rich_decode_entities(b->data, b->len);
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

/* The kind of venue a field names; without one, the entry's type. */
static enum venue_want
wanted_kind(const struct entry *e, const struct field *f)
{
	const char	*name = f != NULL ? f->name : NULL;

	if (name == NULL)
		return strcmp(e->type, "article") == 0 ? WANT_JOURNAL :
		    strcmp(e->type, "inproceedings") == 0 ? WANT_CONFERENCE :
		    WANT_ANY;
	if (strcmp(name, "journal") == 0 || strcmp(name, "journaltitle") == 0)
		return WANT_JOURNAL;
	if (strcmp(name, "booktitle") == 0 || strcmp(name, "eventtitle") == 0)
		return WANT_CONFERENCE;
	return WANT_ANY;
}

/*
 * The order of evidence: the booktitle or journal (or another field
 * naming where the work appeared) with its exclusions, then abbr.  An
 * abbr is a label and a hint: it never lifts an exclusion (the abbr of
 * a Findings paper is the main conference's), it must be of the field's
 * kind, and it decides only where the field named no venue and its
 * words fit the field's.
 */
void
normalize_venue(const struct entry *e, const struct venue_db *db,
    struct venue_match *m)
{
	const char		*abbr = entry_get(e, "abbr");
	const struct field	*f = normalize_venue_field(e);
	enum venue_want		 want = wanted_kind(e, f);
	struct venue_match	 by_abbr;

	memset(m, 0, sizeof(*m));
	if (f != NULL) {
		venue_resolve(db, f->value, e->key, want, m);
		m->field = f->name;
	}
	if (abbr == NULL || abbr[0] == '\0' || m->how == VENUE_EXCLUDED)
		return;
	venue_resolve(db, abbr, NULL, want | WANT_STRICT, &by_abbr);
	if (by_abbr.how == VENUE_EXCLUDED) {	/* abbr = {ICML Workshop} */
		*m = by_abbr;
		m->field = "abbr";
	} else if (!normalize_venue_found(&by_abbr)) {
		if (by_abbr.lost[0] != '\0' && m->lost[0] == '\0')
			snprintf(m->lost, sizeof(m->lost), "abbr: %.150s",
			    by_abbr.lost);
	}
	else if (normalize_venue_found(m) && m->venue != by_abbr.venue)
		snprintf(m->lost, sizeof(m->lost), "abbr names %s",
		    by_abbr.venue->abbr);
	else if (!normalize_venue_found(m) && (f == NULL ||
	    venue_fits(by_abbr.venue, f->value) ||
	    (m->how == VENUE_AMBIGUOUS && m->other == by_abbr.venue))) {
		*m = by_abbr;
		m->field = "abbr";
	} else if (!normalize_venue_found(m))
		snprintf(m->lost, sizeof(m->lost), "abbr names %s, which "
		    "the %s does not", by_abbr.venue->abbr, f->name);
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

/* "Courier Corporation," as a publisher field ends, or "Phys. Rev.,". */
static void
trim_end_punctuation(char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && strchr(",;: ", s[n - 1]) != NULL)
		s[--n] = '\0';
}

/*
 * What a thesis is, as its type field or entry type says: the school
 * alone does not tell a reader it is one.
 */
static const char *
thesis_words(const struct entry *e, struct maker *mk)
{
	static const char *const types[][2] = {
		{ "phdthesis", "PhD thesis" }, { "mathesis", "Master's thesis" },
		{ "mastersthesis", "Master's thesis" },
		{ "bathesis", "Bachelor's thesis" },
	};
	const char	*type = entry_get(e, "type");
	char		*words;
	size_t		 i;

	if (type == NULL || type[0] == '\0')
		type = e->type;
	for (i = 0; i < NELEM(types); i++)
		if (strcasecmp(type, types[i][0]) == 0)
			return types[i][1];
	if (strcmp(type, e->type) == 0 ||
	    (words = decoded_in(mk->a, &mk->scratch, type, 0)) == NULL)
		return "Thesis";	/* type = {{ }} too */
	return words;
}

/* Does the note say what thesis it is ("Master's thesis. ...")? */
static int
says_thesis(const struct entry *e)
{
	const char	*note = entry_get(e, "note");

	return note != NULL && strcasestr(note, "thesis") != NULL;
}

/* "PhD thesis, Chalmers University of Technology" */
static char *
thesis_label(const struct pub *p, const struct entry *e, struct maker *mk)
{
	const char	*words = thesis_words(e, mk);
	size_t		 n = strlen(words), m;
	char		*s;

	if (p->venue_name == NULL)
		return arena_strdup(mk->a, words);
	m = strlen(p->venue_name);
	s = arena_alloc(mk->a, n + 2 + m + 1);
	memcpy(s, words, n);
	memcpy(s + n, ", ", 2);
	memcpy(s + n + 2, p->venue_name, m + 1);
	return s;
}

/*
 * ACM's series field, "ESOP'26", "L@S 2020", "CHI EA '20": the short
 * name the proceedings go by, without its year, when it is one (a
 * word or two, capitals; not "Lecture Notes in Computer Science").
 */
static char *
series_label(const struct entry *e, struct maker *mk)
{
	const char	*series = entry_get(e, "series");
	char		*s, *end;
	size_t		 upper = 0, blanks = 0;

	if (series == NULL || strlen(series) > 24)
		return NULL;
	if ((s = decoded_in(mk->a, &mk->scratch, series, 0)) == NULL)
		return NULL;	/* series = {{}} */
	end = s + strlen(s);
	while (end > s && (isdigit((unsigned char)end[-1]) || end[-1] == ' '))
		end--;
	if (end > s && end[-1] == '\'')
		end--;
	else if (end - s >= 3 && memcmp(end - 3, "\xe2\x80\x99", 3) == 0)
		end -= 3;
	while (end > s && end[-1] == ' ')
		end--;
	*end = '\0';
	for (end = s; *end != '\0'; end++) {
		upper += isupper((unsigned char)*end) != 0;
		blanks += *end == ' ';
		if (islower((unsigned char)*end) && (end == s ||
		    end[-1] == ' '))
			return NULL;	/* a word in lowercase: a title */
	}
	return upper >= 2 && blanks <= 1 ? s : NULL;
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
	int			 contradicts;

	if (rank != NULL && strcasecmp(rank, "none") != 0 && rank[0] != '\0')
		p->rank = decoded_in(a, &mk->scratch, rank, 0);
	if (o->venues != NULL) {
		normalize_venue(e, o->venues, &m);
		contradicts = strncmp(m.lost, "abbr names", 10) == 0 &&
		    f != NULL && normalize_venue_found(&m);
		/* "ICIP 2023 (CCF-A)" would be false either way round */
		if (contradicts)
			msg(MSG_WARNING, e->file, f->line, "abbr '%s' in '%s' "
			    "names %s, another venue than its %s's %s: no "
			    "rank shown", entry_get(e, "abbr"), e->key,
			    m.lost + 11, f->name, m.venue->abbr);
		if (normalize_venue_found(&m)) {
			mk->nfound++;
			if (rank == NULL && !contradicts)
				p->rank = arena_keep(a,
				    venue_rank_label(o->venues, m.venue));
			label = m.venue->abbr;
			if (m.venue->name_zh != NULL)
				p->venue_zh = arena_strdup(a, m.venue->name_zh);
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
	if (p->venue == NULL)
		p->venue = series_label(e, mk);
	if (p->venue == NULL && p->kind == KIND_THESIS && !says_thesis(e))
		p->venue = thesis_label(p, e, mk);
	if (p->venue == NULL && label != NULL)
		p->venue = arena_strdup(a, label);
	if (p->venue == NULL)
		p->venue = p->venue_name;
	if (p->venue != NULL)
		trim_end_punctuation(p->venue);
}

/* Is the given name of "Chen, J." or "Chen, J.-H." initials only? */
static int
by_initials(const char *spec)
{
	const char	*s = strchr(spec, ',');

	if (s == NULL)
		return 0;
	for (s++; *s != '\0'; s++)
		if (*s != ' ' && *s != '.' && *s != '-' &&
		    (s[1] != '.' || (*s & 0x80)))
			return 0;
		else if (s[1] == '.')
			s++;
	return 1;
}

/*
 * A's homepage: the first person of the --coauthors file whose name,
 * in any of its spellings, matches as --me would -- spellings with a
 * given name before those with initials only, so that "Chen, J." of
 * Jianfei Chen does not take Jia Chen, who has a line of her own.  A
 * person whose url was refused is matched and gets no link.
 */
static const char *
coauthor_url(const struct coauthors *c, const struct person *a)
{
	size_t	 i, k;
	int	 pass;

	if (a->others)
		return NULL;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->n; i++)
			for (k = 0; k < c->v[i].nkeys; k++)
				if (by_initials(c->v[i].specs[k]) == pass &&
				    names_match(c->v[i].keys[k], a))
					return c->v[i].url;
	return NULL;
}

/* ---- authors ---- */

/* A biblatex name annotation, and a word in it nothing reads said once
 * a run. */
static void
annotate(struct pub *p, const struct entry *e, const struct field *an)
{
	char	*unknown, key[64];

	if (!names_annotate(p->authors, p->nauthors, an->value, &unknown))
		msg(MSG_WARNING, e->file, an->line, "cannot read the "
		    "annotation '%s'", an->value);
	if (unknown == NULL)
		return;
	snprintf(key, sizeof(key), "annotation %s", unknown);
	if (msg_first(key))
		msg(MSG_WARNING, e->file, an->line, "annotation '%s' in "
		    "'%s' marks nothing (bib2pubs reads equal, jointfirst, "
		    "corresponding, highlight)", unknown, e->key);
	free(unknown);
}

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
	if ((an = entry_field(e, an_name)) != NULL)
		annotate(p, e, an);
	for (i = 0; i < p->nauthors; i++) {
		struct person *a = &p->authors[i];

		for (k = 0; k < o->nme && !a->me; k++)
			a->me = names_match(o->me[k], a);
		if (o->coauthors != NULL)
			a->url = coauthor_url(o->coauthors, a);
		names_finish_marks(a);
		if (a->marks[0] != '\0')
			p->has_marks = 1;
	}
}

/* "(accepted)" as "accepted": themes put a note in parentheses. */
static char *
unbracketed(char *note)
{
	size_t	 n = note != NULL ? strlen(note) : 0;

	if (n < 3 || note[0] != '(' || note[n - 1] != ')' ||
	    strpbrk(note + 1, "()") != note + n - 1)
		return note;
	note[n - 1] = '\0';
	return note + 1;
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
	p->note = unbracketed(decoded_markdown(mk, e, "note"));
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
