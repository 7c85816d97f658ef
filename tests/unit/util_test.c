/* SPDX-License-Identifier: ISC */
/*
 * util_test: the small pure pieces -- hash map, UTF-8 helpers, URL
 * safety, month names, byte cleaning, escapers, the template
 * language and the field names entries share.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "emit/escape.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "read/source.h"
#include "tap.h"
#include "text/ids.h"
#include "text/rich.h"
#include "base/util.h"
#include "emit/template.h"

static void
cleaned(const char *in, size_t len, const char *want, const char *what)
{
	struct source	 src;
	char		*data = xmalloc(len + 1);

	memcpy(data, in, len);
	source_from_memory(&src, "t.bib", data, len);
	is_str(src.text, want, what);
	source_free(&src);
}

typedef void (*escape_fn)(struct buf *, const char *);

static void
escaped(escape_fn f, const char *in, const char *want)
{
	struct buf	 b = { 0 };

	f(&b, in);
	is_str(b.data != NULL ? b.data : "", want, in);
	buf_free(&b);
}

/*
 * What a URL escaper should make of one byte, by the rule it follows:
 * controls, blanks, DEL, bytes past ASCII and those in unsafe are
 * %-encoded; html also writes '&' as an entity.
 */
static void
url_byte_want(struct buf *b, unsigned char c, const char *unsafe, int html)
{
	if (c <= ' ' || c >= 0x7f || strchr(unsafe, c) != NULL)
		buf_printf(b, "%%%02X", c);
	else if (html && c == '&')
		buf_puts(b, "&amp;");
	else
		buf_putc(b, (char)c);
}

/* Every byte through a URL escaper, between two letters. */
static void
url_bytes(escape_fn f, const char *unsafe, int html, const char *what)
{
	struct buf	 got = { 0 }, want = { 0 };
	char		 in[4] = "a?b";
	int		 c, good = 1;

	for (c = 1; c < 256; c++) {
		in[1] = (char)c;
		buf_truncate(&got, 0);
		buf_truncate(&want, 0);
		f(&got, in);
		buf_putc(&want, 'a');
		url_byte_want(&want, (unsigned char)c, unsafe, html);
		buf_putc(&want, 'b');
		if (strcmp(got.data, want.data) != 0) {
			printf("# byte 0x%02x: got %s, want %s\n", c, got.data,
			    want.data);
			good = 0;
		}
	}
	ok(good, what);
	buf_free(&got);
	buf_free(&want);
}

/* A template class answering a few fixed names. */
struct thing {
	const char	*name;
	int		 flag;
};

static int
thing_get(const void *self, const char *name, struct tval *v, void *arg)
{
	static const struct thing kids[3] = { { "a", 1 }, { "b", 0 },
	    { "c<d", 1 } };
	extern const struct tclass thing_class;
	const struct thing *t = self;

	(void)arg;
	if (strcmp(name, "name") == 0) {
		v->kind = TV_TEXT;
		v->s = t->name;
		return 1;
	}
	if (strcmp(name, "flag") == 0) {
		v->kind = TV_BOOL;
		v->truth = t->flag;
		return 1;
	}
	if (strcmp(name, "kids") == 0) {
		v->kind = TV_LIST;
		v->items = kids;
		v->n = 3;
		v->size = sizeof(kids[0]);
		v->cls = &thing_class;
		return 1;
	}
	if (strcmp(name, "url") == 0) {
		v->kind = TV_URL;
		v->s = "https://x.org/a b";
		return 1;
	}
	return 0;
}

const struct tclass thing_class = { thing_get };

static void
collect(void *arg, const char *s, size_t n)
{
	buf_put(arg, s, n);
}

static void
rendered(const char *tmpl, const char *want)
{
	static const struct escaper esc = { escape_html_text,
	    escape_html_url, escape_html_markdown, 0 };
	struct thing	 root = { "root", 0 };
	struct tmpl	*t = tmpl_parse(tmpl, "test", NULL, NULL);
	struct buf	 b = { 0 };

	if (t == NULL) {
		is_str("(parse error)", want, tmpl);
		return;
	}
	tmpl_run(t, &thing_class, &root, NULL, &esc, collect, &b);
	is_str(b.data != NULL ? b.data : "", want, tmpl);
	buf_free(&b);
	tmpl_free(t);
}

/* An entry of the given fields, as bib.c makes one. */
static struct entry *
entry_of(struct entry_list *l, const char *const *names, size_t n)
{
	struct entry	*e = arena_alloc(&l->arena, sizeof(*e));
	size_t		 i;

	memset(e, 0, sizeof(*e));
	e->type = e->key = e->file = "";
	e->fields = arena_alloc(&l->arena, n * sizeof(*e->fields));
	for (i = 0; i < n; i++) {
		e->fields[i].name = entry_list_name(l, names[i]);
		e->fields[i].value = (char *)names[i];
		e->fields[i].line = (int)i + 1;
		e->fields[i].has_blocks = 0;
	}
	e->nfields = n;
	return e;
}

/*
 * One entry gaining a thousand fields, as one that many duplicates
 * merge into does: each is found by name (through the entry's index
 * past FIELDS_INDEXED fields), at its place, in the order set.
 */
static void
wide_entry(void)
{
	static const char *const ab[] = { "author", "title" };
	struct entry_list	 l;
	struct entry		*e;
	const struct field	*f;
	char			 name[16];
	int			 all = 1, i;

	entry_list_init(&l);
	e = entry_of(&l, ab, 2);
	e->key = "wide";
	entry_list_add(&l, e);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		entry_set(&l, e, name, "v", i);
	}
	for (i = 0; i < 1000 && all; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		f = entry_field(e, name);
		all = f != NULL && f->line == i && f == &e->fields[i + 2] &&
		    strcmp(f->name, name) == 0;
	}
	ok(all, "1,000 fields set on one entry: each found at its place");
	ok(e->nfields == 1002 && entry_field(e, "x1000") == NULL &&
	    entry_field(e, "title") == &e->fields[1] &&
	    strcmp(e->fields[0].name, "author") == 0 &&
	    strcmp(e->fields[1001].name, "x999") == 0 && e->index != NULL,
	    "the read fields first, then the set ones in order; no others");
	entry_list_free(&l);
}

static void
depth_is(const char *text, size_t want)
{
	struct tmpl	*t = tmpl_parse(text, "test", NULL, NULL);

	ok(t != NULL, text);
	is_int(t != NULL ? (long)tmpl_loop_depth(t) : -1, (long)want,
	    "its $for$s nest that deep");
	tmpl_free(t);
}

static void
loop_depths(void)
{
	depth_is("plain $x$ $if(y)$z$endif$", 0);
	depth_is("$for(a)$$x$$endfor$", 1);
	depth_is("$for(a)$$endfor$$for(b)$$for(c)$$endfor$$endfor$", 2);
	depth_is("$for(a)$$for(b)$$endfor$$endfor$$for(c)$$endfor$", 2);
	depth_is("$for(a)$x$sep$$for(b)$$endfor$$endfor$", 2);
	depth_is("$if(x)$$else$$for(a)$$for(b)$$for(c)$$endfor$$endfor$"
	    "$endfor$$endif$", 3);
	depth_is("$if(x)$$for(a)$$if(y)$$for(b)$$endfor$$endif$$endfor$"
	    "$endif$", 2);
}

/* Fields are found by name, whether looked through or indexed. */
static void
fields_by_name(void)
{
	static const char *const ab[] = { "author", "title" };
	static const char *const ba[] = { "title", "author" };
	struct entry_list	 l;
	struct entry		*e1, *e2, *e3;
	struct field		 v[FIELDS_INDEXED + 2];
	struct strmap		*index = NULL;
	char			 names[FIELDS_INDEXED + 2][8];
	size_t			 i;
	int			 all = 1;

	entry_list_init(&l);
	e1 = entry_of(&l, ab, 2);
	e2 = entry_of(&l, ab, 2);
	e3 = entry_of(&l, ba, 2);
	entry_set(&l, e2, "year", "2024", 9);
	ok(e1->nfields == 2 && entry_get(e1, "year") == NULL,
	    "a field set on one entry is not on another");
	is_str(entry_get(e2, "year"), "2024", "the set field is found");
	is_str(entry_field(e2, "title")->name, "title",
	    "a field knows its name");
	ok(entry_field(e3, "author")->line == 2,
	    "fields are found by name, not by place");
	for (i = 0; i < FIELDS_INDEXED + 2; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		ok(fields_find(v, i, &index, names[i]) == NULL &&
		    (i <= FIELDS_INDEXED) == (index == NULL),
		    "a new name is not found; the index comes past the limit");
		v[i].name = entry_list_name(&l, names[i]);
		fields_added(v, i + 1, index);
	}
	for (i = 0; i < FIELDS_INDEXED + 2; i++)
		all &= fields_find(v, FIELDS_INDEXED + 2, &index, names[i]) ==
		    &v[i];
	ok(all, "through the index each name finds its own field");
	strmap_free(index, NULL);
	entry_list_free(&l);
}

static void
slug_is(const char *rich, const char *want)
{
	char	*s = rich_slug(rich);

	is_str(s, want, rich);
	free(s);
}

/* Slugs name files and Jekyll's permalink folders: no "..", no more
 * than 100 bytes, two long keys still two. */
static void
slugs(void)
{
	char	 a[400], b[400];
	char	*sa, *sb;

	slug_is("DBLP:conf/x", "dblp-conf-x");
	slug_is("PhysRev.47.777", "physrev.47.777");
	slug_is("..", "");
	slug_is("../../escaped-by-key", "escaped-by-key");
	slug_is("a..b/../c", "a.b-c");
	slug_is("Title.", "title");
	memset(a, 'k', 300);
	memcpy(b, a, 300);
	a[300] = b[300] = '\0';
	b[299] = 'j';
	sa = rich_slug(a);
	sb = rich_slug(b);
	ok(strlen(sa) <= 100 && strlen(sb) <= 100 && strcmp(sa, sb) != 0,
	    "two 300-byte keys alike but for the last byte: two slugs of at "
	    "most 100 bytes");
	free(sa);
	free(sb);
}

int
main(void)
{
	struct strmap	*m = strmap_new();
	char		 key[16], *f, block[40];
	int		 i, good = 1, cp;

	slugs();
	/* strmap: many keys, growth, replacement. */
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		strmap_put(m, key, (void *)(size_t)(i + 1));
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		good &= strmap_get(m, key) == (void *)(size_t)(i + 1);
	}
	ok(good && strmap_count(m) == 5000, "strmap keeps 5000 keys");
	ok(strmap_put(m, "k7", NULL) == (void *)8, "strmap_put returns the "
	    "old value");
	ok(strmap_get(m, "nosuch") == NULL, "strmap_get of a missing key");
	strmap_free(m, NULL);
	m = strmap_new();
	strmap_put(m, "a", (void *)1);
	strmap_reserve(m, 3000);
	ok(strmap_get(m, "a") == (void *)1 && strmap_count(m) == 1,
	    "strmap_reserve keeps what is there");
	strmap_free(m, NULL);

	/* buf_printf: into the room there is, or grown for it. */
	{
		struct buf	 b = { 0 };
		char		 want[2100];
		int		 len;

		for (len = 0, good = 1; len < 2000; len += 37) {
			buf_truncate(&b, 0);
			buf_puts(&b, "ab");
			buf_printf(&b, "<%*d>", len, len);
			snprintf(want, sizeof(want), "ab<%*d>", len, len);
			good &= b.len == strlen(want) &&
			    strcmp(b.data, want) == 0;
		}
		ok(good, "buf_printf appends what snprintf writes, any length");
		buf_free(&b);
	}

	/* put_decimal: as printf's %d writes it, every length. */
	for (i = 0, good = 1; i < 2000000; i = i < 10 ? i + 1 : i * 3 + 7) {
		char	 want[16], got[16];
		size_t	 n = put_decimal(got, i);

		snprintf(want, sizeof(want), "%d", i);
		good &= n == strlen(want) && strcmp(got, want) == 0;
	}
	ok(good && put_decimal(key, 2147483647) == 10 &&
	    strcmp(key, "2147483647") == 0, "put_decimal writes as %d does");

	ok(hash64("") != 0, "hash64 is never 0");
	ok(hash_bytes("ab", 2) == hash64("ab") && hash_bytes("ab", 1) ==
	    hash64("a"), "hash64 is hash_bytes of the string");

	/* ASCII lowercase: letters only, other bytes as they are. */
	f = ascii_lower(xstrdup("Key-2024:ÉTÉ_Z"));
	is_str(f, "key-2024:ÉtÉ_z", "ascii_lower leaves digits, marks and "
	    "non-ASCII alone");
	free(f);

	/* UTF-8. */
	is_int((long)utf8_width("東京ab", strlen("東京ab")), 6,
	    "wide characters take two columns");
	ok(utf8_decode("\xc3\xa9", 2, &cp) == 2 && cp == 0xe9, "decode é");
	ok(utf8_decode("\xff", 1, &cp) == 0, "invalid byte");
	f = utf8_fold("Müller ŁUKASZ Straße");
	is_str(f, "muller lukasz strasse", "fold case, accents, ß, ł");
	free(f);

	/* Links. */
	ok(url_is_safe("https://x.org"), "https is safe");
	ok(url_is_safe("HTTP://x.org"), "scheme case does not matter");
	ok(url_is_safe("mailto:a@b.c"), "mailto is safe");
	ok(url_is_safe("/files/a.pdf"), "absolute path is safe");
	ok(url_is_safe("paper.pdf"), "relative path is safe");
	ok(url_is_safe("a/b:c"), "colon after a slash is a path");
	ok(url_is_safe("#frag"), "fragment is safe");
	ok(!url_is_safe("javascript:alert(1)"), "javascript is not");
	ok(!url_is_safe("JaVaScRiPt:alert(1)"), "JavaScript is not");
	ok(!url_is_safe("data:text/html,x"), "data is not");
	ok(!url_is_safe("vbscript:x"), "vbscript is not");
	ok(!url_is_safe("file:///etc/passwd"), "file is not");

	/* Months. */
	is_int(month_number("jan"), 1, "jan");
	is_int(month_number("January"), 1, "January");
	is_int(month_number("{Sept.}"), 9, "{Sept.}");
	is_int(month_number("12"), 12, "12");
	is_int(month_number("13"), 0, "13 is no month");
	is_int(month_number("spring"), 0, "spring is no month");

	/* Byte cleaning. */
	cleaned("\xef\xbb\xbf@a", 5, "@a", "BOM dropped");
	cleaned("a\r\nb\rc", 6, "a\nb\nc", "CRLF and CR become LF");
	cleaned("a\0b", 3, "a\xef\xbf\xbd" "b", "NUL becomes U+FFFD");
	cleaned("caf\xe9", 4, "café", "Latin-1 read as such");
	cleaned("\x93q\x94", 3, "“q”", "Windows-1252 quotes");
	cleaned("é\xff", 3, "é\xef\xbf\xbd", "invalid byte in UTF-8");
	cleaned("a\fb\vc", 5, "a b c", "form feed and vertical tab");
	/* The survey reads eight bytes at a time: a bad byte anywhere. */
	for (i = 0, good = 1; i < 16; i++) {
		struct source	 src;
		char		*data = xmalloc(17);

		memcpy(data, "abcdefghijklmnop", 16);
		data[i] = '\r';
		source_from_memory(&src, "t.bib", data, 16);
		memcpy(block, "abcdefghijklmnop", 17);
		block[i] = '\n';
		good &= strcmp(src.text, block) == 0;
		source_free(&src);
	}
	ok(good, "a CR is found at every offset of an 8-byte block");

	/* Escapers. */
	escaped(escape_html_text, "<b>&\"'", "&lt;b&gt;&amp;&quot;&#39;");
	escaped(escape_html_text, "\x01x\x02", "<em>x</em>");
	escaped(escape_html_text, "\x0ex\x0f", "x");
	escaped(escape_html_url, "https://x.org/?a=1&b=\"2\" <x>",
	    "https://x.org/?a=1&amp;b=%222%22%20%3Cx%3E");
	escaped(escape_md_text, "*a* _b_ [c](d) `e` #f |g| \\ $h$ ~i~",
	    "&#42;a&#42; &#95;b&#95; &#91;c&#93;(d) &#96;e&#96; &#35;f "
	    "&#124;g&#124; &#92; &#36;h&#36; &#126;i&#126;");
	escaped(escape_md_text, "{{ site }} {% raw %}",
	    "&#123;&#123; site &#125;&#125; &#123;% raw %&#125;");
	escaped(escape_md_text, "<script>", "&lt;script&gt;");
	/* Markup as asterisks, which Hugo keeps with raw HTML off. */
	escaped(escape_md_text, "a\x01" "b c\x02" "d \x03" "e\x04", "a*b c*d **e**");
	escaped(escape_md_text, "\x01 x \x02.", " *x* .");
	escaped(escape_md_text, "x\x03\x04y", "xy");
	escaped(escape_md_url, "https://x.org/a b(c)<d>",
	    "https://x.org/a%20b%28c%29%3Cd%3E");
	/* Markdown destinations write '&' as &amp; too: no entity hides. */
	url_bytes(escape_md_url, "<>()\"'\\`{}|^[]", 1,
	    "escape_md_url: each of the 255 bytes as the rule says");
	escaped(escape_md_url, "&#106;avascript:x", "&amp;#106;avascript:x");
	url_bytes(escape_html_url, "\"'<>\\^`{|}", 1,
	    "escape_html_url: each of the 255 bytes as the rule says");
	escaped(escape_txt_text, "\x01x\x02 \x03y\x04", "x y");
	escaped(escape_yaml, "a \"b\" \\c", "a \\\"b\\\" \\\\c");

	/* Templates. */
	rendered("plain $$5", "plain $5");
	rendered("$name$", "root");
	rendered("$name.upper$", "ROOT");
	rendered("$nosuch$.", ".");
	rendered("$if(flag)$yes$else$no$endif$", "no");
	rendered("$if(!flag)$not$endif$", "not");
	rendered("$for(kids)$$name$$sep$, $endfor$", "a, b, c&lt;d");
	rendered("$for(kids)$$index$$if(first)$F$endif$$if(last)$L$endif$ "
	    "$endfor$", "1F 2 3L ");
	rendered("$for(kids)$$if(flag)$$name$$endif$$endfor$", "ac&lt;d");
	rendered("$for(kids)$($name$ in $name$)$endfor$",
	    "(a in a)(b in b)(c&lt;d in c&lt;d)");
	rendered("$url$", "https://x.org/a%20b");
	rendered("a\n$if(flag)$\nhidden\n$endif$\nb\n", "a\nb\n");
	rendered("a\n  $for(kids)$  \n$name$\n$endfor$\nb", "a\na\nb\nc&lt;d\nb");
	rendered("$-- a comment\nx", "x");
	ok(tmpl_parse("$if(x)$", "t", NULL, NULL) == NULL, "unclosed $if$ is refused");
	ok(tmpl_parse("$endfor$", "t", NULL, NULL) == NULL, "stray $endfor$ is refused");
	ok(tmpl_parse("$x.nosuch$", "t", NULL, NULL) == NULL, "unknown filter refused");
	ok(tmpl_parse("a $ b", "t", NULL, NULL) == NULL, "lone $ is refused");
	loop_depths();
	fields_by_name();
	wide_entry();
	return done();
}
