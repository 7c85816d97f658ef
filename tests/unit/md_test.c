/* SPDX-License-Identifier: ISC */
/*
 * md_test: md.c hands some inline Markdown back without asking cmark
 * (render_plain there).  Here cmark-gfm itself, set up as md.c sets it up,
 * renders the same strings, and the two must agree: named cases, then
 * generated ones -- mostly from the letters md.c takes as plain, the
 * rest with Markdown's own characters mixed in; each as inline HTML, as
 * a block and as plain text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "emit/markdown.h"
#include "tap.h"

static const char *const extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist"
};

/* cmark's HTML (inline: a lone paragraph unwrapped, as md.c does) or
 * plain text without its final newlines. */
static char *
by_cmark(const char *md, int html, int inline_only)
{
	cmark_parser	*parser;
	cmark_node	*doc;
	cmark_syntax_extension *ext;
	char		*out, *cut;
	size_t		 i, n;

	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if ((ext = cmark_find_syntax_extension(extensions[i])) != NULL)
			cmark_parser_attach_syntax_extension(parser, ext);
	cmark_parser_feed(parser, md, strlen(md));
	doc = cmark_parser_finish(parser);
	out = html ? cmark_render_html(doc, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(parser)) :
	    cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	/* md.c takes raw HTML out of the tree (make_safe) where cmark
	 * writes a comment in its place. */
	while ((cut = strstr(out, "<!-- raw HTML omitted -->")) != NULL) {
		i = 25;		/* a block's comment goes with its line */
		if ((cut == out || cut[-1] == '\n') && cut[i] == '\n')
			i++;
		memmove(cut, cut + i, strlen(cut + i) + 1);
	}
	n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		n--;
	if (!html)
		out[n] = '\0';
	else if (inline_only && n >= 7 && strncmp(out, "<p>", 3) == 0 &&
	    strncmp(out + n - 4, "</p>", 4) == 0 &&
	    strstr(out + 3, "<p>") == NULL) {
		out[n - 4] = '\0';
		memmove(out, out + 3, n - 6);
	}
	return out;
}

/* md.c's renderings of md -- HTML inline and as a block, plain text --
 * agree with cmark's; says which did not. */
static int
agrees(const char *md, int quiet)
{
	char	*want[3], *got[3];
	int	 same = 1, i;

	want[0] = by_cmark(md, 1, 1);
	want[1] = by_cmark(md, 1, 0);
	want[2] = by_cmark(md, 0, 0);
	got[0] = md_to_html(md, 1, 0);
	got[1] = md_to_html(md, 0, 0);
	got[2] = md_to_text(md);
	for (i = 0; i < 3; i++) {
		if (strcmp(got[i], want[i]) != 0) {
			same = 0;
			if (!quiet)
				is_str(got[i], want[i], md);
		}
		free(want[i]);
		free(got[i]);
	}
	return same;
}

static unsigned long	 seed = 1;

static unsigned
next(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

int
main(void)
{
	static const char *const named[] = {
		"CCF-A", "CCF-A, TH-CPL-A", "Oral (long paper)", "Best Paper",
		"a", "A1", "x-y-z", "Track (A), B", "CCF-A, Oral",
		"CCF\\-A", "TH\\-CPL\\-A, Oral", "CORE A\\*", "a\\&b",
		"x\\<y\\>", "\\\"q\\\"", "\\#1", "\\- a", "it\\'s",
		"a\\_b\\_", "\\[x\\]\\(y\\)", "a\\~b\\~", "a\\|b", "\\\\",
		/* abstracts, notes */
		"We study FP4 and show it is $O(n \\log n)$, beating it by 62%.",
		"Best paper: 1st of 3; see www.example.org or https://x.y",
		"Ein Überblick: Größe = 3 + 4/5 \"quoted\" it's ^2",
		"See http://example.org.", "mail me@example.org", "a:b//c",
		"WWW.Example.org", "see www.example.org now", "a www.x b",
		"x \\alpha \\1 y\\", "Caf\xc3\xa9 na\xc3\xafve",
		/* emphasis, as rich_to_markdown writes \emph */
		"We study *Fast* Models and *Large Robust* ones.",
		"*Start* here", "end *here*", "*a* *b* (*c*) *d*: *e*?",
		"*a*b", "a*b*", "*a *b*", "*a**b*", "* a*", "*a *", "*open",
		"**bold** text", "*a*, *b*; *c*.", "x *1* y", "*\xc3\xa9*",
		/* not plain: cmark's own path, which must agree too */
		"1-2", "- a", "a  b", "a ", " a", "www-x", "a.b", "a:b",
		"a@b", "A*b*", "a_b_", "(a)", "-- a", "a<b", "a&amp;b",
	};
	static const char plain[] = "abcwXYZW019 ,-().;?'/=+^%$\":\xc3\xa9";
	static const char special[] = ".:@*_~`[]!<>&#|\\\"'/=+";
	static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	char	 s[24];
	size_t	 i, k, len, bad = 0;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		ok(agrees(named[i], 0), named[i]);
	for (i = 0; i < 40000; i++) {
		len = 1 + next(sizeof(s) - 2);
		for (k = 0; k < len; k++)
			if (i % 4 == 2 && next(6) == 0)
				s[k] = '*';
			else if (i % 4 == 3 && next(4) == 0)
				s[k] = special[next(sizeof(special) - 1)];
			else if (i % 4 >= 1 && next(5) == 0 && k + 1 < len) {
				s[k++] = '\\';
				s[k] = punct[next(sizeof(punct) - 1)];
			} else
				s[k] = plain[next(sizeof(plain) - 1)];
		s[len] = '\0';
		if (!agrees(s, bad > 5))
			bad++;
	}
	ok(bad == 0, "40,000 generated strings: md.c and cmark agree");
	return done();
}
