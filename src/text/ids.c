/* SPDX-License-Identifier: ISC */
/*
 * ids.c: DOIs, arXiv ids and months, as .bib files write them.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "text/ids.h"

/* s with prefix p (any case) taken off, or NULL if it has none. */
static const char *
after(const char *s, const char *p)
{
	size_t	 n = strlen(p);

	return strncasecmp(s, p, n) == 0 ? s + n : NULL;
}

/* Past "http://" or "https://", or NULL. */
static const char *
after_scheme(const char *s)
{
	const char	*r;

	if ((r = after(s, "https://")) == NULL)
		r = after(s, "http://");
	return r;
}

const char *
doi_plain(const char *s)
{
	static const char *const hosts[] = { "doi.org/", "dx.doi.org/",
	    "www.doi.org/" };
	const char	*r, *host;
	size_t		 i;

	if ((r = after(s, "doi:")) != NULL)
		s = r + strspn(r, " ");
	else if ((host = after_scheme(s)) != NULL) {
		for (i = 0, r = NULL; r == NULL && i < 3; i++)
			r = after(host, hosts[i]);
		if (r == NULL)
			return NULL;	/* a link, but not to a DOI */
		s = r;
	}
	return s[0] != '\0' ? s : NULL;
}

char *
doi_url(const char *s)
{
	const char	*doi = doi_plain(s);
	struct buf	 b = { 0 };

	if (doi == NULL)
		return xstrdup(s);
	buf_puts(&b, "https://doi.org/");
	buf_puts(&b, doi);
	return buf_detach(&b);
}

char *
doi_key(const char *s)
{
	const char	*doi = doi_plain(s);

	return ascii_lower(xstrdup(doi != NULL ? doi : s));
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
percent_byte(const char *s)
{
	if (s[0] != '%' || hex_value((unsigned char)s[1]) < 0 ||
	    hex_value((unsigned char)s[2]) < 0)
		return -1;
	return hex_value((unsigned char)s[1]) * 16 +
	    hex_value((unsigned char)s[2]);
}

/*
 * s into b with %-escapes of letters, digits and "-._~" decoded, which
 * RFC 3986 calls the same URL, and of '/' too in a DOI: "10.1111%2Fgcb"
 * and "10.1111/gcb" resolve to one page.  Other escapes stay.
 */
static void
put_unescaped(struct buf *b, const char *s, int slash)
{
	int	 c;

	for (; *s != '\0'; s++) {
		if ((c = percent_byte(s)) >= 0) {
			if (isalnum(c) || (c != '\0' && strchr("-._~", c) !=
			    NULL) || (slash && c == '/')) {
				buf_putc(b, (char)c);
				s += 2;
				continue;
			}
		}
		buf_putc(b, *s);
	}
}

char *
link_key(const char *url)
{
	const char	*doi = doi_plain(url), *rest, *host;
	struct buf	 b = { 0 };
	size_t		 hostlen;

	if (doi != NULL && doi != url) {
		buf_puts(&b, "doi:");
		put_unescaped(&b, doi, 1);
		return ascii_lower(buf_detach(&b));
	}
	if ((rest = after_scheme(url)) == NULL)
		return xstrdup(url);
	host = after(rest, "www.") != NULL ? rest + 4 : rest;
	hostlen = strcspn(host, "/?#");
	buf_put(&b, host, hostlen);
	ascii_lower(b.data);
	put_unescaped(&b, host + hostlen, 0);
	while (b.len > 0 && b.data[b.len - 1] == '/')
		b.data[--b.len] = '\0';
	return buf_detach(&b);
}

char *
arxiv_url(const char *s)
{
	const char	*id = after(s, "arxiv:");
	struct buf	 b = { 0 };

	if (id == NULL)
		id = s;
	if (after_scheme(id) != NULL)
		return xstrdup(id);
	buf_puts(&b, "https://arxiv.org/abs/");
	buf_puts(&b, id);
	return buf_detach(&b);
}

/* The length of n digits at s, or 0 if fewer. */
static size_t
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n;
}

/* Past a version suffix ("v2") at s, if any. */
static const char *
past_version(const char *s)
{
	size_t	 n;

	if (*s != 'v' || (n = strspn(s + 1, "0123456789")) == 0)
		return s;
	return s + 1 + n;
}

size_t
arxiv_id_len(const char *s)
{
	const char	*r = s;
	size_t		 n;

	if (digits(r, 4) && r[4] == '.') {
		/* YYMM.NNNN before 2015, YYMM.NNNNN since */
		n = strncmp(r, "1501", 4) >= 0 ? 5 : 4;
		if (!digits(r + 5, n))
			return 0;
		r = past_version(r + 5 + n);
	} else {
		/* archive(.SC)/YYMMNNN, as hep-th/9901001 */
		r += strspn(r, "abcdefghijklmnopqrstuvwxyz-");
		if (r == s)
			return 0;
		if (r[0] == '.' && isupper((unsigned char)r[1]) &&
		    isupper((unsigned char)r[2]))
			r += 3;
		if (*r++ != '/' || !digits(r, 7))
			return 0;
		r = past_version(r + 7);
	}
	return isalnum((unsigned char)*r) ? 0 : (size_t)(r - s);
}

char *
arxiv_id_in(const char *text)
{
	const char	*s, *id;
	size_t		 n;

	for (s = text; s != NULL && *s != '\0'; s++) {
		if ((id = after(s, "arxiv")) == NULL)
			continue;
		id += strspn(id, " ");
		if ((s = after(id, "preprint")) != NULL)
			id = s + strspn(s, " ");
		if ((s = after(id, "arxiv")) != NULL)
			id = s;
		if (*id == ':')
			id++;
		id += strspn(id, " ");
		if ((n = arxiv_id_len(id)) > 0)
			return xstrndup(id, n);
		s = id - 1;
	}
	return NULL;
}

int
is_arxiv_name(const char *s)
{
	return s != NULL && strcasecmp(s, "arxiv") == 0;
}

static const char *const macros[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec"
};

static const char *const names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

int
month_number(const char *s)
{
	int	 i, n;

	while (*s == ' ' || *s == '{')
		s++;
	if (isdigit((unsigned char)*s)) {
		n = atoi(s);
		return n >= 1 && n <= 12 ? n : 0;
	}
	for (i = 0; i < 12; i++)
		if (strncasecmp(s, macros[i], 3) == 0)
			return i + 1;
	return 0;
}

const char *
month_macro(int m)
{
	return m >= 1 && m <= 12 ? macros[m - 1] : NULL;
}

const char *
month_name(int m)
{
	return m >= 1 && m <= 12 ? names[m - 1] : NULL;
}
