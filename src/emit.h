/*
 * emit.h: render a page of pubs through a theme into a file, in one of
 * the output formats.  Each format is an escaper and a line sink.
 */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

struct page;
struct pub_list;
struct theme;

struct emit_opts {
	const char	*format;	/* "md", "html", "txt" */
	int		 width;		/* txt: wrap column */
	int		 unsafe;	/* raw HTML in Markdown fields passes */
};

int	emit_known_format(const char *);
/* -f json: no theme, the pubs as a JSON array (emit_json.c). */
int	emit_json(const struct pub_list *, FILE *);
/* Returns 0 if writing failed (errno is set). */
int	emit_page(const struct theme *, const struct page *,
	    const struct emit_opts *, FILE *);

#endif
