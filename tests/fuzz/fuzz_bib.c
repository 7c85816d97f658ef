/* SPDX-License-Identifier: ISC */
/*
 * fuzz_bib: the whole path.  Bytes are a .bib file: cleaned, scanned,
 * parsed by libbtparse, normalized (crossrefs, duplicates, venues, the
 * owner), selected, sorted and grouped, and written through one of the
 * shipped themes or as JSON.  The first byte chooses the sort and
 * grouping, the length the theme, so every path gets its share.
 */
#include "config.h"

#include <stdio.h>

#include "emit/emit.h"
#include "read/bib.h"
#include "select/filter.h"
#include "fuzz.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "normalize/venue.h"
#include "read/entry.h"
#include "read/source.h"
#include "select/select.h"
#include "text/names.h"

static struct venue_db	*venues;
static struct name_key	*me;
static struct filter	*filter;
static FILE		*devnull;
static struct {
	const char	*format, *theme;
	struct theme	 t;
	struct vars	 vars;
} themes[] = {
	{ .format = "md", .theme = "academicpages" },
	{ .format = "md", .theme = "hugo" },
	{ .format = "html", .theme = "default" },
	{ .format = "html", .theme = "fragment" },
	{ .format = "txt", .theme = "plain" },
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*error;
	size_t		 i;
	int		 column;

	(void)argc;
	(void)argv;
	fuzz_setup();
	venues = fuzz_venues();
	me = names_key_new("Zhang, Jintao");
	filter = filter_parse("year >= 2000 or title : \"a\" or has(code)",
	    &column, &error);
	devnull = fopen("/dev/null", "w");
	for (i = 0; i < sizeof(themes) / sizeof(themes[0]); i++) {
		theme_load(&themes[i].t, themes[i].theme, themes[i].format,
		    &themes[i].vars);
		if (strcmp(themes[i].format, "md") == 0)
			theme_load_entry(&themes[i].t, themes[i].format);
	}
	return 0;
}

static void
render(const struct pub_list *pubs, const struct grouping *g, size_t which)
{
	struct emit_opts eo = { .width = 60 };
	struct page	 pg;
	size_t		 i = which, k;

	if (i == sizeof(themes) / sizeof(themes[0])) {
		emit_json(pubs, devnull);
		return;
	}
	page_init(&pg, pubs, g, &themes[i].vars);
	eo.format = themes[i].format;
	eo.unsafe = i == 2;
	emit_page(&themes[i].t, &pg, &eo, devnull);
	for (k = 0; themes[i].t.entry != NULL && k < pubs->n; k++)
		emit_entry(&themes[i].t, &pg, &pubs->v[k], &eo, devnull);
	page_free(&pg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entry_list	 entries;
	struct pub_list		 pubs = { .v = NULL };
	struct grouping		 g;
	struct source		 src;
	struct selection	 sel = { 0 };
	struct norm_opts	 no = { .me = &me, .nme = 1, .venues = venues,
				    .want_abstract = 1 };
	struct bib		*b;
	char			*copy;
	unsigned		 mode = size > 0 ? data[0] : 0;

	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	source_from_memory(&src, "fuzz.bib", copy, size);
	entry_list_init(&entries);
	b = bib_new();
	bib_read(b, &src, &entries);
	bib_free(b);
	source_free(&src);
	normalize_crossrefs(&entries);
	normalize_duplicates(&entries);
	normalize(&entries, &no, &pubs);
	sel.sort = (enum sort_key)(mode % 5);
	sel.reverse = (mode >> 3) & 1;
	sel.filter = (mode >> 4) & 1 ? filter : NULL;
	sel.limit = (mode >> 5) & 1 ? 3 : 0;
	select_pubs(&pubs, &sel);
	select_group(&pubs, (enum group_key)((mode >> 6) & 3), NULL, &g);
	render(&pubs, &g, size % (sizeof(themes) / sizeof(themes[0]) + 1));
	grouping_free(&g);
	pub_list_free(&pubs);
	entry_list_free(&entries);
	return 0;
}
