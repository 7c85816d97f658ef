/* SPDX-License-Identifier: ISC */
/*
 * fuzz_template: theme templates.  Bytes are a template: parsed, and run
 * in every output format over a page made from tests/golden/features.bib
 * (so every variable, filter and loop meets real data), Markdown fields
 * through cmark-gfm included.
 */
#include "config.h"

#include <stdio.h>

#include "emit/emit.h"
#include "read/bib.h"
#include "fuzz.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "read/entry.h"
#include "read/source.h"
#include "select/select.h"
#include "text/names.h"

/*
 * Loops nested deeper are parsed but not run.  Each level runs once for
 * every item of the levels around it, and a loop over the page's lists
 * can be entered again inside an entry, so the work of a template grows
 * as the product of its lists' lengths: one with groups and entries
 * nested 14 deep ran for over 10 s (a libFuzzer timeout) while doing
 * just what it asked.  The shipped themes nest 3 deep.
 */
#define FUZZ_LOOP_DEPTH	4

static struct entry_list	 entries;
static struct pub_list		 pubs;
static struct grouping		 groups;
static struct vars		 vars;
static FILE			*devnull;
static struct name_key		*me;
static struct norm_opts		 no;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct source	 src;
	struct buf	 path = { 0 };
	struct bib	*b;

	(void)argc;
	(void)argv;
	fuzz_setup();
	buf_printf(&path, "%s/tests/golden/features.bib", TOP_SRCDIR);
	entry_list_init(&entries);
	if (source_load(&src, path.data)) {
		b = bib_new();
		bib_read(b, &src, &entries);
		bib_free(b);
		source_free(&src);
	}
	buf_free(&path);
	me = names_key_new("Owner, Ada");
	no.me = &me;
	no.nme = 1;
	no.venues = NULL;
	no.want_abstract = 1;
	normalize_crossrefs(&entries);
	normalize(&entries, &no, &pubs);
	select_group(&pubs, GROUP_TYPE, NULL, &groups);
	vars_set(&vars, "title", "Fuzz <page> & \"title\"");
	vars_set(&vars, "show_counts", "1");
	devnull = fopen("/dev/null", "w");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "md", "html", "txt" };
	struct theme	 t;
	struct page	 pg;
	struct emit_opts eo = { .width = 40 };
	char		*text = fuzz_string(data, size);
	size_t		 i;

	memset(&t, 0, sizeof(t));
	t.page = tmpl_parse(text, "fuzz", NULL, NULL);
	t.entry = t.page;
	if (t.page != NULL && tmpl_loop_depth(t.page) <= FUZZ_LOOP_DEPTH) {
		page_init(&pg, &pubs, &groups, &vars);
		for (i = 0; i < 3; i++) {
			eo.format = formats[i];
			emit_page(&t, &pg, &eo, devnull);
			if (pubs.n > 0)
				emit_entry(&t, &pg, &pubs.v[0], &eo, devnull);
		}
		if (pubs.n > 0)
			free(emit_file_name(t.page, &pg, &pubs.v[0]));
		page_free(&pg);
	}
	tmpl_free(t.page);
	free(text);
	return 0;
}
