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

#include "base/msg.h"
#include "base/util.h"
#include "normalize/venue.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- resolving ---- */

struct search {
	const struct venue_db	*db;
	struct venue_match	*m;
	const struct venue	*found;
	const struct venue	*other;
	char			 key[128];
	const char		*whole;		/* the whole venue string */
};

/* One candidate: strict key, then loose key. */
static void
try_name(struct search *s, const char *candidate, int whole)
{
	const struct vkey	*k = NULL;
	char			*key;
	int			 loose;

	for (loose = 0; loose < 2 && k == NULL; loose++) {
		key = venue_clean(candidate, loose);
		k = key[0] != '\0' && (venue_key_has_content(key) ||
		    (whole && !loose)) ? strmap_get(loose ? s->db->loose :
		    s->db->strict, key) : NULL;
		if (k != NULL && s->found == NULL)
			snprintf(s->key, sizeof(s->key), "%s", key);
		free(key);
	}
	if (k == NULL)
		return;
	if (k->other != NULL) {
		s->found = k->v;
		s->other = k->other;
	} else if (s->found == NULL)
		s->found = k->v;
	else if (s->found != k->v && s->other == NULL)
		s->other = k->v;
}

static void
try_abbr(struct search *s, const char *candidate)
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
		if (k != NULL && s->found == NULL)
			snprintf(s->key, sizeof(s->key), "%s", key);
		free(key);
	}
	if (k == NULL)
		return;
	if (s->found == NULL)
		s->found = k->v;
	if (k->other != NULL)
		s->other = k->other;
	else if (s->found != k->v && s->other == NULL)
		s->other = k->v;
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
 * Where a segment ends: at a comma, colon or semicolon, or a dash set
 * off by spaces ("Computer Vision -- ECCV 2020").  Returns its length;
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
static void
name_candidates(struct search *s, const char *outer, struct buf *abbrs)
{
	const char	*p, *next, *colon = strchr(outer, ':');
	size_t		 len, n;

	s->whole = outer;
	try_name_part(s, outer, strlen(outer), abbrs);
	for (p = outer, n = 0; *p != '\0' && n < PREFIX_SEGMENTS; p = next,
	    n++) {
		len = segment(p, &next);
		if (*next != '\0' || p != outer)
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

static void
finish(struct search *s, enum venue_how how)
{
	struct venue_match *m = s->m;

	if (s->other != NULL) {
		m->how = VENUE_AMBIGUOUS;
		m->venue = s->found;
		m->other = s->other;
	} else {
		m->how = how;
		m->venue = s->found;
	}
	snprintf(m->why, sizeof(m->why), "%s", s->key);
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
	if (k != NULL) {
		s->found = k->v;
		s->other = k->other;
		snprintf(s->key, sizeof(s->key), "%s", path);
	}
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
		    struct venue_match *);

/* Typographic punctuation from LaTeX ligatures, back to ASCII. */
static void
ascii_punctuation(char *s)
{
	static const struct {
		const char	*from;
		char		 to;
	} map[] = { { "\xe2\x80\x98", '\'' }, { "\xe2\x80\x99", '\'' },
	    { "\xe2\x80\x9c", '"' }, { "\xe2\x80\x9d", '"' },
	    { "\xe2\x80\x93", '-' }, { "\xe2\x80\x94", '-' },
	    { "\xc2\xa0", ' ' } };
	char	*d = s;
	size_t	 i, n;

	while (*s != '\0') {
		for (i = 0; i < NELEM(map); i++) {
			n = strlen(map[i].from);
			if (strncmp(s, map[i].from, n) == 0)
				break;
		}
		if (i < NELEM(map)) {
			*d++ = map[i].to;
			s += n;
		} else
			*d++ = *s++;
	}
	*d = '\0';
}

/*
 * A file names the same venue again and again: resolve each string
 * once.  The dblp key only matters when the string itself says nothing,
 * so it is tried after the cache.
 */
void
venue_resolve(const struct venue_db *db, const char *latex,
    const char *key, struct venue_match *m)
{
	struct venue_match	*cached = strmap_get(db->cache, latex);
	struct search		 s;

	if (cached == NULL) {
		cached = xmalloc(sizeof(*cached));
		resolve_string(db, latex, cached);
		strmap_put(db->cache, latex, cached);
	}
	*m = *cached;
	if (m->how != VENUE_UNKNOWN || key == NULL)
		return;
	memset(&s, 0, sizeof(s));
	s.db = db;
	s.m = m;
	if (try_dblp(&s, key))
		finish(&s, VENUE_DBLP);
}

static void
resolve_string(const struct venue_db *db, const char *latex,
    struct venue_match *m)
{
	struct search	 s;
	struct buf	 inner = { 0 };
	char		*rich = latex_decode(latex), *plain = rich_plain(rich);
	char		*outer;
	const char	*excluded;

	ascii_punctuation(plain);
	outer = take_parentheses(plain, &inner);
	excluded = venue_excluded_word(plain);

	memset(m, 0, sizeof(*m));
	memset(&s, 0, sizeof(s));
	s.db = db;
	s.m = m;
	name_candidates(&s, outer, &inner);
	if (s.found != NULL && !(excluded && !key_has_word(s.key, excluded)))
		finish(&s, VENUE_NAME);
	else if (excluded != NULL) {
		m->how = VENUE_EXCLUDED;
		snprintf(m->why, sizeof(m->why), "%s", excluded);
	} else {
		memset(&s, 0, sizeof(s));
		s.db = db;
		s.m = m;
		abbr_candidates(&s, outer, inner.data ? inner.data : "");
		if (s.found != NULL && s.other == NULL &&
		    !abbr_agrees(s.found, outer)) {
			m->how = VENUE_UNKNOWN;
			snprintf(m->why, sizeof(m->why), "%s does not fit the "
			    "name", s.found->abbr);
		} else if (s.found != NULL)
			finish(&s, VENUE_ABBR);
	}
	buf_free(&inner);
	free(outer);
	free(plain);
	free(rich);
}

