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

/* What kind of venue a field names: booktitle a conference, journal a
 * journal; other fields either.  A field that is an abbreviation and
 * nothing else ("journal = {ICML}", al-folio's habit) may name a venue
 * of the other kind, unless WANT_STRICT. */
enum venue_want {
	WANT_ANY = 0,
	WANT_CONFERENCE = 1,
	WANT_JOURNAL = 2,
	WANT_STRICT = 4		/* an abbr field: even alone, of the kind */
};

struct venue_match {
	const struct venue	*venue;		/* NULL unless NAME, ABBR, DBLP */
	const struct venue	*other;		/* AMBIGUOUS: the second one */
	enum venue_how		 how;
	const char		*field;		/* the field that decided */
	char			 why[160];	/* the key or word that decided */
	char			 lost[160];	/* a candidate that lost, and why */
};

/*
 * Resolve a venue string (LaTeX source) as a field of the kind want
 * writes it; key is the citation key.  A name of several words is
 * evidence whatever the field (Scholar writes NeurIPS in journal); a
 * one-word name or an abbreviation must be of the wanted kind, and a
 * venue of that kind wins over one of the other.
 */
void		 venue_resolve(const struct venue_db *, const char *latex,
		    const char *key, enum venue_want, struct venue_match *);
/* Does the rest of the string fit v's names (no word of another venue)? */
int		 venue_fits(const struct venue *v, const char *latex);
/* Is v of the kind want asks for? */
int		 venue_is(const struct venue *v, enum venue_want want);
#endif
