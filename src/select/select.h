/* SPDX-License-Identifier: ISC */
/*
 * select.h: which pubs appear, in what order, in which groups.
 */
#ifndef SELECT_H
#define SELECT_H

#include <stddef.h>

struct filter;
struct pub;
struct pub_list;
struct strmap;

enum sort_key {
	SORT_YEAR,	/* newest first, then month, then file order */
	SORT_NONE,	/* file order */
	SORT_TITLE,
	SORT_AUTHOR,	/* first author's family name, then given names */
	SORT_KEY
};

enum group_key {
	GROUP_NONE,
	GROUP_YEAR,	/* newest first; entries without a year last */
	GROUP_TYPE,	/* conference, journal, preprint, thesis, book, other */
	GROUP_RANK	/* by rank label; unranked last */
};

struct selection {
	enum sort_key		 sort;
	int			 reverse;
	const struct filter	*filter;	/* --select, or NULL */
	const struct strmap	*keys;		/* --keys, or NULL */
	size_t			 limit;		/* --limit, 0: all */
};

/* A run of pubs under one heading. */
struct group {
	char			*id;		/* "2025", "conference", "ccf-a" */
	char			*heading;	/* the id, or the rank; rich text */
	const char		*word;		/* its heading's name in a
						 * theme: "journal", "undated",
						 * or NULL */
	const struct pub	*pubs;
	size_t			 n;
};

struct grouping {
	struct group	*v;
	size_t		 n;
};

/* Drop what does not match, sort (stably), keep the first limit. */
void	select_pubs(struct pub_list *, const struct selection *);
/*
 * Reorder pubs by group, keeping their order inside each group, and
 * cut them into groups.  order: the type groups' ids in the order to
 * show them (NULL: the default).
 */
void	select_group(struct pub_list *, enum group_key, const char *order,
	    struct grouping *);
void	grouping_free(struct grouping *);

#endif
