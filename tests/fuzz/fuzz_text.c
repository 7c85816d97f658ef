/* SPDX-License-Identifier: ISC */
/*
 * fuzz_text: the pure string functions -- LaTeX decoding (both modes),
 * URLs, case changes, slugs, names (splitting, marks, annotations,
 * display, matching), venue resolution and --select expressions.  The
 * first byte picks which one gets the rest of the input.
 */
#include "config.h"

#include "select/filter.h"
#include "fuzz.h"
#include "emit/theme.h"
#include "normalize/pub.h"
#include "normalize/venue.h"
#include "read/entry.h"
#include "text/names.h"
#include "text/rich.h"

static struct venue_db	*venues;
static struct name_key	*me;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	venues = fuzz_venues();
	me = names_key_new("M{\\\"u}ller, J{\\\"o}rg");
	return 0;
}

static void
latex(const char *s)
{
	char	*r = latex_decode(s), *m = latex_decode_markdown(s);
	char	*u = latex_url(s), *t;
	int	 c;

	for (c = CASE_LOWER; c <= CASE_TITLE; c++) {
		t = rich_change_case(r, (enum rich_case)c);
		free(t);
	}
	t = rich_plain(r);
	free(t);
	t = rich_slug(r);
	free(t);
	t = rich_add_period(m);
	free(t);
	free(r);
	free(m);
	free(u);
}

static void
names(const char *s)
{
	struct person	*p;
	struct name_key	*k;
	size_t		 n, i;
	char		*f;

	p = names_parse(s, &n, "fuzz.bib", 1);
	names_annotate(p, n, s, &f);
	free(f);
	for (i = 0; i < n; i++) {
		names_finish_marks(&p[i]);
		names_match(me, &p[i]);
		f = names_format(&p[i], (enum name_style)(i % 3));
		free(f);
	}
	names_free(p, n);
	if ((k = names_key_new(s)) != NULL)
		names_key_free(k);
}

static void
venue(const char *s)
{
	struct venue_match	 m;
	char			*rank;

	venue_resolve(venues, s, s, (enum venue_want)(strlen(s) % 3), &m);
	if (m.venue != NULL) {
		rank = venue_rank_label(venues, m.venue);
		free(rank);
	}
}

static void
select_expr(const char *s)
{
	struct filter	*f;
	struct entry	 e = { .type = "article", .key = "k",
			     .file = "fuzz.bib", .line = 1 };
	struct pub	 p;
	const char	*error;
	int		 column;

	memset(&p, 0, sizeof(p));
	p.entry = &e;
	p.year = 2024;
	if ((f = filter_parse(s, &column, &error)) != NULL) {
		filter_match(f, &p);
		filter_free(f);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	if (size == 0)
		return 0;
	s = fuzz_string(data + 1, size - 1);
	switch (data[0] % 4) {
	case 0:
		latex(s);
		break;
	case 1:
		names(s);
		break;
	case 2:
		venue(s);
		break;
	default:
		select_expr(s);
		break;
	}
	free(s);
	return 0;
}
