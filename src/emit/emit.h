/* SPDX-License-Identifier: ISC */
/*
 * emit.h: render a page of pubs through a theme into a file, in one of
 * the output formats.  Each format is an escaper and a line sink.
 */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

struct page;
struct pub;
struct pub_list;
struct theme;
struct tmpl;

struct emit_opts {
	const char	*format;	/* "md", "html", "txt", "tex" */
	int		 width;		/* txt: wrap column */
	int		 unsafe;	/* raw HTML in Markdown fields passes */
};

int	emit_known_format(const char *);
/* -f json: no theme, the pubs as a JSON array (emit_json.c). */
int	emit_json(const struct pub_list *, FILE *);
/* --check-venues: how each entry's venue resolves (check.c). */
struct entry_list;
struct venue_db;
int	emit_check_venues(const struct entry_list *, const struct venue_db *,
	    FILE *);
/* Returns 0 if writing failed (errno is set). */
int	emit_page(const struct theme *, const struct page *,
	    const struct emit_opts *, FILE *);
/* --split: one entry through the theme's entry template. */
int	emit_entry(const struct theme *, const struct page *,
	    const struct pub *, const struct emit_opts *, FILE *);
/* --split DIR: each pub into its own file, named by the split_name
 * template pattern (NULL: "$key$.md"), and with cite (NULL: none) its
 * BibTeX in a file of that name beside it; 0 after a diagnostic. */
int	emit_split(const struct theme *, const struct page *,
	    const struct pub_list *, const struct emit_opts *, const char *dir,
	    const char *pattern, const char *cite);
/* --split: the file name a theme's split_name template gives an entry;
 * values are reduced to letters, digits, '.', '_' and '-'.  Caller frees. */
char	*emit_file_name(const struct tmpl *, const struct page *,
	    const struct pub *);

#endif
