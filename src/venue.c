/*
 * venue.c: the venue database and venue resolution.
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
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "rich.h"
#include "source.h"
#include "util.h"
#include "venue.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_SYSTEMS 8

/* What a key points to: a venue, or two (ambiguous). */
struct vkey {
	struct venue	*v;
	struct venue	*other;
	int		 user;	/* from --venues: wins over shipped keys */
};

struct venue_db {
	struct venue	**v;
	size_t		  n;
	struct strmap	 *strict;	/* clean(name, 0) -> vkey */
	struct strmap	 *loose;	/* clean(name, 1) -> vkey */
	struct strmap	 *abbrs;	/* abbr_key(, 0) -> vkey */
	struct strmap	 *abbrs_loose;	/* abbr_key(, 1) -> vkey */
	struct strmap	 *dblp;		/* "conf/icml" -> vkey */
	struct strmap	 *labels;	/* lowercase abbr -> venue */
	struct strmap	 *cache;	/* venue string -> struct venue_match */
	struct arena	  arena;	/* venues, keys: freed all at once */
	struct buf	  strict_key, loose_key;	/* index_name's */
	char		 *index;	/* bib/venues.idx, when it fits */
	char		 *index_next;	/* its next line of keys */
	struct buf	 *record;	/* venue_db_index's output */
	char		  systems[MAX_SYSTEMS][16];
	size_t		  nsystems;
};

/* ---- cleaning ---- */

static const char *const dropped_words[] = {
	"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to",
	"with", "proceedings", "proceeding", "proc", "pp",
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec",
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", "hundred", "first", "second", "third", "fourth", "fifth",
	"sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
	"twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
	"seventeenth", "eighteenth", "nineteenth", "twentieth",
	"thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
	"eightieth", "ninetieth", "hundredth",
};

/* Dropped from the loose key only. */
static const char *const publisher_words[] = {
	"acm", "annual", "cvf", "ieee", "ifip", "international", "siam",
	"usenix",
};

/* Words that say what kind of venue, not which one. */
static const char *const generic_words[] = {
	"conference", "conferences", "congress", "forum", "joint",
	"journal", "meeting", "series", "symposium", "transactions",
};

/* A string with one of these is not the main venue. */
static const char *const excluded_words[] = {
	"abstracts", "adjunct", "arxiv", "companion", "corr", "demo",
	"demonstration", "demonstrations", "demos", "doctoral", "findings",
	"poster", "posters", "preprint", "satellite", "tutorial",
	"tiny", "tutorials", "workshop", "workshops",
};

/* What a word is to venue matching; see the lists above. */
enum word_class {
	WORD_KEPT = 0,
	WORD_DROPPED = 1,
	WORD_PUBLISHER = 2,
	WORD_GENERIC = 4,
	WORD_EXCLUDED = 8
};

#define CLASS_SLOTS	512	/* a power of two, thrice the listed words */
#define CLASS_LONGEST	15	/* no listed word is longer */

static unsigned
word_hash(const char *w, size_t n)
{
	unsigned	 h = (unsigned)n;

	while (n-- > 0)
		h = h * 31 + (unsigned char)*w++;
	return h;
}

/*
 * One probe or two per word: the lists go into a fixed open-addressing
 * table the first time (it is called for every word of every venue).
 */
static enum word_class
classify(const char *w, size_t n)
{
	static const struct {
		const char *const	*list;
		size_t			 n;
		enum word_class		 cls;
	} lists[] = {
		{ dropped_words, NELEM(dropped_words), WORD_DROPPED },
		{ publisher_words, NELEM(publisher_words), WORD_PUBLISHER },
		{ generic_words, NELEM(generic_words), WORD_GENERIC },
		{ excluded_words, NELEM(excluded_words), WORD_EXCLUDED },
	};
	static struct {
		const char	*word;
		size_t		 len;
		unsigned	 cls;
	} table[CLASS_SLOTS];
	static int	 filled;
	size_t		 i, k, len;

	for (i = 0; !filled && i < NELEM(lists); i++)
		for (k = 0; k < lists[i].n; k++) {
			len = strlen(lists[i].list[k]);
			size_t s = word_hash(lists[i].list[k], len) &
			    (CLASS_SLOTS - 1);

			while (table[s].word != NULL &&
			    strcmp(table[s].word, lists[i].list[k]) != 0)
				s = (s + 1) & (CLASS_SLOTS - 1);
			table[s].word = lists[i].list[k];
			table[s].len = len;
			table[s].cls |= lists[i].cls;
		}
	filled = 1;
	if (n > CLASS_LONGEST)
		return WORD_KEPT;
	for (i = word_hash(w, n) & (CLASS_SLOTS - 1); table[i].word != NULL;
	    i = (i + 1) & (CLASS_SLOTS - 1))
		if (table[i].len == n && memcmp(table[i].word, w, n) == 0)
			return (enum word_class)table[i].cls;
	return WORD_KEPT;
}

static int
in_class(const char *w, size_t n, enum word_class cls)
{
	return (classify(w, n) & cls) != 0;
}

static int
is_number_word(const char *w, size_t n)
{
	size_t	 i = 0;

	while (i < n && isdigit((unsigned char)w[i]))
		i++;
	if (i == 0)
		return 0;
	return i == n || (n - i == 2 && (memcmp(w + i, "st", 2) == 0 ||
	    memcmp(w + i, "nd", 2) == 0 || memcmp(w + i, "rd", 2) == 0 ||
	    memcmp(w + i, "th", 2) == 0));
}

static int
is_roman(const char *w, size_t n)
{
	return n > 0 && n <= 5 && strspn(w, "ivxl") >= n;
}

/* Letters, digits, and any non-ASCII byte (Chinese titles are words). */
static int
is_word_byte(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* The next word at *p and its length, or NULL at the end. */
static const char *
next_word(char **p, size_t *n)
{
	const char	*w;

	while (**p != '\0' && !is_word_byte(**p))
		(*p)++;
	for (w = *p; is_word_byte(**p); (*p)++)
		continue;
	*n = (size_t)(*p - w);
	return *n > 0 ? w : NULL;
}

/* Lowercase without accents; ASCII takes the fast path, in one pass. */
static char *
fold(const char *s)
{
	size_t	 n = strlen(s), i;
	char	*d = xmalloc(n + 1);

	for (i = 0; i <= n; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			free(d);
			return utf8_fold(s);
		}
		d[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) : s[i];
	}
	return d;
}

/* Is this word one the loose key drops?  next: the text after it. */
static int
loose_drops(const char *w, size_t n, const char *next)
{
	if (in_class(w, n, WORD_PUBLISHER) || (n > 3 &&
	    memcmp(w, "sig", 3) == 0) || (n == 7 &&
	    memcmp(w, "society", 7) == 0))
		return 1;
	/* "IEEE Computer Society" */
	return n == 8 && memcmp(w, "computer", 8) == 0 &&
	    strncmp(next, " society", 8) == 0;
}

static void
put_word(struct buf *out, const char *w, size_t n)
{
	if (out->len > 0)
		buf_putc(out, ' ');
	buf_put(out, w, n);
}

/*
 * The words of a venue string that say which venue it is, lowercase,
 * joined by single spaces, into strict and (when not NULL) loose: there
 * publishers and "International" go too.  One pass makes both keys.
 * Hyphens separate words, so "Multi-Agent" is "multi agent".
 */
static void
clean_words(const char *plain, struct buf *strict, struct buf *loose)
{
	char		*f = fold(plain), *p = f;
	const char	*w;
	size_t		 n;
	int		 skip_next = 0;

	buf_grow(strict, strlen(f));
	while ((w = next_word(&p, &n)) != NULL) {
		if (n >= 2 && is_roman(w, n))
			continue;	/* "Robotics: Science and Systems XIX" */
		if (skip_next) {	/* "Volume 1", "Part II" */
			skip_next = 0;
			if (is_number_word(w, n) || is_roman(w, n))
				continue;
		}
		if ((n == 6 && memcmp(w, "volume", 6) == 0) ||
		    (n == 3 && memcmp(w, "vol", 3) == 0) ||
		    (n == 4 && memcmp(w, "part", 4) == 0)) {
			skip_next = 1;
			continue;
		}
		if (is_number_word(w, n) || in_class(w, n, WORD_DROPPED))
			continue;
		put_word(strict, w, n);
		if (loose != NULL && !loose_drops(w, n, p))
			put_word(loose, w, n);
	}
	free(f);
}

char *
venue_clean(const char *plain, int loose)
{
	struct buf	 strict = { 0 }, lax = { 0 };

	clean_words(plain, &strict, loose ? &lax : NULL);
	if (!loose)
		return buf_detach(&strict);
	buf_free(&strict);
	return buf_detach(&lax);
}

/*
 * An abbreviation's key: its letters and digits, without numbers (years)
 * and, when loose, without publishers: "ACM MM '23" is "acmmm", loosely
 * "mm"; "{IEEE} {INFOCOM} 2023" is loosely "infocom".
 */
static char *
abbr_key(const char *plain, int loose)
{
	char		*f = fold(plain), *p = f;
	struct buf	 out = { 0 };
	const char	*w;
	size_t		 n;

	buf_grow(&out, strlen(f));
	while ((w = next_word(&p, &n)) != NULL) {
		if (is_number_word(w, n) || (loose &&
		    in_class(w, n, WORD_PUBLISHER)))
			continue;
		buf_put(&out, w, n);
	}
	free(f);
	return buf_detach(&out);
}

/* ---- the database ---- */

struct venue_db *
venue_db_new(void)
{
	struct venue_db	*db = xcalloc(1, sizeof(*db));

	db->strict = strmap_new_borrowed();
	db->loose = strmap_new_borrowed();
	db->abbrs = strmap_new_borrowed();
	db->abbrs_loose = strmap_new_borrowed();
	db->dblp = strmap_new_borrowed();
	db->labels = strmap_new_borrowed();
	db->cache = strmap_new();
	venue_db_set_ranks(db, "ccf,thcpl");
	return db;
}

void
venue_db_free(struct venue_db *db)
{
	if (db == NULL)
		return;
	free(db->v);
	strmap_free(db->strict, NULL);
	strmap_free(db->loose, NULL);
	strmap_free(db->abbrs, NULL);
	strmap_free(db->abbrs_loose, NULL);
	strmap_free(db->dblp, NULL);
	strmap_free(db->labels, NULL);
	strmap_free(db->cache, free);
	arena_free(&db->arena);
	buf_free(&db->strict_key);
	buf_free(&db->loose_key);
	free(db->index);
	free(db);
}

size_t
venue_db_count(const struct venue_db *db)
{
	return db->n;
}

int
venue_db_set_ranks(struct venue_db *db, const char *list)
{
	char	*copy = xstrdup(list), *tok, *save = NULL;
	int	 ok = 1;

	db->nsystems = 0;
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (strcmp(tok, "none") == 0)
			continue;
		if (strlen(tok) >= sizeof(db->systems[0]) ||
		    db->nsystems == MAX_SYSTEMS) {
			ok = 0;
			break;
		}
		strcpy(db->systems[db->nsystems++], tok);
	}
	free(copy);
	return ok;
}

/*
 * kept: the key lives as long as db (in its index), so it goes into the
 * map as it is, in one probe; else it is copied.
 */
static void
put_key(struct venue_db *db, struct strmap *m, const char *key,
    struct venue *v, int user, int kept)
{
	struct vkey	*k, **slot = NULL;

	if (key[0] == '\0')
		return;
	if (kept)
		k = *(slot = (struct vkey **)strmap_slot(m, key));
	else
		k = strmap_get(m, key);
	if (k == NULL) {
		k = arena_alloc(&db->arena, sizeof(*k));
		k->v = v;
		k->other = NULL;
		k->user = user;
		if (slot != NULL)
			*slot = k;
		else
			strmap_put(m, arena_strdup(&db->arena, key), k);
	} else if (k->v == v)
		return;
	else if (user && !k->user) {
		k->v = v;	/* --venues overrides what we ship */
		k->other = NULL;
		k->user = 1;
	} else if (k->other == NULL)
		k->other = v;
}

static int
is_abbreviation(const char *s)
{
	size_t	 upper = 0;

	if (strchr(s, ' ') != NULL && strlen(s) > 12)
		return 0;
	for (; *s != '\0'; s++)
		upper += isupper((unsigned char)*s) != 0;
	return upper >= 2;
}

static int	has_content(const char *);

/* Remember the words of a venue's names (for the abbreviation check). */
static void
add_words(struct venue_db *db, struct venue *v, const char *key)
{
	size_t	 old = v->words != NULL ? strlen(v->words) : 0;
	size_t	 n = strlen(key);
	char	*w = arena_alloc(&db->arena, old + n + 2);

	if (old > 0) {
		memcpy(w, v->words, old);
		w[old++] = ' ';
	}
	memcpy(w + old, key, n + 1);
	v->words = w;
}

/* The keys of one name: empty where there is none to index. */
struct name_keys {
	const char	*strict, *loose, *abbr, *abbr_loose;
};

static void
make_keys(struct venue_db *db, const char *name, struct name_keys *k,
    char **abbrs)
{
	struct buf	*strict = &db->strict_key, *loose = &db->loose_key;

	buf_truncate(strict, 0);
	buf_truncate(loose, 0);
	clean_words(name, strict, loose);
	k->strict = strict->len > 0 ? strict->data : "";
	k->loose = loose->len > 0 && has_content(loose->data) ?
	    loose->data : "";
	abbrs[0] = is_abbreviation(name) ? abbr_key(name, 0) : NULL;
	abbrs[1] = abbrs[0] != NULL ? abbr_key(name, 1) : NULL;
	k->abbr = abbrs[0] != NULL ? abbrs[0] : "";
	k->abbr_loose = abbrs[1] != NULL ? abbrs[1] : "";
}

/*
 * The next line of bib/venues.idx: the name, then its four keys, tab
 * separated.  A line that does not fit ends the index's use; the
 * rest is made here.
 */
static int
indexed_keys(struct venue_db *db, const char *name, struct name_keys *k)
{
	char	*col[5], *p = db->index_next, *end;
	size_t	 n;

	if (p == NULL || (end = strchr(p, '\n')) == NULL)
		goto unusable;
	*end = '\0';
	for (n = 0; n < 5 && p != NULL; n++) {
		col[n] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = '\0';
	}
	if (n != 5 || p != NULL || strcmp(col[0], name) != 0)
		goto unusable;
	k->strict = col[1];
	k->loose = col[2];
	k->abbr = col[3];
	k->abbr_loose = col[4];
	db->index_next = end + 1;
	return 1;
unusable:
	db->index_next = NULL;
	return 0;
}

static void
record_keys(struct buf *out, const char *name, const struct name_keys *k)
{
	buf_printf(out, "%s\t%s\t%s\t%s\t%s\n", name, k->strict, k->loose,
	    k->abbr, k->abbr_loose);
}

/* Index one name of a venue under all its keys. */
static void
index_name(struct venue_db *db, struct venue *v, const char *name,
    int user)
{
	struct name_keys k;
	char		*abbrs[2] = { NULL, NULL };
	int		 kept = indexed_keys(db, name, &k);

	if (!kept)
		make_keys(db, name, &k, abbrs);
	if (db->record != NULL)
		record_keys(db->record, name, &k);
	if (k.strict[0] != '\0') {
		add_words(db, v, k.strict);
		put_key(db, db->strict, k.strict, v, user, kept);
	}
	put_key(db, db->loose, k.loose, v, user, kept);
	put_key(db, db->abbrs, k.abbr, v, user, kept);
	put_key(db, db->abbrs_loose, k.abbr_loose, v, user, kept);
	free(abbrs[0]);
	free(abbrs[1]);
}

static int
parse_ranks(struct venue *v, char *s)
{
	char	*tok, *save = NULL, *colon;

	v->nranks = 0;
	if (strcmp(s, "-") == 0)
		return 1;
	for (tok = strtok_r(s, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		colon = strchr(tok, ':');
		if (colon == NULL || v->nranks == VENUE_MAX_RANKS ||
		    (size_t)(colon - tok) >= sizeof(v->ranks[0].system) ||
		    strlen(colon + 1) >= sizeof(v->ranks[0].cls) ||
		    colon == tok || colon[1] == '\0')
			return 0;
		*colon = '\0';
		strcpy(v->ranks[v->nranks].system, tok);
		strcpy(v->ranks[v->nranks].cls, colon + 1);
		v->nranks++;
	}
	return 1;
}

/* The venue a row describes: an existing one (by label) or a new one. */
static struct venue *
venue_for_row(struct venue_db *db, const char *abbr, int user)
{
	char		*label = fold(abbr);
	struct venue	*v = user ? strmap_get(db->labels, label) : NULL;

	if (v == NULL) {
		v = memset(arena_alloc(&db->arena, sizeof(*v)), 0, sizeof(*v));
		v->abbr = arena_strdup(&db->arena, abbr);
		db->v = xreallocarray(db->v, db->n + 1, sizeof(*db->v));
		db->v[db->n++] = v;
		strmap_put(db->labels, arena_strdup(&db->arena, label), v);
	}
	free(label);
	return v;
}

/* One line: abbr kind ranks name aliases dblp. */
static int
load_row(struct venue_db *db, char *line, int user)
{
	char		*col[6], *tok, *save = NULL;
	struct venue	*v, tmp;
	size_t		 n = 0;

	for (col[n++] = line; n < 6 && (tok = strchr(col[n - 1], '\t'));
	    col[n++] = tok + 1)
		*tok = '\0';
	if (n != 6 || strchr(col[5], '\t') != NULL || col[0][0] == '\0' ||
	    strcmp(col[0], "-") == 0)
		return 0;
	if (strcmp(col[1], "journal") != 0 &&
	    strcmp(col[1], "conference") != 0 && strcmp(col[1], "-") != 0)
		return 0;
	memset(&tmp, 0, sizeof(tmp));
	if (!parse_ranks(&tmp, col[2]))
		return 0;
	v = venue_for_row(db, col[0], user);
	if (strcmp(col[1], "-") != 0)
		v->journal = strcmp(col[1], "journal") == 0;
	if (strcmp(col[2], "-") != 0 || v->name == NULL) {
		memcpy(v->ranks, tmp.ranks, sizeof(tmp.ranks));
		v->nranks = tmp.nranks;
	}
	if (strcmp(col[3], "-") != 0) {
		v->name = arena_strdup(&db->arena, col[3]);
		index_name(db, v, col[3], user);
	} else if (v->name == NULL)
		v->name = arena_strdup(&db->arena, col[0]);
	index_name(db, v, col[0], user);
	if (strcmp(col[4], "-") != 0)
		for (tok = col[4]; tok != NULL; ) {
			char	*bar = strstr(tok, " | ");

			if (bar != NULL)
				*bar = '\0';
			index_name(db, v, tok, user);
			tok = bar != NULL ? bar + 3 : NULL;
		}
	if (strcmp(col[5], "-") != 0)
		for (tok = strtok_r(col[5], " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save))
			put_key(db, db->dblp, tok, v, user, 0);
	return 1;
}

/* Size the maps for a file's rows at once, rather than grow them. */
static void
reserve(struct venue_db *db, const char *text)
{
	size_t	 rows = 0;

	for (; (text = strchr(text, '\n')) != NULL; text++)
		rows++;
	rows += strmap_count(db->labels);
	strmap_reserve(db->strict, 3 * rows);
	strmap_reserve(db->loose, 3 * rows);
	strmap_reserve(db->abbrs, 2 * rows);
	strmap_reserve(db->abbrs_loose, 2 * rows);
	strmap_reserve(db->dblp, rows);
	strmap_reserve(db->labels, rows);
}

/* A file's bytes, or NULL without a word: the index is optional. */
static char *
read_quietly(const char *path)
{
	int	 fd = open(path, O_RDONLY | O_CLOEXEC);
	char	*text;
	size_t	 len;

	if (fd == -1)
		return NULL;
	text = source_read_fd(fd, &len);
	close(fd);
	return text;
}

#define INDEX_HEADER	"bib2pubs venue index 1 %016llx\n"

/*
 * Use X.idx for X.tsv when its first line names the hash of this very
 * text: then no name is cleaned at start-up (see "make venue-index").
 */
static void
open_index(struct venue_db *db, const char *path, const char *text)
{
	size_t	 n = strlen(path);
	char	*idx, header[64];

	if (n < 4 || strcmp(path + n - 4, ".tsv") != 0)
		return;
	idx = xstrdup(path);
	memcpy(idx + n - 4, ".idx", 4);
	db->index = read_quietly(idx);
	free(idx);
	snprintf(header, sizeof(header), INDEX_HEADER,
	    (unsigned long long)hash64(text));
	if (db->index != NULL && strncmp(db->index, header,
	    strlen(header)) == 0)
		db->index_next = db->index + strlen(header);
}

int
venue_db_load(struct venue_db *db, const char *path, int user)
{
	struct source	 src;
	char		*line, *next;
	int		 lineno = 0, ok = 1;

	if (!source_load(&src, path))
		return 0;
	if (db->record != NULL)
		buf_printf(db->record, INDEX_HEADER,
		    (unsigned long long)hash64(src.text));
	else if (!user && db->index == NULL)
		open_index(db, path, src.text);
	reserve(db, src.text);
	for (line = src.text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		if (!load_row(db, line, user)) {
			msg(user ? MSG_USAGE : MSG_ERROR, src.name, lineno,
			    "expected six tab-separated columns: abbr, kind "
			    "(conference, journal or -), ranks (ccf:A ... or "
			    "-), name, aliases, dblp");
			ok = 0;
		}
	}
	db->index_next = NULL;	/* its keys are for this file only */
	source_free(&src);
	return ok;
}

char *
venue_db_index(const char *path)
{
	struct venue_db	*db = venue_db_new();
	struct buf	 out = { 0 };
	int		 ok;

	db->record = &out;
	ok = venue_db_load(db, path, 0);
	venue_db_free(db);
	if (!ok)
		buf_free(&out);
	return out.data;
}

/* ---- resolving ---- */

struct search {
	const struct venue_db	*db;
	struct venue_match	*m;
	const struct venue	*found;
	const struct venue	*other;
	char			 key[128];
	const char		*whole;		/* the whole venue string */
};

/*
 * Does a key name something, beyond "conference", "IEEE" or a lone
 * letter ("J. ACM" without "ACM" is "j")?  Keys that do not are only
 * trusted for a whole venue string ("Proceedings of the IEEE"), never
 * for a piece of one, and never loosely.
 */
static int
has_content(const char *key)
{
	const char	*w = key, *end;
	size_t		 n;

	for (; *w != '\0'; w = *end != '\0' ? end + 1 : end) {
		end = w + strcspn(w, " ");
		n = (size_t)(end - w);
		if (n >= 3 && !in_class(w, n, WORD_GENERIC | WORD_PUBLISHER))
			return 1;
	}
	return 0;
}

/* One candidate: strict key, then loose key. */
static void
try_name(struct search *s, const char *candidate, int whole)
{
	const struct vkey	*k = NULL;
	char			*key;
	int			 loose;

	for (loose = 0; loose < 2 && k == NULL; loose++) {
		key = venue_clean(candidate, loose);
		k = key[0] != '\0' && (has_content(key) ||
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
		key = abbr_key(candidate, loose);
		/* A publisher alone ("IEEE") names no venue. */
		if (key[0] != '\0' && !in_class(key, strlen(key),
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
 * corpus's venues have up to 11; each prefix costs its length, so a
 * venue of 25,000 commas (100 KB) tried them all in 35 s.
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

/* The first excluded word in a string, or NULL. */
static const char *
excluded_word(const char *plain)
{
	char		*words = venue_clean(plain, 0), *w, *save = NULL;
	const char	*found = NULL;
	size_t		 i;

	for (w = strtok_r(words, " ", &save); w != NULL && found == NULL;
	    w = strtok_r(NULL, " ", &save))
		if (in_class(w, strlen(w), WORD_EXCLUDED))
			for (i = 0; i < NELEM(excluded_words); i++)
				if (strcmp(w, excluded_words[i]) == 0)
					found = excluded_words[i];
	free(words);
	return found;
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
		if (strlen(w) < 3 || in_class(w, strlen(w), WORD_GENERIC) ||
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
	excluded = excluded_word(plain);

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

char *
venue_rank_label(const struct venue_db *db, const struct venue *v)
{
	struct buf	 b = { 0 };
	size_t		 i, k;
	const char	*p;

	for (i = 0; i < db->nsystems; i++)
		for (k = 0; k < v->nranks; k++) {
			if (strcmp(db->systems[i], v->ranks[k].system) != 0)
				continue;
			if (strcmp(v->ranks[k].system, "thcpl") == 0)
				buf_puts(&b, "TH-CPL");
			else
				for (p = v->ranks[k].system; *p; p++)
					buf_putc(&b, (char)toupper(
					    (unsigned char)*p));
			buf_printf(&b, "-%s", v->ranks[k].cls);
			return buf_detach(&b);
		}
	return NULL;
}
