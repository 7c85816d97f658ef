/* SPDX-License-Identifier: ISC */
/*
 * escape.c: output escaping for every format, in one place.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "emit/escape.h"
#include "emit/markdown.h"
#include "text/math.h"
#include "text/rich.h"

/*
 * The bytes each escaper must look at; the runs between them are copied
 * as they are, in one go.  Every table stops at the NUL.
 */
#define MARKUP_STOPS \
	[RICH_EM_ON] = 1, [RICH_EM_OFF] = 1, [RICH_BF_ON] = 1, \
	[RICH_BF_OFF] = 1, [RICH_MATH_ON] = 1, [RICH_MATH_OFF] = 1, \
	[RICH_KEEP_ON] = 1, [RICH_KEEP_OFF] = 1
#define ENTITY_STOPS \
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1

static const unsigned char md_stops[256] = {
	[0] = 1, MARKUP_STOPS, ENTITY_STOPS,
	['\\'] = 1, ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1,
	['#'] = 1, ['|'] = 1, ['$'] = 1, ['!'] = 1, ['{'] = 1, ['}'] = 1,
	['~'] = 1, ['\n'] = 1
};
static const unsigned char html_stops[256] = {
	[0] = 1, MARKUP_STOPS, ENTITY_STOPS
};
static const unsigned char txt_stops[256] = {
	[0] = 1, MARKUP_STOPS, ['\n'] = 1
};
static const unsigned char markup_stops[256] = {
	[0] = 1, MARKUP_STOPS
};

/*
 * JSON and URLs stop at every control character and every byte past
 * ASCII; X16 fills those rows (0x00-0x1f, 0x80-0xff) around the few
 * bytes named in between.
 */
#define X16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
#define HIGH_BYTES X16(1), X16(1), X16(1), X16(1), X16(1), X16(1), X16(1), \
	X16(1)

/* JSON: quote and backslash; past ASCII, to check the UTF-8. */
static const unsigned char json_stops[256] = {
	X16(1), X16(1), ['"'] = 1, ['\\'] = 1, [0x7f] = 0, HIGH_BYTES
};
/* A Markdown link destination: blanks, DEL and what could end it. */
static const unsigned char md_url_stops[256] = {
	X16(1), X16(1), [' '] = 1, ['<'] = 1, ['>'] = 1, ['('] = 1,
	[')'] = 1, ['"'] = 1, ['\''] = 1, ['\\'] = 1, ['`'] = 1, ['{'] = 1,
	['}'] = 1, ['|'] = 1, ['^'] = 1, ['['] = 1, [']'] = 1, ['&'] = 1,
	[0x7f] = 1, HIGH_BYTES
};
/* An HTML attribute: the same for quotes and brackets, '&' as &amp;. */
static const unsigned char html_url_stops[256] = {
	X16(1), X16(1), [' '] = 1, ['"'] = 1, ['\''] = 1, ['<'] = 1,
	['>'] = 1, ['\\'] = 1, ['^'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1,
	['}'] = 1, ['&'] = 1, [0x7f] = 1, HIGH_BYTES
};
/* LaTeX text: what escape_tex_text() below writes otherwise. */
static const unsigned char tex_stops[256] = {
	X16(1), X16(1), [0x7f] = 1,
	['\\'] = 1, ['{'] = 1, ['}'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1,
	['&'] = 1, ['_'] = 1, ['~'] = 1, ['^'] = 1, ['<'] = 1, ['>'] = 1,
	['|'] = 1, ['['] = 1, [']'] = 1, ['"'] = 1,
	/* the lead bytes of what math_to_tex() writes as commands: ² ³ ±
	 * ×, combining marks, Greek, phonetic and other scripts, arrows and
	 * operators */
	[0xc2] = 1, [0xc3] = 1, [0xcc] = 1, [0xcd] = 1, [0xce] = 1,
	[0xcf] = 1, [0xe1] = 1, [0xe2] = 1
};
/*
 * A link, for \href's first argument: %-encoded like an HTML one, but
 * '%' and '#' written \% and \# (hyperref makes them % and #), and '_'
 * and '&' as \_ and \&, which hyperref also takes: the same text can
 * be printed.  '\\', braces, '^', '~' and '$' are %-encoded.
 */
static const unsigned char tex_url_stops[256] = {
	X16(1), X16(1), [' '] = 1, ['"'] = 1, ['\''] = 1, ['<'] = 1,
	['>'] = 1, ['\\'] = 1, ['^'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1,
	['}'] = 1, ['&'] = 1, ['%'] = 1, ['#'] = 1, ['_'] = 1, ['~'] = 1,
	['$'] = 1, ['['] = 1, [']'] = 1, [0x7f] = 1, HIGH_BYTES
};
#undef HIGH_BYTES
#undef X16

static const char hex[] = "0123456789ABCDEF";

/* Copy s up to its first byte in stops; returns where that byte is. */
static const char *
put_run(struct buf *b, const char *s, const unsigned char *stops)
{
	const char	*p = s;

	while (!stops[(unsigned char)*p])
		p++;
	if (p > s)
		buf_put(b, s, (size_t)(p - s));
	return p;
}

/* Rich-text markup as HTML tags; shared by Markdown and HTML. */
static int
put_markup_html(struct buf *b, char c)
{
	switch (c) {
	case RICH_EM_ON:
		buf_puts(b, "<em>");
		return 1;
	case RICH_EM_OFF:
		buf_puts(b, "</em>");
		return 1;
	case RICH_BF_ON:
		buf_puts(b, "<strong>");
		return 1;
	case RICH_BF_OFF:
		buf_puts(b, "</strong>");
		return 1;
	default:
		return RICH_IS_MARKUP(c);	/* math, keep: no tag */
	}
}

static int
put_html_entity(struct buf *b, char c)
{
	switch (c) {
	case '&':
		buf_puts(b, "&amp;");
		return 1;
	case '<':
		buf_puts(b, "&lt;");
		return 1;
	case '>':
		buf_puts(b, "&gt;");
		return 1;
	case '"':
		buf_puts(b, "&quot;");
		return 1;
	case '\'':
		buf_puts(b, "&#39;");
		return 1;
	default:
		return 0;
	}
}

/*
 * Rich-text markup as Markdown: emphasis and bold as asterisks, which
 * Hugo's Goldmark keeps with raw HTML off (it drops <em>).  A blank
 * just inside an asterisk would keep it from opening or closing, so
 * it goes outside; empty emphasis is left out.
 */
static const char *
put_markup_md(struct buf *b, const char *s)
{
	const char	*mark = *s == RICH_BF_ON || *s == RICH_BF_OFF ? "**" :
			    "*";
	size_t		 blanks = 0;

	switch (*s) {
	case RICH_EM_ON:
	case RICH_BF_ON:
		if (s[1] == *s + 1)	/* on, then off at once */
			return s + 1;
		for (s++; *s == ' '; s++)
			buf_putc(b, ' ');
		buf_puts(b, mark);
		return s - 1;
	case RICH_EM_OFF:
	case RICH_BF_OFF:
		while (b->len > blanks && b->data[b->len - 1 - blanks] == ' ')
			blanks++;
		buf_truncate(b, b->len - blanks);
		buf_puts(b, mark);
		while (blanks-- > 0)
			buf_putc(b, ' ');
		return s;
	default:
		return s;	/* math, keep: no mark */
	}
}

/*
 * Markdown: what renders the same in cmark-gfm, kramdown (Jekyll) and
 * Goldmark (Hugo) -- HTML's five as entities, and every character that
 * Markdown or Liquid could read as syntax as a numeric character
 * reference: all three show the character and none reads it, even
 * inside an HTML element (kramdown keeps a backslash escape there as
 * it is, "Zhang\*"), and Goldmark has no raw HTML to fall back on.
 */
static void
put_md_chars(struct buf *b, const char *s, int newlines)
{
	char	 num[8];

	for (; *(s = put_run(b, s, md_stops)) != '\0'; s++) {
		if (RICH_IS_MARKUP(*s))
			s = put_markup_md(b, s);
		else if (put_html_entity(b, *s))
			continue;
		else if (*s == '\n')
			buf_putc(b, newlines ? '\n' : ' ');
		else {
			snprintf(num, sizeof(num), "&#%d;", *s);
			buf_puts(b, num);
		}
	}
}

void
escape_md_text(struct buf *b, const char *s)
{
	put_md_chars(b, s, 0);
}

static void
percent(struct buf *b, unsigned char c)
{
	buf_putc(b, '%');
	buf_putc(b, hex[c >> 4]);
	buf_putc(b, hex[c & 15]);
}

/* A link destination: only unreserved-looking bytes stay as they are. */
void
escape_md_url(struct buf *b, const char *s)
{
	/*
	 * '&' as &amp;: cmark-gfm, kramdown and Goldmark all make it the
	 * '&' it was, and no entity can hide in a destination (Goldmark
	 * decodes "&#106;avascript:").  Percent-encoding it would change
	 * what a query says.
	 */
	for (; *(s = put_run(b, s, md_url_stops)) != '\0'; s++)
		if (*s == '&')
			buf_puts(b, "&amp;");
		else
			percent(b, (unsigned char)*s);
}

void
escape_html_text(struct buf *b, const char *s)
{
	for (; *(s = put_run(b, s, html_stops)) != '\0'; s++)
		if (!put_markup_html(b, *s))
			put_html_entity(b, *s);
}

/* An attribute value: characters a URL may not hold are %-encoded. */
void
escape_html_url(struct buf *b, const char *s)
{
	for (; *(s = put_run(b, s, html_url_stops)) != '\0'; s++)
		if (*s == '&')
			buf_puts(b, "&amp;");
		else
			percent(b, (unsigned char)*s);
}

void
escape_txt_text(struct buf *b, const char *s)
{
	for (; *(s = put_run(b, s, txt_stops)) != '\0'; s++)
		if (*s == '\n')
			buf_putc(b, ' ');
}

void
escape_txt_url(struct buf *b, const char *s)
{
	buf_puts(b, s);
}

void
escape_yaml(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (RICH_IS_MARKUP(*s))
			continue;
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else if (*s == '\t')
			buf_puts(b, "\\t");
		else
			buf_putc(b, *s);
	}
}

/*
 * As jansson writes a string: '"', '\\' and control characters escaped
 * (\b \f \n \r \t, else \u00XX), everything else as it is; and, as
 * jansson's json_string() does, nothing at all for text that is not
 * valid UTF-8.  Rich text loses its markup on the way (what
 * rich_plain() would drop), without a copy.  tests/unit/json_test.c
 * holds this and jansson side by side.
 */
char *
escape_json_body(char *p, const char *s, int rich)
{
	unsigned char	 c;
	int		 n, cp;

	for (;; s++) {
		if (!json_stops[c = (unsigned char)*s]) {
			*p++ = (char)c;
			continue;
		}
		if (c == '\0')
			return p;
		if (c >= 0x80) {
			/* A two-byte sequence (most accented letters) is
			 * checked here, longer ones by utf8_decode. */
			if (c >= 0xc2 && c <= 0xdf &&
			    ((unsigned char)s[1] & 0xc0) == 0x80)
				n = 2;
			else if ((n = utf8_decode(s, strnlen(s, 4), &cp)) == 0)
				return NULL;
			memcpy(p, s, (size_t)n);
			p += n;
			s += n - 1;
			continue;
		}
		if (rich && RICH_IS_MARKUP((char)c))
			continue;
		*p++ = '\\';
		switch (c) {
		case '"': case '\\':
			*p++ = (char)c;
			break;
		case '\b':
			*p++ = 'b';
			break;
		case '\f':
			*p++ = 'f';
			break;
		case '\n':
			*p++ = 'n';
			break;
		case '\r':
			*p++ = 'r';
			break;
		case '\t':
			*p++ = 't';
			break;
		default:
			memcpy(p, "u00", 3);
			p[3] = hex[c >> 4];
			p[4] = hex[c & 15];
			p += 5;
		}
	}
}

int
escape_json(struct buf *b, const char *s, int rich)
{
	char	*p;

	/*
	 * Written straight into room for the worst case (\u00XX for every
	 * byte): most strings are a few bytes, and buffer calls for each
	 * run cost more than the copying.
	 */
	buf_reserve(b, JSON_ROOM(strlen(s)));
	p = b->data + b->len;
	*p++ = '"';
	if ((p = escape_json_body(p, s, rich)) == NULL) {
		b->data[b->len] = '\0';
		return 0;
	}
	*p++ = '"';
	*p = '\0';
	b->len = (size_t)(p - b->data);
	return 1;
}

/* Rich text as Markdown source: emphasis as * and **, no other markup. */
static char *
rich_to_markdown(const char *s)
{
	struct buf	 b = { 0 };

	buf_grow(&b, strlen(s));
	for (; *(s = put_run(&b, s, markup_stops)) != '\0'; s++)
		switch (*s) {
		case RICH_EM_ON:
		case RICH_EM_OFF:
			buf_putc(&b, '*');
			break;
		case RICH_BF_ON:
		case RICH_BF_OFF:
			buf_puts(&b, "**");
			break;
		}	/* math and keep: no mark */
	return buf_detach(&b);
}

/*
 * A Markdown field too long for cmark-gfm (markdown.h, MD_MAX_LEN;
 * markdown.c has warned) is written as any other text of the format
 * is, on one line: escaped plain text, which no renderer reads as
 * Markdown or HTML.
 */
void
escape_html_markdown(struct buf *b, const char *rich, int inline_only,
    int unsafe)
{
	char	*src = rich_to_markdown(rich);
	char	*html = md_to_html(src, inline_only, unsafe);

	if (html != NULL)
		buf_puts(b, html);
	else if (inline_only)
		escape_html_text(b, rich);
	else {
		buf_puts(b, "<p>");
		escape_html_text(b, rich);
		buf_puts(b, "</p>\n");
	}
	free(html);
	free(src);
}

/*
 * cmark's HTML inside a Markdown page: its text is already free of
 * < > & ", so outside tags only Markdown's own characters need a
 * backslash; Liquid's braces become entities everywhere.
 */
void
escape_md_markdown(struct buf *b, const char *rich, int inline_only,
    int unsafe)
{
	char		*src = rich_to_markdown(rich), *md;
	const char	*p;

	(void)unsafe;	/* a site's page never gets raw HTML from a .bib */
	/* Plain text is written as text is; other Markdown as cmark
	 * renders it back, without raw HTML or unsafe links. */
	if ((md = md_plain(src, inline_only)) != NULL) {
		put_md_chars(b, md, !inline_only);
		free(md);
		free(src);
		return;
	}
	if ((md = md_to_markdown(src, inline_only)) == NULL) {
		escape_md_text(b, rich);	/* too long for cmark */
		free(src);
		return;
	}
	for (p = md; *p != '\0'; p++) {
		/* Liquid's and Hugo's braces, kramdown's table bar. */
		if (*p == '{')
			buf_puts(b, "&#123;");
		else if (*p == '}')
			buf_puts(b, "&#125;");
		else if (*p == '|')
			buf_puts(b, "&#124;");
		else
			buf_putc(b, *p);
	}
	free(md);
	free(src);
}

void
escape_txt_markdown(struct buf *b, const char *rich, int inline_only,
    int unsafe)
{
	char	*src = rich_to_markdown(rich);
	char	*text = md_to_text(src);
	char	*p;

	(void)unsafe;
	if (text == NULL) {
		escape_txt_text(b, rich);	/* too long for cmark */
		free(src);
		return;
	}
	if (inline_only)
		for (p = text; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
	buf_puts(b, text);
	free(text);
	free(src);
}

/*
 * LaTeX.  Every character TeX reads as syntax is written so that it
 * prints as itself, and no value can run a command: '\\' is
 * \textbackslash{}, '^' \textasciicircum{} (so "^^5c" never becomes a
 * backslash), '[' and ']' are braced (an \item or \\ before a value
 * would take them for an optional argument), '"' is {\char34} (an
 * active character under babel).  \textless, \textgreater and \textbar
 * print those characters in every font encoding.  Control characters
 * other than markup go; a newline is a blank, never a paragraph break
 * (a value may be an argument).  Text past ASCII stays as it is:
 * pdflatex reads UTF-8 (Latin scripts), xelatex and lualatex all of it.
 */

static void
put_tex_char(struct buf *b, char c)
{
	switch (c) {
	case '\\':
		buf_puts(b, "\\textbackslash{}");
		break;
	case '{': case '}': case '#': case '$': case '%': case '&': case '_':
		buf_putc(b, '\\');
		buf_putc(b, c);
		break;
	case '~':
		buf_puts(b, "\\textasciitilde{}");
		break;
	case '^':
		buf_puts(b, "\\textasciicircum{}");
		break;
	case '<':
		buf_puts(b, "\\textless{}");
		break;
	case '>':
		buf_puts(b, "\\textgreater{}");
		break;
	case '|':
		buf_puts(b, "\\textbar{}");
		break;
	case '[': case ']':
		buf_putc(b, '{');
		buf_putc(b, c);
		buf_putc(b, '}');
		break;
	case '"':
		buf_puts(b, "{\\char34}");
		break;
	case '\n': case '\t':
		buf_putc(b, ' ');
		break;
	default:
		break;	/* other control characters: dropped */
	}
}

/*
 * Math from the .bib ($O(n^2)$) is passed to TeX only when it is made
 * of nothing but letters, digits, operators, braces that balance,
 * scripts with their argument, and commands from this list of symbols
 * and font switches -- nothing that defines, reads or writes.  Any
 * other math is printed as the text it is, dollars and all.
 */
static const struct {
	const char	*name;
	int		 args;
} tex_math_words[] = {
	{ "Delta", 0 }, { "Gamma", 0 }, { "Lambda", 0 }, { "Omega", 0 },
	{ "Phi", 0 }, { "Pi", 0 }, { "Psi", 0 }, { "Rightarrow", 0 },
	{ "Sigma", 0 }, { "Theta", 0 }, { "Upsilon", 0 }, { "Xi", 0 },
	{ "alpha", 0 }, { "approx", 0 }, { "ast", 0 }, { "beta", 0 },
	{ "bot", 0 }, { "cap", 0 }, { "cdot", 0 }, { "cdots", 0 },
	{ "chi", 0 }, { "circ", 0 }, { "cos", 0 }, { "cup", 0 },
	{ "delta", 0 }, { "dots", 0 }, { "ell", 0 }, { "epsilon", 0 },
	{ "equiv", 0 }, { "eta", 0 }, { "exists", 0 }, { "exp", 0 },
	{ "forall", 0 }, { "frac", 2 }, { "gamma", 0 }, { "ge", 0 },
	{ "geq", 0 }, { "gg", 0 }, { "in", 0 }, { "infty", 0 },
	{ "iota", 0 }, { "kappa", 0 }, { "lambda", 0 }, { "langle", 0 },
	{ "ldots", 0 }, { "le", 0 }, { "leftarrow", 0 }, { "leq", 0 },
	{ "lfloor", 0 }, { "ll", 0 }, { "ln", 0 }, { "log", 0 },
	{ "mathbf", 1 }, { "mathcal", 1 }, { "mathit", 1 },
	{ "mathrm", 1 }, { "mathsf", 1 }, { "mathtt", 1 }, { "max", 0 },
	{ "min", 0 }, { "mp", 0 }, { "mu", 0 }, { "nabla", 0 }, { "ne", 0 },
	{ "neq", 0 }, { "notin", 0 }, { "nu", 0 }, { "omega", 0 },
	{ "partial", 0 }, { "phi", 0 }, { "pi", 0 }, { "pm", 0 },
	{ "prime", 0 }, { "prod", 0 }, { "propto", 0 }, { "psi", 0 },
	{ "rangle", 0 }, { "rfloor", 0 }, { "rho", 0 }, { "rightarrow", 0 },
	{ "sigma", 0 }, { "sim", 0 }, { "simeq", 0 }, { "sin", 0 },
	{ "sqrt", 1 }, { "subset", 0 }, { "subseteq", 0 }, { "sum", 0 },
	{ "tau", 0 }, { "theta", 0 }, { "times", 0 }, { "to", 0 },
	{ "top", 0 }, { "upsilon", 0 }, { "varepsilon", 0 },
	{ "varphi", 0 }, { "vartheta", 0 }, { "xi", 0 }, { "zeta", 0 }
};

#define TEX_MATH_DEPTH	16

static int	tex_math_list(const char **, const char *, int);

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* The arguments a listed command takes, or -1: not on the list.
 * *pp is past the backslash; it moves past the name. */
static int
tex_math_command(const char **pp, const char *end)
{
	const char	*p = *pp, *start = p;
	size_t		 i, len;

	if (p < end && !is_alpha(*p)) {
		*pp = p + 1;	/* \{ \} \, \; \! \| \_ \% \# \& \$ */
		return p < end && strchr("{},;!|_%#&$ ", *p) != NULL ? 0 : -1;
	}
	while (p < end && is_alpha(*p))
		p++;
	len = (size_t)(p - start);
	*pp = p;
	for (i = 0; i < sizeof(tex_math_words) / sizeof(tex_math_words[0]);
	    i++)
		if (strlen(tex_math_words[i].name) == len &&
		    memcmp(tex_math_words[i].name, start, len) == 0)
			return tex_math_words[i].args;
	return -1;
}

/* One argument: a letter, a digit, a symbol command or a group. */
static int
tex_math_arg(const char **pp, const char *end, int depth)
{
	const char	*p = *pp;

	while (p < end && *p == ' ')
		p++;
	if (p < end && is_alnum(*p))
		p++;
	else if (p < end && *p == '{') {
		p++;
		if (!tex_math_list(&p, end, depth + 1))
			return 0;
	} else if (p < end && *p == '\\') {
		p++;
		if (tex_math_command(&p, end) != 0)
			return 0;
	} else
		return 0;
	*pp = p;
	return 1;
}

/* A list up to its closing brace (depth > 0) or the end. */
static int
tex_math_list(const char **pp, const char *end, int depth)
{
	const char	*p = *pp;
	int		 scripts = 0, bit, args;

	if (depth > TEX_MATH_DEPTH)
		return 0;
	while (p < end) {
		if (*p == '}') {
			*pp = p + 1;
			return depth > 0;
		}
		if (*p == '{') {
			p++;
			if (!tex_math_list(&p, end, depth + 1))
				return 0;
			scripts = 0;
		} else if (*p == '^' || *p == '_') {
			bit = *p == '^' ? 1 : 2;
			if (scripts & bit)
				return 0;	/* a double superscript */
			scripts |= bit;
			p++;
			if (!tex_math_arg(&p, end, depth))
				return 0;
		} else if (*p == '\\') {
			p++;
			if ((args = tex_math_command(&p, end)) < 0)
				return 0;
			while (args-- > 0)
				if (!tex_math_arg(&p, end, depth))
					return 0;
			scripts = 0;
		} else if (is_alnum(*p) || strchr("+-=<>()[],.;:/|'!*? ",
		    *p) != NULL) {
			if (*p != ' ')
				scripts = 0;
			p++;
		} else
			return 0;
	}
	*pp = p;
	return depth == 0;
}

/* s holds $...$ or $$...$$ (latex.c keeps the dollars). */
static int
tex_math_safe(const char *s, size_t len)
{
	size_t	 delim = len >= 4 && s[1] == '$' && s[len - 2] == '$' ? 2 : 1;

	if (len < 2 * delim + 1 || s[0] != '$' || s[len - 1] != '$')
		return 0;
	s += delim;
	return tex_math_list(&s, s + len - 2 * delim, 0);
}

void
escape_tex_text(struct buf *b, const char *s)
{
	const char	*end;
	size_t		 open = 0, n;

	for (; *(s = put_run(b, s, tex_stops)) != '\0'; s++)
		switch (*s) {
		case RICH_EM_ON:
		case RICH_BF_ON:
			buf_puts(b, *s == RICH_EM_ON ? "\\emph{" : "\\textbf{");
			open++;
			break;
		case RICH_EM_OFF:
		case RICH_BF_OFF:
			if (open > 0) {
				buf_putc(b, '}');
				open--;
			}
			break;
		case RICH_MATH_ON:
			if ((end = strchr(s, RICH_MATH_OFF)) != NULL &&
			    tex_math_safe(s + 1, (size_t)(end - s - 1))) {
				buf_put(b, s + 1, (size_t)(end - s - 1));
				s = end;
			}
			break;	/* else its text, escaped, follows */
		case RICH_MATH_OFF:
		case RICH_KEEP_ON:
		case RICH_KEEP_OFF:
			break;
		default:
			if ((unsigned char)*s < 0x80)
				put_tex_char(b, *s);
			else if ((n = math_to_tex(b, s)) > 0)
				s += n - 1;
			else
				buf_putc(b, *s);	/* "é": a byte of it */
		}
	while (open-- > 0)
		buf_putc(b, '}');
}


/* See tex_url_stops. */
void
escape_tex_url(struct buf *b, const char *s)
{
	for (; *(s = put_run(b, s, tex_url_stops)) != '\0'; s++)
		if (strchr("%#_&", *s) != NULL) {
			buf_putc(b, '\\');
			buf_putc(b, *s);
		} else
			percent(b, (unsigned char)*s);
}

/* A Markdown field as the plain text cmark makes of it, escaped. */
void
escape_tex_markdown(struct buf *b, const char *rich, int inline_only,
    int unsafe)
{
	char	*src = rich_to_markdown(rich);
	char	*text = md_to_text(src);

	(void)inline_only;	/* every newline is a blank in TeX text */
	(void)unsafe;
	escape_tex_text(b, text != NULL ? text : rich);
	free(text);
	free(src);
}
