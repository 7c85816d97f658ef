/* SPDX-License-Identifier: ISC */
/*
 * coauthors.h: --coauthors FILE, the homepages of co-authors: al-folio's
 * _data/coauthors.yml (a family name, then a list of {firstname: [...],
 * url: ...}) or a TSV of "name<TAB>url" lines.
 */
#ifndef COAUTHORS_H
#define COAUTHORS_H

#include <stddef.h>

struct name_key;

/* One person of the file, with every spelling of the name it gives. */
struct coauthor {
	char		 *name;		/* the first spelling, "Chang, D." */
	char		**specs;	/* each spelling, "Chang, D." */
	struct name_key	**keys;		/* each matched as --me matches */
	size_t		  nkeys;
	char		 *url;		/* as written; NULL once refused */
	int		  line;
};

struct coauthors {
	char		*path;
	int		(*safe)(const char *);
	struct coauthor	*v;
	size_t		 n;
};

/*
 * Read path: YAML unless it ends in .tsv, or its first line that is no
 * comment has a tab.  A malformed person is an error at FILE:LINE and
 * left out; a file that cannot be read or parsed leaves the list
 * empty.  A url that safe() refuses is a warning, and the person is
 * kept without one (matched, never linked).  Returns 1, 0 if there was
 * an error, -1 if the file could not be read.
 */
int	coauthors_load(struct coauthors *, const char *path,
	    int (*safe)(const char *url));
void	coauthors_free(struct coauthors *);

#endif
