/* SPDX-License-Identifier: ISC */
/*
 * venue.h: venue resolution: from a booktitle or journal as real
 * exports write it to a venue of the database (venue_db.h), a label
 * and a rank.
 */
#ifndef VENUE_H
#define VENUE_H

#include <stddef.h>

#include "normalize/venue_db.h"

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

/* Resolve a venue string (LaTeX source); key is the citation key. */
void		 venue_resolve(const struct venue_db *, const char *latex,
		    const char *key, struct venue_match *);
#endif
