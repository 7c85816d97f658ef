/* SPDX-License-Identifier: ISC */
/*
 * duplicates.c: the same work under a second key -- the same DOI and
 * title, or the same title and year -- is merged into the first, with
 * a warning.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/util.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "text/ids.h"
#include "text/names.h"
#include "text/rich.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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

/* A title's letters and digits, folded: "attentionisall…"; NULL if none. */
static char *
title_letters_of(const struct entry *e, int *words)
{
	const char	*title = entry_get(e, "title");
	char		*rich;
	struct buf	 b = { 0 };

	if (title == NULL)
		return NULL;
	rich = latex_decode(title);
	if ((*words = ascii_title_letters(rich, &b)) < 0)
		*words = title_letters(rich, &b);
	free(rich);
	return b.data;
}

/*
 * Title letters and the year: "attentionisall…|2017".  Titles of fewer
 * than three words ("Calendar", "Preface") say too little to call two
 * entries one work.
 */
static char *
title_key(const struct entry *e)
{
	const char	*year = entry_get(e, "year");
	char		*letters;
	struct buf	 b = { 0 };
	int		 words = 0;

	if (year == NULL || (letters = title_letters_of(e, &words)) == NULL)
		return NULL;
	if (words < 3) {
		free(letters);
		return NULL;
	}
	b.data = letters;
	b.len = b.cap = strlen(letters);
	buf_putc(&b, '|');
	buf_puts(&b, year);	/* puts, not printf: titles are long */
	return b.data;
}

/*
 * Do two entries of one DOI have one title (or one has none)?  A DOI
 * copied from the entry above is a common slip; two titles are two
 * works whatever their DOI says.
 */
static int
same_title(const struct entry *a, const struct entry *b)
{
	char	*x, *y;
	int	 words, same;

	x = title_letters_of(a, &words);
	y = title_letters_of(b, &words);
	same = x == NULL || y == NULL || x[0] == '\0' || y[0] == '\0' ||
	    strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
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
	static const char *const place[] = { "pages", "volume", "number",
	    "note" };
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
		if (entry_field(first, dup->fields[i].name) == NULL)
			entry_set(l, first, dup->fields[i].name,
			    dup->fields[i].value, dup->fields[i].line);
	dup->hidden = 1;
}

/* The DOI of an entry, for comparing: see doi_key(). */
static char *
doi_key_of(const struct entry *e)
{
	const char	*doi = entry_get(e, "doi");
	char		*url, *k;

	if (doi == NULL || doi[0] == '\0')
		return NULL;
	url = latex_url(doi);
	k = doi_key(url);
	free(url);
	return k;
}

/*
 * The entry first seen under e's key of this kind, or NULL (and e is
 * remembered under it).  The map owns copies of the keys.
 */
static struct entry *
seen_before(struct strmap *seen, struct entry *e,
    char *(*key_of)(const struct entry *))
{
	char		*k = key_of(e);
	struct entry	*first = NULL;

	if (k == NULL)
		return NULL;
	if ((first = strmap_get(seen, k)) == NULL)
		strmap_put(seen, k, e);
	free(k);
	return first;
}

void
normalize_duplicates(struct entry_list *l)
{
	struct strmap	*dois = strmap_new(), *titles = strmap_new();
	struct entry	*e, *first;
	size_t		 i;

	strmap_reserve(dois, l->n);
	strmap_reserve(titles, l->n);
	for (i = 0; i < l->n; i++) {
		e = l->v[i];
		if (e->hidden)
			continue;
		if ((first = seen_before(dois, e, doi_key_of)) != NULL) {
			if (same_title(first, e)) {
				merge_into(l, first, e, "same DOI");
				continue;
			}
			msg(MSG_WARNING, e->file, e->line, "'%s' has the DOI "
			    "of '%s' (%s:%d) but another title: both are kept; "
			    "is its doi right?", e->key, first->key,
			    first->file, first->line);
		}
		first = seen_before(titles, e, title_key);
		if (first != NULL && same_work(first, e))
			merge_into(l, first, e, "same title and year");
	}
	strmap_free(dois, NULL);
	strmap_free(titles, NULL);
}
