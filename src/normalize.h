/*
 * normalize.h: turn entries into pubs -- the one canonical form every
 * emitter sees (mandoc's validate pass plays this part there).
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include <stddef.h>
#include <stdio.h>

struct entry_list;
struct pub_list;
struct pool;
struct name_key;
struct venue_db;

struct norm_opts {
	struct name_key	**me;		/* the page owner's names */
	size_t		  nme;
	const struct venue_db *venues;	/* NULL: labels as written */
};

/* Children inherit what their crossref parent has and they lack. */
void	normalize_crossrefs(struct entry_list *);
/* The same work under a second key (same DOI, or same title and year)
 * is merged into the first, with a warning. */
void	normalize_duplicates(struct entry_list *, struct pool *);
/*
 * One pub per visible entry, in file order (links go to l's arena);
 * with a pool, on both its threads, the diagnostics in the same order.
 */
void	normalize(struct entry_list *, const struct norm_opts *,
	    struct pub_list *, struct pool *);

/* --check-venues: one line per entry, how its venue was resolved. */
void	normalize_check_venues(const struct entry_list *,
	    const struct norm_opts *, FILE *);

/* Links: http, https, mailto and relative URLs only. */
int	url_is_safe(const char *);
/* "jan", "January", "1" -> 1; 0 if not a month. */
int	month_number(const char *);

#endif
