/* SPDX-License-Identifier: ISC */
/*
 * json_test: -f json is written by bib2pubs itself (emit_json.c), in
 * the layout jansson gives.  Here jansson is the oracle.  With no
 * arguments: escape_json() against jansson's json_string() and
 * json_dumps() -- named strings, then generated ones that mix controls,
 * quotes, backslashes, UTF-8 and broken UTF-8; rich text against
 * jansson on rich_plain().  With files (tests/json.test passes pages):
 * each must parse and come out of json_dumps(JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) byte for byte as it went in.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "emit/escape.h"
#include "text/rich.h"
#include "tap.h"
#include "base/util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* jansson's text for s, or NULL where json_string() refuses it. */
static char *
by_jansson(const char *s)
{
	json_t	*j = json_string(s);
	char	*text;

	if (j == NULL)
		return NULL;
	text = json_dumps(j, JSON_ENCODE_ANY);
	json_decref(j);
	return text;
}

/* Does escape_json agree with jansson on s?  Says how, if not. */
static int
agrees(const char *s, int rich, const char *what, int quiet)
{
	static int	 told;	/* of generated strings: the first few */
	struct buf	 b = { 0 };
	char		*plain = rich ? rich_plain(s) : NULL;
	char		*want = by_jansson(rich ? plain : s);
	int		 wrote, same;

	buf_puts(&b, "x");	/* written after something, as in a page */
	wrote = escape_json(&b, s, rich);
	if (want == NULL)
		same = !wrote && b.len == 1;
	else
		same = wrote && strcmp(b.data + 1, want) == 0;
	if (!quiet)
		ok(same, what);
	if (!same && (!quiet || told++ < 5))
		printf("# %s: got %s, want %s\n", what,
		    wrote ? b.data + 1 : "(nothing)",
		    want != NULL ? want : "(nothing)");
	buf_free(&b);
	free(want);
	free(plain);
	return same;
}

/* Strings that name what could go wrong: text, rich?, what. */
static const struct {
	const char	*s;
	int		 rich;
	const char	*what;
} cases[] = {
	{ "", 0, "the empty string" },
	{ "plain text, 2024", 0, "plain ASCII" },
	{ "say \"hi\" \\ there", 0, "quote and backslash" },
	{ "a/b", 0, "a slash stays" },
	{ "\b\f\n\r\t", 0, "the five short escapes" },
	{ "\x01\x0b\x1f", 0, "other controls as \\u00XX" },
	{ "\x7f", 0, "DEL stays" },
	{ "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80", 0,
	  "UTF-8, U+2028 and astral characters stay" },
	{ "\xc0\xaf", 0, "an overlong form is refused" },
	{ "\xed\xa0\x80", 0, "a surrogate is refused" },
	{ "\xf4\x90\x80\x80", 0, "past U+10FFFF is refused" },
	{ "ok \xe2\x82", 0, "a cut sequence is refused" },
	{ "\x80", 0, "a lone continuation byte is refused" },
	{ "\xff", 0, "0xff is refused" },
	{ "\x01" "Deep\x02 \x03" "Nets\x04 \x05$x$\x06 \x0e" "GPU\x0f", 1,
	  "rich text loses its markup" },
	{ "\x01\x07\x0e", 1, "markup goes, other controls stay" }
};

static void
named(void)
{
	size_t	 i;

	for (i = 0; i < NELEM(cases); i++)
		agrees(cases[i].s, cases[i].rich, cases[i].what, 0);
}

/*
 * What generated strings are made of: most of what could go wrong.  The
 * last three are pieces of characters, left out of rich text: there
 * markup never falls inside a character (the decoder writes it between
 * them), while rich_plain() would join the pieces around it.
 */
static const char *const pieces[] = {
	"a", "Z", " ", "0", "\"", "\\", "/", "\n", "\t", "\b", "\x01",
	"\x1f", "\x7f", "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80",
	"\xed\xa0\x80", "\xc0\xaf", "\xff", "\x0e", "\x0f", "\x02",
	"\xc3", "\xa9", "\xe2\x82"
};
#define WHOLE_PIECES (NELEM(pieces) - 3)

static void
generated(void)
{
	char		 s[64];
	unsigned long	 seed = 7;
	size_t		 n, k, len;
	int		 i, good = 1, rich;

	for (i = 0; i < 40000; i++) {
		rich = i % 2;
		len = 0;
		s[0] = '\0';
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (seed >> 33) % 10;
		for (k = 0; k < n; k++) {
			const char *p;

			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			p = pieces[(seed >> 33) % (rich ? WHOLE_PIECES :
			    NELEM(pieces))];
			if (len + strlen(p) >= sizeof(s))
				break;
			memcpy(s + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		good &= agrees(s, rich, "generated", 1);
	}
	ok(good, "40,000 generated strings as jansson writes them");
}

/* A page must be what jansson makes of it again. */
static void
round_trip(const char *path)
{
	FILE		*fp = fopen(path, "rb");
	struct buf	 text = { 0 };
	char		 chunk[65536], *again = NULL;
	size_t		 n;
	json_t		*doc = NULL;
	json_error_t	 err;

	if (fp != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_put(&text, chunk, n);
		fclose(fp);
		doc = json_loadb(text.data != NULL ? text.data : "", text.len,
		    0, &err);
	}
	if (doc != NULL)
		again = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (again != NULL)
		buf_putc(&text, '\0');
	ok(again != NULL && text.len > 1 && text.data[text.len - 2] == '\n' &&
	    strlen(again) == text.len - 2 &&
	    memcmp(again, text.data, text.len - 2) == 0, path);
	if (doc == NULL)
		printf("# %s: %s\n", path, fp == NULL ? "cannot open" :
		    err.text);
	free(again);
	json_decref(doc);
	buf_free(&text);
}

int
main(int argc, char **argv)
{
	int	 i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			round_trip(argv[i]);
		return done();
	}
	named();
	generated();
	return done();
}
