/* SPDX-License-Identifier: ISC */
/*
 * normalize.h: turn entries into pubs -- the one canonical form every
 * emitter sees (mandoc's validate pass plays this part there).
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include <stddef.h>

#include "read/entry.h"

struct arena;
struct entry;
struct entry_list;
struct field;
struct coauthors;
struct name_key;
struct pub;
struct pub_list;
struct venue_db;
struct venue_match;

struct norm_opts {
	struct name_key	**me;		/* the page owner's names */
	size_t		  nme;
	const struct coauthors *coauthors; /* homepages, or NULL */
	const struct venue_db *venues;	/* NULL: labels as written */
	int		  want_abstract; /* decode abstracts (a theme shows them) */
	int		  no_ranks;	/* --ranks none: no venue warnings */
	const char	 *asset_base;	/* bare file names in pdf, slides... */
	const char	 *html_base;	/* ... and in html go under these */
	const char	 *preview_base;	/* ... and in preview (an image) */
};

/* crossref.c: children inherit what their parent has and they lack. */
void	normalize_crossrefs(struct entry_list *);
/* duplicates.c: the same work under a second key (same DOI, or same
 * title and year) is merged into the first, with a warning. */
void	normalize_duplicates(struct entry_list *);
/*
 * pub.c: one complete pub per visible entry, in file order, with every
 * warning about it.  out's pubs borrow the entries.
 */
void	normalize(const struct entry_list *, const struct norm_opts *,
	    struct pub_list *out);

/* The field that says where the work appeared, or NULL. */
const struct field *normalize_venue_field(const struct entry *);
/* The entry's venue as the database resolves it: an abbr field first. */
void	normalize_venue(const struct entry *, const struct venue_db *,
	    struct venue_match *);
/* Did the match find a venue? */
int	normalize_venue_found(const struct venue_match *);


/* links.c: p's links and DOI from e, with a warning per unsafe one;
 * their strings in a. */
void	normalize_links(struct pub *p, const struct entry *e,
	    const struct norm_opts *, struct arena *a);

/* Links: http, https, mailto and relative URLs only. */
int	url_is_safe(const char *);

#endif
