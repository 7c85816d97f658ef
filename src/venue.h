/*
 * venue.h: the venue database (bib/venues.tsv, see its header) and
 * venue resolution: from a booktitle or journal as real exports write
 * it to a venue, a label and a rank.
 */
#ifndef VENUE_H
#define VENUE_H

#include <stddef.h>

#define VENUE_MAX_RANKS 4

struct venue_rank {
	char	 system[16];	/* "ccf", "thcpl", ... */
	char	 cls[8];	/* "A", "B", ... */
};

struct venue {
	char			*abbr;	/* the label */
	char			*name;
	int			 journal;
	struct venue_rank	 ranks[VENUE_MAX_RANKS];
	size_t			 nranks;
	char			*words;	/* its names' words, for checks */
};

enum venue_how {
	VENUE_UNKNOWN,		/* nothing matched */
	VENUE_NAME,		/* the name or an alias */
	VENUE_ABBR,		/* an abbreviation in the string */
	VENUE_DBLP,		/* the dblp path of a DBLP:... key */
	VENUE_EXCLUDED,		/* a workshop, findings, companion, preprint... */
	VENUE_AMBIGUOUS		/* two venues matched */
};

struct venue_match {
	const struct venue	*venue;		/* NULL unless NAME, ABBR, DBLP */
	const struct venue	*other;		/* AMBIGUOUS: the second one */
	enum venue_how		 how;
	char			 why[160];	/* the key or word that decided */
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
/* "ccf,thcpl" or "none": the rank systems to show, first one wins. */
int		 venue_db_set_ranks(struct venue_db *, const char *list);
size_t		 venue_db_count(const struct venue_db *);

/* Resolve a venue string (LaTeX source); key is the citation key. */
void		 venue_resolve(const struct venue_db *, const char *latex,
		    const char *key, struct venue_match *);
/* "CCF-A": the first rank in the chosen order, or NULL. */
char		*venue_rank_label(const struct venue_db *,
		    const struct venue *);

/* Exposed for the unit tests: the normalized words of a venue string. */
char		*venue_clean(const char *plain, int loose);

#endif
