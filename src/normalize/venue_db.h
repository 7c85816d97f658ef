/* SPDX-License-Identifier: ISC */
/*
 * venue_db.h: the venue database (bib/venues.tsv, see its header): its
 * venues and ranks, loading it, and -- for venue_words.c, venue_db.c
 * and venue.c only -- its maps and the making of keys.
 */
#ifndef VENUE_DB_H
#define VENUE_DB_H

#include <stddef.h>

#include "base/util.h"

#define VENUE_MAX_RANKS 4

struct venue_rank {
	char	 system[16];	/* "ccf", "thcpl", ... */
	char	 cls[8];	/* "A", "B", ... */
};

struct venue {
	char			*abbr;	/* the label */
	char			*name;
	char			*name_zh;	/* the first alias in Chinese
						 * characters (软件学报), or NULL */
	int			 journal;
	int			 both;	/* a conference with a journal too */
	struct venue_rank	 ranks[VENUE_MAX_RANKS];
	size_t			 nranks;
	char			*words;	/* its names' words, for checks */
};

struct venue_db;

struct venue_db	*venue_db_new(void);
void		 venue_db_free(struct venue_db *);
/*
 * Add the venues of a file; user files (--venues) override the rows and
 * keys of earlier files.  Returns 0 after a diagnostic.
 */
int		 venue_db_load(struct venue_db *, const char *path, int user);
/*
 * The keys of every name in a venue file, as bib/venues.idx holds them
 * for bib/venues.tsv (loaded in its place when it matches); NULL after
 * a diagnostic.
 */
char		*venue_db_index(const char *path);
/* "ccf,thcpl" or "none": the rank systems to show, first one wins;
 * "ccf:A,thcpl:A" or "ccf:A/B" shows only those levels of a system. */
int		 venue_db_set_ranks(struct venue_db *, const char *list);
size_t		 venue_db_count(const struct venue_db *);
/* Warn about a --ranks system or level no venue has, once loaded. */
void		 venue_db_check_ranks(const struct venue_db *);

/* "CCF-A": the first rank in the chosen order, or NULL. */
char		*venue_rank_label(const struct venue_db *,
		    const struct venue *);

/* Exposed for the unit tests: the normalized words of a venue string. */
char		*venue_clean(const char *plain, int loose);

/* ---- below: for the venue files only ---- */

#define MAX_SYSTEMS 8

/* What a key points to: a venue, or two (ambiguous). */
struct vkey {
	struct venue	*v;
	struct venue	*other;
	int		 user;	/* from --venues: wins over shipped keys */
};

/* A name of several words, found by its initials (venue_db.c). */
struct vname {
	struct venue	*v;
	const char	*words;		/* its strict key */
	struct vname	*next;		/* the next name */
	struct vname	*same;		/* the next with the same initials */
};

struct venue_db {
	struct venue	**v;
	size_t		  n;
	struct strmap	 *strict;	/* clean(name, 0) -> vkey */
	struct strmap	 *loose;	/* clean(name, 1) -> vkey */
	struct strmap	 *abbrs;	/* abbr_key(, 0) -> vkey */
	struct strmap	 *abbrs_loose;	/* abbr_key(, 1) -> vkey */
	struct strmap	 *dblp;		/* "conf/icml" -> vkey */
	struct strmap	 *initials;	/* "itwc" -> vname list, when asked */
	struct vname	 *names;	/* every name of two words or more */
	struct strmap	 *labels;	/* lowercase abbr -> venue */
	struct strmap	 *cache;	/* venue string -> struct venue_match */
	struct arena	  arena;	/* venues, keys: freed all at once */
	struct buf	  strict_key, loose_key;	/* index_name's */
	char		 *index;	/* bib/venues.idx, when it fits */
	char		 *index_next;	/* its next line of keys */
	struct buf	 *record;	/* venue_db_index's output */
	char		  systems[MAX_SYSTEMS][16];
	char		  levels[MAX_SYSTEMS][16];	/* "A/B"; "" all */
	size_t		  nsystems;
};

/* What a word is to venue matching; see the lists above. */
enum word_class {
	WORD_KEPT = 0,
	WORD_DROPPED = 1,
	WORD_PUBLISHER = 2,
	WORD_GENERIC = 4,
	WORD_EXCLUDED = 8
};

/* The initials of a key's words, into out; 0 when it has fewer than
 * two words or more than out holds. */
int	 venue_initials(const char *key, char *out, size_t size);
/* The names with these initials: the map is made on the first call, as
 * most runs never ask. */
const struct vname *venue_db_initials(const struct venue_db *,
	    const char *initials);

/* venue_words.c */
int	 venue_word_in(const char *w, size_t n, enum word_class);
char	*venue_fold(const char *);
void	 venue_clean_words(const char *plain, struct buf *strict,
	    struct buf *loose);
char	*venue_abbr_key(const char *plain, int loose);
int	 venue_key_has_content(const char *key);
const char *venue_excluded_word(const char *plain, const char *skip);

#endif
