/*
 * normalize.h: turn entries into pubs -- the one canonical form every
 * emitter sees (mandoc's validate pass plays this part there).
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ahead;
struct entry;
struct entry_list;
struct msg_hold;
struct pub_list;
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
 * is merged into the first, with a warning.  Key hashes made ahead are
 * used where there are some (a may be NULL). */
void	normalize_duplicates(struct entry_list *, const struct ahead *a);
/*
 * One pub per visible entry, in file order, using what was made ahead
 * (a may be NULL), which it drops as it goes; the diagnostics come in
 * the order of one pass.
 */
void	normalize(struct entry_list *, const struct norm_opts *,
	    struct pub_list *, struct ahead *a);

/*
 * What normalize() and normalize_duplicates() need of one entry but its
 * venue, made on any thread (ahead.c), its diagnostics held for the
 * main thread: before the venue's and after.
 */
struct norm_ahead {
	uint64_t	 doi, title;	/* key hashes; 0: none, or not made */
	int		 year;
	unsigned char	 kind, month, selected, has_marks;
	struct msg_hold	*held;		/* [2], or NULL when nothing was said */
};

void	normalize_ahead(struct norm_ahead *, struct entry *, int keys);
void	norm_ahead_free(struct norm_ahead *);

/* --check-venues: one line per entry, how its venue was resolved. */
void	normalize_check_venues(const struct entry_list *,
	    const struct norm_opts *, FILE *);

/* Links: http, https, mailto and relative URLs only. */
int	url_is_safe(const char *);
/* "jan", "January", "1" -> 1; 0 if not a month. */
int	month_number(const char *);

#endif
