/*
 * rich.c: operations on rich text (see rich.h).
 */
#include "config.h"

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

char *
rich_slug(const char *rich)
{
	struct buf	 b = { 0 };
	char		*plain = rich_plain(rich);
	char		*folded = utf8_fold(plain);	/* "Über" is "uber" */
	const char	*s;

	for (s = folded; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '.')
			buf_putc(&b, (char)c);
		else if (c >= 'A' && c <= 'Z')
			buf_putc(&b, (char)(c - 'A' + 'a'));
		else if (!RICH_IS_MARKUP(c) && b.len > 0 &&
		    b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		buf_truncate(&b, b.len - 1);
	free(plain);
	free(folded);
	return buf_detach(&b);
}
