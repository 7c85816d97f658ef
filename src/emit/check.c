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
	const char		*written;
	char			*rank;
	size_t			 i;
	int			 found;

	fputs("key\tfield\tvenue as written\tresolved\trank\thow\twhy\t"
	    "lost\n", fp);
	for (i = 0; i < l->n; i++) {
		const struct entry *e = l->v[i];

		if (e->hidden)
			continue;
		f = normalize_venue_field(e);
		normalize_venue(e, db, &m);
		found = normalize_venue_found(&m);
		rank = found ? venue_rank_label(db, m.venue) : NULL;
		written = m.field != NULL ? entry_get(e, m.field) : NULL;
		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t", e->key,
		    m.field != NULL ? m.field : "-", written != NULL ? written :
		    f != NULL ? f->value : "-", found ? m.venue->abbr : "-",
		    rank != NULL ? rank : "-", how_names[m.how]);
		if (m.how == VENUE_AMBIGUOUS)
			fprintf(fp, "%s or %s", m.venue->abbr, m.other->abbr);
		else
			fputs(m.why[0] != '\0' ? m.why : "-", fp);
		fprintf(fp, "\t%s\n", m.lost[0] != '\0' ? m.lost : "-");
		free(rank);
	}
	return fflush(fp) == 0 && !ferror(fp);
}
