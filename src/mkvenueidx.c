/* SPDX-License-Identifier: ISC */
/*
 * mkvenueidx: write the keys of every name in a venue file, the index
 * bib2pubs loads beside bib/venues.tsv so that start-up cleans no
 * names ("make venue-index"; tests/venues.test checks it is current).
 * Usage: mkvenueidx VENUES.TSV > VENUES.IDX
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/msg.h"
#include "normalize/venue.h"

int
main(int argc, char **argv)
{
	char	*index;
	int	 ok;

	if (argc != 2) {
		fprintf(stderr, "usage: mkvenueidx VENUES.TSV > VENUES.IDX\n");
		return 2;
	}
	if ((index = venue_db_index(argv[1])) == NULL)
		return msg_exit_status();
	ok = fputs(index, stdout) != EOF && fflush(stdout) == 0;
	free(index);
	if (!ok)
		perror("mkvenueidx: stdout");
	return ok ? 0 : 3;
}
