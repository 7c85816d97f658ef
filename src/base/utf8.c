/* SPDX-License-Identifier: ISC */
/*
 * utf8.c: UTF-8 helpers.  Unicode tables come from utf8proc; this file
 * only adapts its interface to ours.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/util.h"

int
utf8_decode(const char *s, size_t len, int *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &c);
	if (n <= 0)
		return 0;
	*cp = c;
	return (int)n;
}

size_t
utf8_encode(int cp, char out[4])
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t
utf8_width(const char *s, size_t len)
{
	size_t	 w = 0, i = 0;
	int	 cp, n, cw;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {	/* printable ASCII */
			i++;
			w++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			w++;
			continue;
		}
		i += (size_t)n;
		cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
	}
	return w;
}

/*
 * Letters that carry their "accent" in the base glyph have no Unicode
 * decomposition, so stripping marks leaves them alone; readers still
 * consider "Łukasz" and "Lukasz" the same name.
 */
static const struct {
	const char	*from, *to;
} unfolded[] = {
	{ "ł", "l" }, { "ø", "o" }, { "đ", "d" }, { "ð", "d" },
	{ "ı", "i" }, { "ȷ", "j" }, { "æ", "ae" }, { "œ", "oe" },
	{ "þ", "th" },
};

char *
utf8_fold(const char *s)
{
	utf8proc_uint8_t	*out = NULL;
	struct buf		 b = { 0 };
	const char		*p;
	size_t			 i, n;

	/* ASCII, the common case, needs no Unicode tables. */
	for (p = s; *p != '\0' && (unsigned char)*p < 0x80; p++)
		continue;
	if (*p == '\0')
		return ascii_lower(xstrdup(s));
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	    UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0)
		return xstrdup(s);
	for (p = (const char *)out; *p != '\0'; ) {
		for (i = 0; i < sizeof(unfolded) / sizeof(unfolded[0]); i++) {
			n = strlen(unfolded[i].from);
			if (strncmp(p, unfolded[i].from, n) == 0)
				break;
		}
		if (i < sizeof(unfolded) / sizeof(unfolded[0])) {
			buf_puts(&b, unfolded[i].to);
			p += n;
		} else
			buf_putc(&b, *p++);
	}
	free(out);
	return buf_detach(&b);
}

char *
ascii_lower(char *s)
{
	char	*p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

size_t
utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}
