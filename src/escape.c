/*
 * escape.c: output escaping for every format, in one place.
 */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "rich.h"
#include "util.h"

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
 * Markdown: HTML's five, then every character that Markdown (kramdown
 * or CommonMark/GFM) or Jekyll's Liquid could read as syntax.
 * Backslash escapes where both Markdown dialects accept them,
 * entities where one does not.
 */
void
escape_md_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (put_markup_html(b, *s) || put_html_entity(b, *s))
			continue;
		switch (*s) {
		case '\\': case '*': case '_': case '`': case '[': case ']':
		case '#': case '|': case '$': case '!':
			buf_putc(b, '\\');
			buf_putc(b, *s);
			break;
		case '{':
			buf_puts(b, "&#123;");
			break;
		case '}':
			buf_puts(b, "&#125;");
			break;
		case '~':
			buf_puts(b, "&#126;");
			break;
		case '\n':
			buf_putc(b, ' ');
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

static void
percent(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";

	buf_putc(b, '%');
	buf_putc(b, hex[c >> 4]);
	buf_putc(b, hex[c & 15]);
}

/* A link destination: only unreserved-looking bytes stay as they are. */
void
escape_md_url(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= ' ' || c >= 0x7f || strchr("<>()\"'\\`{}|^[]", c))
			percent(b, c);
		else
			buf_putc(b, (char)c);
	}
}

void
escape_html_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (!put_markup_html(b, *s) && !put_html_entity(b, *s))
			buf_putc(b, *s);
}

void
escape_html_url(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= ' ' || c == 0x7f)
			percent(b, c);
		else if (!put_html_entity(b, (char)c))
			buf_putc(b, (char)c);
	}
}

void
escape_txt_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (!RICH_IS_MARKUP(*s))
			buf_putc(b, *s == '\n' ? ' ' : *s);
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
