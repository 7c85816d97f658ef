/* SPDX-License-Identifier: ISC */
/*
 * venue_words.c: the words of venue names and the keys made of them,
 * the same for the database's names and for strings from a .bib.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "normalize/venue_db.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- cleaning ---- */

static const char *const dropped_words[] = {
	"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to",
	"with", "proceedings", "proceeding", "proc", "pp",
	/* how a main-conference paper was presented: "ICML Oral" */
	"oral", "spotlight", "highlight",
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
	"acm", "annual", "cvf", "iapr", "ieee", "ifip", "international",
	"siam", "usenix",
};

/* Words that say what kind of venue, not which one. */
static const char *const generic_words[] = {
	"conference", "conferences", "congress", "forum", "joint",
	"journal", "meeting", "series", "symposium", "transactions",
};

/* A string with one of these is not the main venue ("CHI EA" is CHI's
 * Extended Abstracts). */
static const char *const excluded_words[] = {
	"abstracts", "adjunct", "arxiv", "companion", "corr", "demo",
	"demonstration", "demonstrations", "demos", "doctoral", "ea",
	"findings", "industry", "poster", "posters", "preprint",
	"satellite", "tutorial", "tiny", "tutorials", "workshop",
	"workshops",
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

int
venue_word_in(const char *w, size_t n, enum word_class cls)
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
char *
venue_fold(const char *s)
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
	if (venue_word_in(w, n, WORD_PUBLISHER) || (n > 3 &&
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
static int
is_event_word(const char *w, size_t n)
{
	return venue_word_in(w, n, WORD_GENERIC) &&
	    !(n == 7 && memcmp(w, "journal", 7) == 0) &&
	    !(n == 12 && memcmp(w, "transactions", 12) == 0);
}

/* Shortenings that are no prefix of their word ("Intl."); the rest
 * ("Conf.", "Trans.") venue.c reads as prefixes. */
static const char *
expanded(const char *w, size_t *n)
{
	static const char *const words[][2] = {
		{ "intl", "international" }, { "natl", "national" },
	};
	size_t	 i;

	for (i = 0; i < NELEM(words); i++)
		if (strlen(words[i][0]) == *n && memcmp(w, words[i][0], *n) == 0) {
			*n = strlen(words[i][1]);
			return words[i][1];
		}
	return w;
}

/*
 * Move the key without the words that name an event ("Symposium on",
 * "Joint Meeting on") into loose when three words are left: "Principles
 * of Programming Languages" is POPL's Symposium; "Computer Vision" is no
 * conference's name.  Journal and Transactions stay: they tell apart
 * JMLR and TMLR.
 */
static void
drop_generic(struct buf *loose, struct buf *specific, size_t words)
{
	if (words < 3 || specific->len == loose->len)
		return;
	loose->len = 0;
	buf_put(loose, specific->data, specific->len);
}

void
venue_clean_words(const char *plain, struct buf *strict, struct buf *loose)
{
	char		*f = venue_fold(plain), *p = f;
	const char	*w;
	size_t		 n, nspecific = 0;
	int		 skip_next = 0;
	struct buf	 specific = { 0 };

	buf_grow(strict, strlen(f));
	while ((w = next_word(&p, &n)) != NULL) {
		w = expanded(w, &n);
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
		if (is_number_word(w, n) || venue_word_in(w, n, WORD_DROPPED))
			continue;
		put_word(strict, w, n);
		if (loose == NULL || loose_drops(w, n, p))
			continue;
		put_word(loose, w, n);
		if (!is_event_word(w, n)) {
			put_word(&specific, w, n);
			nspecific++;
		}
	}
	if (loose != NULL)
		drop_generic(loose, &specific, nspecific);
	buf_free(&specific);
	free(f);
}

char *
venue_clean(const char *plain, int loose)
{
	struct buf	 strict = { 0 }, lax = { 0 };

	venue_clean_words(plain, &strict, loose ? &lax : NULL);
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
char *
venue_abbr_key(const char *plain, int loose)
{
	char		*f = venue_fold(plain), *p = f;
	struct buf	 out = { 0 };
	const char	*w;
	size_t		 n;

	buf_grow(&out, strlen(f));
	while ((w = next_word(&p, &n)) != NULL) {
		if (is_number_word(w, n) || (loose &&
		    venue_word_in(w, n, WORD_PUBLISHER)))
			continue;
		buf_put(&out, w, n);
	}
	free(f);
	return buf_detach(&out);
}

/*
 * Does a key name something, beyond "conference", "IEEE" or a lone
 * letter ("J. ACM" without "ACM" is "j")?  Keys that do not are only
 * trusted for a whole venue string ("Proceedings of the IEEE"), never
 * for a piece of one, and never loosely.
 */
int
venue_key_has_content(const char *key)
{
	const char	*w = key, *end;
	size_t		 n;

	for (; *w != '\0'; w = *end != '\0' ? end + 1 : end) {
		end = w + strcspn(w, " ");
		n = (size_t)(end - w);
		if (n >= 3 && !venue_word_in(w, n, WORD_GENERIC | WORD_PUBLISHER))
			return 1;
	}
	return 0;
}

/* The first excluded word in a string other than skip, or NULL. */
const char *
venue_excluded_word(const char *plain, const char *skip)
{
	char		*words = venue_clean(plain, 0), *w, *save = NULL;
	const char	*found = NULL;
	size_t		 i;

	for (w = strtok_r(words, " ", &save); w != NULL && found == NULL;
	    w = strtok_r(NULL, " ", &save))
		if (venue_word_in(w, strlen(w), WORD_EXCLUDED))
			for (i = 0; i < NELEM(excluded_words); i++)
				if (strcmp(w, excluded_words[i]) == 0 &&
				    (skip == NULL || strcmp(w, skip) != 0))
					found = excluded_words[i];
	free(words);
	return found;
}
