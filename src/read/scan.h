/* SPDX-License-Identifier: ISC */
/*
 * scan.h: find the entries of a cleaned source and check their syntax,
 * so that libbtparse is only ever handed text it accepts.  The scanner
 * knows where each entry, key and field begins and ends; it does not
 * build values (bib.c asks libbtparse for those).
 */
#ifndef SCAN_H
#define SCAN_H

#include <stddef.h>

struct source;

struct span {
	const char	*p;	/* into the source text, not NUL-terminated */
	size_t		 len;
};

struct scan_field {
	struct span	 name;
	struct span	 text;	/* "name = value # value", as written */
	int		 line;	/* line of the name */
};

enum scan_kind {
	SCAN_ENTRY,		/* @article{key, ...} and every other type */
	SCAN_STRING		/* @string{name = value} */
};

struct scan_entry {
	enum scan_kind		 kind;
	struct span		 type;
	struct span		 key;	/* len 0 if missing */
	int			 line;	/* line of the '@' */
	struct scan_field	*fields;
	size_t			 nfields;
	size_t			 fieldcap;
};

struct scanner {
	const struct source	*src;
	const char		*p;	/* next byte to look at */
	const char		*end;
	int			 line;	/* line of p */
	const char		*held_end; /* past a @comment holding entries */
	struct span		 held_type; /* "comment" or "preamble" */
	int			 held_line; /* the line of its '@' */
};

void	scan_init(struct scanner *, const struct source *);
/* Fills the entry (reusing its field array); returns 0 at end of input. */
int	scan_next(struct scanner *, struct scan_entry *);
void	scan_entry_free(struct scan_entry *);

/* Characters BibTeX (and libbtparse) accept in types, fields and macros. */
int	scan_is_name_char(unsigned char);

#endif
