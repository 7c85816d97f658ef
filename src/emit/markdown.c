/* SPDX-License-Identifier: ISC */
/*
 * md.c: cmark-gfm, set up once.  Extensions must be registered, then
 * attached to the parser, and the parser's list passed to the renderer;
 * otherwise tables and strikethrough are silently plain text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/markdown.h"
#include "normalize/normalize.h"

static const char *const extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist"
};

/*
 * One parser per set of options, made on first use and kept: finishing
 * a parse resets it with its extensions still attached, so they are
 * not found and attached again for every field.
 */
static cmark_node *
parse(const char *markdown, int options, cmark_parser **parser)
{
	static cmark_parser	*kept[2];	/* safe, unsafe */
	cmark_parser		**p = &kept[options == CMARK_OPT_UNSAFE];
	cmark_syntax_extension	*ext;
	size_t			 i;

	if (*p == NULL) {
		cmark_gfm_core_extensions_ensure_registered();
		*p = cmark_parser_new(options);
		for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]);
		    i++)
			if ((ext = cmark_find_syntax_extension(extensions[i])) !=
			    NULL)
				cmark_parser_attach_syntax_extension(*p, ext);
	}
	*parser = *p;
	cmark_parser_feed(*parser, markdown, strlen(markdown));
	return cmark_parser_finish(*parser);
}

/* A character as cmark's HTML has it: & < > " escaped, not ' (unlike
 * escape.c's put_html_entity). */
static void
put_escaped_char(struct buf *b, char c, int html)
{
	if (html && c == '&')
		buf_puts(b, "&amp;");
	else if (html && c == '<')
		buf_puts(b, "&lt;");
	else if (html && c == '>')
		buf_puts(b, "&gt;");
	else if (html && c == '"')
		buf_puts(b, "&quot;");
	else
		buf_putc(b, c);
}

/* ASCII only, whatever the locale: a byte above 0x7f is UTF-8 here. */
static int
is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_alnum(char c)
{
	return is_letter(c) || (c >= '0' && c <= '9');
}

/* Does s hold "www." in any case: where cmark-gfm's autolinks begin? */
static int
has_www(const char *s)
{
	const char	*p;

	for (p = s; (p = strchr(p, '.')) != NULL; p++)
		if (p - s >= 3 && (p[-1] | 0x20) == 'w' &&
		    (p[-2] | 0x20) == 'w' && (p[-3] | 0x20) == 'w')
			return 1;
	return 0;
}

/*
 * A '*' cmark surely reads as one side of an emphasis: an opener after
 * a blank (or first) and before a letter or digit, a closer after a
 * letter or digit and before a blank, the end or one of . , ; : ? )
 */
static int
is_em_mark(const char *start, const char *s, int open)
{
	if (open)
		return (s == start || s[-1] == ' ') && is_alnum(s[1]);
	return s > start && is_alnum(s[-1]) && (s[1] == '\0' ||
	    s[1] == ' ' || strchr(".,;:?)", s[1]) != NULL);
}

/* Punctuation that stands for itself in such a paragraph (a table:
 * strchr() was a call for every blank of an abstract). */
static const unsigned char plain_punct[256] = {
	[','] = 1, ['-'] = 1, ['('] = 1, [')'] = 1, ['.'] = 1, [';'] = 1,
	['?'] = 1, ['\''] = 1, ['/'] = 1, ['='] = 1, ['+'] = 1, ['^'] = 1,
	['%'] = 1, ['$'] = 1
};

/*
 * One paragraph of Markdown whose rendering is plain to see, without a
 * parse: a letter first (or an escaped character), then letters, digits,
 * single blanks between words, valid UTF-8, punctuation that nothing in
 * CommonMark or its GFM extensions reads -- , - ( ) . ; ? ' / = + ^ % $ "
 * and ':' but before "//" -- and backslashes, which escape ASCII
 * punctuation and are kept before a letter or digit, and *emphasis*
 * around such text (is_em_mark; rich_to_markdown writes \emph so).  No
 * block, other emphasis, code, link, image, entity, raw HTML,
 * strikethrough or autolink can start there ('@', '<', '&', '_', '`',
 * '[', '~', '!', '|', '#', "**" and "www." are left to cmark).  The
 * abstract and notes of most entries read so, and a parse costs far
 * more than this scan.  html: as cmark_render_html would (inside <p> for a block),
 * else as cmark_render_plaintext, without the final newline.  NULL for
 * anything else.  tests/unit/md_test.c holds it against cmark.
 */
static char *
render_plain(const char *s, int html, int block)
{
	struct buf	 b = { 0 };
	const char	*start = s;
	int		 cp, n, in_em = 0;

	if ((!is_letter(*s) && *s != '\\' &&
	    !(*s == '*' && is_em_mark(s, s, 1))) || has_www(s))
		return NULL;
	if (html && block)
		buf_puts(&b, "<p>");
	for (; *s != '\0'; s++) {
		if (is_alnum(*s) || plain_punct[(unsigned char)*s] ||
		    (*s == ' ' && s[1] != ' ' && s[1] != '\0'))
			buf_putc(&b, *s);
		else if (*s == '"')
			put_escaped_char(&b, *s, html);
		else if (*s == '*' && is_em_mark(start, s, !in_em)) {
			if (html)
				buf_puts(&b, in_em ? "</em>" : "<em>");
			in_em = !in_em;
		} else if (*s == ':' && strncmp(s + 1, "//", 2) != 0)
			buf_putc(&b, *s);
		else if (*s == '\\' && s[1] != '\0' && is_alnum(s[1]))
			buf_putc(&b, *s);
		else if (*s == '\\' && s[1] != '\0' && s[1] > ' ' &&
		    s[1] < 0x7f && strchr("!\"#$%&'()*+,-/;<=>?[\\]^_`{|}~",
		    s[1]) != NULL)
			put_escaped_char(&b, *++s, html);
		else if ((unsigned char)*s >= 0x80 &&
		    (n = utf8_decode(s, strnlen(s, 4), &cp)) > 0) {
			buf_put(&b, s, (size_t)n);
			s += n - 1;
		} else {
			buf_free(&b);
			return NULL;
		}
	}
	if (in_em) {		/* an opener cmark leaves as it is */
		buf_free(&b);
		return NULL;
	}
	if (html && block)
		buf_puts(&b, "</p>\n");
	return buf_detach(&b);
}

/* Too long for cmark-gfm (MD_MAX_LEN)?  view.c has warned, naming
 * the entry. */
static int
too_long(const char *markdown)
{
	return strlen(markdown) > MD_MAX_LEN;
}

/* "<p>text</p>\n" -> "text", when that is all there is. */
static void
strip_paragraph(char *html)
{
	size_t	 n = strlen(html);

	while (n > 0 && html[n - 1] == '\n')
		n--;
	if (n < 7 || strncmp(html, "<p>", 3) != 0 ||
	    strncmp(html + n - 4, "</p>", 4) != 0)
		return;
	html[n - 4] = '\0';
	if (strstr(html + 3, "<p>") != NULL) {	/* several paragraphs */
		html[n - 4] = '<';
		return;
	}
	memmove(html, html + 3, n - 6);
}

/*
 * s without its HTML tags ("<p>", "</h3>", "<a href=...>") and
 * comments: the text between them stays.  Caller frees.
 */
static char *
strip_tags(const char *s)
{
	struct buf	 b = { 0 };
	const char	*end;

	while (*s != '\0') {
		if (s[0] == '<' && (is_letter(s[1]) || (s[1] == '/' &&
		    is_letter(s[2])) || s[1] == '!') &&
		    (end = strchr(s, '>')) != NULL) {
			s = end + 1;
			continue;
		}
		buf_putc(&b, *s++);
	}
	return buf_detach(&b);
}

/*
 * An HTML block a .bib wrote (an abstract pasted as "<p>...</p>") would
 * be left out whole, its text with it: its text, tags taken out, is
 * read as Markdown in its place.
 */
static void
unwrap_html_block(cmark_node *block)
{
	const char	*literal = cmark_node_get_literal(block);
	char		*text = strip_tags(literal != NULL ? literal : "");
	cmark_node	*doc, *child;

	doc = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
	while ((child = cmark_node_first_child(doc)) != NULL) {
		cmark_node_unlink(child);
		cmark_node_insert_before(block, child);
	}
	cmark_node_free(doc);
	free(text);
}

/* Every HTML block of doc in its text's place (the nodes made from
 * it go through make_safe() like any other). */
static void
unwrap_html_blocks(cmark_node *doc)
{
	cmark_node	*n, *next;

	for (n = cmark_node_first_child(doc); n != NULL; n = next) {
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
			unwrap_html_block(n);	/* before n; n stays */
		else
			unwrap_html_blocks(n);
	}
}

/*
 * What a site would run from a .bib, taken out before Markdown goes to
 * it: raw HTML (Hugo drops it, kramdown and cmark keep it) unless
 * keep_html (--unsafe, which is about raw HTML only), and always links
 * or images with a scheme other than http, https or mailto (cmark has
 * decoded entities in them by now).
 */
static void
make_safe(cmark_node *doc, int keep_html)
{
	cmark_iter		*it;
	cmark_node		*n, *child, **drop = NULL;
	cmark_event_type	 ev;
	cmark_node_type		 type;
	const char		*url;
	size_t			 ndrop = 0, i;

	if (!keep_html)
		unwrap_html_blocks(doc);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		type = cmark_node_get_type(n);
		if (!keep_html && (type == CMARK_NODE_HTML_INLINE ||
		    type == CMARK_NODE_HTML_BLOCK)) {
			drop = xreallocarray(drop, ndrop + 1, sizeof(*drop));
			drop[ndrop++] = n;
		} else if ((type == CMARK_NODE_LINK ||
		    type == CMARK_NODE_IMAGE) &&
		    (url = cmark_node_get_url(n)) != NULL &&
		    !url_is_safe(url)) {
			/* Its text stays, in its place. */
			drop = xreallocarray(drop, ndrop + 1, sizeof(*drop));
			drop[ndrop++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < ndrop; i++) {
		while ((child = cmark_node_first_child(drop[i])) != NULL) {
			cmark_node_unlink(child);
			cmark_node_insert_before(drop[i], child);
		}
		cmark_node_free(drop[i]);	/* unlinks it first */
	}
	free(drop);
}

char *
md_to_html(const char *markdown, int inline_only, int unsafe)
{
	int		 options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT;
	cmark_parser	*parser;
	cmark_node	*doc;
	char		*html, *copy;

	if (too_long(markdown))
		return NULL;
	if ((html = render_plain(markdown, 1, !inline_only)) != NULL)
		return html;
	doc = parse(markdown, options, &parser);
	make_safe(doc, unsafe);	/* cmark keeps any link with --unsafe */
	html = cmark_render_html(doc, options,
	    cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
	if (inline_only)
		strip_paragraph(html);
	copy = xstrdup(html);	/* ours to free with free() */
	free(html);
	return copy;
}

char *
md_plain(const char *markdown, int inline_only)
{
	return too_long(markdown) ? NULL : render_plain(markdown, 0,
	    !inline_only);
}

/*
 * Markdown parsed, made safe and rendered by cmark's commonmark or
 * plaintext renderer, without its last newlines, ours to free().
 */
static char *
render_safely(const char *markdown,
    char *(*render)(cmark_node *, int options, int width))
{
	cmark_parser	*parser;
	cmark_node	*doc;
	char		*out, *copy;
	size_t		 n;

	doc = parse(markdown, CMARK_OPT_DEFAULT, &parser);
	make_safe(doc, 0);
	out = render(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	copy = xstrdup(out);
	free(out);
	return copy;
}

char *
md_to_markdown(const char *markdown, int inline_only)
{
	char	*md, *p;

	if (too_long(markdown))
		return NULL;
	md = render_safely(markdown, cmark_render_commonmark);
	if (inline_only)	/* one line: its paragraphs joined */
		for (p = md; (p = strchr(p, '\n')) != NULL; p++)
			*p = ' ';
	return md;
}

char *
md_to_text(const char *markdown)
{
	char	*text;

	if (too_long(markdown))
		return NULL;
	if ((text = render_plain(markdown, 0, 1)) != NULL)
		return text;
	return render_safely(markdown, cmark_render_plaintext);
}
