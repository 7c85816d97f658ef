/* SPDX-License-Identifier: ISC */
/*
 * venue.c: venue resolution, from a string as a .bib writes it to a
 * venue of the database (venue_db.c).
 *
 * Every name and alias of every venue is reduced, once at load time, to
 * a key of plain lowercase words -- without stopwords, numbers, ordinals
 * ("42nd", "Forty-second"), years, months, "Proceedings of" -- and put
 * in a hash map; a looser key also drops publishers and "International"
 * ("IEEE/CVF", "ACM SIGMOD").  A venue string from a .bib file is cut
 * into a few candidates (the whole, the parts before and after a colon,
 * its comma-separated prefixes, so locations and dates fall away;
 * abbreviations in parentheses, braces or their own comma segment) and
 * each candidate costs one or two hash lookups: nothing grows with the
 * database.  Rules that keep ranks honest:
 *  - a workshop, findings, companion, demo, poster, tutorial, CoRR or
 *    arXiv string gets no rank, unless the venue's own name says so
 *    (HotOS is a "Workshop on Hot Topics in Operating Systems");
 *  - candidates that name two different venues give no rank;
 *  - there is no substring or similarity matching.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/msg.h"
#include "base/util.h"
#include "normalize/venue.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- resolving ---- */

/* The venues a search found: the first, and a second that differs. */
struct pick {
	const struct venue	*found;
	const struct venue	*other;
	char			 key[128];	/* the key that found it */
};

struct search {
	const struct venue_db	*db;
	struct venue_match	*m;
	enum venue_want		 want;
	struct pick		 right;	/* venues of the wanted kind */
	struct pick		 wrong;	/* the other kind, by a long name */
	const char		*whole;		/* the whole venue string */
	int			 alone;	/* the string is one abbreviation */
};

int
venue_is(const struct venue *v, enum venue_want want)
{
	want &= ~WANT_STRICT;
	return want == WANT_ANY || v->both ||
	    (want == WANT_JOURNAL) == (v->journal != 0);
}

static int	key_has_word(const char *, const char *);

static int
names_a_journal(const char *key)
{
	return key_has_word(key, "journal") ||
	    key_has_word(key, "transactions") || key_has_word(key, "letters");
}

static void
add_pick(struct pick *p, const struct venue *v, const char *key)
{
	if (p->found == NULL) {
		p->found = v;
		snprintf(p->key, sizeof(p->key), "%s", key);
	} else if (p->found != v && p->other == NULL)
		p->other = v;
}

/*
 * What a key found.  strong: a name of several words, which says which
 * venue whatever the field; a one-word name or an abbreviation ("IS",
 * "Micro") counts only for a venue of the field's kind.  Only the
 * journal field takes a conference by its name (Scholar's NeurIPS); a
 * booktitle takes a journal only by a name that says it is one ("IEEE
 * Transactions on ...", "... Journal"): with another name it is a book
 * series' volume ("Artificial Intelligence XXXV: 38th SGAI ...",
 * "Pattern Recognition" of CCPR), not the journal.
 */
static void
consider(struct search *s, const struct vkey *k, const char *key, int strong)
{
	const struct venue	*v[2] = { k->v, k->other };
	size_t			 i;

	for (i = 0; i < 2 && v[i] != NULL; i++) {
		if (venue_is(v[i], s->want))
			add_pick(&s->right, v[i], key);
		else if ((strong && ((s->want & WANT_JOURNAL) ||
		    names_a_journal(key))) || s->alone)
			add_pick(&s->wrong, v[i], key);
		else if (s->m->lost[0] == '\0')
			snprintf(s->m->lost, sizeof(s->m->lost), "%s (by "
			    "\"%s\") is a %s", v[i]->abbr, key, v[i]->journal ?
			    "journal" : "conference");
	}
}

/*
 * Is key an abbreviated form of words, word for word ("ieee trans
 * wireless commun" of "ieee transactions wireless communications")?
 * Each word a prefix of three letters or more, or "j" for journal; at
 * least one shortened.
 */
static int
abbreviates(const char *key, const char *words)
{
	size_t	 a, b;
	int	 shortened = 0;

	for (;;) {
		a = strcspn(key, " ");
		b = strcspn(words, " ");
		if (a > b || strncmp(key, words, a) != 0 || (a < b && a < 3 &&
		    !(a == 1 && b == 7 && strncmp(words, "journal", 7) == 0)))
			return 0;
		shortened |= a < b;
		key += a;
		words += b;
		if (*key == '\0' || *words == '\0')
			return *key == *words && shortened;
		key++;
		words++;
	}
}

/* A candidate in ISO 4 or dblp style: the names with its initials
 * that it abbreviates word for word. */
static void
try_abbreviated(struct search *s, const char *key)
{
	char			 init[32];
	const struct vname	*vn;
	struct vkey		 k;

	if (venue_initials(key, init, sizeof(init)))
		for (vn = venue_db_initials(s->db, init); vn != NULL;
		    vn = vn->same)
			if (abbreviates(key, vn->words)) {
				k.v = vn->v;
				k.other = NULL;
				consider(s, &k, vn->words,
				    strchr(strchr(key, ' ') + 1, ' ') != NULL);
			}
}

static void	try_one_abbr(struct search *, const char *);

/*
 * "Proceedings of the Thirteenth EuroSys Conference", "Proceedings of
 * the 2016 ACM on Multimedia Conference": one word and the word for an
 * event.  The word is tried as an abbreviation or a one-word name --
 * weak evidence, so only a venue of the field's kind counts.
 */
static void
try_bare_name(struct search *s, const char *loose)
{
	char			*key = xstrdup(loose), *w, *save = NULL;
	char			*word = NULL;
	const struct vkey	*k;
	int			 words = 0, events = 0;

	for (w = strtok_r(key, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (venue_word_in(w, strlen(w), WORD_GENERIC) &&
		    strcmp(w, "journal") != 0 && strcmp(w, "transactions") != 0)
			events++;
		else {
			word = w;
			words++;
		}
	}
	if (words == 1 && events > 0 && strlen(word) >= 3) {
		if ((k = strmap_get(s->db->loose, word)) != NULL)
			consider(s, k, word, 0);
		else
			try_one_abbr(s, word);
	}
	free(key);
}

/* One candidate: strict key, then loose key. */
static void
try_name(struct search *s, const char *candidate, int whole)
{
	const struct vkey	*k = NULL;
	struct buf		 keys[2] = { { 0 }, { 0 } };
	const char		*key;
	int			 loose;

	venue_clean_words(candidate, &keys[0], &keys[1]);
	for (loose = 0; loose < 2 && k == NULL; loose++) {
		key = keys[loose].len > 0 ? keys[loose].data : "";
		k = key[0] != '\0' && (venue_key_has_content(key) ||
		    (whole && !loose)) ? strmap_get(loose ? s->db->loose :
		    s->db->strict, key) : NULL;
		if (k != NULL)
			consider(s, k, key, strchr(key, ' ') != NULL);
	}
	if (k == NULL && keys[0].len > 0)
		try_abbreviated(s, keys[0].data);
	if (k == NULL && keys[1].len > 0)
		try_bare_name(s, keys[1].data);
	buf_free(&keys[0]);
	buf_free(&keys[1]);
}

/* "HLT/EMNLP 2005": each of a pair of joined abbreviations. */
static void
try_abbr(struct search *s, const char *candidate)
{
	const char	*slash = strchr(candidate, '/');
	char		*first;

	try_one_abbr(s, candidate);
	if (slash == NULL || s->right.found != NULL || strchr(slash + 1, '/'))
		return;
	first = xstrndup(candidate, (size_t)(slash - candidate));
	try_one_abbr(s, first);
	try_one_abbr(s, slash + 1);
	free(first);
}

static void
try_one_abbr(struct search *s, const char *candidate)
{
	const struct vkey	*k = NULL;
	char			*key;
	int			 loose;

	for (loose = 0; loose < 2 && k == NULL; loose++) {
		key = venue_abbr_key(candidate, loose);
		/* A publisher alone ("IEEE") names no venue. */
		if (key[0] != '\0' && !venue_word_in(key, strlen(key),
		    WORD_PUBLISHER))
			k = strmap_get(loose ? s->db->abbrs_loose :
			    s->db->abbrs, key);
		if (k != NULL)
			consider(s, k, key, 0);
		free(key);
	}
}

/* Split "text (inner) more" into outer text and the inner parts. */
static char *
take_parentheses(const char *s, struct buf *inner)
{
	struct buf	 outer = { 0 };
	int		 depth = 0;

	for (; *s != '\0'; s++) {
		if (*s == '(') {
			if (depth++ == 0 && inner->len > 0)
				buf_putc(inner, '\n');
			continue;
		}
		if (*s == ')' && depth > 0) {
			depth--;
			continue;
		}
		buf_putc(depth > 0 ? inner : &outer, *s);
	}
	return buf_detach(&outer);
}

/*
 * Where a segment ends: at a comma, colon or semicolon, a dash set off
 * by spaces ("Computer Vision -- ECCV 2020"), or "and the" before an
 * ordinal.  Returns its length;
 * *next is where the following segment starts.
 */
static size_t
segment(const char *p, const char **next)
{
	const char	*q;

	for (q = p; *q != '\0'; q++) {
		if (*q == ',' || *q == ':' || *q == ';') {
			*next = q + 1;
			return (size_t)(q - p);
		}
		if (strncmp(q, " - ", 3) == 0) {	/* dashes are ASCII here */
			*next = q + 3;
			return (size_t)(q - p);
		}
		/* a joint event: "... Linguistics and the 11th International
		 * Joint Conference on ...", the host first */
		if (strncmp(q, " and the ", 9) == 0 &&
		    isdigit((unsigned char)q[9])) {
			*next = q + 9;
			return (size_t)(q - p);
		}
	}
	*next = q;
	return (size_t)(q - p);
}

/*
 * "... Signal Processing ICASSP 2023": a trailing word in capitals (and
 * a year) after a name.  Returns where it starts, or NULL.
 */
static const char *
trailing_abbr(const char *s, size_t len)
{
	const char	*end = s + len, *w;
	size_t		 upper = 0, lower = 0;

	while (end > s && (end[-1] == ' ' || end[-1] == '\'' ||
	    isdigit((unsigned char)end[-1])))
		end--;
	for (w = end; w > s && w[-1] != ' '; w--) {
		upper += isupper((unsigned char)w[-1]) != 0;
		lower += islower((unsigned char)w[-1]) != 0;
	}
	if (w == s || upper < 2 || lower > upper)
		return NULL;
	return w;
}

/* A name candidate, and the same without a trailing abbreviation. */
static void
try_name_part(struct search *s, const char *p, size_t len,
    struct buf *abbrs)
{
	char		*part = xstrndup(p, len);
	const char	*t = trailing_abbr(part, len);

	try_name(s, part, p[len] == '\0' && s->whole == p);
	if (t != NULL) {
		if (abbrs->len > 0 && abbrs->data[abbrs->len - 1] != '\n')
			buf_putc(abbrs, '\n');
		buf_puts(abbrs, t);
		buf_putc(abbrs, '\n');
		part[t - part] = '\0';
		try_name(s, part, 0);
	}
	free(part);
}

/*
 * Prefixes of at most this many segments are names to try.  The
 * corpus's venues have up to 11; each prefix costs its length, so
 * trying every prefix of a string of thousands of commas would cost
 * the square of its length.
 */
#define PREFIX_SEGMENTS	16

/*
 * Names: the whole, each prefix of segments (so locations and dates
 * fall away), and the part after the first colon.  Abbreviation-like
 * pieces met on the way go to abbrs.
 */
/* Past leading years and ordinals ("2014 12th "). */
static const char *
past_numbers(const char *p)
{
	for (;;) {
		p += strspn(p, " ");
		if (!isdigit((unsigned char)*p))
			return p;
		p += strspn(p, "0123456789");
		while (isalpha((unsigned char)*p))
			p++;		/* "12th" */
	}
}

/*
 * IEEE Xplore's inverted titles put the start of the name last: "Signal
 * Processing (ICSP), 2014 12th International Conference on", "Audio,
 * Speech, and Language Processing, IEEE Transactions on", "Web
 * Conference, 2007. LA-WEB 2007. Latin American".  The name put back in
 * order, newly allocated, or NULL for any other string.  The first part
 * alone ("Signal Processing", "Web Conference") is not the venue.
 */
static char *
uninverted(const char *outer)
{
	const char	*cut, *tail, *last, *p, *q;
	size_t		 n = strlen(outer);
	struct buf	 b = { 0 };
	int		 ends_on;

	while (n > 0 && (outer[n - 1] == ' ' || outer[n - 1] == '.'))
		n--;
	ends_on = n > 3 && strncasecmp(outer + n - 3, " on", 3) == 0;
	for (cut = outer; (cut = strchr(cut, ',')) != NULL; cut++) {
		q = cut + 1 + strspn(cut + 1, " ");
		if (strspn(q, "0123456789") == 4)
			break;		/* "Name, 2014 ..." */
	}
	if (cut == NULL && ends_on)	/* "..., IEEE Transactions on" */
		for (p = outer; (p = strchr(p, ',')) != NULL && p < outer + n;
		    p++)
			cut = p;
	if (cut == NULL)
		return NULL;
	tail = cut + 1;
	if (ends_on)	/* the last part: "..., Proceedings of the 12th ... on" */
		for (p = tail; (p = strchr(p, ',')) != NULL && p < outer + n;
		    p++)
			tail = p + 1;
	for (last = tail; (p = strstr(last, ". ")) != NULL && p < outer + n;)
		last = p + 2;	/* the last sentence: "Latin American" */
	last = past_numbers(last);
	if (last >= outer + n || (!ends_on && (strpbrk(last, "0123456789") !=
	    NULL || !isupper((unsigned char)*last))))
		return NULL;
	buf_put(&b, last, (size_t)(outer + n - last));
	buf_putc(&b, ' ');
	buf_put(&b, outer, (size_t)(cut - outer));
	return buf_detach(&b);
}

/*
 * Does the text after a comma go on with a list the name is made of
 * ("Communications, Circuits and Systems", "Systems, Man, and
 * Cybernetics")?  Then the part before it is no name of its own.
 */
static int
continues_list(const char *next)
{
	const char	*p, *end = next + strcspn(next, ",:;");

	next += strspn(next, " ");
	if (strncmp(next, "and ", 4) == 0)
		return 1;
	for (p = next; p < end; p++)
		if (isdigit((unsigned char)*p))
			return 0;	/* a date, a place with a number */
	for (p = next; p + 5 <= end; p++)
		if (strncmp(p, " and ", 5) == 0 && isupper((unsigned char)p[5]))
			return isupper((unsigned char)*next);
	return 0;
}

static void
name_candidates(struct search *s, const char *outer, struct buf *abbrs)
{
	const char	*p, *next, *colon = strchr(outer, ':');
	size_t		 len, n;
	char		*ordered = uninverted(outer);

	if (ordered != NULL) {
		s->whole = ordered;
		try_name_part(s, ordered, strlen(ordered), abbrs);
		free(ordered);
		return;
	}
	s->whole = outer;
	try_name_part(s, outer, strlen(outer), abbrs);
	for (p = outer, n = 0; *p != '\0' && n < PREFIX_SEGMENTS; p = next,
	    n++) {
		len = segment(p, &next);
		if ((*next != '\0' || p != outer) && !continues_list(next))
			try_name_part(s, outer, (size_t)(p + len - outer),
			    abbrs);
	}
	if (colon != NULL)	/* "SC22: International Conference ..., ..." */
		for (p = colon + 1, n = 0; *p != '\0' && n < PREFIX_SEGMENTS;
		    p = next, n++) {
			len = segment(p, &next);
			try_name_part(s, colon + 1, (size_t)(p + len - colon - 1),
			    abbrs);
		}
}

/* Does this segment look like "ICML 2024" or "NeurIPS '23"? */
static int
looks_like_abbr_segment(const char *seg)
{
	size_t	 words = 0, upper = 0;
	const char *p;
	int	 in_word = 0, numeric = 1;

	for (p = seg; ; p++) {
		if (*p != '\0' && !isspace((unsigned char)*p)) {
			if (!in_word)
				numeric = 1;
			in_word = 1;
			if (!isdigit((unsigned char)*p) && *p != '\'')
				numeric = 0;
			upper += isupper((unsigned char)*p) != 0;
			continue;
		}
		if (in_word && !numeric)
			words++;
		in_word = 0;
		if (*p == '\0')
			break;
	}
	return words >= 1 && words <= 2 && upper >= 2;
}

/* IEEE Xplore's order: "Automated Software Engineering, 2008. ASE
 * 2008. 23rd IEEE/ACM International Conference on": an abbreviation
 * between full stops. */
static void
abbr_sentences(struct search *s, const char *segment)
{
	const char	*p, *end;
	char		*part;

	for (p = segment; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, ".");
		part = xstrndup(p, (size_t)(end - p));
		if (looks_like_abbr_segment(part))
			try_abbr(s, part);
		free(part);
	}
}

/*
 * "DAC Design Automation Conference 2012": an acronym before the name
 * it stands for -- its letters the initials of the words that follow.
 */
static void
leading_acronym(struct search *s, const char *segment)
{
	const char	*p = segment + strspn(segment, " ");
	size_t		 n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), i;
	char		*key, init[32], *acronym;

	if (n < 2 || (p[n] != ' ' && p[n] != '\0'))
		return;
	key = venue_clean(p + n, 0);
	if (venue_initials(key, init, sizeof(init)) && strlen(init) >= n) {
		for (i = 0; i < n && tolower((unsigned char)p[i]) == init[i];
		    i++)
			;
		if (i == n) {
			acronym = xstrndup(p, n);
			try_abbr(s, acronym);
			free(acronym);
		}
	}
	free(key);
}

/*
 * Abbreviations: in parentheses, after a name, or a segment of their
 * own.  A lone word in braces among others ("{ISC} High Performance")
 * is not one.
 */
static void
abbr_candidates(struct search *s, const char *outer, const char *inner)
{
	const char	*p, *end, *next;
	char		*part;
	size_t		 len;

	for (p = inner; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		part = xstrndup(p, (size_t)(end - p));
		try_abbr(s, part);
		free(part);
	}
	for (p = outer; *p != '\0'; p = next) {
		len = segment(p, &next);
		part = xstrndup(p, len);
		if (looks_like_abbr_segment(part))
			try_abbr(s, part);
		else {
			abbr_sentences(s, part);
			leading_acronym(s, part);
		}
		free(part);
	}
}

static int
key_has_word(const char *key, const char *word)
{
	size_t	 n = strlen(word);
	const char *p;

	for (p = key; (p = strstr(p, word)) != NULL; p += n)
		if ((p == key || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The venue the search found: of the wanted kind if it found one. */
static void
finish(struct search *s, enum venue_how how)
{
	struct venue_match	*m = s->m;
	const struct pick	*p = s->right.found != NULL ? &s->right :
	    &s->wrong;

	m->how = p->other != NULL ? VENUE_AMBIGUOUS : how;
	m->venue = p->found;
	m->other = p->other;
	snprintf(m->why, sizeof(m->why), "%s", p->key);
}

/* "DBLP:conf/icml/ZhangX25" -> "conf/icml". */
static int
try_dblp(struct search *s, const char *key)
{
	const struct vkey	*k;
	const char		*slash;
	char			*path;

	if (key == NULL || strncmp(key, "DBLP:", 5) != 0 ||
	    (slash = strrchr(key, '/')) == NULL)
		return 0;
	path = xstrndup(key + 5, (size_t)(slash - key - 5));
	k = strmap_get(s->db->dblp, path);
	if (k != NULL)
		consider(s, k, path, 1);
	free(path);
	return k != NULL;
}

/*
 * An abbreviation must not contradict the rest of the string: in
 * "41st Chinese Control Conference (CCC)" the name around "CCC" shares
 * no word with the Computational Complexity Conference.  A string that
 * is little more than the abbreviation ("ICML 2024") passes.
 */
static int
abbr_agrees(const struct venue *v,
    const char *outer)
{
	char		*words = venue_clean(outer, 1), *w, *save = NULL;
	const char	*names = v->words;
	size_t		 content = 0, shared = 0;

	for (w = strtok_r(words, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (strlen(w) < 3 || venue_word_in(w, strlen(w), WORD_GENERIC) ||
		    (v->abbr != NULL && strcasecmp(w, v->abbr) == 0))
			continue;
		content++;
		if (names != NULL && key_has_word(names, w))
			shared++;
	}
	free(words);
	return content < 2 || shared > 0;
}

static void	resolve_string(const struct venue_db *, const char *,
		    enum venue_want, struct venue_match *);

/*
 * Typographic punctuation from LaTeX ligatures, back to ASCII.  A dash
 * between words ("Computer Vision--ECCV 2016", "The VLDB Journal---The
 * International Journal on ...") separates parts, as " - " does.
 */
static char *
ascii_punctuation(const char *s)
{
	static const struct {
		const char	*from;
		const char	*to;
	} map[] = { { "\xe2\x80\x98", "'" }, { "\xe2\x80\x99", "'" },
	    { "\xe2\x80\x9c", "\"" }, { "\xe2\x80\x9d", "\"" },
	    { "\xe2\x80\x93", " - " }, { "\xe2\x80\x94", " - " },
	    { "\xc2\xa0", " " } };
	struct buf	 b = { 0 };
	size_t		 i, n;

	buf_grow(&b, strlen(s));
	while (*s != '\0') {
		for (i = 0; i < NELEM(map); i++) {
			n = strlen(map[i].from);
			if (strncmp(s, map[i].from, n) == 0)
				break;
		}
		if (i < NELEM(map)) {
			buf_puts(&b, map[i].to);
			s += n;
		} else
			buf_putc(&b, *s++);
	}
	return buf_detach(&b);
}

/*
 * "DL4C at ICLR 2024", "MATH-AI @ NeurIPS": an event of its own held at
 * a venue, named by an abbreviation before "at" or "@", or "co-located
 * with" one.  The venue after it is not where the paper appeared.
 */
static int
colocated(const char *plain)
{
	const char	*p, *w;
	size_t		 upper;

	if (strstr(plain, "o-located with") != NULL ||
	    strstr(plain, "olocated with") != NULL)
		return 1;
	for (p = plain; (p = strchr(p, ' ')) != NULL; p++) {
		if (strncmp(p, " at ", 4) != 0 && strncmp(p, " @ ", 3) != 0)
			continue;
		for (w = p, upper = 0; w > plain && w[-1] != ' '; w--)
			if (islower((unsigned char)w[-1]))
				break;
			else
				upper += isupper((unsigned char)w[-1]) != 0;
		if ((w == plain || w[-1] == ' ') && upper >= 2 &&
		    isupper((unsigned char)p[p[1] == '@' ? 3 : 4]))
			return 1;
	}
	return 0;
}

/*
 * Two venues fit the name ("SIAM Conference on Data Mining" is SDM's
 * and ICDM's): an abbreviation in parentheses that names one of them
 * decides ("... (SDM)").
 */
static void
settle_by_abbr(struct search *s, const char *inner)
{
	struct search		 t;
	struct venue_match	 scratch;
	const char		*p, *end;
	char			*part;

	for (p = inner; s->right.other != NULL && *p != '\0';
	    p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		memset(&t, 0, sizeof(t));
		memset(&scratch, 0, sizeof(scratch));
		t.db = s->db;
		t.m = &scratch;
		t.want = s->want;
		part = xstrndup(p, (size_t)(end - p));
		try_abbr(&t, part);
		free(part);
		if (t.right.found != NULL && t.right.other == NULL &&
		    (t.right.found == s->right.found ||
		    t.right.found == s->right.other)) {
			s->right.found = t.right.found;
			s->right.other = NULL;
		}
	}
}

/*
 * "Cryptographic Hardware and Embedded Systems - CHES 2014 - 16th
 * International Workshop, Busan": a part that is only "Nth International
 * Workshop" says what the venue itself was (CHES was a workshop until
 * 2014), not that the paper is at a workshop of it.
 */
static int
own_kind(const char *plain, const char *word)
{
	const char	*p, *next;
	char		*part, *key;
	size_t		 len;
	int		 has = 0, own = 1;

	for (p = plain; *p != '\0' && own; p = next) {
		len = segment(p, &next);
		part = xstrndup(p, len);
		key = venue_clean(part, 1);
		if (key_has_word(key, word)) {
			has = 1;
			own = strcmp(key, word) == 0 && strspn(part +
			    strspn(part, " "), "0123456789") > 0;
		}
		free(key);
		free(part);
	}
	return has && own;
}

/* The word that makes the string not the main venue, or NULL. */
static const char *
exclusion(const char *plain)
{
	const char	*word = venue_excluded_word(plain, NULL);

	if (word != NULL && strcmp(word, "workshop") == 0 &&
	    own_kind(plain, word))
		word = venue_excluded_word(plain, word);

	return word != NULL ? word : colocated(plain) ? "co-located" : NULL;
}

int
venue_fits(const struct venue *v, const char *latex)
{
	char	*rich = latex_decode(latex), *plain = rich_plain(rich);
	char	*ascii = ascii_punctuation(plain);
	int	 fits = abbr_agrees(v, ascii);

	free(ascii);
	free(plain);
	free(rich);
	return fits;
}

/*
 * A file names the same venue again and again: resolve each string
 * once for each kind.  The dblp key only matters when the string itself
 * says nothing, so it is tried after the cache.
 */
void
venue_resolve(const struct venue_db *db, const char *latex,
    const char *key, enum venue_want want, struct venue_match *m)
{
	struct venue_match	*cached;
	struct search		 s;
	struct buf		 ckey = { 0 };

	buf_putc(&ckey, (char)('0' + want));
	buf_puts(&ckey, latex);
	if ((cached = strmap_get(db->cache, ckey.data)) == NULL) {
		cached = xmalloc(sizeof(*cached));
		resolve_string(db, latex, want, cached);
		strmap_put(db->cache, ckey.data, cached);
	}
	buf_free(&ckey);
	*m = *cached;
	if (m->how != VENUE_UNKNOWN || key == NULL)
		return;
	memset(&s, 0, sizeof(s));
	s.db = db;
	s.m = m;
	s.want = WANT_ANY;	/* a dblp path names one venue */
	if (try_dblp(&s, key))
		finish(&s, VENUE_DBLP);
}

/* "ICML 2026", "{ICDAR}": one word once years and the like are gone
 * (not "IEEE Micro"). */
static int
is_one_word(const char *outer)
{
	char	*key = venue_clean(outer, 0);
	int	 one = key[0] != '\0' && strchr(key, ' ') == NULL;

	free(key);
	return one;
}

/* Has a pick's key the excluded word itself (HotOS is a "Workshop")? */
static int
pick_survives(const struct pick *p, const char *excluded)
{
	return p->found != NULL && (excluded == NULL ||
	    key_has_word(p->key, excluded));
}

static void
resolve_string(const struct venue_db *db, const char *latex,
    enum venue_want want, struct venue_match *m)
{
	struct search	 s;
	struct pick	 by_name;
	struct buf	 inner = { 0 };
	char		*rich = latex_decode(latex), *decoded = rich_plain(rich);
	char		*plain = ascii_punctuation(decoded), *outer;
	const char	*excluded;

	free(decoded);
	outer = take_parentheses(plain, &inner);
	excluded = exclusion(plain);

	memset(m, 0, sizeof(*m));
	memset(&s, 0, sizeof(s));
	s.db = db;
	s.m = m;
	s.want = want;
	s.alone = !(want & WANT_STRICT) && is_one_word(outer);
	name_candidates(&s, outer, &inner);
	settle_by_abbr(&s, inner.data != NULL ? inner.data : "");
	if (pick_survives(&s.right, excluded))
		finish(&s, VENUE_NAME);
	else if (excluded != NULL && !pick_survives(&s.wrong, excluded)) {
		m->how = VENUE_EXCLUDED;
		snprintf(m->why, sizeof(m->why), "%s", excluded);
	} else {
		/* A name of the other kind yields to an abbreviation of the
		 * right one ("Automated Software Engineering, 2008. ASE
		 * 2008. 23rd IEEE/ACM International Conference on"). */
		by_name = s.wrong;
		memset(&s.right, 0, sizeof(s.right));
		memset(&s.wrong, 0, sizeof(s.wrong));
		abbr_candidates(&s, outer, inner.data ? inner.data : "");
		if (s.right.found != NULL && s.right.other == NULL &&
		    !abbr_agrees(s.right.found, outer)) {
			snprintf(m->lost, sizeof(m->lost), "%s does not fit "
			    "the name", s.right.found->abbr);
			s.right.found = NULL;
		}
		if (s.right.found != NULL)
			finish(&s, VENUE_ABBR);
		else if ((s.wrong = by_name).found != NULL)
			finish(&s, VENUE_NAME);
	}
	buf_free(&inner);
	free(outer);
	free(plain);
	free(rich);
}
