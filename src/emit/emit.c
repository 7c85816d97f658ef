/* SPDX-License-Identifier: ISC */
/*
 * emit.c: output formats.  A format is how values are escaped and what
 * happens to finished lines: written as they are, or wrapped (txt).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "base/util.h"
#include "emit/emit.h"
#include "emit/escape.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "text/rich.h"

struct sink {
	FILE		*fp;
	int		 width;		/* 0: no wrapping */
	int		 failed;
	size_t		 hang;		/* indent of continuation lines */
	struct buf	 held;		/* wrapped text not yet written */
};

/* Wrapped text goes out in pieces this large, not a word at a time. */
#define SINK_CHUNK	65536

static const struct {
	const char	*name;
	struct escaper	 esc;
	int		 wraps;
} formats[] = {
	{ "md", { escape_md_text, escape_md_url, escape_md_markdown, 0 }, 0 },
	{ "html", { escape_html_text, escape_html_url, escape_html_markdown, 0 },
	    0 },
	{ "txt", { escape_txt_text, escape_txt_url, escape_txt_markdown, 0 },
	    1 },
	{ "tex", { escape_tex_text, escape_tex_url, escape_tex_markdown, 0 },
	    0 },
};

static int
find_format(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
emit_known_format(const char *name)
{
	return find_format(name) >= 0 || strcmp(name, "json") == 0;
}

static void
sink_flush(struct sink *k)
{
	if (k->held.len > 0 &&
	    fwrite(k->held.data, 1, k->held.len, k->fp) != k->held.len)
		k->failed = 1;
	buf_truncate(&k->held, 0);
}

static void
put(struct sink *k, const char *s, size_t n)
{
	buf_put(&k->held, s, n);
	if (k->held.len >= SINK_CHUNK)
		sink_flush(k);
}

/*
 * Continuation lines start under the text, past any "[12] " or "12. "
 * label, so a wrapped entry reads as one block.
 */
static size_t
hanging_indent(const char *s, size_t len)
{
	size_t	 i = 0, j;

	while (i < len && s[i] == ' ')
		i++;
	j = i;
	if (j < len && s[j] == '[') {
		for (j++; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			continue;
		if (j + 1 < len && s[j] == ']' && s[j + 1] == ' ')
			return j + 2;
	}
	for (j = i; j < len && s[j] >= '0' && s[j] <= '9'; j++)
		continue;
	if (j > i && j + 1 < len && s[j] == '.' && s[j + 1] == ' ')
		return j + 2;
	return i;
}

static void
put_blanks(struct sink *k, size_t n)
{
	static const char	 blanks[] = "                                ";
	size_t			 step;

	for (; n > 0; n -= step) {
		step = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;
		put(k, blanks, step);
	}
}

/* Display columns of a word: its length when it is printable ASCII. */
static size_t
word_width(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return utf8_width(s, len);
	return len;
}

/*
 * Write one line (without its newline) wrapped at k->width display
 * columns.  A line starting with a tab is indented like the text of
 * the last labelled line; see bib2pubs-themes(5).  Words that stay on
 * one line with one blank between them, as most do, go out as one run.
 */
static void
wrap_line(struct sink *k, const char *s, size_t len)
{
	size_t	 hang, col, i, start, w, n = 0;
	size_t	 run = 0, run_end = 0;	/* s[run..run_end): not yet put */

	if (len > 0 && s[0] == '\t') {
		hang = k->hang;
		put_blanks(k, hang);
		col = hang;
		i = 1;
	} else {
		hang = k->hang = hanging_indent(s, len);
		put(k, s, hang);
		col = utf8_width(s, hang);
		i = hang;
	}
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		for (start = i; i < len && s[i] != ' '; i++)
			continue;
		if (i == start)
			break;
		w = word_width(s + start, i - start);
		if (n > 0 && col + 1 + w <= (size_t)k->width &&
		    run_end == start - 1) {
			run_end = i;	/* the blank and the word, as written */
			col += 1 + w;
			n++;
			continue;
		}
		put(k, s + run, run_end - run);
		if (n > 0 && col + 1 + w > (size_t)k->width) {
			put(k, "\n", 1);
			put_blanks(k, hang);
			col = hang;
		} else if (n > 0) {
			put(k, " ", 1);
			col++;
		}
		run = start;
		run_end = i;
		col += w;
		n++;
	}
	put(k, s + run, run_end - run);
	put(k, "\n", 1);
}

static void
sink_write(void *arg, const char *s, size_t n)
{
	struct sink	*k = arg;
	const char	*nl, *end = s + n;

	if (k->width <= 0) {
		if (n > 0 && fwrite(s, 1, n, k->fp) != n)
			k->failed = 1;
		return;
	}
	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		wrap_line(k, s, (size_t)(nl - s));
	}
}

/* Run a template in the output format's escaping; 0 if writing failed. */
static int
run_template(const struct tmpl *tm, const struct tclass *root,
    const void *self, const struct page *pg, const struct emit_opts *o,
    FILE *fp)
{
	struct sink	 k;
	int		 f = find_format(o->format);
	struct escaper	 esc = formats[f].esc;

	memset(&k, 0, sizeof(k));
	k.fp = fp;
	k.width = formats[f].wraps ? o->width : 0;
	esc.unsafe = o->unsafe;
	tmpl_run(tm, root, self, (void *)pg, &esc, sink_write, &k);
	sink_flush(&k);
	buf_free(&k.held);
	if (fflush(fp) != 0 || ferror(fp))
		k.failed = 1;
	return !k.failed;
}

int
emit_page(const struct theme *t, const struct page *pg,
    const struct emit_opts *o, FILE *fp)
{
	return run_template(t->page, &view_page, pg, pg, o, fp);
}

int
emit_entry(const struct theme *t, const struct page *pg, const struct pub *p,
    const struct emit_opts *o, FILE *fp)
{
	struct entry_view	 ev = { pg, p };

	return run_template(t->entry, &view_entry_page, &ev, pg, o, fp);
}

static void
collect(void *arg, const char *s, size_t n)
{
	buf_put(arg, s, n);
}

/*
 * A file name from values: letters, digits, '.', '_' and '-' only, and
 * characters past ASCII kept in UTF-8 (a Chinese title's slug is its
 * characters; Jekyll, Hugo and every current file system take them).
 */
static void
escape_file_name(struct buf *b, const char *rich)
{
	for (; *rich != '\0'; rich++) {
		unsigned char c = (unsigned char)*rich;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c >= 0x80 ||
		    (c == '.' && b->len > 0 && b->data[b->len - 1] != '.'))
			buf_putc(b, (char)c);	/* UTF-8 as it is: see slug */
		else if (!RICH_IS_MARKUP(c) && b->len > 0 &&
		    b->data[b->len - 1] != '-')
			buf_putc(b, '-');
	}
}

static void
escape_file_markdown(struct buf *b, const char *rich, int inline_only,
    int unsafe)
{
	(void)inline_only;
	(void)unsafe;
	escape_file_name(b, rich);
}

char *
emit_file_name(const struct tmpl *name, const struct page *pg,
    const struct pub *p)
{
	static const struct escaper esc = { escape_file_name,
	    escape_file_name, escape_file_markdown, 0 };
	struct entry_view	 ev = { pg, p };
	struct buf		 b = { 0 };

	tmpl_run(name, &view_entry_page, &ev, (void *)pg, &esc, collect, &b);
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == ' '))
		buf_truncate(&b, b.len - 1);
	if (b.len > 200)	/* file systems take 255 bytes */
		buf_truncate(&b, 200);
	return buf_detach(&b);
}
