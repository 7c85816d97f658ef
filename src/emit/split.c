/*
 * split.c: --split DIR, one file per entry through the theme's entry
 * template, named by its split_name template.
 */
#include "config.h"

#include <stdlib.h>

#include "base/msg.h"
#include "base/util.h"
#include "emit/emit.h"
#include "emit/output.h"
#include "emit/template.h"
#include "emit/theme.h"
#include "emit/view.h"
#include "normalize/pub.h"

/*
 * The entry's BibTeX beside its file, as Hugo Blox keeps a cite.bib
 * beside each publication's index.md: path is the entry's file, cite
 * the name to give it.
 */
static int
write_cite(const struct page *pg, const struct pub *p, const char *path,
    const char *cite)
{
	const char	*slash = strrchr(path, '/');
	struct output	 out;
	struct buf	 where = { 0 };
	char		*bibtex;
	int		 ok;

	buf_put(&where, path, slash != NULL ? (size_t)(slash - path) + 1 : 0);
	buf_puts(&where, cite);
	if ((ok = output_open_small(&out, where.data))) {
		bibtex = view_bibtex(pg, p);
		fputs(bibtex, out.fp);
		fputc('\n', out.fp);
		free(bibtex);
		ok = output_close(&out, 1);
	}
	buf_free(&where);
	return ok;
}

int
emit_split(const struct theme *t, const struct page *pg,
    const struct pub_list *pubs, const struct emit_opts *eo, const char *dir,
    const char *pattern, const char *cite)
{
	struct strmap	*used = strmap_new();
	struct tmpl	*name_tmpl;
	struct output	 out;
	struct buf	 path = { 0 };
	char		*name;
	size_t		 i;
	int		 ok = 1;

	if (pattern == NULL)
		pattern = "$key$.md";
	if ((name_tmpl = tmpl_parse(pattern, "split_name", NULL, NULL)) ==
	    NULL) {
		strmap_free(used, NULL);
		return 0;
	}
	for (i = 0; i < pubs->n && ok; i++) {
		const struct pub *p = &pubs->v[i];

		name = emit_file_name(name_tmpl, pg, p);
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", dir, name);
		if (!output_safe_relative(name) ||
		    strmap_get(used, name) != NULL)
			msg(MSG_ERROR, p->entry->file, p->entry->line, "no "
			    "file for '%s': its name '%s' is %s", p->entry->key,
			    name, output_safe_relative(name) ? "already taken" :
			    "not a file name");
		else if ((ok = output_make_parents(path.data) &&
		    output_open_small(&out, path.data))) {
			ok = output_close(&out, emit_entry(t, pg, p, eo,
			    out.fp));
			if (ok && cite != NULL && cite[0] != '\0')
				ok = write_cite(pg, p, path.data, cite);
		}
		strmap_put(used, name, (void *)1);
		free(name);
	}
	buf_free(&path);
	tmpl_free(name_tmpl);
	strmap_free(used, NULL);
	return ok;
}
