/*
 * emit.h: render a page of pubs through a theme into a file, in one of
 * the output formats.  Each format is an escaper and a line sink.
 */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

struct page;
struct theme;

struct emit_opts {
	const char	*format;	/* "md", "txt" */
	int		 width;		/* txt: wrap column */
};

int	emit_known_format(const char *);
/* Returns 0 if writing failed (errno is set). */
int	emit_page(const struct theme *, const struct page *,
	    const struct emit_opts *, FILE *);

#endif
