/* SPDX-License-Identifier: ISC */
/*
 * check.c: --check-venues, a table of how each entry's venue was
 * resolved and why, for a user who wants to know before publishing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "emit/emit.h"
#include "normalize/normalize.h"
#include "normalize/pub.h"
#include "normalize/venue.h"
#include "read/entry.h"

static const char *const how_names[] = {
	"unknown", "name", "abbreviation", "dblp key", "excluded",
	"ambiguous"
};

int
emit_check_venues(const struct entry_list *l, const struct venue_db *db,
    FILE *fp)
{
	const struct field	*f;
	struct venue_match	 m;
	const char		*abbr;
	char			*rank;
	size_t			 i;

	fputs("key\tfield\tvenue as written\tresolved\trank\thow\twhy\n",
	    fp);
	for (i = 0; i < l->n; i++) {
		const struct entry *e = l->v[i];
		int found;

		if (e->hidden)
			continue;
		f = normalize_venue_field(e);
		abbr = entry_get(e, "abbr");
		normalize_venue(e, db, &m);
		found = normalize_venue_found(&m);
		rank = found ? venue_rank_label(db, m.venue) : NULL;
		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t", e->key,
		    abbr != NULL && found && f == NULL ? "abbr" :
		    f != NULL ? f->name : "-", f != NULL ? f->value :
		    abbr != NULL ? abbr : "-", found ? m.venue->abbr : "-",
		    rank != NULL ? rank : "-", how_names[m.how]);
		if (m.how == VENUE_AMBIGUOUS)
			fprintf(fp, "%s or %s\n", m.venue->abbr,
			    m.other->abbr);
		else
			fprintf(fp, "%s\n", m.why[0] != '\0' ? m.why : "-");
		free(rank);
	}
	return fflush(fp) == 0 && !ferror(fp);
}
