/* SPDX-License-Identifier: ISC */
/*
 * rich.c: operations on rich text (see rich.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/util.h"
#include "text/rich.h"

char *
rich_plain(const char *s)
{
	struct buf	 b = { 0 };

	buf_grow(&b, strlen(s));
	for (; *s != '\0'; s++)
		if (!RICH_IS_MARKUP(*s))
			buf_putc(&b, *s);
	return buf_detach(&b);
}

int
rich_is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && !RICH_IS_MARKUP(*s))
			return 0;
	return 1;
}

/* Words a title keeps in lowercase unless they come first. */
static int
is_minor_word(const char *p)
{
	static const char *const minor[] = { "a", "an", "and", "as", "at",
	    "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to",
	    "via", "vs", "with" };
	size_t	 i, n;

	for (n = 0; p[n] >= 'a' && p[n] <= 'z'; n++)
		continue;
	for (i = 0; i < sizeof(minor) / sizeof(minor[0]); i++)
		if (strlen(minor[i]) == n && strncmp(p, minor[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Change case outside {protected} runs and math.  Sentence case also
 * capitalizes after a colon, as BibTeX's "t" style leaves it alone.
 */
char *
rich_change_case(const char *s, enum rich_case mode)
{
	struct buf	 b = { 0 };
	int		 kept = 0, word_start = 1, sentence_start = 1;
	int		 cp, n, first_word = 1;
	char		 u[4];

	buf_grow(&b, strlen(s));
	while (*s != '\0') {
		if (RICH_IS_MARKUP(*s)) {
			if (*s == RICH_KEEP_ON || *s == RICH_MATH_ON)
				kept++;
			else if ((*s == RICH_KEEP_OFF ||
			    *s == RICH_MATH_OFF) && kept > 0)
				kept--;
			buf_putc(&b, *s++);
			continue;
		}
		n = utf8_decode(s, strnlen(s, 4), &cp);
		if (n == 0) {
			buf_putc(&b, *s++);
			continue;
		}
		if (kept == 0 && utf8proc_isupper(cp) | utf8proc_islower(cp)) {
			switch (mode) {
			case CASE_LOWER:
				cp = utf8proc_tolower(cp);
				break;
			case CASE_UPPER:
				cp = utf8proc_toupper(cp);
				break;
			case CASE_SENTENCE:
				cp = sentence_start ? utf8proc_toupper(cp) :
				    utf8proc_tolower(cp);
				break;
			case CASE_TITLE:
				if (word_start && (first_word ||
				    !is_minor_word(s)))
					cp = utf8proc_toupper(cp);
				break;
			}
		}
		if (utf8proc_isupper(cp) | utf8proc_islower(cp) ||
		    (cp >= '0' && cp <= '9')) {
			if (word_start)
				first_word = 0;
			word_start = sentence_start = 0;
		} else if (cp == ' ' || cp == '-' || cp == 0xa0)
			word_start = 1;
		else if (cp == ':' || cp == '.' || cp == '?' || cp == '!')
			sentence_start = word_start = first_word = 1;
		buf_put(&b, u, utf8_encode(cp, u));
		s += n;
	}
	return buf_detach(&b);
}

char *
rich_add_period(const char *s)
{
	struct buf	 b = { 0 };
	size_t		 n = strlen(s);

	buf_puts(&b, s);
	while (n > 0 && (RICH_IS_MARKUP(s[n - 1]) || s[n - 1] == ' '))
		n--;
	if (n > 0 && strchr(".?!", s[n - 1]) == NULL)
		buf_putc(&b, '.');
	return buf_detach(&b);
}

/*
 * The length of the character at s (past ASCII) if it is a letter or
 * a digit; minus its length if it is not; 0 if it is no UTF-8.
 */
static int
is_word_char(const char *s)
{
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	utf8proc_category_t	 cat;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0)
		return 0;
	cat = utf8proc_category(cp);
	if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
		return (int)n;
	return -(int)n;
}

/*
 * A slug past SLUG_MAX bytes is cut at a whole character and ends in a
 * hash of the whole, so two long keys stay two, and a folder named by
 * it (Jekyll's permalink) fits the file system's 255 bytes.
 */
#define SLUG_MAX	100

static void
cut_slug(struct buf *b)
{
	uint64_t	 h;
	size_t		 n;

	if (b->len <= SLUG_MAX)
		return;
	h = hash_bytes(b->data, b->len);
	n = utf8_cut(b->data, SLUG_MAX - 9);
	while (n > 0 && (b->data[n - 1] == '-' || b->data[n - 1] == '.'))
		n--;
	buf_truncate(b, n);
	buf_printf(b, "-%08lx", (unsigned long)(h & 0xffffffffu));
}

char *
rich_slug(const char *rich)
{
	struct buf	 b = { 0 };
	char		*plain = rich_plain(rich);
	char		*folded = utf8_fold(plain);	/* "Über" is "uber" */
	const char	*s;
	size_t		 n;

	for (s = folded; *s != '\0'; s += n) {
		unsigned char c = (unsigned char)*s;
		int k = c >= 0x80 ? is_word_char(s) : 0;

		n = k != 0 ? (size_t)(k > 0 ? k : -k) : 1;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_')
			buf_putc(&b, (char)c);
		else if (c == '.') {	/* never "..": no path climbs */
			if (b.len > 0 && strchr("-.", b.data[b.len - 1]) ==
			    NULL)
				buf_putc(&b, '.');
		}
		else if (c >= 'A' && c <= 'Z')
			buf_putc(&b, (char)(c - 'A' + 'a'));
		else if (k > 0)
			buf_put(&b, s, n);	/* 宪, 软件: kept, as URLs may */
		else if (!RICH_IS_MARKUP(c) && b.len > 0 &&
		    b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	/* "Title." would make "title..md" of a file name. */
	while (b.len > 0 && (b.data[b.len - 1] == '-' ||
	    b.data[b.len - 1] == '.'))
		buf_truncate(&b, b.len - 1);
	cut_slug(&b);
	free(plain);
	free(folded);
	return buf_detach(&b);
}

/* The code point an HTML entity at s ("&nbsp;", "&#8211;", "&#x2013;")
 * stands for, and its length in *n; -1 if s starts none. */
static int
entity_at(const char *s, size_t *n)
{
	static const struct {
		const char	*name;
		int		 cp;
	} names[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0xa0 }, { "ndash", 0x2013 },
		{ "mdash", 0x2014 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
		{ "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
		{ "copy", 0xa9 }, { "reg", 0xae }, { "trade", 0x2122 },
		{ "times", 0xd7 }, { "deg", 0xb0 },
	};
	const char	*end = strchr(s, ';');
	char		*stop;
	long		 cp;
	size_t		 i, len;

	if (end == NULL || (len = (size_t)(end - s - 1)) == 0 || len > 8)
		return -1;
	*n = len + 2;
	if (s[1] == '#') {
		cp = s[2] == 'x' || s[2] == 'X' ? strtol(s + 3, &stop, 16) :
		    strtol(s + 2, &stop, 10);
		return stop == end && cp > 0x1f && cp <= 0x10ffff &&
		    !(cp >= 0xd800 && cp <= 0xdfff) ? (int)cp : -1;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len &&
		    memcmp(names[i].name, s + 1, len) == 0)
			return names[i].cp;
	return -1;
}

size_t
rich_decode_entities(char *s, size_t len)
{
	char	*from, *to, *end = s + len;
	size_t	 n;
	int	 cp;

	if (memchr(s, '&', len) == NULL)
		return len;
	for (from = to = s; from < end; ) {
		if (*from == '&' && (cp = entity_at(from, &n)) >= 0) {
			to += utf8_encode(cp, to);
			from += n;
		} else
			*to++ = *from++;
	}
	*to = '\0';
	return (size_t)(to - s);
}
